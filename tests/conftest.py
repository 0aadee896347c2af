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
    """What one call cost: wall time in seconds and peak traced memory in bytes."""

    seconds: float = 0.0
    peak_bytes: int = 0


@pytest.fixture
def measure() -> Iterator[Callable[[Callable[[], Any]], tuple[Cost, BaseException | None]]]:
    """Run a callable under ``tracemalloc``; return its cost and the exception it raised."""

    def run(func: Callable[[], Any]) -> tuple[Cost, BaseException | None]:
        raised: BaseException | None = None
        tracemalloc.start()
        start = time.perf_counter()
        try:
            func()
        except BaseException as exc:  # the test inspects what was raised
            raised = exc
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return Cost(seconds, peak), raised

    yield run
    if tracemalloc.is_tracing():
        tracemalloc.stop()
