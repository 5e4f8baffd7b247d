"""A client that stops reading is cut off; everyone else keeps playing."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator

import pytest

from .protocol_client import Game, RawWebSocket, is_text, room_id
from .server import ServerProcess, running_server

pytestmark = pytest.mark.e2e

OVERFLOWS = "mythosmud_outbox_overflows_total"
LOOKS = 3000
PROMPT_SECONDS = 2.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    settings = {"OUTBOX_FRAMES": 16, "COMMANDS_PER_SECOND": 0}
    with running_server("slow-reader", tmp_path_factory.mktemp("slow"), settings=settings) as srv:
        yield srv


async def test_slow_reader_is_disconnected(server: ServerProcess, game: Game) -> None:
    log_start = server.log_path.stat().st_size
    normal = await game.connect(await game.player("normal"))
    slow_player = await game.player("sluggard")
    before = (await game.metrics()).value(OVERFLOWS)

    latencies: list[float] = []
    stop = asyncio.Event()

    async def keep_looking() -> None:
        """The normal player looks around all along; every answer must come promptly."""
        while not stop.is_set():
            started = time.monotonic()
            frames = await normal.command("look", within=PROMPT_SECONDS, settle=0.02)
            latencies.append(time.monotonic() - started)
            assert [room_id(f) for f in frames if f["type"] == "Room.Info"] == ["test:hall"]
            await asyncio.sleep(0.05)

    # A client that authenticates, reads its welcome, then never reads again.
    raw = await asyncio.to_thread(RawWebSocket, "127.0.0.1", server.port, 4096)
    try:
        raw.send_json(
            {"type": "auth", "token": slow_player.token, "character": slow_player.character}
        )
        await asyncio.to_thread(
            raw.read_json_until, lambda f: f.get("type") == "text" and f.get("kind") == "room"
        )
        looker = asyncio.create_task(keep_looking())
        looks = [json.dumps({"type": "command", "text": "look"})] * LOOKS
        flood = asyncio.create_task(asyncio.to_thread(raw.flood, looks))
        flood_started = time.monotonic()

        overflowed = False
        while time.monotonic() < flood_started + 20 and not looker.done():
            overflowed = (await game.metrics()).value(OVERFLOWS) > before
            if overflowed and flood.done() and time.monotonic() > flood_started + 2:
                break
            await asyncio.sleep(0.1)
        stop.set()
        await looker  # re-raises a slow or missing answer
        sent, outcome = await flood

        assert overflowed, (
            f"{OVERFLOWS} did not go up (sent {sent} looks, {outcome}); "
            f"still {(await game.metrics()).value(OVERFLOWS)}"
        )
        ending = await asyncio.to_thread(raw.drain_until_closed, 15.0)
        assert ending, f"the server never closed the slow reader's connection ({outcome})"
        assert len(latencies) >= 10 and max(latencies) < PROMPT_SECONDS, latencies
    finally:
        raw.close()

    # The normal player is still there, and the slow one can come back.
    mark = normal.mark()
    await normal.command("look")
    await normal.wait_for(is_text(kind="room"), since=mark, what="a last look")
    back = await game.connect(await game.relogin(slow_player))
    assert room_id(back.last("Room.Info")) == "test:hall"

    with server.log_path.open("rb") as log:
        log.seek(log_start)
        written = log.read().decode(errors="replace")
    assert "Traceback" not in written, f"the server logged an exception:\n{written[-4000:]}"
