"""The Mythos calendar: Arkham's own clock, running `time_scale` times faster than ours.

Real time is mapped from a fixed anchor, so every process and every restart agrees on the date.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

REAL_ANCHOR = datetime(2026, 12, 1, tzinfo=UTC)
GAME_ANCHOR = datetime(1926, 10, 1, 6, 0)
SYNODIC_DAYS = 29.530588
KNOWN_NEW_MOON = datetime(1926, 9, 6, 12, 0)

_HOURS = (
    "twelve",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
)
_PHASES = (
    "a new moon, or none at all",
    "a waxing crescent",
    "at its first quarter",
    "waxing gibbous",
    "full and pale",
    "waning gibbous",
    "at its last quarter",
    "a waning crescent",
)


def game_time(real: datetime, scale: float) -> datetime:
    return GAME_ANCHOR + (real - REAL_ANCHOR) * scale


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def spoken_time(moment: datetime) -> str:
    """'a quarter past nine in the evening' and the like, to the nearest quarter hour."""
    rounded = moment + timedelta(minutes=7.5)
    quarter = rounded.minute // 15
    hour = rounded.hour
    named_hour = hour + 1 if quarter == 3 else hour
    name = _HOURS[named_hour % 12]
    if named_hour % 24 == 0 and quarter in (0, 3):
        clock = "midnight"
    elif named_hour % 24 == 12 and quarter in (0, 3):
        clock = "noon"
    else:
        clock = name
    lead = ("", "a quarter past ", "half past ", "a quarter to ")[quarter]
    text = f"{lead}{clock}" if clock in ("midnight", "noon") else f"{lead}{name}"
    if clock not in ("midnight", "noon"):
        text += " o'clock" if quarter == 0 else ""
        text += f" {_part_of_day(named_hour % 24)}"
    return text


def _part_of_day(hour: int) -> str:
    if 5 <= hour < 12:
        return "in the morning"
    if 12 <= hour < 18:
        return "in the afternoon"
    if 18 <= hour < 22:
        return "in the evening"
    return "at night"


def moon_phase(moment: datetime) -> str:
    age = ((moment - KNOWN_NEW_MOON).total_seconds() / 86400) % SYNODIC_DAYS
    return _PHASES[int((age / SYNODIC_DAYS) * 8 + 0.5) % 8]


def sky(moment: datetime) -> str:
    hour = moment.hour
    if 5 <= hour < 7:
        return "A gray dawn is creeping over the gambrel roofs."
    if 7 <= hour < 17:
        return "Daylight lies thin and watery over the town."
    if 17 <= hour < 20:
        return "Dusk is gathering in the narrow streets, and the lamplighters are abroad."
    return "Night has settled over Arkham, and the river fog is rising."


def describe(moment: datetime) -> str:
    date = f"{moment:%A}, the {_ordinal(moment.day)} of {moment:%B}, {moment.year}"
    return f"It is {spoken_time(moment)}, {date}.\n{sky(moment)}\nThe moon is {moon_phase(moment)}."
