"""What the WebSocket route needs from whatever stands behind it: the world in this process
(`LocalBackend`) or a world over NATS (`GatewayLink`)."""

from __future__ import annotations

from typing import Any, Protocol

from mythosmud.metrics import Metrics
from mythosmud.net.hub import Ident
from mythosmud.net.session import CloseSocket, SendText, Session


class Backend(Protocol):
    @property
    def metrics(self) -> Metrics: ...

    def new_session(
        self, session_id: str, send_text: SendText, close_socket: CloseSocket
    ) -> Session: ...

    async def attach(self, session: Session, account_id: int, name: str) -> Ident | int:
        """Put the character in play; a close code (4403, 1012) when that cannot be done."""

    def handle(self, session_id: str, line: str, re: Any = None) -> None: ...

    def leave(self, session_id: str) -> None: ...

    async def stop(self) -> None: ...
