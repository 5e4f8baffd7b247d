"""Client frames and the session outbox."""

import asyncio

import orjson
import pytest

from mythosmud.net.protocol import AuthMessage, BadFrame, CommandMessage, parse_frame
from mythosmud.net.session import Session


def test_parse_frames() -> None:
    assert parse_frame('{"type":"command","text":"look","id":3}') == CommandMessage(
        type="command", text="look", id=3
    )
    assert isinstance(parse_frame('{"type":"auth","token":"t","character":"Ada"}'), AuthMessage)
    for bad, reason in [
        ("not json", "JSON"),
        ("[1,2]", "JSON objects"),
        ('{"type":"dance"}', "unknown frame type"),
        ('{"type":"command"}', "malformed command"),
        ('{"type":"command","text":"x","id":[1]}', "malformed command"),
    ]:
        with pytest.raises(BadFrame, match=reason):
            parse_frame(bad)


async def test_writer_numbers_frames_and_closes_after_queued_frames() -> None:
    sent: list[str] = []
    closed: list[int] = []

    async def send(text: str) -> None:
        sent.append(text)

    async def close(code: int, reason: str) -> None:
        closed.append(code)

    session = Session("s", send, close, max_frames=10)
    session.start()
    session.push(orjson.dumps({"type": "text", "text": "a"}))
    session.push(orjson.dumps({"type": "pong"}))
    session.close(1000, "bye")
    session.push(orjson.dumps({"type": "pong"}))
    await asyncio.wait_for(session.done.wait(), 1)
    assert [orjson.loads(s) for s in sent] == [
        {"seq": 1, "type": "text", "text": "a"},
        {"seq": 2, "type": "pong"},
    ]
    assert closed == [1000]


async def test_a_full_outbox_drops_the_session_without_waiting() -> None:
    stuck = asyncio.Event()
    closed: list[int] = []
    overflows: list[int] = []

    async def send(text: str) -> None:
        await stuck.wait()  # a reader that never reads

    async def close(code: int, reason: str) -> None:
        closed.append(code)

    session = Session("s", send, close, max_frames=4, on_overflow=lambda: overflows.append(1))
    session.start()
    for _ in range(10):
        session.push(b'{"type":"pong"}')
        await asyncio.sleep(0)
    await asyncio.wait_for(session.done.wait(), 1)
    assert closed == [1008]
    assert overflows == [1]
    assert session.closing


def test_origins() -> None:
    from mythosmud.net.ws import origin_allowed

    assert origin_allowed(None, "127.0.0.1:8000", [])
    assert origin_allowed("http://127.0.0.1:8000", "127.0.0.1:8000", [])
    assert not origin_allowed("http://evil.example", "127.0.0.1:8000", [])
    assert origin_allowed("https://play.example/", "x", ["https://play.example"])
    assert not origin_allowed("http://127.0.0.1:8000", "127.0.0.1:8000", ["https://play.example"])
