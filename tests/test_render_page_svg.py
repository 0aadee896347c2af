"""Tests of argmap.render.page_svg: Graphviz's SVG made addressable, focusable and link-free."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest

from argmap.loading.loader import load
from argmap.render.api import render_view
from argmap.render.errors import UnsafeSvgError
from argmap.render.page_svg import SVG_ID, inline_svg, print_svg
from argmap.render.select import select

from .helpers import ROOT

SMALL = ROOT / "tests" / "golden" / "small.yaml"
needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")

# The shape of Graphviz's output for one node with a tooltip and a link, and one relation.
SNIPPET = b"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg width="100pt" height="50pt" viewBox="0.00 0.00 100.00 50.00"
 xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<g id="graph0" class="graph" transform="translate(4 46)">
<title>argmap</title>
<!-- m:a&#45;&#45;&gt;&lt;script&gt; -->
<g id="node1" class="node claim">
<title>m:a</title>
<g id="a_node1"><a xlink:href="https://example.org/" xlink:title="claim a: &lt;b&gt;bold&lt;/b&gt;"
 target="_blank">
<polygon fill="#cce8f8" stroke="#0072b2" points="0,0 10,0 10,10 0,10 0,0"/>
<text x="5" y="5">&lt;b&gt;bold&lt;/b&gt;</text>
</a></g>
</g>
<g id="rel3-to" class="edge supports"><title>m:a&#45;&gt;m:b</title>
<g id="a_rel3-to"><a xlink:title="a supports b"><path d="M0,0"/></a></g></g>
<g id="node2" class="node"><title>~rel3</title><ellipse rx="1" ry="1"/></g>
</g>
</svg>
"""


def _parse(markup: str) -> ET.Element:
    """The inlined SVG as elements without the namespace (for short paths below)."""
    return ET.fromstring(markup.replace(' xmlns="http://www.w3.org/2000/svg"', "", 1))


def test_snippet_rewritten() -> None:
    """Nodes get data-node, tabindex, role and a label; links and comments are gone."""
    out = inline_svg(SNIPPET, {"m:a": 0}, {"m:a": "claim a: <b>bold</b>"}, "Diagram: T")
    root = _parse(out)
    node = root.find(".//*[@data-node]")
    assert node is not None
    assert node.attrib == {"id": "node1", "class": "node claim", "data-node": "0",
                           "tabindex": "0", "role": "button",
                           "aria-label": "claim a: <b>bold</b>"}
    assert node.findtext("title") == "claim a: <b>bold</b>"
    edge = root.find(".//*[@data-edge]")
    assert edge is not None
    assert (edge.get("data-edge"), edge.get("aria-hidden")) == ("3", "true")
    relay = root.find(".//*[@id='node2']")
    assert relay is not None
    assert relay.get("aria-hidden") == "true"
    assert "<a" not in out
    assert "href" not in out
    assert "xlink" not in out
    assert "<!--" not in out
    assert "DOCTYPE" not in out
    assert "<script" not in out
    assert "&lt;b&gt;bold&lt;/b&gt;" in out
    assert (root.get("id"), root.get("aria-label"), root.get("width")) == (
        SVG_ID, "Diagram: T", None)
    assert root.get("viewBox") == "0.00 0.00 100.00 50.00"


def test_malformed_svg_refused() -> None:
    """Bytes that are not XML are an UnsafeSvgError, never passed through."""
    with pytest.raises(UnsafeSvgError, match="malformed"):
        inline_svg(b"<svg><g></svg>", {}, {}, "x")


@needs_graphviz
def test_every_node_and_relation_addressable() -> None:
    """On a real Graphviz SVG, each drawn node and relation can be found by its number."""
    view = select(load(SMALL))
    svg = render_view(view, "svg")[0].data
    keys = {key: i for i, key in enumerate(view.nodes)}
    root = _parse(inline_svg(svg, keys, dict.fromkeys(keys, "x"), "D"))
    assert sorted(int(g.get("data-node", "")) for g in root.iter("g")
                  if g.get("data-node")) == list(range(len(view.nodes)))
    drawn = {int(g.get("data-edge", "")) for g in root.iter("g") if g.get("data-edge")}
    assert drawn == set(view.edges)
    assert all(g.get("tabindex") == "0" for g in root.iter("g") if g.get("data-node"))
    assert not list(root.iter("a"))


def test_print_copy_has_no_ids_links_or_tooltips() -> None:
    """The printed copy keeps the drawing and its texts, sized in points, and nothing the
    screen drawing's ids, links or tooltips could clash with or lead to."""
    out = print_svg(SNIPPET, 70.0, 35.0, "Diagram for print: <T>")
    root = _parse(out)
    assert root.attrib == {"width": "70.00pt", "height": "35.00pt",
                           "viewBox": "0.00 0.00 100.00 50.00", "class": "am-print-svg",
                           "role": "img", "aria-label": "Diagram for print: <T>"}
    assert [el for el in root.iter() if "id" in el.attrib] == []
    assert root.findall(".//a") == root.findall(".//title") == []
    assert [t.text for t in root.iter("text")] == ["<b>bold</b>"]
    assert "<!--" not in out
