"""Tests of argmap.writer: atomic writes that never touch inputs."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.marks import MARKDOWN_MARK, MERMAID_MARK, append_pdf_info, mark_png
from argmap.writer import (
    ARGDOWN_MARK,
    SNIFF_BYTES,
    XML_MARK,
    Inputs,
    WriteError,
    check_output,
    check_outputs,
    drawn_by_argmap,
    write_text_atomic,
    written_by_argmap,
)

from .helpers import ROOT


def test_writes_and_replaces(tmp_path: Path) -> None:
    """The file holds the new content and no temporary file is left."""
    out = tmp_path / "out.txt"
    write_text_atomic(out, "one")
    write_text_atomic(out, "two")
    assert out.read_text(encoding="utf-8") == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_refuses_input_path(tmp_path: Path) -> None:
    """Writing over an input is refused and the input is untouched."""
    src = tmp_path / "map.yaml"
    src.write_text("keep", encoding="utf-8")
    with pytest.raises(WriteError, match="refusing to write over the input file"):
        write_text_atomic(tmp_path / "." / "map.yaml", "x", inputs=[src])
    assert src.read_text(encoding="utf-8") == "keep"


def test_unwritable_folder(tmp_path: Path) -> None:
    """An unwritable folder gives a clear error and leaves nothing behind."""
    if os.geteuid() == 0:
        # root writes anywhere on a normal file system; /sys refuses even root.
        with pytest.raises(WriteError, match="cannot write in /sys"):
            write_text_atomic(Path("/sys/argmap-out.txt"), "x")
        return
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(WriteError, match="cannot write"):
            write_text_atomic(folder / "out.txt", "x")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_missing_folder(tmp_path: Path) -> None:
    """A missing folder is named in the error."""
    with pytest.raises(WriteError, match="does not exist"):
        write_text_atomic(tmp_path / "nope" / "out.txt", "x")


MAP = "argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n"


@pytest.mark.parametrize("name", ["b.yaml", "b.yml", "ci.YAML", "notes.yaml"])
def test_refuses_a_map_unless_forced(tmp_path: Path, name: str) -> None:
    """Any existing .yaml/.yml file is a map to argmap: kept, unless --force is given."""
    other = tmp_path / name
    other.write_text(MAP, encoding="utf-8")
    with pytest.raises(WriteError, match=r"refusing to write over a map .*or give --force"):
        write_text_atomic(other, "<svg/>")
    assert other.read_text(encoding="utf-8") == MAP
    write_text_atomic(other, "<svg/>", force=True)
    assert other.read_text(encoding="utf-8") == "<svg/>"


@pytest.mark.parametrize(("name", "what"), [
    ("d.argdown", "an Argdown file"), ("d.ad", "an Argdown file"),
    ("d.json", "a JSON file"), ("package.json", "a JSON file"),
    ("d.graphml", "a GraphML file"), ("d.apx", "an ICCMA framework"),
    ("d.tgf", "an ICCMA framework"), ("d.af", "an ICCMA framework"),
    ("d.i23", "an ICCMA framework"), ("D.APX", "an ICCMA framework"),
    # argmap's configuration, and a project's (`render map.yaml -o pyproject.toml`
    # replaced the project's build settings).
    ("argmap.toml", "a TOML file"), ("pyproject.toml", "a TOML file"),
])
def test_refuses_data_argmap_did_not_write(tmp_path: Path, name: str, what: str) -> None:
    """A file in a format argmap reads, without argmap's mark, is someone's data."""
    data = tmp_path / name
    data.write_text('{"nodes": []}\n', encoding="utf-8")
    with pytest.raises(WriteError, match=f"refusing to write over {what} that argmap did "
                                         "not write"):
        write_text_atomic(data, "new")
    assert data.read_text(encoding="utf-8") == '{"nodes": []}\n'
    write_text_atomic(data, "new", force=True)
    assert data.read_text(encoding="utf-8") == "new"


def test_every_ending_argmap_reads_is_protected() -> None:
    """Each file ending an importer or the ICCMA reader takes is one argmap does not write
    over without its mark (`.i23`, an ICCMA framework, was replaced without --force)."""
    from argmap import writer
    from argmap.interop import iccma
    from argmap.interop.argdown._include import ARGDOWN_SUFFIXES
    from argmap.interop.formats import SUFFIXES

    read = {*iccma.FORMATS, *SUFFIXES, *ARGDOWN_SUFFIXES}
    assert set() == read - set(writer._DATA)
    assert {".i23", ".af", ".graphml"} <= read


def _exports() -> list[tuple[str, str]]:
    """(file name, text) of every data file argmap writes."""
    from argmap.interop.formats import export_map
    from argmap.interop.loss import LossReport
    from argmap.loading.loader import load
    from argmap.render.api import FORMATS, OutputOptions, render_view
    from argmap.render.options import RenderOptions
    from argmap.render.select import select
    from argmap.schema import json_schema_text

    small = load(ROOT / "tests" / "golden" / "small.yaml")
    out = [(name, export_map(small, fmt)[0]) for fmt, name in (
        ("argdown", "m.argdown"), ("aif", "m.json"), ("json", "m.argmap.json"),
        ("graphml", "m.graphml"))]
    view = select(small, RenderOptions())
    drawing = render_view(view, FORMATS["json"], RenderOptions(), OutputOptions(layout=False))
    out += [("schema.json", json_schema_text()), ("loss.json", LossReport().to_json()),
            ("drawing.json", drawing[0].data.decode("utf-8"))]
    # What `argmap check --output` and `--write-baseline` write.
    from argmap import baseline, report
    from argmap.checks import check

    result = check(small)
    checked = report.Report.from_result(result)
    out += [("report.json", report.json_report(checked)), ("sarif.json", report.sarif(checked)),
            ("statistics.json", report.statistics_json(checked)),
            ("baseline.json", baseline.text(result.findings, ROOT))]
    return out


@pytest.mark.parametrize("index", range(11))
def test_writes_over_its_own_data_files(tmp_path: Path, index: int) -> None:
    """Everything argmap writes carries its mark, so a second run replaces the first."""
    name, text = _exports()[index]
    path = tmp_path / name
    write_text_atomic(path, text)
    assert written_by_argmap(path)
    write_text_atomic(path, text + "\n")
    assert path.read_text(encoding="utf-8") == text + "\n"


@pytest.mark.parametrize(("name", "text"), [
    ("m.argdown", "[a]: A.\n// Generated by argmap. Delete this line...\n"),
    ("m.argdown", " // Generated by argmap.\n"),
    ("m.json", '{"nodes": [], "generator": "argmap"}'),
    ("m.json", '{"generator": "argmapper"}'),
    ("m.argdown", "// Generated by argmapper\n"),
    ("m.json", '{"$comment": "Generated by argmapper"}'),
    ("m.json", '["generator", "argmap"]'),
    ("m.json", '{"argmap": 1, "summary": "an argmap JSON map starts with a number"}'),
    ("m.json", '{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": '
               '"2.1.0", "runs": [{"tool": {"driver": {"name": "CodeQL"}}}]}'),
    ("m.graphml", "<graphml><!-- Generated by argmap. --></graphml>"),
    ("m.svg", "// Generated by argmap."),
    ("m.argdown", "\n" * SNIFF_BYTES + "// Generated by argmap."),
])
def test_the_mark_counts_only_where_argmap_writes_it(tmp_path: Path, name: str,
                                                     text: str) -> None:
    """The mark is argmap's only at the very start (after an XML declaration for GraphML)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert not written_by_argmap(path)


