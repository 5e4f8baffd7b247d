"""The sessions of this process, by id. In one process this is the world's `Transport`; in a
gateway it is where frames from the world are delivered."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

from mythosmud.metrics import Metrics
from mythosmud.net.session import CloseSocket, FlushQueue, SendText, Session


@dataclass(frozen=True)
class Ident:
    """Who a session plays, as the welcome frame names them."""

    id: int
    name: str


class SessionHub:
    def __init__(self, metrics: Metrics, outbox_frames: int) -> None:
        self.metrics = metrics
        self.outbox_frames = outbox_frames
        self.sessions: dict[str, Session] = {}
        self.flushes = FlushQueue()

    def open(self, session_id: str, send_text: SendText, close_socket: CloseSocket) -> Session:
        session = Session(
            session_id,
            send_text,
            close_socket,
            max_frames=self.outbox_frames,
            on_sent=self.metrics.frames_sent.inc,
            on_overflow=self.metrics.outbox_overflows.inc,
            flushes=self.flushes,
        )
        self.sessions[session_id] = session
        self.metrics.sessions_open.inc()
        return session

    def remove(self, session_id: str) -> None:
        if self.sessions.pop(session_id, None) is not None:
            self.metrics.sessions_open.dec()

    def send(self, session_id: str, body: bytes) -> None:
        session = self.sessions.get(session_id)
        if session is not None:
            session.push(body)

    def close(self, session_id: str, code: int, reason: str) -> None:
        session = self.sessions.get(session_id)
        if session is not None:
            session.close(code, reason)

    async def close_all(self, code: int, reason: str, grace: float = 2.0) -> None:
        """Close every socket and give the writers a moment to send what they hold."""
        sessions = list(self.sessions.values())
        for session in sessions:
            session.close(code, reason)
        if sessions:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    asyncio.gather(*(s.done.wait() for s in sessions)), timeout=grace
                )
