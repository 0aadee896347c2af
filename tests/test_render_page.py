"""Tests of argmap.render.page: the self-contained HTML page (`argmap render --format html`)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap import load
from argmap.cli import app
from argmap.render import page
from argmap.render.api import FORMATS, format_for
from argmap.render.files import render_file
from argmap.render.options import LabelMode, RenderOptions
from argmap.render.output import OutputOptions
from argmap.render.select import select

from .helpers import FLAGSHIP_REL, ROOT, write_map

needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
SMALL = ROOT / "tests" / "golden" / "small.yaml"

#: What a hostile map would run if anything of it became markup (the browser test looks
#: for this global).
PWN = "window.__pwned=1"
HOSTILE_NAME = 'x"<svg onload=window.__pwned=1>.yaml'
HOSTILE = f"""\
argmap: 1
title: "</title><script>{PWN}</script>"
question: "<img src=x onerror=\\"{PWN}\\">"
thesis: "]]><!-- --><svg onload={PWN}>"
sources:
  - id: s
    title: "<a href=\\"javascript:{PWN}\\">click</a>"
    url: "https://example.org/\\"><script>{PWN}</script>"
nodes:
  - id: a
    kind: claim
    text: "</script><script>{PWN}</script>\\u2028x\\u2029 & &amp; [bold]x[/bold] \\x1b[31m"
    quote: "<iframe src=javascript:{PWN}></iframe>"
    source: s
    section: "<style>*{{display:none}}</style>"
    tags: ["<b onmouseover={PWN}>t</b>"]
    note: "{{{{constructor.constructor('{PWN}')()}}}}"
    supports: [b]
  - id: b
    kind: recommendation
    text: "<script>{PWN}</script>"
"""
#: Every element argmap's page is made of; anything else came from a map.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "a", "header", "h1", "h2", "p",
    "strong", "span", "main", "section", "div", "button", "svg", "g", "polygon", "path",
    "text", "ellipse", "polyline", "rect", "aside", "label", "input", "ul", "li", "fieldset",
    "legend", "details", "summary", "dl", "dt", "dd", "script", "select", "option"}


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("script", "style") else None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)
        self._in = None


def _parse(html: str) -> _Collect:
    parser = _Collect()
    parser.feed(html)
    parser.close()
    return parser


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The page of the hostile map (rendered once for the tests below)."""
    if shutil.which("dot") is None:
        pytest.skip("Graphviz not installed")
    folder = tmp_path_factory.mktemp("hostile")
    path = write_map(folder, HOSTILE_NAME, HOSTILE)
    out = folder / "hostile.html"
    render_file(path, out, fmt="html")
    return out.read_text(encoding="utf-8")


def test_html_is_a_registered_format() -> None:
    """`--format html` and the `.html` ending both choose the page."""
    assert FORMATS["html"].suffix == ".html"
    assert format_for(None, Path("x.html")) is FORMATS["html"]
    assert FORMATS["html"].graphviz
    assert not FORMATS["html"].reveal


@pytest.mark.parametrize("module", ["argmap.render.page", "argmap.html.serve"])
def test_imports_in_any_order(module: str) -> None:
    """The html package imports first as well as after argmap.render (which imports it)."""
    done = subprocess.run([sys.executable, "-c", f"import {module}, argmap.render.api as a; "
                           "print(a.FORMATS['html'].name)"], capture_output=True, text=True,
                          check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "html\n", "")


def test_hostile_map_renders_inert(hostile_html: str) -> None:
    """No element, attribute or link of the page comes from the map's text."""
    parsed = _parse(hostile_html)
    tags = [t for t, _ in parsed.tags]
    assert set(tags) <= ALLOWED_TAGS, set(tags) - ALLOWED_TAGS
    assert tags.count("script") == 2
    assert tags.count("style") == 1
    attrs = [(t, k, v or "") for t, a in parsed.tags for k, v in a.items()]
    assert [k for _, k, _ in attrs if k.startswith("on")] == []
    hrefs = [v for _, k, v in attrs if k in ("href", "src", "xlink:href", "action")]
    assert hrefs == ["#am-search"]
    assert [a for t, a in parsed.tags if t == "script"] == [
        {"type": "application/json", "id": "am-data"}, {}]
    assert "<script>window" not in hostile_html
    assert "<img" not in hostile_html


