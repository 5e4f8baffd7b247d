"""Repositories: the only code that turns rows into records and states and back.

They never commit; the unit of work does.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mythosmud.db.tables import AccountRow, CharacterRow, RollRow, utcnow
from mythosmud.world.state import CharacterState


@dataclass(frozen=True)
class AccountRecord:
    id: int
    username: str
    password_hash: str
    role: str
    banned: bool


@dataclass(frozen=True)
class RollRecord:
    account_id: int
    roll_id: str
    profession: str | None
    stats: dict[str, int]
    created_at: datetime


ACCOUNT_COLUMNS = tuple(getattr(AccountRow, f.name) for f in fields(AccountRecord))


def _account(row: AccountRow) -> AccountRecord:
    return AccountRecord(row.id, row.username, row.password_hash, row.role, row.banned)


# A character's columns are named as CharacterState's fields; `role` lives on the account.
_STORED = tuple(f.name for f in fields(CharacterState) if f.name != "role")
# What a save writes: everything that changes in play (not the ids, name or profession).
_SAVED = tuple(name for name in _STORED if name not in ("id", "account_id", "name", "profession"))


def _state(row: CharacterRow, role: str = "player") -> CharacterState:
    # copy.copy: JSON columns (stats, inventory...) must not be shared with the row.
    return CharacterState(**{name: copy.copy(getattr(row, name)) for name in _STORED}, role=role)


def _changes(state: CharacterState) -> dict[str, Any]:
    return {name: getattr(state, name) for name in _SAVED} | {"saved_at": utcnow()}


class AccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_username(self, username: str) -> AccountRecord | None:
        row = await self.session.scalar(
            select(AccountRow).where(AccountRow.username_key == username.lower())
        )
        return _account(row) if row else None

    async def get(self, account_id: int, *, lock: bool = False) -> AccountRecord | None:
        """Columns only (no ORM object): every WebSocket login runs it."""
        query = select(*ACCOUNT_COLUMNS).where(AccountRow.id == account_id)
        if lock:
            query = query.with_for_update()
        found = (await self.session.execute(query)).first()
        return AccountRecord(*found) if found else None

    async def add(self, username: str, password_hash: str) -> AccountRecord:
        row = AccountRow(
            username=username,
            username_key=username.lower(),
            password_hash=password_hash,
            role="player",
            banned=False,
        )
        self.session.add(row)
        await self.session.flush()
        return _account(row)

    async def set_password_hash(self, account_id: int, password_hash: str) -> None:
        await self.session.execute(
            update(AccountRow)
            .where(AccountRow.id == account_id)
            .values(password_hash=password_hash)
        )


class CharacterRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_account(self, account_id: int) -> list[CharacterState]:
        rows = await self.session.scalars(
            select(CharacterRow)
            .where(CharacterRow.account_id == account_id)
            .order_by(CharacterRow.id)
        )
        return [_state(r) for r in rows]

    async def count_for_account(self, account_id: int) -> int:
        count = await self.session.scalar(
            select(func.count())
            .select_from(CharacterRow)
            .where(CharacterRow.account_id == account_id)
        )
        return int(count or 0)

    async def by_name(self, name: str) -> CharacterState | None:
        """One query, columns only (no ORM objects): every login runs it."""
        columns = [getattr(CharacterRow, name) for name in _STORED]
        found = (
            await self.session.execute(
                select(*columns, AccountRow.role)
                .join(AccountRow, AccountRow.id == CharacterRow.account_id)
                .where(CharacterRow.name_key == name.lower())
            )
        ).first()
        if found is None:
            return None
        *values, role = found
        return CharacterState(**dict(zip(_STORED, values, strict=True)), role=role)

    async def name_taken(self, name: str) -> bool:
        found = await self.session.scalar(
            select(CharacterRow.id).where(CharacterRow.name_key == name.lower())
        )
        return found is not None

    async def add(self, state: CharacterState) -> CharacterState:
        row = CharacterRow(
            account_id=state.account_id,
            name=state.name,
            name_key=state.name.lower(),
            profession=state.profession,
            **{k: v for k, v in _changes(state).items()},
        )
        self.session.add(row)
        await self.session.flush()
        return _state(row)

    async def save(self, states: list[CharacterState]) -> None:
        """Write many characters in one statement batch (ORM bulk update by primary key)."""
        if states:
            await self.session.execute(
                update(CharacterRow), [{"id": s.id, **_changes(s)} for s in states]
            )


class RollRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def replace(self, roll: RollRecord) -> None:
        await self.session.execute(delete(RollRow).where(RollRow.account_id == roll.account_id))
        self.session.add(
            RollRow(
                account_id=roll.account_id,
                roll_id=roll.roll_id,
                profession=roll.profession,
                stats=roll.stats,
                created_at=roll.created_at,
            )
        )

    async def take(self, account_id: int, roll_id: str) -> RollRecord | None:
        """Spend the account's roll if it is this one; a spent roll is gone."""
        row = await self.session.scalar(
            select(RollRow).where(RollRow.account_id == account_id, RollRow.roll_id == roll_id)
        )
        if row is None:
            return None
        record = RollRecord(
            row.account_id, row.roll_id, row.profession, dict(row.stats), row.created_at
        )
        await self.session.delete(row)
        return record
