"""The `mythosmud` command: serve, db upgrade, content check."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

import uvicorn
from pydantic import ValidationError

from mythosmud.config import SecretError, Settings


class _Server(uvicorn.Server):
    """Uvicorn, but players are told goodbye (close 1001) before connections are cut."""

    async def shutdown(self, sockets: object = None) -> None:
        runtime = (
            getattr(self.config.loaded_app.app.state, "runtime", None)
            if hasattr(self.config, "loaded_app")
            else None
        )
        if runtime is not None:
            await runtime.close_sessions(1001, "server shutting down")
        await super().shutdown(sockets)  # type: ignore[arg-type]


def _serve(settings: Settings) -> int:
    from mythosmud.app import create_app

    app = create_app(settings)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        ws_max_size=settings.max_frame_bytes,
        access_log=False,
        lifespan="on",
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
    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply migrations to MYTHOSMUD_DATABASE_URL")
    content = sub.add_parser("content", help="world content tools")
    content_sub = content.add_subparsers(dest="content_command", required=True)
    check = content_sub.add_parser("check", help="validate the content tree")
    check.add_argument("path", nargs="?", type=Path, help="content folder (MYTHOSMUD_CONTENT_DIR)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    overrides = {}
    if getattr(args, "host", None):
        overrides["host"] = args.host
    if getattr(args, "port", None) is not None:
        overrides["port"] = args.port
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
        return _serve(settings)
    if args.command == "db":
        asyncio.run(_upgrade(settings))
        print("database is up to date")
        return 0
    return _content_check(args.path or settings.content_dir)
