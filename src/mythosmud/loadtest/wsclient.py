"""A lean WebSocket client (RFC 6455) on a bare asyncio protocol, for load generation.

It does only what a load tester needs, as cheaply as Python allows: one handshake, masked text
frames out, unmasked frames in, handed to a callback as bytes without copying more than once.
No compression, no extensions; pings are answered, close frames are answered and reported.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import os
import random
from collections.abc import Callable
from typing import cast
from urllib.parse import urlsplit

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA

OnMessage = Callable[[bytes], None]
OnClose = Callable[[int | None], None]


class HandshakeError(ConnectionError):
    """The server did not switch protocols (an HTTP error, or not a WebSocket endpoint)."""

    def __init__(self, status: int, detail: str = "") -> None:
        super().__init__(f"WebSocket handshake refused: HTTP {status} {detail}".strip())
        self.status = status


def mask(payload: bytes, key: bytes) -> bytes:
    """XOR the payload with the 4-byte key, as a client must (one big-int XOR, no loop)."""
    n = len(payload)
    if not n:
        return payload
    stream = (key * (n // 4 + 1))[:n]
    return (int.from_bytes(payload, "little") ^ int.from_bytes(stream, "little")).to_bytes(
        n, "little"
    )


def encode_frame(opcode: int, payload: bytes, key: bytes | None = None) -> bytes:
    """One final client frame: FIN, the opcode, the mask bit, the length, the key, the data."""
    key = key if key is not None else random.getrandbits(32).to_bytes(4, "little")
    n = len(payload)
    if n < 126:
        head = bytes((0x80 | opcode, 0x80 | n))
    elif n < 65536:
        head = bytes((0x80 | opcode, 0x80 | 126)) + n.to_bytes(2, "big")
    else:
        head = bytes((0x80 | opcode, 0x80 | 127)) + n.to_bytes(8, "big")
    return head + key + mask(payload, key)


def parse_frames(data: bytes) -> tuple[list[tuple[int, bool, bytes]], bytes]:
    """Split unmasked server frames: ([(opcode, fin, payload), ...], the incomplete rest)."""
    frames: list[tuple[int, bool, bytes]] = []
    pos, end = 0, len(data)
    while end - pos >= 2:
        b0, b1 = data[pos], data[pos + 1]
        n = b1 & 0x7F
        start = pos + 2
        if n == 126:
            if end - pos < 4:
                break
            n = int.from_bytes(data[pos + 2 : pos + 4], "big")
            start = pos + 4
        elif n == 127:
            if end - pos < 10:
                break
            n = int.from_bytes(data[pos + 2 : pos + 10], "big")
            start = pos + 10
        if b1 & 0x80:  # a masked server frame is a protocol error; unmask it anyway
            start += 4
        if end < start + n:
            break
        payload = data[start : start + n]
        if b1 & 0x80:
            payload = mask(payload, data[start - 4 : start])
        frames.append((b0 & 0x0F, bool(b0 & 0x80), payload))
        pos = start + n
    return frames, data[pos:]


class WsClient(asyncio.Protocol):
    """One connection. `on_message` gets each complete text or binary message's payload."""

    def __init__(self, on_message: OnMessage, on_close: OnClose) -> None:
        self.on_message = on_message
        self.on_close = on_close
        self.transport: asyncio.Transport | None = None
        self.open = False
        self.close_code: int | None = None
        self._rest = b""
        self._parts: list[bytes] = []
        self._handshake: asyncio.Future[None] | None = None
        self._key = b""
        self._closed = False

    # -- connecting ---------------------------------------------------------------------------

    @classmethod
    async def connect(
        cls, url: str, on_message: OnMessage, on_close: OnClose, *, timeout: float = 10.0
    ) -> WsClient:
        parts = urlsplit(url)
        if parts.scheme != "ws" or not parts.hostname:
            raise ValueError(f"only ws:// URLs are supported: {url!r}")
        host, port = parts.hostname, parts.port or 80
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        loop = asyncio.get_running_loop()
        client = cls(on_message, on_close)
        client._handshake = loop.create_future()
        async with asyncio.timeout(timeout):
            await loop.create_connection(lambda: client, host, port)
            client._send_request(host, port, path)
            await client._handshake
        return client

    def _send_request(self, host: str, port: int, path: str) -> None:
        self._key = base64.b64encode(os.urandom(16))
        request = (
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {self._key.decode()}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n"
        )
        assert self.transport is not None
        self.transport.write(request.encode())

    def _finish_handshake(self, head: bytes) -> None:
        assert self._handshake is not None
        lines = head.decode("latin-1").split("\r\n")
        status_line = lines[0].split(" ", 2)
        status = int(status_line[1]) if len(status_line) > 1 and status_line[1].isdigit() else 0
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        expected = base64.b64encode(hashlib.sha1(self._key + GUID).digest()).decode()
        if self._handshake.done():  # the caller gave up waiting (timed out): nothing to tell
            return
        if status != 101:
            self._handshake.set_exception(HandshakeError(status, status_line[-1]))
        elif headers.get("sec-websocket-accept") != expected:
            self._handshake.set_exception(HandshakeError(status, "bad Sec-WebSocket-Accept"))
        else:
            self.open = True
            self._handshake.set_result(None)

    # -- asyncio.Protocol ---------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's are not subclasses

    def data_received(self, data: bytes) -> None:
        if self._rest:
            data = self._rest + data
            self._rest = b""
        if not self.open:
            head, sep, rest = data.partition(b"\r\n\r\n")
            if not sep:
                self._rest = data
                return
            self._finish_handshake(head)
            if not self.open:
                self._abort()
                return
            data = rest
        frames, self._rest = parse_frames(data)
        for opcode, fin, payload in frames:
            if opcode in (OP_TEXT, OP_BINARY, OP_CONT):
                if fin and not self._parts:
                    self.on_message(payload)
                elif fin:
                    self._parts.append(payload)
                    whole = b"".join(self._parts)
                    self._parts = []
                    self.on_message(whole)
                else:
                    self._parts.append(payload)
            elif opcode == OP_PING:
                self._write(encode_frame(OP_PONG, payload))
            elif opcode == OP_CLOSE:
                code = int.from_bytes(payload[:2], "big") if len(payload) >= 2 else 1005
                self._on_close_frame(code)
                return

    def connection_lost(self, exc: Exception | None) -> None:
        if self._handshake is not None and not self._handshake.done():
            self._handshake.set_exception(exc or ConnectionError("closed during the handshake"))
        self.open = False
        if not self._closed:
            self._closed = True
            self.on_close(self.close_code)

    # -- sending and closing ------------------------------------------------------------------

    def _write(self, data: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(data)

    def send_text(self, text: bytes) -> None:
        """Send one text message (already UTF-8 encoded)."""
        if self.open:
            self._write(encode_frame(OP_TEXT, text))

    def close(self, code: int = 1000) -> None:
        """Start the closing handshake; the server's close frame ends the connection."""
        if self.open:
            self.open = False
            self._write(encode_frame(OP_CLOSE, code.to_bytes(2, "big")))
        elif self.transport is not None:
            self.transport.close()

    def _on_close_frame(self, code: int) -> None:
        self.close_code = code
        if self.open:
            self.open = False
            self._write(encode_frame(OP_CLOSE, code.to_bytes(2, "big") if code != 1005 else b""))
        self._abort()

    def _abort(self) -> None:
        if self.transport is not None:
            self.transport.close()
