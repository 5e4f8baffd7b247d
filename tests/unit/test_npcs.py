"""NPC life: shops, talk, wandering toward home, aggression conditions."""

from mythosmud.systems import npcs
from mythosmud.world.model import Mob, NpcSpawner
from mythosmud.world.npcdefs import AggressionDef, NpcDef
from tests.unit.harness import Game


def test_shop_list_buy_and_sell(game: Game) -> None:
    ada = game.join("Ada", room="test:garden", money=1000)
    listing = game.say(ada, "list")
    assert "Mr. Quill, the pedlar has for sale:" in listing
    assert "   $0.15  a tallow candle" in listing
    assert "   $6.00  a grey trench coat" in listing
    assert "You have $10.00." in listing
    assert game.say(ada, "buy coat") == "You buy a grey trench coat for $6.00."
    assert ada.money == 400
    assert "costs $6.00" in game.say(ada, "buy coat")
    assert game.say(ada, "sell coat") == "You sell a grey trench coat for $2.00."
    assert ada.money == 600 and ada.inventory == []
    assert game.saver.saved[-1][0].money == 600
    assert "nothing like that" in game.say(ada, "buy anvil")
    ada.inventory.append(game.world.make_item("test:anvil"))  # type: ignore[arg-type]
    assert "does not deal in an iron anvil" in game.say(ada, "sell anvil")
    assert "has no use for an iron anvil" in game.say(ada, "give anvil pedlar")


def test_talk_to_an_npc(game: Game) -> None:
    ada = game.join("Ada", room="test:garden")
    bob = game.join("Bob", room="test:garden")
    out = game.say(ada, "talk pedlar")
    assert 'Mr. Quill, the pedlar says to you, "Candles, sir, madam?' in out
    assert any("says to Ada" in t for t in game.texts(bob))
    assert "nothing to say" in game.say(ada, "talk rat")


def _wanderer(game: Game) -> Mob:
    defn = game.world.content.npcs["test:rat"].model_copy(
        update={"id": "test:wanderer", "behaviours": ["wander"], "wander_chance": 1.0}
    )
    spawner = NpcSpawner(defn, [game.world.rooms["test:hall"]], 1, 60)
    return npcs.spawn(game.world, spawner, quietly=True)


def test_wanderers_keep_to_their_area_and_drift_home(game: Game) -> None:
    mob = _wanderer(game)
    seen = set()
    home_visits = 0
    for _ in range(200):
        npcs.wander(game.world, mob)
        seen.add(mob.room.id)
        home_visits += mob.room is mob.home
    assert seen <= {"test:hall", "test:garden", "test:cellar"}
    assert home_visits > 60  # more than a third of the time at home: weighted homeward


def test_aggression_respects_its_conditions(game: Game) -> None:
    strong = game.join("Strong", level=10)
    defn: NpcDef = game.world.content.npcs["test:rat"].model_copy(
        update={"behaviours": ["aggressive"], "aggression": AggressionDef(max_level=3)}
    )
    mob = npcs.spawn(
        game.world, NpcSpawner(defn, [game.world.rooms["test:hall"]], 1, 60), quietly=True
    )
    npcs.behave(game.world)
    assert mob.fighting is None
    weak = game.join("Weak")
    npcs.behave(game.world)
    assert mob.fighting is weak and strong.fighting is None


def test_a_driven_off_npc_finds_its_way_home(game: Game) -> None:
    mob = next(m for m in game.world.mobs if m.defn.id == "test:pedlar")
    npcs.move(game.world, mob, "south")
    assert mob.room.id == "test:hall"
    game.advance(200)
    assert mob.room is mob.home


def test_a_shops_goods_on_display_are_not_free(game: Game) -> None:
    ada = game.join("Ada", room="test:garden")
    game.world.rooms["test:garden"].items.append(game.world.make_item("test:coat"))  # type: ignore[arg-type]
    assert (
        game.say(ada, "get coat") == "A grey trench coat belongs to the shop. Try 'list' and 'buy'."
    )
    assert ada.inventory == []
