"""A time limit for a whole render (``--deadline``), on top of each Graphviz run's own.

Fitting a picture to pages lays a map out many times (up to
:data:`~argmap.render.pages.MAX_LAYOUTS`), each run bounded by ``--timeout``: without
a bound on the whole, a map that needs hundreds of slow layouts could take hours.
Inside :func:`within`, every Graphviz run (:func:`argmap.render.runner.run_graphviz`)
gets at most the time left, and none starts once it is spent: the render stops with a
:class:`~argmap.render.errors.RenderDeadlineError`, and nothing is written (outputs
are written only after everything is rendered).

The deadline lives in a context variable, so that the layouts deep inside the fit and
the pagination need not pass it along, and renders in other threads keep their own.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from argmap.render.errors import RenderDeadlineError

__all__ = ["DEFAULT_DEADLINE", "Deadline", "clock", "current", "within"]

#: Seconds a whole ``--page`` render may take unless told otherwise (the flagship takes a
#: few, a 200-node map cut into 20 A4 pages about twenty on this 2-core machine).
DEFAULT_DEADLINE = 300.0

#: The clock deadlines read (tests replace it to make time pass without waiting).
clock: Callable[[], float] = time.monotonic


@dataclass
class Deadline:
    """The end of a render's time, ``seconds`` after it was made."""

    seconds: float
    # Looked up when a deadline is made, not when this class is: tests replace `clock`.
    start: float = field(default_factory=lambda: clock())  # noqa: PLW0108

    def left(self) -> float:
        """Seconds left (negative once past)."""
        return self.seconds - (clock() - self.start)

    def limit(self, timeout: float) -> float:
        """The time limit of the next Graphviz run: ``timeout``, or the time left if that
        is less; an error when none is left."""
        left = self.left()
        if left <= 0:
            raise self.error()
        return min(timeout, left)

    def error(self) -> RenderDeadlineError:
        """The error of a render out of time."""
        return RenderDeadlineError(
            f"the render did not finish within {self.seconds:g} s (--deadline); nothing "
            "was written; give a longer --deadline, a bigger --page or --landscape, or "
            "fewer nodes (--focus, --kinds, --tags)")


_CURRENT: ContextVar[Deadline | None] = ContextVar("argmap_render_deadline", default=None)


def current() -> Deadline | None:
    """The deadline of the render under way, if any."""
    return _CURRENT.get()


@contextmanager
def within(seconds: float | None) -> Iterator[Deadline | None]:
    """Run the block under a deadline of ``seconds`` (none: no limit but the runs' own)."""
    deadline = Deadline(seconds) if seconds is not None else None
    token = _CURRENT.set(deadline)
    try:
        yield deadline
    finally:
        _CURRENT.reset(token)
