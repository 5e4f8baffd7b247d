"""Fighting over the wire: kill, loot and level up; die, wake and keep it across a restart."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from .protocol_client import Game, is_text, room_id, texts_of
from .server import ServerProcess, running_server

pytestmark = pytest.mark.e2e

FAST = {
    "TICK_SECONDS": 0.1,
    "COMBAT_ROUND_SECONDS": 0.3,
    "BLEED_SECONDS": 0.2,
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with running_server("combat", tmp_path_factory.mktemp("combat"), settings=FAST) as srv:
        yield srv


async def test_kill_loot_and_level_up(game: Game) -> None:
    hunter = await game.player("hunter")
    session = await game.connect(hunter)
    before = session.last("Char.Vitals")["data"]["maxhp"]
    await session.command("north")
    mark = session.mark()
    started = await session.command("kill rat")
    assert "You attack a grey rat!" in texts_of(started), started
    await session.wait_for(
        is_text(contains="A grey rat shudders, and is still."),
        since=mark,
        within=30,
        what="the rat's death",
    )
    await session.wait_for(
        is_text(contains="You have reached level 2."), since=mark, within=15, what="the level up"
    )
    vitals = session.find(lambda f: f["type"] == "Char.Vitals", since=mark)
    assert vitals[-1]["data"]["maxhp"] > before, vitals[-1]
    looted = "\n".join(texts_of(await session.command("get all from corpse")))
    assert "You take a tallow candle from the corpse of a grey rat." in looted, looted
    assert "You take $0.25 from the corpse of a grey rat." in looted, looted
    score = "\n".join(texts_of(await session.command("score")))
    assert "level 2" in score and "Experience 150" in score, score
    assert "tallow candle" in "\n".join(texts_of(await session.command("inventory")))


async def test_death_respawn_and_restart(server: ServerProcess) -> None:
    async with Game(server.base_url) as game:
        victim = await game.player("victim")
        session = await game.connect(victim)
        await session.command("get candle")
        lucidity = session.last("Char.Vitals")["data"]["lucidity"]
        mark = session.mark()
        await session.command("down")
        await session.wait_for(
            is_text(contains="lunges at you"), since=mark, within=20, what="the attack"
        )
        await session.wait_for(
            is_text(contains="mortally wounded"), since=mark, within=30, what="the fall"
        )
        refused = await session.command("get candle")
        assert "mortally wounded" in "\n".join(texts_of(refused)), refused
        await session.wait_for(
            is_text(contains="dark comes up like water"), since=mark, within=30, what="death"
        )
        info = await session.wait_for(
            lambda f: f["type"] == "Room.Info" and room_id(f) == "test:hall",
            since=mark,
            within=15,
            what="waking in the hall",
        )
        assert info["data"]["name"] == "A Narrow Hall"
        vitals = session.last("Char.Vitals")["data"]
        assert vitals["hp"] == vitals["maxhp"] // 2 and vitals["lucidity"] == lucidity - 5
        await session.quit()

    await asyncio.to_thread(server.stop)
    await asyncio.to_thread(server.start)

    async with Game(server.base_url) as game:
        session = await game.connect(await game.relogin(victim))
        assert room_id(session.last("Room.Info")) == "test:hall"
        vitals = session.last("Char.Vitals")["data"]
        assert vitals["lucidity"] == lucidity - 5, vitals
        carrying = "\n".join(texts_of(await session.command("inventory")))
        assert "nothing at all" in carrying, carrying
