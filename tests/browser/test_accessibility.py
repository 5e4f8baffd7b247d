"""Screen-reader mode, a phone-sized screen and the Content-Security-Policy."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import Server
from .pages import START_ROOM, command, new_player, snapshot

pytestmark = pytest.mark.browser


def test_screen_reader_mode_uses_a_live_log_and_is_remembered(
    server: Server, open_page: Any
) -> None:
    page = open_page()
    page.goto(server.base_url)
    toggle = page.locator("#sr-toggle")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(page.locator("html")).to_have_class("sr-mode")

    new_player(page, server.base_url, "adalowell", "Ada")
    log = page.locator('[role="log"][aria-live="polite"]')
    expect(log).to_have_count(1)
    expect(log).to_contain_text(START_ROOM)
    expect(page.locator("#command")).to_be_focused()

    command(page, "xyzzy")
    expect(log.locator(".line").last).to_contain_text("xyzzy")
    expect(page.locator("#command")).to_be_focused()
    # No decorative characters in this mode, and no echo of what was just typed.
    assert page.locator("#scrollback .kind-echo").count() == 0
    decorations = page.evaluate(
        "['#game-status', '#scrollback .line', '.brand-name', '.prompt']"
        ".map(s => getComputedStyle(document.querySelector(s), '::before').content)"
    )
    assert set(decorations) <= {"none", "normal"}, decorations

    # Clicking an exit keeps the command line focused.
    page.locator("#exit-list button", has_text="north").click()
    expect(page.locator("#room-name")).to_have_text("An Overgrown Garden")
    expect(page.locator("#command")).to_be_focused()

    page.reload()
    expect(page.locator("#sr-toggle")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("html")).to_have_class("sr-mode")
    # The tab remembers its character, so a reload goes straight back into the game.
    expect(page.locator("#game-status")).to_have_text("Connected as Ada.", timeout=15_000)
    expect(log).to_contain_text("An Overgrown Garden")
    assert page.log.errors == []


def test_phone_sized_screen(server: Server, open_page: Any) -> None:
    page = open_page(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    new_player(page, server.base_url, "ezrapike", "Ezra")

    box = page.locator("#command").bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= 740 and box["width"] >= 200 and box["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.locator("#command").tap()
    page.keyboard.type("look")
    page.locator(".send").tap()
    expect(page.locator("#scrollback .kind-room")).to_have_count(2)

    # Folded, the side pane shows only the vitals; unfolded, exits and people too.
    exits = page.locator("#exit-list")
    expect(page.locator("#vitals")).to_be_visible()
    expect(page.locator("#vitals")).to_contain_text("DP")
    expect(exits).to_be_hidden()
    page.locator("#side-toggle").tap()
    expect(page.locator("#side-toggle")).to_have_attribute("aria-expanded", "true")
    expect(exits.locator("button", has_text="north")).to_be_visible()
    expect(page.locator("#who-list")).to_contain_text("Ezra")
    page.locator("#side-toggle").tap()
    expect(exits).to_be_hidden()
    command(page, "say Is anyone there?")
    expect(page.locator("#scrollback")).to_contain_text("Is anyone there?")
    snapshot(page, "phone")
    assert page.log.errors == []


def test_no_content_security_policy_violations(server: Server, open_page: Any) -> None:
    page = open_page()
    response = page.goto(server.base_url)
    assert response is not None
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
    new_player(page, server.base_url, "walterpeaslee", "Walter")
    command(page, "help")
    page.click("#sr-toggle")
    page.click("#sr-toggle")
    page.reload()
    expect(page.locator("#game-status")).to_have_text("Connected as Walter.", timeout=15_000)
    page.click("#game-quit")
    expect(page.locator("#screen-characters")).to_be_visible()
    page.click("#characters-create")
    expect(page.locator("#roll-verdict")).to_have_attribute("data-kind", "good")
    page.click("#create-cancel")
    page.click("#characters-signout")
    expect(page.locator("#screen-signin")).to_be_visible()
    assert page.log.errors == []

    # The listener does notice a violation: an inline style attribute is refused.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_timeout(200)
    assert page.log.csp_violations, "a CSP violation should have been reported"
