"""A MythosMUD client written from the wire contract (`PROTOCOL.md`, v1) alone.

Nothing here imports the server package: the point of the end-to-end tests is that a client
built from the contract can register, create a character and play. The client keeps every frame
it receives, checks the `seq` numbering of each connection and raises `ProtocolViolation` at the
next call when the server broke it.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import random
import re
import socket
import string
import struct
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection
from websockets.asyncio.client import connect as ws_connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Origin

Frame = dict[str, Any]
Predicate = Callable[[Frame], bool]

API = "/api/v1"
PASSWORD = "correct horse battery"
INITIAL_FRAMES = ("Room.Info", "Room.Players", "Char.Vitals")
STATS = ("str", "con", "siz", "dex", "app", "int", "pow", "edu", "luck")


class ProtocolViolation(AssertionError):
    """The server broke the wire contract (bad `seq`, a non-JSON frame, ...)."""


class SessionClosed(AssertionError):
    """The connection closed while the test was still waiting for something."""


class AuthRejected(AssertionError):
    """The server closed the socket instead of answering `auth` with `welcome`."""

    def __init__(self, code: int | None, frames: Sequence[Frame]) -> None:
        super().__init__(f"auth was refused: close code {code}, frames before close: {frames!r}")
        self.code = code


# --------------------------------------------------------------------------------------------
# Names


def random_letters(count: int) -> str:
    return "".join(random.choices(string.ascii_lowercase, k=count))


def unique_name(prefix: str = "player") -> str:
    """A unique name of ASCII letters only, capitalized, 3 to 20 characters long."""
    letters = "".join(c for c in prefix if c.isascii() and c.isalpha())[:12]
    return (letters + random_letters(8)).capitalize()


# --------------------------------------------------------------------------------------------
# Frame helpers


def is_type(kind: str) -> Predicate:
    return lambda frame: frame.get("type") == kind


def is_text(*, contains: str | None = None, kind: str | None = None) -> Predicate:
    def predicate(frame: Frame) -> bool:
        if frame.get("type") != "text":
            return False
        if kind is not None and frame.get("kind") != kind:
            return False
        return contains is None or contains in str(frame.get("text", ""))

    return predicate


def player_names(frame: Frame) -> list[str]:
    """The names in a `Room.Players` frame."""
    assert frame.get("type") == "Room.Players", frame
    data = frame.get("data")
    assert isinstance(data, list), f"Room.Players data must be a list: {frame!r}"
    names: list[str] = []
    for entry in data:
        assert isinstance(entry, dict) and "name" in entry and "kind" in entry, frame
        names.append(str(entry["name"]))
    return names


def players_include(name: str) -> Predicate:
    return lambda f: f.get("type") == "Room.Players" and name in player_names(f)


def players_exclude(name: str) -> Predicate:
    return lambda f: f.get("type") == "Room.Players" and name not in player_names(f)


def room_id(frame: Frame) -> str:
    assert frame.get("type") == "Room.Info", frame
    data = frame.get("data")
    assert isinstance(data, dict) and "id" in data, f"Room.Info without data.id: {frame!r}"
    return str(data["id"])


def texts_of(frames: Iterable[Frame], kind: str | None = None) -> list[str]:
    return [
        str(f.get("text", ""))
        for f in frames
        if f.get("type") == "text" and (kind is None or f.get("kind") == kind)
    ]


# --------------------------------------------------------------------------------------------
# HTTP


@dataclass
class Player:
    username: str
    password: str
    token: str
    character: str
    profession: str


class Api:
    """The REST half of the contract."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.http = httpx.AsyncClient(base_url=base_url + API, timeout=15.0)

    async def aclose(self) -> None:
        await self.http.aclose()

    @staticmethod
    def _bearer(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    async def register(self, username: str, password: str = PASSWORD) -> httpx.Response:
        return await self.http.post(
            "/auth/register", json={"username": username, "password": password}
        )

    async def login(self, username: str, password: str = PASSWORD) -> httpx.Response:
        return await self.http.post(
            "/auth/login", json={"username": username, "password": password}
        )

    async def token(self, username: str, password: str = PASSWORD) -> str:
        response = await self.login(username, password)
        assert response.status_code == 200, (
            f"login {username}: {response.status_code} {response.text}"
        )
        body = response.json()
        assert body.get("token_type") == "bearer", body
        assert isinstance(body.get("access_token"), str) and body["access_token"], body
        assert "expires_in" in body, body
        return str(body["access_token"])

    async def professions(self) -> httpx.Response:
        return await self.http.get("/professions")

    async def roll(self, token: str, profession: str | None = None) -> httpx.Response:
        payload: dict[str, str] = {} if profession is None else {"profession": profession}
        return await self.http.post("/characters/roll", json=payload, headers=self._bearer(token))

    async def roll_until_eligible(
        self, token: str, profession: str, attempts: int = 40
    ) -> dict[str, Any]:
        """Roll until the stats meet the profession's requirements; return that roll."""
        for _ in range(attempts):
            response = await self.roll(token, profession)
            assert response.status_code == 200, f"roll: {response.status_code} {response.text}"
            body = response.json()
            assert isinstance(body, dict) and "roll_id" in body, body
            stats = body.get("stats")
            assert isinstance(stats, dict) and set(stats) == set(STATS), f"roll stats: {body!r}"
            assert isinstance(body.get("meets_requirements"), bool), body
            if body["meets_requirements"]:
                return body
        raise AssertionError(f"no roll met the requirements of {profession} in {attempts} tries")

    async def create_character(
        self, token: str, name: str, profession: str, roll_id: Any
    ) -> httpx.Response:
        return await self.http.post(
            "/characters",
            json={"name": name, "profession": profession, "roll_id": roll_id},
            headers=self._bearer(token),
        )

    async def characters(self, token: str) -> httpx.Response:
        return await self.http.get("/characters", headers=self._bearer(token))

    async def new_account(self, prefix: str = "user") -> tuple[str, str]:
        username = unique_name(prefix)
        response = await self.register(username)
        assert response.status_code == 201, f"register: {response.status_code} {response.text}"
        body = response.json()
        assert body.get("username") == username and "id" in body, body
        return username, await self.token(username)

    async def new_player(self, prefix: str = "player", profession: str = "tramp") -> Player:
        """Register an account, log in, roll and create one character named after `prefix`."""
        username, token = await self.new_account(prefix)
        roll = await self.roll_until_eligible(token, profession)
        name = unique_name(prefix)
        response = await self.create_character(token, name, profession, roll["roll_id"])
        assert response.status_code == 201, f"create: {response.status_code} {response.text}"
        body = response.json()
        assert body.get("name") == name, body
        assert body.get("profession") == profession, body
        assert "id" in body and "level" in body and "stats" in body, body
        listed = await self.characters(token)
        assert listed.status_code == 200, listed.text
        assert name in [c.get("name") for c in listed.json()], listed.json()
        return Player(username, PASSWORD, token, name, profession)


# --------------------------------------------------------------------------------------------
# WebSocket


class Session:
    """One WebSocket connection: every received frame is kept in `frames`, in order."""

    def __init__(self, conn: ClientConnection, label: str = "") -> None:
        self.conn = conn
        self.label = label
        self.frames: list[Frame] = []
        self.violations: list[str] = []
        self.welcome: Frame | None = None
        self.close_code: int | None = None
        self.close_reason: str = ""
        self.closed = False
        self._expected_seq = 1
        self._next_id = 0
        self._cond = asyncio.Condition()
        self._reader = asyncio.create_task(self._read())

    # -- reading --------------------------------------------------------------------------

    async def _read(self) -> None:
        try:
            while True:
                message = await self.conn.recv()
                frame = self._decode(message)
                if frame is None:
                    continue
                self._check_seq(frame)
                async with self._cond:
                    self.frames.append(frame)
                    self._cond.notify_all()
        except ConnectionClosed as exc:
            if exc.rcvd is not None:
                self.close_code = exc.rcvd.code
                self.close_reason = exc.rcvd.reason
        finally:
            self.closed = True
            async with self._cond:
                self._cond.notify_all()

    def _violation(self, message: str) -> None:
        self.violations.append(message)
        print(f"PROTOCOL VIOLATION [{self.label}]: {message}")

    def _decode(self, message: str | bytes) -> Frame | None:
        if isinstance(message, bytes):
            self._violation(f"binary frame received: {message[:80]!r}")
            return None
        try:
            frame = json.loads(message)
        except ValueError:
            self._violation(f"non-JSON frame received: {message[:200]!r}")
            return None
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            self._violation(f"frame is not an object with a type: {message[:200]!r}")
            return None
        return frame

    def _check_seq(self, frame: Frame) -> None:
        if self.welcome is None:
            if frame["type"] == "welcome":
                self.welcome = frame
            return  # anything before welcome (say, an error before a 4401 close) is just kept
        seq = frame.get("seq")
        if seq != self._expected_seq:
            self._violation(f"expected seq {self._expected_seq}, got {seq!r} in frame {frame!r}")
        if isinstance(seq, int):
            self._expected_seq = seq + 1
        else:
            self._expected_seq += 1

    def raise_violations(self) -> None:
        if self.violations:
            raise ProtocolViolation(f"[{self.label}] " + "; ".join(self.violations))

    # -- sending --------------------------------------------------------------------------

    async def send_json(self, payload: Any) -> None:
        await self.conn.send(json.dumps(payload))

    async def send_text(self, text: str) -> None:
        await self.conn.send(text)

    def new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    # -- waiting --------------------------------------------------------------------------

    def mark(self) -> int:
        """An index into `frames`: pass it as `since` to look only at later frames."""
        return len(self.frames)

    def find(self, predicate: Predicate, since: int = 0) -> list[Frame]:
        return [f for f in self.frames[since:] if predicate(f)]

    def texts(self, since: int = 0, kind: str | None = None) -> list[str]:
        return texts_of(self.frames[since:], kind)

    def last(self, kind: str) -> Frame:
        found = self.find(is_type(kind))
        assert found, f"[{self.label}] no {kind} frame received"
        return found[-1]

    def _describe(self, since: int) -> str:
        recent = self.frames[since:][-15:]
        return f"[{self.label}] frames since mark: {json.dumps(recent, default=str)[:3000]}"

    async def wait_for(
        self, predicate: Predicate, within: float = 5.0, since: int = 0, what: str = ""
    ) -> Frame:
        """The first frame from index `since` on that matches, waiting up to `within`."""
        self.raise_violations()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        index = since
        async with self._cond:
            while True:
                while index < len(self.frames):
                    frame = self.frames[index]
                    index += 1
                    if predicate(frame):
                        self.raise_violations()
                        return frame
                if self.closed:
                    raise SessionClosed(
                        f"closed (code {self.close_code}) while waiting for {what or 'a frame'}"
                        f"; {self._describe(since)}"
                    )
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise AssertionError(
                        f"timed out after {within}s waiting for {what or 'a frame'}; "
                        f"{self._describe(since)}"
                    )
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(remaining):
                        await self._cond.wait()

    async def expect_none(
        self, predicate: Predicate, since: int, wait: float = 0.5, what: str = ""
    ) -> None:
        """Assert that no matching frame arrives (from index `since`) during `wait` seconds."""
        await asyncio.sleep(wait)
        found = self.find(predicate, since)
        assert not found, f"[{self.label}] unexpected {what or 'frame'}: {found!r}"

    async def settle(self, quiet: float = 0.2, limit: float = 2.0) -> None:
        """Wait until no frame has arrived for `quiet` seconds (at most `limit` seconds)."""
        loop = asyncio.get_running_loop()
        stop = loop.time() + limit
        count = len(self.frames)
        while loop.time() < stop and not self.closed:
            await asyncio.sleep(quiet)
            if len(self.frames) == count:
                return
            count = len(self.frames)

    async def command(
        self,
        text: str,
        id: Any = None,
        within: float = 5.0,
        settle: float = 0.2,
    ) -> list[Frame]:
        """Send a command and return the frames answering it (those whose `re` is its id).

        Waits for the first `text` frame carrying the id, then for a short quiet spell so that
        the other answers (and broadcasts caused by the command) have arrived too.
        """
        self.raise_violations()
        command_id = self.new_id() if id is None else id
        start = self.mark()
        await self.send_json({"type": "command", "text": text, "id": command_id})
        await self.wait_for(
            lambda f: f.get("type") == "text" and f.get("re") == command_id,
            within,
            since=start,
            what=f"a text frame with re={command_id!r} answering {text!r}",
        )
        await self.settle(settle)
        self.raise_violations()
        return [f for f in self.frames[start:] if f.get("re") == command_id]

    async def command_text(self, text: str, within: float = 5.0) -> str:
        """Send a command and return the text of its answer (all text frames joined)."""
        return "\n".join(texts_of(await self.command(text, within=within)))

    async def wait_closed(self, within: float = 5.0) -> int | None:
        """Wait for the server to close the connection; return the close code it sent."""
        try:
            await asyncio.wait_for(asyncio.shield(self._reader), within)
        except TimeoutError:
            raise AssertionError(
                f"[{self.label}] connection still open after {within}s; "
                f"{self._describe(max(0, len(self.frames) - 10))}"
            ) from None
        return self.close_code

    async def quit(self, within: float = 5.0) -> int | None:
        """Send `quit` and return the close code the server closed with."""
        await self.send_json({"type": "command", "text": "quit", "id": self.new_id()})
        return await self.wait_closed(within)

    def drop(self) -> None:
        """Cut the TCP connection without a closing handshake, as a crashed client would."""
        self.conn.transport.abort()

    async def aclose(self) -> None:
        """Leave cleanly (quit, then close) if the connection is still open."""
        if not self.closed and self.welcome is not None:
            with contextlib.suppress(Exception):
                await self.quit(within=2.0)
        if not self.closed:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.conn.close(), 2.0)
        self._reader.cancel()
        with contextlib.suppress(BaseException):
            await self._reader

    async def __aenter__(self) -> Session:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


