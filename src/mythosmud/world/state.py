"""CharacterState: a character as plain data, the form that crosses into and out of storage.

The world turns states into live `Player`s at login and snapshots them back for saving; the
repositories turn states into rows. Neither side sees the other's objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from mythosmud.world.model import Item, Player

if TYPE_CHECKING:
    from mythosmud.world.world import World


@dataclass(frozen=True)
class CharacterState:
    id: int
    account_id: int
    name: str
    profession: str
    level: int
    stats: dict[str, int]
    hp: int
    maxhp: int
    mp: int
    maxmp: int
    lucidity: int
    maxlucidity: int
    room_id: str
    xp: int = 0
    money: int = 0
    inventory: list[str] = field(default_factory=list)
    equipment: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    role: str = "player"


class Saver(Protocol):
    """Takes snapshots for durable storage and writes them soon, those given together at once."""

    def save(self, states: list[CharacterState]) -> None: ...


def snapshot(player: Player) -> CharacterState:
    return CharacterState(
        id=player.id,
        account_id=player.account_id,
        name=player.name,
        profession=player.profession,
        level=player.level,
        stats=dict(player.stats),
        hp=player.hp,
        maxhp=player.maxhp,
        mp=player.mp,
        maxmp=player.maxmp,
        lucidity=player.lucidity,
        maxlucidity=player.maxlucidity,
        room_id=player.room.id,
        xp=player.xp,
        money=player.money,
        inventory=[i.defn.id for i in player.inventory],
        equipment={slot: i.defn.id for slot, i in player.equipment.items()},
        aliases=dict(player.aliases),
        role=player.role,
    )


def restore(world: World, state: CharacterState) -> Player:
    """A live Player from stored state; unknown rooms and items (content changed) are skipped."""
    room = world.rooms.get(state.room_id, world.start_room)
    inventory = [item for iid in state.inventory if (item := world.make_item(iid))]
    equipment: dict[str, Item] = {}
    for slot, iid in state.equipment.items():
        item = world.make_item(iid)
        if item and item.defn.slot == slot:
            equipment[slot] = item
    return Player(
        id=state.id,
        account_id=state.account_id,
        name=state.name,
        profession=state.profession,
        level=state.level,
        stats=dict(state.stats),
        hp=min(state.hp, state.maxhp),
        maxhp=state.maxhp,
        mp=state.mp,
        maxmp=state.maxmp,
        lucidity=state.lucidity,
        maxlucidity=state.maxlucidity,
        room=room,
        inventory=inventory,
        equipment=equipment,  # type: ignore[arg-type]
        aliases=dict(state.aliases),
        role=state.role,
        xp=state.xp,
        money=state.money,
    )
