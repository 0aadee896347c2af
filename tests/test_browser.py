"""The HTML page and `argmap serve` in a real browser: Debian's chromium, driven by selenium.

Skipped, with the reason, where chromium, chromedriver or selenium is missing. Screenshots
go to tests/artifacts/ (git-ignored); with ARGMAP_DOCS_IMAGES=1 (or when missing) the ones
the docs show are also written to docs/images/html-*.png.
"""

from __future__ import annotations

import base64
import io
import math
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from argmap import queries
from argmap.graph import build
from argmap.html.serve import PreviewServer
from argmap.loading.loader import load_set
from argmap.render.escape import clean
from argmap.render.files import render_file
from argmap.render.labels import short_label
from argmap.render.options import RenderOptions
from argmap.semantics.crux import crux

from .helpers import FLAGSHIP, ROOT, write_map
from .test_render_page import HOSTILE, HOSTILE_NAME

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "tests" / "artifacts"
DOC_IMAGES = ROOT / "docs" / "images"
FLAG = "pakistan-afghanistan:"

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} missing: apt-get install "
                       "chromium"),
    pytest.mark.skipif(not DRIVER.exists(), reason=f"{DRIVER} missing: apt-get install "
                       "chromium-driver"),
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed"),
]
webdriver = pytest.importorskip("selenium.webdriver",
                                reason="selenium not installed: pip install selenium")
from selenium.common.exceptions import (  # noqa: E402
    NoAlertPresentException,
    WebDriverException,
)
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.actions.wheel_input import ScrollOrigin  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

#: Exceptions a wait rides out: the page reloads itself when a map is saved, and an element
#: read in the middle of a reload fails in several ways (stale reference, missing element,
#: "node does not belong to the document"), all WebDriverExceptions. A wait that never
#: succeeds still fails, with a TimeoutException naming the last of them.
_RELOADING = (WebDriverException,)


def _text(driver: Driver, selector: str) -> str:
    """The text of the first element matching ``selector``, read in one script call so that a
    reload cannot pull the element away between finding it and reading it."""
    text = driver.execute_script(
        "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", selector)
    return str(text)

Driver = Any
#: Two touch points on the diagram moving apart, as pointer events.
PINCH = """
const svg = arguments[0], r = svg.getBoundingClientRect();
const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
function send(type, id, dx) {
  svg.dispatchEvent(new PointerEvent(type, {pointerId: id, pointerType: 'touch',
    clientX: cx + dx, clientY: cy, bubbles: true, isPrimary: id === 1}));
}
send('pointerdown', 1, -20); send('pointerdown', 2, 20);
for (let d = 25; d <= 60; d += 5) { send('pointermove', 1, -d); send('pointermove', 2, d); }
send('pointerup', 1, -60); send('pointerup', 2, 60);
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Driver]:
    """One headless chromium for the module, with a fresh profile."""
    options = webdriver.ChromeOptions()
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1200,760"):
        options.add_argument(arg)
    profile = tempfile.mkdtemp(prefix="argmap-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.binary_location = str(CHROMIUM)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options,
                              service=webdriver.ChromeService(executable_path=str(DRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def flagship_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The exported page of the flagship map (rendered once)."""
    out = tmp_path_factory.mktemp("html") / "flagship.html"
    render_file(FLAGSHIP, out)
    return out


@pytest.fixture
def flagship_url(flagship_html: Path, tmp_path: Path) -> str:
    """A copy of the flagship page as a file:// URL of its own, so that the view a page
    keeps across reloads (per path) does not carry over from one test to the next."""
    copy = tmp_path / "flagship.html"
    shutil.copyfile(flagship_html, copy)
    return copy.as_uri()


@pytest.fixture
def open_page(browser: Driver) -> Callable[[str], Driver]:
    """Load a page, wait for its script to be ready, and fail on any console error."""

    def load(url: str) -> Driver:
        browser.get(url)
        WebDriverWait(browser, 10, ignored_exceptions=_RELOADING).until(
            lambda d: d.execute_script("return document.documentElement.dataset.ready"))
        return browser

    yield load
    severe = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


