"""The garbage collector kept off the loaded maps while a diff runs.

A diff loads two versions of the maps (some 100 MB of objects at 10,000 nodes) and
then allocates a great deal more while it checks and evaluates them. Each full
collection of the garbage collector walks every object alive, those of the loaded
maps included, and finds nothing to free there (they live until the diff is
written): a third of the time of a 10,000-node diff. Within :func:`long_lived`
what is loaded is frozen out of the collector's reach (:func:`gc.freeze`) and
given back to it at the end; what the diff allocates meanwhile is collected as
always.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["long_lived"]

#: How many :func:`long_lived` blocks are open (the outermost gives the objects back).
_open = [0]


@contextmanager
def long_lived() -> Iterator[Callable[[], None]]:
    """A block that freezes every object allocated so far out of the garbage collector's
    reach, and gives a function that does it again (call it once a side is loaded). At
    the end of the outermost block the objects are the collector's again. Nothing is
    frozen when another part of the program holds objects frozen (it gives them back
    itself, and would give back ours too early or not at all)."""
    if _open[0] == 0 and gc.get_freeze_count() > 0:
        yield _nothing
        return
    _open[0] += 1
    try:
        gc.freeze()
        yield gc.freeze
    finally:
        _open[0] -= 1
        if _open[0] == 0:
            gc.unfreeze()


def _nothing() -> None:
    """What :func:`long_lived` gives when it leaves the collector as it is."""