def ws_url(base_url: str) -> str:
    return base_url.replace("http://", "ws://", 1).replace("https://", "wss://", 1) + API + "/ws"


async def open_session(
    base_url: str, label: str = "", origin: str | None = None, within: float = 5.0
) -> Session:
    """Open a WebSocket without authenticating (for tests of the auth step itself)."""
    conn = await ws_connect(
        ws_url(base_url),
        origin=Origin(origin) if origin is not None else None,
        open_timeout=within,
        close_timeout=2,
        max_size=None,
    )
    return Session(conn, label)


async def authenticate(
    session: Session, token: str, character: str, within: float = 5.0
) -> Session:
    """Send `auth`; check `welcome` and the frames that follow it."""
    await session.send_json({"type": "auth", "token": token, "character": character})
    try:
        welcome = await session.wait_for(
            is_type("welcome"), within, what=f"welcome for {character}"
        )
    except SessionClosed:
        raise AuthRejected(session.close_code, session.frames) from None
    char = welcome.get("character")
    assert isinstance(char, dict) and char.get("name") == character and "id" in char, welcome
    assert isinstance(welcome.get("session"), str) and welcome["session"], welcome
    for kind in INITIAL_FRAMES:
        await session.wait_for(is_type(kind), within, what=f"initial {kind}")
    await session.wait_for(is_text(kind="room"), within, what="initial room text")
    return session


