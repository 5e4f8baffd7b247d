"""Database tables. Rows are storage, not game objects: repositories map between the two."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.ext.asyncio import AsyncAttrs
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(AsyncAttrs, DeclarativeBase):
    pass


class AccountRow(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(20))
    username_key: Mapped[str] = mapped_column(String(20), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="player")
    banned: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CharacterRow(Base):
    __tablename__ = "characters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    name: Mapped[str] = mapped_column(String(20))
    name_key: Mapped[str] = mapped_column(String(20), unique=True)
    profession: Mapped[str] = mapped_column(String(40))
    level: Mapped[int] = mapped_column(Integer, default=1)
    xp: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    money: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    stats: Mapped[dict[str, Any]] = mapped_column(JSON)
    hp: Mapped[int] = mapped_column(Integer)
    maxhp: Mapped[int] = mapped_column(Integer)
    mp: Mapped[int] = mapped_column(Integer)
    maxmp: Mapped[int] = mapped_column(Integer)
    lucidity: Mapped[int] = mapped_column(Integer)
    maxlucidity: Mapped[int] = mapped_column(Integer)
    room_id: Mapped[str] = mapped_column(String(80))
    inventory: Mapped[list[str]] = mapped_column(JSON)
    equipment: Mapped[dict[str, str]] = mapped_column(JSON)
    aliases: Mapped[dict[str, str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RollRow(Base):
    """An account's one unspent roll of characteristics."""

    __tablename__ = "rolls"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    roll_id: Mapped[str] = mapped_column(String(36), unique=True)
    profession: Mapped[str | None] = mapped_column(String(40), nullable=True)
    stats: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
