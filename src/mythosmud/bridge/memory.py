"""The in-process bus: NATS's semantics (wildcards, queue groups, request/reply) in memory.

Each subscription delivers in order through its own queue and task, as a NATS subscription
does, so a slow handler never delays the publisher.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import random

from mythosmud.bridge.bus import Handler, Message, NoResponders, RequestTimeout, subject_matches


class _MemorySubscription:
    def __init__(self, bus: MemoryBus, pattern: str, handler: Handler, queue: str) -> None:
        self.bus = bus
        self.pattern = pattern
        self.handler = handler
        self.queue = queue
        self.inbox: asyncio.Queue[Message | None] = asyncio.Queue()
        self.task = asyncio.create_task(self._deliver(), name=f"bus:{pattern}")

    async def _deliver(self) -> None:
        while (message := await self.inbox.get()) is not None:
            try:
                await self.handler(message)
            except Exception:  # a failing handler must not stop the subscription
                self.bus.errors += 1

    async def unsubscribe(self) -> None:
        if self in self.bus.subscriptions:
            self.bus.subscriptions.remove(self)
            self.inbox.put_nowait(None)
            await self.task


class MemoryBus:
    """A bus in this process. `connect()` gives another client of the same bus, as a second
    NATS connection would be: its subscriptions and its `drain` are its own."""

    def __init__(self, shared: list[_MemorySubscription] | None = None) -> None:
        self.subscriptions: list[_MemorySubscription] = shared if shared is not None else []
        self.errors = 0
        self._inbox_ids = itertools.count(1)
        self._rng = random.Random()
        self._prefix = f"_INBOX.{id(self):x}."

    def connect(self) -> MemoryBus:
        return MemoryBus(self.subscriptions)

    async def publish(self, subject: str, data: bytes, reply: str = "") -> None:
        self._route(Message(subject, data, reply))

    def _route(self, message: Message) -> int:
        groups: dict[str, list[_MemorySubscription]] = {}
        delivered = 0
        for sub in self.subscriptions:
            if not subject_matches(sub.pattern, message.subject):
                continue
            if sub.queue:
                groups.setdefault(sub.queue, []).append(sub)
            else:
                sub.inbox.put_nowait(message)
                delivered += 1
        for members in groups.values():
            self._rng.choice(members).inbox.put_nowait(message)
            delivered += 1
        return delivered

    async def subscribe(
        self, subject: str, handler: Handler, queue: str = ""
    ) -> _MemorySubscription:
        sub = _MemorySubscription(self, subject, handler, queue)
        self.subscriptions.append(sub)
        return sub

    async def request(self, subject: str, data: bytes, timeout: float = 2.0) -> Message:
        inbox = f"{self._prefix}{next(self._inbox_ids)}"
        answer: asyncio.Future[Message] = asyncio.get_running_loop().create_future()

        async def on_reply(message: Message) -> None:
            if not answer.done():
                answer.set_result(message)

        sub = await self.subscribe(inbox, on_reply)
        try:
            if self._route(Message(subject, data, inbox)) == 0:
                raise NoResponders(f"no one listens on {subject}")
            try:
                return await asyncio.wait_for(answer, timeout)
            except TimeoutError as exc:
                raise RequestTimeout(f"no reply on {subject} in {timeout} s") from exc
        finally:
            await sub.unsubscribe()

    async def drain(self) -> None:
        """Deliver what is queued, then stop this client's subscriptions."""
        subs = [sub for sub in self.subscriptions if sub.bus is self]
        for sub in subs:
            self.subscriptions.remove(sub)
            sub.inbox.put_nowait(None)
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*(sub.task for sub in subs))
