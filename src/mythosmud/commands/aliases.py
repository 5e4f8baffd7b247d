"""Player aliases: short words that stand for longer commands, saved with the character."""

from __future__ import annotations

import re

from mythosmud.commands.base import Context, command

MAX_ALIASES = 30
MAX_EXPANSION = 200
PROTECTED = frozenset({"alias", "unalias", "aliases", "quit", "help"})
_NAME = re.compile(r"^[a-z0-9]{1,20}$")


@command("alias", category="general", awake=False)
def alias(ctx: Context, arg: str) -> None:
    """Make a word stand for a longer command. '$*' marks where the rest of the line goes.

    Usage: alias                      (list your aliases)
           alias <word>               (show one)
           alias <word> <command>     (set one)
    Example: alias gc get candle
             alias ww whisper Ada $*
    """
    name, _, expansion = arg.partition(" ")
    name, expansion = name.lower(), expansion.strip()
    if not name:
        aliases(ctx, "")
        return
    if not expansion:
        current = ctx.player.aliases.get(name)
        if current is None:
            ctx.fail(f"You have no alias '{name[:20]}'.")
        else:
            ctx.reply(f"{name} = {current}")
        return
    if not _NAME.match(name):
        ctx.fail("An alias is 1 to 20 lowercase letters or digits.")
        return
    if name in PROTECTED:
        ctx.fail(f"'{name}' cannot be an alias.")
        return
    if len(expansion) > MAX_EXPANSION:
        ctx.fail(f"An alias may stand for at most {MAX_EXPANSION} characters.")
        return
    if name not in ctx.player.aliases and len(ctx.player.aliases) >= MAX_ALIASES:
        ctx.fail(f"You already have {MAX_ALIASES} aliases; remove one with 'unalias'.")
        return
    ctx.player.aliases[name] = expansion
    ctx.world.mark_dirty(ctx.player)
    ctx.reply(f"Alias set: {name} = {expansion}")


@command("unalias", category="general", awake=False)
def unalias(ctx: Context, arg: str) -> None:
    """Forget an alias.

    Usage: unalias <word>
    """
    name = arg.split(" ", 1)[0].lower()
    if ctx.player.aliases.pop(name, None) is None:
        ctx.fail(f"You have no alias '{name[:20]}'." if name else "Unalias what?")
        return
    ctx.world.mark_dirty(ctx.player)
    ctx.reply(f"Alias removed: {name}")


@command("aliases", category="general", awake=False)
def aliases(ctx: Context, arg: str) -> None:
    """List your aliases.

    Usage: aliases
    """
    if not ctx.player.aliases:
        ctx.reply("You have no aliases. See 'help alias'.")
        return
    lines = ["Your aliases:"]
    lines.extend(f"  {k} = {v}" for k, v in sorted(ctx.player.aliases.items()))
    ctx.reply("\n".join(lines))
