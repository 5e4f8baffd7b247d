"""Characters going linkdead, expiring, quitting and being saved."""

from mythosmud.commands.info import WHO_LINES
from tests.unit.harness import Game


def test_linkdead_character_stays_then_fades(game: Game) -> None:
    ada = game.join("Ada")
    bob = game.join("Bob")
    game.world.detach("s-ada")
    assert ada.session_id is None
    assert "Ada's gaze goes vacant" in game.texts(bob)[-1]
    assert "Ada stands motionless here" in game.say(bob, "look")
    assert "(lost in thought)" in game.say(bob, "who")
    assert game.world.expire_linkdead(30) == []
    game.clock.now += 30
    assert game.world.expire_linkdead(30) == [ada]
    assert "Ada fades from sight." in game.texts(bob)
    assert game.world.find_player("ada") is None
    assert [s.name for s in game.saver.saved[-1]] == ["Ada"]


def test_quit_saves_and_closes_with_1000(game: Game) -> None:
    ada = game.join("Ada")
    bob = game.join("Bob")
    game.play(ada, "n")
    game.play(ada, "s")
    game.saver.saved.clear()
    game.play(ada, "quit")
    assert game.transport.closed == {"s-ada": 1000}
    assert [s.room_id for s in game.saver.saved[-1]] == ["test:hall"]
    assert "Ada takes their leave." in game.texts(bob)
    assert [
        p["name"] for p in [f for f in game.frames(bob) if f["type"] == "Room.Players"][-1]["data"]
    ] == ["Bob"]


def test_autosave_takes_only_changed_characters(game: Game) -> None:
    ada = game.join("Ada")
    game.join("Bob")
    game.world.dirty.clear()
    game.play(ada, "get candle")
    assert game.world.save_dirty() == 1
    assert game.saver.saved[-1][0].inventory == ["test:candle"]
    assert game.world.save_dirty() == 0


def test_autosave_writes_each_character_when_its_change_comes_due(game: Game) -> None:
    ada = game.join("Ada")
    bob = game.join("Bob")
    game.world.dirty.clear()
    game.play(ada, "north")
    game.clock.now += 4
    game.play(bob, "north")
    game.play(ada, "south")  # still due from the first change, not the latest
    game.clock.now += 5
    assert game.world.save_dirty(older_than=10) == 0
    game.clock.now += 1
    assert game.world.save_dirty(older_than=10) == 1
    assert [s.name for s in game.saver.saved[-1]] == ["Ada"]
    assert game.saver.saved[-1][0].room_id == "test:hall"
    game.clock.now += 4
    assert game.world.save_dirty(older_than=10) == 1
    assert [s.name for s in game.saver.saved[-1]] == ["Bob"]
    assert game.world.save_dirty(older_than=10) == 0


def test_leaving_the_world_ends_every_fight(game: Game) -> None:
    ada = game.join("Ada", room="test:garden")
    game.play(ada, "attack rat")
    rat = ada.fighting
    assert rat is not None and rat.fighting is ada
    game.world.detach("s-ada")
    game.clock.now += 30
    game.world.expire_linkdead(30)
    assert ada not in game.world.combatants
    assert rat.fighting is None


def test_who_lists_fifty_by_name_and_finds_the_rest(game: Game) -> None:
    ada = game.join("Ada")
    for n in range(WHO_LINES + 5):
        game.join(f"Zed{n:03d}", room="test:garden")
    lines = game.say(ada, "who").splitlines()
    assert lines[0] == "Investigators abroad in Arkham:"
    assert lines[1].startswith("  Ada, ")
    assert lines[-2] == "  ...and 6 more. Type 'who <name>' to find one."
    assert lines[-1] == f"{WHO_LINES + 6} investigators in all."
    assert "Zed054" not in "\n".join(lines)
    found = game.say(ada, "who zed054")
    assert "  Zed054, " in found and "Zed053" not in found
    assert "No investigator whose name begins with 'quux'" in game.say(ada, "who quux")
    game.play(ada, "quit")
    assert "Ada" not in game.say(game.world.players["zed000"], "who")


def test_autosave_spreads_a_crowd_of_changes_over_several_ticks(game: Game) -> None:
    players = [game.join(f"Zed{n:02d}") for n in range(5)]
    game.world.dirty.clear()
    for player in players:
        game.world.mark_dirty(player)
    game.clock.now += 10
    assert game.world.save_dirty(older_than=10, limit=2) == 2
    assert [s.name for s in game.saver.saved[-1]] == ["Zed00", "Zed01"]  # oldest first
    assert game.world.save_dirty(older_than=10, limit=2) == 2
    assert game.world.save_dirty(older_than=10, limit=2) == 1
    assert game.world.save_dirty(older_than=10, limit=2) == 0
