"""Experience and levels: what a kill is worth, the level curve, and what a level brings."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mythosmud.world.model import Player
    from mythosmud.world.world import World

MAX_LEVEL = 50


def xp_for_level(level: int) -> int:
    """Total experience needed to reach a level: 0, 100, 300, 600, 1000, ..."""
    return 50 * level * (level - 1)


def kill_xp(npc_xp: int, npc_level: int, player_level: int) -> int:
    """Foes above you are worth more, foes far beneath you almost nothing."""
    factor = max(0.1, min(2.0, 1 + 0.25 * (npc_level - player_level)))
    return max(1, round(npc_xp * factor))


def fighting_skill(player: Player) -> int:
    """Fighting, in percent: grows with DEX and with every level."""
    return min(95, 25 + player.stat("dex") // 5 + 4 * (player.level - 1))


def dodge_skill(player: Player) -> int:
    return min(60, player.stat("dex") // 5 + 2 * (player.level - 1))


def gain_xp(world: World, player: Player, amount: int) -> None:
    player.xp += amount
    world.tell(player, f"You gain {amount} experience.", "info")
    while player.level < MAX_LEVEL and player.xp >= xp_for_level(player.level + 1):
        player.level += 1
        gain = 2 + player.stat("con") // 25
        player.maxhp += gain
        player.hp += gain
        player.maxmp += 1
        world.tell(
            player,
            f"You have reached level {player.level}. What you have survived has hardened you: "
            f"{gain} more determination, and a surer hand in a fight.",
            "system",
        )
        world.send_vitals(player)
    world.mark_dirty(player)


def lose_progress(player: Player) -> int:
    """Death's price: half the experience earned toward the next level. Levels are kept."""
    floor = xp_for_level(player.level)
    lost = (player.xp - floor) // 2
    player.xp -= lost
    return lost
