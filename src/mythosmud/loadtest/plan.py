"""What one load-generating process is asked to do, and what it reports back."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mythosmud.loadtest.accounts import Credential


@dataclass(frozen=True)
class Plan:
    """A worker's share of the run. Times are `time.monotonic()` values (system-wide on Linux)."""

    ws_url: str
    mode: str  # "mud" (the game server) or "echo" (a raw echo endpoint)
    indexes: list[int]  # global client numbers: they set each client's place in the ramp
    credentials: list[Credential]  # one per client in "mud" mode; empty for "echo"
    total_clients: int
    mix: dict[str, float]
    rate: float  # commands per client per second (open loop); 0 means closed loop
    start_at: float  # the ramp begins
    ramp: float  # seconds over which all clients connect
    measure_from: float  # samples count from here (the ramp is over)
    stop_at: float  # no command is sent after this
    commands: int = 0  # per-client cap on commands (0: none)
    reply_timeout: float = 10.0
    report_every: float = 1.0
    quit: bool = True  # `quit` each character at the end (else just close the socket)
    seed: int = 0


@dataclass
class Tally:
    """Counts and samples a worker sends to the runner; merged with `add`."""

    connected: int = 0
    sent: int = 0  # commands sent in the measured window
    answered: int = 0  # answers to commands sent in the measured window
    replies: int = 0  # every answer, warm-up included (for the progress line)
    dropped: int = 0  # connections the server closed or lost while the run was on
    errors: Counter[str] = field(default_factory=Counter)
    samples: dict[str, list[float]] = field(default_factory=dict)  # kind -> round trips (ms)
    lag_ms: list[float] = field(default_factory=list)  # how late open-loop sends left
    cpu_seconds: float = 0.0  # the worker's own CPU during the measured window
    window_end: float = 0.0  # when this worker stopped sending (monotonic)
    final: bool = False
    error_examples: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.sent += other.sent
        self.answered += other.answered
        self.replies += other.replies
        self.dropped += other.dropped
        self.errors.update(other.errors)
        for kind, values in other.samples.items():
            self.samples.setdefault(kind, []).extend(values)
        self.lag_ms.extend(other.lag_ms)
        self.cpu_seconds += other.cpu_seconds
        self.window_end = max(self.window_end, other.window_end)
        for example in other.error_examples:
            if len(self.error_examples) < 10 and example not in self.error_examples:
                self.error_examples.append(example)

    def all_samples(self) -> list[float]:
        return [v for values in self.samples.values() for v in values]
