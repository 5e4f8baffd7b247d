"""Repositories and the unit of work, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from mythosmud.db.engine import (
    MIGRATIONS,
    SCHEMA_HEAD,
    schema_is_current,
    session_factory,
    upgrade,
)
from mythosmud.db.repositories import RollRecord
from mythosmud.db.uow import UnitOfWork
from mythosmud.world.state import CharacterState
from tests.integration.factories import new_state

KIT = {
    "inventory": ["test:candle"],
    "equipment": {"about": "test:coat"},
    "aliases": {"gc": "get candle"},
}


async def test_migrations_are_idempotent(engine: AsyncEngine) -> None:
    assert await schema_is_current(engine)
    await upgrade(engine)  # already at head: nothing to do, nothing breaks


def test_schema_head_is_the_newest_migration() -> None:
    """`SCHEMA_HEAD` lets a current server skip Alembic: it must follow every new migration."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == SCHEMA_HEAD


async def test_accounts_are_unique_without_regard_to_case(engine: AsyncEngine) -> None:
    sessions = session_factory(engine)
    async with UnitOfWork(sessions) as uow:
        added = await uow.accounts.add("Ada", "hash")
        await uow.commit()
    async with UnitOfWork(sessions) as uow:
        found = await uow.accounts.by_username("ADA")
        assert found is not None and found.id == added.id and found.username == "Ada"
    with pytest.raises(IntegrityError):
        async with UnitOfWork(sessions) as uow:
            await uow.accounts.add("aDa", "hash")
            await uow.commit()


async def test_uncommitted_work_is_rolled_back(engine: AsyncEngine) -> None:
    sessions = session_factory(engine)
    async with UnitOfWork(sessions) as uow:
        await uow.accounts.add("Ghost", "hash")
    async with UnitOfWork(sessions) as uow:
        assert await uow.accounts.by_username("ghost") is None


async def test_characters_round_trip_and_save_in_one_batch(engine: AsyncEngine) -> None:
    sessions = session_factory(engine)
    async with UnitOfWork(sessions) as uow:
        account = await uow.accounts.add("Ada", "hash")
        first = await uow.characters.add(new_state(account.id, "Adelaide", **KIT))
        second = await uow.characters.add(new_state(account.id, "Agatha", **KIT))
        await uow.commit()
    assert first.inventory == ["test:candle"] and first.id != second.id
    async with UnitOfWork(sessions) as uow:
        assert await uow.characters.count_for_account(account.id) == 2
        assert [c.name for c in await uow.characters.for_account(account.id)] == [
            "Adelaide",
            "Agatha",
        ]
        assert await uow.characters.name_taken("ADELAIDE")
        moved = [
            CharacterState(**{**first.__dict__, "room_id": "test:garden", "inventory": []}),
            CharacterState(**{**second.__dict__, "aliases": {}, "hp": 3}),
        ]
        await uow.characters.save(moved)
        await uow.commit()
    async with UnitOfWork(sessions) as uow:
        a = await uow.characters.by_name("adelaide")
        b = await uow.characters.by_name("Agatha")
    assert a is not None and b is not None
    assert (a.room_id, a.inventory, a.equipment) == ("test:garden", [], {"about": "test:coat"})
    assert (b.aliases, b.hp) == ({}, 3)


async def test_a_roll_is_spent_once_and_replaced_by_a_new_one(engine: AsyncEngine) -> None:
    sessions = session_factory(engine)
    async with UnitOfWork(sessions) as uow:
        account = await uow.accounts.add("Ada", "hash")
        await uow.rolls.replace(RollRecord(account.id, "r1", None, {"str": 50}, datetime.now(UTC)))
        await uow.commit()
    async with UnitOfWork(sessions) as uow:
        await uow.rolls.replace(
            RollRecord(account.id, "r2", "doctor", {"str": 60}, datetime.now(UTC))
        )
        await uow.commit()
    async with UnitOfWork(sessions) as uow:
        assert await uow.rolls.take(account.id, "r1") is None
        taken = await uow.rolls.take(account.id, "r2")
        assert taken is not None and taken.stats == {"str": 60} and taken.profession == "doctor"
        await uow.commit()
    async with UnitOfWork(sessions) as uow:
        assert await uow.rolls.take(account.id, "r2") is None
