"""Creating the async engine and session factory, and applying migrations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest migration's revision. Knowing it lets a server whose database is current start
# without importing Alembic (10 MiB of RSS with Mako and Pygments); a test checks that it
# matches Alembic's own idea of the head.
SCHEMA_HEAD = "0002"


def create_engine(url: str) -> AsyncEngine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(url, pool_size=10, max_overflow=5, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def _upgrade(connection: Connection) -> None:
    # Imported here: Alembic costs start-up time and memory that only migrations need.
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, "head")


def _revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


async def schema_is_current(engine: AsyncEngine) -> bool:
    """Whether the database is at `SCHEMA_HEAD` (a missing database is not)."""
    async with engine.connect() as connection:
        return await connection.run_sync(_revision) == SCHEMA_HEAD


async def upgrade(engine: AsyncEngine) -> None:
    """Bring the schema to the newest migration, on SQLite or PostgreSQL alike."""
    if await schema_is_current(engine):
        return
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade)
