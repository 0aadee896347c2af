"""Tests of argmap.render.files: rendering map files to output files, and exporting folders."""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path

import pytest

from argmap.errors import ArgmapError, LoadError, UnknownNode
from argmap.marks import MARKDOWN_MARK
from argmap.render import api, output
from argmap.render.errors import GraphvizError, OutputPathError, RenderUsageError
from argmap.render.files import export_folder, render_file
from argmap.render.options import RenderOptions
from argmap.writer import drawn_by_argmap

from .helpers import ROOT, write_map

SMALL = (ROOT / "tests" / "golden" / "small.yaml").read_text(encoding="utf-8")
needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")


def _small(folder: Path, name: str = "small.yaml") -> Path:
    return write_map(folder, name, SMALL)


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@needs_graphviz
def test_default_output_next_to_input(tmp_path: Path) -> None:
    """Without an output path, an SVG with the map's name is written beside it."""
    path = _small(tmp_path)
    result = render_file(path)
    assert result.outputs == (tmp_path / "small.svg",)
    assert (result.format, result.engine, result.notices) == ("svg", "dot", ())
    assert _listing(tmp_path) == ["small.svg", "small.yaml"]
    assert path.read_text(encoding="utf-8") == SMALL


@pytest.mark.parametrize(("name", "start"), [
    ("out.dot", b"digraph argmap {"), ("out.mmd", b"---\ntitle: \"Should the town"),
    ("out.md", MARKDOWN_MARK.encode() + b"\n# Should the town"), ("out.json", b"{"),
])
def test_text_formats_from_the_ending(tmp_path: Path, name: str, start: bytes,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """dot, mermaid, md and json (without layout) need no Graphviz."""
    monkeypatch.setenv("PATH", "")
    path = _small(tmp_path)
    options = api.OutputOptions(layout=False)
    render_file(path, tmp_path / name, output_options=options)
    assert (tmp_path / name).read_bytes().startswith(start)


@needs_graphviz
@pytest.mark.parametrize(("name", "magic"), [
    ("out.png", b"\x89PNG"), ("out.pdf", b"%PDF"), ("out.svg", b"<?xml"),
])
def test_picture_formats(tmp_path: Path, name: str, magic: bytes) -> None:
    """PNG, PDF and SVG files start with their signatures."""
    render_file(_small(tmp_path), tmp_path / name)
    assert (tmp_path / name).read_bytes().startswith(magic)


def test_explicit_format_wins_and_folder_output(tmp_path: Path) -> None:
    """--format decides over the ending; a folder renders as one diagram beside it."""
    maps = tmp_path / "maps"
    _small(maps)
    render_file(maps / "small.yaml", tmp_path / "x.txt", fmt="dot")
    assert (tmp_path / "x.txt").read_text(encoding="utf-8").startswith("digraph")
    result = render_file(maps, fmt="mermaid")
    assert result.outputs == (tmp_path / "maps.mmd",)


@pytest.mark.parametrize("relative", ["small.yaml", "./small.yaml", "sub/../small.yaml"])
def test_refuses_to_overwrite_the_map(tmp_path: Path, relative: str) -> None:
    """Output path = input path (however written) is refused; the map is untouched."""
    path = _small(tmp_path)
    (tmp_path / "sub").mkdir()
    with pytest.raises(OutputPathError, match="refusing to write over the input file"):
        render_file(path, tmp_path / relative, fmt="dot")
    assert path.read_text(encoding="utf-8") == SMALL
    assert _listing(tmp_path) == ["small.yaml", "sub"]


def test_refuses_to_overwrite_a_sibling_map(tmp_path: Path) -> None:
    """A map loaded along with the input (a folder, or context) is never overwritten."""
    _small(tmp_path, "a.yaml")
    other = _small(tmp_path, "b.yaml")
    with pytest.raises(OutputPathError, match="refusing to write over the input file"):
        render_file(tmp_path, other, fmt="dot")
    assert other.read_text(encoding="utf-8") == SMALL


def test_unwritable_folder(tmp_path: Path) -> None:
    """An unwritable folder is a clear error and nothing is left behind."""
    path = _small(tmp_path)
    if os.geteuid() == 0:
        # root writes anywhere on an ordinary file system; /proc refuses even root.
        with pytest.raises(ArgmapError, match="/proc"):
            render_file(path, Path("/proc/argmap-out.dot"))
        return
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputPathError, match="is not writable"):
            render_file(path, folder / "out.dot")
        assert _listing(folder) == []
    finally:
        folder.chmod(0o700)


