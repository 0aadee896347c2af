"""Tests of argmap.render.dot: the DOT text argmap writes (golden files in tests/golden/)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.checks import check
from argmap.loading.loader import LoadedMap, load, load_set, loads
from argmap.model import NodeKind
from argmap.records import SourceRecord
from argmap.render.dot import MARKER, relay_name, to_dot, view_to_dot
from argmap.render.options import Direction, Grouping, LabelMode, RenderOptions, Theme
from argmap.render.select import select
from argmap.render.style import FONT

from .helpers import FLAGSHIP, ROOT

GOLDEN = ROOT / "tests" / "golden"
needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
Golden = Callable[[str, str], None]


def _small() -> LoadedMap:
    return load(GOLDEN / "small.yaml")


def _statement(dot: str, name: str) -> str:
    """The line of DOT that declares node ``name``."""
    lines = [line for line in dot.splitlines() if line.strip().startswith(f'"{name}" [')]
    assert len(lines) == 1, lines
    return lines[0]


def _attr(statement: str, attr: str) -> str:
    match = re.search(rf'[\[ ]{attr}="((?:[^"\\]|\\.)*)"', statement)
    assert match is not None, (attr, statement)
    return match.group(1)


def test_golden_flagship(golden: Golden) -> None:
    """The flagship map's DOT with default options is byte-identical to the golden file."""
    golden("flagship.dot", to_dot(load(FLAGSHIP)))


def test_golden_flagship_all_options(golden: Golden) -> None:
    """Print theme, ids and text, sections, left-right, findings: the golden file."""
    m = load(FLAGSHIP)
    options = RenderOptions(theme=Theme.PRINT, labels=LabelMode.BOTH, group=Grouping.SECTION,
                            direction=Direction.LEFT_RIGHT, highlight_findings=True)
    golden("flagship-print-sections.dot", to_dot(m, options, check(m).findings))


def test_golden_small(golden: Golden) -> None:
    """The small fixture with findings highlighted: the golden file."""
    m = _small()
    golden("small.dot", to_dot(m, RenderOptions(highlight_findings=True), check(m).findings))


def test_golden_hostile(golden: Golden) -> None:
    """The hostile fixture: the golden file (reviewed: every text escaped)."""
    golden("hostile.dot", to_dot(load(GOLDEN / "hostile.yaml")))


def test_deterministic_across_processes() -> None:
    """Different hash seeds in fresh interpreters give byte-identical DOT."""
    code = ("import sys; from argmap import load; from argmap.render.dot import to_dot; "
            f"sys.stdout.write(to_dot(load({str(FLAGSHIP)!r})))")
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed,
               "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env,
                              timeout=60, check=True)
        outputs.add(done.stdout)
    assert outputs == {to_dot(load(FLAGSHIP)).encode()}


@needs_graphviz
@pytest.mark.parametrize("name", ["flagship.dot", "flagship-print-sections.dot", "small.dot",
                                  "hostile.dot"])
def test_golden_files_parse(name: str) -> None:
    """Graphviz reads every golden file without complaint."""
    path = GOLDEN / name
    done = subprocess.run(["dot", "-Tcanon", str(path)], capture_output=True, timeout=60,
                          check=False)
    assert (done.returncode, done.stderr) == (0, b"")


@needs_graphviz
def test_hostile_text_adds_no_nodes() -> None:
    """Injection attempts stay inside their strings: only the map's own nodes and
    argmap's legend nodes exist after Graphviz parses the DOT."""
    done = subprocess.run(["dot", "-Tjson0"], capture_output=True, timeout=60, check=True,
                          input=to_dot(load(GOLDEN / "hostile.yaml")).encode())
    layout = json.loads(done.stdout)
    names = [o["name"] for o in layout["objects"] if "nodes" not in o]
    assert sorted(n for n in names if not n.startswith("~legend-")) == sorted(
        f"hostile:{i}" for i in ("quote-injection", "controls", "bidi", "urdu", "long"))
    drawn = [e for e in layout["edges"] if e.get("style") != "invis"]  # not the legend's rows
    assert len(drawn) == 3 + 2  # the relations, and the legend's two samples


