"""Falling, bleeding, being helped, dying and waking again."""

from mythosmud.systems.combat import hurt
from mythosmud.systems.death import DEATH_THRESHOLD
from tests.unit.harness import Game


def test_a_heavy_blow_fells_but_never_kills_outright(game: Game) -> None:
    ada = game.join("Ada")
    hurt(game.world, ada, 500, None)
    assert ada.hp == 0 and not ada.conscious
    assert "mortally wounded" in game.texts(ada)[-1]
    assert game.frames(ada)[-2]["type"] == "Char.Vitals"


def test_the_mortally_wounded_can_only_speak_and_wait(game: Game) -> None:
    ada = game.join("Ada")
    hurt(game.world, ada, 500, None)
    assert "mortally wounded" in game.say(ada, "get candle")
    assert "mortally wounded" in game.say(ada, "north")
    assert game.say(ada, "say help me") == 'You say, "help me"'
    assert "Stay, and hope" in game.say(ada, "quit")
    assert "A Narrow Hall" in game.say(ada, "look")


def test_bleeding_out_kills_after_ten_bleeds_and_the_dead_wake_in_the_sanitarium(
    game: Game,
) -> None:
    ada = game.join("Ada", room="test:garden", inventory=["test:coat"], xp=100, level=2)
    ada.equipment["held"] = game.world.make_item("test:candle")  # type: ignore[assignment]
    bob = game.join("Bob", room="test:garden")
    lucidity = ada.lucidity
    hurt(game.world, ada, 500, None)
    game.advance(game.world.rules.bleed * 5)
    assert DEATH_THRESHOLD < ada.hp < 0
    assert "Your life is ebbing away." in game.texts(ada)
    game.advance(game.world.rules.bleed * 6)
    assert ada.room.id == "test:hall"
    assert ada.hp == ada.maxhp // 2
    assert ada.lucidity == lucidity - 5
    assert ada.xp == 100  # nothing earned toward level 3 to lose
    assert ada.inventory == [] and "held" in ada.equipment  # worn things stay
    assert "Ada draws a last, rattling breath, and dies." in game.texts(bob)
    corpse_look = game.say(bob, "look in corpse")
    assert "a grey trench coat" in corpse_look
    assert game.saver.saved[-1][0].room_id == "test:hall"
    assert any(
        f["type"] == "Room.Info" and f["data"]["id"] == "test:hall" for f in game.frames(ada)
    )


def test_death_costs_half_the_progress_toward_the_next_level(game: Game) -> None:
    ada = game.join("Ada", xp=250, level=2)
    hurt(game.world, ada, 500, None)
    game.advance(game.world.rules.bleed * 11)
    assert ada.level == 2 and ada.xp == 175


def test_aid_saves_the_dying(game: Game) -> None:
    ada = game.join("Ada")
    bob = game.join("Bob")
    hurt(game.world, ada, 500, None)
    game.advance(game.world.rules.bleed * 2)
    assert game.say(bob, "aid ada") == "You bind Ada's wounds as best you can. They will live."
    assert ada.hp == 1 and ada.conscious
    game.advance(game.world.rules.regen + 1)
    assert ada.hp > 1  # and now she mends


def test_an_aggressive_horror_attacks_and_kills_the_unwary(game: Game) -> None:
    ada = game.join("Ada")
    game.play(ada, "down")
    game.advance(1)
    assert ada.fighting is not None
    assert "A shape in the water lunges at you!" in game.texts(ada)
    game.advance(120)
    assert ada.room.id == "test:hall"  # died in the cellar, woke upstairs
    assert any("rattling breath" in t or "dark comes up like water" in t for t in game.texts(ada))


def test_horror_costs_lucidity_once(game: Game) -> None:
    ada = game.join("Ada", room="test:cellar")
    ada.equipment["held"] = game.world.make_item("test:candle")  # type: ignore[assignment]
    before = ada.lucidity
    game.play(ada, "up")
    game.play(ada, "down")
    assert 1 <= before - ada.lucidity <= 6
    after = ada.lucidity
    game.play(ada, "up")
    game.play(ada, "down")
    assert ada.lucidity == after
    assert any("Your mind recoils" in t for t in game.texts(ada))


def test_lucidity_returns_in_company_or_sanctuary_not_alone(game: Game) -> None:
    ada = game.join("Ada", lucidity=40)
    game.advance(60)
    assert ada.lucidity == 40  # alone in an ordinary room
    bob = game.join("Bob")
    game.advance(60)
    assert ada.lucidity == 41 and bob.lucidity == 56
    assert any(f["type"] == "Char.Vitals" and f["data"]["lucidity"] == 41 for f in game.frames(ada))
    game.play(bob, "north")
    game.advance(60)
    assert ada.lucidity == 41  # alone again


def test_resting_mends_faster_and_ends_when_you_move_or_fight(game: Game) -> None:
    ada = game.join("Ada", hp=1, mp=1, lucidity=40)
    bob = game.join("Bob", hp=1, mp=1)
    assert game.say(ada, "rest").startswith("You settle yourself to rest")
    assert game.say(ada, "rest") == "You are already resting."
    game.advance(10)  # regeneration, for both alike
    assert bob.hp > 1 and bob.mp > 1
    assert (ada.hp - 1, ada.mp - 1) == (2 * (bob.hp - 1), 2 * (bob.mp - 1))
    assert "Ada is sitting here, resting." in game.say(bob, "look")
    game.play(bob, "north")
    game.advance(60)
    assert ada.lucidity > 40  # rest steadies the mind, even without the company
    game.play(bob, "south")
    assert game.say(ada, "stand").startswith("You get to your feet")
    assert "Ada gets to their feet." in game.texts(bob)
    game.play(ada, "rest")
    game.play(ada, "north")
    assert not ada.resting
    game.play(ada, "rest")
    game.play(ada, "attack rat")
    assert not ada.resting
    assert game.say(ada, "rest") == "You cannot rest with a foe at your throat."
