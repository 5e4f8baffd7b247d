"""Fixtures for the end-to-end tests: a real server per module and a client per test."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Generator, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `tests.support` must import however pytest was started
    sys.path.insert(0, str(ROOT))

from .protocol_client import Game  # noqa: E402
from .server import ServerProcess, running_server  # noqa: E402


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """On a failure, show the tail of the log of every server that is running."""
    report = yield
    if report.failed:
        for server in ServerProcess.live:
            report.sections.append((f"server log tail: {server.name}", server.log_tail()))
    return report


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server with default settings (except the registration throttle) for one module."""
    with running_server("default", tmp_path_factory.mktemp("server")) as srv:
        yield srv


@pytest.fixture
async def game(server: ServerProcess) -> AsyncIterator[Game]:
    """A REST client and a place for the test's sessions, closed (with `quit`) afterwards."""
    async with Game(server.base_url) as client:
        yield client
