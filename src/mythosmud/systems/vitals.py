"""The slow tides of the body and mind: healing out of combat, bleeding, and lucidity's return."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mythosmud.systems.death import bleed

if TYPE_CHECKING:
    from mythosmud.world.model import Room
    from mythosmud.world.world import World


def regenerate(world: World) -> None:
    """Out of combat, DP and magic come back a tenth at a time (at least one point), twice
    that while resting."""
    for player in list(world.players.values()):
        if not player.conscious or player.fighting is not None:
            continue
        before = (player.hp, player.mp)
        pace = 2 if player.resting else 1
        player.hp = min(player.maxhp, player.hp + pace * max(1, player.maxhp // 10))
        player.mp = min(player.maxmp, player.mp + pace)
        if (player.hp, player.mp) != before:
            world.send_vitals(player)
            world.mark_dirty(player)
    for mob in world.mobs:
        if mob.fighting is None and mob.hp < mob.maxhp:
            mob.hp = min(mob.maxhp, mob.hp + max(1, mob.maxhp // 10))


def bleed_out(world: World) -> None:
    for player in list(world.players.values()):
        if not player.conscious:
            bleed(world, player)


def recover_lucidity(world: World) -> None:
    """Sanctuary, company and rest mend the mind, a point at a time."""
    for player in world.players.values():
        if player.lucidity >= player.maxlucidity or not player.conscious:
            continue
        room = player.room
        if player.resting or "safe" in room.defn.flags or _has_company(room):
            player.lucidity += 1
            world.send_vitals(player)
            world.mark_dirty(player)


def _has_company(room: Room) -> bool:
    """Two conscious people in the room; stops counting at two, so a crowd costs no more."""
    conscious = 0
    for other in room.players:
        if other.conscious:
            conscious += 1
            if conscious == 2:
                return True
    return False
