"""Tests of argmap.render.mermaid: Mermaid flowchart text."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings

from argmap.checks import check
from argmap.emit import emit
from argmap.loading.loader import load, loads
from argmap.model import ArgumentMap
from argmap.render.mermaid import to_mermaid
from argmap.render.options import Direction, LabelMode, RenderOptions

from .helpers import ROOT
from .mapgen import maps

GOLDEN = ROOT / "tests" / "golden"
#: A node: id, shape opening, quoted label, shape closing, class.
NODE = re.compile(r'^  (n\d+)(\(\[|\[\(|\[/|\{\{|\[)"([^"]*)"(\]\)|\)\]|/\]|\}\}|\])'
                  r":::(\w+)$")
RELAY = re.compile(r'^  (r\d+)\(\(" "\)\):::relay$')
LINK = re.compile(r"^  ([nr]\d+) (-->|-\.-x|---)(\|inferred\|)? ([nr]\d+)$")
TENSION = re.compile(r"^  (n\d+) -\.-\|tension\| (n\d+)$")


def _lines(text: str) -> list[str]:
    return text.splitlines()


def test_small_map() -> None:
    """Shapes and classes per kind, relations as links, the undercut onto a relay circle."""
    text = to_mermaid(load(GOLDEN / "small.yaml"))
    lines = _lines(text)
    assert lines[0] == "flowchart BT"
    assert lines[1:6] == [
        '  n1(["The town should build the bypass<br/>road."]):::recommendation',
        '  n2["Through traffic harms the town<br/>centre."]:::claim',
        '  n3[("12,000 vehicles a day cross the<br/>centre.")]:::evidence',
        '  n4[/"A bypass takes most through<br/>traffic out of the centre."/]:::assumption',
        '  n5{{"Shops lose passing trade when<br/>traffic leaves."}}:::objection',
    ]
    assert '  r0((" ")):::relay' in lines
    relay_links = [line for line in lines if "r0" in line and "::" not in line]
    assert relay_links == ["  n2 --- r0", "  r0 --> n1", "  n6 -.-x r0"]
    assert "  linkStyle 0,1,2,3 stroke:#0072B2,stroke-width:1.4px" in lines
    assert "  linkStyle 4,5 stroke:#D55E00,stroke-width:1.6px,stroke-dasharray:6 4" in lines
    assert "  linkStyle 6 stroke:#CC79A7,stroke-width:2px,stroke-dasharray:2 3" in lines


def test_every_line_is_well_formed() -> None:
    """Every line of the hostile fixture's chart is a node, link, class or style line."""
    text = to_mermaid(load(GOLDEN / "hostile.yaml"), RenderOptions(labels=LabelMode.BOTH))
    for line in _lines(text)[1:]:
        assert (NODE.match(line) or RELAY.match(line) or LINK.match(line)
                or TENSION.match(line)
                or line.startswith(("  classDef ", "  linkStyle ", "  class "))), line


def test_hostile_text_escaped() -> None:
    """Quotes, markup and backticks become entities; nothing ends a label early."""
    text = to_mermaid(load(GOLDEN / "hostile.yaml"))
    line = next(line for line in _lines(text) if line.startswith("  n1["))
    assert line == ('  n1["He said #quot;]; evil [shape=box<br/>label=#quot; and left \\ a '
                    'backslash \\l<br/>\\N }"]:::claim')
    assert "`" not in text
    assert "\x1b" not in text


def test_inferred_relations_and_tensions() -> None:
    """A relation the analyst infers is labelled and drawn lighter; a tension is a dotted,
    labelled line between its two nodes."""
    text = ("argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n"
            "    supports:\n      - to: b\n        by: analyst\n      - c\n"
            "  - id: b\n    kind: claim\n    text: B.\n  - id: c\n    kind: claim\n"
            "    text: C.\ntensions:\n  - id: t\n    between: [b, c]\n")
    lines = _lines(to_mermaid(loads(text, "m.yaml")))
    assert lines[4:7] == ["  n1 -->|inferred| n2", "  n1 --> n3", "  n2 -.-|tension| n3"]
    assert lines[-3:] == ["  linkStyle 1 stroke:#0072B2,stroke-width:1.4px",
                          "  linkStyle 0 stroke:#66AAD1,stroke-width:1px",
                          "  linkStyle 2 stroke:#555555,stroke-width:1.6px,"
                          "stroke-dasharray:2 3"]


def test_options() -> None:
    """Direction, id labels and highlighted findings."""
    m = load(GOLDEN / "small.yaml")
    assert to_mermaid(m, RenderOptions(direction=Direction.LEFT_RIGHT)).startswith(
        "flowchart LR\n")
    assert '  n3[("counts")]:::evidence' in to_mermaid(m, RenderOptions(labels=LabelMode.ID))
    marked = to_mermaid(m, RenderOptions(highlight_findings=True), check(m).findings)
    assert "  class n6 finding" in marked
    assert "  linkStyle 6 stroke:#C00000,stroke-width:4px" in marked


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_any_map_gives_well_formed_lines(amap: ArgumentMap) -> None:
    """Property: for any valid map every line is a node, link or style statement,
    and every link refers to declared nodes."""
    text = to_mermaid(loads(emit(amap), "generated.yaml"))
    declared: set[str] = set()
    for line in _lines(text)[1:]:
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
            assert line.startswith(("  classDef ", "  linkStyle ", "  class ")), line