async def connect(
    base_url: str, player: Player, origin: str | None = None, within: float = 5.0
) -> Session:
    session = await open_session(base_url, player.character, origin, within)
    try:
        return await authenticate(session, player.token, player.character, within)
    except BaseException:
        await session.aclose()
        raise


class Game:
    """A test's view of one server: the REST client and every session it opened."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.api = Api(base_url)
        self.sessions: list[Session] = []

    async def player(self, prefix: str = "player", profession: str = "tramp") -> Player:
        return await self.api.new_player(prefix, profession)

    async def relogin(self, player: Player) -> Player:
        """The same player with a fresh access token."""
        token = await self.api.token(player.username, player.password)
        return Player(player.username, player.password, token, player.character, player.profession)

    async def connect(self, player: Player, origin: str | None = None) -> Session:
        session = await connect(self.base_url, player, origin)
        self.sessions.append(session)
        return session

    async def open(self, label: str = "raw", origin: str | None = None) -> Session:
        session = await open_session(self.base_url, label, origin)
        self.sessions.append(session)
        return session

    async def metrics(self) -> Metrics:
        response = await self.api.http.get(self.base_url + "/metrics")
        assert response.status_code == 200, f"/metrics: {response.status_code}"
        return Metrics.parse(response.text)

    async def aclose(self) -> None:
        await asyncio.gather(*(s.aclose() for s in self.sessions), return_exceptions=True)
        await self.api.aclose()
        violations = [v for s in self.sessions for v in s.violations]
        if violations:
            raise ProtocolViolation("; ".join(violations))

    async def __aenter__(self) -> Game:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


# --------------------------------------------------------------------------------------------
# Prometheus text


_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$")
_LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


@dataclass
class Metrics:
    samples: list[tuple[str, dict[str, str], float]]
    text: str

    @classmethod
    def parse(cls, text: str) -> Metrics:
        samples: list[tuple[str, dict[str, str], float]] = []
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            match = _SAMPLE.match(line.strip())
            assert match, f"not a Prometheus sample line: {line!r}"
            name, labels, value = match.groups()
            samples.append((name, dict(_LABEL.findall(labels or "")), float(value)))
        return cls(samples, text)

    def has(self, name: str) -> bool:
        return any(sample[0] == name for sample in self.samples)

    def value(self, name: str, **labels: str) -> float:
        """The sum of the samples called `name` whose labels include `labels` (0 if none)."""
        return sum(
            value
            for sample_name, sample_labels, value in self.samples
            if sample_name == name
            and all(sample_labels.get(key) == want for key, want in labels.items())
        )


# --------------------------------------------------------------------------------------------
# A WebSocket done by hand on a plain socket, for a client that stops reading


class RawWebSocket:
    """A blocking WebSocket client on a raw TCP socket with a small receive buffer."""

    def __init__(self, host: str, port: int, rcvbuf: int = 4096, within: float = 10.0) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # Set before connect so that the advertised TCP window stays small.
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.settimeout(within)
        self.sock.connect((host, port))
        self.buffer = b""
        self.close_code: int | None = None
        self.eof = False
        self._handshake(host, port)

    def _handshake(self, host: str, port: int) -> None:
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET {API}/ws HTTP/1.1\r\n"
            f"Host: {host}:{port}\r\n"
            "Upgrade: websocket\r\n"
            "Connection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n"
            "\r\n"
        )
        self.sock.sendall(request.encode())
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise AssertionError(f"handshake: connection closed: {self.buffer!r}")
            self.buffer += chunk
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        status = head.split(b"\r\n", 1)[0]
        assert b" 101 " in status + b" ", f"handshake refused: {head!r}"

    @staticmethod
    def encode(text: str) -> bytes:
        """A masked, final text frame (clients must mask)."""
        payload = text.encode()
        mask = os.urandom(4)
        length = len(payload)
        if length < 126:
            header = struct.pack("!BB", 0x81, 0x80 | length)
        elif length < 1 << 16:
            header = struct.pack("!BBH", 0x81, 0x80 | 126, length)
        else:
            header = struct.pack("!BBQ", 0x81, 0x80 | 127, length)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        return header + mask + masked

    def send_json(self, payload: Any) -> None:
        self.sock.sendall(self.encode(json.dumps(payload)))

    def _parse_one(self) -> tuple[int, bytes] | None:
        data = self.buffer
        if len(data) < 2:
            return None
        opcode = data[0] & 0x0F
        masked = data[1] & 0x80
        length = data[1] & 0x7F
        offset = 2
        if length == 126:
            if len(data) < 4:
                return None
            length = struct.unpack("!H", data[2:4])[0]
            offset = 4
        elif length == 127:
            if len(data) < 10:
                return None
            length = struct.unpack("!Q", data[2:10])[0]
            offset = 10
        mask = b""
        if masked:
            mask = data[offset : offset + 4]
            offset += 4
        if len(data) < offset + length:
            return None
        payload = data[offset : offset + length]
        if masked:
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.buffer = data[offset + length :]
        return opcode, payload

    def read_frame(self) -> tuple[int, bytes] | None:
        """The next frame (opcode, payload), or None at EOF or a reset connection."""
        while True:
            parsed = self._parse_one()
            if parsed is not None:
                if parsed[0] == 0x8:
                    payload = parsed[1]
                    self.close_code = struct.unpack("!H", payload[:2])[0] if payload else 1005
                return parsed
            try:
                chunk = self.sock.recv(65536)
            except (ConnectionResetError, BrokenPipeError):
                self.eof = True
                return None
            if not chunk:
                self.eof = True
                return None
            self.buffer += chunk

    def read_json_until(self, predicate: Predicate) -> list[Frame]:
        frames: list[Frame] = []
        while True:
            item = self.read_frame()
            if item is None or item[0] == 0x8:
                raise AssertionError(f"closed ({self.close_code}) after {frames!r}")
            if item[0] == 0x1:
                frame = json.loads(item[1])
                frames.append(frame)
                if predicate(frame):
                    return frames

    def flood(self, frames: Sequence[str], chunk_frames: int = 50) -> tuple[int, str]:
        """Send many text frames; stop at the first socket error. Returns (sent, outcome)."""
        sent = 0
        encoded = [self.encode(text) for text in frames]
        for start in range(0, len(encoded), chunk_frames):
            blob = b"".join(encoded[start : start + chunk_frames])
            try:
                self.sock.sendall(blob)
            except TimeoutError:
                return sent, "send timed out: the server stopped reading"
            except OSError as exc:
                return sent, f"send failed: {type(exc).__name__}: {exc}"
            sent += len(encoded[start : start + chunk_frames])
        return sent, "all sent"

    def drain_until_closed(self, within: float) -> str:
        """Read everything until the server closes; describe how it ended ('' if it did not)."""
        deadline = time.monotonic() + within
        self.sock.settimeout(1.0)
        while time.monotonic() < deadline:
            try:
                item = self.read_frame()
            except TimeoutError:
                continue
            if item is None:
                return "connection reset or EOF"
            if item[0] == 0x8:
                return f"close frame {self.close_code}"
        return ""

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()
