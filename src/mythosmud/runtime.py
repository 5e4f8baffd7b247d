"""The runtime: the world with its persister, dispatcher and tick.

Connections meet the world only here, through `join`, `handle` and `detach`; the world answers
through its `Transport` (the session hub in one process, NATS in the world role).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from typing import Any

from mythosmud.commands.catalog import standard_registry
from mythosmud.commands.dispatch import Dispatcher
from mythosmud.config import Settings
from mythosmud.db.uow import UnitOfWork
from mythosmud.metrics import Metrics
from mythosmud.persistence import Persister
from mythosmud.systems import npcs
from mythosmud.systems.tick import Schedule, tick
from mythosmud.world import render
from mythosmud.world.loader import Content
from mythosmud.world.model import Player
from mythosmud.world.state import CharacterState, restore
from mythosmud.world.world import Transport, World, info_body, presence_body, text_frame

log = logging.getLogger("mythosmud.runtime")


class Runtime:
    def __init__(
        self,
        settings: Settings,
        content: Content,
        persister: Persister,
        metrics: Metrics,
        sessions: Any,
        transport: Transport,
    ) -> None:
        self.settings = settings
        self.metrics = metrics
        self.persister = persister
        self.db_sessions = sessions
        self.world = World(
            content,
            transport,
            persister,
            clock=time.monotonic,
            rules=settings.rules(),
        )
        self.dispatcher = Dispatcher(
            standard_registry(),
            max_input_chars=settings.max_input_chars,
            observe=metrics.observe_command,
        )
        self._tick_task: asyncio.Task[None] | None = None
        self.schedule = Schedule()
        npcs.populate(self.world)

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> None:
        self.persister.start()
        self._tick_task = asyncio.create_task(self._tick_loop(), name="tick")

    async def _tick_loop(self) -> None:
        while True:
            await asyncio.sleep(self.settings.tick_seconds)
            try:
                self.tick()
            except Exception:  # systems guard themselves; this is the last line
                log.exception("tick failed")
            try:
                self.world.save_dirty(self.settings.autosave_seconds, self.saves_per_tick())
            except Exception:
                log.exception("autosave failed")

    def saves_per_tick(self) -> int:
        """Twice the rate that writes everyone once per autosave interval (and at least 50):
        a backlog drains within half an interval, without a long pause in any one tick."""
        settings = self.settings
        steady = len(self.world.players) * settings.tick_seconds / settings.autosave_seconds
        return max(50, 2 * math.ceil(steady))

    def tick(self) -> None:
        self.world.expire_linkdead(self.settings.linkdead_seconds)
        self.metrics.players_online.set(len(self.world.players))
        tick(self.world, self.schedule)

    async def stop(self) -> None:
        """Save everyone in play and stop the background tasks."""
        if self._tick_task is not None:
            self._tick_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._tick_task
        self.world.save_all()
        await self.persister.close()

    # -- characters in play -------------------------------------------------------------------

    def in_play(self, name: str) -> Player | None:
        return self.world.find_player(name)

    async def load(self, name: str) -> CharacterState | None:
        """A character's stored state, after any save of it still under way."""
        writes = self.persister.writes
        async with UnitOfWork(self.db_sessions) as uow:
            state = await uow.characters.by_name(name)
        # A save may have been queued, or finished, while we read: then read again after it.
        if state is not None and (
            self.persister.is_pending(state.id) or self.persister.writes != writes
        ):
            await self.persister.flushed(state.id)
            async with UnitOfWork(self.db_sessions) as uow:
                state = await uow.characters.by_name(name)
        return state

    async def attach(self, session_id: str, account_id: int, name: str) -> Player | int:
        """Put the account's character in play for this session; 4403 if it is not theirs."""
        player = self.in_play(name)
        stored = None if player else await self.load(name)
        owner = player.account_id if player else (stored.account_id if stored else None)
        if owner != account_id:
            return 4403
        return self.join(session_id, name, stored)

    def join(self, session_id: str, name: str, stored: CharacterState | None) -> Player:
        """Put the character in play for this session, taking over any older session."""
        world = self.world
        player = world.find_player(name)
        if player is not None:
            old = player.session_id
            if old is not None and old != session_id:
                world.transport.close(old, 4409, "replaced by a newer session")
                world.sessions.pop(old, None)
            world.attach(player, session_id)
            world.tell_room(player.room, f"{player.name} stirs and looks about.", exclude=player)
        elif stored is not None:
            player = restore(world, stored)
            world.enter(player, session_id)
        else:
            raise LookupError(f"{name} is neither in play nor stored")
        self.greet(player)
        self.metrics.players_online.set(len(world.players))
        return player

    def greet(self, player: Player) -> None:
        world = self.world
        world.send_body(player, info_body(player.room))
        world.send_body(player, presence_body(player.room))
        world.send_vitals(player)
        world.send(player, text_frame(render.describe_room(player.room, player), "room"))

    def handle(self, session_id: str, line: str, re: Any = None) -> None:
        player = self.world.sessions.get(session_id)
        if player is not None:
            self.dispatcher.handle(self.world, player, line, re)

    def detach(self, session_id: str) -> None:
        """The socket is gone: linkdead if the character is still in play on this session."""
        self.world.detach(session_id)