def _index(driver: Driver, node_id: str) -> int:
    return int(driver.execute_script(
        "var id = arguments[0]; return JSON.parse(document.getElementById('am-data')"
        ".textContent).nodes.findIndex(function (n) { return n.id === id; })", node_id))


def _node(driver: Driver, node_id: str) -> Any:
    return driver.find_element(By.CSS_SELECTOR, f'g[data-node="{_index(driver, node_id)}"]')


def _fit(driver: Driver) -> None:
    """Show the whole diagram (the Fit button), so that any node can be clicked."""
    driver.execute_script("document.getElementById('am-fit').click()")


def _view(driver: Driver) -> list[float]:
    """The diagram's viewBox: what part of the drawing is in view."""
    return [float(v) for v in str(driver.execute_script(
        "return document.getElementById('am-svg').getAttribute('viewBox')")).split()]


def _shot(driver: Driver, name: str, *, docs: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / name))
    target = DOC_IMAGES / name
    if docs and (os.environ.get("ARGMAP_DOCS_IMAGES") == "1" or not target.exists()):
        shutil.copyfile(ARTIFACTS / name, target)


def test_click_node_shows_quote(open_page: Callable[[str], Driver], flagship_url: str) -> None:
    """Clicking a node shows its text, quote, kind, source and acceptance in the panel."""
    driver = open_page(flagship_url)
    _fit(driver)
    _node(driver, "istanbul-talks-collapsed").click()
    panel = driver.find_element(By.ID, "am-node-body").text
    node = next(n for m in load_set([FLAGSHIP]) for n in m.map.nodes
                if n.id == "istanbul-talks-collapsed")
    assert node.quote is not None
    assert f"\u201c{clean(node.quote)}\u201d" in panel
    assert panel.startswith("EVIDENCE istanbul-talks-collapsed\n")
    assert "Acceptance\nin: accepted (grounded)" in panel
    assert driver.execute_script("return document.activeElement.tagName") != "A"
    # Its relations say how the article draws them; its tension is listed.
    assert "(Argument From Example)" in panel
    assert "(Argument From Sign)" in panel
    assert "In tension with (1)" in panel
    assert "(tension istanbul-mediated-yet-direct: The article reports" in panel


def test_search(open_page: Callable[[str], Driver], flagship_url: str) -> None:
    """Typing in the search box marks matching nodes; Enter selects the first."""
    driver = open_page(flagship_url)
    box = driver.find_element(By.ID, "am-search")
    box.send_keys("istanbul")
    graph = build(load_set([FLAGSHIP]))
    hits = [k for k, n in graph.nodes.items() if "istanbul" in " ".join(
        [n.node.text, n.id, n.node.quote or "", *n.node.tags, n.node.section or ""]).lower()]
    assert len(driver.find_elements(By.CSS_SELECTOR, "g.am-match")) == len(hits) > 1
    assert driver.find_element(By.ID, "am-search-count").text.startswith(
        f"{len(hits)} nodes match")
    box.send_keys(Keys.ENTER)
    first = graph.nodes[hits[0]].node.text
    assert clean(first) in driver.find_element(By.ID, "am-node-body").text
    box.send_keys(Keys.ESCAPE)
    assert driver.find_elements(By.CSS_SELECTOR, "g.am-match") == []


def test_rests_on_and_impact(open_page: Callable[[str], Driver], flagship_url: str) -> None:
    """R lights up the support tree, I what depends on the node: as `argmap query` counts."""
    driver = open_page(flagship_url)
    graph = build(load_set([FLAGSHIP]))
    box = driver.find_element(By.ID, "am-search")
    # The flow docs/html.md gives: /, the words, Enter, then R acts on the node found.
    ActionChains(driver).send_keys("/").perform()
    ActionChains(driver).send_keys("move-to-brokered-diplomacy", Keys.ENTER, "r").perform()
    assert box.get_attribute("value") == "move-to-brokered-diplomacy"
    tree = queries.rests_on(graph, FLAG + "move-to-brokered-diplomacy")
    lit = driver.find_elements(By.CSS_SELECTOR, "g[data-node].am-hl")
    assert len(lit) == len({s.key for s in tree.steps}) == 12
    assert "Rests on 11 nodes" in driver.find_element(By.ID, "am-highlight").text
    _shot(driver, "html-flagship.png", docs=True)
    ActionChains(driver).send_keys("0").perform()  # fit: every node in view to be clicked
    _node(driver, "istanbul-talks-collapsed").click()
    driver.find_element(By.ID, "am-impact").click()
    hit = queries.impact(graph, FLAG + "istanbul-talks-collapsed")
    lit = driver.find_elements(By.CSS_SELECTOR, "g[data-node].am-hl")
    assert len(lit) == 1 + len(hit.falls) + len(hit.stands)
    assert len(driver.find_elements(By.CSS_SELECTOR, "g.am-falls")) == len(hit.falls)
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert driver.find_elements(By.CSS_SELECTOR, "g.am-hl") == []


