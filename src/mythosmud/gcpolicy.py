"""Keeping Python's cyclic garbage collector from pausing the game for long.

A full (generation 2) collection walks every tracked object. With thousands of players that is
millions of objects and a pause of several hundred milliseconds, and while the population grows
such collections come one after another (measured: 45 ms to 470 ms each while 4,000 players
logged in; docs/performance.md, finding 15). So, once a full collection has run, the survivors
are frozen (`gc.freeze`): later collections walk only what is newer. Frozen objects are still
freed as soon as nothing refers to them; only garbage in reference cycles among them waits,
for the thorough collection that unfreezes and collects everything every `full_every` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from typing import Any

log = logging.getLogger("mythosmud.gc")


class CollectorPolicy:
    def __init__(self, full_every: float, check_every: float = 1.0) -> None:
        self.full_every = full_every
        self.check_every = check_every
        self.freeze_due = False
        self.next_full = time.monotonic() + full_every
        self._task: asyncio.Task[None] | None = None

    def on_collection(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "stop" and info["generation"] == 2:
            self.freeze_due = True

    def step(self) -> None:
        """Freeze after a full collection; unfreeze and collect everything when that is due."""
        if self.full_every > 0 and time.monotonic() >= self.next_full:
            self.next_full = time.monotonic() + self.full_every
            started = time.perf_counter()
            gc.unfreeze()
            found = gc.collect()
            gc.freeze()
            self.freeze_due = False
            log.info(
                "full collection: %d unreachable objects, %.0f ms",
                found,
                (time.perf_counter() - started) * 1000,
            )
        elif self.freeze_due:
            self.freeze_due = False
            gc.freeze()

    def start(self) -> None:
        gc.callbacks.append(self.on_collection)
        self._task = asyncio.create_task(self._run(), name="gc-policy")

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.check_every)
            self.step()

    async def stop(self) -> None:
        if self.on_collection in gc.callbacks:
            gc.callbacks.remove(self.on_collection)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