def test_marks_with_a_byte_order_mark(tmp_path: Path) -> None:
    """An editor's UTF-8 byte order mark in front of argmap's mark does not hide it."""
    path = tmp_path / "m.graphml"
    path.write_bytes(b"\xef\xbb\xbf" + f'<?xml version="1.0"?>\n{XML_MARK}\n'.encode())
    argdown = tmp_path / "m.ad"
    argdown.write_bytes(b"\xef\xbb\xbf" + ARGDOWN_MARK.encode() + b"\n===\n")
    assert (True, True) == (written_by_argmap(path), written_by_argmap(argdown))


def test_input_refused_even_with_force(tmp_path: Path) -> None:
    """An input is never replaced: not through a symlink, a hard link, or with --force."""
    src = tmp_path / "map.yaml"
    src.write_text(MAP, encoding="utf-8")
    link = tmp_path / "link.svg"
    link.symlink_to(src)
    hard = tmp_path / "hard.svg"
    os.link(src, hard)
    for out in (src, link, hard):
        with pytest.raises(WriteError, match="refusing to write over the input file"):
            write_text_atomic(out, "x", inputs=[src], force=True)
    assert src.read_text(encoding="utf-8") == MAP


def test_symlink_to_a_map_replaces_only_the_link(tmp_path: Path) -> None:
    """An output that is a symlink (not to an input) is replaced itself, never written
    through: the file it pointed at is untouched."""
    target = tmp_path / "map.yaml"
    target.write_text(MAP, encoding="utf-8")
    link = tmp_path / "out.svg"
    link.symlink_to(target)
    write_text_atomic(link, "<svg/>")
    assert (False, "<svg/>", MAP) == (link.is_symlink(), link.read_text(encoding="utf-8"),
                                      target.read_text(encoding="utf-8"))


