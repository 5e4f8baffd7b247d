from datetime import datetime

from mythosmud.systems.clock import GAME_ANCHOR, REAL_ANCHOR, describe, game_time, spoken_time


def test_game_time_runs_faster() -> None:
    assert game_time(REAL_ANCHOR, 6) == GAME_ANCHOR
    later = REAL_ANCHOR.replace(hour=1)
    assert (game_time(later, 6) - GAME_ANCHOR).total_seconds() == 6 * 3600


def test_spoken_time() -> None:
    assert spoken_time(datetime(1926, 9, 1, 21, 14)) == "a quarter past nine in the evening"
    assert spoken_time(datetime(1926, 9, 1, 0, 2)) == "midnight"
    assert spoken_time(datetime(1926, 9, 1, 11, 55)) == "noon"
    assert spoken_time(datetime(1926, 9, 1, 6, 0)) == "six o'clock in the morning"
    assert spoken_time(datetime(1926, 9, 1, 14, 44)) == "a quarter to three in the afternoon"


def test_describe_names_the_day_and_moon() -> None:
    text = describe(datetime(1926, 10, 21, 22, 30))
    assert text.startswith("It is half past ten at night, Thursday, the 21st of October, 1926.")
    assert "The moon is" in text
