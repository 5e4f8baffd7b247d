"""Content definitions: the frozen, validated shape of the YAML world.

Every model forbids unknown keys so that a typo in a builder's file is an error, not a silently
ignored field. Ids inside an area file may be local (`foyer`); the loader qualifies them to
`area:room` form.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

STATS = ("str", "con", "siz", "dex", "app", "int", "pow", "edu", "luck")
Stat = Literal["str", "con", "siz", "dex", "app", "int", "pow", "edu", "luck"]

DIRECTIONS = (
    "north",
    "south",
    "east",
    "west",
    "up",
    "down",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "in",
    "out",
)
Direction = Literal[
    "north",
    "south",
    "east",
    "west",
    "up",
    "down",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "in",
    "out",
]
WearSlot = Literal["wield", "held", "head", "neck", "body", "about", "hands", "waist", "feet"]
RoomFlag = Literal["safe", "indoors", "dark", "pvp"]

_ID = re.compile(r"^[a-z][a-z0-9_-]*(:[a-z][a-z0-9_-]*)?$")
DICE = re.compile(r"^(\d{1,2})d(\d{1,3})([+-]\d{1,3})?$")


class _Def(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError("ids are lowercase letters, digits, '-' and '_', as 'id' or 'area:id'")
    return value


def _check_dice(value: str | None) -> str | None:
    if value is not None and not DICE.match(value):
        raise ValueError("dice are written like '1d6', '2d4+1' or '1d3-1'")
    return value


class ExitDef(_Def):
    """An exit: where it leads, and whether it is listed to players."""

    to: str
    hidden: bool = False
    description: str | None = None

    _to = field_validator("to")(_check_id)


class RoomItemDef(_Def):
    """An item that lies in a room and comes back after it is taken."""

    item: str
    count: int = Field(default=1, ge=1, le=20)
    respawn: int | None = Field(default=None, ge=10, description="seconds; default from settings")

    _item = field_validator("item")(_check_id)


class NpcSpawnDef(_Def):
    """Keep up to `max` of an NPC in a room, replacing the fallen after `respawn` seconds."""

    npc: str
    max: int = Field(default=1, ge=1, le=20)
    respawn: int = Field(default=300, ge=5)

    _npc = field_validator("npc")(_check_id)


class RoomDef(_Def):
    id: str
    name: str = Field(min_length=1, max_length=80)
    description: str = Field(min_length=20)
    exits: dict[Direction, str | ExitDef] = Field(default_factory=dict)
    extras: dict[str, str] = Field(
        default_factory=dict, description="details a player can look at, by keyword"
    )
    items: list[RoomItemDef] = Field(default_factory=list)
    npcs: list[NpcSpawnDef] = Field(default_factory=list)
    flags: list[RoomFlag] = Field(default_factory=list)

    _id = field_validator("id")(_check_id)


class ItemDef(_Def):
    id: str
    name: str = Field(
        min_length=1, max_length=80, description="as in a sentence: 'a brass lantern'"
    )
    keywords: list[str] = Field(min_length=1)
    short: str = Field(min_length=1, description="the line shown when it lies in a room")
    description: str = Field(min_length=10, description="what examining it shows")
    weight: float = Field(default=1.0, ge=0, le=500, description="pounds")
    slot: WearSlot | None = None
    value: int = Field(default=0, ge=0, description="cents")
    takeable: bool = True
    light: bool = Field(default=False, description="held, it lights a dark room")
    damage: str | None = Field(default=None, description="dice, for a wielded weapon: '1d6'")

    _damage = field_validator("damage")(_check_dice)

    _id = field_validator("id")(_check_id)

    @field_validator("keywords")
    @classmethod
    def _lower_keywords(cls, value: list[str]) -> list[str]:
        return [k.lower() for k in value]


class AreaSpawnDef(NpcSpawnDef):
    """An area-wide population: up to `max` of the NPC, each appearing in one of `rooms`."""

    rooms: list[str] = Field(min_length=1)


class AreaDef(_Def):
    """`areas/<id>/area.yaml`: the area's manifest."""

    id: str
    name: str
    description: str = ""
    item_respawn: int | None = Field(default=None, ge=10, description="seconds, for this area")
    spawns: list[AreaSpawnDef] = Field(default_factory=list)

    _id = field_validator("id")(_check_id)


class RoomsFile(_Def):
    """`areas/<id>/rooms.yaml`."""

    rooms: list[RoomDef]


class ItemsFile(_Def):
    """`areas/<id>/items.yaml`."""

    items: list[ItemDef]


class ProfessionDef(_Def):
    id: str
    name: str
    description: str = Field(min_length=10)
    requirements: dict[Stat, int] = Field(default_factory=dict)
    modifiers: dict[Stat, int] = Field(default_factory=dict)
    starting_items: list[str] = Field(default_factory=list)
    starting_money: int = Field(default=500, ge=0, description="cents")

    _id = field_validator("id")(_check_id)


class HelpTopicDef(_Def):
    topic: str
    keywords: list[str] = Field(default_factory=list)
    text: str = Field(min_length=10)


class ProfessionsFile(_Def):
    """`professions.yaml`."""

    professions: list[ProfessionDef]


class HelpFile(_Def):
    """`help.yaml`: topics beyond the commands' own help."""

    topics: list[HelpTopicDef]


class WorldDef(_Def):
    """The top-level `world.yaml`: where newcomers start and where the fallen wake."""

    name: str
    start_room: str
    respawn_room: str
    motd: str = ""