def test_crux_of_a_recommendation(open_page: Callable[[str], Driver],
                                  flagship_url: str) -> None:
    """?crux=ID marks the recommendation's smallest cruxes (as `argmap crux` finds them)
    and lists them; the control picks another; Esc clears the marks."""
    driver = open_page(flagship_url + "?crux=reassess-afghanistan-policy")
    graph = build(load_set([FLAGSHIP]))
    result = crux(graph, FLAG + "reassess-afghanistan-policy")
    nodes = {r.node for c in result.cruxes for r in c.rejections if r.node}
    edges = {r.edge for c in result.cruxes for r in c.rejections if r.edge is not None}
    marked = driver.find_elements(By.CSS_SELECTOR, "g[data-node].am-crux")
    assert {_index(driver, n.split(":", 1)[1]) for n in nodes} == \
        {int(str(g.get_attribute("data-node"))) for g in marked}
    assert edges == {int(str(g.get_attribute("data-edge")))
                     for g in driver.find_elements(By.CSS_SELECTOR, "g[data-edge].am-crux")}
    body = driver.find_element(By.ID, "am-crux-body").text
    assert "reassess-afghanistan-policy falls with any of these 2 sets" in body
    assert "the evidence events-of-2025 taken away; denying that crisis-from-outdated-" \
        "blueprint supports reassess-afghanistan-policy: it becomes out" in body
    choose = driver.find_element(By.ID, "am-crux")
    # One set: "this set", not "any of these 1 set".
    for option in choose.find_elements(By.TAG_NAME, "option"):
        if option.text == "paradigm-shift-coercion-to-coexistence":
            option.click()
    assert ("paradigm-shift-coercion-to-coexistence falls with this set of rejections "
            "(thickest outline)") in driver.find_element(By.ID, "am-crux-body").text
    for option in choose.find_elements(By.TAG_NAME, "option"):
        if option.text == "shelve-old-playbook":
            option.click()
    assert "shelve-old-playbook stands whatever set of at most 2 rejections is made" in \
        driver.find_element(By.ID, "am-crux-body").text
    assert driver.find_elements(By.CSS_SELECTOR, "g.am-crux") == []
    driver.find_element(By.ID, "am-diagram").click()
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert driver.find_elements(By.CSS_SELECTOR, "g.am-hl") == []
    assert choose.get_attribute("value") == ""


def test_page_of_render_crux_opens_with_it(open_page: Callable[[str], Driver],
                                           tmp_path: Path) -> None:
    """`render --crux ID --format html`: the page opens with that crux picked."""
    out = tmp_path / "crux.html"
    render_file(FLAGSHIP, out, options=RenderOptions(crux="reassess-afghanistan-policy"))
    driver = open_page(out.as_uri())
    assert "reassess-afghanistan-policy falls with any of these 2 sets" in \
        driver.find_element(By.ID, "am-crux-body").text
    assert len(driver.find_elements(By.CSS_SELECTOR, "g[data-node].am-crux")) == 1


