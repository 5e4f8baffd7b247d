"""`mythosmud loadtest` against a real server: it plays, reports sane numbers and stops in time."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mythosmud.loadtest.mix import DEFAULT_MIX, parse_mix

from .server import REPO_ROOT, VENV_PYTHON, ServerProcess, running_server

pytestmark = pytest.mark.e2e

CLIENTS = 6
DURATION = 3.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    settings = {"COMMANDS_PER_SECOND": 0}
    with running_server("loadtest", tmp_path_factory.mktemp("load"), settings=settings) as srv:
        yield srv


def loadtest(server: ServerProcess, tmp_path: Path, *options: str) -> tuple[dict, str, float]:
    out = tmp_path / "report.json"
    python = str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable
    argv = [python, "-m", "mythosmud", "loadtest", "--url", server.base_url, "--json", str(out)]
    started = time.monotonic()
    done = subprocess.run(
        [*argv, *options],
        cwd=REPO_ROOT,
        env=server.environment(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return json.loads(out.read_text()), done.stdout + done.stderr, elapsed


def test_a_short_open_loop_run(server: ServerProcess, tmp_path: Path) -> None:
    accounts = tmp_path / "accounts.json"
    options = [
        "--clients",
        str(CLIENTS),
        "--duration",
        str(DURATION),
        "--rate",
        "4",
        "--ramp",
        "0.5",
        "--spread",
        "3",
        "--accounts-file",
        str(accounts),
        "--server-pid",
        str(server.process.pid if server.process else 0),
        "--progress",
        "1",
    ]
    report, output, elapsed = loadtest(server, tmp_path, *options)

    assert report["connected"] == CLIENTS
    assert report["errors"] == {} and report["dropped"] == 0, output
    assert report["answered"] > CLIENTS * DURATION  # about 4 a second each
    assert report["answered"] == report["sent"]
    rt = report["round_trip"]
    assert 0 < rt["p50_ms"] <= rt["p99_ms"] <= rt["max_ms"] < 2000
    assert set(report["by_kind"]) <= set(parse_mix(DEFAULT_MIX))  # the default mix, no more
    assert report["server"]["rss_end"] > 10 * 2**20 and report["server"]["cpu_percent"] >= 0
    assert report["loader_cpu_percent"] > 0
    assert "load:" in output and "round trip:" in output  # progress lines and the summary
    # It stops by itself: set-up, ramp, the measured window and the goodbyes.
    assert report["window_seconds"] == pytest.approx(DURATION, abs=0.5)
    assert elapsed < DURATION + 15, output

    # A second run reuses the accounts (and skips the spreading): no registration at all.
    saved = json.loads(accounts.read_text())[server.base_url]
    assert len(saved) == 2 and all(len(a["spread"]) == 3 for a in saved)
    report, output, _ = loadtest(
        server,
        tmp_path,
        "--clients",
        "3",
        "--duration",
        "1",
        "--closed",
        "--mix",
        "look",
        "--accounts-file",
        str(accounts),
        "--progress",
        "0",
    )
    assert "characters ready in 1 accounts" in output and "spread" not in output
    assert report["answered"] > 10 and report["errors"] == {}
