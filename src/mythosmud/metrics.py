"""Prometheus metrics in the text exposition format, one `Metrics` per app.

The values are plain numbers bumped on the event loop's thread (a command costs about 0.4 us
here, against 2.7 us with prometheus_client's locked children), and `render()` writes the
text format (version 0.0.4) itself: the client library added a megabyte of resident memory
for a page of text (docs/performance.md, findings 4 and 10).
"""

from __future__ import annotations

import math
from bisect import bisect_left

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Counter:
    """A value that only goes up: `<name>_total`."""

    def __init__(self, name: str, documentation: str) -> None:
        self.name = name
        self.documentation = documentation
        self.value = 0.0

    def inc(self, amount: float = 1) -> None:
        self.value += amount

    def render(self) -> list[str]:
        return [
            *_header(f"{self.name}_total", self.documentation, "counter"),
            f"{self.name}_total {_number(self.value)}",
        ]


class Gauge:
    """A value that goes up and down."""

    def __init__(self, name: str, documentation: str) -> None:
        self.name = name
        self.documentation = documentation
        self.value = 0.0

    def set(self, value: float) -> None:
        self.value = value

    def inc(self, amount: float = 1) -> None:
        self.value += amount

    def dec(self, amount: float = 1) -> None:
        self.value -= amount

    def render(self) -> list[str]:
        return [
            *_header(self.name, self.documentation, "gauge"),
            f"{self.name} {_number(self.value)}",
        ]


class CommandStats:
    """`mythosmud_commands_total{verb}` and the `mythosmud_command_seconds` histogram."""

    BUCKETS = (0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25)

    def __init__(self) -> None:
        self.by_verb: dict[str, int] = {}
        self.buckets = [0] * (len(self.BUCKETS) + 1)  # the last one is +Inf
        self.sum = 0.0

    def observe(self, verb: str, seconds: float) -> None:
        by_verb = self.by_verb
        by_verb[verb] = by_verb.get(verb, 0) + 1
        self.buckets[bisect_left(self.BUCKETS, seconds)] += 1
        self.sum += seconds

    def render(self) -> list[str]:
        lines = _header("mythosmud_commands_total", "Commands run, by verb", "counter")
        for verb, count in sorted(self.by_verb.items()):
            lines.append(f'mythosmud_commands_total{{verb="{_label(verb)}"}} {_number(count)}')
        name = "mythosmud_command_seconds"
        lines += _header(name, "Time to run one command in the world", "histogram")
        running = 0
        for bound, count in zip((*self.BUCKETS, math.inf), self.buckets, strict=True):
            running += count
            lines.append(f'{name}_bucket{{le="{_number(bound)}"}} {_number(running)}')
        lines.append(f"{name}_count {_number(running)}")
        lines.append(f"{name}_sum {_number(self.sum)}")
        return lines


class Metrics:
    def __init__(self) -> None:
        self.players_online = Gauge(
            "mythosmud_players_online", "Characters in play, linkdead included"
        )
        self.sessions_open = Gauge("mythosmud_sessions_open", "Open WebSocket sessions")
        self.command_stats = CommandStats()
        self.frames_sent = Counter("mythosmud_frames_sent", "Frames written to sessions")
        self.outbox_overflows = Counter(
            "mythosmud_outbox_overflows", "Sessions dropped because they read too slowly"
        )
        self.rate_limited = Counter(
            "mythosmud_rate_limited", "Frames dropped by the per-session rate limit"
        )
        self.saves = Counter("mythosmud_character_saves", "Characters written to the database")

    def observe_command(self, verb: str, seconds: float) -> None:
        self.command_stats.observe(verb, seconds)

    def render(self) -> bytes:
        """Everything, in the Prometheus text format."""
        lines: list[str] = []
        for metric in (
            self.players_online,
            self.sessions_open,
            self.command_stats,
            self.frames_sent,
            self.outbox_overflows,
            self.rate_limited,
            self.saves,
        ):
            lines += metric.render()
        return ("\n".join(lines) + "\n").encode()


def _header(name: str, documentation: str, kind: str) -> list[str]:
    help_text = documentation.replace("\\", "\\\\").replace("\n", "\\n")
    return [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _number(value: float) -> str:
    if value == math.inf:
        return "+Inf"
    return repr(float(value))
