"""Runs a load test: accounts first, then worker processes, progress lines, and the report."""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from mythosmud.loadtest.accounts import Credential, ensure_characters, mark_spread
from mythosmud.loadtest.mix import DEFAULT_MIX, parse_mix
from mythosmud.loadtest.plan import Plan, Tally
from mythosmud.loadtest.procstat import ProcSample, raise_open_files, sample
from mythosmud.loadtest.report import Report, ServerUsage, lag_p99
from mythosmud.loadtest.stats import Summary
from mythosmud.loadtest.worker import run_worker

GAME_PATH = "/api/v1/ws"
SPREAD_BATCH = 200
ECHO_PATH = "/echo"


@dataclass(frozen=True)
class LoadConfig:
    url: str = "http://127.0.0.1:8000"
    clients: int = 10
    duration: float = 30.0
    rate: float = 0.5  # commands per client per second, open loop; 0: closed loop
    mix: dict[str, float] = field(default_factory=lambda: parse_mix(DEFAULT_MIX))
    ramp: float | None = None  # seconds to connect everyone; None: about 200 clients a second
    workers: int = 1
    commands: int = 0  # per-client cap (0: none)
    mode: str = "mud"  # or "echo"
    ws_path: str | None = None
    server_pid: int | None = None
    accounts_file: Path | None = None
    reply_timeout: float = 10.0
    progress: float = 2.0  # seconds between progress lines; 0: none
    quit: bool = True
    seed: int = 0
    spread: int = 20  # random steps that new characters take before the run (0: none)

    @property
    def ramp_seconds(self) -> float:
        return (
            self.ramp
            if self.ramp is not None
            else (0.0 if self.clients <= 1 else self.clients / 200)
        )

    @property
    def ws_url(self) -> str:
        parts = urlsplit(self.url)
        scheme = {"http": "ws", "https": "wss"}.get(parts.scheme, parts.scheme)
        path = self.ws_path or (GAME_PATH if self.mode == "mud" else ECHO_PATH)
        return urlunsplit((scheme, parts.netloc, path, "", ""))


Log = Callable[[str], None]


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def run_load(
    config: LoadConfig, credentials: list[Credential] | None = None, log: Log = _stderr
) -> Report:
    """The whole run, start to report; it ends by itself within its time limits."""
    started = time.monotonic()
    if config.mode == "mud" and credentials is None:
        credentials = asyncio.run(
            ensure_characters(
                config.url, config.clients, accounts_file=config.accounts_file, log=log
            )
        )
        credentials = spread_characters(config, credentials, log)
    credentials = (credentials or [])[: config.clients] if config.mode == "mud" else []
    if config.mode == "mud" and len(credentials) < config.clients:
        raise ValueError(f"{config.clients} clients need as many characters")
    raise_open_files(config.clients + 1024)
    workers = max(1, min(config.workers, config.clients))
    # fork: quick, and no re-import of the caller's main module; the parent holds no loop here.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pipes: list[Connection] = []
    processes: list[multiprocessing.process.BaseProcess] = []
    for _ in range(workers):
        parent_end, child_end = context.Pipe()
        process = context.Process(  # type: ignore[attr-defined]
            target=run_worker, args=(child_end,), daemon=True
        )
        process.start()
        child_end.close()
        pipes.append(parent_end)
        processes.append(process)
    try:
        for pipe in pipes:
            if not pipe.poll(30) or pipe.recv() != "ready":
                raise RuntimeError("a load worker did not start")
        return _drive(config, credentials, pipes, started, log)
    finally:
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)


def spread_characters(
    config: LoadConfig, credentials: list[Credential], log: Log = _stderr
) -> list[Credential]:
    """Walk new characters `config.spread` random steps from the start room, a batch at a time.

    Every new character starts in the same room, and each arrival there sends the whole
    `Room.Players` list to everyone present: thousands of players idling in one room cost
    the server (and the clients) work that grows with the square of the crowd. Walking them
    off in small batches first makes a load test measure a world, not one crowded room.
    """
    todo = [c for c in credentials if not c.spread]
    if config.spread <= 0 or not todo:
        return credentials
    started = time.monotonic()
    for first in range(0, len(todo), SPREAD_BATCH):
        batch = todo[first : first + SPREAD_BATCH]
        walk = replace(
            config,
            clients=len(batch),
            duration=120.0,
            rate=0.0,
            mix={"move": 1.0},
            commands=config.spread,
            ramp=len(batch) / 400,
            workers=1,
            server_pid=None,
            progress=0.0,
            quit=True,
            spread=0,
        )
        run_load(walk, batch, log)
    mark_spread(config.accounts_file, config.url, {c.character for c in todo})
    log(f"spread {len(todo)} new characters in {time.monotonic() - started:.1f} s")
    return [replace(c, spread=True) for c in credentials]


