"""argmap's Mermaid against the real Mermaid (the npm package ``mermaid``, pinned below), in
headless chromium driven by selenium as tests/test_browser.py drives it.

``scripts/setup.sh --browser`` installs the pinned version with npm into ``.cache/mermaid/``
(git-ignored); a test that finds it missing installs it the same way, and is skipped only
where chromium, chromedriver, selenium or npm is missing. Every diagram (the flagship map,
the Markdown handout's, the fixture maps, hostile labels and a generated batch) must be
accepted by ``mermaid.parse`` and drawn by ``mermaid.render``, and the drawing must show
exactly the text argmap meant: each node's label lines (:func:`node_lines`) in its kind's
shape, each link between the nodes it joins with its label (from argmap's view), and the
title (:func:`chart_title`). Nothing in a map may put a link, a script, an event handler, a style
or a directive into the drawing, under Mermaid's default security level (``strict``) and
under ``loose``. The diagrams are drawn in batches, in one page (loaded once; Mermaid is
initialised again for each batch) in one browser for the module.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.checks import check
from argmap.emit import emit
from argmap.errors import Problem
from argmap.loading.loader import LoadedMap, MapSet, load, load_set, loads
from argmap.marks import MERMAID_MARK
from argmap.model import ArgumentMap
from argmap.records import NodeKind, Provenance, RelationKind
from argmap.render.api import render_view
from argmap.render.escape import clean
from argmap.render.markdown import to_markdown
from argmap.render.mermaid import WRAP, chart_title, node_lines, to_mermaid
from argmap.render.options import Direction, LabelMode, Overlay, RenderOptions
from argmap.render.select import View, select

from .helpers import FLAGSHIP, ROOT, pinned_npm
from .test_browser import CHROMIUM, DRIVER, Driver, browser  # noqa: F401 (a fixture)

#: The version the tests draw with; scripts/setup.sh installs the same.
VERSION = "12.3.0"
FOLDER = ROOT / ".cache" / "mermaid"
SCRIPT = FOLDER / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
#: Generous: only a hang fails on it (npm install; a batch of diagrams drawn).
TIMEOUT = 600

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} missing: apt-get install "
                       "chromium"),
    pytest.mark.skipif(not DRIVER.exists(), reason=f"{DRIVER} missing: apt-get install "
                       "chromium-driver"),
]


def official_mermaid() -> Path:
    """The pinned ``mermaid.min.js``, installed first when missing; skip where npm is."""
    return pinned_npm(FOLDER, "mermaid", VERSION, SCRIPT, needs="to install mermaid",
                      timeout=TIMEOUT)


# Draws each diagram of arguments[0] (name -> text) under the security level arguments[1],
# and reads back from each drawing, parsed as an inert document (nothing in it runs): each
# node's label text (its id as Mermaid writes it -> the text, a line break for each <br>),
# each edge label's text (the edge's id -> text), the title and the SVG itself.
_DRAW = """
const [diagrams, level, done] = arguments;
const text = (element) => {
  if (!element) return null;
  const copy = element.cloneNode(true);
  copy.querySelectorAll('br').forEach((br) => br.replaceWith('\\n'));
  return copy.textContent;
};
(async () => {
  mermaid.initialize({startOnLoad: false, securityLevel: level});
  const out = {};
  let n = 0;
  for (const [name, diagram] of Object.entries(diagrams)) {
    const result = {};
    out[name] = result;
    try {
      result.parsed = await mermaid.parse(diagram);
    } catch (e) {
      result.error = 'parse: ' + String(e && e.message || e);
      continue;
    }
    let svg;
    try {
      svg = (await mermaid.render('chart' + (n++), diagram)).svg;
    } catch (e) {
      result.error = 'render: ' + String(e && e.message || e);
      continue;
    }
    result.svg = svg;
    const doc = new DOMParser().parseFromString(svg, 'text/html');
    result.nodes = {};
    result.heights = {};
    result.shapes = {};
    for (const node of doc.querySelectorAll('g.node')) {
      const m = /flowchart-(.+)-\\d+$/.exec(node.id);
      const key = m ? m[1] : node.id;
      result.nodes[key] = text(node.querySelector('.nodeLabel'));
      const box = node.querySelector('foreignObject');
      result.heights[key] = box ? parseFloat(box.getAttribute('height')) : null;
      const outline = node.firstElementChild;
      result.shapes[key] = [
        outline.tagName + (outline.getAttribute('rx') ? ' rounded' : ''),
        node.getAttribute('class').split(' ').filter((c) => c && c !== 'node' && c !== 'default')
          .sort().join(' ')];
    }
    result.links = [...doc.querySelectorAll('path[data-edge="true"]')].map((p) => p.dataset.id);
    result.edges = {};
    for (const label of doc.querySelectorAll('g.edgeLabel g.label[data-id]')) {
      result.edges[label.dataset.id] = text(label);
    }
    result.clusters = [...doc.querySelectorAll('g.cluster-label')].map(text);
    const title = doc.querySelector('.flowchartTitleText');
    result.title = title ? title.textContent : null;
  }
  done(out);
})();
"""


@dataclass(frozen=True)
class Drawn:
    """What the real Mermaid made of a diagram: an error, or what its drawing shows."""

    error: str | None
    nodes: dict[str, str] = field(default_factory=dict)
    #: Each edge label's text by the edge's id (``L_<from>_<to>_<count>``).
    edges: dict[str, str] = field(default_factory=dict)
    clusters: list[str] = field(default_factory=list)
    title: str | None = None
    svg: str = ""
    #: Each node label's height on the page (px).
    heights: dict[str, float] = field(default_factory=dict)
    #: The ids of the edges drawn.
    links: list[str] = field(default_factory=list)
    #: Each node's outline (its element, "rounded" for a rectangle with round corners) and
    #: classes.
    shapes: dict[str, tuple[str, str]] = field(default_factory=dict)

    def drawn_links(self) -> Counter[tuple[str, str, str]]:
        """The edges drawn: (from, to, label text), each as often as it is drawn."""
        ends = [re.fullmatch(r"L_([^_]+)_([^_]+)_\d+", link) for link in self.links]
        assert None not in ends, self.links
        return Counter((m.group(1), m.group(2), self.edges.get(m.group(0), ""))
                       for m in ends if m)


@pytest.fixture(scope="module")
def page(browser: Driver, tmp_path_factory: pytest.TempPathFactory) -> str:  # noqa: F811
    """A page that loads the pinned Mermaid, as a file:// URL."""
    script = official_mermaid()
    html = tmp_path_factory.mktemp("mermaid") / "mermaid.html"
    html.write_text('<!doctype html><html><head><meta charset="utf-8">'
                    f'<script src="{script.as_uri()}"></script></head><body></body></html>',
                    encoding="utf-8")
    browser.set_script_timeout(TIMEOUT)
    return html.as_uri()


