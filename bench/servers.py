"""Start and stop the servers under test: MythosMUD and the echo app, on 127.0.0.1 only."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable

# The throttles protect a real server from one address; a load test is one address.
BENCH_ENV = {
    "MYTHOSMUD_COMMANDS_PER_SECOND": "0",
    "MYTHOSMUD_REGISTRATIONS_PER_ADDRESS": "0",
    "MYTHOSMUD_ROLLS_PER_MINUTE": "0",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    healthy_after: float  # seconds from process start to the first 200 from /api/v1/health

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid


def _wait_healthy(process: subprocess.Popen[bytes], port: int, timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} while starting")
        with contextlib.suppress(OSError):
            url = f"http://127.0.0.1:{port}/api/v1/health"
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return time.monotonic() - started
        time.sleep(0.01)
    raise RuntimeError(f"server not healthy after {timeout} s")


@contextlib.contextmanager
def _run(
    name: str, argv: list[str], env: Mapping[str, str], port: int, log: Path
) -> Iterator[Server]:
    with log.open("ab") as out:
        process = subprocess.Popen(
            argv,
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        healthy = _wait_healthy(process, port, 60.0)
        yield Server(name, process, port, healthy)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


@contextlib.contextmanager
def mythosmud(
    data_dir: Path | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> Iterator[Server]:
    """The game server with a fresh SQLite data directory (unless one is given)."""
    with contextlib.ExitStack() as stack:
        if data_dir is None:
            data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-")))
        data_dir.mkdir(parents=True, exist_ok=True)
        port = free_port()
        env = {**BENCH_ENV, "MYTHOSMUD_DATA_DIR": str(data_dir), **(extra_env or {})}
        env["PYTHONPATH"] = str(ROOT / "src")
        argv = [PYTHON, "-m", "mythosmud", "serve", "--host", "127.0.0.1", "--port", str(port)]
        yield stack.enter_context(_run("mythosmud", argv, env, port, data_dir / "server.log"))


@contextlib.contextmanager
def echo(ws: str | None = None, log_dir: Path | None = None) -> Iterator[Server]:
    """The raw FastAPI echo app (bench/echo_app.py) under the same uvicorn options."""
    port = free_port()
    argv = [PYTHON, str(ROOT / "bench" / "echo_app.py"), "--port", str(port)]
    if ws:
        argv += ["--ws", ws]
    env = {"PYTHONPATH": str(ROOT / "src")}
    log = (log_dir or Path(tempfile.gettempdir())) / "bench-echo.log"
    with _run("echo", argv, env, port, log) as server:
        yield server