def test_missing_folder_is_made(tmp_path: Path) -> None:
    """`render -o new-dir/x.dot` makes the folder, as export does."""
    result = render_file(_small(tmp_path), tmp_path / "new" / "dir" / "out.dot")
    assert result.outputs == (tmp_path / "new" / "dir" / "out.dot",)
    assert (tmp_path / "new" / "dir" / "out.dot").is_file()


def test_refused_output_leaves_no_folder(tmp_path: Path) -> None:
    """A folder made for an output that is then refused (here: over the map itself,
    through the new folder's parent link) or cannot be made is not left behind."""
    path = _small(tmp_path)
    with pytest.raises(OutputPathError, match="input file"):
        render_file(path, tmp_path / "new" / ".." / "small.yaml", fmt="dot")
    assert _listing(tmp_path) == ["small.yaml"]
    with pytest.raises(OutputPathError, match="cannot create the output folder"):
        render_file(path, tmp_path / "small.yaml" / "sub" / "out.dot")
    assert _listing(tmp_path) == ["small.yaml"]


def test_failed_render_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When Graphviz fails, no output and no temporary file is left."""

    def fail(*args: object, **kwargs: object) -> None:
        raise GraphvizError("Graphviz (dot) failed: boom")

    monkeypatch.setattr(output, "run_graphviz", fail)
    path = _small(tmp_path)
    (tmp_path / "small.svg").write_text("old", encoding="utf-8")
    with pytest.raises(GraphvizError, match="boom"):
        render_file(path, tmp_path / "small.svg")  # named: replaced, had the render worked
    assert _listing(tmp_path) == ["small.svg", "small.yaml"]
    assert (tmp_path / "small.svg").read_text(encoding="utf-8") == "old"
    with pytest.raises(GraphvizError):
        render_file(path, tmp_path / "steps.svg", reveal=True)
    assert _listing(tmp_path) == ["small.svg", "small.yaml"]


def test_unknown_focus_is_a_usage_error(tmp_path: Path) -> None:
    """A bad option fails before anything is written."""
    with pytest.raises(UnknownNode, match="no node 'nope'"):
        render_file(_small(tmp_path), tmp_path / "o.dot", options=RenderOptions(focus="nope"))
    assert _listing(tmp_path) == ["small.yaml"]


def test_reveal_writes_numbered_files(tmp_path: Path) -> None:
    """A reveal writes map-1 ... map-N next to the requested name."""
    result = render_file(_small(tmp_path), tmp_path / "steps.dot", reveal=True)
    names = [f"steps-{i:02d}.dot" for i in range(1, 4)]
    assert [p.name for p in result.outputs] == names
    assert _listing(tmp_path) == ["small.yaml", *names]


@needs_graphviz
def test_pdf_reveal_writes_one_file(tmp_path: Path) -> None:
    """A PDF reveal is one file, a deck with a page per step, not a numbered series."""
    result = render_file(_small(tmp_path), tmp_path / "deck.pdf", reveal=True)
    assert result.outputs == (tmp_path / "deck.pdf",)
    assert _listing(tmp_path) == ["deck.pdf", "small.yaml"]


def test_highlight_uses_the_maps_check_settings(tmp_path: Path) -> None:
    """Findings the map's own check block ignores are not highlighted."""
    marked = render_file(_small(tmp_path), tmp_path / "a.dot",
                         options=RenderOptions(highlight_findings=True))
    assert "[unsupported-claim]" in marked.outputs[0].read_text(encoding="utf-8")
    quiet = write_map(tmp_path, "quiet.yaml",
                      SMALL + "check:\n  ignore: [unsupported-claim]\n")
    render_file(quiet, tmp_path / "b.dot", options=RenderOptions(highlight_findings=True))
    assert "[unsupported-claim]" not in (tmp_path / "b.dot").read_text(encoding="utf-8")


def test_load_errors_pass_through(tmp_path: Path) -> None:
    """A broken map raises the loader's located error; nothing is written."""
    path = write_map(tmp_path, "bad.yaml", "argmap: 1\ntitle: t\nnodes:\n  - id: a\n")
    with pytest.raises(LoadError):
        render_file(path)
    assert _listing(tmp_path) == ["bad.yaml"]


