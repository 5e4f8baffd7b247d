"""Registering and logging in."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, status
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError

from mythosmud.api.deps import AddressDep, SettingsDep, ThrottlesDep, UowDep
from mythosmud.security import create_token, hash_password, needs_rehash, verify_password

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])

NAME_PATTERN = r"^[A-Za-z]{3,20}$"


class RegisterRequest(BaseModel):
    username: str = Field(pattern=NAME_PATTERN, description="3 to 20 ASCII letters")
    password: str = Field(min_length=8, max_length=128)
    invite_code: str | None = Field(default=None, max_length=128)


class AccountResponse(BaseModel):
    id: int
    username: str


class LoginRequest(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


def _too_many(retry_after: int) -> HTTPException:
    return HTTPException(
        status.HTTP_429_TOO_MANY_REQUESTS,
        "Too many attempts; wait a while and try again.",
        headers={"Retry-After": str(retry_after)},
    )


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=AccountResponse,
    responses={409: {}, 403: {}, 429: {}},
)
async def register(
    body: RegisterRequest,
    settings: SettingsDep,
    throttles: ThrottlesDep,
    uow: UowDep,
    address: AddressDep,
) -> AccountResponse:
    """Create an account. Names are unique without regard to capitals."""
    if throttles.registration.blocked(address):
        raise _too_many(throttles.registration.retry_after(address))
    if settings.invite_codes and body.invite_code not in settings.invite_codes:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "A valid invite code is required.")
    throttles.registration.hit(address)
    async with uow:
        if await uow.accounts.by_username(body.username):
            raise HTTPException(status.HTTP_409_CONFLICT, "That name is taken.")
    password_hash = await hash_password(body.password)  # slow: no connection held meanwhile
    async with uow:
        try:
            account = await uow.accounts.add(body.username, password_hash)
            await uow.commit()
        except IntegrityError as exc:
            raise HTTPException(status.HTTP_409_CONFLICT, "That name is taken.") from exc
    return AccountResponse(id=account.id, username=account.username)


@router.post("/login", response_model=TokenResponse, responses={401: {}, 429: {}})
async def login(
    body: LoginRequest,
    request: Request,
    settings: SettingsDep,
    throttles: ThrottlesDep,
    uow: UowDep,
    address: AddressDep,
) -> TokenResponse:
    """Exchange a name and password for a bearer token."""
    key = body.username.lower()
    for throttle, throttle_key in (
        (throttles.login_account, key),
        (throttles.login_address, address),
    ):
        if throttle.blocked(throttle_key):
            raise _too_many(throttle.retry_after(throttle_key))
        # Counted before the slow check, so that guesses sent in parallel cannot slip past.
        throttle.hit(throttle_key)
    async with uow:
        account = await uow.accounts.by_username(body.username)
    valid = await verify_password(account.password_hash if account else None, body.password)
    if not valid or account is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Unknown name or wrong password.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    throttles.login_account.reset(key)
    throttles.login_address.forgive(address)  # a success is not a failure
    if account.banned:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "This account is barred.")
    if needs_rehash(account.password_hash):
        new_hash = await hash_password(body.password)
        async with uow:
            await uow.accounts.set_password_hash(account.id, new_hash)
            await uow.commit()
    token = create_token(
        request.app.state.secret, account.id, account.username, settings.access_token_minutes
    )
    return TokenResponse(access_token=token, expires_in=settings.access_token_minutes * 60)
