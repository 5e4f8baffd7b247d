"""Hostile or broken input: bad frames, floods, bad credentials, hostile names and text."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from .protocol_client import (
    AuthRejected,
    Game,
    SessionClosed,
    authenticate,
    is_text,
    is_type,
    random_letters,
    unique_name,
)
from .server import ServerProcess, running_server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    settings = {"AUTH_TIMEOUT_SECONDS": 1}
    with running_server("bad-input", tmp_path_factory.mktemp("bad"), settings=settings) as srv:
        yield srv


def bad_frame(frame: dict[str, object]) -> bool:
    return frame.get("type") == "error" and frame.get("code") == "bad_frame"


# ------------------------------------------------------------------------------ frames


async def test_non_json_and_unknown_frames_get_bad_frame(game: Game) -> None:
    s = await game.connect(await game.player("garbler"))
    mark = s.mark()
    await s.send_text("this is not json {")
    error = await s.wait_for(bad_frame, since=mark, what="bad_frame for non-JSON")
    assert isinstance(error.get("text"), str), error

    mark = s.mark()
    await s.send_json({"type": "teleport", "where": "anywhere"})
    await s.wait_for(bad_frame, since=mark, what="bad_frame for an unknown type")

    mark = s.mark()
    await s.send_json(["a", "list"])
    await s.wait_for(bad_frame, since=mark, what="bad_frame for a JSON list")

    mark = s.mark()
    await s.send_json({"type": "ping"})
    await s.wait_for(is_type("pong"), since=mark, what="pong")
    assert not s.closed
    look = await s.command("look")
    assert [f for f in look if f["type"] == "text"], look


async def test_oversized_frame_closes_with_1009(game: Game) -> None:
    s = await game.connect(await game.player("bigmouth"))
    with contextlib.suppress(ConnectionClosed):
        await s.send_json({"type": "command", "text": "say " + "a" * 9000})
    assert await s.wait_closed(5) == 1009


async def test_flood_is_rate_limited_then_closed_1008(game: Game) -> None:
    s = await game.connect(await game.player("flooder"))
    mark = s.mark()
    with contextlib.suppress(ConnectionClosed):
        for _ in range(400):
            await s.send_json({"type": "command", "text": "look"})
    await s.wait_for(
        lambda f: f.get("type") == "error" and f.get("code") == "rate_limited",
        since=mark,
        what="a rate_limited error",
    )
    assert await s.wait_closed(10) == 1008


# ------------------------------------------------------------------------------ auth


async def test_garbage_first_frame_is_4401(game: Game) -> None:
    s = await game.open("garbage")
    with contextlib.suppress(ConnectionClosed):
        await s.send_text("hello there")
    assert await s.wait_closed(5) == 4401
    assert s.welcome is None


async def test_non_auth_first_frame_is_4401(game: Game) -> None:
    s = await game.open("command-first")
    with contextlib.suppress(ConnectionClosed):
        await s.send_json({"type": "command", "text": "look"})
    assert await s.wait_closed(5) == 4401


async def test_bad_token_is_4401(game: Game) -> None:
    player = await game.player("tokenless")
    s = await game.open("bad-token")
    with contextlib.suppress(ConnectionClosed):
        await s.send_json({"type": "auth", "token": "not.a.token", "character": player.character})
    assert await s.wait_closed(5) == 4401
    assert s.welcome is None


async def test_no_auth_in_time_is_4401(game: Game) -> None:
    s = await game.open("silent")
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await s.wait_closed(6) == 4401
    assert loop.time() - started >= 0.5, "closed long before the 1 s auth timeout"


async def test_someone_elses_character_is_4403(game: Game) -> None:
    owner = await game.player("owner")
    thief = await game.player("thief")
    s = await game.open("thief")
    with pytest.raises(AuthRejected) as refused:
        await authenticate(s, thief.token, owner.character)
    assert refused.value.code == 4403

    s = await game.open("unknown")
    with pytest.raises(AuthRejected) as refused:
        await authenticate(s, thief.token, unique_name("nobody"))
    assert refused.value.code == 4403


async def test_foreign_origin_is_refused(game: Game, server: ServerProcess) -> None:
    player = await game.player("origin")
    try:
        s = await game.open("evil", origin="http://evil.example")
    except InvalidStatus as exc:
        assert exc.response.status_code == 403, exc
    else:
        with contextlib.suppress(ConnectionClosed):
            await s.send_json(
                {"type": "auth", "token": player.token, "character": player.character}
            )
        assert await s.wait_closed(5) == 4403
        assert s.welcome is None

    # No Origin at all (a non-browser client) is fine; so is the server's own address.
    async with await game.connect(player) as fine:
        assert fine.welcome is not None
    own = await game.connect(await game.relogin(player), origin=server.base_url)
    assert own.welcome is not None


async def test_second_session_replaces_the_first_with_4409(game: Game) -> None:
    player = await game.player("twin")
    first = await game.connect(player)
    moved = await first.command("north")
    assert [f for f in moved if f["type"] == "Room.Info"], moved
    second = await game.connect(player)
    assert await first.wait_closed(5) == 4409
    assert second.last("Room.Info")["data"]["id"] == "test:garden"
    look = await second.command("look")
    assert [f for f in look if f["type"] == "text" and f.get("kind") == "room"], look


# ------------------------------------------------------------------------------ REST


async def test_duplicate_username_is_409_case_insensitively(game: Game) -> None:
    name = unique_name("dup")
    first = await game.api.register(name)
    assert first.status_code == 201, first.text
    again = await game.api.register(name.upper())
    assert again.status_code == 409, again.text
    assert "detail" in again.json()


async def test_short_password_is_422(game: Game) -> None:
    response = await game.api.register(unique_name("short"), "abc1234")
    assert response.status_code == 422, response.text
    assert "detail" in response.json()


async def test_bad_login_is_401_then_429(game: Game) -> None:
    username, _ = await game.api.new_account("victim")
    unknown = await game.api.login(unique_name("ghost"), "whatever password")
    assert unknown.status_code == 401, unknown.text

    statuses = []
    for _ in range(10):
        response = await game.api.login(username, "wrong password!")
        statuses.append(response.status_code)
        if response.status_code == 429:
            break
    assert statuses[0] == 401, statuses
    assert statuses[-1] == 429, f"never throttled: {statuses}"
    assert len(statuses) <= 7, f"throttled too late (default is 5 failures): {statuses}"


@pytest.mark.parametrize("name", ["<script>", "bob123", "ab", "a" * 21, "Bob Smith", "Zoë"])
async def test_hostile_names_are_422(game: Game, name: str) -> None:
    registered = await game.api.register(name)
    assert registered.status_code == 422, f"username {name!r}: {registered.status_code}"

    _, token = await game.api.new_account("namer")
    roll = await game.api.roll_until_eligible(token, "tramp")
    created = await game.api.create_character(token, name, "tramp", roll["roll_id"])
    assert created.status_code == 422, f"character {name!r}: {created.status_code} {created.text}"
    listed = await game.api.characters(token)
    assert listed.json() == [], listed.json()


# ------------------------------------------------------------------------------ text


async def test_control_characters_do_not_reach_other_players(game: Game) -> None:
    alice = await game.connect(await game.player("painter"))
    bob = await game.connect(await game.player("viewer"))
    mark = bob.mark()
    word = random_letters(10)
    await alice.command(f"say \x1b[31m{word}\x07 now")
    heard = await bob.wait_for(is_text(contains=word), since=mark, what="the coloured say")
    channel = await bob.wait_for(is_type("Comm.Channel.Text"), since=mark, what="channel frame")
    for text in (str(heard["text"]), str(channel["data"]["text"])):
        assert not any(ord(c) < 32 and c not in "\n" for c in text), repr(text)
        assert "\x7f" not in text and "[31m" not in text, repr(text)
    assert f"{word} now" in channel["data"]["text"], channel


async def test_session_closed_error_is_reported(game: Game) -> None:
    """The client itself: waiting on a closed session fails loudly instead of hanging."""
    s = await game.connect(await game.player("quitter"))
    assert await s.quit() == 1000
    with pytest.raises(SessionClosed):
        await s.wait_for(is_type("never"), within=1)
