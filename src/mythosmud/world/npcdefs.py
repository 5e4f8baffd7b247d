"""NPC definitions: who lives in Arkham, how they behave, what they carry and say."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from mythosmud.world.defs import Stat, _check_dice, _check_id, _Def

Behaviour = Literal["stationary", "wander", "aggressive", "cowardly", "shopkeeper"]


class LootDef(_Def):
    item: str
    chance: float = Field(default=1.0, gt=0, le=1)
    count: int = Field(default=1, ge=1, le=10)

    _item = field_validator("item")(_check_id)


class AggressionDef(_Def):
    """Whom an aggressive NPC attacks on sight: everyone, unless limited here."""

    max_level: int | None = Field(default=None, ge=1, description="only players at or below")
    max_lucidity: int | None = Field(default=None, ge=0, description="only the shaken")


class ShopDef(_Def):
    items: list[str] = Field(min_length=1)
    markup: float = Field(default=1.0, ge=0.1, le=10)
    buy_ratio: float = Field(default=0.5, ge=0, le=1, description="share of value paid")

    @field_validator("items")
    @classmethod
    def _ids(cls, value: list[str]) -> list[str]:
        return [_check_id(v) for v in value]


class NpcDef(_Def):
    id: str
    name: str = Field(min_length=1, max_length=60, description="as in a sentence: 'a ghoul'")
    keywords: list[str] = Field(min_length=1)
    short: str = Field(min_length=1, description="the line shown while it is in a room")
    description: str = Field(min_length=10)
    level: int = Field(default=1, ge=1, le=50)
    stats: dict[Stat, int] = Field(default_factory=dict)
    hp: int | None = Field(default=None, ge=1, description="default: from level")
    skill: int | None = Field(default=None, ge=1, le=99, description="fighting, percent")
    damage: str = "1d3"
    attack: str = Field(default="hits", description="the verb of its blows: 'claws'")
    armor: int = Field(default=0, ge=0, le=10)
    behaviours: list[Behaviour] = Field(default=["stationary"])
    aggression: AggressionDef | None = None
    flee_below: float = Field(default=0.25, ge=0, le=1, description="share of DP; cowards")
    wander_chance: float = Field(default=0.05, ge=0, le=1, description="per second")
    loot: list[LootDef] = Field(default_factory=list)
    money: tuple[int, int] = (0, 0)
    dialogue: list[str] = Field(default_factory=list)
    chatter: float = Field(default=0.01, ge=0, le=1, description="chance per second to talk")
    shop: ShopDef | None = None
    xp: int | None = Field(default=None, ge=0, description="default: from level")
    horror: int = Field(default=0, ge=0, le=20, description="lucidity lost on first sight")

    _id = field_validator("id")(_check_id)
    _damage = field_validator("damage")(_check_dice)

    @field_validator("keywords")
    @classmethod
    def _lower_keywords(cls, value: list[str]) -> list[str]:
        return [k.lower() for k in value]

    @model_validator(mode="after")
    def _consistent(self) -> NpcDef:
        if ("shopkeeper" in self.behaviours) != (self.shop is not None):
            raise ValueError("a shopkeeper needs a shop, and a shop needs a shopkeeper")
        if ("aggressive" in self.behaviours) and "shopkeeper" in self.behaviours:
            raise ValueError("a shopkeeper cannot be aggressive")
        if self.money[0] > self.money[1]:
            raise ValueError("money is [least, most] in cents")
        return self

    @property
    def max_hp(self) -> int:
        return self.hp or 6 + 4 * self.level

    @property
    def fighting_skill(self) -> int:
        return self.skill or min(90, 30 + 5 * self.level)

    @property
    def xp_value(self) -> int:
        return self.xp if self.xp is not None else 10 * self.level + self.level**2


class NpcsFile(_Def):
    """`areas/<id>/npcs.yaml`."""

    npcs: list[NpcDef]
