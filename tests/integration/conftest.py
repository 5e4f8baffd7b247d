"""Integration tests run against both databases: SQLite in a temp dir and a fresh PostgreSQL
database per test (PostgreSQL missing fails the run under CI=true)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from mythosmud.db.engine import create_engine, upgrade
from tests.support.postgres import (
    create_database,
    database_url,
    drop_database,
    require_postgres,
    run_sync,
)


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'mythosmud.db'}"
        return
    require_postgres()
    name = run_sync(create_database())
    try:
        yield database_url(name)
    finally:
        run_sync(drop_database(name))


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(db_url)
    await upgrade(engine)
    try:
        yield engine
    finally:
        await engine.dispose()
