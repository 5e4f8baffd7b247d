"""Things: picking up, dropping, giving, wearing and counting what you carry."""

from __future__ import annotations

from mythosmud.commands.base import Context, command
from mythosmud.commands.targets import find_item, find_mob, find_player_here, select_items
from mythosmud.events import ItemGiven
from mythosmud.world.model import Item, Player
from mythosmud.world.render import SLOT_PHRASES, cap, dollars, equipment_lines, item_lines

MAX_ITEMS = 40


def _can_carry(player: Player, item: Item) -> str | None:
    """Why the player cannot take the item, or None."""
    if len(player.inventory) >= MAX_ITEMS:
        return "Your hands and pockets are full."
    if player.carried_weight + item.defn.weight > player.carry_capacity:
        return f"{item.name.capitalize()} is more than you can carry just now."
    return None


@command("get", aliases=("take",), category="items")
def get(ctx: Context, arg: str) -> None:
    """Pick something up from the room, or take it out of something (a corpse, say).

    Usage: get <item>
           get all
           get all.<keyword>   (every item matching the keyword)
           get 2.<keyword>     (the second such item)
           get <item or all> from <container>
    """
    what, _, source = arg.partition(" from ")
    what, source = what.strip(), source.strip()
    if not what:
        ctx.fail("Get what?")
        return
    if not ctx.room.is_lit():
        ctx.fail("You grope about in the dark, but find nothing you can be sure of.")
        return
    if ctx.player.fighting is not None:
        ctx.fail("You are fighting for your life! There is no time for that.")
        return
    if source:
        _get_from(ctx, what, source)
        return
    chosen = select_items(ctx.room.items, what)
    if not chosen:
        missing = "There is nothing like that here."
        ctx.fail(missing if what.lower().startswith("all") else f"You see no '{what[:30]}' here.")
        return
    stock = _shop_stock(ctx)
    for_sale = [item for item in chosen if item.defn.id in stock]
    if for_sale:
        ctx.fail(f"{cap(for_sale[0].name)} belongs to the shop. Try 'list' and 'buy'.")
        chosen = [item for item in chosen if item.defn.id not in stock]
    if _take(ctx, chosen, ctx.room.items, ""):
        ctx.world.mark_dirty(ctx.player)


def _shop_stock(ctx: Context) -> set[str]:
    """What the shopkeepers here sell: their goods on display are not free for the taking."""
    return {iid for mob in ctx.room.mobs if mob.defn.shop for iid in mob.defn.shop.items}


def _take(ctx: Context, chosen: list[Item], source: list[Item], where: str) -> int:
    taken = 0
    for item in chosen:
        if not item.defn.takeable:
            ctx.fail(f"{item.name.capitalize()} will not be moved.")
            continue
        problem = _can_carry(ctx.player, item)
        if problem:
            ctx.fail(problem)
            break
        source.remove(item)
        ctx.player.inventory.append(item)
        verb, verbs = ("take", "takes") if where else ("pick up", "picks up")
        ctx.reply(f"You {verb} {item.name}{where}.")
        ctx.tell_room(f"{ctx.player.name} {verbs} {item.name}{where}.")
        taken += 1
    return taken


def _get_from(ctx: Context, what: str, source: str) -> None:
    candidates = [*ctx.room.items, *ctx.player.inventory]
    container = find_item([i for i in candidates if i.contents is not None], source)
    if container is None or container.contents is None:
        ctx.fail(f"There is no '{source[:30]}' here to take things from.")
        return
    where = f" from {container.name}"
    chosen = select_items(container.contents, what)
    money = container.money if what.lower() == "all" else 0
    if not chosen and not money:
        ctx.fail(f"There is nothing like that in {container.name}.")
        return
    taken = _take(ctx, chosen, container.contents, where)
    if money:
        container.money = 0
        ctx.player.money += money
        ctx.reply(f"You take {dollars(money)}{where}.")
    if taken or money:
        ctx.world.save_now(ctx.player)


@command("drop", category="items")
def drop(ctx: Context, arg: str) -> None:
    """Put down something you carry.

    Usage: drop <item>
           drop all
           drop all.<keyword>
    """
    if not arg:
        ctx.fail("Drop what?")
        return
    chosen = select_items(ctx.player.inventory, arg)
    if not chosen:
        ctx.fail("You are not carrying that.")
        return
    for item in chosen:
        ctx.player.inventory.remove(item)
        ctx.room.items.append(item)
        ctx.reply(f"You set down {item.name}.")
        ctx.tell_room(f"{ctx.player.name} sets down {item.name}.")
    ctx.world.mark_dirty(ctx.player)


