from tests.unit.harness import Game


def test_look_shows_the_room(game: Game) -> None:
    ada = game.join("Ada")
    out = game.say(ada, "look")
    assert "A Narrow Hall" in out
    assert "A tallow candle lies here." in out
