"""Typed facts the world emits, and the small bus that hands them to subscribers.

Events are frozen dataclasses named in the past tense. Handlers run inline, in the world's
hands, so they must not block; async work (saving, NATS) is queued by the handler.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

E = TypeVar("E")


@dataclass(frozen=True)
class PlayerEntered:
    name: str
    room: str


@dataclass(frozen=True)
class PlayerLeft:
    name: str
    room: str
    quit: bool


@dataclass(frozen=True)
class PlayerMoved:
    name: str
    origin: str
    destination: str
    direction: str


@dataclass(frozen=True)
class Said:
    name: str
    room: str
    text: str


@dataclass(frozen=True)
class Whispered:
    name: str
    target: str
    text: str


@dataclass(frozen=True)
class PlayerDied:
    name: str
    room: str


@dataclass(frozen=True)
class ItemGiven:
    giver: str
    receiver: str
    item: str


class EventBus:
    """Event type to handlers; `emit` calls each handler synchronously."""

    def __init__(self) -> None:
        self._handlers: dict[type, list[Callable[[Any], None]]] = defaultdict(list)

    def subscribe(self, event_type: type[E], handler: Callable[[E], None]) -> None:
        self._handlers[event_type].append(handler)

    def emit(self, event: object) -> None:
        for handler in self._handlers.get(type(event), ()):
            handler(event)