def draw(browser: Driver, page: str, diagrams: dict[str, str],  # noqa: F811
         level: str = "strict") -> dict[str, Drawn]:
    """Every diagram drawn by the real Mermaid, in one call (the page is loaded when the
    browser is not on it yet: loading Mermaid's 5 MB takes a second). No script of a map
    may have run (``window.__pwned``), and the console must show no error."""
    if browser.current_url != page:
        browser.get(page)
    assert browser.execute_script("return typeof mermaid") == "object"
    out = browser.execute_async_script(_DRAW, diagrams, level)
    assert browser.execute_script("return window.__pwned === undefined")
    severe = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    return {name: Drawn(r.get("error"), r.get("nodes", {}), r.get("edges", {}),
                        r.get("clusters", []), r.get("title"), r.get("svg", ""),
                        r.get("heights", {}), r.get("links", []),
                        {k: (v[0], v[1]) for k, v in r.get("shapes", {}).items()})
            for name, r in out.items()}


@dataclass(frozen=True)
class Meant:
    """What argmap means a diagram to show: node labels by Mermaid id, the links (from, to,
    label text, each as often as it is drawn), the title."""

    text: str
    nodes: dict[str, str]
    links: Counter[tuple[str, str, str]]
    title: str
    #: The subgraphs' titles: the legend's.
    clusters: list[str]
    #: Each node's outline and classes (its kind's, "finding" when marked).
    shapes: dict[str, tuple[str, str]]


