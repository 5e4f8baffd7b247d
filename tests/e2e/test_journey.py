"""The main journey, on SQLite and on PostgreSQL: register, play together, quit, come back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .protocol_client import (
    Game,
    Session,
    is_text,
    is_type,
    player_names,
    players_exclude,
    players_include,
    room_id,
    texts_of,
)
from .server import ServerProcess, running_server

pytestmark = pytest.mark.e2e

HALL = "test:hall"
GARDEN = "test:garden"
HALL_NAME = "A Narrow Hall"
GARDEN_NAME = "An Overgrown Garden"


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    backend = str(request.param)
    with running_server("journey", tmp_path_factory.mktemp(f"journey-{backend}"), backend) as srv:
        yield srv


async def inventory(session: Session) -> str:
    frames = await session.command("inventory")
    return "\n".join(texts_of(frames)).lower()


def check_login_frames(session: Session, name: str, room: str) -> None:
    info = session.last("Room.Info")
    assert room_id(info) == room, info
    players = session.find(is_type("Room.Players"))
    assert players and name in player_names(players[-1]), players
    vitals = session.last("Char.Vitals")["data"]
    for key in ("hp", "maxhp", "mp", "maxmp", "lucidity", "maxlucidity"):
        assert isinstance(vitals.get(key), int | float), vitals


async def test_journey(game: Game) -> None:
    alice = await game.player("alice")
    bob = await game.player("bob")
    carol = await game.player("carol", profession="doctor")

    # Bob is in the hall when Alice arrives.
    b = await game.connect(bob)
    check_login_frames(b, bob.character, HALL)
    info = b.last("Room.Info")["data"]
    assert info["name"] == HALL_NAME, info
    assert info["exits"] == {"north": GARDEN}, f"only the visible exit is listed: {info}"
    assert HALL_NAME in "\n".join(b.texts(kind="room")), b.texts()

    mark = b.mark()
    a = await game.connect(alice)
    check_login_frames(a, alice.character, HALL)
    assert bob.character in player_names(a.last("Room.Players")), a.last("Room.Players")
    await b.wait_for(is_text(contains=alice.character), since=mark, what="Alice's arrival text")
    await b.wait_for(players_include(alice.character), since=mark, what="Room.Players with Alice")

    # say
    mark_b = b.mark()
    said = await a.command("say Hello there in the hall")
    own = "\n".join(texts_of(said))
    assert 'You say, "Hello there in the hall"' in own, said
    heard = await b.wait_for(
        is_text(contains="Hello there in the hall"), since=mark_b, what="the say"
    )
    assert alice.character in heard["text"], heard
    channel = await b.wait_for(is_type("Comm.Channel.Text"), since=mark_b, what="Comm.Channel")
    assert channel["data"]["text"] == "Hello there in the hall", channel
    assert channel["data"]["talker"] == alice.character, channel
    assert channel["data"]["channel"], channel

    # whisper, by name in another case; Carol stands in the same room and must not hear it.
    c = await game.connect(carol)
    await a.wait_for(players_include(carol.character), what="Carol's arrival")
    mark_a, mark_c = a.mark(), c.mark()
    answer = await b.command(f"whisper {alice.character.swapcase()} meet me in the garden")
    assert texts_of(answer), answer
    assert all(f.get("kind") != "error" for f in answer), answer
    got = await a.wait_for(is_text(contains="meet me in the garden"), since=mark_a, what="whisper")
    assert bob.character in got["text"], got
    whisper = await a.wait_for(is_type("Comm.Channel.Text"), since=mark_a, what="whisper data")
    assert whisper["data"]["text"] == "meet me in the garden", whisper
    assert whisper["data"]["talker"] == bob.character, whisper
    await c.expect_none(
        lambda f: "meet me in the garden" in str(f), since=mark_c, what="the whisper to Alice"
    )

    # get, inventory, give
    got_candle = await a.command("get candle")
    assert "candle" in "\n".join(texts_of(got_candle)).lower(), got_candle
    assert all(f.get("kind") != "error" for f in got_candle), got_candle
    assert "tallow candle" in await inventory(a)
    assert "tallow candle" not in await inventory(b)

    given = await a.command(f"give candle {bob.character.lower()}")
    assert all(f.get("kind") != "error" for f in given), given
    assert "tallow candle" in await inventory(b)
    assert "tallow candle" not in await inventory(a)

    # Alice walks north: Bob sees her leave, then she sees him arrive.
    mark_b = b.mark()
    moved = await a.command("north")
    assert GARDEN in [room_id(f) for f in moved if f["type"] == "Room.Info"], moved
    assert GARDEN_NAME in "\n".join(texts_of(moved)), moved
    await b.wait_for(is_text(contains=alice.character), since=mark_b, what="Alice leaving")
    await b.wait_for(players_exclude(alice.character), since=mark_b, what="Players w/o Alice")

    mark_a = a.mark()
    moved = await b.command("north")
    assert GARDEN in [room_id(f) for f in moved if f["type"] == "Room.Info"], moved
    assert alice.character in player_names([f for f in moved if f["type"] == "Room.Players"][-1]), (
        moved
    )
    await a.wait_for(is_text(contains=bob.character), since=mark_a, what="Bob arriving")
    await a.wait_for(players_include(bob.character), since=mark_a, what="Players with Bob")

    inventory_a, inventory_b = await inventory(a), await inventory(b)

    # quit
    assert await a.quit() == 1000
    assert await b.quit() == 1000

    # Back again: same room, same things.
    a2 = await game.connect(await game.relogin(alice))
    b2 = await game.connect(await game.relogin(bob))
    assert room_id(a2.last("Room.Info")) == GARDEN
    assert room_id(b2.last("Room.Info")) == GARDEN
    await a2.wait_for(players_include(bob.character), what="Bob back in the garden")
    assert "tallow candle" in await inventory(b2)
    assert "tallow candle" not in await inventory(a2)
    assert await inventory(a2) == inventory_a
    assert await inventory(b2) == inventory_b


async def test_look_answers_room_text(game: Game) -> None:
    s = await game.connect(await game.player("looker"))
    frames = await s.command("look")
    rooms = [f for f in frames if f["type"] == "text" and f.get("kind") == "room"]
    assert rooms and HALL_NAME in rooms[0]["text"], frames
    assert [room_id(f) for f in frames if f["type"] == "Room.Info"] == [HALL], frames
    assert HALL_NAME in "\n".join(texts_of(await s.command("l"))), "alias l"


async def test_answers_carry_the_command_id(game: Game) -> None:
    s = await game.connect(await game.player("ider"))
    start = s.mark()
    await s.send_json({"type": "command", "text": "look", "id": 7})
    await s.wait_for(lambda f: f["type"] == "text" and f.get("re") == 7, what="text re=7")
    await s.settle()
    answers = s.frames[start:]
    assert {f["type"] for f in answers if f.get("re") == 7} >= {"text", "Room.Info"}, answers
    assert all(f.get("re") == 7 for f in answers if f["type"] in ("Room.Info", "text")), answers

    frames = await s.command("look", id="abc")
    assert frames and all(f["re"] == "abc" for f in frames)


async def test_unknown_verb_is_an_error_text(game: Game) -> None:
    s = await game.connect(await game.player("confused"))
    frames = await s.command("xyzzyplugh")
    assert [f for f in frames if f["type"] == "text" and f.get("kind") == "error"], frames


async def test_walking_into_a_wall_is_an_error(game: Game) -> None:
    s = await game.connect(await game.player("walker"))
    frames = await s.command("east")
    assert [f for f in frames if f["type"] == "text" and f.get("kind") == "error"], frames
    assert not [f for f in frames if f["type"] == "Room.Info"], frames
    look = await s.command("look")
    assert [room_id(f) for f in look if f["type"] == "Room.Info"] == [HALL]
