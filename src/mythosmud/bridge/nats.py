"""The NATS adapter: the only module that knows nats-py's API."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import nats
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.errors import NoRespondersError
from nats.errors import TimeoutError as NatsTimeout

from mythosmud.bridge.bus import (
    BusUnavailable,
    Handler,
    Listener,
    Message,
    NoResponders,
    RequestTimeout,
)

log = logging.getLogger("mythosmud.nats")


class _NatsSubscription:
    def __init__(self, sub: Any) -> None:
        self._sub = sub

    async def unsubscribe(self) -> None:
        await self._sub.unsubscribe()


class NatsBus:
    def __init__(self, client: Client) -> None:
        self.client = client

    @classmethod
    async def connect(
        cls,
        url: str,
        *,
        name: str = "mythosmud",
        on_disconnect: Listener | None = None,
        connect_timeout: float = 2.0,
        reconnect: bool = True,
    ) -> NatsBus:
        """Connect; once connected, reconnect forever (unless `reconnect` is False, which also
        makes a first connection that fails give up at once)."""

        async def error_cb(exc: Exception) -> None:
            log.warning("nats: %s", exc)

        try:
            pending = nats.connect(
                url,
                name=name,
                connect_timeout=connect_timeout,
                allow_reconnect=reconnect,
                max_reconnect_attempts=-1 if reconnect else 1,
                reconnect_time_wait=0.5,
                error_cb=error_cb,
                disconnected_cb=on_disconnect,
            )
            # nats-py retries a failing first connection by itself; give it a bounded time.
            client = await asyncio.wait_for(pending, timeout=connect_timeout * 2 + 1)
        except Exception as exc:  # nats-py raises several kinds; all mean the same here
            raise BusUnavailable(f"cannot reach NATS at {url}: {exc}") from exc
        return cls(client)

    async def publish(self, subject: str, data: bytes, reply: str = "") -> None:
        await self.client.publish(subject, data, reply=reply)

    async def subscribe(self, subject: str, handler: Handler, queue: str = "") -> _NatsSubscription:
        async def deliver(msg: Msg) -> None:
            await handler(Message(msg.subject, msg.data, msg.reply or ""))

        return _NatsSubscription(await self.client.subscribe(subject, queue=queue, cb=deliver))

    async def request(self, subject: str, data: bytes, timeout: float = 2.0) -> Message:
        try:
            msg = await self.client.request(subject, data, timeout=timeout)
        except NoRespondersError as exc:
            raise NoResponders(f"no one listens on {subject}") from exc
        except NatsTimeout as exc:
            raise RequestTimeout(f"no reply on {subject} in {timeout} s") from exc
        return Message(msg.subject, msg.data, msg.reply or "")

    async def drain(self) -> None:
        if not self.client.is_closed:
            await self.client.drain()
