"""Shared test helpers (imported by test modules)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "arguments" / "pakistan-afghanistan.yaml"
#: The flagship map as a user in the project root names it (tests chdir there).
FLAGSHIP_REL = "arguments/pakistan-afghanistan.yaml"
#: Third-party files the default tests read, byte-identical copies shipped with the project
#: (where each comes from and its licence: tests/data/third_party/README.md).
THIRD_PARTY = ROOT / "tests" / "data" / "third_party"
#: The larger third-party corpus of the optional ``corpus`` tier (``pytest --corpus``):
#: ``$ARGMAP_CORPUS``, else ``../shared/corpus`` beside the checkout. Only parameters made by
#: ``corpus_params`` and tests marked ``corpus`` may read it: the default run must pass from
#: a clone that has nothing beside it.
CORPUS = Path(os.environ.get("ARGMAP_CORPUS") or ROOT.parent / "shared" / "corpus").absolute()


def corpus_files(pattern: str) -> list[Path]:
    """The corpus files matching a glob ``pattern`` (relative to the corpus), sorted; none
    when the corpus is absent (then the tier is not run: see conftest.py)."""
    return sorted(CORPUS.glob(pattern)) if CORPUS.is_dir() else []


def corpus_params(values: Iterable[Any], ids: Iterable[str]) -> list[Any]:
    """Parameters of the corpus tier: marked ``corpus`` (left out of the default run), each
    id prefixed ``corpus/`` so that it never collides with a shipped file's. As in
    ``pytest.mark.parametrize``, a tuple holds one value per argument name. A test whose
    parameters all come from here must be marked ``corpus`` itself: without the corpus it
    has none, and pytest would skip it rather than deselect it."""
    return [pytest.param(*value if isinstance(value, tuple) else (value,),
                         id=f"corpus/{name}", marks=pytest.mark.corpus)
            for value, name in zip(values, ids, strict=True)]


def write_map(folder: Path, name: str, text: str, files: dict[str, str] | None = None) -> Path:
    """Write a map file (and files beside it) into ``folder``; return the map's path."""
    folder.mkdir(parents=True, exist_ok=True)
    for fname, content in (files or {}).items():
        (folder / fname).write_text(content, encoding="utf-8")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def all_spans(document: Any) -> dict[tuple[Any, ...], Any]:
    """Every key path of a parsed document with its span, as ``Document.span`` gives it.

    The fast scanner stores only some spans and finds the rest on demand; this
    makes the two parsers' results comparable.
    """
    out: dict[tuple[Any, ...], Any] = {}

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        items = (value.items() if isinstance(value, dict)
                 else enumerate(value) if isinstance(value, list) else ())
        for key, child in items:
            sub = (*path, key)
            out[sub] = document.span(sub)
            walk(child, sub)

    walk(document.data, ())
    return out


def fast_document(text: str, found: Any, spans: dict[Any, Any] | None = None) -> Any:
    """The document ``source.parse`` makes of the scanner's result ``found`` for ``text``
    (scanned with ``byte_ends``: a clean text beyond Latin-1 kept as UTF-8 bytes)."""
    from argmap.loading import source

    content = text.encode("utf-8") if found.in_bytes else text
    return source.Document("x", content, found.data,
                           found.spans if spans is None else spans, inline_spans=True,
                           skips=found.skips, items=found.items, line_ends=found.line_ends,
                           nested=found.nested)


def scan_both(text: str) -> list[tuple[Any, dict[tuple[Any, ...], Any]]]:
    """(data, every span) from the fast scanner, then from the reference composer.

    Raises ``_fastyaml.Unsupported`` when the scanner hands over, and ``LoadError``
    when the composer refuses the text.
    """
    from argmap.loading import _fastyaml, source

    found = _fastyaml.scan(text, byte_ends=True)
    data = found.data
    fast = fast_document(text, found)
    ref_data, ref_spans = source._Composer(text, "x").compose()
    ref = source.Document("x", text, ref_data, ref_spans)
    return [(data, all_spans(fast)), (ref_data, all_spans(ref))]


