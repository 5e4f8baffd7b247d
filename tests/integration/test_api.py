"""The REST API and a WebSocket session through the ASGI app, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from mythosmud.app import create_app
from mythosmud.config import Settings
from tests.unit.harness import FIXTURE_WORLD

PASSWORD = "correct horse"


def make_settings(tmp_path: Path, db_url: str, **changes: Any) -> Settings:
    return Settings(
        env="test",
        data_dir=tmp_path,
        database_url=db_url,
        content_dir=FIXTURE_WORLD,
        **changes,
    )


@pytest.fixture
def client(tmp_path: Path, db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(tmp_path, db_url))) as test_client:
        yield test_client


def register(client: TestClient, name: str) -> dict[str, str]:
    assert (
        client.post(
            "/api/v1/auth/register", json={"username": name, "password": PASSWORD}
        ).status_code
        == 201
    )
    login = client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
    assert login.status_code == 200
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def make_character(client: TestClient, auth: dict[str, str], name: str) -> dict[str, Any]:
    while True:
        rolled = client.post(
            "/api/v1/characters/roll", json={"profession": "doctor"}, headers=auth
        ).json()
        if rolled["meets_requirements"]:
            break
    created = client.post(
        "/api/v1/characters",
        json={"name": name, "profession": "doctor", "roll_id": rolled["roll_id"]},
        headers=auth,
    )
    assert created.status_code == 201, created.text
    return created.json()  # type: ignore[no-any-return]


def test_register_and_login(client: TestClient) -> None:
    created = client.post("/api/v1/auth/register", json={"username": "Ada", "password": PASSWORD})
    assert created.status_code == 201
    assert created.json() == {"id": created.json()["id"], "username": "Ada"}
    again = client.post("/api/v1/auth/register", json={"username": "ADA", "password": PASSWORD})
    assert again.status_code == 409
    for bad in (
        {"username": "<script>", "password": PASSWORD},
        {"username": "bob123", "password": PASSWORD},
        {"username": "Al", "password": PASSWORD},
        {"username": "Bob", "password": "short"},
        {"username": "Bob", "password": "x" * 129},
    ):
        assert client.post("/api/v1/auth/register", json=bad).status_code == 422, bad
    login = client.post("/api/v1/auth/login", json={"username": "ada", "password": PASSWORD})
    assert login.status_code == 200
    body = login.json()
    assert body["token_type"] == "bearer" and body["expires_in"] > 0
    wrong = client.post("/api/v1/auth/login", json={"username": "ada", "password": "nope nope"})
    assert wrong.status_code == 401
    nobody = client.post("/api/v1/auth/login", json={"username": "zed", "password": PASSWORD})
    assert nobody.status_code == 401


def test_failed_logins_are_throttled_before_hashing(client: TestClient) -> None:
    register(client, "Ada")
    codes = [
        client.post(
            "/api/v1/auth/login", json={"username": "Ada", "password": "wrong pass"}
        ).status_code
        for _ in range(6)
    ]
    assert codes == [401] * 5 + [429]
    blocked = client.post("/api/v1/auth/login", json={"username": "Ada", "password": PASSWORD})
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0


def test_invites_when_required(tmp_path: Path, db_url: str) -> None:
    settings = make_settings(tmp_path, db_url, invite_codes=["elder-sign"])
    with TestClient(create_app(settings)) as client:
        body = {"username": "Ada", "password": PASSWORD}
        assert client.post("/api/v1/auth/register", json=body).status_code == 403
        wrong = body | {"invite_code": "wrong"}
        assert client.post("/api/v1/auth/register", json=wrong).status_code == 403
        good = body | {"invite_code": "elder-sign"}
        assert client.post("/api/v1/auth/register", json=good).status_code == 201


def test_professions_rolls_and_characters(client: TestClient) -> None:
    professions = client.get("/api/v1/professions").json()
    assert {p["id"]: p["requirements"] for p in professions} == {"doctor": {"edu": 40}, "tramp": {}}
    assert client.post("/api/v1/characters/roll", json={}).status_code == 401
    auth = register(client, "Ada")
    rolled = client.post("/api/v1/characters/roll", json={}, headers=auth).json()
    assert set(rolled["stats"]) == {"str", "con", "siz", "dex", "app", "int", "pow", "edu", "luck"}
    assert rolled["meets_requirements"] is True
    replaced = client.post("/api/v1/characters/roll", json={}, headers=auth).json()
    stale = client.post(
        "/api/v1/characters",
        json={"name": "Adelaide", "profession": "tramp", "roll_id": rolled["roll_id"]},
        headers=auth,
    )
    assert stale.status_code == 400
    created = client.post(
        "/api/v1/characters",
        json={"name": "Adelaide", "profession": "tramp", "roll_id": replaced["roll_id"]},
        headers=auth,
    )
    assert created.status_code == 201
    assert created.json()["stats"] == replaced["stats"]
    assert created.json()["level"] == 1
    spent = client.post(
        "/api/v1/characters",
        json={"name": "Agatha", "profession": "tramp", "roll_id": replaced["roll_id"]},
        headers=auth,
    )
    assert spent.status_code == 400
    assert client.get("/api/v1/characters", headers=auth).json() == [
        {"id": created.json()["id"], "name": "Adelaide", "profession": "tramp", "level": 1}
    ]
    other = register(client, "Bob")
    taken = make_character_attempt(client, other, "ADELAIDE")
    assert taken.status_code == 409
    bad_name = make_character_attempt(client, other, "R2D2")
    assert bad_name.status_code == 422


def make_character_attempt(client: TestClient, auth: dict[str, str], name: str) -> Any:
    rolled = client.post("/api/v1/characters/roll", json={}, headers=auth).json()
    return client.post(
        "/api/v1/characters",
        json={"name": name, "profession": "tramp", "roll_id": rolled["roll_id"]},
        headers=auth,
    )


def test_a_roll_for_one_profession_and_requirements(client: TestClient) -> None:
    auth = register(client, "Ada")
    rolled = client.post(
        "/api/v1/characters/roll", json={"profession": "doctor"}, headers=auth
    ).json()
    other = client.post(
        "/api/v1/characters",
        json={"name": "Adelaide", "profession": "tramp", "roll_id": rolled["roll_id"]},
        headers=auth,
    )
    assert other.status_code == 400 and "doctor" in other.json()["detail"]
    unknown = client.post("/api/v1/characters/roll", json={"profession": "astronaut"}, headers=auth)
    assert unknown.status_code == 422


def test_at_most_three_characters(client: TestClient) -> None:
    auth = register(client, "Ada")
    for name in ("Adelaide", "Agatha", "Amelia"):
        make_character(client, auth, name)
    assert make_character_attempt(client, auth, "Augusta").status_code == 409


def test_health_docs_and_metrics(client: TestClient) -> None:
    health = client.get("/api/v1/health")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert client.get("/openapi.json").json()["info"]["title"] == "MythosMUD"
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/docs/assets/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200
    assert "mythosmud_players_online" in client.get("/metrics").text


def test_websocket_play_through_the_app(client: TestClient) -> None:
    ada = register(client, "Ada")
    make_character(client, ada, "Adelaide")
    token = ada["Authorization"].removeprefix("Bearer ")
    with client.websocket_connect("/api/v1/ws") as ws:
        ws.send_json({"type": "auth", "token": token, "character": "adelaide"})
        welcome = ws.receive_json()
        assert welcome["type"] == "welcome" and welcome["character"]["name"] == "Adelaide"
        frames = [ws.receive_json() for _ in range(4)]
        assert [f["type"] for f in frames] == ["Room.Info", "Room.Players", "Char.Vitals", "text"]
        assert [f["seq"] for f in frames] == [1, 2, 3, 4]
        ws.send_json({"type": "command", "text": "get candle", "id": "g"})
        got = ws.receive_json()
        assert got == {
            "seq": 5,
            "type": "text",
            "kind": "info",
            "text": "You pick up a tallow candle.",
            "re": "g",
        }
        ws.send_text("{not json")
        assert ws.receive_json()["code"] == "bad_frame"
        ws.send_json({"type": "ping"})
        assert ws.receive_json() == {"seq": 7, "type": "pong"}


def test_websocket_refuses_someone_elses_character(client: TestClient) -> None:
    ada = register(client, "Ada")
    make_character(client, ada, "Adelaide")
    bob = register(client, "Bob")
    token = bob["Authorization"].removeprefix("Bearer ")
    with client.websocket_connect("/api/v1/ws") as ws:
        ws.send_json({"type": "auth", "token": token, "character": "Adelaide"})
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 4403
    with client.websocket_connect("/api/v1/ws") as ws:
        ws.send_json({"type": "auth", "token": "forged", "character": "Adelaide"})
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 4401
