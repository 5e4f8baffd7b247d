"""The world role: the world process of a split deployment, talking to gateways over NATS.

It owns the game state and the database writes. Gateways attach sessions to it, send it
command lines and detach sessions; it sends back batches of frames. It announces itself with a
heartbeat (with an instance id, so gateways notice a restart and re-attach their players) and
forgets the sessions of a gateway that stops beating.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid

from mythosmud.bridge.bus import Bus, Message
from mythosmud.bridge.publisher import OrderedPublisher
from mythosmud.bridge.subjects import WORLD_QUEUE, Subjects
from mythosmud.bridge.wire import close_line, frame_line, pack, unpack
from mythosmud.runtime import Runtime

log = logging.getLogger("mythosmud.world")

MAX_BATCH_BYTES = 512 * 1024  # under NATS's default 1 MiB payload limit


class RemoteHub:
    """The world's transport in a split deployment: frames batched per gateway per loop turn."""

    def __init__(self, publisher: OrderedPublisher, subjects: Subjects) -> None:
        self.publisher = publisher
        self.subjects = subjects
        self.routes: dict[str, str] = {}  # session -> gateway
        self._batches: dict[str, list[bytes]] = {}
        self._sizes: dict[str, int] = {}
        self._scheduled = False

    def send(self, session_id: str, body: bytes) -> None:
        gateway = self.routes.get(session_id)
        if gateway is not None:
            self._add(gateway, frame_line(session_id, body))

    def close(self, session_id: str, code: int, reason: str) -> None:
        gateway = self.routes.pop(session_id, None)
        if gateway is not None:
            self._add(gateway, close_line(session_id, code, reason))

    def _add(self, gateway: str, line: bytes) -> None:
        self._batches.setdefault(gateway, []).append(line)
        self._sizes[gateway] = self._sizes.get(gateway, 0) + len(line)
        if self._sizes[gateway] >= MAX_BATCH_BYTES:
            self._publish(gateway)
        if not self._scheduled:
            self._scheduled = True
            asyncio.get_running_loop().call_soon(self.flush)

    def _publish(self, gateway: str) -> None:
        lines = self._batches.pop(gateway, [])
        self._sizes.pop(gateway, None)
        if lines:
            self.publisher.put(self.subjects.gateway_out(gateway), b"".join(lines))

    def flush(self) -> None:
        self._scheduled = False
        for gateway in list(self._batches):
            self._publish(gateway)

    def drop_gateway(self, gateway: str) -> list[str]:
        gone = [sid for sid, gw in self.routes.items() if gw == gateway]
        for sid in gone:
            del self.routes[sid]
        return gone


class WorldNode:
    def __init__(
        self,
        runtime: Runtime,
        bus: Bus,
        publisher: OrderedPublisher,
        hub: RemoteHub,
        *,
        subjects: Subjects,
        heartbeat_seconds: float = 1.0,
        gateway_timeout: float = 10.0,
    ) -> None:
        self.runtime = runtime
        self.bus = bus
        self.publisher = publisher
        self.hub = hub
        self.subjects = subjects
        self.heartbeat_seconds = heartbeat_seconds
        self.gateway_timeout = gateway_timeout
        self.instance = uuid.uuid4().hex
        self.gateways: dict[str, float] = {}
        self.gone: dict[str, float] = {}  # sessions detached before (or while) attaching
        self.attaching: set[str] = set()
        self.stopping = False
        self._beat: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.publisher.start()
        queue = WORLD_QUEUE
        await self.bus.subscribe(self.subjects.world_in, self._on_line, queue=queue)
        await self.bus.subscribe(self.subjects.world_attach, self._on_attach, queue=queue)
        await self.bus.subscribe(self.subjects.world_detach, self._on_detach, queue=queue)
        await self.bus.subscribe(self.subjects.gateway_heartbeat, self._on_gateway)
        self._beat = asyncio.create_task(self._heartbeat(), name="world-heartbeat")
        log.info("world %s listening", self.instance[:8])

    async def _on_line(self, message: Message) -> None:
        if self.stopping:
            return  # the final saves are being taken; a world is coming back for this line
        data = unpack(message.data)
        session_id = data["s"]
        if session_id in self.hub.routes:
            self.runtime.handle(session_id, str(data["l"]), data.get("i"))

    async def _on_attach(self, message: Message) -> None:
        data = unpack(message.data)
        session_id, gateway = str(data["s"]), str(data["g"])
        account, name = int(data["a"]), str(data["c"])
        if self.stopping:
            await self.bus.publish(message.reply, pack(ok=False, code=1012, reason="restarting"))
            return
        if self.gone.pop(session_id, None) is not None:
            return  # the gateway gave up on this session before we got to it
        self.hub.routes[session_id] = gateway  # before joining: the greeting goes out through it
        self.attaching.add(session_id)
        try:
            joined = await self.runtime.attach(session_id, account, name)
        finally:
            self.attaching.discard(session_id)
        if isinstance(joined, int):
            self.hub.routes.pop(session_id, None)
            await self.bus.publish(message.reply, pack(ok=False, code=joined, reason="refused"))
            return
        if self.gone.pop(session_id, None) is not None:  # given up on while we loaded it
            self.hub.routes.pop(session_id, None)
            self.runtime.detach(session_id)
            return
        self.gateways[gateway] = time.monotonic()
        reply = pack(ok=True, id=joined.id, name=joined.name, world=self.instance)
        await self.bus.publish(message.reply, reply)

    async def _on_detach(self, message: Message) -> None:
        session_id = str(unpack(message.data)["s"])
        if session_id in self.attaching or session_id not in self.hub.routes:
            self.gone[session_id] = time.monotonic()  # `_on_attach` will see it
            return
        del self.hub.routes[session_id]
        self.runtime.detach(session_id)

    async def _on_gateway(self, message: Message) -> None:
        self.gateways[str(unpack(message.data)["g"])] = time.monotonic()

    async def _heartbeat(self) -> None:
        while True:
            try:
                self._beat_once()
            except Exception:  # a heartbeat that stops would look like a dead world
                log.exception("world heartbeat failed")
            await asyncio.sleep(self.heartbeat_seconds)

    def _beat_once(self) -> None:
        players = len(self.runtime.world.players)
        self.publisher.put(
            self.subjects.world_heartbeat, pack(world=self.instance, players=players)
        )
        now = time.monotonic()
        self.gone = {sid: t for sid, t in self.gone.items() if now - t < 60}
        for gateway, seen in list(self.gateways.items()):
            if now - seen > self.gateway_timeout:
                log.warning("gateway %s went silent; its players go linkdead", gateway)
                del self.gateways[gateway]
                for session_id in self.hub.drop_gateway(gateway):
                    self.runtime.detach(session_id)

    async def stop(self) -> None:
        """Save everyone, tell the gateways the world is stopping, and let go of the bus."""
        self.stopping = True  # from here on, nothing new is taken in
        if self._beat is not None:
            self._beat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._beat
        await self.runtime.stop()
        self.hub.flush()
        self.publisher.put(self.subjects.world_heartbeat, pack(world=self.instance, stopping=True))
        await self.publisher.flush()
        await self.bus.drain()