def test_hostile_controls_and_bidi_removed() -> None:
    """No control character or bidi override reaches the DOT text."""
    dot = to_dot(load(GOLDEN / "hostile.yaml"))
    assert [c for c in dot if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F
            or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"] == []
    assert "[bold]rich[/bold] [/link]" in dot


def test_urdu_text_and_font_named() -> None:
    """Urdu/Pashto text is in the DOT, and the font list names Noto Sans Arabic."""
    dot = to_dot(load(GOLDEN / "hostile.yaml"))
    assert "Noto Sans Arabic" in FONT
    assert f'fontname="{FONT}"' in dot
    assert "پاکستان اور افغانستان" in dot
    assert "پښتو" in dot


def test_long_text_is_wrapped_and_capped(tmp_path: Path) -> None:
    """A 16,000-character text becomes at most 300 characters in short lines."""
    text = "word " * 3200
    m = loads(f"argmap: 1\ntitle: t\nnodes:\n  - id: a\n    kind: claim\n    text: {text}\n",
              str(tmp_path / "long.yaml"))
    label = _attr(_statement(to_dot(m), "long:a"), "label")
    lines = label.split("\\n")
    assert max(map(len, lines)) <= 34
    assert len(" ".join(lines)) <= 300
    assert lines[-1].endswith("\u2026")
    assert len(_attr(_statement(to_dot(m), "long:a"), "tooltip")) <= 1500


def test_visual_grammar_per_kind() -> None:
    """Each node kind has its shape and style; the legend shows every kind drawn."""
    dot = to_dot(_small())
    expected = {
        "small:build-bypass": ("box", "rounded,filled,bold", "recommendation"),
        "small:traffic-harms-centre": ("box", "filled", "claim"),
        "small:counts": ("note", "filled", "evidence"),
        "small:bypass-moves-traffic": ("box", "dashed,filled", "assumption"),
        "small:shops-lose-trade": ("box", "filled,diagonals", "objection"),
    }
    actual = {k: (_attr(_statement(dot, k), "shape"), _attr(_statement(dot, k), "style"),
                  _attr(_statement(dot, k), "class")) for k in expected}
    assert actual == expected
    legend = {kind.value for kind in NodeKind if f'"~legend-{kind.value}"' in dot}
    assert legend == {k.value for k in NodeKind}
    assert 'label="Should the town build a bypass?"' in dot


def test_relation_styles_and_undercut_onto_relation() -> None:
    """Supports solid, attacks dashed, undercuts dotted and ending on the relation's dot."""
    dot = to_dot(_small())
    relay = relay_name(0)  # harm-supports-bypass is the first relation
    edges = {line.split(" [")[0].strip(): line for line in dot.splitlines() if " -> " in line}
    first = edges[f'"small:traffic-harms-centre" -> "{relay}"']
    second = edges[f'"{relay}" -> "small:build-bypass"']
    undercut = edges[f'"small:trade-is-local" -> "{relay}"']
    attack = edges['"small:shops-lose-trade" -> "small:build-bypass"']
    assert [_attr(first, "style"), _attr(first, "arrowhead"), _attr(second, "style")] == [
        "solid", "none", "solid"]
    assert [_attr(attack, "style"), _attr(attack, "arrowhead")] == ["dashed", "tee"]
    assert [_attr(undercut, "style"), _attr(undercut, "class")] == ["dotted", "undercuts"]
    assert _attr(_statement(dot, relay), "shape") == "point"


PROVENANCE = """\
argmap: 1
title: Provenance
nodes:
  - id: a
    kind: evidence
    text: A.
    supports:
      - to: c
        id: a-c
        quote: A so C
        scheme: sign
      - to: b
        by: analyst
  - id: b
    kind: claim
    text: B.
    undercuts:
      - to: a-c
        by: analyst
        question: cq1
  - id: c
    kind: claim
    text: C.
tensions:
  - id: t
    between: [b, c]
    note: B or C.
"""


def test_inferred_relations_start_at_a_circle() -> None:
    """A relation the analyst infers starts at an open circle, lighter and thinner; one the
    source states has none; the tooltip says who draws it, with the passage and scheme. An
    undercut relation keeps its circle on the half where it starts."""
    dot = to_dot(loads(PROVENANCE, "p.yaml"))
    edges = {_attr(line, "id"): line for line in dot.splitlines() if '[id="' in line}
    stated, inferred, undercut = edges["rel0-from"], edges["rel1"], edges["rel2"]
    assert "arrowtail" not in stated
    assert "arrowtail" not in edges["rel0-to"]
    assert [_attr(inferred, k) for k in ("dir", "arrowtail", "color", "penwidth", "class")] == [
        "both", "odot", "#66AAD1", "1", "supports inferred"]
    assert _attr(undercut, "arrowtail") == "odot"
    assert _attr(stated, "tooltip") == ("a supports c\\nStated by the source: \u201cA so C\u201d"
                                        "\\nScheme: Argument From Sign")
    assert _attr(undercut, "tooltip") == ("b undercuts a \u2192 c\\nThe analyst's inference "
                                          "(by: analyst)\\nRaises critical question cq1")


def test_tensions_are_dotted_undirected_and_do_not_constrain() -> None:
    """A tension is a dotted line without arrowheads, labelled outside the layout, that
    does not pull the ranks; the legend explains it and the circle of inferences."""
    dot = to_dot(loads(PROVENANCE, "p.yaml"))
    tension = next(line for line in dot.splitlines() if 'id="tension0"' in line)
    assert tension.startswith('  "p:b" -> "p:c" [')
    assert [_attr(tension, k) for k in ("dir", "style", "xlabel", "constraint", "class")] == [
        "none", "dotted", "tension", "false", "tension"]
    assert _attr(tension, "tooltip") == ("tension t: b and c do not agree in the source"
                                         "\\nNote: B or C.")
    assert 'label="the analyst\'s inference"' in dot
    assert 'label="tension"' in dot
    hidden = view_to_dot(select(loads(PROVENANCE, "p.yaml")), hidden=["p:c"])
    assert 'style="invis"' in next(line for line in hidden.splitlines()
                                   if 'id="tension0"' in line)


def test_tooltips_quote_source_and_link() -> None:
    """Tooltips carry the quote and the source; an http(s) source URL becomes a link."""
    node = _statement(to_dot(_small()), "small:counts")
    tooltip = _attr(node, "tooltip")
    assert "Quote: \u201cWe counted 12,000 vehicles per day on the high street.\u201d" in tooltip
    assert "Source: Traffic survey 2025, p. 4" in tooltip
    # "&amp;": Graphviz decodes entities in strings, and writes URLs into SVG as they are.
    assert _attr(node, "URL") == "https://example.org/survey?year=2025&amp;town=x"
    assert _attr(node, "target") == "_blank"


def test_unsafe_url_is_never_a_link() -> None:
    """A source URL that is not http(s) (impossible through the loader, but the model
    could change) gives no link at all."""
    m = _small()
    evil = SourceRecord(id="survey", title="x", url="javascript:alert(1)")
    amap = m.map._replace(sources=(evil,))
    bad = LoadedMap(m.name, m.path, m.document, amap)
    dot = to_dot(bad)
    assert "URL=" not in dot
    assert "javascript" not in dot


def test_labels_modes() -> None:
    """--labels id shows the id, both shows id then text."""
    m = _small()
    only_id = _attr(_statement(to_dot(m, RenderOptions(labels=LabelMode.ID)), "small:counts"),
                    "label")
    both = _attr(_statement(to_dot(m, RenderOptions(labels=LabelMode.BOTH)), "small:counts"),
                 "label")
    assert only_id == "counts"
    assert both == "counts\\n12,000 vehicles a day cross the\\ncentre."


@pytest.mark.parametrize(("direction", "rankdir"), [
    (Direction.BOTTOM_UP, "BT"), (Direction.TOP_DOWN, "TB"), (Direction.LEFT_RIGHT, "LR"),
    (Direction.RIGHT_LEFT, "RL")])
def test_direction(direction: Direction, rankdir: str) -> None:
    """The direction option sets rankdir; bottom-up is the default."""
    assert f'rankdir="{rankdir}"' in to_dot(_small(), RenderOptions(direction=direction))
    assert 'rankdir="BT"' in to_dot(_small())


def test_tiers_evidence_first_recommendations_last() -> None:
    """Evidence is pinned to the first rank, top recommendations to the last."""
    dot = to_dot(_small())
    assert '  {rank=min; "small:counts"}' in dot
    assert '  {rank=max; "small:build-bypass"}' in dot


@pytest.mark.parametrize(("group", "labels"), [
    (Grouping.SECTION, ["Decision", "Reasons", "Objections"]),
    (Grouping.TAG, ["roads", "economy"]),
    (Grouping.FILE, ["small"]),
    (Grouping.NONE, []),
])
def test_grouping_clusters(group: Grouping, labels: list[str]) -> None:
    """Groups become clusters labelled with the section, first tag or file."""
    dot = to_dot(_small(), RenderOptions(group=group, legend=False))
    found = re.findall(r'subgraph "cluster_\d+" \{\n    graph \[label="([^"]*)"', dot)
    assert found == labels


def test_highlight_findings_marks_nodes_and_relations() -> None:
    """Nodes and relations with findings get a double red border or a marker, and the
    finding text in the tooltip; without the option nothing is marked."""
    m = _small()
    findings = check(m).findings
    dot = to_dot(m, RenderOptions(highlight_findings=True), findings)
    node = _statement(dot, "small:trade-is-local")
    assert (_attr(node, "peripheries"), _attr(node, "color")) == ("2", "#C00000")
    assert _attr(node, "label").startswith(MARKER)
    assert "claim 'trade-is-local' has no support [unsupported-claim]" in _attr(node, "tooltip")
    undercut = next(line for line in dot.splitlines()
                    if line.startswith('  "small:trade-is-local" -> "~rel0"'))
    assert _attr(undercut, "label") == MARKER
    assert "[unanswered-attack]" in _attr(undercut, "tooltip")
    plain = to_dot(m, RenderOptions(), findings)
    assert "peripheries" not in plain
    assert MARKER not in plain


def test_hidden_nodes_are_invisible_but_laid_out() -> None:
    """Hidden nodes and their relations keep their statements with style=invis."""
    view = select(_small())
    dot = view_to_dot(view, hidden={"small:counts"}, caption="Step 1 of 2")
    assert _attr(_statement(dot, "small:counts"), "style") == "invis"
    edge = next(line for line in dot.splitlines() if line.startswith('  "small:counts" ->'))
    assert _attr(edge, "style") == "invis"
    assert "\\nStep 1 of 2" in dot.splitlines()[1]


def test_empty_map() -> None:
    """A map without nodes gives a valid graph with only its title."""
    m = loads("argmap: 1\ntitle: Empty\n", "empty.yaml")
    assert to_dot(m).count("[") == 3  # graph, node and edge defaults: no legend


def test_interval_strength_in_the_tooltip() -> None:
    """A relation's interval strength reads as a range in its tooltip."""
    amap = loads("argmap: 1\ntitle: T\nnodes:\n"
                 "  - {id: a, kind: claim, text: A, supports: [{to: b, strength: [0.6, 0.9]}]}\n"
                 "  - {id: b, kind: claim, text: B}\n", "t.yaml")
    edge = next(line for line in to_dot(amap).splitlines() if '"t:a" -> "t:b"' in line)
    assert _attr(edge, "tooltip").endswith("\\nstrength 0.6 to 0.9")


#: Backslash sequences Graphviz replaces in a tooltip (\N the node's name, \G the graph's,
#: \L the label...) or reads as a line break (\n, \l, \r), a doubled one, and one at the
#: end of a line (before the line break argmap joins the tooltip's lines with).
_BACKSLASHES = r"a \N \G \E \T \H \L \l \r \n \\ b\\"


def _svg_titles(dot: str) -> list[str]:
    """The tooltips of the SVG Graphviz draws from ``dot``, as a browser reads them."""
    from xml.etree import ElementTree as ET

    svg = subprocess.run(["dot", "-Tsvg"], capture_output=True, timeout=60, check=True,
                         input=dot.encode()).stdout
    xlink = "{http://www.w3.org/1999/xlink}title"
    return [e.attrib[xlink] for e in ET.fromstring(svg).iter() if xlink in e.attrib]


@needs_graphviz
def test_tooltips_show_backslashes_as_written() -> None:
    """Graphviz unescapes a tooltip twice, then replaces \\N, \\G, \\L... by names and the
    label: a node's text `\\L` showed the whole label in its tooltip, and a map of them drew
    an SVG hundreds of times its size. Every tooltip (node, relation, graph) shows the
    map's text as written, its backslashes included."""
    amap = loads(
        "argmap: 1\ntitle: 'T " + _BACKSLASHES + "'\nnodes:\n"
        "  - {id: a, kind: claim, text: '" + _BACKSLASHES + "', note: 'n\\'}\n"
        "  - {id: b, kind: claim, text: b, supports: [{to: a, note: '" + _BACKSLASHES + "'}]}\n",
        "m.yaml")
    titles = _svg_titles(to_dot(amap, RenderOptions(legend=False)))
    assert [f"T {_BACKSLASHES}", f"claim a: {_BACKSLASHES}\nNote: n\\", "claim b: b",
            f"b supports a\nStated by the source\nNote: {_BACKSLASHES}"] \
        == titles


@needs_graphviz
def test_backslashes_in_texts_do_not_blow_up_the_svg() -> None:
    """A bound on what a map can make Graphviz write: 20 nodes whose texts are 700 `\\L`
    each (a copy of the whole label apiece, before) draw an SVG of the size of the map's
    text, not hundreds of times it."""
    text = "\\L" * 700
    nodes = "".join(f"  - {{id: n{i}, kind: claim, text: '{text}'}}\n" for i in range(20))
    amap = loads("argmap: 1\ntitle: T\nnodes:\n" + nodes, "m.yaml")
    svg = subprocess.run(["dot", "-Tsvg"], capture_output=True, timeout=60, check=True,
                         input=to_dot(amap, RenderOptions(legend=False)).encode()).stdout
    assert len(svg) < 20 * 1400 * 3


@needs_graphviz
@pytest.mark.parametrize("other", ["a  b", "a b\u202e", "a b\x01"])
def test_maps_named_alike_are_drawn_apart(tmp_path: Path, other: str) -> None:
    """DOT names were cleaned as texts are: the maps `a b` and `a  b` (or `a b` and `a b`
    with a bidi control) had one name for their nodes `rec`, and Graphviz drew one box for
    both, with the text of the map written last and the evidence of the other map
    pointing at it. Each node of each map is drawn, with its own text."""
    head = "argmap: 1\ntitle: T\nnodes:\n  - {id: rec, kind: recommendation, text: "
    (tmp_path / "a b.yaml").write_text(head + "Careful}\n  - {id: e, kind: claim, "
                                       "text: e, supports: [rec]}\n", encoding="utf-8")
    (tmp_path / f"{other}.yaml").write_text(head + "Reckless}\n", encoding="utf-8")
    done = subprocess.run(["dot", "-Tjson0"], capture_output=True, timeout=60, check=True,
                          input=to_dot(load_set([tmp_path])).encode())
    labels = sorted(o["label"] for o in json.loads(done.stdout)["objects"]
                    if "nodes" not in o and not o["name"].startswith("~"))
    assert ["Careful", "Reckless", "e"] == labels
