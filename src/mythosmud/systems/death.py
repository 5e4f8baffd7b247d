"""Falling, bleeding, being helped up, dying, and the corpses left behind.

At 0 DP an investigator is mortally wounded: they can do little but speak, they lose a point
every `rules.bleed` seconds, and someone may `aid` them. At -10 they die: their carried things
stay with their corpse (what they wear and their money go with them), they lose half their
progress toward the next level and some lucidity, and they wake in the sanitarium.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mythosmud.events import PlayerDied
from mythosmud.systems.advancement import lose_progress
from mythosmud.world.defs import ItemDef
from mythosmud.world.model import Item, Player, Room

if TYPE_CHECKING:
    from mythosmud.world.world import World

DEATH_THRESHOLD = -10
DEATH_LUCIDITY_LOSS = 5


def fall(world: World, player: Player) -> None:
    from mythosmud.systems.combat import disengage

    disengage(world, player)
    for other in list(world.combatants):
        if other.fighting is player:
            other.fighting = None
    world.tell(
        player,
        "You crumple to the ground, mortally wounded. Unless someone tends to you, you will die.",
        "combat",
    )
    world.tell_room(
        player.room, f"{player.name} crumples, mortally wounded!", "combat", exclude=player
    )


def bleed(world: World, player: Player) -> None:
    player.hp -= 1
    world.mark_dirty(player)
    if player.hp <= DEATH_THRESHOLD:
        die(world, player)
        return
    world.send_vitals(player)
    world.tell(player, "Your life is ebbing away.", "combat")


def stabilise(world: World, player: Player, helper: Player) -> None:
    player.hp = 1
    world.send_vitals(player)
    world.mark_dirty(player)
    world.tell(player, f"{helper.name} binds your wounds. The world swims back into focus.", "info")


def die(world: World, player: Player) -> None:
    room = player.room
    carried, player.inventory = player.inventory, []
    leave_corpse(world, room, player.name, [player.key], carried, 0, keep_contents=True)
    lost = lose_progress(player)
    player.lucidity = max(0, player.lucidity - DEATH_LUCIDITY_LOSS)
    player.hp = max(1, player.maxhp // 2)
    player.pose = ""
    world.tell(
        player,
        "The last of your strength runs out of you, and the dark comes up like water.\n"
        "...\n"
        "You wake to carbolic and starched linen. Someone found you and brought you here. "
        "Your memory of the last days is a ruin"
        + (f" (you lose {lost} experience)" if lost else "")
        + ", and something of what you saw has come with you.",
        "system",
    )
    world.tell_room(
        room, f"{player.name} draws a last, rattling breath, and dies.", "combat", exclude=player
    )
    world.place(player, world.respawn_room)
    world.send_room_players(room)
    world.tell_room(
        player.room, f"Orderlies carry {player.name} in on a stretcher.", exclude=player
    )
    world.send_room_players(player.room, exclude=player)
    world.show_room(player)
    world.send_vitals(player)
    world.save_now(player)
    world.events.emit(PlayerDied(player.name, room.id))


def leave_corpse(
    world: World,
    room: Room,
    name: str,
    keywords: list[str],
    contents: list[Item],
    money: int,
    *,
    keep_contents: bool,
) -> Item:
    """A corpse holding `contents`; a player's spills its contents when it decays."""
    kind = "player" if keep_contents else "npc"
    defn = ItemDef(
        id=f"corpse:{kind}",
        name=f"the corpse of {name}",
        keywords=["corpse", *keywords],
        short=f"The corpse of {name} lies here.",
        description=f"What is left of {name}. You find it hard to look at for long.",
        weight=150,
        takeable=False,
    )
    decay = world.rules.player_corpse_decay if keep_contents else world.rules.npc_corpse_decay
    corpse = Item(defn, contents=contents, money=money, decay_at=world.clock() + decay)
    room.items.append(corpse)
    world.corpses.append((room, corpse))
    return corpse


def decay_corpses(world: World) -> None:
    now = world.clock()
    keep: list[tuple[Room, Item]] = []
    for room, corpse in world.corpses:
        if corpse not in room.items:
            continue
        if corpse.decay_at is not None and now < corpse.decay_at:
            keep.append((room, corpse))
            continue
        room.items.remove(corpse)
        if corpse.defn.id == "corpse:player" and corpse.contents:
            room.items.extend(corpse.contents)
            world.tell_room(
                room,
                f"{corpse.name.capitalize()} is gone at last; what it held "
                "lies scattered where it lay.",
            )
        else:
            world.tell_room(room, f"{corpse.name.capitalize()} crumbles away into grave-dirt.")
    world.corpses = keep
