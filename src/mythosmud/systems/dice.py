"""Dice: '2d6+1' and friends, rolled on the world's seeded random source."""

from __future__ import annotations

import random

from mythosmud.world.defs import DICE


def roll(spec: str, rng: random.Random) -> int:
    match = DICE.match(spec)
    if match is None:
        raise ValueError(f"not dice: {spec!r}")
    count, sides, bonus = int(match[1]), int(match[2]), int(match[3] or 0)
    return sum(rng.randint(1, sides) for _ in range(count)) + bonus


def damage_bonus(strength: int, size: int) -> str | None:
    """Call of Cthulhu's damage bonus from STR + SIZ, as dice to add (or subtract)."""
    total = strength + size
    if total < 65:
        return "1d2-3"  # -2..-1
    if total < 85:
        return "1d1-2"  # -1
    if total < 125:
        return None
    if total < 165:
        return "1d4"
    return "1d6"
