"""The runtime: the world with its sessions, persister and tick, as one process runs them.

Connections meet the world only here, through `join`, `handle` and `leave`; the world answers
through the session hub, which is its `Transport`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

from mythosmud.commands.catalog import standard_registry
from mythosmud.commands.dispatch import Dispatcher
from mythosmud.config import Settings
from mythosmud.db.uow import UnitOfWork
from mythosmud.metrics import Metrics
from mythosmud.net.session import Session
from mythosmud.persistence import Persister
from mythosmud.systems import npcs
from mythosmud.systems.tick import Schedule, tick
from mythosmud.world import render
from mythosmud.world.loader import Content
from mythosmud.world.model import Player
from mythosmud.world.state import CharacterState, restore
from mythosmud.world.world import World, text_frame

log = logging.getLogger("mythosmud.runtime")


class SessionHub:
    """The sessions of this process, by id: the world's transport."""

    def __init__(self) -> None:
        self.sessions: dict[str, Session] = {}

    def send(self, session_id: str, body: bytes) -> None:
        session = self.sessions.get(session_id)
        if session is not None:
            session.push(body)

    def close(self, session_id: str, code: int, reason: str) -> None:
        session = self.sessions.get(session_id)
        if session is not None:
            session.close(code, reason)


class Runtime:
    def __init__(
        self,
        settings: Settings,
        content: Content,
        persister: Persister,
        metrics: Metrics,
        sessions: Any,
    ) -> None:
        self.settings = settings
        self.metrics = metrics
        self.persister = persister
        self.db_sessions = sessions
        self.hub = SessionHub()
        self.world = World(
            content,
            self.hub,
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
        next_save = time.monotonic() + self.settings.autosave_seconds
        while True:
            await asyncio.sleep(self.settings.tick_seconds)
            try:
                self.tick()
                if time.monotonic() >= next_save:
                    next_save = time.monotonic() + self.settings.autosave_seconds
                    self.world.save_dirty()
            except Exception:
                log.exception("tick failed")

    def tick(self) -> None:
        tick(self.world, self.schedule)
        self.world.expire_linkdead(self.settings.linkdead_seconds)
        self.metrics.players_online.set(len(self.world.players))

    async def close_sessions(self, code: int, reason: str) -> None:
        """Close every socket (shutdown: 1001) and give the writers a moment to finish."""
        for session in list(self.hub.sessions.values()):
            session.close(code, reason)
        waits = [s.done.wait() for s in self.hub.sessions.values()]
        if waits:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.gather(*waits), timeout=2.0)

    async def stop(self) -> None:
        """Save everyone in play and stop the background tasks."""
        if self._tick_task is not None:
            self._tick_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._tick_task
        await self.close_sessions(1001, "server shutting down")
        self.world.save_all()
        await self.persister.close()

    # -- sessions ---------------------------------------------------------------------------

    def new_session(self, session_id: str, send_text: Any, close_socket: Any) -> Session:
        session = Session(
            session_id,
            send_text,
            close_socket,
            max_frames=self.settings.outbox_frames,
            on_sent=self.metrics.frames_sent.inc,
            on_overflow=self.metrics.outbox_overflows.inc,
        )
        self.hub.sessions[session_id] = session
        self.metrics.sessions_open.inc()
        return session

    def in_play(self, name: str) -> Player | None:
        return self.world.find_player(name)

    async def load(self, name: str) -> CharacterState | None:
        """A character's stored state, after any save of it still under way."""
        async with UnitOfWork(self.db_sessions) as uow:
            state = await uow.characters.by_name(name)
        if state is not None and self.persister.is_pending(state.id):
            await self.persister.flushed(state.id)
            async with UnitOfWork(self.db_sessions) as uow:
                state = await uow.characters.by_name(name)
        return state

    def join(self, session: Session, name: str, stored: CharacterState | None) -> Player:
        """Put the character in play for this session, taking over any older session."""
        world = self.world
        player = world.find_player(name)
        if player is not None:
            old = player.session_id
            if old is not None:
                self.hub.close(old, 4409, "replaced by a newer session")
                world.sessions.pop(old, None)
            world.attach(player, session.id)
            world.tell_room(player.room, f"{player.name} stirs and looks about.", exclude=player)
        elif stored is not None:
            player = restore(world, stored)
            world.enter(player, session.id)
        else:
            raise LookupError(f"{name} is neither in play nor stored")
        self.greet(player)
        self.metrics.players_online.set(len(world.players))
        return player

    def greet(self, player: Player) -> None:
        world = self.world
        world.send(player, render.room_info_frame(player.room))
        world.send(player, render.room_players_frame(player.room))
        world.send_vitals(player)
        world.send(player, text_frame(render.describe_room(player.room, player), "room"))

    def handle(self, session_id: str, line: str, re: Any = None) -> None:
        player = self.world.sessions.get(session_id)
        if player is not None:
            self.dispatcher.handle(self.world, player, line, re)

    def leave(self, session_id: str) -> None:
        """The socket is gone: linkdead if the character is still in play on this session."""
        self.hub.sessions.pop(session_id, None)
        self.metrics.sessions_open.dec()
        self.world.detach(session_id)
