"""Tests of the `argmap render` and `argmap export` commands, through typer's CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app

from .helpers import FLAGSHIP_REL, ROOT, write_map
from .test_render_runner import tangle

runner = CliRunner()
SMALL = (ROOT / "tests" / "golden" / "small.yaml").read_text(encoding="utf-8")
needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")


@needs_graphviz
def test_render_flagship(tmp_path: Path) -> None:
    """The analyst's command: the flagship map to SVG, exit 0, the path printed."""
    out = tmp_path / "flagship.svg"
    result = runner.invoke(app, ["render", FLAGSHIP_REL, "-o", str(out)])
    assert (result.exit_code, result.stdout) == (0, f"wrote {out}\n")
    assert out.read_bytes().lstrip().startswith(b"<?xml")


def test_render_every_option(tmp_path: Path) -> None:
    """Every drawing option is passed through to the library."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    out = tmp_path / "o.dot"
    result = runner.invoke(app, [
        "render", str(path), "-o", str(out), "--theme", "print", "--labels", "both",
        "--direction", "left-right", "--group", "section", "--focus", "counts", "--depth", "3",
        "--kinds", "claim,evidence", "--kinds", "recommendation", "--tags", "roads,health",
        "--hide-orphans", "--highlight-findings", "--no-legend", "--title", "T [bold]x[/bold]"])
    assert result.exit_code == 0, result.stderr
    dot = out.read_text(encoding="utf-8")
    assert 'label="T [bold]x[/bold]"' in dot
    assert 'rankdir="LR"' in dot
    assert "cluster_legend" not in dot
    assert '"small:build-bypass" [label="build-bypass\\nThe town' in dot
    assert '"small:counts"' in dot  # the focus is always shown
    assert "bypass-moves-traffic" not in dot  # an assumption: not among --kinds


@pytest.mark.parametrize("command", ["render", "export"])
def test_kind_and_tag_are_hidden_spellings(tmp_path: Path, command: str) -> None:
    """--kind and --tag (the spellings of `query list` before --kinds and --tags) draw what
    --kinds and --tags draw, mixed and repeated; the help shows only --kinds and --tags."""
    path = write_map(tmp_path / "maps", "small.yaml", SMALL)
    target = str(path) if command == "render" else str(path.parent)
    drawn = []
    for i, args in enumerate([["--kinds", "recommendation,claim", "--tags", "roads,economy"],
                              ["--kind", "recommendation", "--kind=claim", "--tag", "roads",
                               "--tags", "economy"]]):
        out = tmp_path / f"out{i}"
        result = runner.invoke(app, [command, target, "-f", "dot", *args,
                                     "-o", str(out / "small.dot" if command == "render"
                                                else out)])
        assert 0 == result.exit_code, result.output
        drawn.append((out / "small.dot").read_text(encoding="utf-8"))
    assert (True, True, False) == tuple(f'"small:{n}"' in drawn[0] for n in (
        "build-bypass", "traffic-harms-centre", "bypass-moves-traffic"))
    assert drawn[0] == drawn[1]
    help_text = runner.invoke(app, [command, "--help"]).stdout
    assert ("--kinds KINDS", "--tags TAGS") == tuple(
        o for o in ("--kinds KINDS", "--tags TAGS", "--kind ", "--tag ") if o in help_text)


@pytest.mark.parametrize(("args", "message"), [
    (["--theme", "neon"], "--theme: unknown value 'neon'; choose from color, print"),
    (["--kinds", "claim,fact"], "--kinds: unknown value 'fact'"),
    (["--format", "gif"], "unknown format 'gif'; known formats: svg, png, pdf, dot"),
    (["--engine", "circo"], "unknown layout engine 'circo'"),
    (["--focus", "count"], "did you mean 'counts'"),
    (["--reveal", "-f", "md"], "--reveal makes a series of images"),
])
def test_render_bad_options_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    """A bad option value is a one-line error and exit code 2; nothing is written."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    result = runner.invoke(app, ["render", str(path), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.yaml"]


