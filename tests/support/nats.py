"""NATS for the tests: reachable at 127.0.0.1:4222, or skipped (failed under CI=true)."""

from __future__ import annotations

import functools
import os
import socket

import pytest

NATS_URL = "nats://127.0.0.1:4222"


@functools.cache
def nats_error() -> str | None:
    try:
        with socket.create_connection(("127.0.0.1", 4222), timeout=2) as sock:
            banner = sock.recv(64)
    except OSError as exc:
        return f"{type(exc).__name__}: {exc}"
    return None if banner.startswith(b"INFO") else f"not a NATS server: {banner[:20]!r}"


def require_nats() -> None:
    error = nats_error()
    if error is None:
        return
    message = f"NATS at {NATS_URL} is unreachable: {error}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
