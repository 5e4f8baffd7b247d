"""The command mix: `look=4,move=3,say=2` parsed into weights, and lines drawn from it."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

DEFAULT_MIX = "look=4,move=3,say=2,emote=1,who=1,inventory=1,get=1,drop=1"

# What each kind of command types. `move` is special: a random exit of the current room.
SAYINGS = (
    "The fog is early tonight.",
    "Has anyone seen the porter?",
    "I do not like the sound of that bell.",
    "Keep to the lamplight!",
    "Miskatonic keeps strange books.",
)
EMOTES = ("shivers.", "turns up the collar of their coat.", "peers into the gloom.")
FIXED_LINES = {
    "look": "look",
    "who": "who",
    "inventory": "inventory",
    "get": "get all",
    "drop": "drop all",
    "score": "score",
    "help": "help",
    "time": "time",
}
KINDS = ("move", "say", "emote", *FIXED_LINES)


class MixError(ValueError):
    """A --mix that names an unknown command or has a bad weight."""


def parse_mix(text: str) -> dict[str, float]:
    """`look=4,move=3` -> {"look": 4.0, "move": 3.0}; a bare name weighs 1."""
    weights: dict[str, float] = {}
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, value = part.partition("=")
        name = name.strip().lower()
        if name not in KINDS:
            raise MixError(f"unknown command {name!r} in the mix; known: {', '.join(KINDS)}")
        try:
            weight = float(value) if sep else 1.0
        except ValueError as exc:
            raise MixError(f"bad weight {value!r} for {name}") from exc
        if weight < 0 or weight != weight or weight == float("inf"):
            raise MixError(f"bad weight {value!r} for {name}")
        weights[name] = weights.get(name, 0.0) + weight
    if not weights or sum(weights.values()) <= 0:
        raise MixError("the mix needs at least one command with a positive weight")
    return {k: w for k, w in weights.items() if w > 0}


class Mix:
    """Draws command kinds by weight and turns them into lines a player would type."""

    def __init__(self, weights: Mapping[str, float], rng: random.Random | None = None) -> None:
        self.kinds: list[str] = list(weights)
        self.weights: list[float] = [weights[k] for k in self.kinds]
        self.rng = rng or random.Random()
        total = sum(self.weights)
        cumulative, running = [], 0.0
        for w in self.weights:
            running += w / total
            cumulative.append(running)
        cumulative[-1] = 1.0
        self._cumulative = cumulative

    def draw(self) -> str:
        r = self.rng.random()
        for kind, edge in zip(self.kinds, self._cumulative, strict=True):
            if r < edge:
                return kind
        return self.kinds[-1]

    def line(self, kind: str, exits: Sequence[str]) -> str:
        """The text to send for a kind, given the exits of the current room."""
        if kind == "move":
            return self.rng.choice(exits) if exits else "look"
        if kind == "say":
            return "say " + self.rng.choice(SAYINGS)
        if kind == "emote":
            return "emote " + self.rng.choice(EMOTES)
        return FIXED_LINES[kind]
