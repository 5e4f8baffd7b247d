"""The ceiling of the stack: a bare FastAPI WebSocket app under the same uvicorn settings.

`/echo` sends every text frame straight back; `/room` sends every text frame to every socket
connected to `/room` (a broadcast done the plain FastAPI way: one `send_text` per receiver).
Run: `python bench/echo_app.py --port 9000 [--ws wsproto]`.
"""

from __future__ import annotations

import argparse
import contextlib

import uvicorn
from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()
room: set[WebSocket] = set()


@app.get("/api/v1/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.websocket("/echo")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    with contextlib.suppress(WebSocketDisconnect):
        while True:
            await websocket.send_text(await websocket.receive_text())


@app.websocket("/room")
async def broadcast(websocket: WebSocket) -> None:
    await websocket.accept()
    room.add(websocket)
    try:
        while True:
            text = await websocket.receive_text()
            for other in list(room):
                with contextlib.suppress(Exception):
                    await other.send_text(text)
    except WebSocketDisconnect:
        pass
    finally:
        room.discard(websocket)


def main() -> None:
    from mythosmud.serve import uvicorn_options

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=9000, help="port on 127.0.0.1 (9000)")
    parser.add_argument(
        "--ws", default="auto", help="uvicorn WebSocket implementation (auto: uvicorn's own)"
    )
    args = parser.parse_args()
    options = uvicorn_options() | {"ws": args.ws}
    config = uvicorn.Config(
        app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False, **options
    )
    uvicorn.Server(config).run()


if __name__ == "__main__":
    main()
