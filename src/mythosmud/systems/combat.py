"""Combat: engaging, the round (everyone acts in DEX order), blows, threat and NPC deaths.

Round-based: every `rules.combat_round` seconds each combatant strikes its target. NPCs keep a
threat list (damage builds threat) and switch targets only when another's threat passes the
current target's by 10 %.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mythosmud.systems import death
from mythosmud.systems.advancement import dodge_skill, fighting_skill, gain_xp, kill_xp
from mythosmud.systems.dice import damage_bonus, roll
from mythosmud.world.model import Mob, Player
from mythosmud.world.render import cap

if TYPE_CHECKING:
    from mythosmud.world.world import World

Combatant = Player | Mob
SWITCH_MARGIN = 1.10
UNARMED = {
    None: ("hit", "hits", "1d3", 0),
    "punch": ("punch", "punches", "1d3", 0),
    "kick": ("kick", "kicks", "1d4", -5),
}
SEVERITY = ((0.1, "a glancing blow"), (0.25, "a solid blow"), (0.5, "a heavy blow"))


def refusal(attacker: Player, target: Combatant) -> str | None:
    """Why this attack may not happen, or None."""
    flags = attacker.room.defn.flags
    if "safe" in flags:
        return "This is a place of sanctuary. No violence will be done here."
    if target is attacker:
        return "You cannot bring yourself to do that."
    if not attacker.conscious:
        return "You can barely lift your head."
    if isinstance(target, Player):
        if "pvp" not in flags:
            return "Arkham's constables frown on brawling here. There are darker places for that."
        if not target.conscious:
            return f"{target.name} is already beyond fighting."
    elif "shopkeeper" in target.defn.behaviours:
        return f"You think better of it. {cap(target.name)} is well known, and well liked."
    return None


def engage(world: World, attacker: Combatant, target: Combatant) -> None:
    for side in (attacker, target):
        if isinstance(side, Player):
            side.resting = False
    attacker.fighting = target
    world.combatants.add(attacker)
    if isinstance(target, Mob) and isinstance(attacker, Player):
        add_threat(target, attacker, 1.0)
    if target.fighting is None:
        target.fighting = attacker
        world.combatants.add(target)


def disengage(world: World, combatant: Combatant) -> None:
    combatant.fighting = None
    world.combatants.discard(combatant)


def add_threat(mob: Mob, player: Player, amount: float) -> None:
    mob.threat[player.key] = mob.threat.get(player.key, 0.0) + amount


def _present(world: World, actor: Combatant, target: Combatant | None) -> bool:
    if target is None or not target.conscious or target.room is not actor.room:
        return False
    if isinstance(target, Player):
        return world.players.get(target.key) is target
    return target in target.room.mobs


def pick_target(world: World, mob: Mob) -> Combatant | None:
    """The current target, unless another present player's threat beats it by the margin."""
    current = mob.fighting if _present(world, mob, mob.fighting) else None
    candidates = [p for p in mob.room.players if p.conscious and p.key in mob.threat]
    if not candidates:
        return current
    best = max(candidates, key=lambda p: mob.threat[p.key])
    if current is None:
        return best
    current_threat = mob.threat.get(current.key, 0.0) if isinstance(current, Player) else 0.0
    if best is not current and mob.threat[best.key] > SWITCH_MARGIN * current_threat:
        world.tell_room(mob.room, f"{cap(mob.name)} turns on {best.name}!", "combat")
        return best
    return current


def _dex(c: Combatant) -> int:
    return c.stat("dex")


def combat_round(world: World) -> None:
    for actor in sorted(world.combatants, key=lambda c: (-_dex(c), c.name)):
        if actor not in world.combatants:
            continue  # fell or fled earlier in this round
        if not actor.conscious:
            disengage(world, actor)
            continue
        if isinstance(actor, Mob):
            if _flees(world, actor):
                continue
            target = pick_target(world, actor)
        else:
            target = actor.fighting if _present(world, actor, actor.fighting) else None
        if target is None:
            disengage(world, actor)
            continue
        actor.fighting = target
        if target.fighting is None:
            engage(world, target, actor)
        strike(world, actor, target)


def _flees(world: World, mob: Mob) -> bool:
    if "cowardly" not in mob.defn.behaviours or mob.hp > mob.defn.flee_below * mob.maxhp:
        return False
    from mythosmud.systems.npcs import flee

    return flee(world, mob)


