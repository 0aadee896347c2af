"""Tests of ``argmap import``: writes a loadable map, reports losses, fails cleanly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.loading.loader import load

DEBATE = """\
===
title: Soft drugs
color: {colorScheme: x}
===

[Legal]: Soft drugs should be legal.
  + <No harm>: No harm to others, no ban. #pro
  >< [Illegal]: Soft drugs should stay illegal.
"""


def run(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one ``argmap`` command."""
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def test_import_writes_a_map_and_reports_losses(tmp_path: Path) -> None:
    """The map loads; the summary goes to stdout, the loss report to stderr as a list."""
    source = tmp_path / "debate.argdown"
    source.write_text(DEBATE, encoding="utf-8")
    out = tmp_path / "debate.yaml"
    code, stdout, stderr = run("import", str(source), "-o", str(out))
    amap = load(out).model
    assert (0, f"wrote {out}: 3 nodes, 3 relations\n") == (code, stdout)
    assert ["Legal", "no-harm", "Illegal"] == [n.id for n in amap.nodes]
    expected = ["loss report: 2 items not carried over exactly",
                f"- {source}:3:1: not-imported: frontmatter color: {{colorScheme: x}} "
                "(Argdown settings have no meaning in an argmap map)",
                f"- {source}:8:3: approximated: contradiction between Legal and Illegal as "
                "two attacks"]
    assert expected == stderr.splitlines()
    assert "  # approximated: contradiction between Legal and Illegal as two attacks" in \
        out.read_text(encoding="utf-8").splitlines()


def test_loss_report_as_json(tmp_path: Path) -> None:
    """``--loss-report FILE`` writes the report as versioned JSON."""
    source = tmp_path / "debate.argdown"
    source.write_text(DEBATE, encoding="utf-8")
    report = tmp_path / "loss.json"
    code, _, _ = run("import", str(source), "-o", str(tmp_path / "m.yaml"),
                     "--loss-report", str(report))
    data = json.loads(report.read_text(encoding="utf-8"))
    entry = data["entries"][1]
    assert (0, 1, 2) == (code, data["argmap_loss_report"], len(data["entries"]))
    assert (str(source), 8, 3, "Legal") == (entry["path"], entry["line"], entry["column"],
                                            entry["node"])


def test_format_from_option_and_from_content(tmp_path: Path) -> None:
    """``--from`` overrides the ending; a .json file is argmap JSON when it says so."""
    plain = tmp_path / "debate.txt"
    plain.write_text(DEBATE, encoding="utf-8")
    assert 0 == run("import", str(plain), "--from", "argdown", "-o",
                    str(tmp_path / "a.yaml"))[0]
    argmap_json = tmp_path / "m.json"
    argmap_json.write_text(json.dumps({"format": "argmap-json", "version": 1,
                                       "map": {"title": "T"}, "nodes": [], "relations": []}),
                           encoding="utf-8")
    aif = tmp_path / "a.json"
    aif.write_text('{"nodes": [{"nodeID": "1", "type": "I", "text": "A"}], "edges": []}',
                   encoding="utf-8")
    assert (0, 0) == (run("import", str(argmap_json), "-o", str(tmp_path / "b.yaml"))[0],
                      run("import", str(aif), "-o", str(tmp_path / "c.yaml"))[0])
    assert ("T", "a") == (load(tmp_path / "b.yaml").map.title,
                          load(tmp_path / "c.yaml").map.title)


def test_failures_exit_2_with_a_message(tmp_path: Path) -> None:
    """Unknown format, unknown ending, invalid input, output over input: exit 2, no traceback."""
    bad = tmp_path / "bad.argdown"
    bad.write_text("A.\n\n  + B.\n", encoding="utf-8")
    good = tmp_path / "good.argdown"
    good.write_text("A.\n", encoding="utf-8")
    out = str(tmp_path / "out.yaml")
    cases = [
        run("import", str(bad), "--from", "nope", "-o", out),
        run("import", str(tmp_path / "notes.txt"), "-o", out),
        run("import", str(bad), "-o", out),
        run("import", str(good), "-o", str(good)),
    ]
    assert [2, 2, 2, 2] == [code for code, _, _ in cases]
    assert "known formats: argdown, aif, json, graphml" in cases[0][2]
    assert f"{bad}:3:3: error: relation without a statement or argument above it" in cases[2][2]
    assert "refusing to write over the input file" in cases[3][2]
    assert not Path(out).exists()


