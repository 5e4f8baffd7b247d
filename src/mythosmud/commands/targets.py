"""Finding what a player means: `candle`, `2.candle`, `all`, `all.candle`, a player's name."""

from __future__ import annotations

from collections.abc import Iterable

from mythosmud.world.model import Item, Mob, Player


def _split_index(word: str) -> tuple[int, str]:
    head, dot, tail = word.partition(".")
    if dot and head.isdigit() and int(head) >= 1:
        return int(head), tail
    return 1, word


def find_item(items: Iterable[Item], word: str) -> Item | None:
    """The nth item (default first) whose keywords start with the word."""
    index, word = _split_index(word.lower())
    if not word:
        return None
    for item in items:
        if item.matches(word):
            index -= 1
            if index == 0:
                return item
    return None


def select_items(items: list[Item], spec: str) -> list[Item]:
    """`all`, `all.<keyword>`, or one item by keyword."""
    spec = spec.lower()
    if spec == "all":
        return list(items)
    if spec.startswith("all."):
        word = spec[4:]
        return [i for i in items if word and i.matches(word)]
    found = find_item(items, spec)
    return [found] if found else []


def find_player_here(players: Iterable[Player], word: str, viewer: Player) -> Player | None:
    """A player in the room by the start of their name, the viewer last."""
    word = word.lower()
    if word in ("me", "self"):
        return viewer
    matches = [p for p in players if p.key.startswith(word)]
    exact = [p for p in matches if p.key == word]
    ordered = exact or sorted(matches, key=lambda p: p is viewer)
    return ordered[0] if ordered else None


def find_mob(mobs: Iterable[Mob], word: str) -> Mob | None:
    """The nth NPC (default first) whose keywords start with the word."""
    index, word = _split_index(word.lower())
    if not word:
        return None
    for mob in mobs:
        if mob.matches(word):
            index -= 1
            if index == 0:
                return mob
    return None


def find_being(viewer: Player, word: str) -> Player | Mob | None:
    """Someone in the viewer's room: a player by name first, then an NPC by keyword."""
    room = viewer.room
    return find_player_here(room.players, word, viewer) or find_mob(room.mobs, word)
