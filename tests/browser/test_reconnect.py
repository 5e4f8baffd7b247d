"""The client reconnects by itself when the server restarts under it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import Server
from .pages import START_ROOM, command, new_player, scrollback

pytestmark = pytest.mark.browser

STALE = re.compile(r"\bstale\b")  # the side pane is dimmed while disconnected


def test_reconnects_after_the_server_restarts(own_server: Server, open_page: Any) -> None:
    page = open_page()
    new_player(page, own_server.base_url, "ruthmarsh", "Ruth")
    rooms = page.locator("#scrollback .kind-room", has_text=START_ROOM)
    expect(rooms).to_have_count(1)

    own_server.stop()  # SIGTERM: the server says goodbye with close 1001
    status = page.locator("#game-status")
    expect(status).to_contain_text("Reconnecting", timeout=10_000)
    expect(scrollback(page)).to_contain_text("Reconnecting")
    expect(page.locator("#game-side")).to_have_class(STALE)

    own_server.start()  # same port, same data directory, same signing secret
    expect(status).to_have_text("Connected as Ruth.", timeout=45_000)
    expect(scrollback(page)).to_contain_text("Reconnected")
    expect(rooms).to_have_count(2)  # the room is described afresh on the new connection
    expect(page.locator("#room-name")).to_have_text(START_ROOM)
    expect(page.locator("#game-side")).not_to_have_class(STALE)

    command(page, "look")
    expect(rooms).to_have_count(3)
    assert page.log.csp_violations == []
    assert [e for e in page.log.errors if "pageerror" in e] == []
