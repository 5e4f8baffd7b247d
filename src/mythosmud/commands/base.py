"""The command decorator and the Context a command runs with.

A command is a plain function `(ctx, arg) -> None`; its docstring is its help text. It reads
and changes the world, answers through `ctx`, and never awaits.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mythosmud.world.world import text_frame

if TYPE_CHECKING:
    from mythosmud.commands.registry import Registry
    from mythosmud.world.model import Player, Room
    from mythosmud.world.world import World

ROLES = ("player", "builder", "admin")

CommandFunc = Callable[["Context", str], None]


@dataclass(frozen=True)
class Command:
    name: str
    func: CommandFunc
    aliases: tuple[str, ...] = ()
    role: str = "player"
    category: str = "general"
    help: str = ""
    awake: bool = True  # refused while the player is mortally wounded

    @property
    def summary(self) -> str:
        return self.help.splitlines()[0] if self.help else ""

    @property
    def words(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def command(
    name: str,
    *,
    aliases: tuple[str, ...] = (),
    role: str = "player",
    category: str = "general",
    awake: bool = True,
) -> Callable[[CommandFunc], CommandFunc]:
    """Mark a function as a command; `registry.collect` finds it in its module."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")

    def mark(func: CommandFunc) -> CommandFunc:
        help_text = inspect.cleandoc(func.__doc__ or "")
        if not help_text:
            raise ValueError(f"command {name!r} needs a docstring: it is the help text")
        specs = getattr(func, "__commands__", [])
        specs.append(Command(name, func, aliases, role, category, help_text, awake))
        func.__commands__ = specs  # type: ignore[attr-defined]
        return func

    return mark


@dataclass
class Context:
    world: World
    player: Player
    registry: Registry
    verb: str
    re: Any = None
    answered: bool = field(default=False)

    @property
    def room(self) -> Room:
        return self.player.room

    def send(self, frame: dict[str, Any]) -> None:
        """A frame to the player, in answer to this command."""
        if self.re is not None:
            frame["re"] = self.re
        self.answered = self.answered or frame.get("type") == "text"
        self.world.send(self.player, frame)

    def reply(self, text: str, kind: str = "info") -> None:
        self.send(text_frame(text, kind))

    def fail(self, text: str) -> None:
        """Refuse: the player asked for something that cannot be done."""
        self.reply(text, "error")

    def tell_room(self, text: str, kind: str = "info") -> None:
        """Everyone else in the player's room."""
        self.world.tell_room(self.room, text, kind, exclude=self.player)

    def emit(self, event: object) -> None:
        self.world.events.emit(event)
