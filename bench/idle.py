"""RSS per idle connection: connect `low` clients, then `high`, all held open; the slope.

Clients connect at a steady pace in both steps, so start-up costs that grow with the number of
connections in flight (database connections, thread pools) are paid before the first sample
and the slope is what each further idle player costs.
"""

from __future__ import annotations

import asyncio
import time

import orjson

from mythosmud.loadtest.accounts import Credential
from mythosmud.loadtest.procstat import sample
from mythosmud.loadtest.wsclient import WsClient

PACE = 100  # connections a second


async def _open(ws_url: str, credential: Credential | None) -> WsClient:
    ready = asyncio.get_running_loop().create_future()

    def on_message(payload: bytes) -> None:
        if not ready.done() and (credential is None or b'"kind":"room"' in payload):
            ready.set_result(None)

    def on_close(code: int | None) -> None:
        if not ready.done():
            ready.set_exception(ConnectionError(f"closed ({code})"))

    client = await WsClient.connect(ws_url, on_message, on_close)
    if credential is None:
        client.send_text(b'{"type":"ping"}')
    else:
        auth = {"type": "auth", "token": credential.token, "character": credential.character}
        client.send_text(orjson.dumps(auth))
    async with asyncio.timeout(20):
        await ready
    return client


async def _connect(ws_url: str, count: int, who: list[Credential] | None) -> list[WsClient]:
    clients: list[WsClient] = []
    for first in range(0, count, PACE // 10):
        group = range(first, min(count, first + PACE // 10))
        clients += await asyncio.gather(*(_open(ws_url, who[i] if who else None) for i in group))
        await asyncio.sleep(0.1)
    return clients


async def idle_slope(
    ws_url: str, pid: int, low: int, high: int, who: list[Credential] | None = None
) -> dict[str, float]:
    held = await _connect(ws_url, low, who)
    await asyncio.sleep(3.0)
    first = sample(pid)
    held += await _connect(ws_url, high - low, who[low:] if who else None)
    await asyncio.sleep(3.0)
    second = sample(pid)
    for client in held:
        if who:
            client.send_text(b'{"type":"command","text":"quit"}')
        client.close()
    await asyncio.sleep(2.0)
    assert first is not None and second is not None
    per = (second.rss_bytes - first.rss_bytes) / (high - low)
    return {
        "low": low,
        "high": high,
        "rss_low_mib": first.rss_bytes / 2**20,
        "rss_high_mib": second.rss_bytes / 2**20,
        "per_player_kib": per / 1024,
        "at": time.time(),
    }
