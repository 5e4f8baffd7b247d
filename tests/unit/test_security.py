import os
import threading
import time

import jwt

from mythosmud.security import (
    HASHING_NICENESS,
    Throttle,
    TokenBucket,
    create_token,
    decode_token,
    hash_password,
    in_hashing_thread,
    verify_password,
)

SECRET = "s" * 40


def test_tokens_round_trip_and_reject_tampering() -> None:
    token = create_token(SECRET, 42, "Ada", minutes=5)
    claims = decode_token(SECRET, token)
    assert claims is not None and claims.account_id == 42 and claims.username == "Ada"
    assert decode_token("another secret entirely, forty chars long!", token) is None
    assert decode_token(SECRET, token[:-2] + "xx") is None
    assert decode_token(SECRET, "not a token") is None


def test_unsigned_and_expired_tokens_are_refused() -> None:
    unsigned = jwt.encode(
        {"sub": "1", "iss": "mythosmud", "iat": int(time.time()), "exp": int(time.time()) + 60},
        key=None,
        algorithm="none",
    )
    assert decode_token(SECRET, unsigned) is None
    expired = jwt.encode(
        {"sub": "1", "iss": "mythosmud", "iat": 1, "exp": 2}, SECRET, algorithm="HS256"
    )
    assert decode_token(SECRET, expired) is None


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_throttle_counts_within_its_window() -> None:
    clock = Clock()
    throttle = Throttle(3, 60, clock=clock)
    for _ in range(3):
        assert not throttle.blocked("ada")
        throttle.hit("ada")
    assert throttle.blocked("ada")
    assert not throttle.blocked("bob")
    assert throttle.retry_after("ada") == 61
    clock.now = 61
    assert not throttle.blocked("ada")


def test_throttle_zero_is_off_and_memory_is_bounded() -> None:
    off = Throttle(0, 60)
    off.hit("x")
    assert not off.blocked("x")
    small = Throttle(1, 60, max_keys=10)
    for i in range(100):
        small.hit(str(i))
    assert len(small._hits) <= 11


def test_token_bucket() -> None:
    clock = Clock()
    bucket = TokenBucket(2, 3, clock=clock)
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]
    clock.now = 0.5
    assert bucket.take() and not bucket.take()
    assert all(TokenBucket(0, 1).take() for _ in range(100))


async def test_hashing_runs_at_a_lower_priority_than_the_game() -> None:
    def niceness() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    assert await in_hashing_thread(niceness) == min(19, niceness() + HASHING_NICENESS)
    hashed = await hash_password("correct horse")
    assert await verify_password(hashed, "correct horse")
    assert not await verify_password(hashed, "wrong horse")
    assert not await verify_password(None, "correct horse")