def _drive(
    config: LoadConfig,
    credentials: list[Credential],
    pipes: list[Connection],
    started: float,
    log: Log,
) -> Report:
    workers = len(pipes)
    start_at = time.monotonic() + 0.05
    ramp = config.ramp_seconds
    measure_from = start_at + ramp
    stop_at = measure_from + config.duration
    for w, pipe in enumerate(pipes):
        indexes = list(range(w, config.clients, workers))
        pipe.send(
            Plan(
                ws_url=config.ws_url,
                mode=config.mode,
                indexes=indexes,
                credentials=[credentials[i] for i in indexes] if credentials else [],
                total_clients=config.clients,
                mix=config.mix,
                rate=config.rate,
                start_at=start_at,
                ramp=ramp,
                measure_from=measure_from,
                stop_at=stop_at,
                commands=config.commands,
                reply_timeout=config.reply_timeout,
                report_every=min(1.0, config.progress) if config.progress > 0 else 1.0,
                quit=config.quit,
                seed=config.seed * 1000 + w,
            )
        )
    total, interval = Tally(), Tally()
    connected = [0] * workers
    final = [False] * workers
    pid = config.server_pid
    first: ProcSample | None = None
    last: ProcSample | None = sample(pid) if pid else None
    peak = last.rss_bytes if last else 0
    next_line = time.monotonic() + config.progress
    interval_started = time.monotonic()
    hard_deadline = stop_at + min(config.reply_timeout, 2.0) + 20.0
    while not all(final) and time.monotonic() < hard_deadline:
        for ready in wait([p for p, f in zip(pipes, final, strict=True) if not f], timeout=0.2):
            assert isinstance(ready, Connection)
            pipe = ready
            w = pipes.index(pipe)
            try:
                tally: Tally = pipe.recv()
            except EOFError:
                final[w] = True
                continue
            connected[w] = max(connected[w], tally.connected)
            final[w] = tally.final
            total.add(tally)
            interval.add(tally)
        now = time.monotonic()
        if pid and first is None and now >= measure_from:
            first = sample(pid)
        if pid and now < stop_at + 0.5:
            current = sample(pid)
            if current is not None:
                last = current
                peak = max(peak, current.rss_bytes)
        if config.progress > 0 and now >= next_line and now < stop_at:
            log(
                _progress_line(
                    now - started,
                    now < measure_from,
                    sum(connected),
                    interval,
                    now - interval_started,
                    last,
                )
            )
            interval, interval_started = Tally(), now
            next_line = now + config.progress
    notes = [] if all(final) else ["a worker did not finish in time; its last numbers are missing"]
    window_end = min(total.window_end or stop_at, stop_at)
    server = None
    if pid:
        server = ServerUsage(rss_peak=peak)
        if first is not None and last is not None:
            server.rss_start, server.rss_end = first.rss_bytes, last.rss_bytes
            span = max(window_end - measure_from, 1e-9)
            server.cpu_percent = 100 * (last.cpu_seconds - first.cpu_seconds) / span
    window = max(window_end - measure_from, 1e-9)
    return Report(
        mode=config.mode,
        url=config.url,
        clients=config.clients,
        connected=sum(connected),
        rate=config.rate,
        window_seconds=window,
        wall_seconds=time.monotonic() - started,
        sent=total.sent,
        answered=total.answered,
        dropped=total.dropped,
        round_trip=Summary.of(total.all_samples()),
        by_kind={k: Summary.of(v) for k, v in total.samples.items()},
        errors=dict(total.errors),
        error_examples=total.error_examples,
        loader_cpu_percent=100 * total.cpu_seconds / window,
        loader_workers=workers,
        loader_lag_p99_ms=lag_p99(total.lag_ms) if config.rate > 0 else math.nan,
        server=server,
        notes=notes,
    )


def _progress_line(
    elapsed: float,
    ramping: bool,
    connected: int,
    interval: Tally,
    seconds: float,
    server: ProcSample | None,
) -> str:
    s = Summary.of(interval.all_samples())
    rate = interval.replies / seconds if seconds > 0 else 0.0
    line = (
        f"[{elapsed:6.1f} s] {'ramp' if ramping else 'load'}: {connected} connected, "
        f"{rate:,.0f} cmd/s, p50 {s.p50:.1f} ms, p99 {s.p99:.1f} ms, "
        f"errors {sum(interval.errors.values())}, dropped {interval.dropped}"
    )
    if server is not None:
        line += f", server RSS {server.rss_bytes / 1048576:.0f} MiB"
    return line
