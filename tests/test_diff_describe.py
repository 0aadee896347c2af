"""Tests of argmap.diff.describe: a node change said once, in parts, for every format; the
Markdown, the text report and the page's lists of every sort of node change pinned as
golden files (tests/golden/diff-*), so that the formats stay byte-identical."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from argmap.diff import NodeChange, WordOp, diff_paths, formats
from argmap.diff import changes as changes_module
from argmap.diff.describe import Description, Part, describe

from .helpers import FLAGSHIP, write_map
from .test_diff import edited_flagship

# --- the node changes as each format writes them (pinned: see diff/describe.py) ---------

#: A pair of maps with a node of every sort of change, and map text each format must
#: escape its own way (Markdown markup, an `@` mention, HTML, a long text cut); the
#: recommendation's confidence becomes an interval, so its strength shows as a range; a
#: title changes, and one is given where there was none.
PINNED_OLD = """\
argmap: 1
title: T
sources:
  - {id: s, title: S, text: s.txt}
nodes:
  - {id: gone, kind: claim, text: "Gone <b>bold</b> & **strong** @team", supports: [top]}
  - {id: old-name, kind: claim, text: The talks in Istanbul collapsed in the end., supports: [top]}
  - {id: shifted, kind: claim, text: "A [link](http://x) | pipe and `code` here", supports: [top]}
  - {id: quoted, kind: evidence, text: Q., title: "Old <b>handle</b> | x", source: s,
     quote: Not in it, supports: [top]}
  - {id: long, kind: claim, text: LONGOLD, supports: [top]}
  - {id: top, kind: recommendation, text: Do it., confidence: 0.6}
"""
PINNED_NEW = """\
argmap: 1
title: T
sources:
  - {id: s, title: S, text: s.txt}
nodes:
  - {id: came, kind: evidence, text: "Came <i>new</i> ~~x~~ @org/team", source: s, supports: [top]}
  - {id: new-name, kind: claim, text: The talks in Istanbul collapsed in the end., supports: [top]}
  - id: shifted
    kind: assumption
    text: "A [link](http://y) | pipe and `code` there _now_"
    supports: [top]
  - {id: quoted, kind: evidence, text: Q., title: "New *handle* @team", source: s,
     quote: words are here, supports: [top]}
  - {id: long, kind: claim, text: LONGNEW, supports: [top]}
  - {id: top, kind: recommendation, text: Do it., title: Do, confidence: [0.5, 0.8]}
"""


def pinned_pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The old and new map of the pinned outputs (the long node's texts are 400 words),
    as a/m.yaml and b/m.yaml of the working directory (the outputs name them)."""
    long_old = " ".join(f"w{i}" for i in range(400))
    long_new = long_old.replace("w7 ", "seven ") + " <end>"
    texts = {"s.txt": "The words are here.\n"}
    write_map(tmp_path / "a", "m.yaml", PINNED_OLD.replace("LONGOLD", long_old), texts)
    write_map(tmp_path / "b", "m.yaml", PINNED_NEW.replace("LONGNEW", long_new), texts)
    monkeypatch.chdir(tmp_path)
    return Path("a/m.yaml"), Path("b/m.yaml")


@pytest.mark.parametrize("word_diffs", [True, False], ids=["word-diffs", "texts"])
def test_node_changes_as_markdown_and_text_are_pinned(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, golden: Any, word_diffs: bool) -> None:
    """The Markdown and the text report of every sort of node change, with word diffs and
    (beyond MAX_WORD_DIFFS) with the texts before and after, are the pinned bytes."""
    from argmap.cli.diff import text

    if not word_diffs:
        monkeypatch.setattr(changes_module, "MAX_WORD_DIFFS", 0)
    diff = diff_paths(*pinned_pair(tmp_path, monkeypatch))
    suffix = "" if word_diffs else "-texts"
    golden(f"diff-nodes{suffix}.md", formats.markdown(diff))
    golden(f"diff-nodes{suffix}.txt", str(text(diff, color=False)))


def test_flagship_markdown_is_pinned(tmp_path: Path, golden: Any) -> None:
    """The Markdown of the flagship's edited copy, from its list of nodes on (the lines
    above name the files, which lie elsewhere in each checkout), is the pinned bytes."""
    shown = formats.markdown(diff_paths(FLAGSHIP, edited_flagship(tmp_path)))
    golden("diff-flagship.md", shown[shown.index("#### Nodes"):])


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
def test_node_changes_on_the_page_are_pinned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             golden: Any) -> None:
    """The page's lists of changes (below the drawings, which Graphviz's version may
    change) are the pinned bytes."""
    from argmap.diff import compare_paths, page

    html = page.diff_page(compare_paths(*pinned_pair(tmp_path, monkeypatch)))
    golden("diff-nodes-page.html", html[html.index("</table>"):])


def test_describe_gives_each_format_the_same_parts() -> None:
    """A renamed and reworded node in parts: map text tagged apart from argmap's words;
    without similarity and word diff (the page's choice) the texts before and after."""
    n = NodeChange("m:b", ("renamed", "reworded", "quote-changed"), old_key="m:a",
                   text_before="x *y*", text_after="x z", similarity=0.5,
                   words=(WordOp("=", "x"), WordOp("-", "*y*"), WordOp("+", "z")))
    assert Description("changed", "m:b", clauses=(
        (Part("plain", "renamed from "), Part("key", "m:a"),
         Part("plain", " (similarity 0.5)")),
        (Part("plain", "reworded: "), Part("same", "x"), Part("plain", " "),
         Part("deleted", "*y*"), Part("plain", " "), Part("inserted", "z")),
        (Part("plain", "quote changed"),))) == describe(n)
    assert (((Part("plain", "renamed from "), Part("key", "m:a")),
             (Part("plain", "reworded: "), Part("before", "x *y*"), Part("plain", " → "),
              Part("after", "x z")))) == describe(n, similarity=False,
                                                  word_diff=False).clauses[:2]
    assert Description("added", "m:c", "claim", "C.") == describe(
        NodeChange("m:c", ("added",), kind_after="claim", text_after="C."))
