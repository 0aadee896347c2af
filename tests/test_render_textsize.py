"""Tests of argmap.render.textsize: reading DOT labels and measuring their text."""

from __future__ import annotations

import shutil

import pytest

from argmap.render.textsize import label_lines, measure

needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")


def test_label_lines_reads_dot_escapes() -> None:
    """Line breaks of all three kinds end lines; escaped quotes, backslashes and &amp;
    are the characters they stand for; an escaped backslash before n is no break."""
    assert ["a", 'b "c"', "d & e"] == label_lines(r'a\nb \"c\"\ld &amp; e\r')
    assert ["back\\n slash"] == label_lines(r"back\\n slash")
    assert ["one line"] == label_lines("one line")


@needs_graphviz
def test_measure_characters() -> None:
    """Characters are measured one by one, spaces too (Graphviz trims a label's outer
    spaces); a line's size is the sum of its characters', scaled to the font size."""
    metrics = measure("il W", "DejaVu Sans", 11, 20, shutil.which("dot") or "dot")
    assert 0 < metrics.widths["i"] < metrics.widths["W"] <= metrics.widest
    assert metrics.widths[" "] > 0
    assert metrics.line_height > 0
    one, _ = metrics.size(["iW"], 11)
    double, _ = metrics.size(["iW"], 22)
    assert double == pytest.approx(2 * one, abs=1.5)
    _, two_lines = metrics.size(["i", "W"], 11)
    _, one_line = metrics.size(["i"], 11)
    assert two_lines - one_line == pytest.approx(metrics.line_height)
