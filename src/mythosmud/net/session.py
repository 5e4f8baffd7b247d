"""A session: one connection's bounded outbox and the writer that drains it.

The world pushes encoded frames without waiting. The writer adds each frame's `seq` as a cheap
prefix (the shared part of a broadcast is encoded once). A session whose outbox overflows is
too slow to keep up and is closed with 1008, so one slow reader never slows the world.

When the server offers a `FrameSink` (see `tuned_protocol`), the outbox is flushed once per
loop turn, every frame of the turn in one write, with no task switch; the writer task is made
only when it is needed: to wait for a slow reader's socket to drain, or to close.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from mythosmud.net.tuned_protocol import FrameSink

log = logging.getLogger("mythosmud.session")

SendText = Callable[[str], Coroutine[Any, Any, None]]
CloseSocket = Callable[[int, str], Coroutine[Any, Any, None]]


class FlushQueue:
    """The sessions with frames to write this loop turn, flushed together by one callback.

    One `call_soon` a turn for all of them rather than one per session: with many sessions
    answering in the same turn the callbacks cost more than the bookkeeping (finding 12).
    """

    def __init__(self) -> None:
        self._sessions: list[Session] = []

    def add(self, session: Session) -> None:
        if not self._sessions:
            asyncio.get_running_loop().call_soon(self._run)
        self._sessions.append(session)

    def _run(self) -> None:
        sessions, self._sessions = self._sessions, []
        for session in sessions:
            try:
                session._flush()
            except Exception:  # one broken socket must not keep the others' frames back
                log.exception("flushing session %s failed", session.id)


class Session:
    def __init__(
        self,
        session_id: str,
        send_text: SendText,
        close_socket: CloseSocket,
        *,
        max_frames: int,
        on_sent: Callable[[int], None] = lambda n: None,
        on_overflow: Callable[[], None] = lambda: None,
        flushes: FlushQueue | None = None,
    ) -> None:
        self.id = session_id
        self._send_text = send_text
        self._close_socket = close_socket
        self._max_frames = max_frames
        self._on_sent = on_sent
        self._on_overflow = on_overflow
        # A list and lazily made events: an idle session is held for hours, and each deque
        # (an asyncio.Event holds one) costs about 700 bytes (docs/performance.md).
        self._outbox: list[bytes] = []
        self._wake_event: asyncio.Event | None = None
        self._done_event: asyncio.Event | None = None
        self.seq = 0
        self.close_code: int | None = None
        self.close_reason = ""
        self._writer: asyncio.Task[None] | None = None
        self._aborter: asyncio.Task[None] | None = None
        self._sink: FrameSink | None = None
        self._flush_pending = False
        self._flushes = FlushQueue() if flushes is None else flushes
        self._started = False  # frames wait in the outbox until the welcome has gone out

    def use_sink(self, sink: FrameSink) -> None:
        """Write frames straight to the socket, a loop turn's worth at a time (before `start`)."""
        self._sink = sink

    @property
    def _wake(self) -> asyncio.Event:
        if self._wake_event is None:
            self._wake_event = asyncio.Event()
        return self._wake_event

    @property
    def done(self) -> asyncio.Event:
        """Set once the socket is closed (or the writer has stopped)."""
        if self._done_event is None:
            self._done_event = asyncio.Event()
        return self._done_event

    @property
    def closing(self) -> bool:
        return self.close_code is not None

    def push(self, body: bytes) -> None:
        """Queue a frame (a JSON object without `seq`); never blocks."""
        if self.closing:
            return
        if len(self._outbox) >= self._max_frames:
            self._on_overflow()
            self._abort(1008, "reading too slowly")
            return
        self._outbox.append(body)
        if self._sink is None:
            self._wake.set()
        elif self._started:
            self._schedule_flush()

    def _schedule_flush(self) -> None:
        if not self._flush_pending:
            self._flush_pending = True
            self._flushes.add(self)

    def close(self, code: int, reason: str) -> None:
        """Close after the frames already queued (or at once, for an overflow)."""
        if self.close_code is None:
            self.close_code = code
            self.close_reason = reason
        self._wake_writer()

    def start(self) -> None:
        self._started = True
        if self._sink is None or self.closing:
            self._writer = asyncio.create_task(self._run_writer(), name=f"writer-{self.id}")
        elif self._outbox:
            self._schedule_flush()

    def _wake_writer(self) -> None:
        self._wake.set()
        # Nothing is written before `start` (the welcome goes first); `start` sees a closing
        # session and starts the writer then.
        idle = self._writer is None and self._aborter is None
        if self._started and idle and self._sink is not None:
            self._writer = asyncio.create_task(self._run_writer(), name=f"writer-{self.id}")

    def _flush(self) -> None:
        """Direct path: number and write everything queued, in one write."""
        self._flush_pending = False
        sink = self._sink
        if sink is None or not self._outbox or self._aborter is not None:
            return
        if sink.paused():
            self._wake_writer()  # the writer waits for the socket to drain
            return
        seq = self.seq
        payloads = []
        for body in self._outbox:
            seq += 1
            payloads.append(b'{"seq":%d,' % seq + body[1:])
        self._outbox.clear()
        self.seq = seq
        if sink.write_text_frames(payloads):
            self._on_sent(len(payloads))

    def _abort(self, code: int, reason: str) -> None:
        """Drop what is queued and close now, even while a send is stuck on a full socket."""
        self._outbox.clear()
        if self.close_code is None:
            self.close_code = code
            self.close_reason = reason
        if self._writer is not None:
            self._writer.cancel()
        self._aborter = asyncio.create_task(self._close_socket(code, reason))
        self._aborter.add_done_callback(lambda _: self.done.set())

    async def stop(self, grace: float) -> None:
        """Let a closing writer finish (up to `grace` seconds), then cancel it."""
        tasks = {t for t in (self._writer, self._aborter) if t is not None}
        if not tasks:
            self.done.set()
        if self.closing and tasks:
            await asyncio.wait(tasks, timeout=grace)
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run_writer(self) -> None:
        try:
            while True:
                await self._wake.wait()
                self._wake.clear()
                sent = 0
                if self._sink is not None:
                    if self._sink.paused():
                        await self._sink.wait_writable()
                    self._flush()
                while self._sink is None and self._outbox:
                    body = self._outbox.pop(0)
                    self.seq += 1
                    await self._send_text(f'{{"seq":{self.seq},{body[1:].decode()}')
                    sent += 1
                if sent:
                    self._on_sent(sent)
                if self.close_code is not None:
                    await self._close_socket(self.close_code, self.close_reason)
                    return
        except (OSError, RuntimeError) as exc:
            log.debug("session %s writer stopped: %s", self.id, exc)
        finally:
            if self._aborter is None:
                self.done.set()
