"""Tests of argmap.render.mermaid: Mermaid flowchart text."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings

from argmap.checks import check
from argmap.emit import emit
from argmap.loading.loader import load, loads
from argmap.model import ArgumentMap
from argmap.render.mermaid import WRAPPING_WIDTH, to_mermaid
from argmap.render.options import Direction, LabelMode, RenderOptions

from .helpers import FLAGSHIP, ROOT
from .mapgen import maps

GOLDEN = ROOT / "tests" / "golden"
#: A node: id, shape opening, quoted label, shape closing, class.
NODE = re.compile(r'^ {2,4}((?:n|lg)\w+)(\(|\[\(|\{\{|\[)"([^"]*)"(\)|\)\]|\}\}|\])'
                  r":::(\w+)$")
#: A legend's sample line between two small circles.
SAMPLE = re.compile(r'^    (lg\d+a)\(\(" "\)\):::relay (-->|-\.-x|-\.-)\|[a-z]+\| '
                    r'(lg\d+b)\(\(" "\)\):::relay$')
#: The chart's head: the front matter with the title and the wrapping width, then the
#: flowchart line.
HEAD = 7
RELAY = re.compile(r'^  (r\d+)\(\(" "\)\):::relay$')
LINK = re.compile(r"^  ([nr]\d+) (-->|-\.-x|---)(\|inferred\|)? ([nr]\d+)$")
TENSION = re.compile(r"^  (n\d+) -\.-\|tension\| (n\d+)$")


def _lines(text: str) -> list[str]:
    return text.splitlines()


def test_small_map() -> None:
    """Shapes and classes per kind, relations as links, the undercut onto a relay circle."""
    text = to_mermaid(load(GOLDEN / "small.yaml"))
    lines = _lines(text)
    assert lines[:HEAD] == ["---", 'title: "Should the town build a bypass?"', "config:",
                            "  flowchart:", "    wrappingWidth: 200", "---", "flowchart BT"]
    assert lines[HEAD:HEAD + 5] == [
        '  n1("The town should build the<br/>bypass road."):::recommendation',
        '  n2["Through traffic harms the<br/>town centre."]:::claim',
        '  n3[("12,000 vehicles a day<br/>cross the centre.")]:::evidence',
        '  n4["A bypass takes most<br/>through traffic out of the<br/>centre."]:::assumption',
        '  n5{{"Shops lose passing trade<br/>when traffic leaves."}}:::objection',
    ]
    assert '  r0((" ")):::relay' in lines
    relay_links = [line for line in lines if "r0" in line and "::" not in line]
    assert relay_links == ["  n2 --- r0", "  r0 --> n1", "  n6 -.-x r0"]
    # Links 7 to 9 are the legend's samples, styled with their kinds.
    assert "  linkStyle 0,1,2,3,7 stroke:#0072B2,stroke-width:1.4px" in lines
    assert "  linkStyle 4,5,8 stroke:#D55E00,stroke-width:1.6px,stroke-dasharray:6 4" in lines
    assert "  linkStyle 6,9 stroke:#CC79A7,stroke-width:2px,stroke-dasharray:2 3" in lines


def test_legend_and_shapes_follow_the_graphviz_grammar() -> None:
    """The legend is a subgraph with a sample of each kind drawn (the kinds' shapes and
    classes) and a sample line of each relation kind; assumptions are dashed boxes like
    the DOT's, recommendations rounded and bold; --no-legend leaves it out."""
    text = to_mermaid(load(GOLDEN / "small.yaml"))
    legend = text.split('  subgraph legend ["Legend"]\n', 1)[1].split("  end\n", 1)[0]
    assert legend.splitlines()[:5] == [
        '    lgrecommendation("recommendation"):::recommendation',
        '    lgclaim["claim"]:::claim', '    lgassumption["assumption"]:::assumption',
        '    lgobjection{{"objection"}}:::objection', '    lgevidence[("evidence")]:::evidence']
    assert [m.group(2) for m in map(SAMPLE.match, legend.splitlines()[5:]) if m] == [
        "-->", "-.-x", "-.-x"]
    assert "stroke-width:2px\n" in text.split("classDef recommendation", 1)[1]
    assert "stroke-dasharray:4 3" in text.split("classDef assumption", 1)[1].split("\n")[0]
    assert "subgraph" not in to_mermaid(load(GOLDEN / "small.yaml"), RenderOptions(legend=False))


