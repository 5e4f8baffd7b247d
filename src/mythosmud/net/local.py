"""The single-process backend: WebSocket sessions and the world in one event loop.

The WebSocket route talks to a backend (`attach`, `handle`, `leave`); here that is a direct
call into the runtime (ADR 1), and in a gateway it is a message over NATS.
"""

from __future__ import annotations

from typing import Any

from mythosmud.metrics import Metrics
from mythosmud.net.hub import Ident, SessionHub
from mythosmud.net.session import CloseSocket, SendText, Session
from mythosmud.runtime import Runtime


class LocalBackend:
    def __init__(self, runtime: Runtime, hub: SessionHub) -> None:
        self.runtime = runtime
        self.hub = hub

    @property
    def metrics(self) -> Metrics:
        return self.runtime.metrics

    def new_session(
        self, session_id: str, send_text: SendText, close_socket: CloseSocket
    ) -> Session:
        return self.hub.open(session_id, send_text, close_socket)

    async def attach(self, session: Session, account_id: int, name: str) -> Ident | int:
        """Put the character in play for this session; 4403 if it is not the account's."""
        joined = await self.runtime.attach(session.id, account_id, name)
        return joined if isinstance(joined, int) else Ident(joined.id, joined.name)

    def handle(self, session_id: str, line: str, re: Any = None) -> None:
        self.runtime.handle(session_id, line, re)

    def leave(self, session_id: str) -> None:
        self.hub.remove(session_id)
        self.runtime.detach(session_id)

    async def stop(self) -> None:
        await self.hub.close_all(1001, "server shutting down")
        await self.runtime.stop()
