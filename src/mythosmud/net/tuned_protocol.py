"""Uvicorn's sans-I/O `websockets` protocol, plus a direct path for the game's outgoing frames.

Through ASGI every outgoing message is one trip through Starlette, the protocol's `send`, the
`websockets` frame machinery and one `send()` system call. A `look` answers with three frames
and a `say` puts one frame on every socket in the room, so that trip dominated the profile
(docs/performance.md). This protocol offers the session a `FrameSink` in the ASGI scope
(`scope["extensions"]["mythosmud.frames"]`): it frames any number of ready JSON payloads as
text frames and writes them with one call. Everything else (handshake, receiving, pings,
closing, flow control) is uvicorn's, unchanged.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

EXTENSION = "mythosmud.frames"
# Messages handled at once per read from the socket; the rest wait in uvicorn's queue (and
# reading pauses) so that one client's burst cannot hold the loop for long.
DIRECT_PER_READ = 8

Receiver = Callable[[str], None]


class FrameSink(Protocol):
    """Where a session writes its frames when the server offers the direct path."""

    def write_text_frames(self, payloads: list[bytes]) -> bool:
        """Frame and write UTF-8 JSON payloads; False when the socket can take no more frames."""

    def paused(self) -> bool:
        """True while the peer reads too slowly and the transport's buffer is full."""

    async def wait_writable(self) -> None:
        """Return once the transport has room again."""

    def set_receiver(self, receiver: Receiver | None) -> None:
        """Hand text messages to `receiver` as they arrive instead of queueing them (None: stop)."""


def frame_header(length: int) -> bytes:
    """The header of a final, unmasked text frame carrying `length` bytes."""
    if length < 126:
        return bytes((0x81, length))
    if length < 65536:
        return b"\x81\x7e" + length.to_bytes(2, "big")
    return b"\x81\x7f" + length.to_bytes(8, "big")


class LightQueue:
    """What uvicorn needs of `asyncio.Queue` (put_nowait, get, empty) in a list and one future.

    An idle connection holds its queue for hours; asyncio's carries four deques (about 3 KiB).
    """

    __slots__ = ("_items", "_waiter")

    def __init__(self) -> None:
        self._items: list[Any] = []
        self._waiter: asyncio.Future[None] | None = None

    def put_nowait(self, item: Any) -> None:
        self._items.append(item)
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def empty(self) -> bool:
        return not self._items

    def qsize(self) -> int:
        return len(self._items)

    async def get(self) -> Any:
        while not self._items:
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        return self._items.pop(0)


class LightEvent:
    """`asyncio.Event` for one connection's `writable` flag, without an idle deque."""

    __slots__ = ("_set", "_waiters")

    def __init__(self) -> None:
        self._set = False
        self._waiters: list[asyncio.Future[None]] = []

    def is_set(self) -> bool:
        return self._set

    def set(self) -> None:
        self._set = True
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    def clear(self) -> None:
        self._set = False

    async def wait(self) -> bool:
        if self._set:
            return True
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter
        finally:
            if waiter in self._waiters:
                self._waiters.remove(waiter)
        return True


class TunedWebSocketProtocol(WebSocketsSansIOProtocol):
    """Uvicorn's protocol with a `FrameSink` for the app. Select with `ws=` in uvicorn.Config.

    It also keeps less per idle connection (docs/performance.md): a list-based queue and flag
    instead of asyncio's, and no handshake request and response once the socket is open.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.queue = LightQueue()  # type: ignore[assignment]
        self.writable = LightEvent()  # type: ignore[assignment]
        self.writable.set()

    async def send(self, message: Any) -> None:
        await super().send(message)
        if message["type"] == "websocket.accept" and self.handshake_complete:
            self.request = self.response = None  # type: ignore[assignment]

    receiver: Receiver | None = None
    _direct_budget = DIRECT_PER_READ

    def set_receiver(self, receiver: Receiver | None) -> None:
        self.receiver = receiver

    def data_received(self, data: bytes) -> None:
        self._direct_budget = DIRECT_PER_READ
        super().data_received(data)

    def send_receive_event_to_app(self) -> None:
        receiver = self.receiver
        if (
            receiver is None
            or self.curr_msg_data_type != "text"
            or self._direct_budget <= 0
            or self.close_sent
            or not self.queue.empty()  # frames already queued go first
        ):
            super().send_receive_event_to_app()
            return
        data = self.frames[0] if len(self.frames) == 1 else b"".join(self.frames)
        try:
            text = data.decode()
        except UnicodeDecodeError:
            super().send_receive_event_to_app()  # uvicorn closes with 1007
            return
        self.frames = []
        self._direct_budget -= 1
        receiver(text)

    def handle_connect(self, event: Any) -> None:
        super().handle_connect(event)
        scope = getattr(self, "scope", None)
        if scope is not None:  # the ASGI task has been created but has not run yet
            scope["extensions"][EXTENSION] = self

    def write_text_frames(self, payloads: list[bytes]) -> bool:
        if self.close_sent or self.disconnected or not self.handshake_complete:
            return False
        if self.initial_response is not None or self.transport.is_closing():
            return False
        parts: list[bytes] = []
        for payload in payloads:
            parts.append(frame_header(len(payload)))
            parts.append(payload)
        self.transport.write(b"".join(parts))
        return True

    def paused(self) -> bool:
        return not self.writable.is_set()

    async def wait_writable(self) -> None:
        await self.writable.wait()


def frame_sink(scope: Mapping[str, Any]) -> FrameSink | None:
    """The direct path the server offers this connection, if any."""
    extensions = scope.get("extensions") or {}
    sink = extensions.get(EXTENSION)
    return sink if isinstance(sink, TunedWebSocketProtocol) else None
