"""Walking about the fixture house."""

from tests.unit.harness import Game


def _types(frames: list[dict]) -> list[str]:
    return [f["type"] for f in frames]


def test_walking_north_shows_the_new_room_and_is_seen_by_others(game: Game) -> None:
    ada = game.join("Ada")
    bob = game.join("Bob")
    cyd = game.join("Cyd", room="test:garden")
    game.clear()

    out = game.play(ada, "north", re=5)

    assert _types(out) == ["Room.Info", "Room.Players", "text"]
    assert all(f["re"] == 5 for f in out)
    assert out[0]["data"] == {
        "id": "test:garden",
        "name": "An Overgrown Garden",
        "area": "test",
        "exits": {"south": "test:hall"},
    }
    assert sorted((p["kind"], p["name"]) for p in out[1]["data"]) == [
        ("npc", "Mr. Quill, the pedlar"),
        ("npc", "a grey rat"),
        ("player", "Ada"),
        ("player", "Cyd"),
    ]
    assert out[2]["kind"] == "room" and out[2]["text"].startswith("An Overgrown Garden")
    assert "Ada leaves north." in game.texts(bob)
    assert "Ada arrives from the south." in game.texts(cyd)
    bob_players = [f for f in game.frames(bob) if f["type"] == "Room.Players"]
    assert bob_players[-1]["data"] == [{"name": "Bob", "kind": "player"}]
    cyd_players = [f for f in game.frames(cyd) if f["type"] == "Room.Players"]
    assert {p["name"] for p in cyd_players[-1]["data"]} >= {"Ada", "Cyd"}
    assert ada.room.id == "test:garden"
    assert "ada" in game.world.dirty


def test_a_wall_is_an_error_and_nothing_moves(game: Game) -> None:
    ada = game.join("Ada")
    out = game.play(ada, "west")
    assert [(f["type"], f["kind"]) for f in out] == [("text", "error")]
    assert out[0]["text"] == "You cannot go west."
    assert ada.room.id == "test:hall"


def test_abbreviations_and_go(game: Game) -> None:
    ada = game.join("Ada")
    game.play(ada, "n")
    assert ada.room.id == "test:garden"
    game.play(ada, "go s")
    assert ada.room.id == "test:hall"
    assert "Go where?" in game.say(ada, "go sideways")


def test_hidden_exit_is_walkable_but_not_listed(game: Game) -> None:
    ada = game.join("Ada")
    info = next(f for f in game.play(ada, "look") if f["type"] == "Room.Info")
    assert "down" not in info["data"]["exits"]
    assert "down" not in game.say(ada, "look")
    game.play(ada, "down")
    assert ada.room.id == "test:cellar"
    assert "You cannot go" not in game.say(ada, "up")
    assert ada.room.id == "test:hall"
