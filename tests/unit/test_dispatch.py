"""The command pipeline: unknown verbs, aliases, help, roles, and every verb answering."""

import pytest

from mythosmud.commands.base import Command, Context
from mythosmud.commands.catalog import standard_registry
from mythosmud.commands.registry import Registry
from tests.unit.harness import Game


def test_unknown_verbs_get_the_closest_verb(game: Game) -> None:
    ada = game.join("Ada")
    out = game.play(ada, "lokk", re=1)
    assert out == [
        {
            "type": "text",
            "kind": "error",
            "text": "You do not know how to 'lokk'. Did you mean 'look'?",
            "re": 1,
        }
    ]
    assert "Type 'help'" in game.say(ada, "xyzzy")


def test_prefixes_find_commands(game: Game) -> None:
    ada = game.join("Ada")
    assert game.say(ada, "inv").startswith("You are carrying:")
    assert game.say(ada, "sco").startswith("Ada, Doctor, level 1")


def test_empty_line_is_answered(game: Game) -> None:
    ada = game.join("Ada")
    assert "help" in game.say(ada, "   ")


def test_aliases_expand_and_persist_in_state(game: Game) -> None:
    ada = game.join("Ada")
    bob = game.join("Bob")
    assert game.say(ada, "alias gc get candle") == "Alias set: gc = get candle"
    assert game.say(ada, "gc") == "You pick up a tallow candle."
    game.play(ada, "alias wb whisper bob $* please")
    game.play(ada, "wb come here")
    assert 'Ada whispers to you, "come here please"' in game.texts(bob)
    assert "gc = get candle" in game.say(ada, "aliases")
    assert game.say(ada, "alias gc") == "gc = get candle"
    assert ada.aliases == {"gc": "get candle", "wb": "whisper bob $* please"}
    assert game.say(ada, "unalias gc") == "Alias removed: gc"
    assert "cannot be an alias" in game.say(ada, "alias quit say no")
    assert "lowercase letters" in game.say(ada, "alias b@d look")


def test_help_index_command_and_topic(game: Game) -> None:
    ada = game.join("Ada")
    index = game.say(ada, "help")
    for verb in ("look", "say", "whisper", "get", "alias", "quit"):
        assert f"  {verb} " in index
    assert "Topics: lucidity." in index
    assert game.say(ada, "help whisper").startswith("whisper: Whisper to one person")
    assert "Also: tell" in game.say(ada, "help whisper")
    assert game.say(ada, "help sanity").startswith("lucidity: Lucidity is your hold")
    assert "Did you mean 'look'" in game.say(ada, "help lok")


def test_roles_are_checked_in_the_dispatcher(game: Game) -> None:
    def secret(ctx: Context, arg: str) -> None:
        """A builder's tool."""
        ctx.reply("built")

    registry = standard_registry()
    registry.add(Command("build", secret, role="builder", help="A builder's tool."))
    game.dispatcher.registry = registry
    ada = game.join("Ada")
    assert game.play(ada, "build")[0]["kind"] == "error"
    ada.role = "builder"
    assert game.say(ada, "build") == "built"


def test_a_verb_cannot_be_registered_twice() -> None:
    registry = Registry()
    cmd = Command("look", lambda ctx, arg: None, help="x")
    registry.add(cmd)
    with pytest.raises(ValueError, match="registered twice"):
        registry.add(cmd)


# Every registered verb, with a line that exercises it and what its answer must contain.
VERB_CHECKS: dict[str, tuple[str, str]] = {
    "look": ("look", "A Narrow Hall"),
    "examine": ("examine candle", "It weighs less than a pound."),
    "north": ("north", "An Overgrown Garden"),
    "south": ("south", "You cannot go south."),
    "east": ("east", "You cannot go east."),
    "west": ("west", "You cannot go west."),
    "up": ("up", "You cannot go up from here."),
    "down": ("down", "A Damp Cellar"),
    "northeast": ("ne", "You cannot go northeast."),
    "northwest": ("nw", "You cannot go northwest."),
    "southeast": ("se", "You cannot go southeast."),
    "southwest": ("sw", "You cannot go southwest."),
    "in": ("in", "You cannot go that way."),
    "out": ("out", "You cannot go that way."),
    "go": ("go north", "An Overgrown Garden"),
    "get": ("get candle", "You pick up a tallow candle."),
    "drop": ("drop all", "You are not carrying that."),
    "give": ("give candle bob", "You are not carrying that."),
    "inventory": ("i", "You are carrying:"),
    "wear": ("wear coat", "You are not carrying that."),
    "wield": ("wield coat", "You are not carrying that."),
    "remove": ("remove coat", "You are not wearing that."),
    "say": ("say hello", 'You say, "hello"'),
    "emote": ("emote waves", "Ada waves."),
    "pose": ("pose by the door", "Others now see: Ada is by the door."),
    "whisper": ("whisper bob hello", 'You whisper to Bob, "hello"'),
    "reply": ("reply hello", "No one has whispered to you"),
    "who": ("who", "Investigators abroad in Arkham:"),
    "score": ("score", "Determination 11/11"),
    "time": ("time", ", 19"),
    "help": ("help", "Commands (type 'help <command>' for more):"),
    "alias": ("alias x look", "Alias set: x = look"),
    "unalias": ("unalias nothing", "You have no alias 'nothing'."),
    "aliases": ("aliases", "You have no aliases."),
    "quit": ("quit", "Your investigation will keep."),
    "attack": ("attack bob", "constables frown on brawling here"),
    "punch": ("punch", "Attack whom?"),
    "kick": ("kick nobody", "There is no 'nobody' here."),
    "flee": ("flee", "You are not fighting anyone."),
    "consider": ("consider bob", "Bob looks like a fair fight."),
    "aid": ("aid bob", "Bob does not need that kind of help."),
    "list": ("list", "There is no one here to trade with."),
    "buy": ("buy coat", "There is no one here to trade with."),
    "sell": ("sell coat", "There is no one here to trade with."),
    "talk": ("talk bob", "There is no 'bob' here to talk to."),
    "global": ("global evening all", "[global] You: evening all"),
    "rest": ("rest", "You settle yourself to rest"),
    "stand": ("stand", "You are already on your feet."),
}


@pytest.mark.parametrize("verb", sorted(VERB_CHECKS))
def test_every_verb_answers(verb: str) -> None:
    game = Game()
    ada = game.join("Ada")
    game.join("Bob")
    line, expected = VERB_CHECKS[verb]
    out = game.play(ada, line, re="v")
    texts = [f for f in out if f["type"] == "text"]
    assert texts, f"{line!r} gave no text frame"
    assert all(f["re"] == "v" for f in out)
    assert expected in "\n".join(f["text"] for f in texts)


def test_every_registered_verb_is_walked() -> None:
    registry = standard_registry()
    assert {c.name for c in registry.commands} == set(VERB_CHECKS)
    for cmd in registry.commands:
        assert cmd.help and cmd.summary, f"{cmd.name} has no help"
