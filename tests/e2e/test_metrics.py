"""`GET /metrics`: Prometheus text that moves when players play."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from .protocol_client import Game, Metrics
from .server import ServerProcess, running_server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    # A server of its own: players_online must count only this test's players.
    with running_server("metrics", tmp_path_factory.mktemp("metrics")) as srv:
        yield srv


async def wait_for_metric(game: Game, name: str, want: float, within: float = 5.0) -> Metrics:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        metrics = await game.metrics()
        if metrics.value(name) == want or loop.time() > deadline:
            return metrics
        await asyncio.sleep(0.1)


async def test_metrics_follow_play(game: Game) -> None:
    response = await game.api.http.get(game.base_url + "/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain"), response.headers
    assert "# TYPE " in response.text and "# HELP " in response.text

    alice_player = await game.player("alice")
    bob_player = await game.player("bob")
    before = await game.metrics()
    assert before.value("mythosmud_players_online") == 0, before.text

    alice = await game.connect(alice_player)
    bob = await game.connect(bob_player)
    online = await wait_for_metric(game, "mythosmud_players_online", 2)
    assert online.value("mythosmud_players_online") == 2, online.text

    start = await game.metrics()
    await alice.command("look")
    await bob.command("look")
    await alice.command("say the stars are right")
    await bob.command("inventory")
    after = await game.metrics()

    looks = after.value("mythosmud_commands_total", verb="look") - start.value(
        "mythosmud_commands_total", verb="look"
    )
    assert looks == 2, f"look counted {looks} times:\n{after.text}"
    assert after.value("mythosmud_commands_total", verb="say") > start.value(
        "mythosmud_commands_total", verb="say"
    ), after.text
    assert after.value("mythosmud_commands_total") - start.value("mythosmud_commands_total") >= 4
    assert after.value("mythosmud_frames_sent_total") > start.value("mythosmud_frames_sent_total")
    timed = after.value("mythosmud_command_seconds_count") - start.value(
        "mythosmud_command_seconds_count"
    )
    assert timed >= 4, f"command_seconds count went up by {timed}:\n{after.text}"
    assert after.has("mythosmud_command_seconds_bucket"), "the histogram has buckets"
    assert after.value("mythosmud_command_seconds_sum") > 0
    assert after.value("mythosmud_players_online") == 2

    assert await alice.quit() == 1000
    assert await bob.quit() == 1000
    gone = await wait_for_metric(game, "mythosmud_players_online", 0)
    assert gone.value("mythosmud_players_online") == 0, gone.text
