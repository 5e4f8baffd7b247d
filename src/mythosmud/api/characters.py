"""Professions, rolling characteristics and creating investigators."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError

from mythosmud.api.auth import NAME_PATTERN
from mythosmud.api.deps import AccountDep, ContentDep, SettingsDep, ThrottlesDep, UowDep
from mythosmud.db.repositories import RollRecord
from mythosmud.systems.chargen import meets_requirements, new_investigator, roll_stats

router = APIRouter(prefix="/api/v1", tags=["characters"])

ROLL_LIFETIME = timedelta(minutes=10)
RESERVED_NAMES = frozenset({"all", "self", "here", "room", "someone", "nobody", "admin"})
_rng = random.SystemRandom()


class ProfessionResponse(BaseModel):
    id: str
    name: str
    description: str
    requirements: dict[str, int]
    modifiers: dict[str, int]


class RollRequest(BaseModel):
    profession: str | None = Field(default=None, max_length=40)


class RollResponse(BaseModel):
    roll_id: str
    stats: dict[str, int]
    meets_requirements: bool
    profession: str | None = None
    expires_in: int


class CreateRequest(BaseModel):
    name: str = Field(pattern=NAME_PATTERN, description="3 to 20 ASCII letters")
    profession: str = Field(max_length=40)
    roll_id: str = Field(max_length=64)


class CharacterResponse(BaseModel):
    id: int
    name: str
    profession: str
    level: int
    stats: dict[str, int]


class CharacterSummary(BaseModel):
    id: int
    name: str
    profession: str
    level: int


@router.get("/professions", response_model=list[ProfessionResponse], tags=["professions"])
async def professions(content: ContentDep) -> list[ProfessionResponse]:
    """Every profession an investigator may follow, with its minimum characteristics."""
    return [
        ProfessionResponse(
            id=p.id,
            name=p.name,
            description=p.description.strip(),
            requirements=dict(p.requirements),
            modifiers=dict(p.modifiers),
        )
        for p in content.professions.values()
    ]


@router.post("/characters/roll", response_model=RollResponse, responses={401: {}, 422: {}, 429: {}})
async def roll(
    body: RollRequest,
    account_id: AccountDep,
    content: ContentDep,
    throttles: ThrottlesDep,
    uow: UowDep,
) -> RollResponse:
    """Roll nine characteristics on the server. A new roll replaces the unspent one."""
    key = str(account_id)
    if throttles.rolls.blocked(key):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "Too many rolls; wait a minute.")
    throttles.rolls.hit(key)
    profession = None
    if body.profession is not None:
        profession = content.professions.get(body.profession)
        if profession is None:
            raise HTTPException(422, "Unknown profession.")
    stats = roll_stats(_rng)
    record = RollRecord(account_id, str(uuid.uuid4()), body.profession, stats, datetime.now(UTC))
    async with uow:
        await uow.rolls.replace(record)
        await uow.commit()
    return RollResponse(
        roll_id=record.roll_id,
        stats=stats,
        profession=body.profession,
        meets_requirements=meets_requirements(profession, stats),
        expires_in=int(ROLL_LIFETIME.total_seconds()),
    )


def _bad(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_400_BAD_REQUEST, detail)


@router.post(
    "/characters",
    status_code=status.HTTP_201_CREATED,
    response_model=CharacterResponse,
    responses={400: {}, 401: {}, 409: {}},
)
async def create(
    body: CreateRequest,
    account_id: AccountDep,
    content: ContentDep,
    settings: SettingsDep,
    uow: UowDep,
) -> CharacterResponse:
    """Create an investigator from an unspent roll; the roll is spent only on success."""
    profession = content.professions.get(body.profession)
    if profession is None:
        raise _bad("Unknown profession.")
    if body.name.lower() in RESERVED_NAMES:
        raise HTTPException(status.HTTP_409_CONFLICT, "That name cannot be used.")
    async with uow:
        await uow.accounts.get(account_id, lock=True)
        rolled = await uow.rolls.take(account_id, body.roll_id)
        if rolled is None:
            raise _bad("Unknown or already spent roll; roll again.")
        created = rolled.created_at.replace(tzinfo=rolled.created_at.tzinfo or UTC)
        if datetime.now(UTC) - created > ROLL_LIFETIME:
            raise _bad("That roll has expired; roll again.")
        if rolled.profession is not None and rolled.profession != profession.id:
            raise _bad(f"That roll was made for the {rolled.profession} profession.")
        if not meets_requirements(profession, rolled.stats):
            raise _bad(f"The roll does not meet the {profession.name}'s requirements.")
        if await uow.characters.name_taken(body.name):
            raise HTTPException(status.HTTP_409_CONFLICT, "That name is taken.")
        if await uow.characters.count_for_account(account_id) >= settings.max_characters:
            raise HTTPException(
                status.HTTP_409_CONFLICT,
                f"An account may hold at most {settings.max_characters} investigators.",
            )
        state = new_investigator(
            account_id, body.name, profession, rolled.stats, content.world.start_room
        )
        try:
            saved = await uow.characters.add(state)
            await uow.commit()
        except IntegrityError as exc:
            raise HTTPException(status.HTTP_409_CONFLICT, "That name is taken.") from exc
    return CharacterResponse(
        id=saved.id,
        name=saved.name,
        profession=saved.profession,
        level=saved.level,
        stats=saved.stats,
    )


@router.get("/characters", response_model=list[CharacterSummary], responses={401: {}})
async def list_characters(account_id: AccountDep, uow: UowDep) -> list[CharacterSummary]:
    """The caller's investigators."""
    async with uow:
        states = await uow.characters.for_account(account_id)
    return [
        CharacterSummary(id=s.id, name=s.name, profession=s.profession, level=s.level)
        for s in states
    ]
