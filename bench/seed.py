"""Seed thousands of accounts and characters straight into the benchmark server's database.

Registering over REST costs the server two argon2 hashes an account (about a second of CPU
per account on this 2-core machine): 7,000 players would take twenty minutes before the first
measurement. The benchmark owns its server's data directory, so it writes the rows with the
server's own repositories (one shared password hash) and signs the tokens with the server's
secret, then hands them to the load tester in its `--accounts-file` format. The load tester
itself only ever uses the wire contract.
"""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path

from mythosmud.config import Settings
from mythosmud.db.engine import create_engine, session_factory
from mythosmud.db.uow import UnitOfWork
from mythosmud.loadtest.accounts import (
    CHARACTERS_PER_ACCOUNT,
    Account,
    load_accounts,
    random_name,
    save_accounts,
)
from mythosmud.security import create_token, hash_password
from mythosmud.systems.chargen import meets_requirements, new_investigator, roll_stats
from mythosmud.world.loader import load_content

PASSWORD = "bench password, shared"
TOKEN_MINUTES = 24 * 60


async def seed(
    data_dir: Path, base_url: str, accounts_file: Path, count: int, rooms: list[str] | None = None
) -> int:
    """Add accounts until the file holds `count` characters; returns how many were added.

    New characters stand in the start room, or in a random one of `rooms` if given.
    """
    accounts = load_accounts(accounts_file, base_url)
    have = sum(len(a.characters) for a in accounts)
    if have >= count:
        return 0
    settings = Settings(data_dir=data_dir)
    content = load_content(settings.content_dir)
    profession = next(p for p in content.professions.values() if not p.requirements)
    secret = settings.resolved_secret()
    shared_hash = await hash_password(PASSWORD)
    rng = random.Random()
    engine = create_engine(settings.resolved_database_url)
    sessions = session_factory(engine)
    added = 0
    try:
        while have < count:
            async with UnitOfWork(sessions) as uow:
                for _ in range(min(100, -(-(count - have) // CHARACTERS_PER_ACCOUNT))):
                    record = await uow.accounts.add(random_name("lu"), shared_hash)
                    account = Account(record.username, PASSWORD)
                    for _ in range(CHARACTERS_PER_ACCOUNT):
                        stats = roll_stats(rng)
                        while not meets_requirements(profession, stats):
                            stats = roll_stats(rng)
                        name = random_name("lt")
                        room = rng.choice(rooms) if rooms else content.world.start_room
                        state = new_investigator(record.id, name, profession, stats, room)
                        await uow.characters.add(state)
                        account.characters.append(name)
                    account.token = create_token(secret, record.id, record.username, TOKEN_MINUTES)
                    account.token_expires = time.time() + TOKEN_MINUTES * 60
                    accounts.append(account)
                    have += CHARACTERS_PER_ACCOUNT
                    added += CHARACTERS_PER_ACCOUNT
                await uow.commit()
    finally:
        await engine.dispose()
        save_accounts(accounts_file, base_url, accounts)
    return added


def seed_sync(
    data_dir: Path, base_url: str, accounts_file: Path, count: int, rooms: list[str] | None = None
) -> int:
    return asyncio.run(seed(data_dir, base_url, accounts_file, count, rooms))
