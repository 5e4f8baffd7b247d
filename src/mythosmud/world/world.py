"""The World: every room, item and character in play, and the frames they cause.

The world is synchronous and has one owner (the event loop's thread). It sends frames through
a `Transport`, encoding each frame once however many sessions receive it.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable, Iterable
from typing import Any, Protocol

import orjson

from mythosmud.events import EventBus, PlayerEntered, PlayerLeft
from mythosmud.systems.rules import Rules
from mythosmud.world import render
from mythosmud.world.defs import ItemDef
from mythosmud.world.loader import Content, exit_target
from mythosmud.world.model import Item, ItemSpawn, Mob, NpcSpawner, Player, Room
from mythosmud.world.state import Saver, snapshot


class Transport(Protocol):
    """Where the world's frames go: sessions in this process, or a gateway over NATS."""

    def send(self, session_id: str, body: bytes) -> None:
        """Queue one encoded frame (without `seq`) for a session; never blocks."""

    def close(self, session_id: str, code: int, reason: str) -> None:
        """Close a session after the frames already queued for it."""


Exclude = Player | tuple[Player, ...] | None


def encode(frame: dict[str, Any]) -> bytes:
    return orjson.dumps(frame)


def text_frame(text: str, kind: str = "info") -> dict[str, Any]:
    return {"type": "text", "kind": kind, "text": text}


