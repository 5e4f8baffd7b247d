"""NATS subjects between gateways and the world.

Everything lives under one root (`mud` by default, `MYTHOSMUD_NATS_ROOT`, so that several
games or test runs can share a NATS server). World subjects carry a shard name (`main` today)
so that a later version can split zones across several world processes: each world subscribes
to its own shard's subjects, and a gateway routes a session to the shard that owns its
character's room. See docs/scale-out.md.
"""

from __future__ import annotations

from dataclasses import dataclass

WORLD_QUEUE = "world"


@dataclass(frozen=True)
class Subjects:
    root: str = "mud"
    shard: str = "main"

    @property
    def world_in(self) -> str:
        """Command lines from players: `{"s", "l", "i"}`."""
        return f"{self.root}.world.{self.shard}.in"

    @property
    def world_attach(self) -> str:
        """Request: put a session's character in play; the reply says yes or why not."""
        return f"{self.root}.world.{self.shard}.attach"

    @property
    def world_detach(self) -> str:
        """A session's socket is gone: its character goes linkdead."""
        return f"{self.root}.world.{self.shard}.detach"

    @property
    def world_heartbeat(self) -> str:
        """The world is alive (and which instance it is), or is stopping."""
        return f"{self.root}.world.{self.shard}.heartbeat"

    @property
    def gateway_heartbeat(self) -> str:
        return f"{self.root}.gw.heartbeat"

    def gateway_out(self, gateway: str) -> str:
        """Frames and closes for one gateway's sessions, in batches."""
        return f"{self.root}.gw.{gateway}.out"