@command("give", category="items")
def give(ctx: Context, arg: str) -> None:
    """Hand something you carry to someone in the room.

    Usage: give <item> <person>
           give <item> to <person>
    """
    words = [w for w in arg.split() if w.lower() != "to"]
    if len(words) != 2:
        ctx.fail("Give what to whom? Usage: give <item> <person>")
        return
    item = find_item(ctx.player.inventory, words[0])
    if item is None:
        ctx.fail("You are not carrying that.")
        return
    target = find_player_here(ctx.room.players, words[1], ctx.player)
    if target is None or target is ctx.player:
        mob = find_mob(ctx.room.mobs, words[1])
        if mob is not None:
            ctx.fail(f"{cap(mob.name)} has no use for {item.name}.")
        else:
            ctx.fail(f"There is no '{words[1][:20]}' here to take it.")
        return
    problem = _can_carry(target, item)
    if problem:
        ctx.fail(f"{target.name} cannot take it: their arms are full.")
        return
    ctx.player.inventory.remove(item)
    target.inventory.append(item)
    ctx.reply(f"You give {item.name} to {target.name}.")
    ctx.world.tell(target, f"{ctx.player.name} gives you {item.name}.")
    ctx.world.tell_room(
        ctx.room,
        f"{ctx.player.name} gives {item.name} to {target.name}.",
        exclude=(ctx.player, target),
    )
    ctx.world.save_now(ctx.player, target)
    ctx.emit(ItemGiven(ctx.player.name, target.name, item.defn.id))


@command("inventory", aliases=("i", "inv"), category="items", awake=False)
def inventory(ctx: Context, arg: str) -> None:
    """List what you carry and what you wear.

    Usage: inventory (or i)
    """
    player = ctx.player
    lines = ["You are carrying:"]
    lines.extend(f"  {line}" for line in item_lines(player.inventory) or ["nothing at all"])
    if player.equipment:
        lines.append("You are wearing:")
        lines.extend(equipment_lines(player))
    lines.append(f"Burden: {player.carried_weight:.1f} of {player.carry_capacity:.0f} pounds.")
    lines.append(f"Money: {dollars(player.money)}.")
    ctx.reply("\n".join(lines))


def _equip(ctx: Context, arg: str, *, wield: bool) -> None:
    verb = "wield" if wield else "wear"
    if not arg:
        ctx.fail(f"{verb.capitalize()} what?")
        return
    candidates = select_items(ctx.player.inventory, arg)
    if not candidates:
        ctx.fail("You are not carrying that.")
        return
    changed = False
    for item in candidates:
        slot = item.defn.slot
        if slot is None:
            if len(candidates) == 1:
                ctx.fail(f"You cannot {verb} {item.name}.")
            continue
        if (slot == "wield") != wield:
            if len(candidates) == 1:
                other = "wear" if wield else "wield"
                ctx.fail(f"{item.name.capitalize()} is not for {verb}ing; try '{other}'.")
            continue
        if slot in ctx.player.equipment:
            current = ctx.player.equipment[slot]
            ctx.fail(f"You already have {current.name} {SLOT_PHRASES[slot]}. Remove it first.")
            continue
        ctx.player.inventory.remove(item)
        ctx.player.equipment[slot] = item
        changed = True
        if wield:
            ctx.reply(f"You take {item.name} in hand.")
            ctx.tell_room(f"{ctx.player.name} takes up {item.name}.")
        elif slot == "held":
            ctx.reply(f"You hold {item.name}.")
            ctx.tell_room(f"{ctx.player.name} holds {item.name}.")
        else:
            ctx.reply(f"You put on {item.name}.")
            ctx.tell_room(f"{ctx.player.name} puts on {item.name}.")
    if changed:
        ctx.world.mark_dirty(ctx.player)
    elif not ctx.answered:
        ctx.fail(f"You have nothing there to {verb}.")


@command("wear", category="items")
def wear(ctx: Context, arg: str) -> None:
    """Put on clothing or carry something in hand: hats, coats, gloves, a lantern.

    Usage: wear <item>
           wear all
    """
    _equip(ctx, arg, wield=False)


@command("wield", category="items")
def wield(ctx: Context, arg: str) -> None:
    """Take a weapon in hand.

    Usage: wield <item>
    """
    _equip(ctx, arg, wield=True)


@command("remove", category="items")
def remove(ctx: Context, arg: str) -> None:
    """Take off something you wear or put away what you wield.

    Usage: remove <item>
           remove all
    """
    if not arg:
        ctx.fail("Remove what?")
        return
    worn = list(ctx.player.equipment.items())
    chosen = select_items([item for _, item in worn], arg)
    if not chosen:
        ctx.fail("You are not wearing that.")
        return
    for slot, item in worn:
        if item in chosen:
            del ctx.player.equipment[slot]
            ctx.player.inventory.append(item)
            ctx.reply(f"You remove {item.name}.")
            ctx.tell_room(f"{ctx.player.name} removes {item.name}.")
    ctx.world.mark_dirty(ctx.player)
