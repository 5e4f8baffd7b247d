"""Wire models: the frames a client may send, validated before anything acts on them."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError


class _Message(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class AuthMessage(_Message):
    type: Literal["auth"]
    token: str = Field(min_length=1, max_length=4096)
    character: str = Field(min_length=1, max_length=40)


class CommandMessage(_Message):
    type: Literal["command"]
    text: str = Field(max_length=8192)
    id: Annotated[str, Field(max_length=64)] | int | None = None


class PingMessage(_Message):
    type: Literal["ping"]


ClientMessage = Annotated[AuthMessage | CommandMessage | PingMessage, Field(discriminator="type")]
_client = TypeAdapter(ClientMessage)


class BadFrame(ValueError):
    """Not JSON, not an object, or not a frame this server knows."""


def parse_frame(text: str) -> AuthMessage | CommandMessage | PingMessage:
    try:
        data: Any = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise BadFrame("frames are JSON objects") from exc
    if not isinstance(data, dict):
        raise BadFrame("frames are JSON objects")
    try:
        return _client.validate_python(data)
    except ValidationError as exc:
        kind = data.get("type")
        if kind not in ("auth", "command", "ping"):
            raise BadFrame(f"unknown frame type {str(kind)[:20]!r}") from exc
        raise BadFrame(f"malformed {kind} frame") from exc


def error_frame(code: str, text: str) -> bytes:
    return orjson.dumps({"type": "error", "code": code, "text": text})
