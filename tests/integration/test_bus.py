"""One contract, two buses: the in-process bus and NATS must behave the same."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest

from mythosmud.bridge.bus import Bus, Message, NoResponders, RequestTimeout, subject_matches
from mythosmud.bridge.memory import MemoryBus
from mythosmud.bridge.nats import NatsBus
from tests.support.nats import NATS_URL, require_nats


@pytest.fixture(params=["memory", "nats"])
async def bus(request: pytest.FixtureRequest) -> AsyncIterator[Bus]:
    if request.param == "memory":
        memory = MemoryBus()
        yield memory
        await memory.drain()
        return
    require_nats()
    nats_bus = await NatsBus.connect(NATS_URL)
    yield nats_bus
    await nats_bus.drain()


@pytest.fixture
def prefix() -> str:
    """Subjects unique to the test, so that tests never hear each other on a shared server."""
    return f"t{uuid.uuid4().hex[:10]}"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.arrived = asyncio.Event()

    async def __call__(self, message: Message) -> None:
        self.messages.append(message)
        self.arrived.set()

    async def wait(self, count: int, within: float = 2.0) -> None:
        async with asyncio.timeout(within):
            while len(self.messages) < count:
                self.arrived.clear()
                await self.arrived.wait()

    @property
    def subjects(self) -> list[str]:
        return [m.subject for m in self.messages]


async def settle(bus: Bus, prefix: str) -> None:
    """A round trip through the bus, so that everything published before has been routed."""
    echo = await bus.subscribe(f"settle.{prefix}", lambda m: bus.publish(m.reply, b""))
    await bus.request(f"settle.{prefix}", b"")
    await echo.unsubscribe()


def test_subject_matching() -> None:
    assert subject_matches("a.b", "a.b")
    assert not subject_matches("a.b", "a.b.c")
    assert subject_matches("a.*.c", "a.b.c")
    assert not subject_matches("a.*", "a.b.c")
    assert subject_matches("a.>", "a.b.c")
    assert not subject_matches("a.>", "a")
    assert subject_matches("*.b.>", "x.b.y.z")


async def test_exact_and_wildcard_subscriptions(bus: Bus, prefix: str) -> None:
    exact, star, tail = Inbox(), Inbox(), Inbox()
    await bus.subscribe(f"{prefix}.room.hall", exact)
    await bus.subscribe(f"{prefix}.room.*", star)
    await bus.subscribe(f"{prefix}.>", tail)
    for subject in ("room.hall", "room.garden", "room.hall.deep", "other"):
        await bus.publish(f"{prefix}.{subject}", subject.encode())
    await tail.wait(4)
    await settle(bus, prefix)
    assert exact.subjects == [f"{prefix}.room.hall"]
    assert star.subjects == [f"{prefix}.room.hall", f"{prefix}.room.garden"]
    assert [m.data for m in tail.messages] == [
        b"room.hall",
        b"room.garden",
        b"room.hall.deep",
        b"other",
    ]


async def test_queue_groups_deliver_each_message_once(bus: Bus, prefix: str) -> None:
    first, second, everyone = Inbox(), Inbox(), Inbox()
    await bus.subscribe(f"{prefix}.work", first, queue="workers")
    await bus.subscribe(f"{prefix}.work", second, queue="workers")
    await bus.subscribe(f"{prefix}.work", everyone)
    for n in range(40):
        await bus.publish(f"{prefix}.work", str(n).encode())
    await everyone.wait(40)
    await settle(bus, prefix)
    assert len(first.messages) + len(second.messages) == 40
    assert sorted(int(m.data) for m in first.messages + second.messages) == list(range(40))


async def test_order_is_kept_per_subscription(bus: Bus, prefix: str) -> None:
    inbox = Inbox()
    await bus.subscribe(f"{prefix}.seq", inbox)
    for n in range(200):
        await bus.publish(f"{prefix}.seq", str(n).encode())
    await inbox.wait(200)
    assert [int(m.data) for m in inbox.messages] == list(range(200))


async def test_request_reply(bus: Bus, prefix: str) -> None:
    async def double(message: Message) -> None:
        await bus.publish(message.reply, message.data * 2)

    await bus.subscribe(f"{prefix}.double", double)
    answer = await bus.request(f"{prefix}.double", b"ab")
    assert answer.data == b"abab"


async def test_requests_without_responders_or_replies_fail_clearly(bus: Bus, prefix: str) -> None:
    with pytest.raises(NoResponders):
        await bus.request(f"{prefix}.nobody", b"", timeout=1.0)

    async def silent(message: Message) -> None:
        return None

    await bus.subscribe(f"{prefix}.silent", silent)
    with pytest.raises(RequestTimeout):
        await bus.request(f"{prefix}.silent", b"", timeout=0.3)


async def test_unsubscribe_stops_delivery(bus: Bus, prefix: str) -> None:
    inbox = Inbox()
    sub = await bus.subscribe(f"{prefix}.x", inbox)
    await bus.publish(f"{prefix}.x", b"1")
    await inbox.wait(1)
    await sub.unsubscribe()
    await bus.publish(f"{prefix}.x", b"2")
    await settle(bus, prefix)
    assert [m.data for m in inbox.messages] == [b"1"]


async def test_a_failing_handler_does_not_stop_its_subscription(bus: Bus, prefix: str) -> None:
    seen: list[bytes] = []

    async def fragile(message: Message) -> None:
        seen.append(message.data)
        if message.data == b"bad":
            raise ValueError("boom")

    await bus.subscribe(f"{prefix}.f", fragile)
    for data in (b"bad", b"good"):
        await bus.publish(f"{prefix}.f", data)
    await settle(bus, prefix)
    await asyncio.sleep(0.05)
    assert seen == [b"bad", b"good"]
