"""Argdown <-> argmap: import ``.argdown`` documents, export maps as Argdown.

``import_argdown(path)`` reads a document and everything it includes and returns
the map with a loss report; ``argdown_from_text`` does the same for text;
``export_argdown(map)`` writes Argdown that imports back to the same map. The
mapping in both directions is documented in docs/interop.md.
"""

from __future__ import annotations

from pathlib import Path

from argmap.interop.argdown._build import build
from argmap.interop.argdown._export import export_argdown
from argmap.interop.argdown._parse import parse
from argmap.interop.argdown._source import prepare_file, prepare_text
from argmap.interop.loss import Imported

__all__ = ["argdown_from_text", "export_argdown", "import_argdown"]


def import_argdown(path: str | Path) -> Imported:
    """Import an Argdown file (and its includes); raise LoadError with located problems."""
    display = str(path)
    prepared = prepare_file(Path(path), display)
    amap, loss = build(parse(prepared), display)
    return Imported(amap, loss, tuple(prepared.included))


def argdown_from_text(text: str, path: str = "<string>", *,
                      folder: Path | None = None) -> Imported:
    """Import Argdown text; ``@include`` paths resolve against ``folder`` (default: path's)."""
    prepared = prepare_text(text, path, folder)
    amap, loss = build(parse(prepared), path)
    return Imported(amap, loss)