def test_images_are_replaced(tmp_path: Path) -> None:
    """Drawings are not maps: an existing one is written over without --force."""
    for name in ("m.svg", "m.png", "m.md", "m.html", "m.dot", "m.mmd"):
        (tmp_path / name).write_text("old", encoding="utf-8")
        write_text_atomic(tmp_path / name, "new")
        assert (tmp_path / name).read_text(encoding="utf-8") == "new"


def test_refuses_special_files_even_with_force(tmp_path: Path) -> None:
    """A FIFO or a device is never written over (nor opened to look for the mark)."""
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    with pytest.raises(WriteError, match="refusing to write over a FIFO"):
        write_text_atomic(fifo, "x", force=True)
    with pytest.raises(WriteError, match="refusing to write over a device"):
        check_output(Path("/dev/null"), force=True)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_sniffing_a_fifo_does_not_block(tmp_path: Path) -> None:
    """Looking for the mark in a FIFO returns at once (the timeout only catches a hang)."""
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    code = f"from argmap.writer import written_by_argmap; print(written_by_argmap({str(fifo)!r}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=20, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert (0, "False\n") == (done.returncode, done.stdout)


def test_refuses_a_folder(tmp_path: Path) -> None:
    """A folder is not an output file."""
    with pytest.raises(WriteError, match="is a folder"):
        write_text_atomic(tmp_path, "x", force=True)


