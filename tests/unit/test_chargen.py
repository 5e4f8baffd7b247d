import random

from mythosmud.systems.chargen import apply_modifiers, derived, meets_requirements, roll_stats
from mythosmud.world.defs import STATS, ProfessionDef

DOCTOR = ProfessionDef(
    id="doctor",
    name="Doctor",
    description="A physician.",
    requirements={"edu": 70},
    modifiers={"edu": 5, "app": -5},
)


def test_rolls_follow_the_dice() -> None:
    rng = random.Random(7)
    for _ in range(500):
        stats = roll_stats(rng)
        assert list(stats) == list(STATS)
        for stat, value in stats.items():
            assert value % 5 == 0
            low, high = (40, 90) if stat in ("siz", "int", "edu") else (15, 90)
            assert low <= value <= high, (stat, value)


def test_requirements_and_modifiers() -> None:
    stats = dict.fromkeys(STATS, 50) | {"edu": 70}
    assert meets_requirements(DOCTOR, stats)
    assert not meets_requirements(DOCTOR, stats | {"edu": 65})
    assert meets_requirements(None, stats)
    modified = apply_modifiers(DOCTOR, stats | {"app": 7})
    assert modified["edu"] == 75 and modified["app"] == 5


def test_derived_values() -> None:
    stats = dict.fromkeys(STATS, 50) | {"con": 60, "siz": 75, "pow": 65}
    assert derived(stats) == {
        "hp": 13,
        "maxhp": 13,
        "mp": 13,
        "maxmp": 13,
        "lucidity": 65,
        "maxlucidity": 99,
    }
