"""Tests of argmap.html.site: the index, map pages and error pages that `argmap serve` shows."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from argmap.errors import Location, Problem, Severity, UsageError
from argmap.html.site import MapStatus, Site
from argmap.render.page import LiveReload

from .helpers import ROOT, finishes, write_map

needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
SMALL = (ROOT / "tests" / "golden" / "small.yaml").read_text(encoding="utf-8")
#: A map whose `kind` is misspelt on line 5, column 11.
BROKEN = "argmap: 1\ntitle: Broken\nnodes:\n  - id: a\n    kind: claimm\n    text: A.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with a good map, a broken one and a file that is not a map."""
    write_map(tmp_path, "small.yaml", SMALL)
    write_map(tmp_path, "broken.yaml", BROKEN)
    (tmp_path / "notes.txt").write_text("not a map", encoding="utf-8")
    return tmp_path


def test_files_are_the_maps_only(folder: Path) -> None:
    """A folder serves its map files, by file name; a file serves itself."""
    assert list(Site(folder).files()) == ["broken.yaml", "small.yaml"]
    assert list(Site(folder / "small.yaml").files()) == ["small.yaml"]


def test_bad_roots(tmp_path: Path) -> None:
    """A missing path or a file that is not a map is a usage error."""
    with pytest.raises(UsageError, match="no such file or folder"):
        Site(tmp_path / "missing")
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="not a map file"):
        Site(tmp_path / "x.txt")


def test_index_lists_maps_with_findings(folder: Path) -> None:
    """The index links every map and says what `argmap check` finds, or that it cannot load."""
    html = Site(folder).index(LiveReload(3)).body.decode()
    assert '<a href="/map/small.yaml">small.yaml</a>' in html
    assert "2 findings (2 warnings)" in html
    assert "does not load: 1 error" in html
    assert '"version":3' in html
    assert "connect-src 'self'" in html


def test_index_counts_info_as_check_does() -> None:
    """A map's line on the index counts its findings as `argmap check` does: "2 info",
    not "2 infos"."""
    at = Location("m.yaml", 1, 1)
    findings = tuple(Problem(at, "c", "x", severity) for severity in
                     (Severity.WARNING, Severity.WARNING, Severity.INFO, Severity.INFO))
    assert "4 findings (2 warnings, 2 info)" == MapStatus("m.yaml", "T", 1, findings).summary()


def test_empty_folder_index(tmp_path: Path) -> None:
    """An empty folder is served (maps may come later) with a hint on the index; its name
    is escaped once."""
    folder = tmp_path / "a&b<i>"
    folder.mkdir()
    html = Site(folder).index().body.decode()
    assert "start one with argmap init" in html
    assert f"<title>argmap serve: {tmp_path}/a&amp;b&lt;i&gt;</title>" in html
    assert f"<h1>argmap serve: {tmp_path}/a&amp;b&lt;i&gt;</h1>" in html


def test_error_page_shows_located_errors(folder: Path) -> None:
    """A map that cannot be loaded gives a page with path:line:col and the hint."""
    page = Site(folder).map_page("broken.yaml", LiveReload(1))
    assert page is not None
    html = page.body.decode()
    assert f"{folder / 'broken.yaml'}:5:11: error:" in html
    assert "did you mean" in html
    assert "this page reloads by itself" in html
    assert "am-data" not in html


@needs_graphviz
def test_map_page_with_findings_and_live_reload(folder: Path) -> None:
    """A good map gives its interactive page, with findings and the live-reload script."""
    page = Site(folder).map_page("small.yaml", LiveReload(7))
    assert page is not None
    assert page.status == 200
    html = page.body.decode()
    assert 'id="am-svg"' in html
    assert '"checked":true' in html
    assert '"events":"/events","version":7' in html
    assert 'id="am-live-status"' in html


def test_unknown_map_and_not_found(folder: Path) -> None:
    """An unknown name is None (the server answers 404 with the not-found page)."""
    site = Site(folder)
    assert site.map_page("notes.txt") is None
    assert site.map_page("../small.yaml") is None
    assert site.not_found().status == 404
    assert "script-src 'none'" in site.not_found().body.decode()
    assert site.status("gone.yaml").summary() == "does not load: 1 error"