def meant(maps: MapSet | LoadedMap, options: RenderOptions | None = None,
          findings: Sequence[Problem] = ()) -> Meant:
    """The Mermaid text of ``maps`` and what it means to show, read from argmap's view of
    them and its own label lines."""
    options = options or RenderOptions()
    view = select(maps, options, findings)
    return Meant(to_mermaid(maps, options, findings), _nodes(view, options),
                 _links(view, options), chart_title(view),
                 ["Legend"] if options.legend and view.nodes else [], _shapes(view, options))


#: The outline Mermaid draws for each kind's shape (``(...)``, ``[...]``, ``[(...)]``,
#: ``{{...}}``) and for the blank circles.
OUTLINES = {"recommendation": "rect rounded", "claim": "rect", "assumption": "rect",
            "evidence": "path", "objection": "polygon", "relay": "circle"}


def _shapes(view: View, options: RenderOptions) -> dict[str, tuple[str, str]]:
    flagged = view.node_findings if options.highlight_findings else {}
    classes = {f"n{i + 1}": " ".join(sorted([view.graph.nodes[key].kind.value,
                                             *["finding"] * (key in flagged)]))
               for i, key in enumerate(view.nodes)}
    classes |= {f"r{number}": "relay" for number in view.edges
                if number in view.undercut_relations}
    if options.legend and view.nodes:
        classes |= {f"lg{kind.value}": kind.value for kind in NodeKind
                    if any(view.graph.nodes[k].kind is kind for k in view.nodes)}
        classes |= {f"lg{n}{end}": "relay" for n in range(len(_samples(view))) for end in "ab"}
    return {key: (OUTLINES[c.replace("finding", "").strip()], c)
            for key, c in classes.items()}


def _nodes(view: View, options: RenderOptions) -> dict[str, str]:
    flagged = view.node_findings if options.highlight_findings else {}
    nodes = {f"n{i + 1}": "\n".join(node_lines(view, key, options, key in flagged))
             for i, key in enumerate(view.nodes)}
    # Undercut relations split at a blank circle (a label of one space, which Mermaid trims).
    nodes |= {f"r{number}": "" for number in view.edges if number in view.undercut_relations}
    if options.legend and view.nodes:
        kinds = {view.graph.nodes[k].kind for k in view.nodes}
        nodes |= {f"lg{kind.value}": kind.value for kind in NodeKind if kind in kinds}
        nodes |= {f"lg{n}{end}": "" for n in range(len(_samples(view))) for end in "ab"}
    return nodes


def _samples(view: View) -> list[str]:
    """The legend's sample lines: each relation kind drawn, inferences, tensions."""
    edges = [view.graph.edges[i] for i in view.edges]
    samples = [k.value for k in RelationKind if any(e.kind is k for e in edges)]
    samples += ["inferred"] * any(e.relation.by is Provenance.ANALYST for e in edges)
    return samples + ["tension"] * bool(view.tensions)


def _links(view: View, options: RenderOptions) -> Counter[tuple[str, str, str]]:
    ids = {key: f"n{i + 1}" for i, key in enumerate(view.nodes)}
    links: list[tuple[str, str, str]] = []
    for number in view.edges:
        e = view.graph.edges[number]
        label = "inferred" if e.relation.by is Provenance.ANALYST else ""
        if e.target_edge is not None:  # an undercut, onto the relation's circle
            links.append((ids[e.source], f"r{e.target_edge}", label))
        elif number in view.undercut_relations:  # split at its circle
            links += [(ids[e.source], f"r{number}", ""), (f"r{number}", ids[e.target], label)]
        else:
            links.append((ids[e.source], ids[e.target], label))
    links += [(ids[t.between[0]], ids[t.between[1]], "tension") for _, t in view.tensions]
    if options.legend and view.nodes:
        links += [(f"lg{n}a", f"lg{n}b", sample) for n, sample in enumerate(_samples(view))]
    return Counter(links)


