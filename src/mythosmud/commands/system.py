"""Leaving the game."""

from __future__ import annotations

from mythosmud.commands.base import Context, command


@command("quit", category="general")
def quit_(ctx: Context, arg: str) -> None:
    """Leave Arkham for now. Your investigator is saved and waits where you stand.

    Usage: quit
    """
    player = ctx.player
    session = player.session_id
    ctx.reply("You let the waking world take you back. Your investigation will keep.", "system")
    ctx.world.remove(player, quit=True)
    if session is not None:
        ctx.world.transport.close(session, 1000, "quit")
