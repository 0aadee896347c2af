"""Tests of argmap.diff.collector: the loaded maps frozen out of the garbage collector's
reach while a diff runs, and always given back."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap import LoadError
from argmap.diff import changes as changes_module
from argmap.diff import diff_paths
from argmap.diff.collector import long_lived
from argmap.diff.pairing import Side
from argmap.diff.result import Diff

from .helpers import FLAGSHIP, write_map


@pytest.fixture(autouse=True)
def _nothing_frozen() -> Iterator[None]:
    """Each test starts with no object frozen, and leaves none (a failing test too)."""
    gc.unfreeze()
    yield
    gc.unfreeze()


class _Object:
    """An object the collector tracks (instances with a __dict__ are)."""


def _tracked(obj: object) -> bool:
    """Whether ``obj`` is in one of the collector's generations (not frozen)."""
    return any(o is obj for o in gc.get_objects())


def test_objects_frozen_within_and_given_back_after() -> None:
    """An object made before the block and one made before the function it gives is
    called are frozen in the block; both are the collector's again after it."""
    first = _Object()
    with long_lived() as keep:
        second = _Object()
        assert (False, True) == (_tracked(first), _tracked(second))
        keep()
        assert (False, False) == (_tracked(first), _tracked(second))
    assert (True, True, 0) == (_tracked(first), _tracked(second), gc.get_freeze_count())


def test_nested_blocks_give_back_at_the_outermost() -> None:
    """The end of an inner block leaves the objects frozen: the outer block still runs."""
    obj = _Object()
    with long_lived():
        with long_lived():
            pass
        assert False is _tracked(obj)
    assert True is _tracked(obj)


def test_given_back_after_an_error() -> None:
    """An error raised in the block leaves nothing frozen."""
    obj = _Object()
    with pytest.raises(LookupError), long_lived():
        raise LookupError
    assert (True, 0) == (_tracked(obj), gc.get_freeze_count())


def test_leaves_another_freeze_alone() -> None:
    """When the program holds objects frozen, the block freezes nothing and gives back
    nothing (the program's objects stay frozen, as it left them)."""
    theirs = _Object()
    gc.freeze()
    frozen = gc.get_freeze_count()
    ours = _Object()
    with long_lived() as keep:
        keep()
        assert (False, True) == (_tracked(theirs), _tracked(ours))
    assert (frozen, False) == (gc.get_freeze_count(), _tracked(theirs))


def test_a_diff_compares_frozen_maps_and_freezes_nothing_for_good(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """While the diff compares, both sides' loaded maps are out of the collector's reach;
    once it is done, nothing is frozen."""
    seen: list[tuple[bool, bool]] = []
    real = changes_module._compare

    def spy(old: Side, new: Side) -> Diff:
        seen.append((_tracked(old.maps), _tracked(new.maps)))
        return real(old, new)

    monkeypatch.setattr(changes_module, "_compare", spy)
    diff_paths(FLAGSHIP, FLAGSHIP)
    assert ([(False, False)], 0) == (seen, gc.get_freeze_count())


def test_a_diff_that_cannot_load_freezes_nothing_for_good(tmp_path: Path) -> None:
    """A side that does not load ends the diff with an error and nothing frozen."""
    broken = write_map(tmp_path, "broken.yaml", "argmap: 1\nnodes: [\n")
    with pytest.raises(LoadError):
        diff_paths(FLAGSHIP, broken)
    assert 0 == gc.get_freeze_count()
