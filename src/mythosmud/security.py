"""Passwords (argon2id), access tokens (JWT, HS256 pinned) and sliding-window throttles."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import sys
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

ALGORITHM = "HS256"
ISSUER = "mythosmud"

_hasher = PasswordHasher()  # argon2id with the library's RFC 9106 low-memory profile


@functools.cache
def _decoy_hash() -> str:
    """Verified against when the account does not exist, so both paths cost the same (made
    on first use, not at import: it costs a hash's time and memory)."""
    return _hasher.hash("not a real password, only a decoy")


HASHING_NICENESS = 10


def _lower_priority() -> None:
    """Hashing threads yield the CPU to the event loop's thread (argon2's lane threads, made
    from them, inherit this): a burst of logins slows other logins, not the game."""
    if sys.platform != "linux":  # elsewhere a thread id is not a process id
        return
    with contextlib.suppress(OSError, AttributeError):
        me = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, me, os.getpriority(os.PRIO_PROCESS, me) + HASHING_NICENESS)


# At most two hashes at once (each runs its four lanes in parallel); more logins wait their turn.
_hashing = ThreadPoolExecutor(2, thread_name_prefix="argon2", initializer=_lower_priority)


T = TypeVar("T")


async def in_hashing_thread(function: Callable[..., T], *args: object) -> T:
    return await asyncio.get_running_loop().run_in_executor(_hashing, function, *args)


async def hash_password(password: str) -> str:
    return await in_hashing_thread(_hasher.hash, password)


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _decoy_hash(), password) and bool(password_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


async def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; None as the hash always fails, in the same time."""
    return await in_hashing_thread(_verify, password_hash, password)


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@dataclass(frozen=True)
class TokenClaims:
    account_id: int
    username: str


def create_token(secret: str, account_id: int, username: str, minutes: int) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": str(account_id),
        "name": username,
        "iat": now,
        "exp": now + timedelta(minutes=minutes),
        "iss": ISSUER,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def decode_token(secret: str, token: str) -> TokenClaims | None:
    """The token's claims, or None for anything forged, expired or malformed."""
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["exp", "sub", "iat", "iss"]},
        )
        return TokenClaims(int(claims["sub"]), str(claims.get("name", "")))
    except (jwt.PyJWTError, ValueError, TypeError):
        return None


class Throttle:
    """At most `limit` hits per key within `window` seconds; a limit of 0 never throttles.

    Memory is bounded: the least recently used keys are forgotten past `max_keys`.
    """

    def __init__(
        self,
        limit: int,
        window: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 100_000,
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_keys = max_keys
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, key: str) -> deque[float]:
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = deque()
            if len(self._hits) > self.max_keys:
                self._hits.popitem(last=False)
        self._hits.move_to_end(key)
        cutoff = self.clock() - self.window
        while hits and hits[0] <= cutoff:
            hits.popleft()
        return hits

    def blocked(self, key: str) -> bool:
        return self.limit > 0 and len(self._recent(key)) >= self.limit

    def hit(self, key: str) -> None:
        if self.limit > 0:
            self._recent(key).append(self.clock())

    def reset(self, key: str) -> None:
        self._hits.pop(key, None)

    def forgive(self, key: str) -> None:
        """Take back the latest hit (an attempt that turned out well)."""
        hits = self._hits.get(key)
        if hits:
            hits.pop()

    def retry_after(self, key: str) -> int:
        hits = self._recent(key)
        if not hits:
            return 0
        return max(1, int(hits[0] + self.window - self.clock()) + 1)


class TokenBucket:
    """Commands per second with a burst allowance; a rate of 0 turns the limit off."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic):
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self.tokens = float(burst)
        self.stamp = clock()

    def take(self) -> bool:
        if self.rate <= 0:
            return True
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False
