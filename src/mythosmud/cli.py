"""The `mythosmud` command: serve, db upgrade, content check."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import gc
import logging
import os
import socket
import sys
from pathlib import Path
from typing import Any

import uvicorn
from pydantic import ValidationError

from mythosmud.config import SecretError, Settings
from mythosmud.roles import Role


class _Server(uvicorn.Server):
    """Uvicorn, but players are told why (1001 shutdown, 1012 gateway restart) before
    connections are cut."""

    async def shutdown(self, sockets: object = None) -> None:
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


def settle_memory() -> None:
    """After start-up: hand the start-up garbage back to the OS and keep the GC off the rest.

    Loading the content and running migrations leaves freed heap that glibc keeps (several
    MiB of RSS); `malloc_trim` returns it. `gc.freeze` moves every object alive now (modules,
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


def _serve(settings: Settings, role: Role) -> int:
    from mythosmud.app import create_app
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
    app = create_app(settings, role=role)
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
    server = _Server(config)
    server.run()
    return 0


async def _upgrade(settings: Settings) -> None:
    from mythosmud.db.engine import create_engine, upgrade

    engine = create_engine(settings.resolved_database_url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


def _content_check(path: Path) -> int:
    from mythosmud.world.loader import ContentError, load_content

    try:
        content = load_content(path)
    except ContentError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(exc.problems)} error(s) in {path}", file=sys.stderr)
        return 1
    for warning in content.warnings:
        print(f"warning: {warning}")
    print(
        f"content ok: {len(content.areas)} areas, {len(content.rooms)} rooms, "
        f"{len(content.items)} items, {len(content.professions)} professions"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mythosmud", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the game server")
    serve.add_argument("--host", help="address to listen on (MYTHOSMUD_HOST)")
    serve.add_argument("--port", type=int, help="port to listen on (MYTHOSMUD_PORT)")
    serve.add_argument(
        "--role",
        choices=("all", "gateway", "world"),
        help="(MYTHOSMUD_ROLE) all: one process with everything (default); "
        "gateway: WebSockets and REST, relaying to the world over NATS; "
        "world: the game state and its saves",
    )
    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply migrations to MYTHOSMUD_DATABASE_URL")
    content = sub.add_parser("content", help="world content tools")
    content_sub = content.add_subparsers(dest="content_command", required=True)
    check = content_sub.add_parser("check", help="validate the content tree")
    check.add_argument("path", nargs="?", type=Path, help="content folder (MYTHOSMUD_CONTENT_DIR)")
    from mythosmud.loadtest.cli import add_arguments as add_loadtest_arguments

    add_loadtest_arguments(sub.add_parser("loadtest", help="drive a server with many players"))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "loadtest":  # a client: it needs none of the server's settings
        from mythosmud.loadtest.cli import main as loadtest

        return loadtest(args)
    overrides = {}
    if getattr(args, "host", None):
        overrides["host"] = args.host
    if getattr(args, "port", None) is not None:
        overrides["port"] = args.port
    if getattr(args, "role", None):
        overrides["role"] = args.role
    try:
        settings = Settings(**overrides)
    except (SecretError, ValidationError) as exc:
        print(f"mythosmud: bad settings: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if args.command == "serve":
        return _serve(settings, settings.role)
    if args.command == "db":
        asyncio.run(_upgrade(settings))
        print("database is up to date")
        return 0
    return _content_check(args.path or settings.content_dir)
