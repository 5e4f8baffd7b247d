from __future__ import annotations

import pytest

from tests.unit.harness import Game


@pytest.fixture
def game() -> Game:
    return Game()
