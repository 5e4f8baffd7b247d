"""The game's timings, from settings, in one frozen place the world and its systems share."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rules:
    item_respawn: float = 600.0
    time_scale: float = 6.0
    combat_round: float = 3.0
    regen: float = 5.0
    bleed: float = 4.0
    npc_corpse_decay: float = 300.0
    player_corpse_decay: float = 1800.0
    lucidity_recovery: float = 60.0