def _weapon(attacker: Combatant) -> tuple[str, str, str, int, str]:
    """(verb, verbs, dice, skill modifier, ' with <weapon>')."""
    if isinstance(attacker, Mob):
        return "hit", attacker.defn.attack, attacker.defn.damage, 0, ""
    weapon = attacker.weapon
    if weapon is not None and weapon.defn.damage and attacker.style is None:
        return "strike", "strikes", weapon.defn.damage, 0, f" with {weapon.name}"
    verb, verbs, dice, modifier = UNARMED[attacker.style]
    return verb, verbs, dice, modifier, ""


def strike(world: World, attacker: Combatant, target: Combatant) -> None:
    verb, verbs, dice, modifier, with_weapon = _weapon(attacker)
    skill = attacker.defn.fighting_skill if isinstance(attacker, Mob) else fighting_skill(attacker)
    dodge = (
        target.stat("dex") // 5 + target.level if isinstance(target, Mob) else dodge_skill(target)
    )
    chance = max(5, min(95, skill + modifier - dodge))
    if world.rng.randint(1, 100) > chance:
        if verb == "hit" and isinstance(attacker, Player):
            verb, verbs = "swing", "swings"
        _announce(world, attacker, target, f"{verb} at", f"{verbs} at", with_weapon, "but miss")
        return
    bonus = damage_bonus(attacker.stat("str"), attacker.stat("siz"))
    amount = roll(dice, world.rng) + (roll(bonus, world.rng) if bonus else 0)
    if isinstance(target, Mob):
        amount -= target.defn.armor
    amount = max(1, amount)
    ratio = amount / max(1, target.maxhp)
    severity = next((word for limit, word in SEVERITY if ratio < limit), "a terrible blow")
    _announce(world, attacker, target, verb, verbs, with_weapon, severity)
    hurt(world, target, amount, attacker)


def _announce(
    world: World,
    attacker: Combatant,
    target: Combatant,
    verb: str,
    verbs: str,
    with_weapon: str,
    outcome: str,
) -> None:
    a_name, t_name = cap(attacker.name), target.name
    missed = outcome == "but miss"
    if isinstance(attacker, Player):
        tail = ", but miss." if missed else f": {outcome}."
        world.tell(attacker, f"You {verb} {t_name}{with_weapon}{tail}", "combat")
    if isinstance(target, Player):
        tail = ", but misses." if missed else f": {outcome}."
        world.tell(target, f"{a_name} {verbs} you{with_weapon}{tail}", "combat")
    room_tail = ", but misses." if missed else "."
    text = f"{a_name} {verbs} {t_name}{with_weapon}{room_tail}"
    world.tell_room(attacker.room, text, "combat", exclude=_players(attacker, target))


def _players(*beings: Combatant) -> tuple[Player, ...]:
    return tuple(b for b in beings if isinstance(b, Player))


def hurt(world: World, target: Combatant, amount: int, source: Combatant | None) -> None:
    """Damage from any source. A conscious investigator falls to 0 at worst, never further."""
    if isinstance(target, Player):
        if target.hp > 0:
            target.hp = max(0, target.hp - amount)
            world.send_vitals(target)
            world.mark_dirty(target)
            if target.hp == 0:
                death.fall(world, target)
        return
    if isinstance(source, Player):
        add_threat(target, source, amount)
    target.hp -= amount
    if target.hp <= 0:
        mob_dies(world, target)


def mob_dies(world: World, mob: Mob) -> None:
    from mythosmud.systems.npcs import remove_mob

    room = mob.room
    world.tell_room(room, f"{cap(mob.name)} shudders, and is still.", "combat")
    contents = [
        item
        for entry in mob.defn.loot
        if world.rng.random() < entry.chance
        for item in (world.make_item(entry.item) for _ in range(entry.count))
        if item is not None
    ]
    death.leave_corpse(
        world, room, mob.name, mob.defn.keywords, contents, mob.money, keep_contents=False
    )
    share_experience(world, mob)
    for other in list(world.combatants):
        if other.fighting is mob:
            disengage(world, other)
    disengage(world, mob)
    remove_mob(world, mob)


def share_experience(world: World, mob: Mob) -> None:
    """Everyone present who hurt it shares the kill by the threat they built."""
    earners = [p for p in mob.room.players if mob.threat.get(p.key, 0) > 0]
    total = sum(mob.threat[p.key] for p in earners)
    for player in earners:
        full = kill_xp(mob.defn.xp_value, mob.level, player.level)
        gain_xp(world, player, max(1, round(full * mob.threat[player.key] / total)))
