"""The `mythosmud` command: serve, db upgrade, content check, loadtest."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from mythosmud.config import SecretError, Settings

if TYPE_CHECKING:
    from mythosmud.world.loader import ContentError


async def _upgrade(settings: Settings) -> None:
    from mythosmud.db.engine import create_engine, upgrade

    engine = create_engine(settings.resolved_database_url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


def report_content_errors(exc: ContentError, path: Path) -> None:
    """Each problem on a line of its own (they name file and line), then the count."""
    for problem in exc.problems:
        print(f"error: {problem}", file=sys.stderr)
    print(f"{len(exc.problems)} error(s) in {path}", file=sys.stderr)


def _content_check(path: Path) -> int:
    from mythosmud.world.loader import ContentError, load_content

    try:
        content = load_content(path)
    except ContentError as exc:
        report_content_errors(exc, path)
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
        from mythosmud.serve import serve

        return serve(settings, settings.role)
    if args.command == "db":
        asyncio.run(_upgrade(settings))
        print("database is up to date")
        return 0
    return _content_check(args.path or settings.content_dir)