def test_labels_are_wrapped_narrower_than_mermaid_wraps() -> None:
    """No label line is longer than WRAP characters, so Mermaid does not break it again."""
    from argmap.render.mermaid import WRAP

    text = to_mermaid(load(FLAGSHIP))
    labels = [m.group(3) for m in map(NODE.match, _lines(text)) if m]
    # An entity (#quot;, #35;) is one character on the page.
    shown = [re.sub(r"#\w+;", "x", part) for label in labels for part in label.split("<br/>")]
    assert max(map(len, shown)) <= WRAP


def test_hostile_title_is_quoted() -> None:
    """The title is one JSON-quoted line of the front matter; angle brackets become
    look-alike quotation marks."""
    text = to_mermaid(load(GOLDEN / "hostile.yaml"))
    assert _lines(text)[1] == 'title: "Hostile \\"title\\" \u2039script\u203aalert(1)' \
        '\u2039/script\u203a \\\\l"'


def test_title_holds_no_directive() -> None:
    """Mermaid obeys `%%{init: ...}%%` wherever it stands: in the title, every percent sign
    followed by another is a full-width one, and no `%%` is left; one alone stays."""
    text = to_mermaid(loads('argmap: 1\ntitle: "%%%{init: {}}%% at 50%"\nnodes: []\n'))
    assert 'title: "\uff05\uff05%{init: {}}\uff05% at 50%"' == _lines(text)[1]
    assert "%%" not in text


def test_every_line_is_well_formed() -> None:
    """Every line of the hostile fixture's chart is a node, link, class or style line."""
    text = to_mermaid(load(GOLDEN / "hostile.yaml"), RenderOptions(labels=LabelMode.BOTH))
    for line in _lines(text)[HEAD:]:
        assert (NODE.match(line) or RELAY.match(line) or LINK.match(line)
                or TENSION.match(line) or SAMPLE.match(line)
                or line in ('  subgraph legend ["Legend"]', "  end")
                or line.startswith(("  classDef ", "  linkStyle ", "  class "))), line


def test_hostile_text_escaped() -> None:
    """Quotes, markup and backticks become entities; nothing ends a label early."""
    text = to_mermaid(load(GOLDEN / "hostile.yaml"))
    line = next(line for line in _lines(text) if line.startswith("  n1["))
    assert line == ('  n1["He said #quot;]; evil<br/>[shape=box label=#quot; and<br/>left '
                    '\\ a backslash \\l \\N }"]:::claim')
    assert "`" not in text
    assert "\x1b" not in text


def test_inferred_relations_and_tensions() -> None:
    """A relation the analyst infers is labelled and drawn lighter; a tension is a dotted,
    labelled line between its two nodes."""
    text = ("argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n"
            "    supports:\n      - to: b\n        by: analyst\n      - c\n"
            "  - id: b\n    kind: claim\n    text: B.\n  - id: c\n    kind: claim\n"
            "    text: C.\ntensions:\n  - id: t\n    between: [b, c]\n")
    lines = _lines(to_mermaid(loads(text, "m.yaml"), RenderOptions(legend=False)))
    assert lines[HEAD + 3:HEAD + 6] == ["  n1 -->|inferred| n2", "  n1 --> n3",
                                        "  n2 -.-|tension| n3"]
    assert lines[-3:] == ["  linkStyle 1 stroke:#0072B2,stroke-width:1.4px",
                          "  linkStyle 0 stroke:#66AAD1,stroke-width:1px",
                          "  linkStyle 2 stroke:#555555,stroke-width:1.6px,"
                          "stroke-dasharray:2 3"]


def test_options() -> None:
    """Direction, id labels and highlighted findings."""
    m = load(GOLDEN / "small.yaml")
    assert _lines(to_mermaid(m, RenderOptions(direction=Direction.LEFT_RIGHT)))[HEAD - 1] == \
        "flowchart LR"
    assert '  n3[("counts")]:::evidence' in to_mermaid(m, RenderOptions(labels=LabelMode.ID))
    marked = to_mermaid(m, RenderOptions(highlight_findings=True), check(m).findings)
    assert "  class n6 finding" in marked
    assert "  linkStyle 6 stroke:#C00000,stroke-width:4px" in marked  # not the legend's


