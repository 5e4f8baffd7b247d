"""The bus interface both adapters implement, and NATS subject matching.

Subjects are dot-separated tokens. In a subscription `*` matches exactly one token and `>`
matches one or more trailing tokens, as in NATS.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol


class BusError(Exception):
    """The bus could not do what was asked."""


class NoResponders(BusError):
    """A request went to a subject that nobody listens on."""


class RequestTimeout(BusError):
    """A request got no reply in time."""


class BusUnavailable(BusError):
    """The bus cannot be reached."""


@dataclass(frozen=True)
class Message:
    subject: str
    data: bytes
    reply: str = ""


Handler = Callable[[Message], Awaitable[None]]
Listener = Callable[[], Awaitable[None]]  # told when the connection to the bus is lost


class Subscription(Protocol):
    async def unsubscribe(self) -> None: ...


class Bus(Protocol):
    """What the game needs from a message bus, and nothing more."""

    async def publish(self, subject: str, data: bytes, reply: str = "") -> None: ...

    async def subscribe(self, subject: str, handler: Handler, queue: str = "") -> Subscription: ...

    async def request(self, subject: str, data: bytes, timeout: float = 2.0) -> Message: ...

    async def drain(self) -> None: ...


def subject_matches(pattern: str, subject: str) -> bool:
    """Whether a concrete subject matches a subscription pattern with `*` and `>`."""
    wanted = pattern.split(".")
    tokens = subject.split(".")
    for index, token in enumerate(wanted):
        if token == ">":
            return len(tokens) > index
        if index >= len(tokens) or (token != "*" and token != tokens[index]):
            return False
    return len(tokens) == len(wanted)