def test_keyboard_pan_zoom_and_filters(open_page: Callable[[str], Driver],
                                       flagship_url: str) -> None:
    """Tab reaches the nodes, Enter selects; + - 0 and arrows move the view; kind filters
    fade nodes and take them out of the tab order."""
    driver = open_page(flagship_url)

    def box() -> list[float]:
        return _view(driver)

    _fit(driver)
    home = box()
    driver.execute_script("document.getElementById('am-diagram').focus()")
    keys = ActionChains(driver)
    keys.send_keys(Keys.TAB * 4).perform()
    active = driver.switch_to.active_element
    assert active.get_attribute("data-node") is not None
    keys.send_keys(Keys.ENTER).perform()
    assert active.get_attribute("aria-pressed") == "true"
    keys.send_keys("+").perform()
    assert box()[2] == pytest.approx(home[2] / 1.25)
    keys.send_keys(Keys.ARROW_RIGHT).perform()
    assert box()[0] > home[0]
    keys.send_keys("0").perform()
    assert box() == pytest.approx(home)
    svg = driver.find_element(By.ID, "am-svg")
    ActionChains(driver).scroll_from_origin(ScrollOrigin.from_element(svg), 0, -300).perform()
    assert box()[2] < home[2]
    keys.send_keys("0").perform()
    # Drag from an empty corner: the view moves, the selection stays.
    corner = (svg.size["width"] // 2 - 15, svg.size["height"] // 2 - 15)
    ActionChains(driver).move_to_element_with_offset(svg, *corner).click_and_hold() \
        .move_by_offset(-120, -40).release().perform()
    assert box()[0] > home[0]
    assert active.get_attribute("aria-pressed") == "true"
    keys.send_keys("0").perform()
    # Two fingers moving apart zoom in (pointer events, as a touch screen sends them).
    driver.execute_script(PINCH, svg)
    assert box()[2] < home[2] / 1.5
    evidence = driver.find_element(By.CSS_SELECTOR, 'input[name="kind"][value="evidence"]')
    evidence.click()
    faded = driver.find_elements(By.CSS_SELECTOR, "g[data-node].am-filtered")
    assert len(faded) == 9
    assert {g.get_attribute("tabindex") for g in faded} == {"-1"}
    driver.find_element(By.ID, "am-reset").click()
    assert driver.find_elements(By.CSS_SELECTOR, "g.am-filtered") == []


#: Pixels on screen of the first node's text at the current zoom (font size times scale).
TEXT_PX = """
const t = document.querySelector('#am-svg g[data-node] text');
return parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a;
"""


def test_opens_readable_with_overview(open_page: Callable[[str], Driver],
                                      flagship_url: str) -> None:
    """The page opens with node text at 11 px or more (Fit would make it about 5), shows
    the top of the diagram, and an overview whose frame is the part in view; a click on
    the overview moves the view there, a drag follows the pointer."""
    driver = open_page(flagship_url)
    opened = _view(driver)
    assert driver.execute_script(TEXT_PX) >= 11
    whole = [float(v) for v in str(driver.execute_script(
        "return document.getElementById('am-mini-svg').getAttribute('viewBox')")).split()]
    assert opened[1] == pytest.approx(whole[1])
    assert opened[2] < whole[2]
    frame = driver.execute_script(
        "const r = document.querySelector('.am-mini-view'); return ['x', 'y', 'width', "
        "'height'].map(function (a) { return parseFloat(r.getAttribute(a)); });")
    assert frame[2] >= opened[2] - 0.5
    assert frame[0] + frame[2] / 2 == pytest.approx(opened[0] + opened[2] / 2, abs=1)
    # A click near the overview's bottom-left corner: the view centres there.
    mini = driver.find_element(By.ID, "am-mini-svg")
    size = mini.size
    ActionChains(driver).move_to_element_with_offset(
        mini, -size["width"] // 2 + 5, size["height"] // 2 - 5).click().perform()
    moved = _view(driver)
    assert moved[0] + moved[2] / 2 < whole[0] + whole[2] * 0.1
    assert moved[1] + moved[3] / 2 > whole[1] + whole[3] * 0.9
    assert moved[2] == pytest.approx(opened[2])
    ActionChains(driver).move_to_element(mini).click_and_hold().move_by_offset(20, 0) \
        .release().perform()
    dragged = _view(driver)
    assert dragged[0] > whole[0] + whole[2] / 2 - dragged[2] / 2
    _shot(driver, "html-overview.png")
    # Fit shows the whole, too small to read, and the overview steps aside.
    _fit(driver)
    assert driver.execute_script(TEXT_PX) < 11
    assert _view(driver) == pytest.approx(whole)
    assert not driver.find_element(By.ID, "am-mini").is_displayed()


def test_search_keyboard_flow(open_page: Callable[[str], Driver], flagship_url: str) -> None:
    """/ goes to the search box; Enter selects the first match and leaves the box for it,
    so R and I act (no "r" typed); Esc in the box clears the search and leaves it."""
    driver = open_page(flagship_url)
    ActionChains(driver).send_keys("/", "istanbul").perform()
    assert driver.execute_script("return document.activeElement.id") == "am-search"
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert driver.execute_script("return document.activeElement.id") == "am-diagram"
    assert driver.execute_script("return document.getElementById('am-search').value") == ""
    assert driver.find_elements(By.CSS_SELECTOR, "g.am-match") == []
    ActionChains(driver).send_keys("/", "istanbul", Keys.ENTER).perform()
    active = driver.switch_to.active_element
    assert active.get_attribute("data-node") is not None
    assert active.get_attribute("aria-pressed") == "true"
    ActionChains(driver).send_keys("i").perform()
    assert driver.execute_script("return document.getElementById('am-search').value") \
        == "istanbul"
    assert driver.find_elements(By.CSS_SELECTOR, "g[data-node].am-hl")
    ActionChains(driver).send_keys("/", Keys.ESCAPE).perform()
    # Back on the selected node, search cleared, the highlight kept.
    assert driver.switch_to.active_element.get_attribute("aria-pressed") == "true"
    assert driver.find_elements(By.CSS_SELECTOR, "g[data-node].am-hl")


def test_a_titled_node_shows_its_title_and_is_found_by_it(
        open_page: Callable[[str], Driver], tmp_path: Path) -> None:
    """The panel names a titled node by its id and title, above its full text; a word of
    the title alone finds it."""
    render_file(ROOT / "docs" / "examples" / "titles.yaml", tmp_path / "titles.html")
    driver = open_page((tmp_path / "titles.html").as_uri())
    _node(driver, "c1").click()
    panel = driver.find_element(By.ID, "am-node-body").text
    assert panel.startswith("CLAIM c1: Phones distract\nPhones on the desk draw pupils' "
                            "attention away from the lesson.\n")
    driver.find_element(By.ID, "am-search").send_keys("distract")
    assert 1 == len(driver.find_elements(By.CSS_SELECTOR, "g.am-match"))


def test_hostile_map_is_inert(open_page: Callable[[str], Driver], tmp_path: Path) -> None:
    """Markup and script in a map's text stay text in the browser; nothing runs."""
    path = write_map(tmp_path, HOSTILE_NAME, HOSTILE)
    render_file(path, tmp_path / "hostile.html")
    driver = open_page((tmp_path / "hostile.html").as_uri())
    _node(driver, "a").click()
    panel = driver.find_element(By.ID, "am-node-body").text
    assert "</script><script>window.__pwned=1</script>" in panel
    assert driver.execute_script("return window.__pwned") is None
    with pytest.raises(NoAlertPresentException):
        _ = driver.switch_to.alert.text
    links = driver.execute_script(
        "return Array.from(document.querySelectorAll('[href]'), e => e.getAttribute('href'))")
    # The overview's copy of the drawing is the one link of argmap's own besides the skip link.
    assert links == ["#am-search", "#graph0", "https://example.org/%22%3E%3Cscript%3E"
                     "window.__pwned=1%3C/script%3E"]
    assert driver.find_elements(By.CSS_SELECTOR, "iframe, img, b, style ~ style") == []
    # Printed, the selected node's source link shows its address (on paper it cannot be
    # followed), still percent-encoded.
    width, height = PAPER["a4"]
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": width,
                                                     "paperHeight": height})
    reader = PdfReader(io.BytesIO(base64.b64decode(pdf["data"])))
    printed = _squeezed(" ".join(t for page in reader.pages for _, t in _runs(page)))
    assert _squeezed("<https://example.org/%22%3E%3Cscript%3Ewindow.__pwned=1%3C/script%3E>") \
        in printed


