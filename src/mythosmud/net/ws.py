"""The WebSocket route: handshake checks, first-frame auth, then the reader loop.

The reader validates and rate-limits every frame and hands command lines to the backend; the
session's writer task sends what the world answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from urllib.parse import urlsplit

import orjson
from fastapi import APIRouter, WebSocket
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.websockets import WebSocketDisconnect, WebSocketState

from mythosmud.api.deps import account_for_token
from mythosmud.config import Settings
from mythosmud.net.backend import Backend
from mythosmud.net.protocol import AuthMessage, BadFrame, CommandMessage, error_frame, parse_frame
from mythosmud.net.session import Session
from mythosmud.net.tuned_protocol import frame_sink
from mythosmud.security import TokenBucket

log = logging.getLogger("mythosmud.ws")
router = APIRouter()

PONG = orjson.dumps({"type": "pong"})
CLOSE_REASONS = {
    4403: "not your character",
    1012: "the world is restarting; try again shortly",
    1011: "the server could not open your session",
}
COMMAND_TEXT_LIMIT = CommandMessage.model_fields["text"].metadata[0].max_length
ID_LIMIT = 64  # CommandMessage.id: a string of at most 64 characters, or an int
RATE_LIMITED = error_frame("rate_limited", "You are acting too quickly; that was not done.")


def origin_allowed(origin: str | None, host: str | None, allowed: list[str]) -> bool:
    """No Origin (not a browser) is fine; otherwise it must be allowed, or the same host."""
    if origin is None:
        return True
    origin = origin.rstrip("/").lower()
    if allowed:
        return "*" in allowed or origin in (a.rstrip("/").lower() for a in allowed)
    return bool(host) and urlsplit(origin).netloc == (host or "").lower()


async def _close(websocket: WebSocket, code: int, reason: str = "") -> None:
    if websocket.application_state != WebSocketState.DISCONNECTED:
        with contextlib.suppress(RuntimeError, OSError):
            await websocket.close(code, reason)


async def _authenticate(
    websocket: WebSocket,
    settings: Settings,
    db_sessions: async_sessionmaker[AsyncSession],
    secret: str,
) -> tuple[int, str] | None:
    """Read the first frame; close 4401/4403 and return None on any failure."""
    try:
        message = await asyncio.wait_for(websocket.receive(), settings.auth_timeout_seconds)
    except TimeoutError:
        await _close(websocket, 4401, "no auth frame in time")
        return None
    text = message.get("text")
    if message["type"] == "websocket.disconnect":
        return None
    try:
        frame = parse_frame(text) if isinstance(text, str) else None
    except BadFrame:
        frame = None
    if not isinstance(frame, AuthMessage):
        await _close(websocket, 4401, "the first frame must be auth")
        return None
    account = await account_for_token(db_sessions, secret, frame.token)
    if account is None:
        await _close(websocket, 4401, "bad or expired token")
        return None
    if account.banned:
        await _close(websocket, 4403, "banned")
        return None
    return account.id, frame.character


@router.websocket("/api/v1/ws")
async def play(websocket: WebSocket) -> None:
    state = websocket.app.state
    settings: Settings = state.settings
    backend: Backend = state.backend
    if not origin_allowed(
        websocket.headers.get("origin"), websocket.headers.get("host"), settings.allowed_origins
    ):
        await websocket.close(4403, "origin not allowed")  # before accept: HTTP 403
        return
    await websocket.accept()
    auth = await _authenticate(websocket, settings, state.db_sessions, state.secret)
    if auth is None:
        return
    account_id, name = auth
    session_id = secrets.token_urlsafe(12)

    async def send_text(text: str) -> None:
        await websocket.send_text(text)

    async def close_socket(code: int, reason: str) -> None:
        await _close(websocket, code, reason)

    # Opened before the character is attached, so that the world's first frames wait in the
    # outbox; the writer starts only after the welcome has gone out.
    session = backend.new_session(session_id, send_text, close_socket)
    sink = frame_sink(websocket.scope)
    if sink is not None:
        session.use_sink(sink)
    try:
        character = await backend.attach(session, account_id, name)
    except Exception:  # the database or the bus failed us: say so, leave nothing behind
        log.exception("attaching %s failed", name)
        character = 1011
    if isinstance(character, int):
        backend.leave(session_id)
        await _close(websocket, character, CLOSE_REASONS.get(character, ""))
        return
    welcome = {
        "type": "welcome",
        "character": {"id": character.id, "name": character.name},
        "session": session_id,
    }
    try:
        await websocket.send_text(orjson.dumps(welcome).decode())
    except (WebSocketDisconnect, RuntimeError, OSError):  # gone before its welcome: linkdead
        backend.leave(session_id)
        await session.stop(grace=0)
        return
    peer = websocket.client.host if websocket.client else "?"
    log.info("session %s opened: %s from %s", session_id, character.name, peer)
    opened = time.monotonic()
    session.start()
    try:
        await _read_loop(websocket, session, backend, settings)
    finally:
        backend.leave(session_id)
        await session.stop(grace=2.0)
        log.info(
            "session %s closed: %s, code %s, %.0f s",
            session_id,
            character.name,
            session.close_code,
            time.monotonic() - opened,
        )


class Reader:
    """Checks and runs one client frame at a time: size, rate limit, validation, then the world.

    Frames come from the reader task (`websocket.receive()`), or, when the server offers the
    direct path (`tuned_protocol`), straight from the protocol as they arrive: the same checks,
    in the same order, without a queue and a task switch per frame.
    """

    def __init__(self, session: Session, backend: Backend, settings: Settings) -> None:
        self.session = session
        self.backend = backend
        self.settings = settings
        self.bucket = TokenBucket(settings.commands_per_second, settings.command_burst)
        self.dropped = 0
        self.stopped = False

    def frame(self, text: str | None, data: bytes | None = None) -> bool:
        """Handle one frame; False once the session must stop reading."""
        session, settings = self.session, self.settings
        if self.stopped or session.closing:
            return False
        if text is not None:
            size = len(text) if len(text) * 4 <= settings.max_frame_bytes else len(text.encode())
        else:
            size = len(data or b"")
        if size > settings.max_frame_bytes:
            session.close(1009, "frame too large")
            return False
        if not self.bucket.take():
            self.dropped += 1
            self.backend.metrics.rate_limited.inc()
            session.push(RATE_LIMITED)
            if self.dropped >= settings.flood_disconnect_after:
                session.close(1008, "flooding")
                return False
            return True
        self.dropped = 0
        if text is not None and self._plain_command(text):
            return True
        try:
            if text is None:
                raise BadFrame("frames are JSON text, not binary")
            frame = parse_frame(text)
        except BadFrame as exc:
            session.push(error_frame("bad_frame", str(exc)))
            return True
        if isinstance(frame, CommandMessage):
            self.backend.handle(session.id, frame.text, frame.id)
        elif isinstance(frame, AuthMessage):
            session.push(error_frame("bad_frame", "already authenticated"))
        else:
            session.push(PONG)
        return True

    def _plain_command(self, text: str) -> bool:
        """The common frame, `{"type": "command", "text": ..., "id": ...}`, run without Pydantic.

        Only frames that `parse_frame` would accept unchanged take this path (a `str` text
        within its limit, an `int` or short `str` id or none); anything else returns False
        and goes through `parse_frame`, so errors and coercions are exactly the model's.
        """
        try:
            data = orjson.loads(text)
        except orjson.JSONDecodeError:
            return False
        if type(data) is not dict or data.get("type") != "command":
            return False
        line, cid = data.get("text"), data.get("id")
        if type(line) is not str or len(line) > COMMAND_TEXT_LIMIT:
            return False
        if not (cid is None or type(cid) is int or (type(cid) is str and len(cid) <= ID_LIMIT)):
            return False
        self.backend.handle(self.session.id, line, cid)
        return True

    def direct(self, text: str) -> None:
        """The direct path's entry: a failure closes this session (1011), as in the task."""
        try:
            self.frame(text)
        except Exception:
            log.exception("session %s: command failed", self.session.id)
            self.stopped = True
            self.session.close(1011, "internal error")


async def _read_loop(
    websocket: WebSocket, session: Session, backend: Backend, settings: Settings
) -> None:
    reader = Reader(session, backend, settings)
    sink = frame_sink(websocket.scope)
    if sink is not None:
        sink.set_receiver(reader.direct)
    try:
        while not session.closing and not reader.stopped:
            try:
                message = await websocket.receive()
            except (WebSocketDisconnect, RuntimeError):
                return
            if message["type"] == "websocket.disconnect":
                return
            if not reader.frame(message.get("text"), message.get("bytes")):
                return
    finally:
        reader.stopped = True
        if sink is not None:
            sink.set_receiver(None)
