"""The one pipeline every line goes through: clean, expand aliases, find, check role, run."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from mythosmud.commands.base import ROLES, Context
from mythosmud.commands.registry import Registry
from mythosmud.text import clean
from mythosmud.world.model import Player
from mythosmud.world.world import World

log = logging.getLogger("mythosmud.commands")

# One-character prefixes that stand for a verb, as classic MUD clients expect.
SHORTHANDS = {"'": "say", '"': "say", ":": "emote", ",": "emote"}

Observer = Callable[[str, float], None]


def expand_alias(player: Player, line: str) -> str:
    word, _, rest = line.partition(" ")
    expansion = player.aliases.get(word.lower())
    if expansion is None:
        return line
    if "$*" in expansion:
        return expansion.replace("$*", rest).strip()
    return f"{expansion} {rest}".strip()


class Dispatcher:
    def __init__(
        self, registry: Registry, *, max_input_chars: int = 500, observe: Observer | None = None
    ) -> None:
        self.registry = registry
        self.max_input_chars = max_input_chars
        self.observe = observe

    def handle(self, world: World, player: Player, raw: str, re: Any = None) -> None:
        started = time.perf_counter()
        line = clean(raw, self.max_input_chars)
        if line[:1] in SHORTHANDS:
            line = f"{SHORTHANDS[line[0]]} {line[1:]}"
        line = expand_alias(player, line)
        word, _, arg = line.partition(" ")
        verb = word.lower()
        cmd = self.registry.lookup(verb) if verb else None
        ctx = Context(world, player, self.registry, verb, re)
        if not verb:
            ctx.reply("You hesitate. (Type 'help' for a list of commands.)")
        elif cmd is None or ROLES.index(player.role) < ROLES.index(cmd.role):
            ctx.fail(self._unknown(verb))
        elif cmd.awake and not player.conscious:
            ctx.fail("You are mortally wounded. You can do little but speak, and wait for help.")
        else:
            try:
                cmd.func(ctx, arg.strip())
            except Exception:  # a bug in one command must not take the session or world down
                log.exception("command %r failed for %s", cmd.name, player.name)
                ctx.fail("Something went wrong, and nothing more was done.")
            if not ctx.answered:
                ctx.reply("Done.")
        if self.observe:
            self.observe(cmd.name if cmd else "unknown", time.perf_counter() - started)

    def _unknown(self, verb: str) -> str:
        shown = verb if len(verb) <= 20 else verb[:20] + "..."
        hint = self.registry.suggest(verb)
        if hint:
            return f"You do not know how to '{shown}'. Did you mean '{hint}'?"
        return f"You do not know how to '{shown}'. Type 'help' for a list of commands."
