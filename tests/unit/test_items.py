"""Getting, dropping, giving and wearing things."""

from tests.unit.harness import Game


def test_get_and_drop_move_items_and_are_seen(game: Game) -> None:
    ada = game.join("Ada")
    bob = game.join("Bob")
    assert game.say(ada, "get candle") == "You pick up a tallow candle."
    assert "Ada picks up a tallow candle." in game.texts(bob)
    assert [i.defn.id for i in ada.inventory] == ["test:candle"]
    assert "tallow candle" not in game.say(bob, "look")
    assert "a tallow candle" in game.say(ada, "i")
    assert game.say(ada, "drop candle") == "You set down a tallow candle."
    assert ada.inventory == []
    assert "A tallow candle lies here." in game.say(ada, "look")


def test_get_all_and_numbered_items(game: Game) -> None:
    ada = game.join("Ada", inventory=["test:candle", "test:candle"])
    assert (
        game.say(ada, "take all") == "You pick up a tallow candle.\nYou pick up a grey trench coat."
    )
    game.play(ada, "drop all.candle")
    assert [i.defn.id for i in ada.inventory] == ["test:coat"]
    assert "(3)" in game.say(ada, "look")
    game.play(ada, "get 2.candle")
    assert len(ada.inventory) == 2
    assert game.play(ada, "get all.unicorn")[0]["kind"] == "error"


def test_fixtures_and_weight_are_respected(game: Game) -> None:
    ada = game.join("Ada")
    game.world.rooms["test:hall"].items.append(game.world.make_item("test:anvil"))  # type: ignore[arg-type]
    assert game.say(ada, "get anvil") == "An iron anvil will not be moved."
    weak = game.join("Weak", stats={"str": 5, "siz": 5})
    weak.inventory.extend(game.world.make_item("test:coat") for _ in range(8))  # type: ignore[misc]
    out = game.play(weak, "get coat")
    assert out[-1]["kind"] == "error"
    assert "more than you can carry" in out[-1]["text"]


def test_give_hands_over_and_saves_both_at_once(game: Game) -> None:
    ada = game.join("Ada", inventory=["test:candle"])
    bob = game.join("Bob")
    eve = game.join("Eve")
    game.saver.saved.clear()
    assert game.say(ada, "give candle to bob") == "You give a tallow candle to Bob."
    assert "Ada gives you a tallow candle." in game.texts(bob)
    assert "Ada gives a tallow candle to Bob." in game.texts(eve)
    assert [i.defn.id for i in bob.inventory] == ["test:candle"]
    assert ada.inventory == []
    (batch,) = game.saver.saved
    assert {s.name: s.inventory for s in batch} == {"Ada": [], "Bob": ["test:candle"]}


def test_give_mistakes(game: Game) -> None:
    ada = game.join("Ada", inventory=["test:candle"])
    game.join("Far", room="test:garden")
    assert "not carrying" in game.say(ada, "give coat bob")
    assert "no 'far' here" in game.say(ada, "give candle far")
    assert "Usage" in game.say(ada, "give candle")


def test_wear_wield_and_remove(game: Game) -> None:
    ada = game.join("Ada", inventory=["test:coat", "test:candle"])
    assert game.say(ada, "wield coat") == "A grey trench coat is not for wielding; try 'wear'."
    assert game.say(ada, "wear coat") == "You put on a grey trench coat."
    assert game.say(ada, "wear candle") == "You hold a tallow candle."
    assert set(ada.equipment) == {"about", "held"}
    inventory = game.say(ada, "inventory")
    assert "<about body> a grey trench coat" in inventory
    assert "<held> a tallow candle" in inventory
    assert "a grey trench coat" in game.say(game.join("Bob"), "look ada")
    assert game.say(ada, "remove coat") == "You remove a grey trench coat."
    assert [i.defn.id for i in ada.inventory] == ["test:coat"]
    assert "not wearing" in game.say(ada, "remove coat")


def test_items_respawn_after_their_delay(game: Game) -> None:
    ada = game.join("Ada")
    game.play(ada, "get candle")
    game.world.respawn_items()
    assert "tallow candle" not in game.say(ada, "look")
    game.clock.now += 11
    game.world.respawn_items()
    assert "A tallow candle lies here." in game.say(ada, "look")
    assert any("was not there a moment ago" in t for t in game.texts(ada))