class _Markup(HTMLParser):
    """Every element and attribute of a drawing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def markup(svg: str) -> list[tuple[str, dict[str, str | None]]]:
    """The elements of ``svg`` with their attributes."""
    parser = _Markup()
    parser.feed(svg)
    parser.close()
    return parser.tags


def violations(svg: str, marker: str) -> list[str]:
    """What a map's text must never put into a drawing: a link, a script, an event handler,
    a ``javascript:`` URL, a click handler, or ``marker`` (a colour or name only the map's
    text holds) in a style sheet or a style or class attribute."""
    found: list[str] = []
    for tag, attrs in markup(svg):
        if tag in ("a", "script", "iframe", "img", "object", "embed"):
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"{tag} {name}=")
            if value and "javascript:" in value.lower().replace(" ", ""):
                found.append(f"{tag} {name}={value[:80]}")
            if value and name in ("style", "class", "href", "xlink:href") and (
                    marker in value or "clickable" in value):
                found.append(f"{tag} {name}={value[:80]}")
    found += [f"<style> {marker}" for style in re.findall(r"<style>(.*?)</style>", svg, re.S)
              if marker in style]
    return found


#: A colour only the hostile texts name (and a font named after it): it must not reach any
#: style of a drawing.
COLOUR = "#123456"
#: Texts that are Mermaid syntax, markup, Markdown, entities or unusual Unicode.
HOSTILE_TEXTS = [
    'He said "yes" and \'no\'', "back`tick` and ``` a fence ```", "# heading #1 #x; #35;",
    "50% and %%{init: {\"fontFamily\": \"f" + COLOUR[1:] + "\"}}%% here",
    "%%{init: {\"theme\": \"dark\", \"themeCSS\": \"* {fill: " + COLOUR + "}\"}}%%",
    "%% a comment", "click n1 href \"javascript:window.__pwned=1\"",
    "click n1 call alert(1)", f"style n1 fill:{COLOUR}", f"classDef claim fill:{COLOUR};",
    f"class n1 x; linkStyle 0 stroke:{COLOUR}", "end", "graph", "subgraph", "click", "style",
    "classDef", "flowchart TD", "end\nsubgraph x\nend", '"]\nclick n1 "javascript:x"\n["',
    "<script>window.__pwned=1</script>", "<img src=x onerror=\"window.__pwned=1\">",
    "<a href=\"javascript:window.__pwned=1\">link</a>", "javascript:window.__pwned=1",
    "<svg onload=window.__pwned=1>", "<b>bold</b> <br> <br/> <p>x</p>",
    "**bold** and *em* and _under_ and ~~strike~~", "`code`", "[x](https://evil.example)",
    "![img](https://evil.example/x.png)", "&amp; &lt; &#60; &#x3c; #quot; #lt; #35; #60;",
    "line\nbreak\r\nand\u2028more", "tab\there", "مرحبا بالعالم: پاکستان اور افغانستان",
    "emoji 😀👍🏽 family 👨‍👩‍👧 flag 🇵🇰", "e\u0301 combining a\u0308 \u0915\u094d\u0937",
    "\ufb02\u00b0lt\u00b6\u00df and \ufb02\u00b0\u00b060\u00b6\u00df", "style:a#b; more;",
    "$$x^2$$ and $y$ and $$\\href{javascript:alert(1)}{x}$$", "a | pipe |x|",
    "semi; colon", "brackets ] ) } > [ ( { (( [[ {{ [( >", "\\ backslash \\n \\\\",
    "fa:fa-car icon:x", "1. list", "- dash", "> quote", "A  double  space",
    "A:::claim", "n1 --> n2", "-.-x ==> --o", "\u202eright-to-left override\u202c",
    "zero\u200bwidth\u200djoiner", "x" * 3000, "word " * 400, "\u00a0", "\x01\u202e\u202c",
    "\u3000 \u00a0 x \u00a0",
]
#: Ids Mermaid reads as keywords, or with dots and dashes.
HOSTILE_IDS = ["click", "style", "classDef", "end", "graph", "subgraph", "class", "default",
               "flowchart", "linkStyle", "v1.2-rc", "a.b.c", "x--y", "o-", "x-o",
               "call", "href", "direction", "TB", "x_", "1", "end-"]


def _map(texts: Sequence[str], ids: Sequence[str] = (), title: str = "T") -> LoadedMap:
    """A map with a node for each text, of each kind in turn (ids from ``ids``, then
    ``c<n>``), each supporting the next: every third by the analyst's inference, every
    fifth attacking it instead; an undercut of the first relation, and a tension."""
    names = [*ids[:len(texts)], *(f"c{i}" for i in range(len(ids), len(texts)))]
    nodes: list[dict[str, Any]] = []
    for i, (name, text) in enumerate(zip(names, texts, strict=True)):
        node: dict[str, Any] = {"id": name, "kind": list(NodeKind)[i % len(NodeKind)],
                                "text": text}
        if i + 1 < len(names):
            relation = {"to": names[i + 1], "id": f"r{i}"}
            if i % 3 == 2:
                relation["by"] = "analyst"
            node["attacks" if i % 5 == 4 else "supports"] = [relation]
        nodes.append(node)
    if len(nodes) > 3:
        nodes[2]["undercuts"] = ["r0"]
    data: dict[str, Any] = {"argmap": 1, "title": title, "nodes": nodes}
    if len(nodes) > 4:
        data["tensions"] = [{"id": "t", "between": [names[1], names[3]]}]
    return loads(emit(ArgumentMap.model_validate(data)), "hostile.yaml")


HOSTILE_TITLE = ('Title "q" <script>window.__pwned=1</script> %%{init: {"theme": "dark"}}%% '
                 f"& #35; \ufb02\u00b0lt\u00b6\u00df $$x$$ \\n style a:{COLOUR};")


def _cross_maps(folder: Path) -> MapSet:
    """Two maps related across files: the other map's nodes show as ``map:id``."""
    (folder / "first.yaml").write_text(
        "argmap: 1\ntitle: First\nnodes:\n  - id: a.b-c\n    kind: claim\n    text: A.\n"
        "    supports: ['second-map:x.y']\n", encoding="utf-8")
    (folder / "second-map.yaml").write_text(
        "argmap: 1\ntitle: Second\nnodes:\n  - id: x.y\n    kind: recommendation\n"
        "    text: X.\n", encoding="utf-8")
    return load_set([folder / "first.yaml"])


