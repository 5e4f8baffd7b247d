"""NATS lost at run time: the gateway tells its players and keeps the sockets; when NATS is
back, play goes on. Uses a private nats-server on its own port, so nothing else is disturbed."""

from __future__ import annotations

import asyncio
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.postgres import create_database, drop_database, require_postgres, run_sync

from .protocol_client import Game, is_text, is_type
from .server import ServerProcess, free_port

pytestmark = pytest.mark.e2e

NATS_SERVER = shutil.which("nats-server") or "/usr/sbin/nats-server"


class PrivateNats:
    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [NATS_SERVER, "-a", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nats-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(5)


@pytest.fixture
def split(tmp_path: Path) -> Iterator[tuple[PrivateNats, ServerProcess, ServerProcess]]:
    if not Path(NATS_SERVER).exists():
        pytest.fail(f"nats-server is not installed at {NATS_SERVER}")
    require_postgres()
    nats = PrivateNats()
    nats.start()
    database = run_sync(create_database("mythosmud_outage"))
    common = {"NATS_URL": nats.url, "SECRET_KEY": secrets.token_urlsafe(40)}
    world = ServerProcess("world", tmp_path / "w", {**common, "ROLE": "world"}, database)
    gateway = ServerProcess(
        "gateway", tmp_path / "g", {**common, "ROLE": "gateway", "GATEWAY_ID": "gw"}, database
    )
    try:
        world.start()
        gateway.start()
        yield nats, world, gateway
    finally:
        gateway.stop()
        world.stop()
        nats.stop()
        run_sync(drop_database(database))


async def test_players_hold_on_through_a_nats_outage(
    split: tuple[PrivateNats, ServerProcess, ServerProcess],
) -> None:
    nats, _world, gateway = split
    async with Game(gateway.base_url) as game:
        player = await game.player("steady")
        for _ in range(50):  # the gateway hears the world's first heartbeat
            try:
                session = await game.connect(player)
                break
            except AssertionError:
                await asyncio.sleep(0.2)
        mark = session.mark()
        await asyncio.to_thread(nats.stop)
        await session.wait_for(
            is_text(contains="The lines to the world have gone quiet"), since=mark, within=20
        )
        await asyncio.sleep(1.0)
        assert not session.closed
        mark = session.mark()
        await asyncio.to_thread(nats.start)
        await session.wait_for(
            is_type("Room.Info"), since=mark, within=40, what="the room once the lines are back"
        )
        said = await session.command("say The lines are open again.")
        assert any("The lines are open again." in f.get("text", "") for f in said), said
        assert not session.closed


@pytest.mark.parametrize("role", ["gateway", "world"])
def test_split_roles_refuse_to_start_without_nats(role: str, tmp_path: Path) -> None:
    dead = f"nats://127.0.0.1:{free_port()}"  # nothing listens there
    env = {**ServerProcess("x", tmp_path).environment(), "MYTHOSMUD_NATS_URL": dead}
    serve = [sys.executable, "-m", "mythosmud", "serve", "--role", role, "--port", "0"]
    done = subprocess.run(serve, env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 1
    assert f"cannot reach NATS at {dead}" in done.stderr
    env.pop("MYTHOSMUD_NATS_URL")
    done = subprocess.run(serve, env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "needs MYTHOSMUD_NATS_URL" in done.stderr
