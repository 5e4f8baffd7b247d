"""Prometheus metrics, one registry per app so that several apps can live in one process."""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Gauge
from prometheus_client.core import CounterMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector
from prometheus_client.utils import floatToGoString


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.players_online = Gauge(
            "mythosmud_players_online",
            "Characters in play, linkdead included",
            registry=self.registry,
        )
        self.sessions_open = Gauge(
            "mythosmud_sessions_open", "Open WebSocket sessions", registry=self.registry
        )
        self.command_stats = CommandStats()
        self.registry.register(self.command_stats)
        self.frames_sent = LoopCounter("mythosmud_frames_sent", "Frames written to sessions")
        self.registry.register(self.frames_sent)
        self.outbox_overflows = Counter(
            "mythosmud_outbox_overflows",
            "Sessions dropped because they read too slowly",
            registry=self.registry,
        )
        self.rate_limited = Counter(
            "mythosmud_rate_limited",
            "Frames dropped by the per-session rate limit",
            registry=self.registry,
        )
        self.saves = Counter(
            "mythosmud_character_saves",
            "Characters written to the database",
            registry=self.registry,
        )

    def observe_command(self, verb: str, seconds: float) -> None:
        self.command_stats.observe(verb, seconds)


class LoopCounter(Collector):
    """A counter bumped on the hot path (once per flush of every session): a plain integer."""

    def __init__(self, name: str, documentation: str) -> None:
        self.name = name
        self.documentation = documentation
        self.value = 0

    def inc(self, amount: int = 1) -> None:
        self.value += amount

    def collect(self) -> Iterator[Metric]:
        yield CounterMetricFamily(self.name, self.documentation, value=self.value)


class CommandStats(Collector):
    """`mythosmud_commands_total{verb}` and the `mythosmud_command_seconds` histogram.

    Every command is counted, so this is on the hot path: plain integers and a bisect here
    (about 0.3 us) instead of prometheus_client's locked children (about 2.5 us a command,
    docs/performance.md). Only the event loop's thread observes; a scrape reads a snapshot.
    """

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

    def collect(self) -> Iterator[Metric]:
        commands = CounterMetricFamily(
            "mythosmud_commands", "Commands run, by verb", labels=["verb"]
        )
        for verb, count in sorted(self.by_verb.items()):
            commands.add_metric([verb], count)
        yield commands
        cumulative, running = [], 0
        for bound, count in zip((*self.BUCKETS, math.inf), self.buckets, strict=True):
            running += count
            cumulative.append((floatToGoString(bound), running))  # type: ignore[no-untyped-call]
        yield HistogramMetricFamily(
            "mythosmud_command_seconds",
            "Time to run one command in the world",
            buckets=cumulative,
            sum_value=self.sum,
        )
