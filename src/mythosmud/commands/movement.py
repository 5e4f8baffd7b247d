"""Walking: the twelve directions (data, not twelve functions) and `go`."""

from __future__ import annotations

from mythosmud.commands.base import Command, Context, command
from mythosmud.events import PlayerMoved
from mythosmud.systems.npcs import on_player_enters
from mythosmud.world.defs import DIRECTIONS

ABBREVIATIONS = {
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "up": "u",
    "down": "d",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
}

ARRIVALS = {
    "up": "from below",
    "down": "from above",
    "in": "from outside",
    "out": "from within",
}
OPPOSITES = {
    "north": "the south",
    "south": "the north",
    "east": "the west",
    "west": "the east",
    "northeast": "the southwest",
    "northwest": "the southeast",
    "southeast": "the northwest",
    "southwest": "the northeast",
}


def leave_phrase(direction: str) -> str:
    if direction == "in":
        return "goes inside"
    if direction == "out":
        return "goes out"
    if direction in ("up", "down"):
        return f"goes {direction}"
    return f"leaves {direction}"


def walk(ctx: Context, direction: str) -> None:
    player, origin = ctx.player, ctx.room
    if player.fighting is not None:
        ctx.fail("You are fighting for your life! Try 'flee'.")
        return
    target_id = origin.exits.get(direction)
    if target_id is None:
        where = "that way" if direction in ("in", "out") else direction
        if direction in ("up", "down"):
            where = f"{direction} from here"
        ctx.fail(f"You cannot go {where}.")
        return
    target = ctx.world.rooms[target_id]
    ctx.world.tell_room(origin, f"{player.name} {leave_phrase(direction)}.", exclude=player)
    ctx.world.place(player, target)
    ctx.world.send_room_players(origin)
    came = ARRIVALS.get(direction) or f"from {OPPOSITES[direction]}"
    ctx.world.tell_room(target, f"{player.name} arrives {came}.", exclude=player)
    ctx.world.send_room_players(target, exclude=player)
    ctx.world.show_room(player, ctx.re)
    ctx.answered = True
    on_player_enters(ctx.world, player)
    ctx.emit(PlayerMoved(player.name, origin.id, target.id, direction))


def _direction_command(direction: str) -> Command:
    short = ABBREVIATIONS.get(direction)
    usage = f"{direction} (or {short})" if short else direction

    def move(ctx: Context, arg: str) -> None:
        walk(ctx, direction)

    help_text = f"Walk {direction}, if there is a way.\n\nUsage: {usage}"
    aliases = (short,) if short else ()
    return Command(direction, move, aliases, category="movement", help=help_text)


class _Directions:
    """Holds the direction commands so that `registry.collect` finds them."""

    __commands__ = tuple(_direction_command(d) for d in DIRECTIONS)


@command("go", category="movement")
def go(ctx: Context, arg: str) -> None:
    """Walk in a direction.

    Usage: go <direction>
    Example: go north, go ne, go in
    """
    word = arg.split(" ", 1)[0].lower()
    full = {short: d for d, short in ABBREVIATIONS.items()}.get(word, word)
    if full not in DIRECTIONS:
        ctx.fail("Go where? Name a direction, such as north, up or in.")
        return
    walk(ctx, full)
