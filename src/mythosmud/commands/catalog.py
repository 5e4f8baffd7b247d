"""The standard command set: every module whose `@command`s the game registers, in the order
their verbs win prefix look-ups (so 'l' is look and 'i' is inventory)."""

from __future__ import annotations

from mythosmud.commands import (
    aliases,
    combat,
    comms,
    info,
    items,
    look,
    movement,
    rest,
    shop,
    system,
)
from mythosmud.commands.registry import Registry, collect

MODULES = (look, movement, combat, items, comms, shop, info, rest, aliases, system)


def standard_registry() -> Registry:
    return collect(MODULES)
