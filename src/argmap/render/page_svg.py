"""Graphviz's SVG made ready to sit inside the HTML page.

Graphviz names each node's group only by a ``<title>`` holding its DOT name and
wraps its shapes in an ``<a>`` for the tooltip (and the source link). The page
needs the opposite: nodes it can address, focus and click, and no link that
would navigate away on a click. :func:`inline_svg` rewrites the (already
checked, see :func:`argmap.render.runner.check_svg`) SVG with ElementTree:

* node groups get ``data-node`` (their position in the page data), ``tabindex``,
  ``role="button"`` and an ``aria-label``; the tooltip becomes their ``<title>``;
* relation groups get ``data-edge`` (the relation's number), tension groups
  ``data-tension`` (the tension's number);
* every ``<a>`` becomes a plain ``<g>`` (links are in the side panel instead);
* the graph's own label (the title) is dropped: it is the page's heading;
* comments, the DOCTYPE and namespace prefixes are dropped, and everything is
  escaped again on output, so no text of the map leaves the SVG as markup.

:func:`print_svg` makes the same safe copy of a drawing that is only printed
(:mod:`argmap.render.page_print`): nothing in it is addressable or focusable, and it
keeps its title, the heading of the sheet it is printed on.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

from argmap.render.errors import UnsafeSvgError

__all__ = ["SVG_ID", "inline_svg", "print_svg"]

#: The ``id`` of the diagram's ``<svg>`` element in the page.
SVG_ID = "am-svg"
_SVG_NS = "http://www.w3.org/2000/svg"
_RELATION_ID = re.compile(r"rel(\d+)(-from|-to)?")
_TENSION_ID = re.compile(r"tension(\d+)")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _strip_namespaces(root: ET.Element) -> None:
    for el in root.iter():
        el.tag = _local(el.tag)
        if any(name.startswith("{") for name in el.attrib):
            el.attrib = {_local(k): v for k, v in el.attrib.items()}


def _tooltip(group: ET.Element) -> str | None:
    """The tooltip Graphviz put on the ``<a>`` inside ``group``, if any."""
    for a in group.iter("a"):
        title = a.get("title")
        if title:
            return title
    return None


def _set_title(group: ET.Element, text: str) -> None:
    title = group.find("title")
    if title is None:
        title = ET.Element("title")
        group.insert(0, title)
    title.text = text


def _classes(el: ET.Element) -> list[str]:
    return (el.get("class") or "").split()


def _parsed(data: bytes) -> ET.Element:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise UnsafeSvgError(f"Graphviz produced malformed SVG: {exc}") from None
    _strip_namespaces(root)
    return root


def _unlink(root: ET.Element) -> None:
    """Every ``<a>`` made a plain group: a click on a drawing never navigates."""
    for a in root.iter("a"):
        a.tag = "g"
        a.attrib.clear()


def inline_svg(data: bytes, nodes: Mapping[str, int], labels: Mapping[str, str],
               label: str) -> str:
    """The SVG ``data`` as markup for inside the page's HTML.

    ``nodes`` maps DOT node names (``map:id`` keys) to their position in the
    page data, ``labels`` gives each key's accessible name, ``label`` names the
    whole diagram.
    """
    root = _parsed(data)
    for group in root.iter("g"):
        classes = _classes(group)
        if not classes:
            continue
        title = group.find("title")
        name = (title.text or "") if title is not None else ""
        tooltip = _tooltip(group)
        if tooltip:
            _set_title(group, tooltip)
        if classes[0] == "node" and name in nodes:
            group.set("data-node", str(nodes[name]))
            group.set("tabindex", "0")
            group.set("role", "button")
            group.set("aria-label", labels.get(name, name))
        elif classes[0] == "edge" and (m := _RELATION_ID.fullmatch(group.get("id", ""))):
            group.set("data-edge", m.group(1))
            group.set("aria-hidden", "true")
        elif classes[0] == "edge" and (m := _TENSION_ID.fullmatch(group.get("id", ""))):
            group.set("data-tension", m.group(1))
            group.set("aria-hidden", "true")
        elif classes[0] in ("node", "edge") or (classes[0] == "cluster"
                                               and name == "cluster_legend"):
            # Undercut relays and the legend: the page's own legend and side panel
            # say in words what these draw.
            group.set("aria-hidden", "true")
    _unlink(root)
    for group in root.iter("g"):
        if "graph" in _classes(group):
            # The graph's label is the map's title: the page shows it as its heading,
            # and a second copy in the drawing would only shrink with it. (Its tooltip
            # wraps it in a link, a group by now.)
            for holder in [group, *group.findall("g/g")]:
                for text in holder.findall("text"):
                    holder.remove(text)
    for group in root.iter("g"):
        if group.get("id", "").startswith("a_"):
            del group.attrib["id"]
    for name in ("width", "height"):
        root.attrib.pop(name, None)
    root.set("id", SVG_ID)
    root.set("xmlns", _SVG_NS)
    root.set("role", "group")
    root.set("aria-label", label)
    return ET.tostring(root, encoding="unicode")


def print_svg(data: bytes, width: float, height: float, label: str) -> str:
    """The SVG ``data`` as markup for a printed figure ``width`` x ``height`` points.

    Links, tooltips, comments and every ``id`` are dropped (the page's own drawing holds
    the ids its script and overview use); ``label`` names the figure.
    """
    root = _parsed(data)
    _unlink(root)
    for el in root.iter():
        el.attrib.pop("id", None)
        # Tooltips are of no use on paper (and were half the figure's bytes); the font,
        # Graphviz's FONT on every text, is the page's own (page.css), inherited.
        for title in el.findall("title"):
            el.remove(title)
        if el.tag == "text":
            el.attrib.pop("font-family", None)
    root.set("width", f"{width:.2f}pt")
    root.set("height", f"{height:.2f}pt")
    root.set("xmlns", _SVG_NS)
    root.set("class", "am-print-svg")
    root.set("role", "img")
    root.set("aria-label", label)
    return ET.tostring(root, encoding="unicode")
