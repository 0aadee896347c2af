"""`render --crux NODE`: the smallest cruxes of NODE marked on the diagram
(argmap.render.crux), in agreement with `argmap crux`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.graph import build
from argmap.loading.loader import load
from argmap.render import crux as crux_module
from argmap.render.crux import page_cruxes
from argmap.render.dot import to_dot
from argmap.render.options import RenderOptions, Theme

from .helpers import FLAGSHIP, FLAGSHIP_REL, write_map

runner = CliRunner()
Golden = Callable[[str, str], None]
REC = "reassess-afghanistan-policy"
P = "pakistan-afghanistan:"


def _marked(dot: str) -> tuple[set[str], set[int]]:
    """The node keys and relation numbers the DOT marks as crux (the target aside)."""
    nodes = {m.group(1) for m in re.finditer(r'^  "([^"~]+)" \[(.*)$', dot, re.MULTILINE)
             if 'class="' in m.group(2) and " crux" in m.group(2).split('class="')[1]
             .split('"')[0] and "[crux target]" not in m.group(2)}
    edges = {int(m.group(1)) for m in re.finditer(r'id="rel(\d+)(?:-from|-to)?"[^\n]*'
                                                   r'class="[^"]* crux"', dot)}
    return nodes, edges


def test_golden_flagship_crux(golden: Golden) -> None:
    """The flagship map with --crux of a recommendation that falls with two rejections:
    the golden file (title line, legend entry, marked evidence and relations)."""
    golden("flagship-crux.dot", to_dot(load(FLAGSHIP), RenderOptions(crux=REC)))


def test_render_marks_what_crux_lists() -> None:
    """The diagram marks exactly the nodes and relations of the smallest sets that
    `argmap crux --format json` lists, for every recommendation of the flagship map."""
    amap = load(FLAGSHIP)
    graph = build(amap)
    recommendations = [n.id for n in amap.map.nodes if n.kind.value == "recommendation"]
    marked_any = 0
    for rec in recommendations:
        data = json.loads(runner.invoke(app, ["crux", rec, FLAGSHIP_REL, "-f", "json"]).stdout)
        size = min((len(c["reject"]) for c in data["cruxes"]), default=0)
        smallest = [c for c in data["cruxes"] if len(c["reject"]) == size]
        nodes = {r["node"] for c in smallest for r in c["reject"] if "node" in r}
        relations = {(r["relation"]["kind"], r["relation"]["source"], r["relation"]["target"])
                     for c in smallest for r in c["reject"] if "relation" in r}
        dot = to_dot(amap, RenderOptions(crux=rec))
        drawn_nodes, drawn_edges = _marked(dot)
        drawn_relations = {(graph.edges[i].kind.value, graph.edges[i].source,
                            graph.edges[i].target) for i in drawn_edges}
        assert (nodes, relations) == (drawn_nodes, drawn_relations), rec
        assert f'"{P}{rec}" [label="[crux target]' in dot
        marked_any += bool(nodes or relations)
    assert marked_any == 4  # docs/semantics.md: four of the twelve fall with some pair


def test_title_says_when_there_is_no_crux(tmp_path: Path) -> None:
    """A node that stands against any two rejections, or is not accepted, says so in the
    title line, and nothing is marked."""
    path = write_map(tmp_path, "r.yaml", """\
argmap: 1
title: Three lines
nodes:
  - {id: e1, kind: evidence, text: E1, supports: [r]}
  - {id: e2, kind: evidence, text: E2, supports: [r]}
  - {id: e3, kind: evidence, text: E3, supports: [r]}
  - {id: r, kind: recommendation, text: R}
  - {id: o, kind: objection, text: O, attacks: [o]}
""")
    amap = load(path)
    stands = to_dot(amap, RenderOptions(crux="r"))
    assert "Crux of r: none, it stands whatever set of at most 2 rejections is made" in stands
    assert (set(), set()) == _marked(stands)
    assert "Crux of o: none, it is not accepted (grounded semantics)" in \
        to_dot(amap, RenderOptions(crux="o"))


def test_print_theme_marks_in_black_with_words(tmp_path: Path) -> None:
    """In black and white the marks are black, thick and in words ([crux 1], crux 1)."""
    path = write_map(tmp_path, "r.yaml", """\
argmap: 1
title: One line
nodes:
  - {id: e1, kind: evidence, text: E1, supports: [r]}
  - {id: r, kind: recommendation, text: R}
