"""Prometheus metrics, one registry per app so that several apps can live in one process."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


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
        self.commands = Counter(
            "mythosmud_commands", "Commands run, by verb", ["verb"], registry=self.registry
        )
        self.command_seconds = Histogram(
            "mythosmud_command_seconds",
            "Time to run one command in the world",
            buckets=(0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25),
            registry=self.registry,
        )
        self.frames_sent = Counter(
            "mythosmud_frames_sent", "Frames written to sessions", registry=self.registry
        )
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
        self.commands.labels(verb).inc()
        self.command_seconds.observe(seconds)