def test_serve_follows_saves(browser: Driver, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A served page reloads on save (keeping the selection), shows a broken map's located
    error, and recovers when the map is fixed."""
    small = (ROOT / "tests" / "golden" / "small.yaml").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # paths as a user gives them: arguments/small.yaml:37:11
    path = write_map(Path("arguments"), "small.yaml", small)
    server = PreviewServer(Path("arguments"), port=0, interval=0.05)
    server.start()
    wait = WebDriverWait(browser, 15, ignored_exceptions=_RELOADING)
    try:
        browser.get(server.url + "map/small.yaml")
        wait.until(lambda d: "Live:" in _text(d, "#am-live-status"))
        _fit(browser)
        _node(browser, "counts").click()
        path.write_text(small.replace("Should the town build a bypass?", "A bypass, then?"),
                        encoding="utf-8")
        wait.until(lambda d: _text(d, "h1") == "A bypass, then?")
        wait.until(lambda d: "counts" in _text(d, "#am-node-body"))
        path.write_text(small.replace("kind: objection", "kind: objektion"), encoding="utf-8")
        wait.until(lambda d: "arguments/small.yaml:37:11: error:" in _text(d, "body"))
        wait.until(lambda d: "did you mean 'objection'?" in _text(d, "body"))
        _shot(browser, "html-serve-error.png", docs=True)
        path.write_text(small, encoding="utf-8")
        wait.until(lambda d: d.find_elements(By.ID, "am-svg"))
        wait.until(lambda d: _text(d, "h1") == "Should the town build a bypass?")
    finally:
        server.close()


#: Paper sizes in inches, as a browser's print dialog offers them.
PAPER = {"letter": (8.5, 11.0), "a4": (8.27, 11.69)}


def _printed(driver: Driver, url: str, paper: str) -> PdfReader:
    """The page at ``url`` printed on ``paper`` (portrait; a sheet the print style sheet
    turns prints turned), read back."""
    driver.get(url)
    width, height = PAPER[paper]
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": width,
                                                     "paperHeight": height})
    data = base64.b64decode(pdf["data"])
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"print-{Path(url).stem}-{paper}.pdf").write_bytes(data)
    return PdfReader(io.BytesIO(data))


def _runs(page: Any) -> list[tuple[float, str]]:
    """Every piece of text on a PDF page with the size it prints at, in points (the font
    size times the vertical scale of the text and drawing matrices)."""
    out: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            c = tm[2] * cm[0] + tm[3] * cm[2]
            d = tm[2] * cm[1] + tm[3] * cm[3]
            out.append((size * math.hypot(c, d), text))

    page.extract_text(visitor_text=visit)
    return out


def _squeezed(text: str) -> str:
    """``text`` without spaces, line breaks and hyphens (a drawing wraps and breaks words)
    and with ligatures spelled out (the PDF writes "fi" as one glyph)."""
    return re.sub(r"[\s\-\u00ad]+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("paper", sorted(PAPER))
def test_flagship_prints_readably(browser: Driver, flagship_html: Path, paper: str) -> None:
    """Printed on Letter or A4, the flagship page's diagram is a sheet of its own, turned,
    whose node texts (short labels) print at 7 pt or more; every text of the print does;
    every node's short label is on that sheet and its full text on a later one."""
    reader = _printed(browser, flagship_html.as_uri(), paper)
    runs = [_runs(page) for page in reader.pages]
    assert min(size for page in runs for size, _ in page) >= 7.0
    first = reader.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)
    sheet = _squeezed("".join(text for _, text in runs[0]))
    rest = unicodedata.normalize("NFKC", " ".join(" ".join(t for _, t in page)
                                                  for page in runs[1:]))
    rest = " ".join(rest.split())
    graph = build(load_set([FLAGSHIP]))
    missing = [n.id for n in graph.nodes.values()
               if _squeezed(short_label(n.id, n.node.text, n.node.title)) not in sheet]
    assert missing == []
    absent = [n.id for n in graph.nodes.values()
              if " ".join(unicodedata.normalize("NFKC", clean(n.node.text)).split()) not in rest]
    assert absent == []
    # The screen's controls and the side panel's tools are not printed.
    assert "Zoom" not in rest
    assert "Keyboard shortcuts" not in rest
    assert "Show every node" not in rest