def test_short_labels_are_titles() -> None:
    """In short labels a node with a title is drawn by it (Mermaid shares the DOT's label
    lines); in full text by its text."""
    m = loads("argmap: 1\ntitle: T\nnodes:\n  - {id: c1, kind: claim, text: Coercion has "
              "failed., title: Coercion fails}\n", "m.yaml")
    assert '  n1["Coercion<br/>fails"]:::claim' in to_mermaid(
        m, RenderOptions(labels=LabelMode.SHORT))
    assert "Coercion fails" not in to_mermaid(m, RenderOptions(labels=LabelMode.TEXT))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_any_map_gives_well_formed_lines(amap: ArgumentMap) -> None:
    """Property: for any valid map every line is a node, link or style statement,
    and every link refers to declared nodes."""
    text = to_mermaid(loads(emit(amap), "generated.yaml"))
    declared: set[str] = set()
    assert _lines(text)[0] == "---"
    assert _lines(text)[HEAD - 2] == "---"
    for line in _lines(text)[HEAD:]:
        node = NODE.match(line) or RELAY.match(line)
        link = LINK.match(line)
        tension = TENSION.match(line)
        if node:
            declared.add(node.group(1))
        elif link:
            assert {link.group(1), link.group(4)} <= declared, line
        elif tension:
            assert {tension.group(1), tension.group(2)} <= declared, line
        else:
            assert (SAMPLE.match(line) or line in ('  subgraph legend ["Legend"]', "  end")
                    or line.startswith(("  classDef ", "  linkStyle ", "  class "))), line


def _node_line(text: str) -> str:
    """The node line of a one-claim map whose text is ``text``."""
    m = loads(emit(ArgumentMap.model_validate(
        {"argmap": 1, "title": "T", "nodes": [{"id": "c", "kind": "claim", "text": text}]})),
        "m.yaml")
    return next(line for line in _lines(to_mermaid(m, RenderOptions(legend=False)))
                if line.startswith("  n1["))


def test_style_and_classdef_words_are_broken() -> None:
    """Regression (the real Mermaid, tests/test_mermaid_official.py): Mermaid cuts the last
    ";" off a line holding "style" or "classDef", a colon and a "#", so "style x:#f00"
    was drawn as "style x:#35f00". Their first letters are entities; "Style" is not cut."""
    assert _node_line("style x:#f00") == '  n1["#115;tyle x:#35;f00"]:::claim'
    assert _node_line("classDef a:#f00;") == '  n1["#99;lassDef a:#35;f00;"]:::claim'
    assert _node_line("linkStyle 1") == '  n1["linkStyle 1"]:::claim'


def test_maths_line_breaks_icons_and_entity_markers_are_kept_apart() -> None:
    """Regression (the real Mermaid): it draws `$$x$$` as KaTeX maths and a backslash before
    "n" as a line break (in labels of several lines, entities or not), "fa:fa-car" as an
    icon, and decodes its entity markers "\ufb02\u00b0lt\u00b6\u00df" anywhere in the SVG
    (drawing "<"): a word joiner goes between two of their characters, in labels and the
    title."""
    assert _node_line("$$x$$ a\\nb fa:fa-car") == \
        '  n1["$\u2060$x$\u2060$ a\\\u2060nb fa:\u2060fa-car"]:::claim'
    assert _node_line("\ufb02\u00b0lt\u00b6\u00df") == \
        '  n1["\ufb02\u2060\u00b0lt\u00b6\u2060\u00df"]:::claim'
    text = to_mermaid(loads('argmap: 1\ntitle: "\ufb02\u00b0\u00b0\u00b6\u00df $$"\n'
                            "nodes: []\n"))
    assert _lines(text)[1] == 'title: "\ufb02\u2060\u00b0\u00b0\u00b6\u2060\u00df $\u2060$"'


def test_labels_are_trimmed_as_mermaid_trims_them() -> None:
    """Regression: Mermaid trims a label as JavaScript does, no-break spaces too; argmap's
    lines are trimmed so, and a line left empty is left out."""
    assert _node_line("\u00a0a\u00a0\u3000") == '  n1["a"]:::claim'


def test_an_empty_label_is_a_space() -> None:
    """Regression: `n1[""]` is a syntax error to Mermaid; a text that leaves no line (spaces,
    control characters, bidi controls) has the label " ", which Mermaid draws empty."""
    assert [_node_line(t) for t in ("\u00a0", "\x01\x02", "\u202e\u202c")] == \
        ['  n1[" "]:::claim'] * 3


def test_wrapping_width_is_set() -> None:
    """Regression: Mermaid 12 wraps labels at 120 px, which broke argmap's lines of up to
    WRAP characters again; the front matter sets Mermaid 11's 200 px."""
    text = to_mermaid(load(GOLDEN / "small.yaml"))
    assert _lines(text)[2:5] == ["config:", "  flowchart:", f"    wrappingWidth: {WRAPPING_WIDTH}"]
    assert WRAPPING_WIDTH == 200
