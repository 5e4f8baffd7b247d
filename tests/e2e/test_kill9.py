"""A server killed with SIGKILL keeps what the default autosave had written."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from tests.support.postgres import create_database, drop_database, postgres_error

from .protocol_client import Game, room_id, texts_of
from .server import ServerProcess

pytestmark = pytest.mark.e2e

DEFAULT_AUTOSAVE_SECONDS = 10.0
MARGIN_SECONDS = 3.0


async def survive_kill9(backend: str, data_dir: Path) -> None:
    database = await create_database("mythosmud_e2e") if backend == "postgres" else None
    # The autosave interval is left at its default on purpose.
    server = ServerProcess(f"kill9[{backend}]", data_dir, {}, database)
    try:
        await asyncio.to_thread(server.start)
        async with Game(server.base_url) as game:
            player = await game.player("survivor")
            session = await game.connect(player)
            got = await session.command("get candle")
            assert "candle" in "\n".join(texts_of(got)).lower(), got
            assert all(f.get("kind") != "error" for f in got), got
            moved = await session.command("north")
            assert "test:garden" in [room_id(f) for f in moved if f["type"] == "Room.Info"]
            carrying = "\n".join(texts_of(await session.command("inventory"))).lower()
            assert "tallow candle" in carrying, carrying

            await asyncio.sleep(DEFAULT_AUTOSAVE_SECONDS + MARGIN_SECONDS)
            await asyncio.to_thread(server.kill)
            await session.wait_closed(5)

        await asyncio.to_thread(server.start)
        async with Game(server.base_url) as game:
            session = await game.connect(await game.relogin(player))
            assert room_id(session.last("Room.Info")) == "test:garden", (
                f"{backend}: the room was lost: {session.last('Room.Info')}"
            )
            carrying = "\n".join(texts_of(await session.command("inventory"))).lower()
            assert "tallow candle" in carrying, f"{backend}: the candle was lost: {carrying}"
    finally:
        await asyncio.to_thread(server.stop)
        if database is not None:
            await drop_database(database)


async def test_sigkill_keeps_autosaved_state(tmp_path: Path) -> None:
    backends = ["sqlite"]
    error = postgres_error()
    if error is None:
        backends.append("postgres")
    elif os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL is unreachable: {error}")
    # Both backends at once: the test spends most of its time waiting for the autosave.
    results = await asyncio.gather(
        *(survive_kill9(backend, tmp_path / backend) for backend in backends),
        return_exceptions=True,
    )
    failures = [f"{b}: {r!r}" for b, r in zip(backends, results, strict=True) if r is not None]
    if failures:
        first = next(r for r in results if isinstance(r, BaseException))
        raise AssertionError("\n".join(failures)) from first
