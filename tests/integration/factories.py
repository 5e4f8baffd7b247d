"""Characters for the integration tests, made through the real repositories."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from mythosmud.db.engine import session_factory
from mythosmud.db.uow import UnitOfWork
from mythosmud.world.state import CharacterState


def new_state(account_id: int, name: str, **changes: Any) -> CharacterState:
    fields: dict[str, Any] = {
        "id": 0,
        "account_id": account_id,
        "name": name,
        "profession": "doctor",
        "level": 1,
        "stats": {"str": 50},
        "hp": 10,
        "maxhp": 10,
        "mp": 9,
        "maxmp": 9,
        "lucidity": 50,
        "maxlucidity": 99,
        "room_id": "test:hall",
    }
    return CharacterState(**(fields | changes))


async def stored_character(engine: AsyncEngine, **changes: Any) -> CharacterState:
    """Ada's account with one character, Adelaide, in the database."""
    async with UnitOfWork(session_factory(engine)) as uow:
        account = await uow.accounts.add("Ada", "hash")
        state = await uow.characters.add(new_state(account.id, "Adelaide", **changes))
        await uow.commit()
    return state