def test_export_folder(tmp_path: Path) -> None:
    """Every map of a folder is rendered into the output folder (created), with progress
    reported after each file; cross-map neighbours appear in each diagram."""
    maps = tmp_path / "course"
    write_map(maps, "b.yaml", "argmap: 1\ntitle: B\nnodes:\n"
              "  - id: far\n    kind: claim\n    text: Far away.\n")
    write_map(maps, "a.yaml", "argmap: 1\ntitle: A\nnodes:\n"
              "  - id: near\n    kind: evidence\n    text: Near.\n    supports: [b:far]\n")
    calls: list[tuple[int, int, str]] = []
    result = export_folder(maps, tmp_path / "out" / "dot", "dot",
                           on_progress=lambda done, total, p: calls.append((done, total, p.name)))
    out = tmp_path / "out" / "dot"
    assert result.outputs == ((maps / "a.yaml", out / "a.dot"), (maps / "b.yaml", out / "b.dot"))
    assert calls == [(1, 2, "a.dot"), (2, 2, "b.dot")]
    assert '"b:far"' in (out / "a.dot").read_text(encoding="utf-8")
    assert '"a:near"' in (out / "b.dot").read_text(encoding="utf-8")


@needs_graphviz
def test_export_png_at_300_dpi(tmp_path: Path) -> None:
    """A teacher's export: PNG at 300 dpi for slides."""
    maps = tmp_path / "course"
    _small(maps)
    export_folder(maps, tmp_path / "slides", "png", output_options=api.OutputOptions(dpi=300))
    data = (tmp_path / "slides" / "small.png").read_bytes()
    assert data.startswith(b"\x89PNG")
    assert int.from_bytes(data[16:20], "big") > 2000


def test_export_unknown_format(tmp_path: Path) -> None:
    """An unknown export format lists the known ones."""
    with pytest.raises(RenderUsageError, match="known formats: svg, png"):
        export_folder(tmp_path, tmp_path / "out", "gif")


def test_refuses_to_overwrite_another_map_unless_forced(tmp_path: Path) -> None:
    """An output over a map that is not an input (render a.yaml -o b.yaml) is refused
    before any work; force replaces it."""
    path = _small(tmp_path, "a.yaml")
    other = _small(tmp_path, "b.yaml")
    with pytest.raises(OutputPathError, match=r"b\.yaml: refusing to write over a map"):
        render_file(path, other, fmt="dot")
    assert other.read_text(encoding="utf-8") == SMALL
    render_file(path, other, fmt="dot", force=True)
    assert other.read_text(encoding="utf-8").startswith("digraph")


def test_reveal_checks_every_step_before_writing(tmp_path: Path) -> None:
    """A reveal whose third step would replace a map writes no step at all."""
    path = _small(tmp_path)
    step = _small(tmp_path, "s-03.yaml")
    with pytest.raises(OutputPathError, match=r"s-03\.yaml: refusing to write over a map"):
        render_file(path, tmp_path / "s.yaml", fmt="dot", reveal=True)
    assert _listing(tmp_path) == ["s-03.yaml", "small.yaml"]
    assert step.read_text(encoding="utf-8") == SMALL


def test_export_folder_checks_every_output_first(tmp_path: Path) -> None:
    """An export whose last output would replace someone's JSON writes nothing; force
    writes all; a second export replaces argmap's own files without force."""
    maps = tmp_path / "maps"
    _small(maps, "a.yaml")
    _small(maps, "b.yaml")
    out = tmp_path / "out"
    out.mkdir()
    (out / "b.json").write_text('{"mine": true}', encoding="utf-8")
    options = api.OutputOptions(layout=False)
    with pytest.raises(OutputPathError, match=r"b\.json: refusing to write over a JSON file "
                                              "that argmap did not write"):
        export_folder(maps, out, "json", output_options=options)
    assert _listing(out) == ["b.json"]
    export_folder(maps, out, "json", output_options=options, force=True)
    export_folder(maps, out, "json", output_options=options)
    assert _listing(out) == ["a.json", "b.json"]