def _handout_chart(text: str) -> str:
    """The Mermaid block of a Markdown handout."""
    match = re.search(r"^```mermaid\n(.*?)^```$", text, re.S | re.M)
    assert match is not None
    return match.group(1)


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Meant]:
    """The diagrams of the module: the flagship map (full text; ids, acceptance and
    findings), its handout's, the file argmap writes of it, the fixture maps, the hostile
    texts and ids, two maps."""
    flagship = load(FLAGSHIP)
    marked = RenderOptions(labels=LabelMode.BOTH, highlight_findings=True, show=Overlay.ACCEPTANCE,
                           direction=Direction.LEFT_RIGHT)
    # The handout's chart is the flagship's chart (asserted below): drawn once, as the
    # handout's.
    plain = meant(flagship)
    # The file `render -f mermaid` writes: argmap's mark (a %% comment) after the front
    # matter must leave the title and the chart as they are.
    written = render_view(select(flagship, RenderOptions()), "mermaid")[0].data.decode()
    assert MERMAID_MARK in written
    diagrams = {"handout": replace(plain, text=_handout_chart(to_markdown(flagship))),
                "flagship-file": replace(plain, text=written),
                "flagship-marked": meant(flagship, marked, check(flagship).findings)}
    for path in FIXTURES:
        diagrams[str(path.relative_to(ROOT / "tests"))] = meant(load_set([path]))
    both = RenderOptions(labels=LabelMode.BOTH)
    hostile = _map(HOSTILE_TEXTS, title=HOSTILE_TITLE)
    # In full text short labels are one line; with ids every label is several lines, which
    # Mermaid reads differently.
    diagrams["hostile-texts"] = meant(hostile, RenderOptions(labels=LabelMode.TEXT))
    diagrams["hostile-texts-ids"] = meant(hostile, both)
    diagrams["hostile-ids"] = meant(_map([f"Text of {i}." for i in HOSTILE_IDS], HOSTILE_IDS,
                                         HOSTILE_TITLE), both)
    diagrams["cross-maps"] = meant(_cross_maps(tmp_path_factory.mktemp("maps")), both)
    return diagrams


