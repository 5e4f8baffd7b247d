"""A gateway and a world over the in-process bus: attach, play, world restart, re-attach."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncEngine

from mythosmud.bridge.memory import MemoryBus
from mythosmud.bridge.publisher import OrderedPublisher
from mythosmud.bridge.subjects import Subjects
from mythosmud.bridge.wire import Close, Frame, close_line, frame_line, read_batch
from mythosmud.config import Settings
from mythosmud.db.engine import session_factory
from mythosmud.metrics import Metrics
from mythosmud.net.gateway import WAIT, WORLD_LOST, GatewayLink
from mythosmud.net.hub import Ident, SessionHub
from mythosmud.persistence import Persister
from mythosmud.runtime import Runtime
from mythosmud.world.loader import load_content
from mythosmud.worldnode import RemoteHub, WorldNode
from tests.integration.factories import stored_character
from tests.unit.harness import FIXTURE_WORLD

SUBJECTS = Subjects("split-test")


def test_batches_round_trip() -> None:
    data = frame_line("s1", b'{"type":"text","text":"a\\nb"}') + close_line("s2", 4409, "gone")
    assert list(read_batch(data)) == [
        Frame("s1", b'{"type":"text","text":"a\\nb"}'),
        Close("s2", 4409, "gone"),
    ]


class World:
    def __init__(self, bus: MemoryBus, engine: AsyncEngine, tmp: Path) -> None:
        settings = Settings(data_dir=tmp, content_dir=FIXTURE_WORLD)
        sessions = session_factory(engine)
        publisher = OrderedPublisher(bus)
        self.hub = RemoteHub(publisher, SUBJECTS)
        self.runtime = Runtime(
            settings,
            load_content(FIXTURE_WORLD),
            Persister(sessions),
            Metrics(),
            sessions,
            self.hub,
        )
        self.node = WorldNode(
            self.runtime, bus, publisher, self.hub, subjects=SUBJECTS, heartbeat_seconds=0.05
        )

    async def start(self) -> None:
        self.runtime.start()
        await self.node.start()


async def until(check: Callable[[], bool], within: float = 3.0) -> None:
    async with asyncio.timeout(within):
        while not check():  # noqa: ASYNC110 - polling what other tasks change is the point
            await asyncio.sleep(0.01)


async def test_a_gateway_plays_through_a_world_restart(engine: AsyncEngine, tmp_path: Path) -> None:
    account = (await stored_character(engine, profession="tramp", room_id="test:garden")).account_id
    bus = MemoryBus()
    world = World(bus.connect(), engine, tmp_path)
    await world.start()
    link = GatewayLink(
        SessionHub(Metrics(), 64),
        bus,
        OrderedPublisher(bus),
        "gw1",
        subjects=SUBJECTS,
        heartbeat_seconds=0.05,
        world_timeout=0.5,
    )
    await link.start()
    await until(lambda: link.world_up)

    frames: list[dict[str, Any]] = []

    async def send(text: str) -> None:
        frames.append(orjson.loads(text))

    async def close(code: int, reason: str) -> None:
        frames.append({"closed": code})

    def texts() -> list[str]:
        return [f["text"] for f in frames if f.get("type") == "text"]

    session = link.new_session("s1", send, close)
    assert await link.attach(session, account + 1, "Adelaide") == 4403
    assert await link.attach(session, account, "adelaide") == Ident(1, "Adelaide")
    session.start()
    await until(lambda: any(f.get("type") == "Room.Info" for f in frames))
    assert [f["seq"] for f in frames] == list(range(1, len(frames) + 1))

    link.handle("s1", "say Is the line open?", re=7)
    await until(lambda: 'You ask, "Is the line open?"' in texts())

    await world.node.stop()  # saves everyone and says it is stopping
    await until(lambda: WORLD_LOST in texts())
    link.handle("s1", "look", re=8)
    await until(lambda: WAIT in texts())
    assert not any("closed" in f for f in frames)

    frames_before = len(frames)
    second = World(bus.connect(), engine, tmp_path)
    await second.start()
    await until(lambda: any(f.get("type") == "Room.Info" for f in frames[frames_before:]))
    info = next(f for f in frames[frames_before:] if f.get("type") == "Room.Info")
    assert info["data"]["id"] == "test:garden"
    link.handle("s1", "say Back again.")
    await until(lambda: 'You say, "Back again."' in texts())
    assert [f["seq"] for f in frames] == list(range(1, len(frames) + 1))

    await link.stop()
    await second.node.stop()
