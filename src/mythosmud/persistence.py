"""The persister: takes character snapshots from the world and writes them in the background.

The world never waits on SQL. Snapshots queue by character (the newest wins); one writer task
writes each batch in one transaction, so characters saved together (an item handed over) are
saved atomically. A failed batch is retried a character at a time, so that one bad record
cannot hold back the others; what still fails is logged and retried later.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from mythosmud.db.uow import UnitOfWork
from mythosmud.world.state import CharacterState

log = logging.getLogger("mythosmud.persistence")

RETRY_SECONDS = 1.0
MAX_ATTEMPTS = 30  # about half a minute of retries before a character's save is given up


class Persister:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        on_saved: Callable[[int], None] = lambda n: None,
    ) -> None:
        self._sessions = sessions
        self._on_saved = on_saved
        self._pending: dict[int, CharacterState] = {}
        self._inflight: set[int] = set()
        self._wake = asyncio.Event()
        self._written = asyncio.Condition()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self.writes = 0  # completed write attempts; readers use it to spot a save they missed
        self._failures: dict[int, int] = {}

    def save(self, states: list[CharacterState]) -> None:
        """Queue snapshots to be written in the next transaction."""
        for state in states:
            self._pending[state.id] = state
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="persister")

    async def _run(self) -> None:
        while not self._stopping:
            await self._wake.wait()
            self._wake.clear()
            await self.write_pending()

    async def write_pending(self) -> None:
        """Write everything queued, one transaction for the lot (keeps batches together)."""
        if not self._pending:
            return
        states = list(self._pending.values())
        self._pending.clear()
        self._inflight = {s.id for s in states}
        try:
            failed = await self._write(states)
            if len(states) > 1 and failed:
                failed = [state for state in failed if await self._write([state])]
            for state in failed:
                self._failures[state.id] = self._failures.get(state.id, 0) + 1
                if self._failures[state.id] >= MAX_ATTEMPTS:
                    log.error("giving up saving %s (id %d)", state.name, state.id)
                    del self._failures[state.id]
                    continue
                self._pending.setdefault(state.id, state)
            if failed and not self._stopping:
                await asyncio.sleep(RETRY_SECONDS)
                self._wake.set()
        finally:
            self.writes += 1
            self._inflight = set()
            async with self._written:
                self._written.notify_all()

    async def _write(self, states: list[CharacterState]) -> list[CharacterState]:
        """One transaction; the states that could not be written (all of them, or none)."""
        try:
            async with UnitOfWork(self._sessions) as uow:
                await uow.characters.save(states)
                await uow.commit()
        except Exception:
            log.exception("saving %d characters in one transaction failed", len(states))
            return states
        self._on_saved(len(states))
        return []

    def is_pending(self, character_id: int) -> bool:
        return character_id in self._pending or character_id in self._inflight

    async def flushed(self, character_id: int) -> None:
        """Wait until no write for this character is queued or under way."""
        async with self._written:
            await self._written.wait_for(lambda: not self.is_pending(character_id))

    async def close(self) -> None:
        """Write what is left and stop."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            await self._task
            self._task = None
        for _ in range(3):
            if not self._pending:
                break
            await self.write_pending()
