"""The direct path: sessions writing through a FrameSink, the reader's fast path, the metrics."""

from __future__ import annotations

import asyncio
from typing import Any

import orjson
import pytest

from mythosmud.config import Settings
from mythosmud.metrics import Metrics
from mythosmud.net.protocol import BadFrame, CommandMessage, parse_frame
from mythosmud.net.session import Session
from mythosmud.net.tuned_protocol import frame_header
from mythosmud.net.ws import Reader


class FakeSink:
    def __init__(self) -> None:
        self.writes: list[list[bytes]] = []
        self.room = asyncio.Event()
        self.room.set()

    def write_text_frames(self, payloads: list[bytes]) -> bool:
        self.writes.append(list(payloads))
        return True

    def paused(self) -> bool:
        return not self.room.is_set()

    async def wait_writable(self) -> None:
        await self.room.wait()

    def set_receiver(self, receiver: Any) -> None:
        pass


def make_session(max_frames: int = 10) -> tuple[Session, FakeSink, list[int]]:
    closed: list[int] = []

    async def send(text: str) -> None:
        raise AssertionError("the direct path must not use the ASGI send")

    async def close(code: int, reason: str) -> None:
        closed.append(code)

    session = Session("s", send, close, max_frames=max_frames)
    sink = FakeSink()
    session.use_sink(sink)
    session.start()
    return session, sink, closed


async def test_a_turns_frames_go_out_in_one_write_with_seq() -> None:
    session, sink, closed = make_session()
    session.push(b'{"type":"text","text":"a"}')
    session.push(b'{"type":"pong"}')
    assert sink.writes == []  # written at the end of the loop turn, together
    await asyncio.sleep(0)
    assert [[orjson.loads(p) for p in w] for w in sink.writes] == [
        [{"seq": 1, "type": "text", "text": "a"}, {"seq": 2, "type": "pong"}]
    ]
    session.push(b'{"type":"pong"}')
    session.close(1000, "bye")
    session.push(b'{"type":"pong"}')  # after close: dropped
    await asyncio.wait_for(session.done.wait(), 1)
    assert orjson.loads(sink.writes[-1][0]) == {"seq": 3, "type": "pong"}
    assert sum(len(w) for w in sink.writes) == 3 and closed == [1000]


async def test_a_paused_socket_holds_frames_then_sends_them() -> None:
    session, sink, _closed = make_session()
    sink.room.clear()
    session.push(b'{"type":"pong"}')
    await asyncio.sleep(0.01)
    assert sink.writes == []
    sink.room.set()
    await asyncio.sleep(0.01)
    assert [orjson.loads(p)["seq"] for p in sink.writes[0]] == [1]
    await session.stop(grace=0.1)


async def test_a_paused_socket_that_overflows_is_dropped() -> None:
    session, sink, closed = make_session(max_frames=4)
    sink.room.clear()
    for _ in range(10):
        session.push(b'{"type":"pong"}')
        await asyncio.sleep(0)
    await asyncio.wait_for(session.done.wait(), 1)
    assert closed == [1008] and sink.writes == []


class FakeRuntime:
    def __init__(self) -> None:
        self.handled: list[tuple[str, Any]] = []
        self.metrics = Metrics()

    def handle(self, session_id: str, line: str, re: Any = None) -> None:
        self.handled.append((line, re))


@pytest.mark.parametrize(
    "frame",
    [
        '{"type":"command","text":"look","id":3}',
        '{"type":"command","text":"look"}',
        '{"type":"command","text":"say hi","id":"abc","extra":1}',
        '{"type":"command","text":"x","id":"' + "i" * 64 + '"}',
        '{"type":"command","text":"x","id":"' + "i" * 65 + '"}',
        '{"type":"command","text":"x","id":true}',
        '{"type":"command","text":"x","id":3.0}',
        '{"type":"command","text":"x","id":[1]}',
        '{"type":"command","text":5}',
        '{"type":"command","text":"' + "x" * 8193 + '"}',
        '{"type":"ping"}',
        '{"type":"dance"}',
        "[1]",
        "not json",
    ],
)
async def test_the_fast_path_does_what_parse_frame_does(frame: str) -> None:
    session, sink, _ = make_session()
    runtime = FakeRuntime()
    settings = Settings(commands_per_second=0, max_frame_bytes=65536)
    reader = Reader(session, runtime, settings)  # type: ignore[arg-type]
    assert reader.frame(frame)
    await asyncio.sleep(0)
    try:
        parsed = parse_frame(frame)
    except BadFrame:
        parsed = None
    if isinstance(parsed, CommandMessage):
        assert runtime.handled == [(parsed.text, parsed.id)]
    else:
        assert runtime.handled == []
        assert sink.writes, "an error frame or a pong is sent"
    await session.stop(grace=0.1)


def test_frame_headers() -> None:
    assert frame_header(5) == b"\x81\x05"
    assert frame_header(200) == b"\x81\x7e\x00\xc8"
    assert frame_header(70000) == b"\x81\x7f" + (70000).to_bytes(8, "big")


def test_command_metrics_are_exposed_as_before() -> None:
    metrics = Metrics()
    metrics.observe_command("look", 0.0003)
    metrics.observe_command("look", 0.2)
    metrics.observe_command("say", 1.0)
    metrics.frames_sent.inc(3)
    text = metrics.render().decode()
    assert 'mythosmud_commands_total{verb="look"} 2.0' in text
    assert 'mythosmud_command_seconds_bucket{le="0.0005"} 1.0' in text
    assert 'mythosmud_command_seconds_bucket{le="0.25"} 2.0' in text
    assert 'mythosmud_command_seconds_bucket{le="+Inf"} 3.0' in text
    assert "mythosmud_command_seconds_count 3.0" in text
    assert "mythosmud_frames_sent_total 3.0" in text
