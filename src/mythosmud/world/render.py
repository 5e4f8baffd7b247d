"""How the world looks: room descriptions, item lists and the structured room frames."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mythosmud.world.defs import DIRECTIONS

if TYPE_CHECKING:
    from mythosmud.world.model import Item, Mob, Player, Room

SLOT_LABELS = {
    "wield": "wielded",
    "held": "held",
    "head": "on head",
    "neck": "around neck",
    "body": "on body",
    "about": "about body",
    "hands": "on hands",
    "waist": "about waist",
    "feet": "on feet",
}


SLOT_PHRASES = {
    "wield": "in your hand",
    "held": "in your hand",
    "head": "on your head",
    "neck": "around your neck",
    "body": "on your body",
    "about": "about your shoulders",
    "hands": "on your hands",
    "waist": "about your waist",
    "feet": "on your feet",
}


def ordered_exits(exits: dict[str, str]) -> list[str]:
    return [d for d in DIRECTIONS if d in exits]


def room_info_frame(room: Room) -> dict[str, Any]:
    exits = {d: room.visible_exits[d] for d in ordered_exits(room.visible_exits)}
    data = {"id": room.id, "name": room.name, "area": room.area, "exits": exits}
    return {"type": "Room.Info", "data": data}


def room_players_frame(room: Room) -> dict[str, Any]:
    data = [{"name": p.name, "kind": "player"} for p in room.players]
    data.extend({"name": m.name, "kind": "npc"} for m in room.mobs)
    return {"type": "Room.Players", "data": data}


def cap(name: str) -> str:
    """A name at the start of a sentence: 'a grey rat' -> 'A grey rat'."""
    return name[:1].upper() + name[1:]


def dollars(cents: int) -> str:
    return f"${cents // 100}.{cents % 100:02d}"


def channel_frame(channel: str, talker: str, text: str) -> dict[str, Any]:
    return {
        "type": "Comm.Channel.Text",
        "data": {"channel": channel, "talker": talker, "text": text},
    }


def item_lines(items: list[Item], *, short: bool = False) -> list[str]:
    """One line per kind of item, counting duplicates: `a candle (2)`. Items that read the same
    are one kind (corpses share an id but not a name)."""
    counts: dict[str, int] = {}  # by the line's text, in first-seen order
    for item in items:
        text = item.defn.short if short else item.defn.name
        counts[text] = counts.get(text, 0) + 1
    return [f"{text} ({count})" if count > 1 else text for text, count in counts.items()]


def _foe(being: Player | Mob, viewer: Player) -> str:
    return "you" if being is viewer else being.name


def mob_line(mob: Mob, viewer: Player) -> str:
    if mob.fighting is not None:
        return f"{cap(mob.name)} is here, fighting {_foe(mob.fighting, viewer)}!"
    return mob.defn.short


def presence_line(other: Player, viewer: Player) -> str:
    if not other.conscious:
        return f"{other.name} lies here, mortally wounded."
    if other.fighting is not None:
        return f"{other.name} is here, fighting {_foe(other.fighting, viewer)}!"
    if other.linkdead_since is not None:
        return f"{other.name} stands motionless here, staring at nothing."
    if other.resting:
        return f"{other.name} is sitting here, resting."
    if other.pose:
        return f"{other.name} is {other.pose}."
    return f"{other.name} is here."


DARKNESS = (
    "It is pitch dark. You can make out nothing but the faint draught of the ways out, "
    "and your own breathing sounds very loud."
)


CROWD_LINES = 15  # others named in a room description before the rest become "a crowd"


def crowd_line(unnamed: int) -> str:
    if unnamed == 1:
        return "One more investigator is here, half hidden behind the others."
    return f"{unnamed} more investigators are here, too many faces to tell apart."


def exit_line(room: Room) -> str:
    exits = ordered_exits(room.visible_exits)
    return f"Exits: {', '.join(exits)}." if exits else "There is no obvious way out."


def describe_room(room: Room, viewer: Player) -> str:
    if not room.is_lit():
        others = len(room.players) > 1 or bool(room.mobs)
        return "\n".join(
            [room.name, DARKNESS, exit_line(room)]
            + (["You are sure that someone else is here in the dark with you."] if others else [])
        )
    if room.heading is None:
        room.heading = f"{room.name}\n{room.defn.description.strip()}\n{exit_line(room)}"
    lines = [room.heading]
    lines.extend(item_lines(room.items, short=True))
    lines.extend(mob_line(m, viewer) for m in room.mobs)
    # At most CROWD_LINES others are named, so a crowd costs what a few do; in a fight,
    # whoever fights the viewer is named first (only then is the room searched for them).
    foes = [p for p in room.players if p.fighting is viewer] if viewer.fighting else []
    lines.extend(presence_line(p, viewer) for p in foes[:CROWD_LINES])
    named = min(len(foes), CROWD_LINES)
    for other in room.players:
        if named >= CROWD_LINES:
            break
        if other is viewer or other.fighting is viewer:
            continue
        lines.append(presence_line(other, viewer))
        named += 1
    unnamed = len(room.players) - named - (1 if viewer.room is room else 0)
    if unnamed > 0:
        lines.append(crowd_line(unnamed))
    return "\n".join(lines)


def describe_player(target: Player) -> str:
    lines = [
        f"{target.name}, {_article(target.profession)} {target.profession.replace('-', ' ')}.",
    ]
    if target.equipment:
        lines.append(f"{target.name} is wearing:")
        lines.extend(equipment_lines(target))
    else:
        lines.append(f"{target.name} carries nothing out of the ordinary.")
    lines.append(health_phrase(target))
    return "\n".join(lines)


def equipment_lines(player: Player) -> list[str]:
    return [
        f"  <{SLOT_LABELS[slot]}> {item.name}"
        for slot, item in sorted(player.equipment.items(), key=lambda kv: _slot_order(kv[0]))
    ]


def _slot_order(slot: str) -> int:
    return list(SLOT_LABELS).index(slot)


def health_phrase(player: Player | Mob) -> str:
    ratio = player.hp / player.maxhp if player.maxhp else 0
    if player.hp <= 0:
        state = "is mortally wounded"
    elif ratio >= 1:
        state = "looks hale and steady"
    elif ratio > 0.6:
        state = "looks a little worn"
    elif ratio > 0.3:
        state = "looks badly shaken"
    else:
        state = "is barely holding together"
    return f"{cap(player.name)} {state}."


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"
