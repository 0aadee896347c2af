"""Shared fixtures of argmap's test suite.

Other test modules may add command-line options here (``--update-golden``);
add to this file, never remove from it.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

try:
    import argmap  # noqa: F401
except ModuleNotFoundError:  # a checkout that was not `pip install -e`-ed: use the sources
    sys.path.insert(0, str(ROOT / "src"))


@pytest.fixture(autouse=True)
def _in_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test from the project root, where users name maps as ``arguments/...``."""
    monkeypatch.chdir(ROOT)


@pytest.fixture
def fixtures() -> Path:
    """The folder of fixture files (``valid/`` and ``invalid/``)."""
    return FIXTURES


@pytest.fixture
def flagship() -> Path:
    """The flagship map, ``arguments/pakistan-afghanistan.yaml``."""
    return ROOT / "arguments" / "pakistan-afghanistan.yaml"


@dataclass
class Cost:
    """What one call cost: CPU seconds and peak traced memory in bytes.

    CPU time rather than wall time, so that a busy machine running other jobs
    does not make a bounded call look slow.
    """

    seconds: float = 0.0
    peak_bytes: int = 0


@pytest.fixture
def measure() -> Iterator[Callable[[Callable[[], Any]], tuple[Cost, BaseException | None]]]:
    """Run a callable twice: timed, then under ``tracemalloc`` (which slows it down several
    times, so it is not timed). Return the cost and the exception of the timed run."""

    def call(func: Callable[[], Any]) -> BaseException | None:
        try:
            func()
        except BaseException as exc:  # the test inspects what was raised
            return exc
        return None

    def run(func: Callable[[], Any]) -> tuple[Cost, BaseException | None]:
        start = time.process_time()
        raised = call(func)
        seconds = time.process_time() - start
        tracemalloc.start()
        try:
            call(func)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        return Cost(seconds, peak), raised

    yield run
    if tracemalloc.is_tracing():
        tracemalloc.stop()


# --- golden files (tests/golden/), used by the rendering tests ---------------------------

def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden``: rewrite golden files from the current output instead of comparing."""
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/* from the current output, then compare")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with ``tests/golden/NAME`` (rewritten first under ``--update-golden``)."""
    update = bool(request.config.getoption("--update-golden"))

    def compare(name: str, actual: str) -> None:
        path = ROOT / "tests" / "golden" / name
        if update:
            path.write_text(actual, encoding="utf-8", newline="\n")
        assert path.exists(), f"{path} is missing; run pytest --update-golden to create it"
        assert path.read_text(encoding="utf-8") == actual

    return compare