@pytest.mark.parametrize("paper", sorted(PAPER))
def test_small_map_prints_its_screen_drawing(browser: Driver, tmp_path: Path,
                                             paper: str) -> None:
    """A map whose screen drawing prints at 7 pt or more prints it, full text and all (on
    a sheet turned as the page says: this one is wide), and no list of full texts follows."""
    out = tmp_path / "small.html"
    render_file(ROOT / "tests" / "golden" / "small.yaml", out)
    assert b"am-print-figure am-print-landscape" in out.read_bytes()
    reader = _printed(browser, out.as_uri(), paper)
    first = reader.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)
    runs = [run for page in reader.pages for run in _runs(page)]
    assert min(size for size, _ in runs) >= 7.0
    text = " ".join(" ".join(t for _, t in runs).split())
    graph = build(load_set([ROOT / "tests" / "golden" / "small.yaml"]))
    drawn = _squeezed(" ".join(t for _, t in _runs(first)))
    assert [n.id for n in graph.nodes.values()
            if _squeezed(clean(n.node.text)) not in drawn] == []
    assert "The nodes in full" not in text


def test_selected_node_prints_after_the_texts(open_page: Callable[[str], Driver],
                                              flagship_url: str) -> None:
    """With a node selected, the print ends with its details (quote, relations, tension),
    without the panel's buttons; every text still prints at 7 pt or more."""
    driver = open_page(flagship_url)
    _fit(driver)
    _node(driver, "istanbul-talks-collapsed").click()
    # The printed figure as the docs show it: its sheet's room is 970 x 715 pixels.
    size = driver.get_window_size()
    driver.set_window_size(1000, 860)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    _shot(driver, "html-print.png", docs=True)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    driver.set_window_size(size["width"], size["height"])
    width, height = PAPER["a4"]
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": width,
                                                     "paperHeight": height})
    reader = PdfReader(io.BytesIO(base64.b64decode(pdf["data"])))
    runs = [run for page in reader.pages for run in _runs(page)]
    assert min(size for size, _ in runs) >= 7.0
    text = " ".join(" ".join(t for _, t in runs).split())
    node = text[text.rindex("Selected node"):]
    assert node.startswith("Selected node EVIDENCE istanbul-talks-collapsed")
    assert "In tension with (1)" in node
    assert "What does this rest on?" not in text


