"""The game tick: what happens every second, and what happens on its own slower clocks."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mythosmud.systems import npcs
from mythosmud.systems.combat import combat_round
from mythosmud.systems.death import decay_corpses
from mythosmud.systems.vitals import bleed_out, recover_lucidity, regenerate

if TYPE_CHECKING:
    from mythosmud.world.world import World

log = logging.getLogger("mythosmud.tick")


@dataclass
class Schedule:
    """When each slow clock next strikes."""

    next_at: dict[str, float] = field(default_factory=dict)

    def due(self, name: str, now: float, every: float) -> bool:
        at = self.next_at.setdefault(name, now + every)
        if now < at:
            return False
        self.next_at[name] = now + every
        return True


def _respawn_items(world: World) -> None:
    world.respawn_items()


def tick(world: World, schedule: Schedule) -> None:
    """Everything the world does by itself; the tick never touches the database. Each system
    is guarded: one that fails is logged and the others still run."""
    now = world.clock()
    rules = world.rules
    slow: list[tuple[str, float, Callable[[World], None]]] = [
        ("combat", rules.combat_round, combat_round),
        ("regen", rules.regen, regenerate),
        ("bleed", rules.bleed, bleed_out),
        ("lucidity", rules.lucidity_recovery, recover_lucidity),
    ]
    due = [run for name, every, run in slow if schedule.due(name, now, every)]
    for system in (_respawn_items, npcs.respawn, npcs.behave, *due, decay_corpses):
        try:
            system(world)
        except Exception:
            log.exception("%s failed", system.__name__)
