"""Shared test helpers (imported by test modules)."""

from __future__ import annotations

from pathlib import Path

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