def test_render_refuses_input_path(tmp_path: Path) -> None:
    """-o naming the map itself is refused with exit code 2; the map is untouched."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    result = runner.invoke(app, ["render", str(path), "-o", str(path), "-f", "dot"])
    assert result.exit_code == 2
    assert "refusing to write over the input file" in result.stderr
    assert path.read_text(encoding="utf-8") == SMALL


def test_render_never_writes_over_the_text_another_map_of_the_folder_names(
        tmp_path: Path) -> None:
    """The source text another map of the folder names is an input, as docs/security.md
    says, though the map drawn does not refer to that map: refused, exit 2, --force or
    not, the text untouched (it was replaced, a .txt being no map)."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    other = "argmap: 1\ntitle: B\nsources:\n  - id: s\n    title: S\n    text: b.txt\n"
    write_map(tmp_path, "b.yaml", other, files={"b.txt": "the only copy\n"})
    for force in ((), ("--force",)):
        result = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "b.txt"),
                                     "-f", "dot", *force])
        assert (2, True) == (result.exit_code,
                             "refusing to write over the input file" in result.stderr)
    assert "the only copy\n" == (tmp_path / "b.txt").read_text(encoding="utf-8")


def test_missing_graphviz_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Graphviz: exit 2 and the install command; Mermaid still works."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    monkeypatch.setenv("PATH", str(tmp_path))
    result = runner.invoke(app, ["render", str(path)])
    assert result.exit_code == 2
    assert "sudo apt-get install graphviz" in result.stderr
    ok = runner.invoke(app, ["render", str(path), "-f", "mermaid"])
    assert (ok.exit_code, ok.stdout) == (0, f"wrote {tmp_path / 'small.mmd'}\n")


