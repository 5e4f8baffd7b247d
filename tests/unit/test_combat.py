"""Rounds, threat, NPC deaths, loot and experience, on the fixture world with a seeded rng."""

from mythosmud.systems.combat import SWITCH_MARGIN, combat_round, engage, pick_target
from mythosmud.world.model import Mob
from tests.unit.harness import Game


def rat(game: Game) -> Mob:
    return next(m for m in game.world.mobs if m.defn.id == "test:rat")


def fight_until(game: Game, done, rounds: int = 60) -> None:  # type: ignore[no-untyped-def]
    for _ in range(rounds):
        if done():
            return
        game.advance(game.world.rules.combat_round)
    raise AssertionError("the fight did not end")


def test_attacking_starts_a_fight_that_runs_in_rounds(game: Game) -> None:
    ada = game.join("Ada", room="test:garden")
    bob = game.join("Bob", room="test:garden")
    assert game.say(ada, "attack rat") == "You attack a grey rat!"
    assert "Ada attacks a grey rat!" in game.texts(bob)
    foe = rat(game)
    assert ada.fighting is foe and foe.fighting is ada
    assert ada in game.world.combatants and foe in game.world.combatants
    combat_round(game.world)
    blows = [t for t in game.texts(ada) if "grey rat" in t and t.startswith(("You", "A grey"))]
    assert len(blows) >= 2, blows  # each side acted once
    assert any(f["type"] == "text" and f["kind"] == "combat" for f in game.frames(bob))


def test_killing_leaves_a_corpse_with_loot_and_levels_up(game: Game) -> None:
    ada = game.join("Ada", room="test:garden")
    game.play(ada, "kill rat")
    fight_until(game, lambda: not game.world.room_mobs("test:garden", "test:rat"))
    texts = "\n".join(game.texts(ada))
    assert "A grey rat shudders, and is still." in texts
    assert "You gain 150 experience." in texts
    assert "You have reached level 2." in texts
    assert ada.level == 2 and ada.xp == 150 and ada.maxhp > 11
    assert ada.fighting is None and not game.world.combatants
    look = game.say(ada, "look in corpse")
    assert "a tallow candle" in look and "25 cents" in look
    assert game.say(ada, "get all from corpse") == (
        "You take a tallow candle from the corpse of a grey rat.\n"
        "You take $0.25 from the corpse of a grey rat."
    )
    assert ada.money == 25 and [i.defn.id for i in ada.inventory] == ["test:candle"]
    assert game.saver.saved[-1][0].money == 25
    vitals = [f for f in game.frames(ada) if f["type"] == "Char.Vitals"]
    assert vitals and vitals[-1]["data"]["maxhp"] == ada.maxhp


def test_the_dead_return_after_their_respawn_delay(game: Game) -> None:
    ada = game.join("Ada", room="test:garden")
    game.play(ada, "kill rat")
    fight_until(game, lambda: not game.world.room_mobs("test:garden", "test:rat"))
    game.advance(20)
    assert not game.world.room_mobs("test:garden", "test:rat")
    game.advance(15)
    assert len(game.world.room_mobs("test:garden", "test:rat")) == 1
    assert "A grey rat appears." in game.texts(ada)


def test_corpses_decay(game: Game) -> None:
    ada = game.join("Ada", room="test:garden")
    game.play(ada, "kill rat")
    fight_until(game, lambda: not game.world.room_mobs("test:garden", "test:rat"))
    assert "corpse" in game.say(ada, "look")
    game.advance(game.world.rules.npc_corpse_decay + 1)
    assert "corpse" not in game.say(ada, "look")
    assert any("crumbles away" in t for t in game.texts(ada))


def test_threat_decides_the_target_with_a_margin(game: Game) -> None:
    ada = game.join("Ada", room="test:garden")
    bob = game.join("Bob", room="test:garden")
    foe = rat(game)
    engage(game.world, ada, foe)
    engage(game.world, bob, foe)
    foe.threat = {"ada": 10.0, "bob": 10.5}
    assert pick_target(game.world, foe) is ada  # 5 % more is not enough
    foe.threat["bob"] = 10.0 * SWITCH_MARGIN + 0.1
    assert pick_target(game.world, foe) is bob
    assert "A grey rat turns on Bob!" in game.texts(ada)


def test_npcs_gang_up_and_several_players_share_a_kill(game: Game) -> None:
    ada = game.join("Ada", room="test:garden")
    bob = game.join("Bob", room="test:garden")
    foe = rat(game)
    foe.hp = foe.maxhp = 40
    game.play(ada, "attack rat")
    game.play(bob, "attack rat")
    fight_until(game, lambda: not game.world.room_mobs("test:garden", "test:rat"), rounds=200)
    assert ada.xp > 0 and bob.xp > 0
    assert ada.xp + bob.xp <= 151  # shared by threat, not given whole to each


def _flag(game: Game, room_id: str, flag: str) -> None:
    room = game.world.rooms[room_id]
    room.defn = room.defn.model_copy(update={"flags": [*room.defn.flags, flag]})


def test_no_fighting_between_players_without_pvp(game: Game) -> None:
    ada = game.join("Ada")
    bob = game.join("Bob")
    assert "constables frown" in game.say(ada, "attack bob")
    _flag(game, "test:hall", "pvp")
    assert game.say(ada, "attack bob") == "You attack Bob!"
    assert "Ada attacks you!" in game.texts(bob)
    assert bob.fighting is ada


def test_no_fighting_at_all_in_sanctuary(game: Game) -> None:
    ada = game.join("Ada", room="test:garden")
    _flag(game, "test:garden", "safe")
    assert "sanctuary" in game.say(ada, "attack rat")
    assert ada.fighting is None


def test_shopkeepers_are_not_for_killing(game: Game) -> None:
    ada = game.join("Ada", room="test:garden")
    assert "well liked" in game.say(ada, "attack pedlar")


def test_flee_breaks_away_through_an_exit(game: Game) -> None:
    ada = game.join("Ada", room="test:garden", stats={"dex": 90})
    game.play(ada, "attack rat")
    for _ in range(20):
        out = game.say(ada, "flee")
        if ada.room.id == "test:hall":
            break
    assert "You break away from a grey rat and run!" in out
    assert ada.fighting is None
    assert "You cannot go" not in out


def test_moving_and_quitting_are_refused_in_a_fight(game: Game) -> None:
    ada = game.join("Ada", room="test:garden")
    game.play(ada, "attack rat")
    assert "Try 'flee'" in game.say(ada, "south")
    assert "middle of a fight" in game.say(ada, "quit")


def test_consider(game: Game) -> None:
    ada = game.join("Ada", room="test:garden")
    assert game.say(ada, "consider rat") == "A grey rat looks like a fair fight."
    assert game.say(ada, "con pedlar") == (
        "Mr. Quill, the pedlar would be a hard fight, and you might not walk away."
    )
