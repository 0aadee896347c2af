"""Tests of argmap.render.deadline: the time limit of a whole --page render."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.render import deadline as deadline_module
from argmap.render.deadline import Deadline, current, within
from argmap.render.errors import GraphvizTimeoutError, RenderDeadlineError
from argmap.render.files import render_file
from argmap.render.output import OutputOptions
from argmap.render.runner import run_graphviz

from .helpers import FLAGSHIP

needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")


class FakeClock:
    """A clock that moves ``step`` seconds each time it is read: time passes without any
    waiting, the same on every machine."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_limit_is_the_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run gets its own timeout or the time left, whichever is less; none starts once
    the time is spent, with an error that says what to do."""
    monkeypatch.setattr(deadline_module, "clock", FakeClock(10.0))
    deadline = Deadline(25.0)  # made at 10
    assert 15.0 == deadline.limit(60.0)  # read at 20: 15 left
    assert 2.0 == deadline.limit(2.0)  # at 30: 5 left
    with pytest.raises(RenderDeadlineError, match=r"within 25 s \(--deadline\); nothing "
                       r"was written; give a longer --deadline"):
        deadline.limit(60.0)  # at 40: past


def test_within_sets_and_restores() -> None:
    """Inside `within`, the deadline is the current one; after it, none again; `within(None)`
    sets none (only each run's own timeout)."""
    assert current() is None
    with within(100.0) as deadline:
        assert current() is deadline
        with within(None):
            assert current() is None
        assert current() is deadline
    assert current() is None


def test_not_a_graphviz_timeout() -> None:
    """Running out of the whole render's time is not one run's timeout: nothing falls back
    to another engine on it."""
    assert not issubclass(RenderDeadlineError, GraphvizTimeoutError)


@needs_graphviz
def test_no_graphviz_run_past_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the time spent, run_graphviz refuses before starting Graphviz."""
    monkeypatch.setattr(deadline_module, "clock", FakeClock(100.0))
    with within(50.0), pytest.raises(RenderDeadlineError):
        run_graphviz("digraph { a -> b }", "json")


@needs_graphviz
def test_paged_render_out_of_time_writes_nothing(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    """The flagship cut into A4 pages takes dozens of layouts: with a clock moving 10 s at
    each reading and a 120 s deadline, the render stops with a RenderDeadlineError and
    writes nothing (no PDF, no partial file, no temporary file)."""
    clock = FakeClock(10.0)
    monkeypatch.setattr(deadline_module, "clock", clock)
    out = tmp_path / "flagship.pdf"
    with pytest.raises(RenderDeadlineError):
        render_file(FLAGSHIP, out, output_options=OutputOptions(page="a4", deadline=120.0))
    assert list(tmp_path.iterdir()) == []
    assert clock.now <= 200.0  # stopped at the deadline, not after every layout


@needs_graphviz
def test_cli_deadline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`render --page a4 --deadline 30`: exit code 2, a one-line error naming --deadline,
    no traceback, nothing written; the same render with time enough writes the PDF."""
    monkeypatch.setattr(deadline_module, "clock", FakeClock(10.0))
    out = tmp_path / "f.pdf"
    runner = CliRunner()
    result = runner.invoke(app, ["render", str(FLAGSHIP), "-o", str(out), "--page", "a4",
                                 "--deadline", "30"])
    assert result.exit_code == 2
    assert "did not finish within 30 s (--deadline)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    monkeypatch.setattr(deadline_module, "clock", FakeClock(0.0))
    result = runner.invoke(app, ["render", str(FLAGSHIP), "-o", str(out), "--page", "slide"])
    assert result.exit_code == 0, result.stderr
    assert out.exists()
