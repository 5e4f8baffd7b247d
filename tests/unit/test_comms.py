"""Say, emote, whisper and reply."""

from tests.unit.harness import Game


def test_say_reaches_the_room_with_a_channel_frame(game: Game) -> None:
    ada = game.join("Ada")
    bob = game.join("Bob")
    far = game.join("Far", room="test:garden")
    game.clear()
    out = game.play(ada, "say The fog is early tonight.")
    assert out[0]["text"] == 'You say, "The fog is early tonight."'
    assert out[0]["kind"] == "say"
    assert out[1]["type"] == "Comm.Channel.Text"
    assert game.texts(bob) == ['Ada says, "The fog is early tonight."']
    channel = [f for f in game.frames(bob) if f["type"] == "Comm.Channel.Text"]
    assert channel == [
        {
            "type": "Comm.Channel.Text",
            "data": {"channel": "say", "talker": "Ada", "text": "The fog is early tonight."},
        }
    ]
    assert game.frames(far) == []


def test_questions_and_shorthand(game: Game) -> None:
    ada = game.join("Ada")
    bob = game.join("Bob")
    assert game.say(ada, "'Is anyone there?") == 'You ask, "Is anyone there?"'
    assert 'Ada asks, "Is anyone there?"' in game.texts(bob)
    assert game.play(ada, "say")[0]["kind"] == "error"


def test_emote_and_me(game: Game) -> None:
    ada = game.join("Ada")
    bob = game.join("Bob")
    assert game.say(ada, "emote shivers") == "Ada shivers."
    assert game.say(ada, "me glances at the stair!") == "Ada glances at the stair!"
    assert game.texts(bob)[-2:] == ["Ada shivers.", "Ada glances at the stair!"]


def test_whisper_reaches_anyone_anywhere_and_nobody_else(game: Game) -> None:
    ada = game.join("Ada")
    bob = game.join("Bob", room="test:garden")
    eve = game.join("Eve")
    game.clear()
    assert game.say(ada, "whisper BOB meet me by the gate") == (
        'You whisper to Bob, "meet me by the gate"'
    )
    assert game.texts(bob) == ['Ada whispers to you, "meet me by the gate"']
    assert [f["data"]["channel"] for f in game.frames(bob) if f["type"] != "text"] == ["whisper"]
    assert game.frames(eve) == []
    assert game.say(bob, "reply I will be there") == 'You whisper to Ada, "I will be there"'
    assert 'Bob whispers to you, "I will be there"' in game.texts(ada)


def test_whisper_mistakes(game: Game) -> None:
    ada = game.join("Ada")
    assert "No one called 'nobody'" in game.say(ada, "whisper nobody hello")
    assert "Usage" in game.say(ada, "whisper")
    assert "No one has whispered" in game.say(ada, "reply hello")
    assert "murmur to yourself" in game.say(ada, "whisper ada hello")


def test_control_characters_and_escapes_never_reach_others(game: Game) -> None:
    ada = game.join("Ada")
    bob = game.join("Bob")
    game.clear()
    game.play(ada, "say \x1b[31mred\x07 \x1b]0;title\x07alert\u202e")
    assert game.texts(bob) == ['Ada says, "red alert"']


def test_global_reaches_everyone_everywhere(game: Game) -> None:
    ada = game.join("Ada")
    far = game.join("Far", room="test:garden")
    game.clear()
    assert game.say(ada, "chat is anyone awake?") == "[global] You: is anyone awake?"
    assert game.texts(far) == ["[global] Ada: is anyone awake?"]
    channel = [f["data"] for f in game.frames(far) if f["type"] == "Comm.Channel.Text"]
    assert channel == [{"channel": "global", "talker": "Ada", "text": "is anyone awake?"}]
