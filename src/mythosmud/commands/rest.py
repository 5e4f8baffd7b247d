"""Resting: sitting down to let the body and mind mend faster, and getting up again."""

from __future__ import annotations

from mythosmud.commands.base import Context, command


@command("rest", aliases=("sit",), category="general")
def rest(ctx: Context, arg: str) -> None:
    """Sit down and rest. Determination and magic return twice as fast while you rest, and
    your mind steadies even alone. Walking, fighting or 'stand' ends it.

    Usage: rest
    """
    player = ctx.player
    if player.fighting is not None:
        ctx.fail("You cannot rest with a foe at your throat.")
        return
    if player.resting:
        ctx.fail("You are already resting.")
        return
    player.resting = True
    ctx.reply("You settle yourself to rest, and let the ache of the day drain out of you.")
    ctx.world.tell_room(player.room, f"{player.name} sits down to rest.", exclude=player)


@command("stand", aliases=("wake",), category="general")
def stand(ctx: Context, arg: str) -> None:
    """Stop resting and get to your feet.

    Usage: stand
    """
    player = ctx.player
    if not player.resting:
        ctx.fail("You are already on your feet.")
        return
    player.resting = False
    ctx.reply("You get to your feet, stiff but steadier.")
    ctx.world.tell_room(player.room, f"{player.name} gets to their feet.", exclude=player)
