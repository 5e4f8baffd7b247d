"""A dropped connection leaves the character in the world for the grace period."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest

from .protocol_client import Game, player_names, players_exclude, players_include, room_id
from .server import ServerProcess, running_server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def short_grace_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    settings = {"LINKDEAD_SECONDS": 1}
    with running_server("linkdead-1s", tmp_path_factory.mktemp("ld"), settings=settings) as srv:
        yield srv


@pytest.fixture
async def short_game(short_grace_server: ServerProcess) -> AsyncIterator[Game]:
    async with Game(short_grace_server.base_url) as client:
        yield client


async def test_linkdead_player_stays_and_takes_over(game: Game) -> None:
    """Default grace (30 s): still in the room after the drop, back where they stood."""
    alice = await game.player("alice")
    a = await game.connect(alice)
    bob = await game.player("bob")
    b = await game.connect(bob)
    await a.command("north")
    await b.command("north")
    await b.wait_for(players_include(alice.character), what="Alice in the garden")

    mark = b.mark()
    a.drop()
    await asyncio.sleep(2.0)
    look = await b.command("look")
    players = [f for f in look if f["type"] == "Room.Players"]
    assert players and alice.character in player_names(players[-1]), look
    assert not b.find(players_exclude(alice.character), since=mark), b.frames[mark:]

    again = await game.connect(await game.relogin(alice))
    assert room_id(again.last("Room.Info")) == "test:garden"
    await again.wait_for(players_include(bob.character), what="Bob beside Alice again")
    await again.wait_for(players_include(alice.character), what="Alice in her own Room.Players")
    frames = await again.command("inventory")
    assert [f for f in frames if f["type"] == "text"], frames


async def test_linkdead_player_leaves_after_the_grace(short_game: Game) -> None:
    alice = await short_game.player("alice")
    a = await short_game.connect(alice)
    b = await short_game.connect(await short_game.player("bob"))
    await b.wait_for(players_include(alice.character), what="Alice in the hall")

    mark = b.mark()
    a.drop()
    try:
        await b.wait_for(
            players_exclude(alice.character),
            within=6.0,
            since=mark,
            what="a Room.Players frame without Alice after her grace period",
        )
    except AssertionError:
        look = await b.command("look")
        raise AssertionError(
            f"no Room.Players without Alice was pushed within 6 s; a look now answers {look}"
        ) from None
    look = await b.command("look")
    players = [f for f in look if f["type"] == "Room.Players"]
    assert players and alice.character not in player_names(players[-1]), look
