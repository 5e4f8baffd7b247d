"""Fighting: attack, punch, kick, flee, consider, and tending the fallen."""

from __future__ import annotations

from mythosmud.commands.base import Context, command
from mythosmud.commands.movement import walk
from mythosmud.commands.targets import find_being, find_player_here
from mythosmud.systems.combat import disengage, engage, refusal
from mythosmud.systems.death import stabilise
from mythosmud.world.model import Mob
from mythosmud.world.render import cap


def _attack(ctx: Context, arg: str, style: str | None) -> None:
    if not arg:
        if ctx.player.fighting is not None and style is not None:
            ctx.player.style = style
            ctx.reply(f"You will {style} {ctx.player.fighting.name} from now on.", "combat")
            return
        ctx.fail("Attack whom?")
        return
    if not ctx.room.is_lit():
        ctx.fail("You cannot see to fight in this darkness.")
        return
    target = find_being(ctx.player, arg.split()[0])
    if target is None:
        ctx.fail(f"There is no '{arg[:20]}' here.")
        return
    problem = refusal(ctx.player, target)
    if problem:
        ctx.fail(problem)
        return
    if ctx.player.fighting is target:
        if style is not None and ctx.player.style != style:
            ctx.player.style = style
            ctx.reply(f"You set about {style}ing {target.name}.", "combat")
        else:
            ctx.reply(f"You are already fighting {target.name}!", "combat")
        return
    ctx.player.style = style
    switching = ctx.player.fighting is not None
    engage(ctx.world, ctx.player, target)
    opener = "You turn your attention to" if switching else "You attack"
    ctx.reply(f"{opener} {target.name}!", "combat")
    if not isinstance(target, Mob):
        ctx.world.tell(target, f"{ctx.player.name} attacks you!", "combat")
    others = (ctx.player, target) if not isinstance(target, Mob) else ctx.player
    ctx.world.tell_room(ctx.room, f"{ctx.player.name} attacks {target.name}!", "combat", others)


@command("attack", aliases=("kill", "k"), category="combat")
def attack(ctx: Context, arg: str) -> None:
    """Attack someone or something, with your wielded weapon or your fists.

    Usage: attack <target>  (or kill <target>)
    The fight goes on in rounds until one side falls or flees. Attacking another
    investigator is only possible in the few places where the law does not reach.
    """
    _attack(ctx, arg, None)


@command("punch", category="combat")
def punch(ctx: Context, arg: str) -> None:
    """Fight with your fists, even when you hold a weapon.

    Usage: punch <target>   (or 'punch' alone, in a fight, to switch to fists)
    """
    _attack(ctx, arg, "punch")


@command("kick", category="combat")
def kick(ctx: Context, arg: str) -> None:
    """Fight with your boots: a little harder to land than a punch, a little harder hitting.

    Usage: kick <target>    (or 'kick' alone, in a fight, to switch to kicking)
    """
    _attack(ctx, arg, "kick")


@command("flee", category="combat")
def flee(ctx: Context, arg: str) -> None:
    """Run from a fight through any way out. It does not always work.

    Usage: flee
    """
    player = ctx.player
    if player.fighting is None:
        ctx.fail("You are not fighting anyone.")
        return
    exits = list(ctx.room.visible_exits)
    if not exits:
        ctx.fail("There is nowhere to run!")
        return
    chance = min(90, 40 + player.stat("dex") // 2)
    if ctx.world.rng.randint(1, 100) > chance:
        ctx.reply("You try to break away, but cannot get clear!", "combat")
        ctx.tell_room(f"{player.name} tries to flee, but cannot get clear.", "combat")
        return
    foe = player.fighting
    disengage(ctx.world, player)
    ctx.reply(f"You break away from {foe.name} and run!", "combat")
    walk(ctx, ctx.world.rng.choice(exits))


def _odds(level_gap: int) -> str:
    if level_gap <= -5:
        return "would hardly notice you"
    if level_gap <= -2:
        return "is an easy mark"
    if level_gap <= 1:
        return "looks like a fair fight"
    if level_gap <= 4:
        return "would be a hard fight, and you might not walk away"
    return "would kill you without effort"


@command("consider", aliases=("con",), category="combat")
def consider(ctx: Context, arg: str) -> None:
    """Weigh up how a fight with someone or something would go.

    Usage: consider <target>
    """
    target = find_being(ctx.player, arg.split()[0]) if arg else None
    if target is None:
        ctx.fail("Consider whom?" if not arg else f"There is no '{arg[:20]}' here.")
        return
    if target is ctx.player:
        ctx.reply("You look yourself over and find yourself wanting, as ever.")
        return
    gap = target.level - ctx.player.level
    ctx.reply(f"{cap(target.name)} {_odds(gap)}.")


@command("aid", aliases=("bandage",), category="combat")
def aid(ctx: Context, arg: str) -> None:
    """Tend someone who lies mortally wounded, and keep them from dying.

    Usage: aid <person>
    """
    if not arg:
        ctx.fail("Aid whom?")
        return
    target = find_player_here(ctx.room.players, arg.split()[0], ctx.player)
    if target is None or target is ctx.player:
        ctx.fail(f"There is no '{arg[:20]}' here to help.")
        return
    if target.conscious:
        ctx.fail(f"{target.name} does not need that kind of help.")
        return
    if ctx.player.fighting is not None:
        ctx.fail("Not while you are fighting!")
        return
    stabilise(ctx.world, target, ctx.player)
    ctx.reply(f"You bind {target.name}'s wounds as best you can. They will live.")
    ctx.world.tell_room(
        ctx.room, f"{ctx.player.name} binds {target.name}'s wounds.", exclude=(ctx.player, target)
    )