def test_export_resolves_each_path_a_fixed_number_of_times(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exporting 2n maps resolves at most twice as many paths as n maps: each output is
    checked against a set of the inputs, not against every input in turn (which made
    1,000 one-node maps take 46 s and 10,000 write nothing in 150 s)."""
    calls: list[int] = []
    original = Path.resolve

    def counting(self: Path, strict: bool = False) -> Path:
        calls.append(1)
        return original(self, strict=strict)

    def resolves(n: int) -> int:
        folder = tmp_path / f"maps-{n}"
        for i in range(n):
            write_map(folder, f"m{i}.yaml", f"argmap: 1\ntitle: M{i}\nnodes:\n"
                      "  - id: a\n    kind: claim\n    text: A.\n")
        calls.clear()
        with monkeypatch.context() as patch:
            patch.setattr(Path, "resolve", counting)
            export_folder(folder, tmp_path / f"out-{n}", "mermaid")
        return len(calls)

    small, double = resolves(15), resolves(30)
    assert double <= 2 * small, (small, double)


def test_export_looks_at_each_relation_a_fixed_number_of_times(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exporting 2n maps looks at most twice as often at relations as n maps: each map's
    view comes from one index of the graph, not from a walk over every relation."""
    # (argmap.render re-exports the function select, which hides the module's name)
    select_module = importlib.import_module("argmap.render.select")
    calls: list[int] = []
    original = select_module._ends

    def counting(graph: object, e: object) -> tuple[str, ...]:
        calls.append(1)
        return original(graph, e)  # type: ignore[arg-type]

    def looks(n: int) -> int:
        folder = tmp_path / f"maps-{n}"
        for i in range(n):
            write_map(folder, f"m{i}.yaml", f"argmap: 1\ntitle: M{i}\nnodes:\n"
                      "  - id: a\n    kind: claim\n    text: A.\n"
                      "  - id: b\n    kind: evidence\n    text: B.\n    supports: [a]\n")
        calls.clear()
        with monkeypatch.context() as patch:
            patch.setattr(select_module, "_ends", counting)
            export_folder(folder, tmp_path / f"out-{n}", "mermaid")
        return len(calls)

    small, double = looks(15), looks(30)
    assert double <= 2 * small, (small, double)


def test_refuses_to_overwrite_a_source_text(tmp_path: Path) -> None:
    """A map's source text is an input too (its quotes are checked against it): an output
    over it is refused, --force or not, and the text is untouched."""
    text = "The town should build the bypass road."
    path = write_map(tmp_path, "m.yaml", "argmap: 1\ntitle: T\nsources:\n  - id: s\n"
                     "    title: S\n    text: s.txt\nnodes:\n  - id: a\n    kind: claim\n"
                     "    text: A.\n",
                     {"s.txt": text})
    for force in (False, True):
        with pytest.raises(OutputPathError, match="refusing to write over the input file"):
            render_file(path, tmp_path / "s.txt", fmt="dot", force=force)
    assert text == (tmp_path / "s.txt").read_text(encoding="utf-8")


def test_a_folders_drawing_never_replaces_a_file_argmap_did_not_draw(tmp_path: Path) -> None:
    """Without an output, a folder's drawing goes beside it, named after it: a file of
    the user's there (notes in `maps.md`) is refused, untouched and named in the error;
    --force replaces it, and so does naming it as the output."""
    maps = tmp_path / "maps"
    _small(maps)
    notes = tmp_path / "maps.md"
    notes.write_text("my notes\n", encoding="utf-8")
    with pytest.raises(OutputPathError) as caught:
        render_file(maps, fmt="md")
    assert str(caught.value).startswith(f"{notes}: refusing to write over a file argmap did "
                                        "not draw")
    assert "-o FILE" in str(caught.value)
    assert "my notes\n" == notes.read_text(encoding="utf-8")
    assert (notes,) == render_file(maps, fmt="md", force=True).outputs
    notes.write_text("my notes\n", encoding="utf-8")
    assert (notes,) == render_file(maps, notes).outputs
    assert notes.read_text(encoding="utf-8").startswith(f"{MARKDOWN_MARK}\n# Should the town")


#: A file of the user's for each format without a mark of its own, each with the word
#: argmap in it, not where argmap puts its mark.
_USERS = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" + bytes(17)
           + b"\x00\x00\x00\x11tEXtComment\x00by argmap\x00\x00\x00\x00",
    "pdf": b"%PDF-1.4\n1 0 obj\n<< /Creator (argmap) >>\nendobj\n%%EOF\n",
    "md": b"# My notes on argmap\n\n<!-- Generated by argmap -->\n",
    "mermaid": b"flowchart TD\n  a[argmap] --> b\n%% Generated by argmap.\n",
}
_ENDING = {"png": ".png", "pdf": ".pdf", "md": ".md", "mermaid": ".mmd"}


