"""Fan-out: N clients in one room, one of them says a line; how long until the last one hears it.

The clock starts when the speaker's frame is written and stops when the last listener's copy
arrives (a byte search for the round's token: the listeners decode nothing, so the number is
the server's). The echo app's `/room` endpoint does the same broadcast the plain FastAPI way.
"""

from __future__ import annotations

import asyncio
import random
import string
import time

import orjson

from mythosmud.loadtest.accounts import Credential
from mythosmud.loadtest.wsclient import WsClient


class Listener:
    def __init__(self) -> None:
        self.ws: WsClient | None = None
        self.token = b""
        self.heard = False
        self.round: Round | None = None
        self.welcome = asyncio.get_running_loop().create_future()

    def on_message(self, payload: bytes) -> None:
        if not self.welcome.done() and b'"welcome"' in payload:
            self.welcome.set_result(None)
        current = self.round
        if current is not None and not self.heard and current.token in payload:
            self.heard = True
            current.arrived(time.perf_counter())

    def on_close(self, code: int | None) -> None:
        if not self.welcome.done():
            self.welcome.set_exception(ConnectionError(f"closed ({code}) before welcome"))


class Round:
    def __init__(self, token: bytes, expected: int) -> None:
        self.token = token
        self.expected = expected
        self.count = 0
        self.last = 0.0
        self.done = asyncio.Event()

    def arrived(self, when: float) -> None:
        self.count += 1
        self.last = max(self.last, when)
        if self.count >= self.expected:
            self.done.set()


async def _connect(ws_url: str, credential: Credential | None) -> Listener:
    listener = Listener()
    listener.ws = await WsClient.connect(ws_url, listener.on_message, listener.on_close)
    if credential is None:
        listener.welcome.set_result(None)
    else:
        auth = {"type": "auth", "token": credential.token, "character": credential.character}
        listener.ws.send_text(orjson.dumps(auth))
    async with asyncio.timeout(15):
        await listener.welcome
    return listener


async def fanout(
    ws_url: str,
    clients: int,
    credentials: list[Credential] | None = None,
    rounds: int = 20,
    timeout: float = 5.0,
) -> list[float]:
    """Milliseconds from the speaker's send to the last listener's receipt, one per round."""
    listeners: list[Listener] = []
    for first in range(0, clients, 50):  # log in 50 at a time
        group = range(first, min(clients, first + 50))
        listeners += await asyncio.gather(
            *(_connect(ws_url, credentials[i] if credentials else None) for i in group)
        )
    await asyncio.sleep(1.0)  # let the arrivals' own broadcasts settle
    speaker, others = listeners[0], listeners[1:]
    times: list[float] = []
    try:
        for number in range(rounds):
            word = "".join(random.choices(string.ascii_lowercase, k=10)) + str(number)
            current = Round(word.encode(), len(others))
            for listener in others:
                listener.heard = False
                listener.round = current
            frame = (
                {"type": "command", "text": f"say {word}", "id": number}
                if credentials
                else {"type": "command", "text": word, "id": number}
            )
            data = orjson.dumps(frame)
            assert speaker.ws is not None
            started = time.perf_counter()
            speaker.ws.send_text(data)
            async with asyncio.timeout(timeout):
                await current.done.wait()
            times.append((current.last - started) * 1000)
            await asyncio.sleep(0.05)
    finally:
        for listener in listeners:
            if listener.ws is not None:
                if credentials:
                    listener.ws.send_text(b'{"type":"command","text":"quit"}')
                listener.ws.close()
        await asyncio.sleep(0.5)
    return times
