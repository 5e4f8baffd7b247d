"""Run the real server (`python -m mythosmud serve`) in a subprocess for the end-to-end tests."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import ClassVar

import httpx

from tests.support.postgres import (
    create_database,
    database_url,
    drop_database,
    require_postgres,
    run_sync,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURE_WORLD = REPO_ROOT / "tests" / "fixtures" / "world"
VENV_PYTHON = REPO_ROOT / ".venv" / "bin" / "python"

# Every test server: tests register many accounts and roll many times from 127.0.0.1.
BASE_SETTINGS: dict[str, str] = {
    "REGISTRATIONS_PER_ADDRESS": "0",
    "ROLLS_PER_MINUTE": "0",
}

Setting = str | int | float


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerProcess:
    """One server: its data directory, database, settings, port and log file."""

    live: ClassVar[list[ServerProcess]] = []

    def __init__(
        self,
        name: str,
        data_dir: Path,
        settings: Mapping[str, Setting] | None = None,
        database: str | None = None,
    ) -> None:
        self.name = name
        self.data_dir = data_dir
        self.settings = {**BASE_SETTINGS, **{k: str(v) for k, v in (settings or {}).items()}}
        self.database = database
        self.port = free_port()
        self.log_path = data_dir / "server.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MYTHOSMUD_")}
        env.update(
            {
                "MYTHOSMUD_ENV": "test",
                "MYTHOSMUD_DATA_DIR": str(self.data_dir),
                "MYTHOSMUD_CONTENT_DIR": str(FIXTURE_WORLD),
                "PYTHONPATH": os.pathsep.join(
                    p for p in (str(REPO_ROOT / "src"), env.get("PYTHONPATH", "")) if p
                ),
                "PYTHONUNBUFFERED": "1",
            }
        )
        if self.database is not None:
            env["MYTHOSMUD_DATABASE_URL"] = database_url(self.database)
        env.update({f"MYTHOSMUD_{k.upper()}": v for k, v in self.settings.items()})
        return env

    def start(self, timeout: float = 60.0) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        python = str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable
        with self.log_path.open("ab") as log:
            log.write(f"\n===== starting {self.name} on port {self.port} =====\n".encode())
            log.flush()
            self.process = subprocess.Popen(
                [
                    python,
                    "-m",
                    "mythosmud",
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                ],
                cwd=REPO_ROOT,
                env=self.environment(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        ServerProcess.live.append(self)
        deadline = time.monotonic() + timeout
        with httpx.Client(timeout=2.0) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    self._forget()
                    raise RuntimeError(
                        f"server {self.name} exited with {self.process.returncode} while "
                        f"starting:\n{self.log_tail()}"
                    )
                with contextlib.suppress(httpx.HTTPError):
                    if client.get(f"{self.base_url}/api/v1/health").status_code == 200:
                        return
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server {self.name} not healthy after {timeout}s:\n{self.log_tail()}")

    def _forget(self) -> None:
        if self in ServerProcess.live:
            ServerProcess.live.remove(self)

    def stop(self, timeout: float = 10.0) -> int | None:
        """SIGTERM, then SIGKILL after `timeout` seconds. Returns the exit status."""
        process = self.process
        self._forget()
        if process is None or process.poll() is not None:
            return None if process is None else process.returncode
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            return process.wait(5)

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs."""
        process = self.process
        self._forget()
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(5)

    def log_tail(self, lines: int = 80) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError as exc:
            return f"(no log: {exc})"
        return "\n".join(text.splitlines()[-lines:])


@contextlib.contextmanager
def running_server(
    name: str,
    data_dir: Path,
    backend: str = "sqlite",
    settings: Mapping[str, Setting] | None = None,
) -> Iterator[ServerProcess]:
    """A started server on a fresh data directory (and a fresh database for `postgres`)."""
    database: str | None = None
    if backend == "postgres":
        require_postgres()
        database = run_sync(create_database("mythosmud_e2e"))
    elif backend != "sqlite":
        raise ValueError(f"unknown backend {backend!r}")
    server = ServerProcess(f"{name}[{backend}]", data_dir, settings, database)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        if database is not None:
            run_sync(drop_database(database))
