"""The five measurements of the benchmark suite, each returning plain numbers for the report."""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import replace
from typing import Any

import uvloop
from bench import servers
from bench.fanout import fanout
from bench.idle import idle_slope

from mythosmud.loadtest.accounts import Credential
from mythosmud.loadtest.mix import DEFAULT_MIX, parse_mix
from mythosmud.loadtest.procstat import sample
from mythosmud.loadtest.report import Report
from mythosmud.loadtest.runner import LoadConfig, run_load
from mythosmud.loadtest.stats import Summary

MIB = 1024 * 1024
# How fast the capacity steps log players in: a crowd after a restart, well under the
# ~500 logins/s the server takes while idle, so that the step measures play, not logins.
LOGINS_PER_SECOND = 125
LOOK = parse_mix("look")


def quiet(line: str) -> None:
    pass


def _load(config: LoadConfig, credentials: list[Credential] | None = None) -> Report:
    report = run_load(config, credentials or [], log=quiet)
    if report.error_count or report.dropped:
        print(f"    ! {report.error_count} errors, {report.dropped} dropped: {report.errors}")
    return report


def sequential(
    echo_url: str, mud_url: str, who: list[Credential], commands: int, blocks: int = 5
) -> dict[str, Any]:
    """1. One client, `look` after `look`: round-trip p50/p99 for the game and the echo app.

    The two take turns in `blocks` blocks of `commands / blocks`, so a machine that speeds up
    or slows down during the run (this one does, by 2x) weighs on both alike; each percentile
    is the median of the blocks' percentiles.
    """
    base = LoadConfig(rate=0.0, commands=commands // blocks, duration=120.0, mix=LOOK, progress=0.0)
    echo_runs, mud_runs = [], []
    for _ in range(blocks):
        echo_runs.append(_load(replace(base, url=echo_url, clients=1, mode="echo")).round_trip)
        mud_runs.append(_load(replace(base, url=mud_url, clients=1), who[:1]).round_trip)

    def medians(runs: list[Summary]) -> dict[str, float]:
        return {
            "count": sum(r.count for r in runs),
            "p50_ms": statistics.median(r.p50 for r in runs),
            "p99_ms": statistics.median(r.p99 for r in runs),
            "max_ms": max(r.max for r in runs),
        }

    echo, mud = medians(echo_runs), medians(mud_runs)
    return {
        "echo": echo,
        "mud": mud,
        "blocks": blocks,
        "ratio_p50": mud["p50_ms"] / echo["p50_ms"],
        "ratio_p99": mud["p99_ms"] / echo["p99_ms"],
    }


def closed_loop(
    echo: servers.Server, mud: servers.Server, who: list[Credential], seconds: float
) -> dict[str, Any]:
    """2. Fifty clients, closed loop on `look`: messages per second, game against echo."""
    base = LoadConfig(rate=0.0, duration=seconds, mix=LOOK, progress=0.0, clients=len(who))
    e = _load(replace(base, url=echo.url, mode="echo", server_pid=echo.pid))
    m = _load(replace(base, url=mud.url, server_pid=mud.pid), who)
    return {
        "echo_per_s": e.commands_per_second,
        "mud_per_s": m.commands_per_second,
        "ratio": m.commands_per_second / e.commands_per_second,
        "mud_p99_ms": m.round_trip.p99,
        "echo_server_cpu": e.server.cpu_percent if e.server else None,
        "mud_server_cpu": m.server.cpu_percent if m.server else None,
        "loader_cpu_echo": e.loader_cpu_percent,
        "loader_cpu_mud": m.loader_cpu_percent,
    }


def crowded_look(mud: servers.Server, who: list[Credential], seconds: float) -> dict[str, Any]:
    """2b. The same fifty clients standing in one room: `look` lists everyone present."""
    config = LoadConfig(
        url=mud.url,
        clients=len(who),
        rate=0.0,
        duration=seconds,
        mix=LOOK,
        progress=0.0,
        server_pid=mud.pid,
    )
    m = _load(config, who)
    return {"mud_per_s": m.commands_per_second, "mud_p99_ms": m.round_trip.p99}


def fan_out(echo_url: str, mud_url: str, who: list[Credential], rounds: int) -> dict[str, Any]:
    """3. 200 clients in one room, one says a line: time until the last one has it."""
    ws = {
        "echo": echo_url.replace("http", "ws", 1) + "/room",
        "mud": mud_url.replace("http", "ws", 1) + "/api/v1/ws",
    }
    echo = Summary.of(uvloop.run(fanout(ws["echo"], len(who), None, rounds)))
    mud = Summary.of(uvloop.run(fanout(ws["mud"], len(who), who, rounds)))
    return {"echo": echo.as_dict(), "mud": mud.as_dict(), "ratio_p99": mud.p99 / echo.p99}


def idle_memory(
    server: servers.Server,
    who: list[Credential] | None,
    low: int,
    high: int,
) -> dict[str, Any]:
    """5b. RSS per idle connected player: the slope between `low` and `high` held clients."""
    path = "/api/v1/ws" if who else "/echo"
    ws_url = server.url.replace("http", "ws", 1) + path
    result: dict[str, Any] = uvloop.run(idle_slope(ws_url, server.pid, low, high, who))
    return result


def startup(times: int) -> dict[str, Any]:
    """5a. Seconds from process start to a healthy answer, and RSS a second after."""
    healthy, rss = [], []
    for _ in range(times):
        with servers.mythosmud() as server:
            healthy.append(server.healthy_after)
            time.sleep(1.0)
            now = sample(server.pid)
            rss.append(now.rss_bytes / MIB if now else float("nan"))
    return {
        "healthy_s": statistics.median(healthy),
        "healthy_all": healthy,
        "rss_start_mib": statistics.median(rss),
        "rss_all": rss,
    }


def capacity(
    mud: servers.Server, who: list[Credential], steps: list[int], seconds: float, workers: int
) -> dict[str, Any]:
    """4. Players at one command every 2 s (the default mix), stepping up until p99 > 100 ms."""
    rows, passed = [], 0
    for count in steps:
        if count > len(who):
            break
        config = LoadConfig(
            url=mud.url,
            clients=count,
            rate=0.5,
            duration=seconds,
            mix=parse_mix(DEFAULT_MIX),
            ramp=count / LOGINS_PER_SECOND,
            workers=workers,
            server_pid=mud.pid,
            progress=0.0,
        )
        r = _load(config, who[:count])
        ok = r.round_trip.p99 <= 100 and r.dropped == 0 and r.error_count <= r.sent * 0.001
        rows.append(
            {
                "players": count,
                "connected": r.connected,
                "per_s": r.commands_per_second,
                "p50_ms": r.round_trip.p50,
                "p99_ms": r.round_trip.p99,
                "max_ms": r.round_trip.max,
                "errors": r.error_count,
                "dropped": r.dropped,
                "server_cpu": r.server.cpu_percent if r.server else None,
                "server_rss_mib": r.server.rss_end / MIB if r.server else None,
                "loader_cpu": r.loader_cpu_percent,
                "loader_lag_p99_ms": r.loader_lag_p99_ms,
                "ok": ok,
            }
        )
        print(
            f"    {count} players: p99 {r.round_trip.p99:.1f} ms, "
            f"{r.commands_per_second:.0f}/s, server {rows[-1]['server_cpu']:.0f} %, "
            f"loader {r.loader_cpu_percent:.0f} %",
            flush=True,
        )
        if not ok:
            break
        passed = count
        time.sleep(2.0)
    return {"players": passed, "steps": rows}


def ensure(coro: Any) -> Any:
    return asyncio.run(coro)
