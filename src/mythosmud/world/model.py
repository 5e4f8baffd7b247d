"""Live game objects: rooms, items and the characters in play.

Definitions (`…Def`) are frozen content; these objects hold the state that changes. Nothing here
knows about sockets or the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mythosmud.world.defs import ItemDef, RoomDef, WearSlot
from mythosmud.world.npcdefs import NpcDef

DEFAULT_STAT = 50


@dataclass(eq=False)
class Item:
    """One item in the world: in a room, carried or worn. Corpses are containers that decay."""

    defn: ItemDef
    contents: list[Item] | None = None
    money: int = 0
    decay_at: float | None = None

    @property
    def name(self) -> str:
        return self.defn.name

    def matches(self, word: str) -> bool:
        word = word.lower()
        return any(k.startswith(word) for k in self.defn.keywords)


@dataclass
class ItemSpawn:
    """A room's promise to keep `count` of an item lying about, refilled after `respawn` s."""

    item: ItemDef
    count: int
    respawn: float
    due: float | None = None


@dataclass(eq=False)
class Room:
    defn: RoomDef
    area: str
    exits: dict[str, str]
    visible_exits: dict[str, str]
    items: list[Item] = field(default_factory=list)
    players: list[Player] = field(default_factory=list)
    mobs: list[Mob] = field(default_factory=list)
    spawns: list[ItemSpawn] = field(default_factory=list)
    # Encoded frames, made once and sent to everyone (docs/performance.md, finding 11):
    # Room.Info never changes; Room.Players changes only through the four methods below.
    info_body: bytes | None = field(default=None, repr=False)
    presence_body: bytes | None = field(default=None, repr=False)
    heading: str | None = field(default=None, repr=False)  # name, description, exits: fixed

    @property
    def id(self) -> str:
        return self.defn.id

    def add_player(self, player: Player) -> None:
        self.players.append(player)
        self.presence_body = None

    def remove_player(self, player: Player) -> None:
        if player in self.players:
            self.players.remove(player)
            self.presence_body = None

    def add_mob(self, mob: Mob) -> None:
        self.mobs.append(mob)
        self.presence_body = None

    def remove_mob(self, mob: Mob) -> None:
        self.mobs.remove(mob)
        self.presence_body = None

    @property
    def name(self) -> str:
        return self.defn.name

    def is_lit(self) -> bool:
        """Dark rooms are lit only by a light someone here holds."""
        if "dark" not in self.defn.flags:
            return True
        return any(
            (held := p.equipment.get("held")) is not None and held.defn.light for p in self.players
        )


@dataclass(eq=False)
class Player:
    """A character in play. `session_id` is None while linkdead."""

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
    room: Room
    inventory: list[Item] = field(default_factory=list)
    equipment: dict[WearSlot, Item] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    role: str = "player"
    session_id: str | None = None
    pose: str = ""
    resting: bool = False  # until the character moves, fights or stands
    reply_to: str | None = None
    linkdead_since: float | None = None
    xp: int = 0
    money: int = 0
    fighting: Player | Mob | None = None
    style: str | None = None
    horrors_seen: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return self.name.lower()

    @property
    def is_npc(self) -> bool:
        return False

    @property
    def conscious(self) -> bool:
        return self.hp > 0

    @property
    def weapon(self) -> Item | None:
        return self.equipment.get("wield")

    def stat(self, name: str) -> int:
        return self.stats.get(name, DEFAULT_STAT)

    @property
    def carried_weight(self) -> float:
        return sum(i.defn.weight for i in self.inventory) + sum(
            i.defn.weight for i in self.equipment.values()
        )

    @property
    def carry_capacity(self) -> float:
        """Pounds an investigator can carry: stronger and larger folk carry more."""
        return 20 + (self.stat("str") + self.stat("siz")) * 0.5

    def vitals(self) -> dict[str, int]:
        return {
            "hp": self.hp,
            "maxhp": self.maxhp,
            "mp": self.mp,
            "maxmp": self.maxmp,
            "lucidity": self.lucidity,
            "maxlucidity": self.maxlucidity,
        }


@dataclass(eq=False)
class Mob:
    """An NPC in the world, spawned from its definition by a spawner."""

    uid: int
    defn: NpcDef
    room: Room
    home: Room
    hp: int
    maxhp: int
    money: int = 0
    fighting: Player | Mob | None = None
    threat: dict[str, float] = field(default_factory=dict)
    spawner: NpcSpawner | None = None

    @property
    def name(self) -> str:
        return self.defn.name

    @property
    def key(self) -> str:
        return f"npc-{self.uid}"

    @property
    def level(self) -> int:
        return self.defn.level

    @property
    def is_npc(self) -> bool:
        return True

    @property
    def conscious(self) -> bool:
        return self.hp > 0

    def stat(self, name: str) -> int:
        return self.defn.stats.get(name, DEFAULT_STAT)  # type: ignore[call-overload, no-any-return]

    def matches(self, word: str) -> bool:
        word = word.lower()
        return any(k.startswith(word) for k in self.defn.keywords)


@dataclass(eq=False)
class NpcSpawner:
    """Keeps up to `max` of one NPC alive in its rooms; the fallen return after `respawn` s."""

    defn: NpcDef
    rooms: list[Room]
    max: int
    respawn: float
    alive: list[Mob] = field(default_factory=list)
    due: list[float] = field(default_factory=list)
