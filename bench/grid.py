"""A larger world for the capacity benchmark: the bundled content plus a grid of town streets.

Capacity at one command per 2 s is limited by how many players share a room, not by how many
commands arrive (docs/performance.md): every arrival, departure, say and emote goes to
everyone present, so the frames sent grow with players x players per room. The bundled world
has 71 rooms, so 5,000 players there stand 70 to a room, which no MUD of that size would hold.
This module writes a content tree with a `grid` area of `side` x `side` lit street
rooms (no NPCs, nothing to kill anyone) beside the bundled areas, for measuring the server at
a density a world of that population would have. Only the benchmark uses it.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from mythosmud.config import PACKAGE_DIR

STREETS = ("Crane", "Marsh", "Pickman", "Derby", "Boundary", "Powder Mill", "Walnut", "Lich")
FRONTS = (
    "shuttered shop fronts with their awnings rolled up for the night",
    "tall brick houses whose curtains are drawn against the street",
    "a row of gambrel roofs leaning together like old women whispering",
    "a vacant lot where the weeds have grown taller than a man",
    "a chandler's, a cobbler's and a closed tobacconist in one sooty block",
)
SKIES = (
    "The fog has come up from the river and the gas lamps burn in it like drowned moons.",
    "A thin rain falls, and somewhere a gutter drips with the patience of a clock.",
    "The wind carries the smell of the tannery and, under it, something older.",
    "The cobbles are wet and give back the lamplight in long, wavering streaks.",
)


def room_id(x: int, y: int) -> str:
    return f"r{x}-{y}"


def grid_rooms(side: int, seed: int = 1926) -> list[dict[str, object]]:
    rng = random.Random(seed)
    rooms = []
    for y in range(side):
        for x in range(side):
            street = STREETS[(x + 3 * y) % len(STREETS)]
            exits = {}
            if y > 0:
                exits["north"] = room_id(x, y - 1)
            if y < side - 1:
                exits["south"] = room_id(x, y + 1)
            if x < side - 1:
                exits["east"] = room_id(x + 1, y)
            if x > 0:
                exits["west"] = room_id(x - 1, y)
            rooms.append(
                {
                    "id": room_id(x, y),
                    "name": f"{street} Street, block {x + 1}-{y + 1}",
                    "description": (
                        f"{street} Street runs between {rng.choice(FRONTS)}. "
                        f"{rng.choice(SKIES)} The corner ahead is lost in shadow."
                    ),
                    "exits": exits,
                }
            )
    return rooms


def write_grid_world(target: Path, side: int) -> list[str]:
    """Write the content tree to `target`; the grid's room ids, for placing characters."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(PACKAGE_DIR / "content", target)
    area = target / "areas" / "grid"
    area.mkdir()
    (area / "area.yaml").write_text(
        yaml.safe_dump(
            {
                "id": "grid",
                "name": "The Benchmark Streets",
                "description": "Generated streets for the capacity benchmark (bench/grid.py).",
            }
        )
    )
    rooms = grid_rooms(side)
    (area / "rooms.yaml").write_text(yaml.safe_dump({"rooms": rooms}, sort_keys=False))
    return [f"grid:{room['id']}" for room in rooms]
