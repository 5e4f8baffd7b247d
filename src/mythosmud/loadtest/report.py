"""The load tester's results: one object, printed as text for people or as JSON for scripts."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from mythosmud.loadtest.stats import Summary, percentile

MIB = 1024 * 1024


@dataclass
class ServerUsage:
    """The server process over the measured window (from /proc, given its PID)."""

    cpu_percent: float = math.nan  # of one core
    rss_start: int = 0
    rss_end: int = 0
    rss_peak: int = 0


@dataclass
class Report:
    mode: str
    url: str
    clients: int
    connected: int
    rate: float  # per client per second; 0: closed loop
    window_seconds: float
    wall_seconds: float
    sent: int
    answered: int
    dropped: int
    round_trip: Summary
    by_kind: dict[str, Summary]
    errors: dict[str, int]
    error_examples: list[str]
    loader_cpu_percent: float  # all worker processes, as a percentage of one core
    loader_workers: int
    loader_lag_p99_ms: float  # open loop: how late the sends left their schedule
    server: ServerUsage | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def commands_per_second(self) -> float:
        return self.answered / self.window_seconds if self.window_seconds > 0 else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "mode": self.mode,
            "url": self.url,
            "clients": self.clients,
            "connected": self.connected,
            "rate": self.rate,
            "window_seconds": self.window_seconds,
            "wall_seconds": self.wall_seconds,
            "sent": self.sent,
            "answered": self.answered,
            "commands_per_second": self.commands_per_second,
            "dropped": self.dropped,
            "errors": dict(self.errors),
            "error_examples": self.error_examples,
            "round_trip": self.round_trip.as_dict(),
            "by_kind": {k: s.as_dict() for k, s in self.by_kind.items()},
            "loader_cpu_percent": self.loader_cpu_percent,
            "loader_workers": self.loader_workers,
            "loader_lag_p99_ms": self.loader_lag_p99_ms,
            "notes": self.notes,
        }
        if self.server is not None:
            data["server"] = vars(self.server).copy()
        return data

    def text(self) -> str:
        rt = self.round_trip
        loop = "closed loop" if self.rate <= 0 else f"open loop, {self.rate:g}/s per client"
        lines = [
            f"load test of {self.url} ({self.mode}): {self.connected}/{self.clients} clients, "
            f"{loop}, {self.window_seconds:.1f} s measured ({self.wall_seconds:.1f} s in all)",
            f"  commands:   {self.answered} answered of {self.sent} sent, "
            f"{self.commands_per_second:,.0f}/s",
            f"  round trip: p50 {rt.p50:.2f} ms, p95 {rt.p95:.2f} ms, p99 {rt.p99:.2f} ms, "
            f"max {rt.max:.2f} ms",
        ]
        for kind, s in sorted(self.by_kind.items()):
            lines.append(
                f"    {kind:<10} {s.count:>8}  p50 {s.p50:7.2f}  p99 {s.p99:7.2f}  max {s.max:7.2f}"
            )
        lines.append(f"  errors:     {self.error_count}, dropped connections: {self.dropped}")
        for kind, count in sorted(self.errors.items()):
            lines.append(f"    {kind}: {count}")
        lines.extend(f"    e.g. {example}" for example in self.error_examples[:5])
        lag = (
            ""
            if math.isnan(self.loader_lag_p99_ms)
            else f", send lag p99 {self.loader_lag_p99_ms:.1f} ms"
        )
        lines.append(
            f"  loader:     {self.loader_cpu_percent:.0f} % of a core in "
            f"{self.loader_workers} process(es){lag}"
        )
        if self.server is not None:
            srv = self.server
            lines.append(
                f"  server:     {srv.cpu_percent:.0f} % of a core, RSS {srv.rss_start / MIB:.1f} "
                f"-> {srv.rss_end / MIB:.1f} MiB (peak {srv.rss_peak / MIB:.1f} MiB)"
            )
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)


def lag_p99(lags: list[float]) -> float:
    return percentile(sorted(lags), 99) if lags else math.nan
