"""Fixtures for the browser tests: a real server and the bundled client in Debian's Chromium.

Playwright's own browser download is not used: tests launch `/usr/bin/chromium` (or
`MYTHOSMUD_CHROMIUM`). Without Playwright or Chromium the tests are skipped, except under
`CI=true`, where that fails the run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURE_WORLD = REPO_ROOT / "tests" / "fixtures" / "world"
VENV_PYTHON = REPO_ROOT / ".venv" / "bin" / "python"
CHROMIUM = Path(os.environ.get("MYTHOSMUD_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install -y chromium)"
    return None


def _require_browser() -> None:
    problem = _missing()
    if problem is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(problem)
    pytest.skip(problem)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`python -m mythosmud serve` on a fixed port and data dir; stop and start keep both."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port = _free_port()
        self.log_path = data_dir / "server.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MYTHOSMUD_")}
        env.update(
            {
                "MYTHOSMUD_ENV": "test",
                "MYTHOSMUD_DATA_DIR": str(self.data_dir),
                "MYTHOSMUD_CONTENT_DIR": str(FIXTURE_WORLD),
                "MYTHOSMUD_REGISTRATIONS_PER_ADDRESS": "0",
                "MYTHOSMUD_ROLLS_PER_MINUTE": "0",
                "PYTHONPATH": str(REPO_ROOT / "src"),
                "PYTHONUNBUFFERED": "1",
            }
        )
        return env

    def start(self, timeout: float = 60.0) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        python = str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable
        command = [python, "-m", "mythosmud", "serve", "--host", "127.0.0.1"]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [*command, "--port", str(self.port)],
                cwd=REPO_ROOT,
                env=self._environment(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        with httpx.Client(timeout=2.0) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"server exited while starting:\n{self.log_tail()}")
                with contextlib.suppress(httpx.HTTPError):
                    if client.get(f"{self.base_url}/api/v1/health").status_code == 200:
                        return
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server not healthy after {timeout} s:\n{self.log_tail()}")

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM (players get close 1001), then SIGKILL if it will not go."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError as exc:
            return f"(no log: {exc})"


@contextlib.contextmanager
def _running(data_dir: Path) -> Iterator[Server]:
    _require_browser()
    server = Server(data_dir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server shared by the tests that do not stop it."""
    with _running(tmp_path_factory.mktemp("browser-server")) as srv:
        yield srv


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[Server]:
    """A server of the test's own, which it may stop and start again."""
    with _running(tmp_path / "server") as srv:
        yield srv


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _require_browser()
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=10_000)  # a busy two-core machine is slower than a laptop

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


class PageLog:
    """Console errors and uncaught exceptions seen by one page."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def console(self, message: Any) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            self.errors.append(f"console {message.type}: {message.text}")

    def page_error(self, error: Any) -> None:
        self.errors.append(f"pageerror: {error}")

    @property
    def csp_violations(self) -> list[str]:
        return [e for e in self.errors if "Content Security Policy" in e or "Refused to" in e]


@pytest.fixture
def open_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Callable[..., Any]]:
    """Open a page in a fresh browser context (its own storage: another player, another tab)."""
    contexts: list[Any] = []

    def _open(**context_options: Any) -> Any:
        options: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}}
        options.update(context_options)
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        log = PageLog()
        page.on("console", log.console)
        page.on("pageerror", log.page_error)
        page.log = log  # type: ignore[attr-defined]
        return page

    yield _open
    for context in contexts:
        with contextlib.suppress(Exception):
            context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[Any]:
    """On a failure, show the tail of the server log."""
    report = yield
    if report.failed:
        for name in ("server", "own_server"):
            srv = item.funcargs.get(name) if hasattr(item, "funcargs") else None
            if isinstance(srv, Server):
                report.sections.append((f"server log tail ({name})", srv.log_tail()))
    return report
