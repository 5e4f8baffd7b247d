"""What the REST routers take from the app: settings, services and the caller's account."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from mythosmud.config import Settings
from mythosmud.db.repositories import AccountRecord
from mythosmud.db.uow import UnitOfWork
from mythosmud.security import Throttle, decode_token
from mythosmud.world.loader import Content


@dataclass
class Throttles:
    login_account: Throttle
    login_address: Throttle
    registration: Throttle
    rolls: Throttle

    @classmethod
    def from_settings(cls, s: Settings) -> Throttles:
        return cls(
            login_account=Throttle(s.login_failures_per_account, s.login_window_seconds),
            login_address=Throttle(s.login_failures_per_address, s.login_window_seconds),
            registration=Throttle(s.registrations_per_address, s.registration_window_seconds),
            rolls=Throttle(s.rolls_per_minute, 60.0),
        )


def settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def content(request: Request) -> Content:
    return request.app.state.content  # type: ignore[no-any-return]


def throttles(request: Request) -> Throttles:
    return request.app.state.throttles  # type: ignore[no-any-return]


def unit_of_work(request: Request) -> UnitOfWork:
    sessions: async_sessionmaker[AsyncSession] = request.app.state.db_sessions
    return UnitOfWork(sessions)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def account_for_token(
    db_sessions: async_sessionmaker[AsyncSession], secret: str, token: str
) -> AccountRecord | None:
    """The account a bearer token names, if the token is valid and the account exists."""
    claims = decode_token(secret, token)
    if claims is None:
        return None
    async with UnitOfWork(db_sessions) as uow:
        return await uow.accounts.get(claims.account_id)


_bearer = HTTPBearer(auto_error=False)


async def current_account(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> int:
    """The account id from a valid bearer token, or 401."""
    claims = (
        decode_token(request.app.state.secret, credentials.credentials) if credentials else None
    )
    if claims is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Missing, invalid or expired token.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    async with unit_of_work(request) as uow:
        account = await uow.accounts.get(claims.account_id)
    if account is None or account.banned:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "This account cannot play.")
    return account.id


SettingsDep = Annotated[Settings, Depends(settings)]
ContentDep = Annotated[Content, Depends(content)]
ThrottlesDep = Annotated[Throttles, Depends(throttles)]
UowDep = Annotated[UnitOfWork, Depends(unit_of_work)]
AccountDep = Annotated[int, Depends(current_account)]
AddressDep = Annotated[str, Depends(client_address)]
