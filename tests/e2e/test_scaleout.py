"""Two gateways and a world as separate processes over the real NATS server.

Players on different gateways meet and talk; the world is killed and restarted while both stay
connected; a gateway restart closes its sockets with 1012 and the player comes back through
the other gateway.
"""

from __future__ import annotations

import asyncio
import secrets
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.nats import NATS_URL, require_nats
from tests.support.postgres import create_database, drop_database, require_postgres, run_sync

from .protocol_client import Game, is_text, is_type, players_include, room_id, texts_of
from .server import ServerProcess

pytestmark = pytest.mark.e2e


class Cluster:
    def __init__(self, root: Path) -> None:
        require_postgres()
        require_nats()
        self.database = run_sync(create_database("mythosmud_split"))
        common = {
            "NATS_URL": NATS_URL,
            "NATS_ROOT": f"t{uuid.uuid4().hex[:10]}",
            "SECRET_KEY": secrets.token_urlsafe(40),
        }
        self.world = ServerProcess(
            "world", root / "world", {**common, "ROLE": "world"}, self.database
        )
        self.gateways = [
            ServerProcess(
                f"gw-{name}",
                root / name,
                {**common, "ROLE": "gateway", "GATEWAY_ID": f"gw-{name}"},
                self.database,
            )
            for name in ("a", "b")
        ]

    def start(self) -> None:
        self.world.start()
        for gateway in self.gateways:
            gateway.start()
            wait_for_world(gateway)

    def stop(self) -> None:
        for server in (*self.gateways, self.world):
            server.stop()
        run_sync(drop_database(self.database))


def wait_for_world(gateway: ServerProcess, within: float = 15.0) -> None:
    """Until the gateway has heard the world's heartbeat."""
    with httpx.Client(timeout=2.0) as client:
        for _ in range(int(within * 10)):
            if client.get(f"{gateway.base_url}/api/v1/health").json().get("world") == "up":
                return
            time.sleep(0.1)
    raise AssertionError(f"{gateway.name} never heard the world")


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    cluster = Cluster(tmp_path)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


async def test_players_on_two_gateways_share_one_world(cluster: Cluster) -> None:
    gw_a, gw_b = cluster.gateways
    async with Game(gw_a.base_url) as game_a, Game(gw_b.base_url) as game_b:
        ada = await game_a.player("ada")
        bob = await game_b.player("bob")
        a = await game_a.connect(ada)
        mark = a.mark()
        b = await game_b.connect(bob)
        assert room_id(b.last("Room.Info")) == "test:hall"
        await a.wait_for(players_include(bob.character), since=mark, what="Bob arriving")

        mark = b.mark()
        await a.command("say Can you hear me across the wires?")
        await b.wait_for(is_text(contains="Can you hear me across the wires?"), since=mark)
        await a.command(f"whisper {bob.character} only you")
        await b.wait_for(is_text(contains="only you", kind="tell"), since=mark)
        await a.command("global evening, all")
        await b.wait_for(is_text(contains="[global]"), since=mark)
        who = "\n".join(texts_of(await b.command("who")))
        assert ada.character in who and bob.character in who, who

        # One NPC, fought from two gateways.
        await a.command("north")
        await b.command("north")
        mark = b.mark()
        await a.command("kill rat")
        await b.wait_for(is_text(contains=f"{ada.character} attacks a grey rat!"), since=mark)
        joined = "\n".join(texts_of(await b.command("kill rat")))
        assert "You attack a grey rat!" in joined or "no 'rat' here" in joined, joined
        await b.wait_for(
            is_text(contains="A grey rat shudders, and is still."),
            since=mark,
            within=30,
            what="the rat's death, seen from the other gateway",
        )

        # The world is killed and comes back: nobody is disconnected.
        mark_a, mark_b = a.mark(), b.mark()
        await asyncio.to_thread(cluster.world.kill)
        await a.wait_for(is_text(contains="The world shifts"), since=mark_a, within=10)
        await asyncio.to_thread(cluster.world.start)
        for session in (a, b):
            await session.wait_for(
                is_type("Room.Info"),
                since=mark_a if session is a else mark_b,
                within=15,
                what="the room after the world returned",
            )
        mark = b.mark()
        await a.command("global Still here.")  # rooms depend on what the autosave kept
        await b.wait_for(is_text(contains="Still here."), since=mark, within=5)
        assert not a.closed and not b.closed

        # A gateway restart closes its sockets with 1012; Bob comes back through the other.
        await asyncio.to_thread(gw_b.stop)
        assert await b.wait_closed(10) == 1012
        b2 = await game_a.connect(await game_a.relogin(bob))
        assert room_id(b2.last("Room.Info")) in ("test:hall", "test:garden")
        await a.quit()
        await b2.quit()
        await asyncio.to_thread(gw_b.start)
