"""The slow tides of the body and mind: healing out of combat, bleeding, and lucidity's return."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mythosmud.systems.death import bleed

if TYPE_CHECKING:
    from mythosmud.world.world import World


def regenerate(world: World) -> None:
    """Out of combat, DP and magic come back a tenth at a time (at least one point)."""
    for player in list(world.players.values()):
        if not player.conscious or player.fighting is not None:
            continue
        before = (player.hp, player.mp)
        player.hp = min(player.maxhp, player.hp + max(1, player.maxhp // 10))
        player.mp = min(player.maxmp, player.mp + 1)
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
    """Sanctuary and company mend the mind, a point at a time."""
    for player in world.players.values():
        if player.lucidity >= player.maxlucidity or not player.conscious:
            continue
        room = player.room
        company = sum(1 for p in room.players if p.conscious) > 1
        if "safe" in room.defn.flags or company:
            player.lucidity += 1
            world.send_vitals(player)
            world.mark_dirty(player)
