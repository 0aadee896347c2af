"""Shared fixtures of argmap's test suite.

Other test modules may add command-line options here (``--update-golden``);
add to this file, never remove from it.
"""

from __future__ import annotations

import os
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from .helpers import CORPUS, finishes, steps

# No per-example deadline: a test's examples are timed on whatever the machine is doing (CI's
# two cores, a parallel build), and a slow example is not a wrong one. Hangs are caught by
# the bounds the tests assert (sizes, counts, subprocess timeouts), never by timing.
settings.register_profile("argmap", deadline=None)
settings.load_profile("argmap")

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
    """What one call cost: function calls made (``helpers.steps``) and peak traced memory
    in bytes. Counts, not seconds: the same on an idle machine and on a busy one, so a
    bound on them fails only a call that does more than it should."""

    steps: int = 0
    peak_bytes: int = 0


@pytest.fixture
def measure() -> Iterator[Callable[[Callable[[], Any]], tuple[Cost, BaseException | None]]]:
    """Run a callable counted (``helpers.steps``: once uncounted, once counted), then under
    ``tracemalloc``; each run fails the test if it hangs. Return the cost and the
    exception of the counted run."""

    def call(func: Callable[[], Any]) -> BaseException | None:
        try:
            func()
        except BaseException as exc:  # the test inspects what was raised
            return exc
        return None

    def traced(func: Callable[[], Any]) -> int:
        tracemalloc.start()
        try:
            call(func)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        return peak

    def run(func: Callable[[], Any]) -> tuple[Cost, BaseException | None]:
        count, raised = steps(func)
        peak = finishes(lambda: traced(func))
        return Cost(count, peak), raised

    yield run
    if tracemalloc.is_tracing():
        tracemalloc.stop()


# --- golden files (tests/golden/), used by the rendering tests ---------------------------

def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden``: rewrite golden files from the current output instead of comparing.
    ``--corpus``: run the corpus tier too (below)."""
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/* from the current output, then compare")
    parser.addoption("--corpus", action="store_true", default=False,
                     help="also run the tests marked 'corpus', on the larger third-party corpus "
                          "at $ARGMAP_CORPUS (default: ../shared/corpus beside the checkout)")


# --- the corpus tier (tests/data/third_party/README.md) ----------------------------------
# The default run reads only files shipped in tests/, so that a bare clone passes with
# nothing skipped. Tests marked `corpus` read the larger corpus outside the project: they are
# deselected unless asked for (reported as deselected, never as skipped), and asking for
# them without the corpus is a usage error rather than a run that silently tests less.


def _corpus_tier(config: pytest.Config) -> bool:
    """Whether the corpus tier was asked for: ``--corpus``, or ``ARGMAP_CORPUS`` set."""
    return bool(config.getoption("--corpus") or os.environ.get("ARGMAP_CORPUS"))


def pytest_configure(config: pytest.Config) -> None:
    """Refuse to run the corpus tier without the corpus."""
    if _corpus_tier(config) and not CORPUS.is_dir():
        raise pytest.UsageError(
            f"--corpus: no corpus folder at {CORPUS}; set ARGMAP_CORPUS to the folder of the "
            "third-party corpus, or run without --corpus")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect the tests marked ``corpus`` unless the corpus tier was asked for."""
    if _corpus_tier(config):
        return
    tier = [item for item in items if item.get_closest_marker("corpus")]
    if tier:
        config.hook.pytest_deselected(items=tier)
        items[:] = [item for item in items if not item.get_closest_marker("corpus")]


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