@needs_graphviz
def test_engine_switch_notice_on_stderr(tmp_path: Path) -> None:
    """A map too big for dot is drawn with argmap's layered layout and a note on stderr."""
    path = tangle(tmp_path / "tangle.yaml")
    result = runner.invoke(app, ["render", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("note: map too big for dot (300 nodes")


def test_render_reveal_prints_every_file(tmp_path: Path) -> None:
    """--reveal prints the numbered files it wrote."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    result = runner.invoke(app, ["render", str(path), "-f", "dot", "--reveal"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"wrote {tmp_path / f'small-0{i}.dot'}"
                                          for i in range(1, 4)]


def test_render_reveal_order(tmp_path: Path) -> None:
    """--reveal-order kind gives the steps by kind; a bad order is a usage error."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    result = runner.invoke(app, ["render", str(path), "-f", "dot", "--reveal",
                                 "--reveal-order", "kind"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 5
    bad = runner.invoke(app, ["render", str(path), "--reveal", "--reveal-order", "random"])
    assert bad.exit_code == 2
    assert "--reveal-order: unknown value 'random'; choose from file, top-down, kind" \
        in bad.stderr


def test_export(tmp_path: Path) -> None:
    """The teacher's command: every map of a folder, one file each, a summary line."""
    course = tmp_path / "[red]course"
    write_map(course, "a.yaml", SMALL)
    write_map(course, "b.yaml", SMALL)
    result = runner.invoke(app, ["export", str(course), "-o", str(tmp_path / "out"),
                                 "-f", "mermaid"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"wrote 2 files to {tmp_path / 'out'}\n"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.mmd", "b.mmd"]


def test_export_bad_format(tmp_path: Path) -> None:
    """An unknown export format is exit code 2."""
    write_map(tmp_path, "a.yaml", SMALL)
    result = runner.invoke(app, ["export", str(tmp_path), "-o", str(tmp_path / "o"),
                                 "-f", "gif"])
    assert result.exit_code == 2
    assert "known formats" in result.stderr


def test_render_show_acceptance_writes_labels(tmp_path: Path) -> None:
    """`render --show acceptance` puts [in]/[out] in the labels; a bad value exits 2."""
    out = tmp_path / "m.dot"
    result = CliRunner().invoke(app, ["render", "arguments/pakistan-afghanistan.yaml", "-o",
                                      str(out), "--show", "acceptance"])
    assert result.exit_code == 0, result.output
    dot = out.read_text(encoding="utf-8")
    assert "[out]" in dot
    assert "[in]" in dot
    bad = CliRunner().invoke(app, ["render", "arguments/pakistan-afghanistan.yaml", "-o",
                                   str(out), "--show", "nope"])
    assert bad.exit_code == 2
    assert "--show: unknown value 'nope'; choose from acceptance, strength" in bad.stderr


def test_render_show_strength_writes_ranges(tmp_path: Path) -> None:
    """`render --show strength` on docs/examples/intervals.yaml writes the range of each
    strength the intervals leave open, in the label and the tooltip, like `evaluate`."""
    out = tmp_path / "m.dot"
    result = CliRunner().invoke(app, ["render", "docs/examples/intervals.yaml", "-o",
                                      str(out), "--show", "strength"])
    assert result.exit_code == 0, result.output
    dot = out.read_text(encoding="utf-8")
    assert 'label="[strength 0.59..0.83]\\nThe claim the survey bears on."' in dot
    assert "Semantics: strength 0.50..0.80" in dot
    assert 'label="[strength 0.30]\\nAn objection of little weight."' in dot


def test_render_refuses_another_map_without_force(tmp_path: Path) -> None:
    """render a.yaml -o b.yaml -f svg would replace the map b.yaml: exit 2, b.yaml kept;
    with --force it is replaced."""
    path = write_map(tmp_path, "a.yaml", SMALL)
    other = write_map(tmp_path, "b.yaml", SMALL)
    result = runner.invoke(app, ["render", str(path), "-o", str(other), "-f", "svg"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"argmap: error: {other}: refusing to write over a map (argmap "
                             "reads every .yaml file as one); choose another output path, or "
                             "give --force to replace it\n")
    assert other.read_text(encoding="utf-8") == SMALL
    forced = runner.invoke(app, ["render", str(path), "-o", str(other), "-f", "dot", "--force"])
    assert (forced.exit_code, forced.stdout) == (0, f"wrote {other}\n")


def test_render_reveal_refuses_a_map_among_its_steps(tmp_path: Path) -> None:
    """--reveal -o s.yaml writes s-01.yaml ...: an existing map s-01.yaml stops it all."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    step = write_map(tmp_path, "s-01.yaml", SMALL)
    result = runner.invoke(app, ["render", str(path), "--reveal", "-o",
                                 str(tmp_path / "s.yaml"), "-f", "dot"])
    assert result.exit_code == 2
    assert f"{step}: refusing to write over a map" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s-01.yaml", "small.yaml"]


def test_render_force_never_replaces_the_input(tmp_path: Path) -> None:
    """--force does not apply to an input of the command."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    result = runner.invoke(app, ["render", str(path), "-o", str(path), "-f", "dot", "--force"])
    assert result.exit_code == 2
    assert "(--force never replaces an input)" in result.stderr
    assert path.read_text(encoding="utf-8") == SMALL


def test_export_refuses_data_it_did_not_write(tmp_path: Path) -> None:
    """export -f json into a folder holding someone's a.json: exit 2 and nothing written;
    --force writes every file."""
    course = tmp_path / "course"
    write_map(course, "a.yaml", SMALL)
    write_map(course, "b.yaml", SMALL)
    out = tmp_path / "out"
    out.mkdir()
    (out / "b.json").write_text("{}", encoding="utf-8")
    args = ["export", str(course), "-o", str(out), "-f", "json", "--no-layout"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "b.json: refusing to write over a JSON file that argmap did not write" in \
        result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["b.json"]
    forced = runner.invoke(app, [*args, "--force"])
    assert (forced.exit_code, forced.stdout) == (0, f"wrote 2 files to {out}\n")


def test_render_to_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`-o -` writes the picture to standard output, byte for byte what a file gets, and
    makes no file named `-` (nor any other) where it runs."""
    path = write_map(tmp_path / "maps", "small.yaml", SMALL)
    out = tmp_path / "o.dot"
    assert runner.invoke(app, ["render", str(path), "-o", str(out)]).exit_code == 0
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = runner.invoke(app, ["render", str(path), "-o", "-", "-f", "dot"])
    assert (result.exit_code, result.stdout_bytes) == (0, out.read_bytes())
    assert [] == list(work.iterdir())


def test_json_to_standard_output_escapes_bidi_controls(tmp_path: Path) -> None:
    """`-o - -f json` is the same JSON value as the file, but a bidi override or a C1
    control of the map's text is written as \\uXXXX there (standard output may be a
    terminal, where U+202E would reorder what is shown); the file keeps them as they are."""
    path = write_map(tmp_path, "m.yaml", "argmap: 1\ntitle: T\nnodes:\n"
                     '  - {id: a, kind: claim, text: "abc \\u202eevil \\x85 \\e[2J"}\n')
    out = tmp_path / "o.json"
    assert runner.invoke(app, ["render", str(path), "-o", str(out), "--no-layout"]
                         ).exit_code == 0
    result = runner.invoke(app, ["render", str(path), "-o", "-", "-f", "json", "--no-layout"])
    assert 0 == result.exit_code
    assert (False, False, True) == ("\u202e" in result.stdout, "\x85" in result.stdout,
                                    "\u202e" in out.read_text(encoding="utf-8"))
    assert json.loads(out.read_bytes()) == json.loads(result.stdout_bytes)


@pytest.mark.parametrize("args", [["--reveal"], ["--reveal", "-f", "pdf"]])
def test_render_to_standard_output_one_picture_only(tmp_path: Path, args: list[str]) -> None:
    """A reveal is a file per step: `-o -` refuses it with a usage error, writing nothing."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    result = runner.invoke(app, ["render", str(path), "-o", "-", *args])
    assert result.exit_code == 2
    assert "standard output" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.yaml"]


@needs_graphviz
def test_render_to_standard_output_refuses_cut_pages(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages cut into numbered SVG files are several files: `-o -` refuses them with exit
    code 2 and leaves nothing behind where it runs."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", str(ROOT / FLAGSHIP_REL), "-o", "-", "-f", "svg",
                                 "--labels", "text", "--page", "a4"])
    assert result.exit_code == 2
    assert "standard output takes one" in result.stderr
    assert [] == list(tmp_path.iterdir())


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_render_to_standard_output_refuses_binary_on_a_terminal(tmp_path: Path,
                                                                fmt: str) -> None:
    """`-o - -f png` typed at a terminal poured the picture's bytes onto it (whatever
    control sequences they hold): refused before any work, with how to pipe it (a real
    terminal: a pseudo-terminal as standard output)."""
    import os
    import pty
    import subprocess
    import sys

    path = write_map(tmp_path, "small.yaml", SMALL)
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "argmap", "render", str(path), "-o", "-",
                               "-f", fmt], stdout=follower, stderr=subprocess.PIPE,
                              text=True, timeout=20, check=False,
                              env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    finally:
        os.close(leader)
        os.close(follower)
    assert (2, f"argmap: error: -o -: a {fmt.upper()} is binary and standard output is a "
            f"terminal here; pipe it (argmap render MAP -o - -f {fmt} > map.{fmt}) or give a "
            "file name\n") == (done.returncode, done.stderr)
    assert ["small.yaml"] == sorted(p.name for p in tmp_path.iterdir())


@pytest.mark.parametrize("option", ["--timeout", "--deadline"])
@pytest.mark.parametrize("value", ["inf", "nan", "1e308"])
def test_time_limits_that_are_no_number_of_seconds(tmp_path: Path, option: str,
                                                  value: str) -> None:
    """--timeout inf printed a timer thread's traceback; nan slipped past the x>=1 check.
    Both, and a limit past MAX_SECONDS, are usage errors: exit 2, nothing written."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    result = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "x.svg"),
                                 "--page", "a4", option, value])
    assert 2 == result.exit_code
    assert f"{option} must be a number of seconds" in result.stderr
    assert "Traceback" not in result.output
    assert ["small.yaml"] == sorted(p.name for p in tmp_path.iterdir())


def test_highlight_findings_never_writes_over_the_configuration(tmp_path: Path) -> None:
    """With --highlight-findings render reads the configuration above the map; `-o
    argmap.toml` replaced it with the picture. Refused: exit 2, the file unchanged."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    cfg = tmp_path / "argmap.toml"
    cfg.write_text('ignore = ["orphan-node"]\n', encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "--highlight-findings", "-f", "dot",
                                 "-o", str(cfg)])
    assert 2 == result.exit_code
    assert "refusing to write over the input file" in result.stderr
    assert 'ignore = ["orphan-node"]\n' == cfg.read_text(encoding="utf-8")


# --- The bound on what one drawing holds (--max-drawn; argmap.render.bound). The small
# map draws 6 nodes and 6 relations: 12.

TOO_BIG = ("argmap: error: the drawing would hold 12 nodes and relations (6 nodes and 6 "
           "relations), more than the limit of 11 (--max-drawn); draw a part of the map "
           "with --focus NODE and --depth N, --kinds, --tags or --hide-orphans, or raise "
           "--max-drawn")


def test_max_drawn_default_is_the_library_constant() -> None:
    """The CLI's default (written out so --help imports no rendering) is MAX_DRAWN."""
    from argmap.cli.draw import MAX_DRAWN_DEFAULT
    from argmap.render import MAX_DRAWN

    assert MAX_DRAWN == MAX_DRAWN_DEFAULT == 130_000


def test_max_drawn_at_the_limit_renders(tmp_path: Path) -> None:
    """A drawing of exactly --max-drawn nodes and relations is drawn."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    result = runner.invoke(app, ["render", str(path), "-f", "dot", "--max-drawn", "12"])
    assert (0, "") == (result.exit_code, result.stderr)
    assert (tmp_path / "small.dot").is_file()


@pytest.mark.parametrize("args", [
    ["-f", "dot"], ["-f", "mermaid"], ["-f", "md"], ["-f", "json", "--no-layout"],
    ["-f", "svg"], ["-f", "png"], ["-f", "pdf"], ["-f", "json"], ["-f", "html"],
    ["-f", "svg", "--page", "a4"], ["-f", "pdf", "--reveal", "--page", "slide"],
])
def test_max_drawn_one_past_is_refused(tmp_path: Path, args: list[str]) -> None:
    """One past --max-drawn, every format is refused before any layout (no Graphviz
    needed to refuse it): exit code 2, a message naming the count, the limit and the ways
    out, and nothing written."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    result = runner.invoke(app, ["render", str(path), *args, "--max-drawn", "11"])
    assert result.exit_code == 2
    assert result.stderr.startswith(TOO_BIG)
    assert ["small.yaml"] == sorted(p.name for p in tmp_path.iterdir())


@pytest.mark.parametrize(("args", "drawn"), [
    # claims and the recommendation: 3 nodes, a support and the undercut of it.
    (["--kinds", "claim,recommendation"], 5),
    (["--focus", "counts", "--depth", "1"], 3),
    # build-bypass and traffic-harms-centre, and the support between them.
    (["--tags", "roads"], 3),
])
def test_max_drawn_counts_what_is_drawn(tmp_path: Path, args: list[str], drawn: int) -> None:
    """The bound counts what the selection options leave, not the whole map: a limit of
    exactly that count renders, one less is refused naming it."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    ok = runner.invoke(app, ["render", str(path), "-f", "dot", *args,
                             "--max-drawn", str(drawn)])
    assert (0, "") == (ok.exit_code, ok.stderr)
    refused = runner.invoke(app, ["render", str(path), "-f", "dot", *args,
                                  "--max-drawn", str(drawn - 1)])
    assert refused.exit_code == 2
    assert f"the drawing would hold {drawn} nodes and relations" in refused.stderr
    assert f"more than the limit of {drawn - 1} (--max-drawn)" in refused.stderr


def test_max_drawn_reveal_counts_every_step(tmp_path: Path) -> None:
    """A reveal draws the whole map once per step: the bound counts every step."""
    from argmap.loading.loader import load_set
    from argmap.render.reveal import reveal_steps
    from argmap.render.select import select

    path = write_map(tmp_path, "small.yaml", SMALL)
    steps = len(reveal_steps(select(load_set([path]))))
    assert steps > 1
    refused = runner.invoke(app, ["render", str(path), "-f", "dot", "--reveal",
                                  "--max-drawn", str(12 * steps - 1)])
    assert refused.exit_code == 2
    assert (f"the drawing would hold {12 * steps} nodes and relations (6 nodes and 6 "
            f"relations, drawn {steps} times (one layout per step of --reveal))"
            in refused.stderr)
    ok = runner.invoke(app, ["render", str(path), "-f", "dot", "--reveal",
                             "--max-drawn", str(12 * steps)])
    assert (0, "") == (ok.exit_code, ok.stderr)


def test_max_drawn_export(tmp_path: Path) -> None:
    """export applies the bound to each map's drawing: at the limit written, one past
    refused with exit code 2."""
    folder = tmp_path / "maps"
    folder.mkdir()
    write_map(folder, "small.yaml", SMALL)
    out = tmp_path / "out"
    refused = runner.invoke(app, ["export", str(folder), "-o", str(out), "-f", "mermaid",
                                  "--max-drawn", "11"])
    assert refused.exit_code == 2
    assert refused.stderr.startswith(TOO_BIG)
    assert [] == list(out.iterdir())
    ok = runner.invoke(app, ["export", str(folder), "-o", str(out), "-f", "mermaid",
                             "--max-drawn", "12"])
    assert 0 == ok.exit_code, ok.stderr
    assert ["small.mmd"] == [p.name for p in out.iterdir()]


@pytest.mark.parametrize("value", ["0", "-3", "x"])
def test_max_drawn_must_be_positive(tmp_path: Path, value: str) -> None:
    """--max-drawn below 1 (or not a number) is a usage error, exit code 2."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    result = runner.invoke(app, ["render", str(path), "-f", "dot", "--max-drawn", value])
    assert result.exit_code == 2
    assert "--max-drawn" in result.stderr


@needs_graphviz
def test_layered_long_relations_past_the_budget_drawn_straight(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The layered layout's budget of virtual points (argmap.render.layered.MAX_VIRTUAL):
    past it, long relations are drawn straight, and a notice says so."""
    from argmap.render import layered

    monkeypatch.setattr(layered, "MAX_VIRTUAL", 0)
    # Evidence is on the first rank and the recommendation two ranks above it.
    path = write_map(tmp_path, "long.yaml", "argmap: 1\ntitle: T\nnodes:\n"
                     "  - {id: r, kind: recommendation, text: Do it.}\n"
                     "  - {id: c, kind: claim, text: It helps., supports: [r]}\n"
                     "  - {id: e, kind: evidence, text: A count., supports: [c, r]}\n")
    result = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "s.svg"),
                                 "--engine", "layered", "--direction", "bottom-up"])
    assert result.exit_code == 0, result.stderr
    assert "long relation is drawn straight" in result.stderr


def test_render_a_folder_says_where_it_wrote_and_keeps_other_files(tmp_path: Path) -> None:
    """`argmap render DIR` prints the path it wrote beside the folder; over a file argmap
    did not draw it exits 2 with the file named and the way out, writing nothing."""
    maps = tmp_path / "maps"
    write_map(maps, "small.yaml", SMALL)
    result = runner.invoke(app, ["render", str(maps), "-f", "md"])
    assert (0, f"wrote {tmp_path / 'maps.md'}\n") == (result.exit_code, result.stdout)
    (tmp_path / "maps.md").write_text("my notes\n", encoding="utf-8")
    refused = runner.invoke(app, ["render", str(maps), "-f", "md"])
    assert 2 == refused.exit_code
    assert (f"argmap: error: {tmp_path / 'maps.md'}: refusing to write over a file argmap did "
            "not draw") in refused.stderr.replace("\n", " ")
    assert "my notes\n" == (tmp_path / "maps.md").read_text(encoding="utf-8")


@needs_graphviz
@pytest.mark.parametrize("fmt", ["png", "pdf", "md", "mermaid"])
def test_render_again_without_o_replaces_argmaps_own_drawing(tmp_path: Path, fmt: str) -> None:
    """A teacher's `argmap render map.yaml -f png` after an edit: argmap's own drawing
    beside the map carries its mark and is replaced (exit 0, no --force); a file of the
    user's there is not (exit 2)."""
    path = write_map(tmp_path, "small.yaml", SMALL)
    first = runner.invoke(app, ["render", str(path), "-f", fmt])
    again = runner.invoke(app, ["render", str(path), "-f", fmt])
    assert (0, 0) == (first.exit_code, again.exit_code), again.stderr
    written = next(tmp_path.glob("small.[!y]*"))
    written.write_bytes(b"mine, about argmap\n")
    refused = runner.invoke(app, ["render", str(path), "-f", fmt])
    assert (2, b"mine, about argmap\n") == (refused.exit_code, written.read_bytes())
