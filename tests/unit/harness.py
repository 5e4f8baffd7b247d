"""A tiny world to play in: fakes for the transport and the saver, and `play()`."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from mythosmud.commands.catalog import standard_registry
from mythosmud.commands.dispatch import Dispatcher
from mythosmud.systems import npcs
from mythosmud.systems.rules import Rules
from mythosmud.systems.tick import Schedule, tick
from mythosmud.world.loader import load_content
from mythosmud.world.model import Player
from mythosmud.world.state import CharacterState, restore
from mythosmud.world.world import World

FIXTURE_WORLD = Path(__file__).resolve().parent.parent / "fixtures" / "world"


@dataclass
class FakeTransport:
    frames: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    closed: dict[str, int] = field(default_factory=dict)

    def send(self, session_id: str, body: bytes) -> None:
        self.frames.setdefault(session_id, []).append(orjson.loads(body))

    def close(self, session_id: str, code: int, reason: str) -> None:
        self.closed[session_id] = code


@dataclass
class FakeSaver:
    saved: list[list[CharacterState]] = field(default_factory=list)

    def save(self, states: list[CharacterState]) -> None:
        self.saved.append(states)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Game:
    """The fixture world with fakes, and helpers that read like play."""

    def __init__(self) -> None:
        self.transport = FakeTransport()
        self.saver = FakeSaver()
        self.clock = FakeClock()
        self.world = World(
            load_content(FIXTURE_WORLD),
            self.transport,
            self.saver,
            clock=self.clock,
            rules=Rules(item_respawn=60),
            rng=random.Random(1926),
        )
        npcs.populate(self.world)
        self.schedule = Schedule()
        self.dispatcher = Dispatcher(standard_registry())
        self._next_id = 1

    def join(self, name: str, room: str = "test:hall", **changes: Any) -> Player:
        fields: dict[str, Any] = {
            "id": self._next_id,
            "account_id": self._next_id,
            "name": name,
            "profession": "doctor",
            "level": 1,
            "stats": {
                "str": 50,
                "con": 50,
                "siz": 60,
                "dex": 50,
                "app": 50,
                "int": 70,
                "pow": 55,
                "edu": 70,
                "luck": 45,
            },
            "hp": 11,
            "maxhp": 11,
            "mp": 11,
            "maxmp": 11,
            "lucidity": 55,
            "maxlucidity": 99,
            "room_id": room,
        }
        state = CharacterState(**(fields | changes))
        self._next_id += 1
        player = restore(self.world, state)
        self.world.enter(player, f"s-{name.lower()}")
        return player

    def advance(self, seconds: float, step: float = 1.0) -> None:
        """Let game time pass, ticking once a second as the server does."""
        elapsed = 0.0
        while elapsed < seconds:
            self.clock.now += step
            elapsed += step
            tick(self.world, self.schedule)

    def frames(self, player: Player) -> list[dict[str, Any]]:
        return self.transport.frames.setdefault(f"s-{player.key}", [])

    def texts(self, player: Player) -> list[str]:
        return [f["text"] for f in self.frames(player) if f["type"] == "text"]

    def clear(self) -> None:
        self.transport.frames.clear()

    def play(self, player: Player, line: str, re: Any = None) -> list[dict[str, Any]]:
        """Run a line as the player types it; return the frames the player received."""
        before = len(self.frames(player))
        self.dispatcher.handle(self.world, player, line, re)
        return self.frames(player)[before:]

    def say(self, player: Player, line: str) -> str:
        """Run a line; return the player's text output joined."""
        return "\n".join(f["text"] for f in self.play(player, line) if f["type"] == "text")
