"""Settings: every knob the operator can turn, read once from `MYTHOSMUD_*` variables.

Each setting has a default that works on a fresh machine: SQLite in the data directory, the
in-process bus, a secret generated once and kept beside the database.

A plain Pydantic model reads the variables (`MYTHOSMUD_PORT` fills `port`; values given to
the constructor win). pydantic-settings did the same with about 4 MiB more of resident memory for
sources the server never uses (docs/performance.md, finding 10).
"""

from __future__ import annotations

import os
import secrets
import socket
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mythosmud.systems.rules import Rules

PACKAGE_DIR = Path(__file__).resolve().parent
PLACEHOLDER_SECRETS = frozenset({"", "change-me", "changeme", "secret", "placeholder"})
ENV_PREFIX = "MYTHOSMUD_"


class SecretError(RuntimeError):
    """The configured secret is unfit for the chosen environment."""


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore")

    env: Literal["development", "production", "test"] = "development"
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    data_dir: Path = Path("data")
    database_url: str = ""
    nats_url: str = ""
    nats_root: str = Field(default="mud", pattern=r"^[A-Za-z0-9_-]+$", description="subject root")
    role: Literal["all", "gateway", "world"] = "all"
    gateway_id: str = Field(
        default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}".replace(".", "-"),
        pattern=r"^[A-Za-z0-9_-]+$",
        description="this gateway's name on NATS subjects",
    )
    secret_key: str = ""
    allowed_origins: list[str] = Field(default_factory=list)
    content_dir: Path = PACKAGE_DIR / "content"
    log_level: str = "info"
    gc_full_minutes: float = Field(
        default=60.0,
        ge=0,
        description="minutes between collections of all long-lived objects (0: never)",
    )

    # Sessions and the socket.
    access_token_minutes: int = Field(default=24 * 60, ge=1)
    auth_timeout_seconds: float = Field(default=10.0, gt=0)
    max_frame_bytes: int = Field(default=8192, ge=256)
    max_input_chars: int = Field(default=500, ge=20)
    commands_per_second: float = Field(default=8.0, ge=0, description="0 turns the limit off")
    command_burst: int = Field(default=20, ge=1)
    flood_disconnect_after: int = Field(
        default=30, ge=1, description="dropped commands in a row before close 1008"
    )
    outbox_frames: int = Field(default=512, ge=8)
    linkdead_seconds: float = Field(default=30.0, ge=0)

    # Persistence and the world.
    autosave_seconds: float = Field(default=10.0, gt=0)
    item_respawn_seconds: int = Field(default=600, ge=10)
    tick_seconds: float = Field(default=1.0, gt=0)
    time_scale: float = Field(default=6.0, gt=0, description="game seconds per real second")
    max_characters: int = Field(default=3, ge=1)
    combat_round_seconds: float = Field(default=3.0, gt=0)
    regen_seconds: float = Field(default=5.0, gt=0)
    bleed_seconds: float = Field(default=4.0, gt=0)
    npc_corpse_decay_seconds: float = Field(default=300.0, gt=0)
    player_corpse_decay_seconds: float = Field(default=1800.0, gt=0)

    # Accounts and throttles (attempts per window; 0 turns a throttle off).
    invite_codes: list[str] = Field(default_factory=list)
    login_failures_per_account: int = Field(default=5, ge=0)
    login_failures_per_address: int = Field(default=20, ge=0)
    login_window_seconds: float = Field(default=300.0, gt=0)
    registrations_per_address: int = Field(default=10, ge=0)
    registration_window_seconds: float = Field(default=3600.0, gt=0)
    rolls_per_minute: int = Field(default=30, ge=0)

    _split = field_validator("allowed_origins", "invite_codes", mode="before")(_split_csv)

    @model_validator(mode="before")
    @classmethod
    def _from_environment(cls, data: Any) -> Any:
        """`MYTHOSMUD_<NAME>` variables (any case) for the fields not given explicitly."""
        if not isinstance(data, dict):
            return data
        fields = {f"{ENV_PREFIX}{name}".upper(): name for name in cls.model_fields}
        found = {fields[k.upper()]: v for k, v in os.environ.items() if k.upper() in fields}
        return {**found, **data}

    @model_validator(mode="after")
    def _check_production_secret(self) -> Settings:
        if self.env == "production" and self.secret_key.strip().lower() in PLACEHOLDER_SECRETS:
            raise SecretError(
                "MYTHOSMUD_SECRET_KEY must be set to a long random value in production"
            )
        if self.env == "production" and len(self.secret_key) < 32:
            raise SecretError("MYTHOSMUD_SECRET_KEY must be at least 32 characters in production")
        return self

    def rules(self) -> Rules:
        return Rules(
            item_respawn=self.item_respawn_seconds,
            time_scale=self.time_scale,
            combat_round=self.combat_round_seconds,
            regen=self.regen_seconds,
            bleed=self.bleed_seconds,
            npc_corpse_decay=self.npc_corpse_decay_seconds,
            player_corpse_decay=self.player_corpse_decay_seconds,
        )

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'mythosmud.db').resolve()}"

    def resolved_secret(self) -> str:
        """The signing secret: configured, or generated once and kept in the data directory."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret.key"
        if path.exists():
            return path.read_text().strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_urlsafe(48)
        path.touch(mode=0o600)
        path.write_text(secret)
        return secret
