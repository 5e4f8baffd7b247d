"""One load-generating process: its share of the clients on one event loop (uvloop if present).

Each client logs in, then sends commands from the mix, open-loop (Poisson arrivals at `rate`
per second, round trips timed from the scheduled moment so a slow server cannot hide its
queueing) or closed-loop (the next command as soon as the last is answered). A command counts
as answered by the first `text` frame that carries its id in `re`; the echo endpoint answers
with the frame itself, matched by `id`.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections import deque
from multiprocessing.connection import Connection
from typing import Any

import orjson

from mythosmud.loadtest.accounts import Credential
from mythosmud.loadtest.mix import Mix
from mythosmud.loadtest.plan import Plan, Tally
from mythosmud.loadtest.procstat import own_cpu_seconds, raise_open_files
from mythosmud.loadtest.wsclient import WsClient

SEQ_PREFIX = b'{"seq":'
DECODE_MARKERS = (b'"re":', b'"Room.Info"', b'"type":"error"')


class Bot:
    """One client: a connection, its commands in flight and what it knows of its room."""

    def __init__(self, worker: Worker, index: int, credential: Credential | None) -> None:
        self.w = worker
        self.index = index
        self.credential = credential
        self.ws: WsClient | None = None
        self.seq = 0
        self.next_id = 0
        self.exits: list[str] = []
        self.pending: dict[int, tuple[float, str]] = {}
        self.order: deque[int] = deque()  # ids in sending order, for dropped commands
        self.welcome: asyncio.Future[None] | None = None
        self.leaving = False
        self.closed = asyncio.Event()
        self.timer: asyncio.TimerHandle | None = None
        self.count = 0

    async def connect(self) -> None:
        w = self.w
        loop = asyncio.get_running_loop()
        self.ws = await WsClient.connect(w.plan.ws_url, self.on_message, self.on_close)
        if w.mud and self.credential is not None:
            self.welcome = loop.create_future()
            auth = {"type": "auth", "token": self.credential.token}
            auth["character"] = self.credential.character
            self.ws.send_text(orjson.dumps(auth))
            async with asyncio.timeout(10):
                await self.welcome
        w.tally.connected += 1
        if w.plan.rate > 0:
            first = time.monotonic() + random.random() / w.plan.rate
            self.timer = loop.call_later(first - time.monotonic(), self.tick, first)
        else:
            self.send_next(time.monotonic())

    # -- sending --------------------------------------------------------------------------------

    def send_next(self, t0: float) -> None:
        w = self.w
        if w.stopping or self.ws is None or not self.ws.open:
            return
        if w.plan.commands and self.count >= w.plan.commands:
            w.finished_bots += 1
            return
        self.count += 1
        kind = w.mix.draw()
        self.next_id += 1
        cid = self.next_id
        self.pending[cid] = (t0, kind)
        self.order.append(cid)
        frame = {"type": "command", "text": w.mix.line(kind, self.exits), "id": cid}
        self.ws.send_text(orjson.dumps(frame))
        if w.measure_from <= t0 < w.stop_at:
            w.tally.sent += 1

    def tick(self, scheduled: float) -> None:
        """Open loop: send on schedule whether or not earlier commands were answered."""
        w = self.w
        now = time.monotonic()
        if w.stopping:
            return
        if now >= w.measure_from:
            w.tally.lag_ms.append((now - scheduled) * 1000)
        self.send_next(scheduled)
        following = scheduled + random.expovariate(w.plan.rate)
        self.timer = w.loop.call_later(following - time.monotonic(), self.tick, following)

    # -- receiving ------------------------------------------------------------------------------

    def on_message(self, payload: bytes) -> None:
        w = self.w
        if w.mud and payload.startswith(SEQ_PREFIX):
            # Every frame's seq is checked; only the frames the client acts on are decoded
            # (an answer, the room's exits, an error), not the room's chatter.
            end = payload.find(b",", 7)
            seq = int(payload[7:end]) if end > 7 else -1
            if seq != self.seq + 1:
                w.error("seq out of order", f"expected {self.seq + 1}, got {seq}")
            self.seq = seq
            if not any(marker in payload for marker in DECODE_MARKERS):
                return
        try:
            frame = orjson.loads(payload)
            kind = frame.get("type")
        except (orjson.JSONDecodeError, AttributeError, ValueError):
            w.error("not a JSON object", payload[:80].decode(errors="replace"))
            return
        if not w.mud:
            self.answer(frame.get("id"))
        elif kind == "text":
            re = frame.get("re")
            if re is not None:
                self.answer(re)
        elif kind == "Room.Info":
            self.exits = list(frame["data"]["exits"])
        elif kind == "welcome":
            if self.welcome is not None and not self.welcome.done():
                self.welcome.set_result(None)
        elif kind == "error":
            w.error(f"error frame: {frame.get('code')}", str(frame.get("text"))[:80])
            if frame.get("code") == "rate_limited" and self.order:
                self.drop(self.order[0])

    def answer(self, cid: Any) -> None:
        entry = self.pending.pop(cid, None)
        if entry is None:
            return
        w = self.w
        now = time.monotonic()
        t0, kind = entry
        if self.order and self.order[0] == cid:
            self.order.popleft()
        w.tally.replies += 1
        if w.measure_from <= t0 < w.stop_at:
            w.tally.answered += 1
            w.tally.samples.setdefault(kind, []).append((now - t0) * 1000)
        if w.plan.rate <= 0:
            self.send_next(now)

    def drop(self, cid: int) -> None:
        """A command that will never be answered (refused, or timed out)."""
        self.pending.pop(cid, None)
        with contextlib.suppress(ValueError):
            self.order.remove(cid)
        if self.w.plan.rate <= 0:
            self.send_next(time.monotonic())

    def expire(self, now: float) -> None:
        while self.order and now - self.pending.get(self.order[0], (now, ""))[0] > (
            self.w.plan.reply_timeout
        ):
            self.w.error("no answer in time", f"command {self.order[0]} of client {self.index}")
            self.drop(self.order[0])

    def on_close(self, code: int | None) -> None:
        self.closed.set()
        if self.timer is not None:
            self.timer.cancel()
        if self.welcome is not None and not self.welcome.done():
            self.welcome.set_exception(ConnectionError(f"closed with {code} before welcome"))
        if not self.leaving and not self.w.stopping:
            self.w.tally.dropped += 1
            self.w.error(f"connection closed ({code})", f"client {self.index}")

    async def leave(self) -> None:
        self.leaving = True
        if self.timer is not None:
            self.timer.cancel()
        ws = self.ws
        if ws is None or not ws.open:
            return
        if self.w.mud and self.w.plan.quit:
            ws.send_text(b'{"type":"command","text":"quit"}')
        else:
            ws.close(1000)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(3):
                await self.closed.wait()
        ws.close(1000)


class Worker:
    def __init__(self, plan: Plan, pipe: Connection) -> None:
        self.plan = plan
        self.pipe = pipe
        self.mud = plan.mode == "mud"
        self.mix = Mix(plan.mix, random.Random(plan.seed))
        self.tally = Tally()
        self.loop = asyncio.get_running_loop()
        self.stopping = False
        self.finished_bots = 0
        self.measure_from = plan.measure_from
        self.stop_at = plan.stop_at
        credentials: list[Credential | None] = [*plan.credentials] or [None] * len(plan.indexes)
        self.bots = [Bot(self, i, c) for i, c in zip(plan.indexes, credentials, strict=True)]

    def error(self, kind: str, example: str) -> None:
        self.tally.errors[kind] += 1
        if len(self.tally.error_examples) < 5:
            self.tally.error_examples.append(f"{kind}: {example}")

    def flush(self, final: bool = False) -> None:
        tally, self.tally = self.tally, Tally(connected=self.tally.connected)
        tally.final = final
        self.pipe.send(tally)

    async def start_bot(self, bot: Bot, at: float) -> None:
        await asyncio.sleep(max(0.0, at - time.monotonic()))
        if self.stopping:
            return
        try:
            await bot.connect()
        except (OSError, TimeoutError, ConnectionError) as exc:
            self.error("could not connect", f"{type(exc).__name__}: {exc}"[:120])

    async def run(self) -> None:
        plan = self.plan
        raise_open_files(len(self.bots) + 256)
        step = plan.ramp / plan.total_clients if plan.total_clients else 0.0
        starts = [
            asyncio.create_task(self.start_bot(b, plan.start_at + b.index * step))
            for b in self.bots
        ]
        cpu_start: float | None = None
        next_report = time.monotonic() + plan.report_every
        while time.monotonic() < plan.stop_at:
            if plan.commands and self.finished_bots >= len(self.bots):
                break
            await asyncio.sleep(min(0.05, max(0.0, plan.stop_at - time.monotonic())))
            now = time.monotonic()
            if cpu_start is None and now >= plan.measure_from:
                cpu_start = own_cpu_seconds()
            if now >= next_report:
                next_report = now + plan.report_every
                for bot in self.bots:
                    bot.expire(now)
                self.flush()
        self.stopping = True
        window_end = time.monotonic()
        cpu_used = own_cpu_seconds() - (cpu_start if cpu_start is not None else own_cpu_seconds())
        for task in starts:
            task.cancel()
        await asyncio.gather(*starts, return_exceptions=True)
        await self.drain(min(plan.reply_timeout, 2.0))
        self.tally.cpu_seconds = cpu_used
        self.tally.window_end = window_end
        self.flush()
        await asyncio.gather(*(bot.leave() for bot in self.bots), return_exceptions=True)
        self.flush(final=True)

    async def drain(self, seconds: float) -> None:
        """Wait a little for answers to commands already sent."""
        for _ in range(max(1, int(seconds / 0.02))):
            if not any(b.pending for b in self.bots):
                break
            await asyncio.sleep(0.02)
        for bot in self.bots:
            for cid in list(bot.pending):
                if bot.pending[cid][0] < self.stop_at:
                    self.error("no answer in time", f"command {cid} of client {bot.index}")
            bot.pending.clear()


def run_worker(pipe: Connection) -> None:
    """The entry point of a worker process: say ready, take the plan, run it."""
    pipe.send("ready")
    plan: Plan = pipe.recv()
    try:
        import uvloop

        runner = asyncio.Runner(loop_factory=uvloop.new_event_loop)
    except ImportError:  # pragma: no cover - uvloop is absent on some platforms
        runner = asyncio.Runner()
    with runner:

        async def main() -> None:
            await Worker(plan, pipe).run()

        runner.run(main())
    pipe.close()
