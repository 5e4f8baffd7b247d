"""The WebSocket route: handshake checks, first-frame auth, then the reader loop.

The reader validates and rate-limits every frame and hands command lines to the runtime; the
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
from starlette.websockets import WebSocketDisconnect, WebSocketState

from mythosmud.config import Settings
from mythosmud.db.uow import UnitOfWork
from mythosmud.net.protocol import AuthMessage, BadFrame, CommandMessage, error_frame, parse_frame
from mythosmud.net.session import Session
from mythosmud.runtime import Runtime
from mythosmud.security import TokenBucket, decode_token

log = logging.getLogger("mythosmud.ws")
router = APIRouter()

PONG = orjson.dumps({"type": "pong"})
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
    websocket: WebSocket, settings: Settings, runtime: Runtime, secret: str
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
    claims = decode_token(secret, frame.token)
    if claims is None:
        await _close(websocket, 4401, "bad or expired token")
        return None
    async with UnitOfWork(runtime.db_sessions) as uow:
        account = await uow.accounts.get(claims.account_id)
    if account is None:
        await _close(websocket, 4401, "unknown account")
        return None
    if account.banned:
        await _close(websocket, 4403, "banned")
        return None
    return account.id, frame.character


@router.websocket("/api/v1/ws")
async def play(websocket: WebSocket) -> None:
    state = websocket.app.state
    settings: Settings = state.settings
    runtime: Runtime = state.runtime
    if not origin_allowed(
        websocket.headers.get("origin"), websocket.headers.get("host"), settings.allowed_origins
    ):
        await websocket.close(4403, "origin not allowed")  # before accept: HTTP 403
        return
    await websocket.accept()
    auth = await _authenticate(websocket, settings, runtime, state.secret)
    if auth is None:
        return
    account_id, name = auth
    player = runtime.in_play(name)
    stored = None if player else await runtime.load(name)
    owner = player.account_id if player else (stored.account_id if stored else None)
    if owner != account_id:
        await _close(websocket, 4403, "not your character")
        return

    session_id = secrets.token_urlsafe(12)

    async def send_text(text: str) -> None:
        await websocket.send_text(text)

    async def close_socket(code: int, reason: str) -> None:
        await _close(websocket, code, reason)

    session = runtime.new_session(session_id, send_text, close_socket)
    ident = player or stored
    assert ident is not None
    welcome = {
        "type": "welcome",
        "character": {"id": ident.id, "name": ident.name},
        "session": session_id,
    }
    await websocket.send_text(orjson.dumps(welcome).decode())
    character = runtime.join(session, name, stored)
    peer = websocket.client.host if websocket.client else "?"
    log.info("session %s opened: %s from %s", session_id, character.name, peer)
    opened = time.monotonic()
    session.start()
    try:
        await _read_loop(websocket, session, runtime, settings)
    finally:
        runtime.leave(session_id)
        await session.stop(grace=2.0)
        log.info(
            "session %s closed: %s, code %s, %.0f s",
            session_id,
            character.name,
            session.close_code,
            time.monotonic() - opened,
        )


async def _read_loop(
    websocket: WebSocket, session: Session, runtime: Runtime, settings: Settings
) -> None:
    bucket = TokenBucket(settings.commands_per_second, settings.command_burst)
    dropped = 0
    while not session.closing:
        try:
            message = await websocket.receive()
        except (WebSocketDisconnect, RuntimeError):
            return
        if message["type"] == "websocket.disconnect":
            return
        text = message.get("text")
        size = len(text.encode()) if isinstance(text, str) else len(message.get("bytes") or b"")
        if size > settings.max_frame_bytes:
            session.close(1009, "frame too large")
            return
        if not bucket.take():
            dropped += 1
            runtime.metrics.rate_limited.inc()
            session.push(RATE_LIMITED)
            if dropped >= settings.flood_disconnect_after:
                session.close(1008, "flooding")
                return
            continue
        dropped = 0
        try:
            if not isinstance(text, str):
                raise BadFrame("frames are JSON text, not binary")
            frame = parse_frame(text)
        except BadFrame as exc:
            session.push(error_frame("bad_frame", str(exc)))
            continue
        if isinstance(frame, CommandMessage):
            runtime.handle(session.id, frame.text, frame.id)
        elif isinstance(frame, AuthMessage):
            session.push(error_frame("bad_frame", "already authenticated"))
        else:
            session.push(PONG)
