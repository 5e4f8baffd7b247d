"""Two investigators meet and talk; player text never becomes markup; a session taken over."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import Server
from .pages import command, expect_in_game, new_player, scrollback, sign_in, snapshot, who

pytestmark = pytest.mark.browser


def test_two_investigators_meet_and_talk(server: Server, open_page: Any) -> None:
    eleanor = open_page()
    tobias = open_page()
    new_player(eleanor, server.base_url, "eleanorvane", "Eleanor", shot=True)
    new_player(tobias, server.base_url, "tobiascrane", "Tobias", profession="tramp")

    expect(who(eleanor)).to_contain_text("Tobias")
    expect(who(tobias)).to_contain_text("Eleanor")
    expect(who(tobias)).to_contain_text("Tobias (you)")

    command(eleanor, "say The clock has stopped ticking.")
    expect(scrollback(eleanor)).to_contain_text('You say, "The clock has stopped ticking."')
    heard = tobias.locator("#scrollback .kind-say").last
    expect(heard).to_contain_text("Eleanor")
    expect(heard).to_contain_text("The clock has stopped ticking.")
    talk = tobias.locator("#channel-log .talk").last
    expect(talk.locator(".talk-talker")).to_have_text("Eleanor")
    expect(talk.locator(".talk-text")).to_have_text("The clock has stopped ticking.")

    # A little more life for the screenshot, and the other direction.
    command(tobias, "emote turns up the collar of his coat.")
    command(tobias, "say Then who is winding it?")
    expect(eleanor.locator("#channel-log .talk-talker").last).to_have_text("Tobias")
    expect(scrollback(eleanor)).to_contain_text("Then who is winding it?")
    command(eleanor, "look clock")
    expect(scrollback(eleanor)).to_contain_text("ticking is very near")
    snapshot(eleanor, "game")

    for page in (eleanor, tobias):
        assert page.log.errors == []


def test_markup_from_another_player_is_shown_as_text(server: Server, open_page: Any) -> None:
    mercy = open_page()
    silas = open_page()
    new_player(mercy, server.base_url, "mercyhale", "Mercy")
    new_player(silas, server.base_url, "silasgrey", "Silas")
    expect(who(silas)).to_contain_text("Mercy")

    payload = "<img src=x onerror=\"window.__pwned='img'\"><script>window.__pwned='script'</script>"
    command(mercy, f"say {payload}")
    command(mercy, f"emote {payload}")
    command(mercy, f"whisper Silas {payload}")

    said = silas.locator("#scrollback .kind-say").last
    expect(said).to_contain_text(payload)
    expect(silas.locator("#scrollback .kind-emote").last).to_contain_text(payload)
    expect(silas.locator("#scrollback .kind-tell").last).to_contain_text(payload)
    expect(silas.locator("#channel-log .talk-text")).to_have_count(2)
    for text in silas.locator("#channel-log .talk-text").all():
        expect(text).to_have_text(payload)

    for page in (silas, mercy):
        assert page.evaluate("document.querySelectorAll('img, script:not([src])').length") == 0
        assert page.evaluate("window.__pwned") is None
        # Every message is a bare text node inside its line: no element was parsed from it.
        assert page.evaluate(
            "[...document.querySelectorAll('#scrollback .line, #channel-log .talk-text')]"
            ".every(node => node.childElementCount === 0)"
        )
        assert page.log.errors == []


def test_session_taken_over_by_another_window(server: Server, open_page: Any) -> None:
    first = open_page()
    new_player(first, server.base_url, "harrietmoss", "Harriet")

    second = open_page()
    sign_in(second, server.base_url, "harrietmoss")
    second.locator("#character-list button", has_text="Harriet").click()
    expect_in_game(second, "Harriet")

    dialog = first.locator("#replaced-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("another window or device")
    expect(first.locator("#game-status")).to_contain_text("Taken over")
    first.keyboard.press("Escape")  # Escape closes the dialog; the choice stays on the bar
    expect(dialog).to_be_hidden()
    expect(first.locator("#game-reconnect")).to_be_focused()
    first.wait_for_timeout(1500)  # no reconnect without the player asking
    expect(first.locator("#game-status")).to_contain_text("Taken over")

    first.click("#game-reconnect")
    expect_in_game(first, "Harriet")
    expect(second.locator("#replaced-dialog")).to_be_visible()
    second.click("#replaced-leave")
    expect(second.locator("#screen-characters")).to_be_visible()


def test_command_line_history_completion_and_scrollback(server: Server, open_page: Any) -> None:
    nora = open_page(viewport={"width": 1024, "height": 560})
    jonas = open_page()
    new_player(nora, server.base_url, "noraking", "Nora")
    new_player(jonas, server.base_url, "jonasreed", "Jonas", profession="tramp")
    expect(who(nora)).to_contain_text("Jonas")
    line = nora.locator("#command")

    # Tab completes command verbs, exit directions and the names of people in the room.
    line.fill("whi")
    line.press("Tab")
    expect(line).to_have_value("whisper ")
    line.press_sequentially("jo")
    line.press("Tab")
    expect(line).to_have_value("whisper Jonas ")
    line.fill("go n")
    line.press("Tab")
    expect(line).to_have_value("go north ")
    line.fill("nor")
    line.press("Tab")
    expect(line).to_have_value("north ")
    line.fill("")
    line.press("Tab")  # nothing to complete: Tab moves on, as everywhere else
    expect(line).not_to_be_focused()

    # Up and Down walk the history, and come back to an empty line.
    command(nora, "look")
    command(nora, "who")
    expect(scrollback(nora)).to_contain_text("Jonas")
    line.focus()
    line.press("ArrowUp")
    expect(line).to_have_value("who")
    line.press("ArrowUp")
    expect(line).to_have_value("look")
    line.press("ArrowDown")
    expect(line).to_have_value("who")
    line.press("ArrowDown")
    expect(line).to_have_value("")

    # A reader who scrolled up keeps their place; new output is announced by a marker.
    command(nora, "help")
    command(nora, "help")
    expect(nora.locator("#scrollback .kind-echo", has_text="help")).to_have_count(2)
    nora.wait_for_function(
        "(() => { const b = document.getElementById('scrollback');"
        " return b.scrollHeight > b.clientHeight * 2; })()"
    )
    nora.evaluate("document.getElementById('scrollback').scrollTop = 0")
    nora.wait_for_timeout(100)
    command(jonas, "say Over here.")
    marker = nora.locator("#new-output")
    expect(marker).to_be_visible()
    expect(marker).to_have_text("1 new message below")
    assert nora.evaluate("document.getElementById('scrollback').scrollTop") == 0
    marker.click()
    expect(marker).to_be_hidden()
    assert nora.evaluate(
        "(() => { const b = document.getElementById('scrollback');"
        " return b.scrollHeight - b.scrollTop - b.clientHeight < 2; })()"
    )
    expect(nora.locator("#scrollback .kind-say").last).to_contain_text("Over here.")
    expect(line).to_be_focused()