def test_hostile_text_kept_as_data(hostile_html: str) -> None:
    """The map's text reaches the page data intact (as text), cleaned of control characters."""
    parsed = _parse(hostile_html)
    data = json.loads(parsed.scripts[0])
    node = data["nodes"][0]
    assert node["text"] == (f"</script><script>{PWN}</script> x & &amp; [bold]x[/bold] [31m")
    assert node["quote"] == f"<iframe src=javascript:{PWN}></iframe>"
    assert node["tags"] == [f"<b onmouseover={PWN}>t</b>"]
    assert node["source"]["url"] == ("https://example.org/%22%3E%3Cscript%3Ewindow.__pwned=1"
                                     "%3C/script%3E")
    assert data["title"] == f"</title><script>{PWN}</script>"


def test_csp_names_exactly_the_inline_code(hostile_html: str) -> None:
    """The Content Security Policy allows the page's own script and style, and nothing else."""
    parsed = _parse(hostile_html)
    csp = next(a["content"] or "" for t, a in parsed.tags
               if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == _sha(parsed.scripts[1])
    assert directives["style-src"] == _sha(parsed.styles[0])
    assert "connect-src" not in directives  # only a served page talks to its server


def test_self_contained() -> None:
    """Nothing is loaded from elsewhere: no src attributes, no link elements, no url()."""
    css, js = page.asset("page.css"), page.asset("page.js")
    assert not re.search(r"url\(|@import", css)
    assert not re.search(r"fetch\(|XMLHttpRequest|import\(|\beval\(|innerHTML", js)


def test_inline_guard() -> None:
    """An asset that could end its own element is refused rather than inlined."""
    with pytest.raises(ValueError, match="must not contain"):
        page._inline("script", "a </SCRIPT> b")
    with pytest.raises(ValueError, match="must not contain"):
        page._inline("style", "a <!-- b")


@needs_graphviz
def test_deterministic_and_same_layout(tmp_path: Path) -> None:
    """The same map gives byte-identical pages (in another process with another hash
    seed too), and the diagram is the SVG render's in full text (the page keeps it: it
    zooms) without its legend (the page has its own) and without its title (the page's
    heading)."""
    render_file(FLAGSHIP_REL, tmp_path / "a.html")
    render_file(FLAGSHIP_REL, tmp_path / "b.html")
    render_file(FLAGSHIP_REL, tmp_path / "a.svg",
                options=RenderOptions(legend=False, labels=LabelMode.TEXT))
    subprocess.run([sys.executable, "-m", "argmap", "render", FLAGSHIP_REL, "-o",
                    str(tmp_path / "c.html")], check=True, capture_output=True,
                   env={**os.environ, "PYTHONHASHSEED": "12345"})
    first = (tmp_path / "a.html").read_bytes()
    assert first == (tmp_path / "b.html").read_bytes() == (tmp_path / "c.html").read_bytes()
    svg = (tmp_path / "a.svg").read_text(encoding="utf-8")
    box = re.search(r'viewBox="([^"]+)"', svg)
    assert box is not None
    assert f'viewBox="{box.group(1)}"'.encode() in first
    html = first.decode()
    assert html.count('tabindex="0" role="button"') == 59
    # One legend (the panel's) and one title (the heading).
    assert "cluster_legend" not in html
    title = "Pakistan and Afghanistan: from coercion to pragmatic coexistence"
    assert 1 == html.count(f">{title}</text>") + html.count(f">{title}</h1>")
    assert '<div id="am-mini" class="am-mini" aria-hidden="true"></div>' in html
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">")


