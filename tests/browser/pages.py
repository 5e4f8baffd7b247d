"""Steps a player takes in the web client, written once for every browser test."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

PASSWORD = "a lamp in the window"
START_ROOM = "A Narrow Hall"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def snapshot(page: Page, name: str) -> None:
    """Save docs/screenshots/<name>.png when MYTHOSMUD_SCREENSHOTS=1 (kept out of plain runs)."""
    if os.environ.get("MYTHOSMUD_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def register(page: Page, base_url: str, username: str, *, shot: bool = False) -> None:
    """Open the client, register an account and land on the (empty) character list."""
    page.goto(base_url)
    expect(page.locator("#screen-signin")).to_be_visible()
    if shot:
        snapshot(page, "signin")
    page.click("#mode-register")
    page.fill("#signin-username", username)
    page.fill("#signin-password", PASSWORD)
    page.press("#signin-password", "Enter")
    expect(page.locator("#screen-characters")).to_be_visible()
    expect(page.locator("#characters-create")).to_be_focused()


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url)
    expect(page.locator("#screen-signin")).to_be_visible()
    page.fill("#signin-username", username)
    page.fill("#signin-password", PASSWORD)
    page.press("#signin-password", "Enter")
    expect(page.locator("#screen-characters")).to_be_visible()


def create_character(
    page: Page, name: str, profession: str = "doctor", *, shot: bool = False
) -> None:
    """Through the creation screen: pick the profession, roll until it fits, name, create."""
    page.click("#characters-create")
    expect(page.locator("#screen-create")).to_be_visible()
    expect(page.locator("#stat-list .stat")).to_have_count(9)
    page.check(f"#profession-{profession}")
    verdict = page.locator("#roll-verdict")
    submit = page.locator("#create-submit")
    for _ in range(30):
        # A settled roll made for this profession says whether it fits (data-kind good/bad).
        expect(verdict).to_have_attribute("data-kind", re.compile("good|bad"))
        if submit.is_enabled():
            break
        page.click("#roll-button")
    expect(submit).to_be_enabled()
    expect(verdict).to_have_attribute("data-kind", "good")
    page.fill("#create-name", name)
    if shot:
        snapshot(page, "create")
    page.press("#create-name", "Enter")
    expect_in_game(page, name)


def expect_in_game(page: Page, name: str, room: str = START_ROOM) -> None:
    expect(page.locator("#screen-game")).to_be_visible()
    expect(page.locator("#game-status")).to_have_text(f"Connected as {name}.", timeout=15_000)
    expect(page.locator("#room-name")).to_have_text(room)


def new_player(page: Page, base_url: str, username: str, name: str, **kw: Any) -> None:
    register(page, base_url, username, shot=kw.get("shot", False))
    create_character(page, name, kw.get("profession", "doctor"), shot=kw.get("shot", False))


def command(page: Page, text: str) -> None:
    page.fill("#command", text)
    page.press("#command", "Enter")


def scrollback(page: Page) -> Any:
    return page.locator("#scrollback")


def who(page: Page) -> Any:
    return page.locator("#who-list")