def test_long_words_and_a_map_too_big_print_unshrunk(browser: Driver, tmp_path: Path) -> None:
    """A map too big for one readable sheet prints the note naming --page and every full
    text; words wider than the sheet (330 letters, long ids and addresses) are broken, not
    shrunk with the whole print: every text still prints at 7 pt or more."""
    word = "Unbreakable" * 30
    long_id = "a-very-long-identifier-that-goes-on-and-on-without-end-" + "x" * 40
    nodes = "".join(f"  - id: {long_id}{i}\n    kind: claim\n    text: {word} {i} and a "
                    "sentence.\n    source: s\n    supports: [rec]\n" for i in range(40))
    path = write_map(tmp_path, "long.yaml", f"argmap: 1\ntitle: {word}\nsources:\n  - id: s\n"
                     f"    title: {word}\n    url: https://example.org/{'a' * 300}\nnodes:\n"
                     "  - id: rec\n    kind: recommendation\n    text: Do it.\n" + nodes)
    out = tmp_path / "long.html"
    render_file(path, out)
    for paper in sorted(PAPER):
        reader = _printed(browser, out.as_uri(), paper)
        runs = [run for page in reader.pages for run in _runs(page)]
        assert min(size for size, _ in runs) >= 7.0
        text = " ".join(t for _, t in runs)
        assert "The diagram is too big to print readably" in " ".join(text.split())
        assert all(_squeezed(f"{word} {i} and a") in _squeezed(text) for i in range(40))
