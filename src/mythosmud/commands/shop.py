"""Trade with shopkeepers: list, buy and sell, in dollars and cents."""

from __future__ import annotations

from mythosmud.commands.base import Context, command
from mythosmud.commands.targets import find_item
from mythosmud.world.model import Item, Mob
from mythosmud.world.render import cap, dollars


def _shopkeeper(ctx: Context) -> Mob | None:
    for mob in ctx.room.mobs:
        if mob.defn.shop is not None and mob.conscious:
            return mob
    ctx.fail("There is no one here to trade with.")
    return None


def price(keeper: Mob, item: Item) -> int:
    shop = keeper.defn.shop
    assert shop is not None
    return max(1, round(item.defn.value * shop.markup))


def offer(keeper: Mob, item: Item) -> int:
    shop = keeper.defn.shop
    assert shop is not None
    return int(item.defn.value * shop.buy_ratio)


def _wares(ctx: Context, keeper: Mob) -> list[Item]:
    shop = keeper.defn.shop
    assert shop is not None
    return [item for iid in shop.items if (item := ctx.world.make_item(iid)) is not None]


@command("list", category="trade")
def list_(ctx: Context, arg: str) -> None:
    """See what a shopkeeper here has for sale, and at what price.

    Usage: list
    """
    keeper = _shopkeeper(ctx)
    if keeper is None:
        return
    lines = [f"{cap(keeper.name)} has for sale:"]
    lines.extend(f"  {dollars(price(keeper, i)):>8}  {i.name}" for i in _wares(ctx, keeper))
    lines.append(f"You have {dollars(ctx.player.money)}.")
    ctx.reply("\n".join(lines))


@command("buy", category="trade")
def buy(ctx: Context, arg: str) -> None:
    """Buy something a shopkeeper here sells.

    Usage: buy <item>
    """
    keeper = _shopkeeper(ctx)
    if keeper is None:
        return
    if not arg:
        ctx.fail("Buy what? Type 'list' to see the wares.")
        return
    item = find_item(_wares(ctx, keeper), arg)
    if item is None:
        ctx.fail(f"{cap(keeper.name)} has nothing like that for sale.")
        return
    cost = price(keeper, item)
    player = ctx.player
    if player.money < cost:
        ctx.fail(f"That costs {dollars(cost)}, and you have only {dollars(player.money)}.")
        return
    if player.carried_weight + item.defn.weight > player.carry_capacity:
        ctx.fail("You could not carry it.")
        return
    player.money -= cost
    player.inventory.append(item)
    ctx.world.save_now(player)
    ctx.reply(f"You buy {item.name} for {dollars(cost)}.")
    ctx.tell_room(f"{player.name} buys {item.name}.")


@command("sell", category="trade")
def sell(ctx: Context, arg: str) -> None:
    """Sell something you carry to a shopkeeper here. A shop buys only the kinds of things it
    sells itself, for less than it asks.

    Usage: sell <item>
    """
    keeper = _shopkeeper(ctx)
    if keeper is None:
        return
    item = find_item(ctx.player.inventory, arg) if arg else None
    if item is None:
        ctx.fail("Sell what? You are not carrying that.")
        return
    shop = keeper.defn.shop
    assert shop is not None
    if item.defn.id not in shop.items:
        ctx.fail(
            f"{cap(keeper.name)} does not deal in {item.name}. Try someone who sells such things."
        )
        return
    paid = offer(keeper, item)
    if paid <= 0:
        ctx.fail(f"{cap(keeper.name)} shakes their head. It is worth nothing to them.")
        return
    ctx.player.inventory.remove(item)
    ctx.player.money += paid
    ctx.world.save_now(ctx.player)
    ctx.reply(f"You sell {item.name} for {dollars(paid)}.")
    ctx.tell_room(f"{ctx.player.name} sells {item.name}.")
