"""Encoding what gateways and the world say to each other.

Control messages are small JSON objects. Frames travel in batches, one line each:
`F <session> <frame json>` or `C <session> <code> <reason>`. A frame's JSON never holds a raw
newline (orjson escapes them), so lines are safe, and the world's one encoding of a frame is
reused as it is, never wrapped in a second layer of JSON.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson


def pack(**fields: Any) -> bytes:
    return orjson.dumps(fields)


def unpack(data: bytes) -> dict[str, Any]:
    value = orjson.loads(data)
    if not isinstance(value, dict):
        raise ValueError("control messages are JSON objects")
    return value


def frame_line(session_id: str, body: bytes) -> bytes:
    return b"F " + session_id.encode() + b" " + body + b"\n"


def close_line(session_id: str, code: int, reason: str) -> bytes:
    clean = reason.replace("\n", " ")
    return f"C {session_id} {code} {clean}\n".encode()


@dataclass(frozen=True)
class Frame:
    session: str
    body: bytes


@dataclass(frozen=True)
class Close:
    session: str
    code: int
    reason: str


def read_batch(data: bytes) -> Iterator[Frame | Close]:
    for line in data.split(b"\n"):
        if line.startswith(b"F "):
            sid, _, body = line[2:].partition(b" ")
            yield Frame(sid.decode(), body)
        elif line.startswith(b"C "):
            target, code, reason = [*line[2:].decode().split(" ", 2), ""][:3]
            yield Close(target, int(code), reason)