@needs_graphviz
def test_flagship_page_shows_inferences_and_tensions(tmp_path: Path) -> None:
    """The page's legend explains the circle of the analyst's inferences and the tension
    line; each tension is addressable in the drawing, and the data carries the schemes."""
    render_file(FLAGSHIP_REL, tmp_path / "f.html")
    html = (tmp_path / "f.html").read_text(encoding="utf-8")
    assert "<strong>the analyst's inference</strong>: thinner, lighter line" in html
    assert "<strong>tension</strong>: dotted line without arrowheads" in html
    assert sorted(re.findall(r'data-tension="(\d+)"', html)) == ["0", "1", "2"]
    assert '"scheme":"Argument From Sign"' in html
    assert html.count('"by":"analyst"') == 60


@needs_graphviz
def test_render_command_writes_html(tmp_path: Path) -> None:
    """`argmap render MAP -f html` writes the page next to the map; `-o x.html` too."""
    path = write_map(tmp_path, "small.yaml", SMALL.read_text(encoding="utf-8"))
    result = CliRunner().invoke(app, ["render", str(path), "-f", "html", "--highlight-findings"])
    assert (result.exit_code, result.stdout) == (0, f"wrote {tmp_path / 'small.html'}\n")
    html = (tmp_path / "small.html").read_text(encoding="utf-8")
    assert '"checked":true' in html
    assert "unsupported-claim" in html
    result = CliRunner().invoke(app, ["render", str(path), "-o", str(tmp_path / "o.html"),
                                      "--theme", "print", "--labels", "both"])
    assert result.exit_code == 0, result.stderr
    assert "Tags (none ticked: every tag)" in (tmp_path / "o.html").read_text(encoding="utf-8")


@needs_graphviz
def test_folder_page_names_its_maps(tmp_path: Path) -> None:
    """A folder drawn as one page lists its maps in the header; the question is left out."""
    write_map(tmp_path / "m", "one.yaml", "argmap: 1\ntitle: One\nquestion: Q?\nnodes:\n"
              "  - id: a\n    kind: claim\n    text: A.\n")
    write_map(tmp_path / "m", "two.yaml", "argmap: 1\ntitle: Two\nnodes:\n"
              "  - id: b\n    kind: claim\n    text: B.\n    supports: [one:a]\n")
    render_file(tmp_path / "m", tmp_path / "m.html")
    html = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert '<p class="am-maps"><strong>Maps:</strong> one, two</p>' in html
    assert "am-question" not in html


@needs_graphviz
def test_auto_labels_are_the_full_text_on_the_page() -> None:
    """`--labels auto`, the default of `render` and of `serve` (whose pages the site
    builds with page.rendered_page), is the full text on the HTML page: it opens at a
    readable zoom with a minimap, so no overview in short labels is needed."""
    view = select(load(ROOT / FLAGSHIP_REL))
    auto = page.rendered_page(view, RenderOptions(labels=LabelMode.AUTO), OutputOptions())
    text = page.rendered_page(view, RenderOptions(labels=LabelMode.TEXT), OutputOptions())
    assert text.data == auto.data


@needs_graphviz
@pytest.mark.parametrize("name", ['x\\N"&<y', "two  spaces", "pa%20th"])
def test_every_node_is_interactive_whatever_the_maps_file_name(tmp_path: Path,
                                                               name: str) -> None:
    """The page finds each node in the SVG by its DOT name: a map named with a backslash
    had its name written doubled there, and none of its nodes could be clicked, searched
    or read aloud. Each is now, whatever characters the file name holds."""
    path = tmp_path / f"{name}.yaml"
    path.write_text("argmap: 1\ntitle: T\nnodes:\n  - {id: a, kind: claim, text: t}\n"
                    "  - {id: b, kind: claim, text: u, supports: [a]}\n", encoding="utf-8")
    render_file(path, tmp_path / "m.html")
    html = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert ['data-node="0"', 'data-node="1"'] == sorted(re.findall(r'data-node="\d+"', html))


def test_rendered_page_is_bounded() -> None:
    """The page builder (which `argmap serve` calls directly, not through render_view)
    refuses a drawing past ``max_drawn`` before any layout."""
    from argmap.render.bound import DrawingTooBigError

    view = select(load(SMALL))
    with pytest.raises(DrawingTooBigError, match="more than the limit of 11"):
        page.rendered_page(view, RenderOptions(), OutputOptions(max_drawn=11))