def test_import_never_writes_over_an_included_file(tmp_path: Path) -> None:
    """A file the Argdown document @imports is an input of the import like the document:
    neither the map nor the loss report is written over it, --force or not (it was
    replaced with --force), and nothing is written."""
    document = tmp_path / "main.argdown"
    document.write_text('@import "part.argdown"\n\n[A]: a\n  + [C]\n', encoding="utf-8")
    part = tmp_path / "part.argdown"
    part.write_text("[C]: c\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    for args in (("-o", str(part)), ("-o", str(out), "--loss-report", str(part))):
        code, _, stderr = run("import", str(document), *args, "--force")
        assert (2, f"argmap: error: {part}: refusing to write over the input file {part}; "
                "choose another output path (--force never replaces an input)") == (
            code, " ".join(stderr.split()))
        assert ("[C]: c\n", False) == (part.read_text(encoding="utf-8"), out.exists())


def test_a_load_error_of_import_says_only_what_stopped_it(tmp_path: Path) -> None:
    """A document import cannot read gets its located error and the count of them, not
    "nothing was checked" (said by `check`, whose load errors are the same); exit 2."""
    document = tmp_path / "bad.argdown"
    document.write_bytes(b"[A]: a\n\x00\n")
    code, _, stderr = run("import", str(document), "-o", str(tmp_path / "out.yaml"))
    assert (2, "1 load error.") == (code, stderr.strip().splitlines()[-1])
    assert "NUL byte" in stderr
    bad_map = tmp_path / "bad.yaml"
    bad_map.write_text("argmap: 1\ntitle: [\n", encoding="utf-8")
    code, stdout, _ = run("check", str(bad_map))
    assert (2, "1 load error: nothing was checked.") == (code, stdout.strip().splitlines()[-1])


def test_export_to_converts_the_flagship_map_and_back(tmp_path: Path) -> None:
    """`export --to` writes each interchange format; importing it back gives the map again."""
    original = load("arguments/pakistan-afghanistan.yaml").model
    for fmt, name in (("argdown", "m.argdown"), ("aif", "m.json"), ("json", "m.argmap.json"),
                      ("graphml", "m.graphml")):
        out = tmp_path / name
        code, stdout, stderr = run("export", "arguments/pakistan-afghanistan.yaml",
                                   "--to", fmt, "-o", str(out))
        assert (code, stdout) == (0, f"wrote {out}\n"), stderr
        back = tmp_path / f"{fmt}.yaml"
        code, _, stderr = run("import", str(out), "--from", fmt, "-o", str(back))
        assert code == 0, stderr
        assert len(load(back).model.nodes) == len(original.nodes)


def test_export_to_refuses_unknown_formats_and_input_paths(tmp_path: Path) -> None:
    """An unknown --to names the known ones; writing over the map is refused."""
    code, _, stderr = run("export", "arguments/", "--to", "docx", "-o", str(tmp_path / "x"))
    assert code == 2
    assert "unknown format 'docx'; known formats: argdown, aif, graphml, json" in stderr
    code, _, stderr = run("export", "arguments/pakistan-afghanistan.yaml", "--to", "json",
                          "-o", "arguments/pakistan-afghanistan.yaml")
    assert code == 2
    assert "refusing to write over the input file" in stderr


def test_export_to_refuses_a_source_text(tmp_path: Path) -> None:
    """export --to never writes over a source text of the map, --force or not."""
    (tmp_path / "m.yaml").write_text(
        "argmap: 1\ntitle: T\nsources:\n  - id: s\n    title: S\n    text: s.json\n"
        "nodes:\n  - id: a\n    kind: claim\n    text: A.\n", encoding="utf-8")
    text = tmp_path / "s.json"
    text.write_text('{"generator": "argmap"}', encoding="utf-8")
    for force in ((), ("--force",)):
        code, _, stderr = run("export", str(tmp_path / "m.yaml"), "--to", "json", "-o",
                              str(text), *force)
        assert (2, '{"generator": "argmap"}') == (code, text.read_text(encoding="utf-8"))
        assert "refusing to write over the input file" in stderr


def test_an_include_outside_the_tree_is_refused_without_its_content(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`argmap import` of a stranger's Argdown file that includes a file from outside its
    folder (by a link here): exit 2, the include located, nothing of the file printed,
    no map written."""
    marker = "SECRET-5c1e-not-for-the-ci-log"
    (tmp_path / "secret.argdown").write_text(f"[s]: {marker}\n", encoding="utf-8")
    pr = tmp_path / "pr"
    pr.mkdir()
    (pr / "notes.argdown").symlink_to(tmp_path / "secret.argdown")
    (pr / "map.argdown").write_text("[a]: A.\n\n@include(notes.argdown)\n", encoding="utf-8")
    monkeypatch.chdir(pr)
    code, out, err = run("import", "map.argdown", "-o", "map.yaml")
    assert (2, False) == (code, marker in out + err)
    assert "map.argdown:3:1: error: @include(notes.argdown): outside the folder" in err
    assert not (pr / "map.yaml").exists()


def test_import_never_replaces_a_map_without_force(tmp_path: Path) -> None:
    """import X -o existing.yaml is refused (exit 2, the map kept); --force replaces it."""
    source = tmp_path / "debate.argdown"
    source.write_text(DEBATE, encoding="utf-8")
    existing = tmp_path / "existing.yaml"
    existing.write_text("argmap: 1\ntitle: Mine\nnodes: []\n", encoding="utf-8")
    code, stdout, stderr = run("import", str(source), "-o", str(existing))
    assert (2, "") == (code, stdout)
    assert f"{existing}: refusing to write over a map" in stderr
    assert "Mine" in existing.read_text(encoding="utf-8")
    assert 0 == run("import", str(source), "-o", str(existing), "--force")[0]
    assert "Soft drugs" == load(existing).map.title


def test_import_checks_both_outputs_first(tmp_path: Path) -> None:
    """A loss report over someone's JSON, or over the map itself, stops the import before
    the map is written."""
    source = tmp_path / "debate.argdown"
    source.write_text(DEBATE, encoding="utf-8")
    theirs = tmp_path / "theirs.json"
    theirs.write_text("{}", encoding="utf-8")
    out = tmp_path / "m.yaml"
    cases = [run("import", str(source), "-o", str(out), "--loss-report", str(theirs)),
             run("import", str(source), "-o", str(out), "--loss-report", str(out))]
    assert [2, 2] == [code for code, _, _ in cases]
    assert "refusing to write over a JSON file that argmap did not write" in cases[0][2]
    assert "given twice as an output" in cases[1][2]
    assert not out.exists()
    assert "{}" == theirs.read_text(encoding="utf-8")


def test_export_to_replaces_its_own_file_only(tmp_path: Path) -> None:
    """export --to argdown writes over its own earlier export (it carries argmap's mark),
    never over Argdown someone wrote, unless --force."""
    out = tmp_path / "m.argdown"
    args = ("export", "arguments/pakistan-afghanistan.yaml", "--to", "argdown", "-o", str(out))
    assert (0, 0) == (run(*args)[0], run(*args)[0])
    out.write_text(DEBATE, encoding="utf-8")
    code, _, stderr = run(*args)
    assert 2 == code
    assert f"{out}: refusing to write over an Argdown file that argmap did not write" in stderr
    assert DEBATE == out.read_text(encoding="utf-8")
    assert 0 == run(*args, "--force")[0]
_DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("deep.json", _DEEP, "deep.json:1:65: error: nesting deeper than 64 levels [too-deep]"),
    ("aif.json", '{"nodes": [], "edges": [], "x": ' + _DEEP + "}",
     "aif.json:1:96: error: nesting deeper than 64 levels [too-deep]"),
    ("own.json", '{"format": "argmap-json", "x": ' + _DEEP + "}",
     "own.json:1:95: error: nesting deeper than 64 levels [too-deep]"),
    ("deep.graphml", '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/'
     'xmlns"><key id="map" for="graph" attr.name="argmap" attr.type="string"/><graph>'
     f'<data key="map">{_DEEP}</data></graph></graphml>',
     "deep.graphml:1:1: error: nested too deeply: "),
])
def test_deeply_nested_files_are_refused_with_a_location(tmp_path: Path, name: str, text: str,
                                                          expected: str) -> None:
    """JSON nested 100,000 deep (in a JSON file or inside GraphML) is a located error and
    exit code 2, never a RecursionError."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, _, err = run("import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert code == 2
    assert f"{tmp_path}/{expected}" in err


def test_deeply_nested_argdown_imports(tmp_path: Path) -> None:
    """Argdown nested 2,000 levels deep (by indentation, the most a file of the size cap
    holds is a few thousand) is read without recursion."""
    lines = ["[a0]: root"] + ["  " * i + f"<+ <arg{i}>: argument {i}" for i in range(1, 2000)]
    path = tmp_path / "deep.argdown"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run("import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert (code, err) == (0, "")
    assert "2000 nodes, 1999 relations" in out
