"""NPC life: spawning and respawning, wandering toward home, aggression, talk, horror, flight."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from mythosmud.world.model import Mob, NpcSpawner, Player, Room
from mythosmud.world.render import cap, channel_frame

if TYPE_CHECKING:
    from mythosmud.world.world import World

HOMEWARD = 0.6  # chance that a wanderer away from home takes the step that leads back
RETURN_CHANCE = 0.05  # per second, for a stay-at-home NPC that has been driven off


def spawn(world: World, spawner: NpcSpawner, *, quietly: bool = False) -> Mob:
    room = world.rng.choice(spawner.rooms)
    defn = spawner.defn
    low, high = defn.money
    mob = Mob(
        uid=world.new_mob_id(),
        defn=defn,
        room=room,
        home=room,
        hp=defn.max_hp,
        maxhp=defn.max_hp,
        money=world.rng.randint(low, high),
        spawner=spawner,
    )
    room.add_mob(mob)
    world.mobs.append(mob)
    spawner.alive.append(mob)
    if not quietly and room.players:
        world.tell_room(room, f"{cap(defn.name)} appears.")
        world.send_room_players(room)
        for player in room.players:
            witness(world, player, mob)
    return mob


def populate(world: World) -> None:
    """The world's first population, placed without announcement."""
    for spawner in world.spawners:
        while len(spawner.alive) < spawner.max:
            spawn(world, spawner, quietly=True)


def respawn(world: World) -> None:
    now = world.clock()
    for spawner in world.spawners:
        while spawner.due and spawner.due[0] <= now and len(spawner.alive) < spawner.max:
            spawner.due.pop(0)
            spawn(world, spawner)


def remove_mob(world: World, mob: Mob) -> None:
    mob.room.remove_mob(mob)
    world.mobs.remove(mob)
    world.send_room_players(mob.room)
    spawner = mob.spawner
    if spawner is not None and mob in spawner.alive:
        spawner.alive.remove(mob)
        spawner.due.append(world.clock() + spawner.respawn)
        spawner.due.sort()


def move(world: World, mob: Mob, direction: str, *, verb: str = "leaves") -> None:
    origin = mob.room
    target = world.rooms[origin.exits[direction]]
    world.tell_room(origin, f"{cap(mob.name)} {verb} {direction}.")
    origin.remove_mob(mob)
    world.send_room_players(origin)
    mob.room = target
    target.add_mob(mob)
    world.tell_room(target, f"{cap(mob.name)} arrives.")
    world.send_room_players(target)
    for player in target.players:
        witness(world, player, mob)


def witness(world: World, player: Player, mob: Mob) -> None:
    """Seeing something that should not be costs lucidity, once per kind of thing in a
    session (the memory of it is not saved: a new day brings the shock anew)."""
    horror = mob.defn.horror
    if not horror or mob.defn.id in player.horrors_seen or not player.room.is_lit():
        return
    player.horrors_seen.add(mob.defn.id)
    loss = world.rng.randint(1, horror)
    player.lucidity = max(0, player.lucidity - loss)
    world.tell(
        player,
        f"Your mind recoils from {mob.name}. Something in you will not quite come back "
        f"(you lose {loss} lucidity).",
        "system",
    )
    world.send_vitals(player)
    world.mark_dirty(player)


def on_player_enters(world: World, player: Player) -> None:
    for mob in player.room.mobs:
        witness(world, player, mob)


def _home_distances(world: World, mob: Mob) -> dict[str, int]:
    """Steps from each room of the home area back to the mob's home (cached per home)."""
    cache = world.home_distances
    home = mob.home
    if home.id not in cache:
        distances = {home.id: 0}
        queue = deque([home])
        while queue:
            room = queue.popleft()
            for target_id in room.exits.values():
                target = world.rooms[target_id]
                if target.area == home.area and target_id not in distances:
                    distances[target_id] = distances[room.id] + 1
                    queue.append(target)
        cache[home.id] = distances
    return cache[home.id]


def go_home(world: World, mob: Mob) -> None:
    """A step back toward home, for an NPC that fled or was led away."""
    distances = _home_distances(world, mob)
    here = distances.get(mob.room.id, len(distances) + 1)  # outside the area: anywhere in it
    steps = [d for d, rid in mob.room.exits.items() if distances.get(rid, here) < here]
    if steps:
        move(world, mob, world.rng.choice(steps))


def wander(world: World, mob: Mob) -> None:
    distances = _home_distances(world, mob)
    choices = [
        d
        for d, rid in mob.room.visible_exits.items()
        if rid in distances and "safe" not in world.rooms[rid].defn.flags
    ]
    if not choices:
        return
    here = distances.get(mob.room.id, 0)
    homeward = [d for d in choices if distances[mob.room.visible_exits[d]] < here]
    if homeward and world.rng.random() < HOMEWARD:
        move(world, mob, world.rng.choice(homeward))
    else:
        move(world, mob, world.rng.choice(choices))


def flee(world: World, mob: Mob) -> bool:
    """A coward at the end of its nerve runs for an exit; True if it got away."""
    from mythosmud.systems.combat import disengage

    distances = _home_distances(world, mob)
    exits = [d for d, rid in mob.room.visible_exits.items() if rid in distances]
    exits = exits or list(mob.room.visible_exits)
    if not exits:
        return False
    for other in list(world.combatants):
        if other.fighting is mob:
            disengage(world, other)
    disengage(world, mob)
    move(world, mob, world.rng.choice(exits), verb="flees")
    return True


def _eligible(mob: Mob, player: Player) -> bool:
    rule = mob.defn.aggression
    if not player.conscious or player.session_id is None:
        return False
    if rule is None:
        return True
    if rule.max_level is not None and player.level > rule.max_level:
        return False
    return rule.max_lucidity is None or player.lucidity <= rule.max_lucidity


def behave(world: World) -> None:
    """One second of NPC life: attack, wander or talk."""
    from mythosmud.systems.combat import engage

    for mob in list(world.mobs):
        if mob.fighting is not None or not mob.conscious:
            continue
        behaviours = mob.defn.behaviours
        room: Room = mob.room
        if "aggressive" in behaviours and "safe" not in room.defn.flags:
            prey = [p for p in room.players if _eligible(mob, p)]
            if prey:
                victim = world.rng.choice(prey)
                world.tell(victim, f"{cap(mob.name)} lunges at you!", "combat")
                world.tell_room(
                    room, f"{cap(mob.name)} lunges at {victim.name}!", "combat", exclude=victim
                )
                engage(world, mob, victim)
                continue
        if room.players and mob.defn.dialogue and world.rng.random() < mob.defn.chatter:
            say(world, mob, world.rng.choice(mob.defn.dialogue))
        elif "wander" in behaviours and world.rng.random() < mob.defn.wander_chance:
            wander(world, mob)
        elif mob.room is not mob.home and world.rng.random() < RETURN_CHANCE:
            go_home(world, mob)


def say(world: World, mob: Mob, line: str, to: Player | None = None) -> None:
    text = f'{cap(mob.name)} says, "{line}"'
    if to is not None:
        text = f'{cap(mob.name)} says to you, "{line}"'
        world.tell(to, text, "say")
        world.tell_room(mob.room, f'{cap(mob.name)} says to {to.name}, "{line}"', "say", exclude=to)
    else:
        world.tell_room(mob.room, text, "say")
    world.broadcast(mob.room.players, channel_frame("say", mob.name, line))