@pytest.mark.parametrize("fmt", list(_USERS))
def test_drawing_again_without_an_output_replaces_argmaps_own(tmp_path: Path,
                                                               fmt: str) -> None:
    """PNG, PDF, Markdown and Mermaid carry argmap's mark: drawing the map again without
    -o (after an edit) replaces argmap's own file; a file of the user's with that ending,
    the word argmap in it but not where argmap's mark goes, is refused and kept."""
    if fmt in {"png", "pdf"} and shutil.which("dot") is None:
        pytest.skip("Graphviz not installed")
    path = _small(tmp_path)
    target = tmp_path / f"small{_ENDING[fmt]}"
    assert (target,) == render_file(path, fmt=fmt).outputs
    first = target.read_bytes()
    path.write_text(SMALL.replace("Should the town", "Should the city"), encoding="utf-8")
    assert (target,) == render_file(path, fmt=fmt).outputs
    assert first != target.read_bytes()
    target.write_bytes(_USERS[fmt])
    with pytest.raises(OutputPathError, match="did not draw"):
        render_file(path, fmt=fmt)
    assert _USERS[fmt] == target.read_bytes()


@pytest.mark.parametrize("fmt", ["png", "md", "mermaid"])
def test_marked_drawings_are_deterministic(tmp_path: Path, fmt: str) -> None:
    """The same map drawn twice gives the same bytes, mark included (a PDF is not compared:
    Graphviz's cairo writes the time into it)."""
    if fmt == "png" and shutil.which("dot") is None:
        pytest.skip("Graphviz not installed")
    path = _small(tmp_path)
    render_file(path, tmp_path / "a.out", fmt=fmt)
    render_file(path, tmp_path / "b.out", fmt=fmt)
    assert (tmp_path / "a.out").read_bytes() == (tmp_path / "b.out").read_bytes()


@needs_graphviz
def test_a_pdf_on_pages_and_a_reveal_deck_are_marked(tmp_path: Path) -> None:
    """The PDFs pypdf assembles (--page, a reveal's deck) carry the mark too: drawn again
    beside the map, they replace argmap's own."""
    path = _small(tmp_path)
    target = tmp_path / "small.pdf"
    render_file(path, fmt="pdf", output_options=api.OutputOptions(page="a4"))
    assert drawn_by_argmap(target) is True
    assert (target,) == render_file(path, fmt="pdf", reveal=True).outputs
    assert drawn_by_argmap(target) is True


def test_a_folders_drawing_replaces_its_own(tmp_path: Path) -> None:
    """A drawing argmap made beside the folder is replaced by the next one (DOT carries
    argmap's graph name); a DOT file of the user's there is not."""
    maps = tmp_path / "maps"
    _small(maps)
    first = render_file(maps, fmt="dot").outputs
    assert first == render_file(maps, fmt="dot").outputs == (tmp_path / "maps.dot",)
    (tmp_path / "maps.dot").write_text("digraph mine { a -> b }\n", encoding="utf-8")
    with pytest.raises(OutputPathError, match="did not draw"):
        render_file(maps, fmt="dot")
    assert "digraph mine { a -> b }\n" == (tmp_path / "maps.dot").read_text(encoding="utf-8")


def test_a_folders_reveal_checks_each_step_beside_it(tmp_path: Path) -> None:
    """A reveal of a folder without an output: every numbered step is checked before the
    first is written; a file of the user's among them stops it all."""
    maps = tmp_path / "maps"
    _small(maps)
    (tmp_path / "maps-02.dot").write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputPathError, match=r"maps-02\.dot: refusing"):
        render_file(maps, fmt="dot", reveal=True)
    assert ["maps", "maps-02.dot"] == _listing(tmp_path)


def test_a_map_drawn_without_an_output_keeps_a_file_of_the_users(tmp_path: Path) -> None:
    """`render notes.yaml -f md` with the analyst's own notes.md beside the map: refused
    (exit 2 in the CLI), the notes kept; argmap's own SVG there is replaced; -o naming the
    file, or --force, replaces it."""
    path = _small(tmp_path)
    notes = tmp_path / "small.md"
    notes.write_text("# My notes on the article\n", encoding="utf-8")
    with pytest.raises(OutputPathError, match=r"small\.md: refusing to write over a file "
                       r"argmap did not draw \(without -o, a map's drawing goes beside the map"):
        render_file(path, fmt="md")
    assert "# My notes on the article\n" == notes.read_text(encoding="utf-8")
    render_file(path)
    assert (tmp_path / "small.svg",) == render_file(path).outputs  # its own: replaced
    assert (notes,) == render_file(path, notes).outputs
    notes.write_text("# My notes on the article\n", encoding="utf-8")
    assert (notes,) == render_file(path, fmt="md", force=True).outputs
    assert notes.read_text(encoding="utf-8").startswith(f"{MARKDOWN_MARK}\n# ")
    assert "# My notes on the article\n" != notes.read_text(encoding="utf-8")
