"""Tests of argmap.render.markdown: the Markdown handout."""

from __future__ import annotations

from argmap.checks import check
from argmap.loading.loader import load, loads
from argmap.render.markdown import to_markdown
from argmap.render.mermaid import to_mermaid
from argmap.render.options import RenderOptions

from .helpers import FLAGSHIP, ROOT

GOLDEN = ROOT / "tests" / "golden"


def test_small_handout() -> None:
    """Title, the diagram in a mermaid block, the outline from the recommendation down
    to the evidence with quote and source, and the sources."""
    m = load(GOLDEN / "small.yaml")
    text = to_markdown(m)
    assert text.startswith("# Should the town build a bypass?\n\n## Diagram\n\n```mermaid\n")
    assert to_mermaid(m) in text
    outline = text.split("## The argument\n\n", 1)[1].split("\n\n## Sources", 1)[0]
    assert outline.splitlines() == [
        "- **Recommendation** `build-bypass`: The town should build the bypass road.",
        "  - *supported by* **Claim** `traffic-harms-centre`: Through traffic harms the "
        "town centre.",
        "    - *supported by* **Evidence** `counts`: 12,000 vehicles a day cross the centre.",
        "      > \u201cWe counted 12,000 vehicles per day on the high street.\u201d",
        "      > \u2014 `survey`, p. 4 ([link](<https://example.org/survey?year=2025&town=x>))",
        "    - *link undercut by* **Claim** `trade-is-local`: Most customers of the centre's "
        "shops live in town.",
        "  - *supported by* **Assumption** `bypass-moves-traffic`: A bypass takes most "
        "through traffic out of the centre.",
        "  - *attacked by* **Objection** `shops-lose-trade`: Shops lose passing trade when "
        "traffic leaves.",
        "    - *attacked by* Claim `trade-is-local` (see above)",
    ]
    assert text.endswith("## Sources\n\n- `survey`: **Traffic survey 2025**, "
                         "<https://example.org/survey?year=2025&town=x>\n")


def test_markdown_escapes_hostile_text() -> None:
    """Markup in map text is escaped; the script-bearing URL is percent-encoded."""
    text = to_markdown(load(GOLDEN / "hostile.yaml"))
    assert text.startswith("# Hostile \"title\" \\<script\\>alert(1)\\</script\\> \\\\l\n")
    assert "\\[bold\\]rich\\[/bold\\]" in text
    assert "<script>" not in text.split("```", 2)[2]
    assert "https://example.org/%22%3E%3Cscript%3Ealert(1)%3C/script%3E?a=1&b=2" in text
    assert "\x1b" not in text


def test_flagship_outline_covers_every_node() -> None:
    """Every node of the flagship map is written out exactly once in full, a titled one
    with its title after its id."""
    m = load(FLAGSHIP)
    text = to_markdown(m)
    titled = [node.id for node in m.map.nodes if node.title]
    assert len(titled) == 4
    for node in m.map.nodes:
        title = f" *{node.title}*" if node.title else ""
        assert text.count(f"** `{node.id}`{title}:") == 1, node.id
    assert text.count("```") == 2


def test_findings_listed_under_nodes() -> None:
    """With highlight_findings, a node's findings are listed under it."""
    m = load(GOLDEN / "small.yaml")
    text = to_markdown(m, RenderOptions(highlight_findings=True), check(m).findings)
    assert ("    - *link undercut by* \u26a0 **Claim** `trade-is-local`: Most customers of the "
            "centre's shops live in town.\n"
            "      - \u26a0 warning: claim 'trade-is-local' has no support "
            "\\[unsupported-claim\\]\n") in text


def test_inferences_and_tensions_in_the_outline() -> None:
    """The outline says which links are the analyst's, and lists the tensions."""
    text = ("argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: evidence\n    text: A.\n"
            "    supports:\n      - to: b\n        by: analyst\n"
            "  - id: b\n    kind: recommendation\n    text: B.\n"
            "tensions:\n  - id: t\n    between: [a, b]\n    note: A is not B.\n")
    out = to_markdown(loads(text, "m.yaml"))
    assert "  - *supported by (the analyst's inference)* **Evidence** `a`: A.\n" in out
    assert "## Tensions in the source\n\n- `a` and `b` (`t`): A is not B.\n" in out


def test_a_titled_node_shows_its_title_before_its_text() -> None:
    """A node's title, escaped, follows its id in the outline; untitled nodes unchanged."""
    m = loads("argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: recommendation\n"
              "    text: Talk.\n    title: Talks *first*\n  - id: b\n    kind: claim\n"
              "    text: B.\n    supports: [a]\n", "m.yaml")
    outline = to_markdown(m).split("## The argument\n\n", 1)[1].splitlines()
    assert ["- **Recommendation** `a` *Talks \\*first\\**: Talk.",
            "  - *supported by* **Claim** `b`: B."] == outline[:2]