def finishes(func: Callable[[], Any], timeout: float = 20) -> Any:
    """``func()``'s result, or the exception it raised; fails the test if it hangs.

    The timeout only catches a hang (a read blocked on a FIFO): the calls tested return
    at once. The call runs in a daemon thread, so a hang cannot keep pytest alive.
    """
    out: list[Any] = []

    def run() -> None:
        try:
            out.append(func())
        except BaseException as exc:  # handed to the test, whatever it is
            out.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout)
    assert not worker.is_alive(), f"the call did not finish in {timeout} s"
    return out[0]


@contextlib.contextmanager
def reaped(proc: subprocess.Popen[Any]) -> Iterator[subprocess.Popen[Any]]:
    """``proc``, killed (and waited for) at the end of the block if it is still running:
    a failed test leaves no process behind."""
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


#: How many times the steps of an input its double may cost (see :func:`steps`): linear
#: work doubles, quadratic work quadruples; the margin takes in an n log n sort.
LINEAR = 2.5
#: Steps any call may add to a doubled input's whatever its size (a fixed set-up: a warm
#: cache, a first problem's hint).
SLACK = 10_000


def steps(func: Callable[[], Any], timeout: float = 60) -> tuple[int, BaseException | None]:
    """How many function calls, Python's and C's, ``func()`` makes (counted by
    ``sys.setprofile``), and the exception it raised, if any.

    A count of operations is what the tests bound instead of time: it is the same on an
    idle machine and on CI's two busy cores. ``func`` runs once before it is counted,
    so that imports and caches filled on first use are not counted, then again; both
    runs are in a thread that fails the test after ``timeout`` seconds, a limit that
    only catches a hang (every call bounded so takes well under a second).
    """
    def counted() -> tuple[int, BaseException | None]:
        with contextlib.suppress(BaseException):  # the counted run raises it again
            func()
        count = [0]

        def profile(_frame: Any, event: str, _arg: Any) -> None:
            if event in ("call", "c_call"):
                count[0] += 1

        raised: BaseException | None = None
        sys.setprofile(profile)
        try:
            func()
        except BaseException as exc:  # handed to the test, whatever it is
            raised = exc
        finally:
            sys.setprofile(None)
        return count[0], raised

    out = finishes(counted, timeout)
    if isinstance(out, BaseException):
        raise out
    assert isinstance(out, tuple)
    return out


def assert_linear(make: Callable[[int], Callable[[], Any]], size: int) -> None:
    """``make(2 * size)`` costs at most :data:`LINEAR` times the :func:`steps` of
    ``make(size)`` (plus :data:`SLACK`): a quadratic regression fails here, on any machine.
    """
    one, _ = steps(make(size))
    two, _ = steps(make(2 * size))
    assert two <= LINEAR * one + SLACK, (one, two)



def pinned_npm(folder: Path, package: str, version: str, wanted: Path, *, needs: str,
               timeout: float = 600) -> Path:
    """``wanted``, a file of the npm ``package`` at ``version`` in ``folder`` (where
    scripts/setup.sh --browser installs it), installed there first when missing or of
    another version; the test is skipped where npm (or node) is missing, with ``needs``
    saying why it is needed, and fails when the install fails."""
    import json
    import shutil
    import subprocess

    manifest = folder / "node_modules" / package / "package.json"
    if wanted.exists() and manifest.exists() and \
            json.loads(manifest.read_text(encoding="utf-8")).get("version") == version:
        return wanted
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.skip(f"node and npm are needed {needs} (bash scripts/setup.sh --browser "
                    "installs them)")
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([npm, "install", "--prefix", str(folder), f"{package}@{version}",
                           "--no-audit", "--no-fund", "--loglevel=error"],
                          capture_output=True, text=True, check=False, timeout=timeout)
    if proc.returncode != 0 or not wanted.exists():
        pytest.fail(f"npm install {package}@{version} failed: "
                    f"{(proc.stderr or proc.stdout).strip()[:1000]}")
    return wanted


def blank_pdf() -> bytes:
    """A one-page blank PDF as pypdf writes it (a classic trailer, no argmap mark)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=100)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
