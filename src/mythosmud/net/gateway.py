"""The gateway role's link to the world: sessions here, the game over NATS.

A gateway authenticates and rate-limits (in the WebSocket route) and then only relays: command
lines out, frames in. It keeps every socket open while the world restarts or NATS is away,
telling players what is happening, and re-attaches them when a world is heard again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

from mythosmud.bridge.bus import Bus, BusError, Message
from mythosmud.bridge.publisher import OrderedPublisher
from mythosmud.bridge.subjects import Subjects
from mythosmud.bridge.wire import Close, Frame, pack, read_batch, unpack
from mythosmud.metrics import Metrics
from mythosmud.net.hub import Ident, SessionHub
from mythosmud.net.session import CloseSocket, SendText, Session
from mythosmud.world.world import encode, text_frame

log = logging.getLogger("mythosmud.gateway")

WORLD_LOST = "The world shifts around you, and for a moment nothing is quite where it was..."
LINES_DOWN = "The lines to the world have gone quiet. Hold on: nothing you have is lost."
WAIT = "The world is shifting. Wait a moment, then try again."
RESTART_CLOSE = 1012  # "restarting: reconnect with backoff"


class GatewayLink:
    def __init__(
        self,
        hub: SessionHub,
        bus: Bus,
        publisher: OrderedPublisher,
        gateway_id: str,
        *,
        subjects: Subjects,
        heartbeat_seconds: float = 1.0,
        world_timeout: float = 3.5,
    ) -> None:
        self.hub = hub
        self.bus = bus
        self.publisher = publisher
        self.id = gateway_id
        self.subjects = subjects
        self.heartbeat_seconds = heartbeat_seconds
        self.world_timeout = world_timeout
        self.attached: dict[str, tuple[int, str]] = {}
        self.reattaching: set[str] = set()  # sessions the world does not know again yet
        self.world_instance: str | None = None
        self.world_seen = 0.0
        self.world_up = False
        self._tasks: list[asyncio.Task[None]] = []
        self._reattaching: asyncio.Task[None] | None = None

    @property
    def metrics(self) -> Metrics:
        return self.hub.metrics

    def new_session(
        self, session_id: str, send_text: SendText, close_socket: CloseSocket
    ) -> Session:
        return self.hub.open(session_id, send_text, close_socket)

    async def start(self) -> None:
        self.publisher.start()
        await self.bus.subscribe(self.subjects.gateway_out(self.id), self._on_batch)
        await self.bus.subscribe(self.subjects.world_heartbeat, self._on_world)
        self._tasks.append(asyncio.create_task(self._heartbeat(), name="gateway-heartbeat"))

    # -- what the WebSocket route calls -----------------------------------------------------

    async def attach(self, session: Session, account_id: int, name: str) -> Ident | int:
        """Ask the world to put the character in play; a close code when it cannot."""
        try:
            reply = await self._request_attach(session.id, account_id, name)
        except BusError as exc:
            log.info("attach of %s failed: %s", name, exc)
            # The world may still act on a request that timed out here: tell it to let go.
            self.publisher.put(self.subjects.world_detach, pack(s=session.id))
            return RESTART_CLOSE
        if not reply.get("ok"):
            return int(reply.get("code", 4403))
        self._heard(str(reply["world"]))  # an answer is as good as a heartbeat
        self.attached[session.id] = (account_id, name)
        return Ident(int(reply["id"]), str(reply["name"]))

    async def _request_attach(self, session_id: str, account_id: int, name: str) -> dict[str, Any]:
        payload = pack(s=session_id, g=self.id, a=account_id, c=name)
        answer = await self.bus.request(self.subjects.world_attach, payload, timeout=5.0)
        return unpack(answer.data)

    def handle(self, session_id: str, line: str, re: Any = None) -> None:
        if not self.world_up or session_id in self.reattaching:
            self.hub.send(session_id, _text(WAIT, "system", re))
            return
        self.publisher.put(self.subjects.world_in, pack(s=session_id, l=line, i=re))

    def leave(self, session_id: str) -> None:
        self.hub.remove(session_id)
        if self.attached.pop(session_id, None) is not None:
            self.publisher.put(self.subjects.world_detach, pack(s=session_id))

    # -- what the world sends ---------------------------------------------------------------

    async def _on_batch(self, message: Message) -> None:
        reattaching = self.reattaching
        for item in read_batch(message.data):
            if isinstance(item, Frame):
                if reattaching:
                    reattaching.discard(item.session)  # the world is talking to it: it is back
                self.hub.send(item.session, item.body)
            elif isinstance(item, Close):
                self.attached.pop(item.session, None)
                self.hub.close(item.session, item.code, item.reason)

    async def _on_world(self, message: Message) -> None:
        data = unpack(message.data)
        if data.get("stopping"):
            self.world_lost(WORLD_LOST)
            return
        self._heard(str(data["world"]))

    def _heard(self, instance: str) -> None:
        """The world is there. If it was away, or is a new one, hand it our sessions again."""
        returning = not self.world_up or instance != self.world_instance
        self.world_instance = instance
        self.world_seen = time.monotonic()
        if returning:
            self.world_up = True
            if self.attached and (self._reattaching is None or self._reattaching.done()):
                self._reattaching = asyncio.create_task(self._reattach_all(list(self.attached)))

    def world_lost(self, text: str) -> None:
        """Tell everyone once; keep every socket open."""
        if not self.world_up:
            return
        self.world_up = False
        body = encode(text_frame(text, "system"))
        for session_id in self.attached:
            self.hub.send(session_id, body)

    async def _reattach_all(self, sessions: list[str]) -> None:
        """Hand these sessions back to a world that has returned, a few at a time."""
        self.reattaching = set(sessions)
        limit = asyncio.Semaphore(16)
        try:
            await asyncio.gather(*(self._reattach(sid, limit) for sid in sessions))
        finally:
            self.reattaching.clear()

    async def _reattach(self, session_id: str, limit: asyncio.Semaphore) -> None:
        known = self.attached.get(session_id)
        if known is None:
            return
        async with limit:
            try:
                reply = await self._request_attach(session_id, *known)
            except BusError:
                self.world_up = False  # try again with the next heartbeat
                return
            except Exception:
                log.exception("re-attaching %s failed", known[1])
                return
            finally:
                self.reattaching.discard(session_id)
        if not reply.get("ok"):
            self.attached.pop(session_id, None)
            self.hub.close(session_id, int(reply.get("code", 4403)), "forbidden")

    async def _heartbeat(self) -> None:
        while True:
            try:
                self.publisher.put(self.subjects.gateway_heartbeat, pack(g=self.id))
                if self.world_up and time.monotonic() - self.world_seen > self.world_timeout:
                    self.world_lost(WORLD_LOST)
            except Exception:
                log.exception("gateway heartbeat failed")
            await asyncio.sleep(self.heartbeat_seconds)

    # -- NATS connection events and shutdown ---------------------------------------------------

    async def on_disconnect(self) -> None:
        self.world_lost(LINES_DOWN)

    async def stop(self) -> None:
        """A gateway restart: sockets close with 1012 so that clients reconnect elsewhere."""
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.hub.close_all(RESTART_CLOSE, "gateway restarting")
        for session_id in list(self.attached):
            self.publisher.put(self.subjects.world_detach, pack(s=session_id))
        self.attached.clear()
        await self.publisher.flush()
        await self.bus.drain()


def _text(text: str, kind: str, re: Any) -> bytes:
    frame = text_frame(text, kind)
    if re is not None:
        frame["re"] = re
    return encode(frame)
