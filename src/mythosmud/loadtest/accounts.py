"""Accounts and characters for the load tester, made over the REST contract (PROTOCOL.md).

A password hash costs the server about 50 ms of CPU, so accounts are precious: each one carries
up to three characters (the server's limit), logs in once per run, and can be kept in a local
file (`--accounts-file`) so that later runs against the same server skip registration.
"""

from __future__ import annotations

import asyncio
import json
import random
import secrets
import string
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

API = "/api/v1"
CHARACTERS_PER_ACCOUNT = 3
TOKEN_MARGIN_SECONDS = 600


class SetupError(RuntimeError):
    """The server refused to make accounts or characters (throttled, invite-only, down)."""


@dataclass
class Account:
    username: str
    password: str
    characters: list[str] = field(default_factory=list)
    token: str = ""
    token_expires: float = 0.0  # Unix time
    spread: list[str] = field(default_factory=list)  # characters walked off the start room


@dataclass(frozen=True)
class Credential:
    """What one client needs to play: a bearer token and a character of that account."""

    token: str
    character: str
    spread: bool = False  # it has been walked away from the start room already


def random_name(prefix: str, letters: int = 10) -> str:
    """A name of ASCII letters only (the contract: 3 to 20), unlikely to be taken."""
    return (prefix + "".join(random.choices(string.ascii_lowercase, k=letters))).capitalize()


def load_accounts(path: Path | None, base_url: str) -> list[Account]:
    if path is None or not path.exists():
        return []
    data = json.loads(path.read_text())
    return [Account(**entry) for entry in data.get(base_url, [])]


def save_accounts(path: Path | None, base_url: str, accounts: list[Account]) -> None:
    if path is None:
        return
    data: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    data[base_url] = [asdict(a) for a in accounts]
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data))
    tmp.replace(path)


def _refuse(response: httpx.Response, what: str) -> SetupError:
    hint = ""
    if response.status_code == 429:
        hint = (
            " (throttled: run the server with MYTHOSMUD_REGISTRATIONS_PER_ADDRESS=0 and "
            "MYTHOSMUD_ROLLS_PER_MINUTE=0 for load tests)"
        )
    elif response.status_code == 403:
        hint = " (the server requires an invite code)"
    return SetupError(f"{what}: HTTP {response.status_code} {response.text[:200]}{hint}")


class Maker:
    """Registers, logs in and creates characters with one pooled HTTP client."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.profession: str | None = None

    def _auth(self, account: Account) -> dict[str, str]:
        return {"authorization": f"Bearer {account.token}"}

    async def pick_profession(self) -> str:
        if self.profession is None:
            response = await self.client.get(f"{API}/professions")
            if response.status_code != 200:
                raise _refuse(response, "listing professions")
            professions = response.json()
            easy = [p["id"] for p in professions if not p.get("requirements")]
            self.profession = (easy or [professions[0]["id"]])[0]
        return self.profession

    async def register(self) -> Account:
        for _ in range(5):
            account = Account(random_name("lu"), secrets.token_urlsafe(12))
            body = {"username": account.username, "password": account.password}
            response = await self.client.post(f"{API}/auth/register", json=body)
            if response.status_code == 201:
                return account
            if response.status_code != 409:
                raise _refuse(response, "registering an account")
        raise SetupError("could not find a free account name in 5 tries")

    async def login(self, account: Account) -> bool:
        body = {"username": account.username, "password": account.password}
        response = await self.client.post(f"{API}/auth/login", json=body)
        if response.status_code == 401:
            return False
        if response.status_code != 200:
            raise _refuse(response, "logging in")
        data = response.json()
        account.token = data["access_token"]
        account.token_expires = time.time() + float(data["expires_in"])
        return True

    async def refresh(self, account: Account) -> bool:
        """Make the account usable now: a live token and its characters. False if it is gone."""
        if account.token and account.token_expires > time.time() + TOKEN_MARGIN_SECONDS:
            response = await self.client.get(f"{API}/characters", headers=self._auth(account))
            if response.status_code == 200:
                account.characters = [c["name"] for c in response.json()]
                return True
        if not await self.login(account):
            return False
        response = await self.client.get(f"{API}/characters", headers=self._auth(account))
        if response.status_code != 200:
            raise _refuse(response, "listing characters")
        account.characters = [c["name"] for c in response.json()]
        return True

    async def add_character(self, account: Account) -> None:
        profession = await self.pick_profession()
        for _ in range(20):
            rolled = await self.client.post(
                f"{API}/characters/roll",
                json={"profession": profession},
                headers=self._auth(account),
            )
            if rolled.status_code != 200:
                raise _refuse(rolled, "rolling characteristics")
            if not rolled.json().get("meets_requirements", True):
                continue
            name = random_name("lt")
            body = {"name": name, "profession": profession, "roll_id": rolled.json()["roll_id"]}
            created = await self.client.post(
                f"{API}/characters", json=body, headers=self._auth(account)
            )
            if created.status_code == 201:
                account.characters.append(name)
                return
            if created.status_code not in (400, 409):
                raise _refuse(created, "creating a character")
        raise SetupError("could not create a character in 20 tries")


async def ensure_characters(
    base_url: str,
    count: int,
    *,
    accounts_file: Path | None = None,
    concurrency: int = 4,
    log: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
) -> list[Credential]:
    """`count` distinct characters with tokens, reusing the accounts file's where it can."""
    cached = load_accounts(accounts_file, base_url)
    tried: set[str] = set()
    usable: list[Account] = []
    gate = asyncio.Semaphore(concurrency)
    started = last_log = time.monotonic()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    def ready() -> int:
        return sum(len(a.characters) for a in usable)

    async with httpx.AsyncClient(base_url=base_url, timeout=60.0, limits=limits) as client:
        maker = Maker(client)

        async def prepare(account: Account | None) -> None:
            nonlocal last_log
            async with gate:
                if account is None:
                    account = await maker.register()
                    if not await maker.login(account):
                        raise SetupError(f"the new account {account.username} cannot log in")
                elif not await maker.refresh(account):
                    return  # the server no longer knows it: forget it
                while len(account.characters) < CHARACTERS_PER_ACCOUNT:
                    await maker.add_character(account)
                usable.append(account)
            if time.monotonic() - last_log >= 5:
                last_log = time.monotonic()
                log(f"accounts: {ready()}/{count} characters ready ...")

        try:
            while ready() < count:
                need = -(-(count - ready()) // CHARACTERS_PER_ACCOUNT)
                batch: list[Account | None] = []
                for account in cached:
                    if len(batch) == need:
                        break
                    if account.username not in tried:
                        tried.add(account.username)
                        batch.append(account)
                batch += [None] * (need - len(batch))
                await asyncio.gather(*(prepare(a) for a in batch))
        finally:
            untouched = [a for a in cached if a.username not in tried]
            save_accounts(accounts_file, base_url, usable + untouched)
    log(
        f"accounts: {ready()} characters ready in {len(usable)} accounts "
        f"({time.monotonic() - started:.1f} s)"
    )
    credentials = [
        Credential(a.token, name, name in a.spread) for a in usable for name in a.characters
    ]
    return credentials[:count]


def mark_spread(path: Path | None, base_url: str, names: set[str]) -> None:
    """Remember in the accounts file which characters no longer stand in the start room."""
    accounts = load_accounts(path, base_url)
    for account in accounts:
        account.spread = [n for n in account.characters if n in names or n in account.spread]
    save_accounts(path, base_url, accounts)