#: The fixture maps of the tests (maps and folders).
FIXTURES = [*sorted((ROOT / "tests" / "golden").glob("*.yaml")),
            *sorted((ROOT / "tests" / "fixtures" / "valid").glob("*.yaml")),
            ROOT / "tests" / "fixtures" / "project" / "arguments"]
HOSTILE = ("hostile-texts", "hostile-texts-ids", "hostile-ids", "golden/hostile.yaml")


@pytest.fixture(scope="module")
def drawn(browser: Driver, page: str, named: dict[str, Meant]  # noqa: F811
          ) -> dict[str, Drawn]:
    """Every named diagram drawn by the real Mermaid at its default security level."""
    return draw(browser, page, {name: m.text for name, m in named.items()})


def test_named_diagrams_are_drawn_as_meant(named: dict[str, Meant],
                                           drawn: dict[str, Drawn]) -> None:
    """The flagship map's chart (as its handout has it, as the file argmap writes with its
    mark, and with ids, acceptance and findings marked), every fixture map's, the hostile
    texts' and ids', and that of two related maps: Mermaid parses and draws each, each node
    and the title show exactly the text argmap meant, each node has its kind's shape and
    classes (and "finding" where marked), and each link joins the nodes argmap meant with
    the label it meant."""
    assert sorted(named) == sorted(drawn)
    assert to_mermaid(load(FLAGSHIP)) == named["handout"].text
    for name, expected in named.items():
        assert drawn[name].error is None, (name, drawn[name].error)
        assert expected.nodes == drawn[name].nodes, name
        assert expected.links == drawn[name].drawn_links(), name
        assert expected.title == drawn[name].title, name
        assert expected.clusters == drawn[name].clusters, name
        assert expected.shapes == drawn[name].shapes, name


def test_the_texts_reach_the_diagram(named: dict[str, Meant]) -> None:
    """The hostile labels are the map's texts, cleaned: the comparison above is not with
    something argmap made up (each text of up to 26 characters is a line of its own)."""
    labels = "\n".join(named["hostile-texts"].nodes.values()).replace("\u2060", "")
    # (Mermaid trims spaces at the ends, no-break ones too, and so does argmap.)
    short = [s for t in HOSTILE_TEXTS if len(s := clean(t).strip(" \u00a0\u3000")) <= WRAP]
    assert [t for t in short if t not in labels] == []
    assert "click\nText of click." in named["hostile-ids"].nodes.values()
    assert any("second-map:x.y" in v for v in named["cross-maps"].nodes.values())