def test_fingerprint_follows_saves_and_source_texts(tmp_path: Path) -> None:
    """Saving a map changes the fingerprint; after a load, the quoted source text is watched."""
    path = write_map(tmp_path, "q.yaml", "argmap: 1\ntitle: Q\nsources:\n  - id: s\n"
                     "    title: S\n    text: s.txt\nnodes:\n  - id: e\n    kind: evidence\n"
                     "    text: E.\n    quote: said so\n    source: s\n"
                     "    acknowledge: {orphan-node: alone on purpose}\n",
                     files={"s.txt": "It is said so.\n"})
    site = Site(tmp_path)
    before = site.fingerprint()
    assert [Path(p).name for p, _, _ in before] == ["q.yaml"]
    assert site.status("q.yaml").summary() == "no findings"
    watched = site.fingerprint()
    assert [Path(p).name for p, _, _ in watched] == ["q.yaml", "s.txt"]
    (tmp_path / "s.txt").write_text("Nothing.\n", encoding="utf-8")
    assert site.status("q.yaml").summary() == "1 finding (1 error)"
    os.utime(path, ns=(1, 1))
    assert site.fingerprint() != watched


def test_status_summary() -> None:
    """The one-line summaries of the index and the server's log."""
    assert MapStatus("a", None, 0, errors=("x", "y")).summary() == "does not load: 2 errors"
    assert MapStatus("a", "A", 3).summary() == "no findings"


PIPED = ("argmap: 1\ntitle: Piped\nsources:\n  - id: s\n    title: S\n    text: {text}\n"
         "nodes:\n  - id: e\n    kind: evidence\n    text: E.\n    quote: said so\n"
         "    source: s\n")


def test_a_fifo_source_text_or_map_never_blocks_a_page(tmp_path: Path) -> None:
    """A map whose source text is a FIFO, and a FIFO named like a map: the index and the
    map's page answer at once, the map with its located error; the FIFO map is not listed."""
    write_map(tmp_path, "small.yaml", SMALL)
    write_map(tmp_path, "piped.yaml", PIPED.format(text="pipe.txt"))
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "fifo.yaml")
    site = Site(tmp_path)
    assert ["piped.yaml", "small.yaml"] == list(site.files())
    status = finishes(lambda: site.status("piped.yaml"))
    assert [f"{tmp_path / 'piped.yaml'}:6:11: error: the text of source 's' ('pipe.txt'): a "
            "named pipe (FIFO), not a regular file; argmap reads source texts only from regular "
            "files [source-not-a-file]"] == [e.splitlines()[0] for e in status.errors]
    page = finishes(lambda: site.map_page("piped.yaml"))
    assert "[source-not-a-file]" in page.body.decode()


def test_a_fifo_served_as_the_map_is_an_error_row(tmp_path: Path) -> None:
    """``argmap serve pipe.yaml`` on a FIFO: its status is a located not-a-file error."""
    os.mkfifo(tmp_path / "pipe.yaml")
    status = finishes(lambda: Site(tmp_path / "pipe.yaml").status("pipe.yaml"))
    assert [f"{tmp_path / 'pipe.yaml'}:1:1: error: a named pipe (FIFO), not a regular file; "
            "argmap reads maps only from regular files [not-a-file]"] == [
        e.splitlines()[0] for e in status.errors]


def test_source_texts_outside_the_tree_are_not_watched(tmp_path: Path) -> None:
    """Only texts the check may read are watched: one outside the tree is not even stat-ed."""
    (tmp_path / "maps").mkdir()
    (tmp_path / "secret.txt").write_text("s\n", encoding="utf-8")
    write_map(tmp_path / "maps", "piped.yaml", PIPED.format(text="../secret.txt"))
    site = Site(tmp_path / "maps")
    assert "does not load: 1 error" == site.status("piped.yaml").summary()
    assert ["piped.yaml"] == [Path(p).name for p, _, _ in site.fingerprint()]


def test_map_page_too_big_to_draw(folder: Path) -> None:
    """`argmap serve` draws its pages through the same bound as `argmap render`
    (argmap.render.bound): a map past --max-drawn gets an error page saying so, before
    any layout (no Graphviz needed)."""
    from argmap.render.output import OutputOptions

    page = Site(folder, output=OutputOptions(max_drawn=11)).map_page("small.yaml")
    assert page is not None
    html = page.body.decode()
    assert ("the drawing would hold 12 nodes and relations (6 nodes and 6 relations), "
            "more than the limit of 11 (--max-drawn)") in html
    assert "am-data" not in html
