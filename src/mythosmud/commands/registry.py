"""The command registry: every verb and alias, looked up by exact word or unique-enough prefix."""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable
from types import ModuleType

from mythosmud.commands.base import Command


class Registry:
    def __init__(self, commands: Iterable[Command] = ()) -> None:
        self.commands: list[Command] = []
        self._words: dict[str, Command] = {}
        for cmd in commands:
            self.add(cmd)

    def add(self, cmd: Command) -> None:
        for word in cmd.words:
            if word in self._words:
                raise ValueError(f"{word!r} is registered twice")
            self._words[word] = cmd
        self.commands.append(cmd)

    def lookup(self, word: str) -> Command | None:
        """Exact verbs and aliases first, then the first command whose name starts with it."""
        if found := self._words.get(word):
            return found
        if len(word) < 2:
            return None
        for cmd in self.commands:
            if cmd.name.startswith(word):
                return cmd
        return None

    def suggest(self, word: str) -> str | None:
        """The closest known verb, for an unknown one (cached: floods repeat themselves)."""
        if len(word) > 15:
            return None
        return self._suggest(word)

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - registries live as long as the process
    def _suggest(self, word: str) -> str | None:
        candidates = [w for w in self._words if len(w) > 2]  # 'se' is no answer to 'use'
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
        return close[0] if close else None


def collect(modules: Iterable[ModuleType]) -> Registry:
    """Build a registry from the functions marked with `@command` in these modules."""
    registry = Registry()
    for module in modules:
        for value in vars(module).values():
            if getattr(value, "__module__", None) != module.__name__:
                continue  # imported from elsewhere: registered by its own module
            for cmd in getattr(value, "__commands__", ()):
                registry.add(cmd)
    return registry
