"""Knowing things: who is about, your own score, the time, and help."""

from __future__ import annotations

from datetime import UTC, datetime

from mythosmud.commands.base import Command, Context, command
from mythosmud.systems.advancement import MAX_LEVEL, xp_for_level
from mythosmud.systems.clock import describe, game_time
from mythosmud.world.defs import STATS
from mythosmud.world.model import Player
from mythosmud.world.render import dollars

CATEGORY_TITLES = {
    "information": "Looking about",
    "movement": "Getting around",
    "communication": "Talking",
    "items": "Things",
    "combat": "Fighting",
    "trade": "Buying and selling",
    "general": "Everything else",
}


WHO_LINES = 50  # names listed by a bare `who`; `who <name>` finds the rest


@command("who", category="information", awake=False)
def who(ctx: Context, arg: str) -> None:
    """List the investigators abroad in Arkham, or find one by the start of a name.

    With many abroad, the first fifty by name are listed and the rest counted.

    Usage: who [name]
    Example: who, who ada
    """
    everyone = ctx.world.online_players()
    shown = arg.strip()[:20]
    prefix = shown.lower()
    if prefix:
        matches = [p for p in everyone if p.key.startswith(prefix)]
        if not matches:
            ctx.reply(f"No investigator whose name begins with '{shown}' is abroad.")
            return
        heading = f"Investigators abroad whose names begin with '{shown}':"
    else:
        matches, heading = everyone, "Investigators abroad in Arkham:"
    lines = [heading]
    for p in matches[:WHO_LINES]:
        profession = p.profession.replace("-", " ").title()
        note = " (lost in thought)" if p.session_id is None else ""
        lines.append(f"  {p.name}, {profession}, level {p.level}{note}")
    if len(matches) > WHO_LINES:
        lines.append(f"  ...and {len(matches) - WHO_LINES} more. Type 'who <name>' to find one.")
    count = len(everyone)
    lines.append(f"{count} investigator{'s' if count != 1 else ''} in all.")
    ctx.reply("\n".join(lines))


@command("score", aliases=("sc",), category="information", awake=False)
def score(ctx: Context, arg: str) -> None:
    """Show your investigator: profession, level, characteristics and condition.

    Usage: score
    """
    p = ctx.player
    stats = p.stats
    pairs = [f"{name.upper():>4} {stats.get(name, 0):>3}" for name in STATS]
    rows = ["   ".join(pairs[i : i + 3]) for i in range(0, len(pairs), 3)]
    lines = [
        f"{p.name}, {p.profession.replace('-', ' ').title()}, level {p.level}",
        *rows,
        f"Determination {p.hp}/{p.maxhp}   Magic {p.mp}/{p.maxmp}   "
        f"Lucidity {p.lucidity}/{p.maxlucidity}",
        f"Experience {p.xp}, {_to_next(p)}",
        f"Money {dollars(p.money)}   Burden {p.carried_weight:.1f} of "
        f"{p.carry_capacity:.0f} pounds",
    ]
    if not p.conscious:
        lines.append("You are mortally wounded.")
    ctx.reply("\n".join(lines))


def _to_next(player: Player) -> str:
    if player.level >= MAX_LEVEL:
        return "and there is nothing left to learn"
    return f"{xp_for_level(player.level + 1) - player.xp} more for level {player.level + 1}"


@command("time", category="information", awake=False)
def time_(ctx: Context, arg: str) -> None:
    """Tell the hour and date in Arkham, where time runs faster than in the waking world.

    Usage: time
    """
    ctx.reply(describe(game_time(datetime.now(UTC), ctx.world.rules.time_scale)))


def _help_index(ctx: Context) -> str:
    groups: dict[str, list[Command]] = {}
    for cmd in ctx.registry.commands:
        if cmd.category == "movement" and cmd.name != "go":
            continue
        groups.setdefault(cmd.category, []).append(cmd)
    lines = ["Commands (type 'help <command>' for more):"]
    for category, title in CATEGORY_TITLES.items():
        cmds = groups.get(category)
        if not cmds:
            continue
        lines.append(f"{title}:")
        lines.extend(f"  {c.name:<10} {c.summary}" for c in cmds)
    lines.append("Directions: north south east west up down northeast northwest")
    lines.append("  southeast southwest in out (or n s e w u d ne nw se sw).")
    topics = [t.topic for t in ctx.world.content.help_topics]
    if topics:
        lines.append(f"Topics: {', '.join(topics)}.")
    return "\n".join(lines)


@command("help", aliases=("?",), category="information", awake=False)
def help_(ctx: Context, arg: str) -> None:
    """Read about a command or a topic; 'help' alone lists them all.

    Usage: help
           help <command or topic>
    """
    word = arg.split(" ", 1)[0].lower()
    if not word:
        ctx.reply(_help_index(ctx))
        return
    cmd = ctx.registry.lookup(word)
    if cmd is not None:
        also = f"\nAlso: {', '.join(cmd.aliases)}" if cmd.aliases else ""
        ctx.reply(f"{cmd.name}: {cmd.help}{also}")
        return
    for topic in ctx.world.content.help_topics:
        if word == topic.topic.lower() or word in (k.lower() for k in topic.keywords):
            ctx.reply(f"{topic.topic}: {topic.text.strip()}")
            return
    hint = ctx.registry.suggest(word)
    tail = f" Did you mean '{hint}'?" if hint else " Type 'help' for the list."
    ctx.fail(f"There is no help on '{word[:20]}'.{tail}")
