"""Rolling investigators: nine Call of Cthulhu-style characteristics and what derives from them."""

from __future__ import annotations

import random

from mythosmud.world.defs import STATS, ProfessionDef
from mythosmud.world.state import CharacterState

# Characteristics rolled on 2d6+6 (times five); the rest on 3d6 (times five).
_TWO_D6_PLUS_SIX = frozenset({"siz", "int", "edu"})
MAX_LUCIDITY = 99


def roll_stats(rng: random.Random) -> dict[str, int]:
    stats = {}
    for stat in STATS:
        if stat in _TWO_D6_PLUS_SIX:
            total = rng.randint(1, 6) + rng.randint(1, 6) + 6
        else:
            total = sum(rng.randint(1, 6) for _ in range(3))
        stats[stat] = total * 5
    return stats


def meets_requirements(profession: ProfessionDef | None, stats: dict[str, int]) -> bool:
    if profession is None:
        return True
    return all(stats.get(stat, 0) >= minimum for stat, minimum in profession.requirements.items())


def apply_modifiers(profession: ProfessionDef, stats: dict[str, int]) -> dict[str, int]:
    return {
        stat: max(5, min(99, value + profession.modifiers.get(stat, 0)))  # type: ignore[call-overload]
        for stat, value in stats.items()
    }


def derived(stats: dict[str, int]) -> dict[str, int]:
    """Determination points, magic points and lucidity, as a new investigator has them."""
    hp = max(1, (stats["con"] + stats["siz"]) // 10)
    mp = max(1, stats["pow"] // 5)
    return {
        "hp": hp,
        "maxhp": hp,
        "mp": mp,
        "maxmp": mp,
        "lucidity": stats["pow"],
        "maxlucidity": MAX_LUCIDITY,
    }


def new_investigator(
    account_id: int, name: str, profession: ProfessionDef, rolled: dict[str, int], room_id: str
) -> CharacterState:
    """A level-1 investigator from a roll: modifiers applied, vitals derived, kit in hand."""
    stats = apply_modifiers(profession, rolled)
    vitals = derived(stats)
    return CharacterState(
        id=0,
        account_id=account_id,
        name=name,
        profession=profession.id,
        level=1,
        stats=stats,
        hp=vitals["hp"],
        maxhp=vitals["maxhp"],
        mp=vitals["mp"],
        maxmp=vitals["maxmp"],
        lucidity=vitals["lucidity"],
        maxlucidity=vitals["maxlucidity"],
        room_id=room_id,
        money=profession.starting_money,
        inventory=list(profession.starting_items),
    )
