"""Looking at the room, directions, people, items and details."""

from mythosmud.systems import death, npcs
from mythosmud.world.model import Player
from mythosmud.world.render import CROWD_LINES
from tests.unit.harness import Game


def test_look_shows_the_room_with_items_and_people(game: Game) -> None:
    ada = game.join("Ada")
    game.join("Bob")
    out = game.play(ada, "l", re="x")
    text = next(f for f in out if f["type"] == "text")
    assert text["kind"] == "room"
    assert text["text"].splitlines() == [
        "A Narrow Hall",
        "A narrow hall smells of candle wax. A clock ticks somewhere you cannot see.",
        "Exits: north.",
        "A tallow candle lies here.",
        "A grey trench coat is folded over a chair.",
        "Bob is here.",
    ]


def test_look_at_direction_person_item_and_detail(game: Game) -> None:
    ada = game.join("Ada")
    bob = game.join("Bob")
    assert game.say(ada, "look north") == "To the north lies An Overgrown Garden."
    assert game.say(ada, "look down") == "You see nothing of note below you."
    assert game.say(ada, "look west") == "You see nothing of note to the west."
    about_bob = game.say(ada, "look bob")
    assert about_bob.startswith("Bob, a doctor.")
    assert "Ada looks you over." in game.texts(bob)
    assert game.say(ada, "look at candle") == "A stub of yellow tallow, its wick black and curled."
    assert "ticking is very near" in game.say(ada, "look clock")
    missing = game.play(ada, "look unicorn")
    assert missing[-1]["kind"] == "error"
    assert missing[-1]["text"] == "You see no 'unicorn' here."


def test_examine_gives_weight_and_slot(game: Game) -> None:
    ada = game.join("Ada")
    text = game.say(ada, "examine coat")
    assert "A long grey coat with deep pockets" in text
    assert "It can be worn or carried about your shoulders." in text
    assert "It weighs about 3 pounds." in text
    assert game.play(ada, "examine")[-1]["kind"] == "error"


def test_pose_changes_how_others_see_you(game: Game) -> None:
    ada = game.join("Ada")
    bob = game.join("Bob")
    game.play(bob, "pose leaning against the wall.")
    assert "Bob is leaning against the wall." in game.say(ada, "look")
    game.play(bob, "pose")
    assert "Bob is here." in game.say(ada, "look")


def test_dark_rooms_need_a_held_light(game: Game) -> None:
    ada = game.join("Ada", room="test:cellar", inventory=["test:candle"])
    game.world.rooms["test:cellar"].items.append(game.world.make_item("test:coat"))  # type: ignore[arg-type]
    dark = game.say(ada, "look")
    assert "It is pitch dark." in dark
    assert "Exits: up." in dark
    assert "coat" not in dark and "drip" not in dark
    assert game.say(ada, "look drip") == "It is too dark to see that."
    assert "grope about in the dark" in game.say(ada, "get coat")
    assert game.say(ada, "look candle").startswith("A stub of yellow tallow")  # by touch
    game.play(ada, "wear candle")
    lit = game.say(ada, "look")
    assert "The cellar is damp and close." in lit and "A grey trench coat" in lit
    assert "drop by drop" in game.say(ada, "look drip")
    bob = game.join("Bob", room="test:cellar")
    assert "Ada is here." in game.say(bob, "look")
    game.play(ada, "remove candle")
    assert "someone else is here in the dark" in game.say(bob, "look")


def test_a_pose_stays_behind_when_you_move_on(game: Game) -> None:
    ada = game.join("Ada")
    cyd = game.join("Cyd")
    bob = game.join("Bob", room="test:garden")
    game.play(ada, "pose is leaning on the banister")
    assert "Ada is leaning on the banister." in game.say(cyd, "look")
    game.play(ada, "north")
    assert "Ada is here." in game.say(bob, "look")
    assert ada.pose == ""


def test_a_crowd_is_counted_not_listed(game: Game) -> None:
    ada = game.join("Ada")
    for n in range(CROWD_LINES + 7):
        game.join(f"Extra{n:02d}")
    lines = game.say(ada, "look").splitlines()
    named = [line for line in lines if line.startswith("Extra")]
    assert len(named) == CROWD_LINES
    assert lines[-1] == "7 more investigators are here, too many faces to tell apart."
    game.join("Latecomer", room="test:garden")
    game.play(ada, "north")
    assert "Latecomer is here." in game.say(ada, "look")
    assert "more investigator" not in game.say(ada, "look")


def test_room_players_follows_every_arrival_and_departure(game: Game) -> None:
    ada = game.join("Ada")
    bob = game.join("Bob")

    def present(player: Player) -> list[str]:
        frame = [f for f in game.frames(player) if f["type"] == "Room.Players"][-1]
        return [entry["name"] for entry in frame["data"]]

    game.play(ada, "look")
    assert present(ada) == ["Ada", "Bob"]
    game.play(bob, "north")
    assert present(ada) == ["Ada"]
    rat = game.world.rooms["test:garden"].mobs[0]
    npcs.move(game.world, rat, "south")
    assert present(ada) == ["Ada", rat.name]
    game.play(bob, "south")
    assert present(ada) == ["Ada", "Bob", rat.name]  # players first, then NPCs
    assert present(bob) == ["Ada", "Bob", rat.name]


def test_corpses_of_different_kinds_are_not_counted_together(game: Game) -> None:
    ada = game.join("Ada")
    room = game.world.rooms["test:hall"]
    for name in ("a grey rat", "a ghoul", "a grey rat"):
        death.leave_corpse(game.world, room, name, [], [], 0, keep_contents=False)
    lines = game.say(ada, "look").splitlines()
    assert "The corpse of a grey rat lies here. (2)" in lines
    assert "The corpse of a ghoul lies here." in lines


def test_in_a_crowd_whoever_fights_you_is_named_first(game: Game) -> None:
    ada = game.join("Ada")
    for n in range(CROWD_LINES + 3):
        game.join(f"Extra{n:02d}")
    brute = game.join("Brute")
    brute.fighting, ada.fighting = ada, brute
    lines = game.say(ada, "look").splitlines()
    assert "Brute is here, fighting you!" in lines
    assert len([line for line in lines if line.startswith("Extra")]) == CROWD_LINES - 1
    assert lines[-1] == "4 more investigators are here, too many faces to tell apart."
