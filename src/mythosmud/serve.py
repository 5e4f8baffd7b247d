"""`mythosmud serve`: uvicorn, tuned and told how to close, around the app of a role."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import gc
import os
import socket
import subprocess
import sys
from typing import Any

import uvicorn

from mythosmud.config import Settings
from mythosmud.gcpolicy import CollectorPolicy
from mythosmud.roles import Role


class _Server(uvicorn.Server):
    """Uvicorn, but players are told why (1001 shutdown, 1012 gateway restart) before
    connections are cut, and the garbage collector is kept from long pauses."""

    def __init__(self, config: uvicorn.Config, gc_policy: CollectorPolicy) -> None:
        super().__init__(config)
        self.gc_policy = gc_policy

    async def shutdown(self, sockets: object = None) -> None:
        await self.gc_policy.stop()
        services = (
            getattr(self.config.loaded_app.app.state, "services", None)
            if hasattr(self.config, "loaded_app")
            else None
        )
        if services is not None and services.hub is not None:
            await services.hub.close_all(services.shutdown_code, "server shutting down")
        await super().shutdown(sockets)  # type: ignore[arg-type]

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        settle_memory()
        self.gc_policy.start()


def settle_memory() -> None:
    """After start-up: hand the start-up garbage back to the OS and keep the GC off the rest.

    Loading the content and building the app leave freed heap that glibc keeps (several MiB
    of RSS); `malloc_trim` returns it. `gc.freeze` moves every object alive now (modules,
    the world) out of the collector's reach, so later collections scan only new objects.
    """
    gc.collect()
    gc.freeze()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def uvicorn_options() -> dict[str, Any]:
    """How uvicorn serves the game (and the benchmark's echo app): see docs/performance.md.

    `MYTHOSMUD_UVICORN_WS` overrides the WebSocket implementation, for comparing them.
    """
    return {
        "ws": os.environ.get(
            "MYTHOSMUD_UVICORN_WS", "mythosmud.net.tuned_protocol:TunedWebSocketProtocol"
        ),
        "loop": "auto",
        "http": "auto",
    }


async def _check_nats(url: str) -> None:
    from mythosmud.bridge.nats import NatsBus

    bus = await NatsBus.connect(url, name="mythosmud-preflight", reconnect=False)
    await bus.drain()


def serve(settings: Settings, role: Role) -> int:
    """Run the server until it is stopped; the process's exit status."""
    from mythosmud.bridge.bus import BusUnavailable

    if role != "all":
        if not settings.nats_url:
            print(f"mythosmud: the {role} role needs MYTHOSMUD_NATS_URL", file=sys.stderr)
            return 2
        try:
            asyncio.run(_check_nats(settings.nats_url))
        except BusUnavailable as exc:
            print(f"mythosmud: {exc}", file=sys.stderr)
            return 1
    try:
        migration = None if role == "gateway" else start_migration(settings)
    except DatabaseUnavailable as exc:
        print(f"mythosmud: {exc}", file=sys.stderr)
        return 1
    from mythosmud.app import create_app  # imported, and the world loaded, while a
    from mythosmud.cli import report_content_errors
    from mythosmud.world.loader import ContentError, load_content  # migration runs beside them

    try:
        content = load_content(settings.content_dir)
    except ContentError as exc:
        report_content_errors(exc, settings.content_dir)
        if migration is not None:
            migration.wait()
        return 1
    app = create_app(settings, role=role, content=content)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        ws_max_size=settings.max_frame_bytes,
        access_log=False,
        lifespan="on",
        **uvicorn_options(),
    )
    if migration is not None and migration.wait() != 0:
        print("mythosmud: migrating the database failed (see above)", file=sys.stderr)
        return 1
    _Server(config, CollectorPolicy(settings.gc_full_minutes * 60)).run()
    return 0


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached to see whether it needs migrating."""


def start_migration(settings: Settings) -> subprocess.Popen[bytes] | None:
    """Start `mythosmud db upgrade` in a child process if the schema is behind, else None.

    Alembic, Mako and Pygments would otherwise stay in the server's memory for its whole life
    (10 MiB) to run once; the child runs while the server imports the rest of itself. A
    current database costs one query and no child.
    """
    from sqlalchemy.exc import DBAPIError

    from mythosmud.db.engine import create_engine, schema_is_current

    async def current() -> bool:
        engine = create_engine(settings.resolved_database_url)
        try:
            return await schema_is_current(engine)
        finally:
            await engine.dispose()

    try:
        if asyncio.run(current()):
            return None
    except (OSError, DBAPIError) as exc:
        raise DatabaseUnavailable(f"cannot reach the database: {exc}") from exc
    env = dict(os.environ, MYTHOSMUD_DATABASE_URL=settings.resolved_database_url)
    return subprocess.Popen([sys.executable, "-m", "mythosmud", "db", "upgrade"], env=env)
