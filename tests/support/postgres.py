"""PostgreSQL for the tests: a reachability check and throwaway databases.

The tests expect PostgreSQL at 127.0.0.1:5432, user `postgres`, database `test`, trust
authentication. When it is not there the tests that need it are skipped on a developer machine
and fail in CI (`CI=true`), where a missing database is a broken pipeline, not a choice.
"""

from __future__ import annotations

import asyncio
import functools
import os
import uuid
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import asyncpg  # type: ignore[import-untyped, unused-ignore]
import pytest

HOST = "127.0.0.1"
PORT = 5432
USER = "postgres"
ADMIN_DATABASE = "test"
ADMIN_DSN = f"postgresql://{USER}@{HOST}:{PORT}/{ADMIN_DATABASE}"

T = TypeVar("T")


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from synchronous code, even inside a running loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def database_url(name: str) -> str:
    """The SQLAlchemy URL (`MYTHOSMUD_DATABASE_URL`) of a database on the test server."""
    return f"postgresql+asyncpg://{USER}@{HOST}:{PORT}/{name}"


async def _probe() -> None:
    conn = await asyncpg.connect(ADMIN_DSN, timeout=3)
    try:
        await conn.fetchval("SELECT 1")
    finally:
        await conn.close()


@functools.cache
def postgres_error() -> str | None:
    """Why PostgreSQL cannot be used, or None when it can (checked once per process)."""
    try:
        run_sync(_probe())
    except Exception as exc:  # any failure means "not usable"
        return f"{type(exc).__name__}: {exc}"
    return None


def require_postgres() -> None:
    """Skip the calling test when PostgreSQL is unreachable; fail instead when CI is "true"."""
    error = postgres_error()
    if error is None:
        return
    message = f"PostgreSQL at {HOST}:{PORT} (database {ADMIN_DATABASE}) is unreachable: {error}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


async def create_database(prefix: str = "mythosmud_test") -> str:
    """Create a fresh, uniquely named, empty database and return its name."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(ADMIN_DSN, timeout=5)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return name


async def drop_database(name: str) -> None:
    """Drop a database made by `create_database`, closing any connections still open to it."""
    conn = await asyncpg.connect(ADMIN_DSN, timeout=5)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()
