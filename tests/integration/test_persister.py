"""The persister writes snapshots in the background and waits can be placed on it."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncEngine

from mythosmud.db.engine import session_factory
from mythosmud.db.uow import UnitOfWork
from mythosmud.persistence import Persister
from mythosmud.world.state import CharacterState
from tests.integration.factories import stored_character


async def test_saves_land_and_the_newest_snapshot_wins(engine: AsyncEngine) -> None:
    state = await stored_character(engine)
    saved: list[int] = []
    persister = Persister(session_factory(engine), on_saved=saved.append)
    persister.start()
    persister.save([CharacterState(**{**state.__dict__, "room_id": "a:one"})])
    persister.save([CharacterState(**{**state.__dict__, "room_id": "a:two"})])
    assert persister.is_pending(state.id)
    await asyncio.wait_for(persister.flushed(state.id), 5)
    assert not persister.is_pending(state.id)
    async with UnitOfWork(session_factory(engine)) as uow:
        stored = await uow.characters.by_name("Adelaide")
    assert stored is not None and stored.room_id == "a:two"
    assert sum(saved) >= 1
    await persister.close()


async def test_close_writes_what_is_left(engine: AsyncEngine) -> None:
    state = await stored_character(engine)
    persister = Persister(session_factory(engine))
    persister.save([CharacterState(**{**state.__dict__, "hp": 1})])
    await persister.close()
    async with UnitOfWork(session_factory(engine)) as uow:
        stored = await uow.characters.by_name("Adelaide")
    assert stored is not None and stored.hp == 1


async def test_one_bad_record_does_not_hold_back_the_others(engine: AsyncEngine) -> None:
    state = await stored_character(engine)
    persister = Persister(session_factory(engine))
    ghost = CharacterState(**{**state.__dict__, "id": 9999, "name": "Ghost"})
    persister.save([CharacterState(**{**state.__dict__, "room_id": "a:saved"}), ghost])
    await persister.write_pending()
    async with UnitOfWork(session_factory(engine)) as uow:
        stored = await uow.characters.by_name("Adelaide")
    assert stored is not None and stored.room_id == "a:saved"
    assert not persister.is_pending(state.id)
    await persister.close()
