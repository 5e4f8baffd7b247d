"""Talking: say, emote, pose, whisper and reply."""

from __future__ import annotations

from mythosmud.commands.base import Context, command
from mythosmud.commands.targets import find_mob
from mythosmud.events import Said, Whispered
from mythosmud.systems import npcs
from mythosmud.world.model import Player
from mythosmud.world.render import cap, channel_frame

POSE_LIMIT = 80


def _speech_verb(text: str) -> tuple[str, str]:
    if text.endswith("?"):
        return "ask", "asks"
    if text.endswith("!"):
        return "exclaim", "exclaims"
    return "say", "says"


@command("say", category="communication", awake=False)
def say(ctx: Context, arg: str) -> None:
    """Say something aloud to everyone in the room.

    Usage: say <message>
    Shorthand: 'Good evening.
    """
    arg = arg.strip().strip('"').strip()  # 'say "hello"' means the words, not the quotes
    if not arg:
        ctx.fail("Say what?")
        return
    own, other = _speech_verb(arg)
    name = ctx.player.name
    ctx.reply(f'You {own}, "{arg}"', "say")
    ctx.tell_room(f'{name} {other}, "{arg}"', "say")
    ctx.world.broadcast(ctx.room.players, channel_frame("say", name, arg), exclude=ctx.player)
    ctx.send(channel_frame("say", name, arg))
    ctx.emit(Said(name, ctx.room.id, arg))


@command("emote", aliases=("me",), category="communication")
def emote(ctx: Context, arg: str) -> None:
    """Act something out; the room sees your name followed by your words.

    Usage: emote <action>
    Example: emote turns up the collar of her coat.
    Shorthand: :shivers.
    """
    if not arg:
        ctx.fail("Emote what?")
        return
    text = f"{ctx.player.name} {arg}"
    if text[-1] not in ".!?\"'":
        text += "."
    ctx.reply(text, "emote")
    ctx.tell_room(text, "emote")


@command("pose", category="communication")
def pose(ctx: Context, arg: str) -> None:
    """Set how others see you standing in the room; 'pose' alone clears it.

    Usage: pose <how you appear>
    Example: pose leaning against the counter, hat pulled low
    Others then see: Ada is leaning against the counter, hat pulled low.
    A pose lasts until you move on.
    """
    text = arg.rstrip(".")
    if text.lower().startswith("is "):
        text = text[3:]  # 'pose is by the door' reads as 'Ada is by the door'
    text = text[:POSE_LIMIT]
    ctx.player.pose = text
    if not text:
        ctx.reply("You stand as anyone else would.", "emote")
        return
    ctx.reply(f"Others now see: {ctx.player.name} is {text}.", "emote")
    ctx.tell_room(f"{ctx.player.name} is {text}.", "emote")


def deliver_whisper(ctx: Context, target: Player, text: str) -> None:
    me = ctx.player
    if target is me:
        ctx.fail("You murmur to yourself. No one answers, which is for the best.")
        return
    if target.session_id is None:
        ctx.fail(f"{target.name} stares at nothing and does not hear you.")
        return
    ctx.reply(f'You whisper to {target.name}, "{text}"', "tell")
    ctx.send(channel_frame("whisper", me.name, text))
    ctx.world.tell(target, f'{me.name} whispers to you, "{text}"', "tell")
    ctx.world.send(target, channel_frame("whisper", me.name, text))
    target.reply_to = me.name
    ctx.emit(Whispered(me.name, target.name, text))


@command("whisper", aliases=("tell",), category="communication", awake=False)
def whisper(ctx: Context, arg: str) -> None:
    """Whisper to one person, wherever in Arkham they are.

    Usage: whisper <name> <message>
    The name is matched without regard to capitals. 'reply' answers the last whisper.
    """
    name, _, text = arg.partition(" ")
    text = text.strip()
    if not name or not text:
        ctx.fail("Whisper what to whom? Usage: whisper <name> <message>")
        return
    target = ctx.world.find_player(name)
    if target is None:
        ctx.fail(f"No one called '{name[:20]}' is abroad in Arkham tonight.")
        return
    deliver_whisper(ctx, target, text)


@command("reply", category="communication", awake=False)
def reply(ctx: Context, arg: str) -> None:
    """Whisper back to whoever last whispered to you.

    Usage: reply <message>
    """
    if not arg:
        ctx.fail("Reply with what?")
        return
    name = ctx.player.reply_to
    target = ctx.world.find_player(name) if name else None
    if target is None:
        ctx.fail("No one has whispered to you, or they have gone.")
        return
    deliver_whisper(ctx, target, arg)


@command("talk", aliases=("ask",), category="communication")
def talk(ctx: Context, arg: str) -> None:
    """Speak with someone who is not an investigator: a shopkeeper, a passer-by.

    Usage: talk <name>
    """
    mob = find_mob(ctx.room.mobs, arg.split()[0]) if arg and ctx.room.is_lit() else None
    if mob is None:
        ctx.fail("Talk to whom?" if not arg else f"There is no '{arg[:20]}' here to talk to.")
        return
    if not mob.defn.dialogue or mob.fighting is not None:
        ctx.reply(f"{cap(mob.name)} has nothing to say to you.")
        return
    ctx.reply(f"You address {mob.name}.")
    npcs.say(ctx.world, mob, ctx.world.rng.choice(mob.defn.dialogue), to=ctx.player)


@command("global", aliases=("chat", "ooc"), category="communication", awake=False)
def global_(ctx: Context, arg: str) -> None:
    """Speak on the global channel, heard by every investigator in the game.

    Usage: global <message>   (or chat <message>)
    The global channel is for talk between players, out of character.
    """
    if not arg:
        ctx.fail("Say what on the global channel?")
        return
    name = ctx.player.name
    ctx.reply(f"[global] You: {arg}", "channel")
    others = [p for p in ctx.world.players.values() if p is not ctx.player]
    ctx.world.broadcast(
        others, {"type": "text", "kind": "channel", "text": f"[global] {name}: {arg}"}
    )
    ctx.world.broadcast(
        ctx.world.players.values(), channel_frame("global", name, arg), exclude=ctx.player
    )
    ctx.send(channel_frame("global", name, arg))
