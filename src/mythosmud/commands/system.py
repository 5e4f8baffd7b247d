"""Leaving the game."""

from __future__ import annotations

from mythosmud.commands.base import Context, command


@command("quit", category="general", awake=False)
def quit_(ctx: Context, arg: str) -> None:
    """Leave Arkham for now. Your investigator is saved and waits where you stand.

    Usage: quit
    """
    player = ctx.player
    if player.fighting is not None:
        ctx.fail("You cannot leave in the middle of a fight!")
        return
    if not player.conscious:
        ctx.fail("You cannot leave like this. Stay, and hope that someone comes.")
        return
    session = player.session_id
    ctx.reply("You let the waking world take you back. Your investigation will keep.", "system")
    ctx.world.remove(player, quit=True)
    if session is not None:
        ctx.world.transport.close(session, 1000, "quit")
