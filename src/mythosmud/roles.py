"""What each role of `mythosmud serve` runs: everything in one process, a gateway, or a world."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from mythosmud.bridge.bus import Bus, BusUnavailable, Listener
from mythosmud.bridge.publisher import OrderedPublisher
from mythosmud.bridge.subjects import Subjects
from mythosmud.config import Settings
from mythosmud.metrics import Metrics
from mythosmud.net.backend import Backend
from mythosmud.net.gateway import GatewayLink
from mythosmud.net.hub import SessionHub
from mythosmud.net.local import LocalBackend
from mythosmud.persistence import Persister
from mythosmud.runtime import Runtime
from mythosmud.world.loader import Content
from mythosmud.worldnode import RemoteHub, WorldNode

Role = Literal["all", "gateway", "world"]


@dataclass
class Services:
    role: Role
    hub: SessionHub | None = None
    backend: Backend | None = None
    runtime: Runtime | None = None
    link: GatewayLink | None = None
    node: WorldNode | None = None

    @property
    def shutdown_code(self) -> int:
        """1001 when the whole server stops; 1012 when only a gateway restarts."""
        return 1012 if self.role == "gateway" else 1001

    async def stop(self) -> None:
        if self.node is not None:
            await self.node.stop()
        elif self.backend is not None:
            await self.backend.stop()


async def _bus(settings: Settings, name: str, on_disconnect: Listener | None = None) -> Bus:
    from mythosmud.bridge.nats import NatsBus  # only the split roles pay for nats-py

    if not settings.nats_url:
        raise BusUnavailable("the gateway and world roles need MYTHOSMUD_NATS_URL")
    return await NatsBus.connect(settings.nats_url, name=name, on_disconnect=on_disconnect)


async def start(
    settings: Settings,
    role: Role,
    content: Content,
    db_sessions: async_sessionmaker[AsyncSession],
    metrics: Metrics,
) -> Services:
    if role == "gateway":
        return await _gateway(settings, metrics)
    persister = Persister(db_sessions, on_saved=metrics.saves.inc)
    if role == "world":
        bus = await _bus(settings, "mythosmud-world")
        publisher = OrderedPublisher(bus)
        subjects = Subjects(settings.nats_root)
        remote = RemoteHub(publisher, subjects)
        runtime = Runtime(settings, content, persister, metrics, db_sessions, remote)
        node = WorldNode(runtime, bus, publisher, remote, subjects=subjects)
        runtime.start()
        await node.start()
        return Services(role, runtime=runtime, node=node)
    hub = SessionHub(metrics, settings.outbox_frames)
    runtime = Runtime(settings, content, persister, metrics, db_sessions, hub)
    runtime.start()
    return Services(role, hub=hub, backend=LocalBackend(runtime, hub), runtime=runtime)


async def _gateway(settings: Settings, metrics: Metrics) -> Services:
    hub = SessionHub(metrics, settings.outbox_frames)
    links: list[GatewayLink] = []

    async def lost() -> None:  # NATS went away: the link tells its players
        for link in links:
            await link.on_disconnect()

    bus = await _bus(settings, f"mythosmud-gateway-{settings.gateway_id}", lost)
    link = GatewayLink(
        hub,
        bus,
        OrderedPublisher(bus),
        settings.gateway_id,
        subjects=Subjects(settings.nats_root),
    )
    links.append(link)
    await link.start()
    return Services("gateway", hub=hub, backend=link, link=link)