def test_check_outputs_checks_all_and_refuses_duplicates(tmp_path: Path) -> None:
    """All outputs of a command are checked together: one protected file or one path
    named twice (however written) refuses them all."""
    (tmp_path / "b.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    with pytest.raises(WriteError, match=r"b\.yaml: refusing to write over a map"):
        check_outputs([tmp_path / "a.svg", tmp_path / "b.yaml"])
    with pytest.raises(WriteError, match=r"given twice as an output \(also as"):
        check_outputs([tmp_path / "a.svg", tmp_path / "sub" / ".." / "a.svg"])
    check_outputs([tmp_path / "a.svg", tmp_path / "b.yaml"], force=True)


def test_inputs_are_resolved_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking n outputs against n inputs resolves each path a fixed number of times
    (a resolve per input per output made exporting 1,000 maps take 46 s)."""
    calls: list[int] = []
    original = Path.resolve

    def counting(self: Path, strict: bool = False) -> Path:
        calls.append(1)
        return original(self, strict=strict)

    monkeypatch.setattr(Path, "resolve", counting)

    def resolves(n: int) -> int:
        calls.clear()
        inputs = Inputs(tmp_path / f"in{i}.yaml" for i in range(n))
        outputs = [tmp_path / f"out{i}.svg" for i in range(n)]
        check_outputs(outputs, inputs=inputs)
        for out in outputs:
            check_output(out, inputs=inputs)
        return len(calls)

    assert resolves(40) == 2 * resolves(20) == 120


def test_read_files_are_the_maps_and_their_source_texts(tmp_path: Path) -> None:
    """read_files lists what loaded maps read: each map file and each source text it names
    (a text that does not exist too: nothing may be written where a map looks for one)."""
    from argmap.loading.loader import load_set
    from argmap.writer import read_files

    (tmp_path / "texts").mkdir()
    (tmp_path / "m.yaml").write_text(
        "argmap: 1\ntitle: T\nsources:\n  - id: s\n    title: S\n    text: texts/s.txt\n"
        "  - id: t\n    title: T\n    text: gone.txt\n  - id: u\n    title: U\n"
        "nodes:\n  - id: a\n    kind: claim\n    text: A.\n", encoding="utf-8")
    (tmp_path / "texts" / "s.txt").write_text("S.", encoding="utf-8")
    expected = [tmp_path / "m.yaml", tmp_path / "texts" / "s.txt", tmp_path / "gone.txt"]
    assert expected == read_files(load_set([tmp_path / "m.yaml"]))


SIBLINGS = ("argmap: 1\ntitle: B\nsources:\n  - id: s\n    title: S\n    text: b.txt\n"
            "nodes:\n  - id: b\n    kind: claim\n    text: B.\n")


def _parses(monkeypatch: pytest.MonkeyPatch, module: str = "argmap.writer") -> list[Path]:
    """The map files texts_named parses from now on (called through ``module``)."""
    import importlib

    from argmap import writer

    parsed: list[Path] = []
    original = writer.texts_named

    def counting(file: Path) -> list[Path]:
        parsed.append(file)
        return original(file)

    monkeypatch.setattr(importlib.import_module(module), "texts_named", counting)
    return parsed


def test_sibling_maps_are_parsed_only_for_an_output_that_exists(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """read_inputs parses the other maps of the folder (for the texts they name) only when
    an output exists: never for new outputs, once for any number of existing ones; the
    text b.yaml names is still refused, by its name or through a hard link."""
    from argmap.loading.loader import load_set
    from argmap.writer import read_inputs

    (tmp_path / "a.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(SIBLINGS, encoding="utf-8")
    (tmp_path / "c.yml").write_text(SIBLINGS.replace("b.txt", "c.txt"), encoding="utf-8")
    (tmp_path / "b.txt").write_text("the only copy\n", encoding="utf-8")
    os.link(tmp_path / "b.txt", tmp_path / "linked.txt")
    parsed = _parses(monkeypatch)
    inputs = read_inputs(load_set([tmp_path / "a.yaml"]))
    check_outputs([tmp_path / f"new{i}.svg" for i in range(3)], inputs=inputs)
    write_text_atomic(tmp_path / "new.svg", "<svg/>", inputs=inputs)
    assert [] == parsed
    (tmp_path / "old.svg").write_text("<svg/>", encoding="utf-8")
    check_outputs([tmp_path / "old.svg", tmp_path / "new.svg"], inputs=inputs)
    for text in ("b.txt", "linked.txt"):
        with pytest.raises(WriteError, match="refusing to write over the input file"):
            check_output(tmp_path / text, inputs=inputs, force=True)
    assert [tmp_path / "b.yaml", tmp_path / "c.yml"] == parsed
    assert "the only copy\n" == (tmp_path / "b.txt").read_text(encoding="utf-8")


def test_read_files_lists_what_read_inputs_protects(tmp_path: Path) -> None:
    """read_files (all at once) lists the maps, their texts and the texts other maps of
    the folder name, missing ones included."""
    from argmap.loading.loader import load_set
    from argmap.writer import read_files

    (tmp_path / "a.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(SIBLINGS, encoding="utf-8")
    assert [tmp_path / "a.yaml", tmp_path / "b.txt"] == read_files(
        load_set([tmp_path / "a.yaml"]))


@pytest.mark.parametrize("command", [
    ["render", "{a}", "-f", "mermaid", "-o"],
    ["export", "{a}", "--to", "argdown", "-o"],
    ["check", "{a}", "-o"],
    ["check", "{dir}", "-o"],
    ["validate", "{a}", "-f", "json", "-o"],
    ["validate", "{dir}", "-f", "sarif", "-o"],
    ["diff", "{a}", "{a}", "--format", "markdown", "--output"],
], ids=["render", "export", "check", "check-load-error", "validate", "validate-load-error",
        "diff"])
def test_commands_writing_a_new_file_parse_no_sibling_map(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    """Each command that writes a file parses the other maps of the folder only when its
    output exists (here: the text one of them names, refused), not for a new output."""
    from typer.testing import CliRunner

    from argmap.cli import app

    (tmp_path / "a.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(SIBLINGS, encoding="utf-8")
    (tmp_path / "b.txt").write_text("the only copy\n", encoding="utf-8")
    if command[1] == "{dir}":  # a map that fails to load: the inputs found from the files
        (tmp_path / "broken.yaml").write_text("argmap: 1\ntitle: [\n", encoding="utf-8")
    parsed = _parses(monkeypatch, "argmap.checkrun" if command[1] == "{dir}"
                     else "argmap.writer")
    args = [a.format(a=tmp_path / "a.yaml", dir=tmp_path) for a in command]
    runner = CliRunner()
    runner.invoke(app, [*args, str(tmp_path / "new.out")])
    assert (True, []) == ((tmp_path / "new.out").exists(), parsed)
    refused = runner.invoke(app, [*args, str(tmp_path / "b.txt")])
    assert (2, True) == (refused.exit_code, tmp_path / "b.yaml" in parsed)
    assert "the only copy\n" == (tmp_path / "b.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "head", "expected"), [
    ("m.svg", b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE svg PUBLIC '
              b'"-//W3C//DTD SVG 1.1//EN"\n "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
              b"<!-- Generated by graphviz version 2.43.0 (0)\n -->\n"
              b"<!-- Title: argmap Pages: 1 -->\n<svg/>", True),
    ("m.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><!-- Title: argmap Pages: 1 --></svg>',
     False),
    ("m.dot", b"digraph argmap {\n}\n", True),
    ("m.gv", b"digraph mine {\n}\n", False),
    ("m.html", b'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
               b'<meta name="generator" content="argmap">\n', True),
    ("m.html", b"<!DOCTYPE html>\n<html>\n<head><title>mine</title>\n"
               b'<meta name="generator" content="argmap">\n', False),
    ("m.json", b'{"argmap-render": 1}', True),
    ("m.json", b'{"mine": 1}', False),
    ("m.md", b"# A handout\n", False),
    ("m.md", MARKDOWN_MARK.encode() + b"\n# A handout\n", True),
    ("m.markdown", MARKDOWN_MARK.encode() + b"\n# A handout\n", True),
    ("m.md", b"# A handout\n" + MARKDOWN_MARK.encode() + b"\n", False),
    ("m.mmd", b'---\ntitle: "T"\n---\n' + MERMAID_MARK.encode() + b"\nflowchart TD\n", True),
    ("m.mermaid", MERMAID_MARK.encode() + b"\nflowchart TD\n", True),
    ("m.mmd", b'---\ntitle: "argmap"\n---\nflowchart TD\n', False),
    ("m.png", b"\x89PNG\r\n\x1a\n", False),
    ("m.png", mark_png(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" + bytes(17)), True),
    ("m.pdf", append_pdf_info(b"%PDF-1.4\ntrailer\n<< /Size 3 /Root 1 0 R >>\n"
                              b"startxref\n9\n%%EOF\n"), True),
    ("m.pdf", b"%PDF-1.4\n1 0 obj\n<< /Creator (argmap) >>\nendobj\n%%EOF\n", False),
    ("m.txt", b"digraph argmap {", False),
])
def test_drawn_by_argmap_tells_argmaps_drawings_by_their_start(
        tmp_path: Path, name: str, head: bytes, expected: bool) -> None:
    """An SVG Graphviz drew of the graph argmap names, argmap's DOT, HTML page and JSON
    drawing, and a PNG, PDF, Markdown or Mermaid file with argmap's mark where argmap
    puts it, are argmap's; a look-alike, and the mark elsewhere, are not."""
    path = tmp_path / name
    path.write_bytes(head)
    assert expected == drawn_by_argmap(path)


def test_a_pdfs_mark_is_read_from_its_end(tmp_path: Path) -> None:
    """A PDF longer than the bytes read is told by its last 64 KiB: argmap's mark at its
    end counts, and only with `%PDF-` at its start; the mark followed by more (a program
    that saved the file again appended its own section) does not."""
    body = b"%PDF-1.4\n%" + b"x" * (3 * SNIFF_BYTES) + b"\n"
    ending = b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"
    marked = append_pdf_info(body + ending)
    assert marked is not None
    cases = {"big.pdf": marked, "late.pdf": marked + b"%" + bytes(SNIFF_BYTES) + b"\n",
             "start.pdf": b"%PDX" + marked[4:]}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    assert [True, False, False] == [drawn_by_argmap(tmp_path / name) for name in cases]


def test_drawn_by_argmap_reads_no_special_file(tmp_path: Path) -> None:
    """A FIFO named like a drawing is not opened for long, nor taken for argmap's; a
    missing file is not argmap's."""
    fifo = tmp_path / "m.svg"
    os.mkfifo(fifo)
    assert drawn_by_argmap(fifo) is False
    assert drawn_by_argmap(tmp_path / "none.dot") is False
