"""Looking: at the room, a direction, a person, an item or a detail of the room."""

from __future__ import annotations

from mythosmud.commands.base import Context, command
from mythosmud.commands.movement import ABBREVIATIONS
from mythosmud.commands.targets import find_item, find_mob, find_player_here
from mythosmud.world.defs import DIRECTIONS
from mythosmud.world.model import Item
from mythosmud.world.render import SLOT_PHRASES, describe_player, health_phrase, item_lines

_FULL_DIRECTION = {short: d for d, short in ABBREVIATIONS.items()} | {d: d for d in DIRECTIONS}


def _strip_at(arg: str) -> str:
    words = arg.split()
    if words and words[0].lower() in ("at", "in"):
        words = words[1:]
    return " ".join(words)


def _find_visible_item(ctx: Context, word: str) -> Item | None:
    """Carried and worn things can be found by touch; the room's only by light."""
    worn = list(ctx.player.equipment.values())
    in_room = ctx.room.items if ctx.room.is_lit() else []
    return find_item([*ctx.player.inventory, *worn, *in_room], word)


def _look_direction(ctx: Context, direction: str) -> None:
    exit_def = ctx.room.defn.exits.get(direction)  # type: ignore[call-overload]
    target = ctx.room.visible_exits.get(direction)
    if target is None:
        ctx.reply(f"You see nothing of note {_toward(direction)}.")
        return
    if exit_def is not None and not isinstance(exit_def, str) and exit_def.description:
        ctx.reply(exit_def.description)
        return
    ctx.reply(f"{_toward(direction).capitalize()} lies {ctx.world.rooms[target].name}.")


def _toward(direction: str) -> str:
    if direction in ("up", "down"):
        return "above you" if direction == "up" else "below you"
    if direction in ("in", "out"):
        return "inside" if direction == "in" else "outside"
    return f"to the {direction}"


def _extra(ctx: Context, word: str) -> str | None:
    word = word.lower()
    for key, text in ctx.room.defn.extras.items():
        if key.lower() == word or any(part.startswith(word) for part in key.lower().split()):
            return text
    return None


def _contents(item: Item) -> str:
    if item.contents is None:
        return ""
    held = item_lines(item.contents)
    if item.money:
        held.append(f"{item.money} cents in loose change")
    if not held:
        return "\nIt holds nothing of use."
    return "\nIt holds:\n" + "\n".join(f"  {line}" for line in held)


def _item_details(item: Item) -> str:
    lines = [item.defn.description.strip() + _contents(item)]
    if item.defn.slot:
        lines.append(f"It can be worn or carried {SLOT_PHRASES[item.defn.slot]}.")
    if item.defn.takeable:
        lines.append(f"It weighs {_pounds(item.defn.weight)}.")
    return "\n".join(lines)


def _pounds(weight: float) -> str:
    if weight < 1:
        return "less than a pound"
    whole = round(weight)
    return "about a pound" if whole == 1 else f"about {whole} pounds"


def look_at(ctx: Context, arg: str, *, detailed: bool) -> None:
    word = _strip_at(arg)
    lowered = word.lower()
    if not lowered or lowered in ("here", "room"):
        ctx.world.show_room(ctx.player, ctx.re)
        ctx.answered = True
        return
    if lowered in _FULL_DIRECTION:
        _look_direction(ctx, _FULL_DIRECTION[lowered])
        return
    lit = ctx.room.is_lit()
    other = find_player_here(ctx.room.players, lowered, ctx.player) if lit else None
    if other is not None:
        ctx.reply(describe_player(other))
        if other is not ctx.player:
            ctx.world.tell(other, f"{ctx.player.name} looks you over.")
        return
    item = _find_visible_item(ctx, lowered)
    if item is not None:
        plain = item.defn.description.strip() + _contents(item)
        ctx.reply(_item_details(item) if detailed else plain)
        return
    mob = find_mob(ctx.room.mobs, lowered) if lit else None
    if mob is not None:
        ctx.reply(f"{mob.defn.description.strip()}\n{health_phrase(mob)}")
        return
    extra = _extra(ctx, lowered) if lit else None
    if extra is not None:
        ctx.reply(extra)
        return
    ctx.fail(f"You see no '{word[:30]}' here." if lit else "It is too dark to see that.")


@command("look", aliases=("l",), category="information", awake=False)
def look(ctx: Context, arg: str) -> None:
    """Look around, or at something: a direction, a person, an item or a detail.

    Usage: look
           look <direction>
           look <person>
           look <item>       (in the room, carried or worn; '2.candle' picks the second)
           look <detail>     (something the room's description mentions)
    """
    look_at(ctx, arg, detailed=False)


@command("examine", aliases=("exa",), category="information")
def examine(ctx: Context, arg: str) -> None:
    """Examine something closely: items show their weight and how they are worn.

    Usage: examine <item or person>
    """
    if not arg:
        ctx.fail("Examine what?")
        return
    look_at(ctx, arg, detailed=True)
