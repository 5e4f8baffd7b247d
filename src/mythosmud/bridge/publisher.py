"""One task publishes in the order things were queued, and batches per loop iteration."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from mythosmud.bridge.bus import Bus

log = logging.getLogger("mythosmud.bridge")


class OrderedPublisher:
    """Queue (subject, data) pairs from synchronous code; a task publishes them in order."""

    def __init__(self, bus: Bus) -> None:
        self.bus = bus
        self._queue: asyncio.Queue[tuple[str, bytes]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="publisher")

    def put(self, subject: str, data: bytes) -> None:
        self._queue.put_nowait((subject, data))

    async def _run(self) -> None:
        while True:
            subject, data = await self._queue.get()
            try:
                await self.bus.publish(subject, data)
            except Exception as exc:  # the bus is down: the message is lost
                log.warning("publish to %s failed: %s", subject, exc)
            finally:
                self._queue.task_done()

    async def flush(self, grace: float = 2.0) -> None:
        """Publish what is queued (up to `grace` seconds), then stop."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(grace):
                await self._queue.join()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
