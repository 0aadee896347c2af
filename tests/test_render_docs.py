"""Tests of docs/render.md: its pictures exist, are made by docs/images/make.sh, and its
options table covers every option of `argmap render`."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from argmap.cli import app
from argmap.render.api import FORMATS

from .helpers import ROOT

DOC = ROOT / "docs" / "render.md"
IMAGES = ROOT / "docs" / "images"


def test_every_picture_exists_and_is_used() -> None:
    """Each image the page shows exists, and no image in docs/images is unused."""
    shown = set(re.findall(r"\(images/([\w.-]+\.svg)\)", DOC.read_text(encoding="utf-8")))
    present = {p.name for p in IMAGES.glob("*.svg")}
    assert shown == present


def test_pictures_are_made_by_the_script() -> None:
    """Every picture is an output of a command in docs/images/make.sh (a reveal's
    numbered steps come from its one command)."""
    script = (IMAGES / "make.sh").read_text(encoding="utf-8")
    outputs = set(re.findall(r'-o "\$OUT/([\w.-]+)\.svg"', script))
    present = {re.sub(r"-\d\d$", "", p.stem) for p in IMAGES.glob("*.svg")}
    assert present == outputs


def test_small_pictures() -> None:
    """The pictures stay small enough to commit (under 2 MB together)."""
    assert sum(p.stat().st_size for p in IMAGES.glob("*.svg")) < 2_000_000


def test_options_table_covers_the_cli() -> None:
    """Every option of `argmap render --help` is in the options table, and so is every
    format."""
    result = CliRunner().invoke(app, ["render", "--help"], terminal_width=200)
    assert result.exit_code == 0
    options = set(re.findall(r"(--[a-z][a-z-]+)", result.stdout)) - {"--help"}
    table = DOC.read_text(encoding="utf-8").split("## Options", 1)[1].split("\n## ", 1)[0]
    assert sorted(o for o in options if f"`{o}" not in table) == []
    assert all(f"| `{name}` |" in DOC.read_text(encoding="utf-8") for name in FORMATS)
