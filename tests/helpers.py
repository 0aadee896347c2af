"""Shared test helpers (imported by test modules)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "arguments" / "pakistan-afghanistan.yaml"
#: The flagship map as a user in the project root names it (tests chdir there).
FLAGSHIP_REL = "arguments/pakistan-afghanistan.yaml"
CORPUS = ROOT.parent / "shared" / "corpus"


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


def scan_both(text: str) -> list[tuple[Any, dict[tuple[Any, ...], Any]]]:
    """(data, every span) from the fast scanner, then from the reference composer.

    Raises ``_fastyaml.Unsupported`` when the scanner hands over, and ``LoadError``
    when the composer refuses the text.
    """
    from argmap import _fastyaml, source

    found = _fastyaml.scan(text)
    data = found.data
    fast = source.Document("x", text, data, found.spans, inline_spans=True, skips=found.skips,
                           items=found.items, line_ends=found.line_ends)
    ref_data, ref_spans = source._Composer(text, "x").compose()
    ref = source.Document("x", text, ref_data, ref_spans)
    return [(data, all_spans(fast)), (ref_data, all_spans(ref))]
