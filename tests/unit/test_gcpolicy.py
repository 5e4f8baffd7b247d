"""The collector policy: freeze survivors after a full collection, collect all when due."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from mythosmud.gcpolicy import CollectorPolicy


class Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_survivors_of_a_full_collection_are_frozen(thawed: None) -> None:
    policy = CollectorPolicy(full_every=3600)
    gc.callbacks.append(policy.on_collection)
    try:
        gc.collect(1)
        assert not policy.freeze_due
        gc.collect(2)
        assert policy.freeze_due
    finally:
        gc.callbacks.remove(policy.on_collection)
    kept = Cycle()
    before = gc.get_freeze_count()
    policy.step()
    assert not policy.freeze_due
    assert gc.get_freeze_count() > before
    assert kept.me is kept


def test_the_full_collection_unfreezes_and_frees_cycles(thawed: None) -> None:
    policy = CollectorPolicy(full_every=3600)
    Cycle()  # garbage in a reference cycle
    gc.freeze()  # frozen: no ordinary collection can free it
    assert gc.collect() == 0
    policy.next_full = 0.0
    policy.step()
    assert gc.get_freeze_count() > 0  # the survivors are frozen again
    gc.unfreeze()
    assert gc.collect() == 0  # the cycle was already collected by the full collection


def test_zero_turns_the_full_collection_off(thawed: None) -> None:
    policy = CollectorPolicy(full_every=0)
    policy.next_full = 0.0
    Cycle()
    gc.freeze()
    policy.step()
    gc.unfreeze()
    assert gc.collect() >= 1  # still there: nothing collected it