class World:
    def __init__(
        self,
        content: Content,
        transport: Transport,
        saver: Saver,
        *,
        clock: Callable[[], float],
        rules: Rules | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.content = content
        self.transport = transport
        self.saver = saver
        self.rules = rules or Rules()
        self.clock = clock
        self.rng = rng or random.Random()
        self.events = EventBus()
        self.rooms: dict[str, Room] = {}
        self.players: dict[str, Player] = {}
        self.roster: list[Player] = []  # everyone in play, by name (kept sorted as they come)
        self.sessions: dict[str, Player] = {}
        # Changed characters not yet handed to the saver: key -> when first changed, oldest first.
        self.dirty: dict[str, float] = {}
        self.mobs: list[Mob] = []
        self.spawners: list[NpcSpawner] = []
        self.corpses: list[tuple[Room, Item]] = []
        self.combatants: set[Player | Mob] = set()
        self.home_distances: dict[str, dict[str, int]] = {}  # home room -> room -> steps
        self._mob_ids = 0
        self._build_rooms(self.rules.item_respawn)
        self._build_spawners()

    # -- construction -------------------------------------------------------------------

    def _build_rooms(self, default_respawn: float) -> None:
        for rid, rdef in self.content.rooms.items():
            exits: dict[str, str] = {d: exit_target(e) for d, e in rdef.exits.items()}
            visible: dict[str, str] = {
                d: exit_target(e)
                for d, e in rdef.exits.items()
                if isinstance(e, str) or not e.hidden
            }
            area = self.content.room_area[rid]
            room = Room(defn=rdef, area=area, exits=exits, visible_exits=visible)
            area_respawn = self.content.areas[area].item_respawn or default_respawn
            for spawn in rdef.items:
                idef = self.content.items[spawn.item]
                room.spawns.append(ItemSpawn(idef, spawn.count, spawn.respawn or area_respawn))
                room.items.extend(Item(idef) for _ in range(spawn.count))
            self.rooms[rid] = room

    def _build_spawners(self) -> None:
        for room in self.rooms.values():
            for spawn in room.defn.npcs:
                self.spawners.append(
                    NpcSpawner(self.content.npcs[spawn.npc], [room], spawn.max, spawn.respawn)
                )
        for area_spawn in self.content.area_spawns:
            rooms = [self.rooms[r] for r in area_spawn.rooms]
            self.spawners.append(
                NpcSpawner(
                    self.content.npcs[area_spawn.npc], rooms, area_spawn.max, area_spawn.respawn
                )
            )

    def new_mob_id(self) -> int:
        self._mob_ids += 1
        return self._mob_ids

    @property
    def start_room(self) -> Room:
        return self.rooms[self.content.world.start_room]

    @property
    def respawn_room(self) -> Room:
        return self.rooms[self.content.world.respawn_room]

    def room_mobs(self, room_id: str, npc_id: str) -> list[Mob]:
        return [m for m in self.rooms[room_id].mobs if m.defn.id == npc_id]

    def make_item(self, item_id: str) -> Item | None:
        idef = self.content.items.get(item_id)
        return Item(idef) if idef else None

    # -- output ---------------------------------------------------------------------------

    def send(self, player: Player, frame: dict[str, Any]) -> None:
        self.send_body(player, encode(frame))

    def send_body(self, player: Player, body: bytes) -> None:
        """An already encoded frame."""
        if player.session_id is not None:
            self.transport.send(player.session_id, body)

    def tell(self, player: Player, text: str, kind: str = "info") -> None:
        self.send(player, text_frame(text, kind))

    def broadcast(
        self, players: Iterable[Player], frame: dict[str, Any], exclude: Exclude = None
    ) -> None:
        """Send one frame to many players, encoded once."""
        self.broadcast_body(players, encode(frame), exclude)

    def broadcast_body(
        self, players: Iterable[Player], body: bytes, exclude: Exclude = None
    ) -> None:
        skip = () if exclude is None else (exclude,) if isinstance(exclude, Player) else exclude
        for p in players:
            if p.session_id is not None and p not in skip:
                self.transport.send(p.session_id, body)

    def tell_room(self, room: Room, text: str, kind: str = "info", exclude: Exclude = None) -> None:
        """Everyone in the room but `exclude` (one player, or several)."""
        self.broadcast(room.players, text_frame(text, kind), exclude)

    def send_room_players(self, room: Room, exclude: Exclude = None) -> None:
        """Room.Players to everyone in the room (but `exclude`)."""
        self.broadcast_body(room.players, presence_body(room), exclude)

    def show_room(self, player: Player, re: Any = None) -> None:
        """Room.Info, Room.Players and the room's description, as on entering it."""
        if player.session_id is None:
            return
        room = player.room
        description = text_frame(render.describe_room(room, player), "room")
        bodies: tuple[bytes, ...] = (info_body(room), presence_body(room), encode(description))
        if re is not None:
            tail = b',"re":' + orjson.dumps(re) + b"}"
            bodies = tuple(body[:-1] + tail for body in bodies)
        for body in bodies:
            self.transport.send(player.session_id, body)

    def send_vitals(self, player: Player) -> None:
        """Char.Vitals: after welcome and whenever a value changes."""
        self.send(player, {"type": "Char.Vitals", "data": player.vitals()})

    # -- placement ----------------------------------------------------------------------

    def find_player(self, name: str) -> Player | None:
        return self.players.get(name.lower())

    def online_players(self) -> list[Player]:
        """Everyone in play, by name (the caller must not change the list)."""
        return self.roster

    def place(self, player: Player, room: Room) -> None:
        player.room.remove_player(player)
        player.pose = ""  # a pose belongs to the room it was struck in
        player.resting = False
        player.room = room
        room.add_player(player)
        self.mark_dirty(player)

    def enter(self, player: Player, session_id: str) -> None:
        """A character steps into the world at login."""
        room = player.room
        self.players[player.key] = player
        self.attach(player, session_id)
        room.add_player(player)
        bisect.insort(self.roster, player, key=_by_name)
        self.tell_room(room, f"{player.name} arrives, blinking as if newly woken.", exclude=player)
        self.send_room_players(room, exclude=player)
        self.events.emit(PlayerEntered(player.name, room.id))

    def attach(self, player: Player, session_id: str) -> None:
        player.session_id = session_id
        player.linkdead_since = None
        self.sessions[session_id] = player

    def detach(self, session_id: str) -> Player | None:
        """A session went away: the character stays, linkdead, until `expire_linkdead`."""
        player = self.sessions.pop(session_id, None)
        if player is None or player.session_id != session_id:
            return None
        player.session_id = None
        player.linkdead_since = self.clock()
        self.tell_room(player.room, f"{player.name}'s gaze goes vacant and far away.")
        return player

    def remove(self, player: Player, *, quit: bool) -> None:
        """Take a character out of play (quit or linkdead expiry); the caller saves it."""
        room = player.room
        room.remove_player(player)
        if self.players.pop(player.key, None) is not None:
            self.roster.remove(player)
        self.combatants.discard(player)
        player.fighting = None
        for other in self.combatants:
            if other.fighting is player:
                other.fighting = None
        if player.session_id is not None:
            self.sessions.pop(player.session_id, None)
        self.dirty.pop(player.key, None)
        self.saver.save([snapshot(player)])
        verb = "takes their leave" if quit else "fades from sight"
        self.tell_room(room, f"{player.name} {verb}.")
        self.send_room_players(room)
        self.events.emit(PlayerLeft(player.name, room.id, quit))

    def mark_dirty(self, player: Player) -> None:
        """The character changed in a way worth keeping; the autosave will write it."""
        self.dirty.setdefault(player.key, self.clock())

    def save_now(self, *players: Player) -> None:
        """Write these characters at once, in one transaction (an item changed hands)."""
        for player in players:
            self.dirty.pop(player.key, None)
        self.saver.save([snapshot(p) for p in players])

    def save_dirty(self, older_than: float = 0.0, limit: int | None = None) -> int:
        """Hand the characters changed at least `older_than` seconds ago to the saver, at most
        `limit` of them (the oldest changes first; the rest wait for the next call).

        Called every tick with the autosave interval, this writes each character about that
        long after its first unsaved change, a few at a time as they come due, instead of
        everyone at once every interval (which held the event loop for 65 ms with 3,000
        players; docs/performance.md, finding 13). The limit keeps a tick in which many
        changed at once (everyone's lucidity mending together) from doing the same.
        """
        due = self.clock() - older_than
        keys: list[str] = []
        for key, since in self.dirty.items():  # oldest first: stop at the first not yet due
            if since > due or len(keys) == limit:
                break
            keys.append(key)
        for key in keys:
            del self.dirty[key]
        players = [self.players[k] for k in keys if k in self.players]
        if players:
            self.saver.save([snapshot(p) for p in players])
        return len(players)

    def save_all(self) -> None:
        self.dirty.clear()
        if self.players:
            self.saver.save([snapshot(p) for p in self.players.values()])

    # -- the passage of time ----------------------------------------------------------------

    def expire_linkdead(self, grace: float) -> list[Player]:
        now = self.clock()
        gone = [
            p
            for p in self.players.values()
            if p.linkdead_since is not None and now - p.linkdead_since >= grace
        ]
        for player in gone:
            self.remove(player, quit=False)
        return gone

    def respawn_items(self) -> None:
        now = self.clock()
        for room in self.rooms.values():
            for spawn in room.spawns:
                present = sum(1 for i in room.items if i.defn is spawn.item)
                if present >= spawn.count:
                    spawn.due = None
                elif spawn.due is None:
                    spawn.due = now + spawn.respawn
                elif now >= spawn.due:
                    room.items.extend(Item(spawn.item) for _ in range(spawn.count - present))
                    spawn.due = None
                    self.tell_room(room, _respawn_line(spawn.item))


def _by_name(player: Player) -> str:
    return player.name


def info_body(room: Room) -> bytes:
    """The room's Room.Info frame, encoded once."""
    if room.info_body is None:
        room.info_body = encode(render.room_info_frame(room))
    return room.info_body


def presence_body(room: Room) -> bytes:
    """The room's Room.Players frame, encoded once until someone comes or goes."""
    if room.presence_body is None:
        room.presence_body = encode(render.room_players_frame(room))
    return room.presence_body


def _respawn_line(item: ItemDef) -> str:
    return f"You notice {item.name} that you are sure was not there a moment ago."