""")
    dot = to_dot(load(path), RenderOptions(crux="r", theme=Theme.PRINT))
    node = next(line for line in dot.splitlines() if line.startswith('  "r:e1" ['))
    assert 'label="[crux 1]\\nE1"' in node
    assert 'color="#000000", penwidth="4"' in node
    edge = next(line for line in dot.splitlines() if '"r:e1" -> "r:r"' in line)
    assert 'label="crux 2"' in edge


def test_cli_render_crux(tmp_path: Path) -> None:
    """render --crux writes the marked diagram; an unknown node is a usage error (2)."""
    out = tmp_path / "f.dot"
    result = runner.invoke(app, ["render", FLAGSHIP_REL, "--crux", REC, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Crux of {REC}: 2 sets of 2 rejections" in out.read_text(encoding="utf-8")
    bad = runner.invoke(app, ["render", FLAGSHIP_REL, "--crux", "reassess-afghanistan",
                              "-o", str(tmp_path / "g.dot")])
    assert bad.exit_code == 2
    assert "no node 'reassess-afghanistan'; did you mean " in bad.stderr
    assert not (tmp_path / "g.dot").exists()


@pytest.mark.parametrize("name", ["f.mmd", "f.md"])
def test_cli_render_crux_refused_where_it_cannot_be_drawn(tmp_path: Path, name: str) -> None:
    """Mermaid and the Markdown handout draw no crux: --crux was ignored in silence, even
    for a node that does not exist. Refused (2), naming the formats that draw it."""
    for node in (REC, "no-such-node"):
        result = runner.invoke(app, ["render", FLAGSHIP_REL, "--crux", node, "-o",
                                     str(tmp_path / name)])
        assert 2 == result.exit_code
        assert "--crux marks the drawing; format" in result.stderr
        assert "use one of svg, png, pdf, dot, json, html" in result.stderr
    assert [] == list(tmp_path.iterdir())


def test_cli_render_empty_crux_is_an_unknown_node(tmp_path: Path) -> None:
    """--crux "" (an unset shell variable) was taken as no --crux at all."""
    result = runner.invoke(app, ["render", FLAGSHIP_REL, "--crux", "", "-o",
                                 str(tmp_path / "f.dot")])
    assert (2, f"argmap: error: no node ''; `argmap query list {FLAGSHIP_REL}` lists the nodes\n"
            ) == (result.exit_code, result.stderr)
    assert not (tmp_path / "f.dot").exists()


def test_page_carries_the_cruxes_of_each_recommendation() -> None:
    """The HTML page's data holds, for each recommendation drawn, its smallest cruxes
    in words, with the positions of the nodes and the numbers of the relations drawn."""
    graph = build(load(FLAGSHIP))
    drawn = list(graph.nodes)
    data = page_cruxes(graph, drawn, [e.number for e in graph.edges])
    assert data["capped"] is False
    assert len(data["recommendations"]) == 12
    reassess = next(c for c in data["recommendations"] if drawn[c["node"]] == P + REC)
    assert [[r["text"] for r in s["reject"]] for s in reassess["sets"]] == [
        ["the evidence events-of-2025 taken away",
         f"denying that crisis-from-outdated-blueprint supports {REC}"],
        [f"denying that events-of-2025 supports {REC}",
         f"denying that crisis-from-outdated-blueprint supports {REC}"]]
    first = reassess["sets"][0]["reject"]
    assert drawn[first[0]["node"]] == P + "events-of-2025"
    assert graph.edges[first[1]["edge"]].source == P + "crisis-from-outdated-blueprint"


def test_page_cruxes_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At most PAGE_RECOMMENDATIONS recommendations (the data says it is capped), and
    PAGE_WORK shared among them: fewer recommendations and fewer sets each on a bigger
    map (the data says which searches stopped early)."""
    lines = ["argmap: 1", "title: Many", "nodes:",
             "  - {id: e1, kind: evidence, text: E1, supports: [r0, r1, r2, r3, r4, r5]}",
             "  - {id: e2, kind: evidence, text: E2, supports: [r0, r1, r2, r3, r4, r5]}",
             "  - {id: e3, kind: evidence, text: E3, supports: [r0, r1, r2, r3, r4, r5]}"]
    lines += [f"  - {{id: r{i}, kind: recommendation, text: R{i}}}" for i in range(6)]
    graph = build(load(write_map(tmp_path, "m.yaml", "\n".join(lines) + "\n")))
    monkeypatch.setattr(crux_module, "PAGE_RECOMMENDATIONS", 4)
    data = page_cruxes(graph, list(graph.nodes), [e.number for e in graph.edges])
    assert (4, True) == (len(data["recommendations"]), data["capped"])
    assert all(c["complete"] for c in data["recommendations"])
    # 27 nodes and relations: work for 2 recommendations of 4 labellings each, that is
    # their setup and 1 set each, far fewer than three supports need.
    monkeypatch.setattr(crux_module, "PAGE_WORK", 27 * 4 * 2)
    data = page_cruxes(graph, list(graph.nodes), [e.number for e in graph.edges])
    assert (2, True) == (len(data["recommendations"]), data["capped"])
    assert [False, False] == [c["complete"] for c in data["recommendations"]]
    monkeypatch.setattr(crux_module, "PAGE_WORK", 27 * 4 - 1)
    assert {"recommendations": [], "capped": True} == \
        page_cruxes(graph, list(graph.nodes), [e.number for e in graph.edges])


def test_page_opens_with_the_crux_render_names() -> None:
    """render --crux ID --format html: the page's data says which recommendation's crux
    it opens with (by id or map:id); none for a node that is no recommendation."""
    graph = build(load(FLAGSHIP))
    drawn = list(graph.nodes)
    edges = [e.number for e in graph.edges]
    for ref in (REC, P + REC):
        data = page_cruxes(graph, drawn, edges, ref)
        assert drawn[data["recommendations"][data["initial"]]["node"]] == P + REC
    assert "initial" not in page_cruxes(graph, drawn, edges, "events-of-2025")