def test_lines_are_not_broken_again(named: dict[str, Meant], drawn: dict[str, Drawn]) -> None:
    """Mermaid draws each label of the flagship and fixture maps in the lines argmap broke it
    into, no more: the height of a label is its number of lines times the height of a
    one-line label."""
    for name in ("handout", *(str(p.relative_to(ROOT / "tests")) for p in FIXTURES)):
        labels = {k: v for k, v in named[name].nodes.items() if v}
        heights = drawn[name].heights
        one = min(heights[key] for key, v in labels.items() if "\n" not in v)
        counts = {key: round(heights[key] / one) for key in labels}
        assert {k: v.count("\n") + 1 for k, v in labels.items()} == counts, name


@pytest.mark.parametrize("level", ["strict", "loose"])
def test_nothing_in_a_map_reaches_the_markup(browser: Driver, page: str,  # noqa: F811
                                              named: dict[str, Meant],
                                              drawn: dict[str, Drawn], level: str) -> None:
    """Under Mermaid's default security level and under `loose`, the hostile maps' drawings
    hold no link, script, event handler, `javascript:` URL or click handler, and no style
    that their texts name (COLOUR): no directive, `style`, `classDef` or `click` in a text
    took effect. (No script ran either: `draw` checks that `window.__pwned` is unset.)"""
    charts = drawn if level == "strict" else draw(
        browser, page, {name: named[name].text for name in HOSTILE}, level)
    for name in HOSTILE:
        assert charts[name].error is None, charts[name].error
        assert violations(charts[name].svg, COLOUR[1:]) == [], name


@pytest.mark.parametrize("level", ["strict", "loose"])
def test_the_check_finds_what_it_looks_for(browser: Driver, page: str,  # noqa: F811
                                           level: str) -> None:
    """The texts above unescaped, written into a chart by hand, do restyle the diagram and
    add links, under both security levels: the check of the test above can fail."""
    raw = (f'%%{{init: {{"fontFamily": "f{COLOUR[1:]}"}}}}%%\n'
           f'flowchart LR\n  a["x"] --> b["y"]\n  style a fill:{COLOUR}\n'
           '  click b href "https://example.org/"\n')
    found = violations(draw(browser, page, {"raw": raw}, level)["raw"].svg, COLOUR[1:])
    assert "<a>" in found
    assert any(v.startswith("<style>") for v in found)
    assert any("style=" in v for v in found)


#: Characters of generated labels: Mermaid's and HTML's specials, then any other.
_SPECIALS = [*'"#%&<>`$*_[](){}|\\;:!/=~-.,\'^@+?',
    "\ufb02", "\u00b0", "\u00b6", "\u00df", "\n", "\t", " ", "\u200d", "\u0301", "\U0001f600",
    "\u0627", "style", "classDef", "click", "end", "%%", "#35;", "&amp;", "<br/>", "$$",
    "\\n", "-->", ":::", "```", "**"]
LABEL = st.lists(st.one_of(st.sampled_from(_SPECIALS), st.characters(codec="utf-8")),
                 min_size=1, max_size=12).map("".join)
#: Labels per diagram; each example of the test below is one page load.
BATCH = 60


@settings(max_examples=5, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LABEL, min_size=BATCH, max_size=BATCH), LABEL,
       st.sampled_from([LabelMode.TEXT, LabelMode.BOTH]))
def test_generated_labels_are_drawn_as_meant(browser: Driver, page: str,  # noqa: F811
                                             texts: list[str], title: str,
                                             mode: LabelMode) -> None:
    """Property (300 labels in five diagrams, the same every run): any text, mixed from
    Mermaid's and HTML's special characters and words and any other characters, in full
    text or under its id (every label then has several lines, which Mermaid reads
    differently), is drawn exactly as argmap meant, and nothing of it reaches the markup."""
    expected = meant(_map(texts, title=title), RenderOptions(labels=mode))
    chart = draw(browser, page, {"generated": expected.text})["generated"]
    assert chart.error is None, (chart.error, expected.text)
    assert expected.nodes == chart.nodes
    assert expected.links == chart.drawn_links()
    assert expected.title == chart.title
    assert expected.clusters == chart.clusters
    assert expected.shapes == chart.shapes
    assert violations(chart.svg, COLOUR[1:]) == []
