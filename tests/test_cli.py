"""Tests of the command line, through typer's CliRunner."""

from __future__ import annotations

import importlib
import io
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from argmap.cli import COMMANDS, app
from argmap.cli._app import HIDDEN_SPELLINGS, Command, _is_terminal

from .helpers import FLAGSHIP_REL, ROOT, reaped, write_map

runner = CliRunner()

BROKEN = """\
argmap: 1
title: Broken
nodes:
  - id: a
    kind: claimm
    txt: typo
"""


def test_check_flagship_exits_1_with_findings() -> None:
    """Findings give exit code 1 and the parsable lines on stdout."""
    result = runner.invoke(app, ["check", "arguments/"])
    assert result.exit_code == 1
    assert ("arguments/pakistan-afghanistan.yaml:532:9: warning: claim "
            "'mediators-need-trust-of-both-sides' has no support [unsupported-claim]"
            in result.stdout)


def test_check_source_only_leaves_the_analyst_out(tmp_path: Path) -> None:
    """--source-only checks the argument without the analyst's relations: a claim they
    alone support is unsupported there, inferred-support otherwise."""
    text = ("argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: assumption\n    text: A.\n"
            "    supports:\n      - to: b\n        by: analyst\n"
            "  - id: b\n    kind: claim\n    text: B.\n")
    path = str(write_map(tmp_path, "m.yaml", text))
    full = runner.invoke(app, ["check", path])
    stated = runner.invoke(app, ["check", "--source-only", path])
    assert (1, 1) == (full.exit_code, stated.exit_code)
    assert f"{path}:10:9: warning: claim 'b' is supported only by the analyst's inference " \
        "(by: analyst) [inferred-support]" in full.stdout
    assert f"{path}:10:9: warning: claim 'b' has no support [unsupported-claim]" in stated.stdout
    assert "orphan-node" not in stated.stdout
    assert stated.stdout.splitlines()[-1] == ("1 finding (0 errors, 1 warning, 0 info) in "
                                              "1 map, 2 nodes; the sources' relations only.")


def test_check_clean_exits_0(tmp_path: Path) -> None:
    """A map without findings exits 0 and says so (a map with no nodes is a finding:
    empty-map, tests/test_empty_map.py)."""
    path = write_map(tmp_path, "ok.yaml", "argmap: 1\ntitle: Clean\nsources:\n  - id: s\n"
                     "    title: S\nnodes:\n  - id: e\n    kind: evidence\n    text: E.\n"
                     "    source: s\n    supports: [c]\n  - id: c\n    kind: claim\n"
                     "    text: C.\n")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0, result.stdout
    assert "No findings (1 map, 2 nodes)." in result.stdout


def test_check_threshold_and_exit_zero() -> None:
    """--severity error hides the flagship's warnings; --exit-zero never fails."""
    assert runner.invoke(app, ["check", FLAGSHIP_REL, "--severity", "error"]).exit_code == 0
    assert runner.invoke(app, ["check", FLAGSHIP_REL, "--exit-zero"]).exit_code == 0
    assert runner.invoke(app, ["check", FLAGSHIP_REL, "--ignore",
                               "unsupported-claim,inferred-support,ungrounded,source-tension"]
                         ).exit_code == 0


def test_load_errors_exit_2_with_locations(tmp_path: Path) -> None:
    """Every error of a broken map is reported with file:line:col and exit code 2."""
    path = write_map(tmp_path, "broken.yaml", BROKEN)
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 2
    errors = json.loads(result.stdout)["load_errors"]
    assert [(e["line"], e["column"], e["code"], e["hint"]) for e in errors] == [
        (5, 11, "invalid-value", "did you mean 'claim'?"),
        (6, 5, "unknown-key", "did you mean 'text'?"),
    ]


def test_unknown_rule_and_missing_path_exit_2() -> None:
    """Usage errors exit 2 with a message naming the known choices."""
    result = runner.invoke(app, ["check", FLAGSHIP_REL, "--select", "nope"])
    assert result.exit_code == 2
    assert "unknown rule 'nope'" in result.stderr
    result = runner.invoke(app, ["check", "no/such/file.yaml"])
    assert result.exit_code == 2
    assert "no/such/file.yaml: no such file or folder" in result.stderr


def test_formats_json_sarif_github() -> None:
    """Machine formats go to stdout and are byte-identical across runs."""
    for fmt in ("json", "sarif", "github"):
        first = runner.invoke(app, ["check", FLAGSHIP_REL, "--format", fmt])
        second = runner.invoke(app, ["check", FLAGSHIP_REL, "--format", fmt])
        assert first.exit_code == 1
        assert first.stdout == second.stdout
    github = runner.invoke(app, ["check", FLAGSHIP_REL, "--format", "github"]).stdout
    assert github.startswith("::warning file=arguments/pakistan-afghanistan.yaml,line=72,col=9,")


def test_validate_and_schema(tmp_path: Path) -> None:
    """validate prints counts; schema prints the committed schema or writes it atomically."""
    result = runner.invoke(app, ["validate", "arguments/"])
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: 1 map, 59 nodes, 110 relations")
    committed = Path("docs/argmap.schema.json").read_text(encoding="utf-8")
    assert runner.invoke(app, ["schema"]).stdout == committed
    out = tmp_path / "schema.json"
    assert runner.invoke(app, ["schema", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == committed


def test_schema_replaces_only_its_own_file(tmp_path: Path) -> None:
    """schema -o writes over a schema it wrote, never over other JSON unless --force."""
    out = tmp_path / "schema.json"
    assert [0, 0] == [runner.invoke(app, ["schema", "-o", str(out)]).exit_code
                      for _ in range(2)]
    package = tmp_path / "package.json"
    package.write_text('{"name": "site"}', encoding="utf-8")
    refused = runner.invoke(app, ["schema", "-o", str(package)])
    assert refused.exit_code == 2
    assert f"{package}: refusing to write over a JSON file that argmap did not write" in \
        refused.stderr
    assert package.read_text(encoding="utf-8") == '{"name": "site"}'
    assert runner.invoke(app, ["schema", "-o", str(package), "--force"]).exit_code == 0
    assert package.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_rules_lists_and_documents() -> None:
    """rules lists every rule; rules ID shows its documentation; unknown ids exit 2."""
    listing = runner.invoke(app, ["rules"])
    assert "circular-support" in listing.stdout
    one = runner.invoke(app, ["rules", "self-support"])
    assert "Failing example:" in one.stdout
    assert runner.invoke(app, ["rules", "nope"]).exit_code == 2


def test_rules_says_which_rule_is_opt_in() -> None:
    """The listing and a rule's documentation say that an opt-in rule runs only when
    selected, as docs/checks.md does; a default rule says nothing of the kind."""
    listing = {line.split()[0]: line for line in runner.invoke(app, ["rules"]).stdout
               .splitlines() if line[:1].isalpha()}
    assert (True, False) == ("info (opt-in)" in listing["unanswered-critical-question"],
                             "opt-in" in listing["source-tension"])
    assert ("unanswered-critical-question (info, opt-in: runs only when selected)\n" ==
            runner.invoke(app, ["rules", "unanswered-critical-question"]).stdout
            .splitlines(keepends=True)[0])


def test_rules_of_a_load_error_code_points_to_the_format() -> None:
    """`argmap rules CODE` of a load error's code (what a newcomer looks up after a
    `[dangling-reference]`) says where load errors are explained; a misspelt rule still
    gets the rule it is closest to."""
    code = runner.invoke(app, ["rules", "dangling-reference"])
    assert (2, True) == (code.exit_code, "docs/format.md#load-errors" in code.stderr)
    typo = runner.invoke(app, ["rules", "self-suport"])
    assert ("argmap: error: unknown rule 'self-suport'; did you mean 'self-support'?\n"
            == typo.stderr)


def test_pyproject_and_per_map_config(tmp_path: Path) -> None:
    """[tool.argmap] and a map's check: block select rules and thresholds."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.argmap]\nignore = ["orphan-node"]\n', encoding="utf-8")
    m = write_map(tmp_path, "m.yaml", "argmap: 1\ntitle: T\nnodes:\n  - id: a\n"
                  "    kind: claim\n    text: A.\n")
    result = runner.invoke(app, ["check", str(m), "--format", "json"])
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert codes == ["unsupported-claim"]
    result = runner.invoke(app, ["check", str(m), "--no-config", "--format", "json"])
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert codes == ["orphan-node", "unsupported-claim"]
    m2 = write_map(tmp_path, "m2.yaml", "argmap: 1\ntitle: T\ncheck:\n  severity: error\n"
                   "  select: [nope]\nnodes: []\n")
    result = runner.invoke(app, ["check", str(m2), "--format", "json"])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["load_errors"][0]["line"] == 5


def test_version() -> None:
    """--version prints the version."""
    assert runner.invoke(app, ["--version"]).stdout.startswith("argmap 0.")


def test_colour_only_on_terminals_and_never_with_no_color() -> None:
    """Piped output has no escape codes; forced colour is switched off again by NO_COLOR."""
    piped = runner.invoke(app, ["check", FLAGSHIP_REL])
    assert "\x1b[" not in piped.stdout
    forced = runner.invoke(app, ["check", FLAGSHIP_REL], env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    no_color = runner.invoke(app, ["check", FLAGSHIP_REL],
                             env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[3" not in no_color.stdout


class _Stream(io.StringIO):
    def __init__(self, tty: bool | None) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        if self.tty is None:
            raise ValueError("I/O operation on closed file")
        return self.tty


_COLOUR_VARIABLES = ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "TTY_INTERACTIVE")


@pytest.mark.parametrize("tty", [True, False, None])
@pytest.mark.parametrize("env", [
    {}, {"FORCE_COLOR": "1"}, {"FORCE_COLOR": ""}, {"FORCE_COLOR": "0"},
    {"TTY_COMPATIBLE": "1"}, {"TTY_COMPATIBLE": "0"}, {"TTY_COMPATIBLE": "x"},
    {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}, {"TTY_COMPATIBLE": "1", "FORCE_COLOR": ""},
    {"NO_COLOR": "1"}, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, {"TTY_INTERACTIVE": "1"},
])
@pytest.mark.parametrize("stderr", [False, True])
def test_colour_decision_is_the_one_rich_makes(monkeypatch: pytest.MonkeyPatch, tty: bool | None,
                                   env: dict[str, str], stderr: bool) -> None:
    """Whether a stream gets colour is what rich's Console.is_terminal says, in every case."""
    for name in _COLOUR_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "stderr" if stderr else "stdout", _Stream(tty))
    assert _is_terminal(stderr=stderr) == Console(stderr=stderr).is_terminal


def _check_in_subprocess(code: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in _COLOUR_VARIABLES}
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120, check=False)


_WITHOUT_RICH = """
import sys
import argmap.cli

class NoRich:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] == "rich":
            raise ImportError(f"imported {name}")

# Other commands' modules import rich when they load: forget it, and refuse it from now on.
for name in [m for m in sys.modules if m.partition(".")[0] == "rich"]:
    del sys.modules[name]
sys.meta_path.insert(0, NoRich())
sys.argv = ["argmap", "check", "--exit-zero", "--format", sys.argv[1], "arguments/"]
argmap.cli.main()
"""


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "text"])
def test_check_report_needs_no_rich(fmt: str) -> None:
    """Machine formats, and text into a pipe, are written without importing rich."""
    done = _check_in_subprocess(_WITHOUT_RICH.replace("sys.argv[1]", repr(fmt)))
    assert (done.returncode, done.stderr) == (0, "")
    assert "mediators-need-trust-of-both-sides" in done.stdout
    assert "\x1b[" not in done.stdout


def test_check_json_imports_no_rich() -> None:
    """`argmap check --format json` on the flagship map does not import rich at all."""
    done = _check_in_subprocess(
        "import sys, argmap.cli\n"
        "sys.argv = ['argmap', 'check', '--exit-zero', '--format', 'json', 'arguments/']\n"
        "try:\n"
        "    argmap.cli.app()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.partition('.')[0] == 'rich'), "
        "file=sys.stderr)\n")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["findings"] == 26
    assert done.stderr == "[]\n"


def _flow_map(count: int, extra: str = "") -> str:
    """A map of ``count`` unconnected claims written on one line (YAML flow style)."""
    items = ", ".join(f"{{id: c{i}, kind: claim, text: claim number {i}{extra}}}"
                      for i in range(count))
    return f"{{argmap: 1, title: T, nodes: [{items}]}}\n"


def test_one_line_map_report_is_bounded(tmp_path: Path) -> None:
    """A 70 KB map on one line with thousands of findings: each finding shows a window of
    its line, not the whole line (main printed 102 MB for 34 KB, and ran out of memory
    for 69 KB); exit code 1."""
    text = _flow_map(1500)
    assert len(text) > 70_000
    path = write_map(tmp_path, "flow.yaml", text)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    findings = sum(1 for line in lines if line.startswith(str(path)))
    assert findings == 3000
    assert max(len(line) for line in lines) < 200
    assert len(result.stdout.encode()) < 200 * len(lines)


def test_one_line_map_load_errors_are_bounded(tmp_path: Path) -> None:
    """Load errors of a 70 KB one-line map (read back from the file to show the line) are
    bounded the same way; exit code 2."""
    path = write_map(tmp_path, "flow.yaml", _flow_map(1200, ", colour: red").replace(
        "text: claim number", "txt: claim number"))
    assert path.stat().st_size > 70_000
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert sum(1 for line in lines if line.startswith(f"{path}:1:")) == 201
    assert "stopped after 200 problems in this file [too-many-problems]" in result.stdout
    assert max(len(line) for line in lines) < 200


ESC_NAME = "\x1b[31mred\x1b]0;title\x07.yaml"
ESC_MAP = """\
argmap: 1
title: "T \\e[2J"
nodes:
  - id: a
    kind: claim
    text: "claim \\e]0;pwned\\a \\x9b2J \\u202e"
    supports: [b]
  - id: b
    kind: recommendation
    text: "rec \\e[2J clear"
"""


@pytest.mark.parametrize(("args", "shown"), [
    (["check", "DIR"], "\\x1b[31mred\\x1b]0;title\\x07.yaml:4:9"),
    (["check", "-f", "github", "DIR"], "\\x1b[31mred\\x1b]0;title\\x07.yaml,line=4"),
    (["check", "-f", "json", "DIR"], "\\u001b[31mred\\u001b]0;title\\u0007.yaml"),
    (["check", "-f", "sarif", "DIR"], "%1B%5B31mred%1B%5D0%3Btitle%07.yaml"),
    (["query", "list", "DIR"], "claim \\x1b]0;pwned \\x9b2J \\u202e"),
    (["query", "list", "-f", "json", "DIR"], "claim \\u001b]0;pwned\\u0007 \\u009b2J \\u202e"),
    (["query", "rests-on", "b", "DIR"], "claim \\x1b]0;pwned \\x9b2J \\u202e"),
    (["validate", "DIR"], "ok: 1 map"),
    (["explain", "a", "DIR"], "a"),
    (["evaluate", "DIR"], "a"),
])
@pytest.mark.parametrize("colour", [False, True])
def test_nothing_from_a_map_acts_on_the_terminal(tmp_path: Path, args: list[str], shown: str,
                                                  colour: bool) -> None:
    """A map file named with escape sequences, whose texts hold ESC, C1 and bidi controls:
    every command writes them as visible escapes, in colour (rich) and without."""
    write_map(tmp_path, ESC_NAME, ESC_MAP)
    argv = [str(tmp_path) if a == "DIR" else a for a in args]
    result = runner.invoke(app, argv, env={"FORCE_COLOR": "1"} if colour else {})
    assert result.exit_code in (0, 1), result.output
    output = result.stdout + result.stderr
    # Colour is rich's own ESC [ ... m; nothing else may start with ESC.
    assert not re.search("\x1b(?!\\[[0-9;]*m)", output), output
    assert not any(ch in output for ch in "\x07\x9b\u202e")
    assert shown in re.sub("\x1b\\[[0-9;]*m", "", output)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_file_name_that_is_not_utf8(tmp_path: Path, fmt: str) -> None:
    """A map whose file name is not UTF-8 (a surrogate once decoded) is reported in every
    format: the name written with an escape (SARIF: its bytes percent-encoded)."""
    write_map(tmp_path, os.fsdecode(b"\xffbad.yaml"), ESC_MAP)
    result = runner.invoke(app, ["check", "-f", fmt, str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert ("%FFbad.yaml" if fmt == "sarif" else "\\udcffbad.yaml") in result.stdout


@pytest.mark.parametrize(("error", "message"), [
    (RecursionError, "input too deeply nested"), (MemoryError, "not enough memory")])
@pytest.mark.parametrize(("args", "patched", "inputs"), [
    (["check", "a.yaml", "more"], "argmap.loading.loader.load_set", "a.yaml, more"),
    (["query", "list", "a.yaml"], "argmap.loading.loader.load_set", "a.yaml"),
    (["import", "in.json", "-o", "out.yaml"], "argmap.interop.formats.import_file", "in.json"),
])
def test_recursion_and_memory_errors_exit_2(monkeypatch: pytest.MonkeyPatch, args: list[str],
                                            patched: str, inputs: str, error: type[Exception],
                                            message: str) -> None:
    """The last line of defence: a RecursionError or MemoryError out of the library is a
    one-line error naming the command's inputs (not its output), exit code 2, whatever
    the command."""
    module, name = patched.rsplit(".", 1)

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(importlib.import_module(module), name, fail)
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stderr) == (
        2, f"argmap: error: {message} while reading {inputs}\n")


@pytest.mark.parametrize("args", [
    ["diff", "{map}", "{long}.yaml"], ["export", "{folder}", "-o", "{long}", "-f", "dot"],
    ["import", "{long}.json", "-o", "x.yaml"], ["serve", "{long}.yaml", "--port", "0"],
    ["render", "{map}", "--highlight-findings", "-o", "{folder}/{long}/x.svg"]])
def test_a_name_too_long_for_the_system_exits_2(tmp_path: Path, args: list[str]) -> None:
    """A path over the system's limit for a name (ENAMETOOLONG) that reaches pathlib before
    argmap can look at it was a traceback and exit code 1 in these commands: it is one
    line naming the path, cut (errors.shown), and exit code 2."""
    path = write_map(tmp_path, "m.yaml", "argmap: 1\ntitle: T\nnodes: []\n")
    long = "a" * 300
    result = runner.invoke(app, [a.format(map=path, folder=tmp_path, long=long)
                                 for a in args])
    assert 2 == result.exit_code
    assert re.fullmatch(r"argmap: error: [^\n]{1,80}…: File name too long\n", result.stderr)


@pytest.mark.parametrize(("error", "message"), [
    (RecursionError, "input too deeply nested"), (MemoryError, "not enough memory")])
def test_main_turns_recursion_and_memory_errors_into_exit_2(error: type[Exception],
                                                            message: str) -> None:
    """Outside every command (parsing, printing), main() itself reports them: exit 2."""
    done = _check_in_subprocess(
        "import argmap.cli._app as a\n"
        f"def app():\n    raise {error.__name__}\n"
        "a.app = app\n"
        "a.main()\n")
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"argmap: error: {message}\n")


@pytest.mark.parametrize(("argv", "expected"), [
    (["check", "arguments/"], False), (["serve", "arguments/"], True),
    (["--version"], False), ([], False), (["render", "serve.yaml"], False)])
def test_only_serve_keeps_the_garbage_collector(argv: list[str], expected: bool) -> None:
    """main() switches the cyclic collector off for commands that run for a moment, not for
    `serve`, which runs until stopped."""
    from argmap.cli._app import _long_running

    assert expected == _long_running(argv)


@pytest.mark.parametrize(("argv", "expected"), [
    (["check", "m.yaml"], "False default 0"),
    (["serve", "m.yaml"], "True (100000, 10, 10) frozen"),
    (["lsp"], "True (100000, 10, 10) frozen"),
])
def test_collector_policy(argv: list[str], expected: str) -> None:
    """A command that runs for a moment runs without the cyclic collector; one that runs
    until stopped keeps it, with what start-up built frozen out of its walks and the
    youngest objects collected every 100,000 allocations instead of 700 (a fresh
    interpreter each, as the policy is the process's)."""
    code = ("import gc; from argmap.cli._app import _collector_policy; "
            f"default = gc.get_threshold(); _collector_policy({argv!r}); "
            "print(gc.isenabled(), 'default' if gc.get_threshold() == default "
            "else gc.get_threshold(), "
            "'frozen' if gc.get_freeze_count() > 1000 else gc.get_freeze_count())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert expected == out.stdout.strip()


def test_the_library_leaves_the_garbage_collector_alone() -> None:
    """The collector's policy is the program's (the CLI's main): no module of the library
    imports gc, so a program that embeds argmap (or a thread of `serve`) keeps its own."""
    src = ROOT / "src" / "argmap"
    users = sorted(str(p.relative_to(src)) for p in src.rglob("*.py")
                   if "gc" in {line.split()[1].split(".")[0] for line in
                               p.read_text(encoding="utf-8").splitlines()
                               if line.startswith(("import ", "from "))})
    assert ["cli/_app.py"] == users


def test_commands_table_names_every_command_in_help_order() -> None:
    """COMMANDS, by which main() registers only the module of the command it runs, names
    every command of the application, in the order `argmap --help` lists them."""
    from typer.main import get_command

    group = get_command(app)
    ctx = group.make_context("argmap", ["--help"], resilient_parsing=True)
    listed = [name for names in COMMANDS.values() for name in names]
    assert group.list_commands(ctx) == listed  # type: ignore[attr-defined]


def _help_of(command: str) -> str:
    """`argmap COMMAND --help` of the application with every command registered."""
    result = runner.invoke(app, [command, "--help"], prog_name="python -m argmap")
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", [name for names in COMMANDS.values() for name in names])
def test_main_registers_the_module_of_each_command(command: str) -> None:
    """`argmap COMMAND --help` through main(), which registers only COMMAND's module, prints
    what the full application prints."""
    done = subprocess.run([sys.executable, "-m", "argmap", command, "--help"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert (0, "") == (done.returncode, done.stderr)
    assert _help_of(command) == done.stdout


_CLI_MODULES_AT_EXIT = """
import os, sys
import argmap.cli

def exit_(code, real=os._exit):
    sys.stdout.flush()
    print(sorted(m for m in sys.modules if m.startswith('argmap.cli')), file=sys.stderr)
    sys.stderr.flush()
    real(code)

os._exit = exit_
sys.argv = ['argmap', *sys.argv[1:]]
argmap.cli.main()
"""


def test_main_imports_only_the_module_of_the_command() -> None:
    """`argmap check` imports no other command's module (nor typer reads their options):
    a fifth of a 1,000-node check went there."""
    done = subprocess.run([sys.executable, "-c", _CLI_MODULES_AT_EXIT, "check", "--exit-zero",
                           "--format", "json", "arguments/"], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["findings"] == 26
    assert "['argmap.cli', 'argmap.cli._app', 'argmap.cli.check']\n" == done.stderr


@pytest.mark.parametrize("argv", [["-h", "check"], ["chek"], []])
def test_main_registers_every_command_unless_one_comes_first(argv: list[str]) -> None:
    """An option before the command (the group's help), a name that is no command (which
    gets "did you mean") and no command at all: main() registers every command."""
    done = subprocess.run([sys.executable, "-c", _CLI_MODULES_AT_EXIT, *argv],
                          capture_output=True, text=True, cwd=ROOT, timeout=60, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    modules = ["argmap.cli", "argmap.cli._app", *(f"argmap.cli.{m}" for m in COMMANDS)]
    assert f"{sorted(modules)}\n" == done.stderr.splitlines(keepends=True)[-1]


#: Each option that names a file argmap writes, as `argmap ARGS... OPTION PATH` (the map
#: file, the folder it is in or the Argdown file to import stand for MAP).
_FILE_OUTPUTS = [
    (["check", "MAP", "-f", "json"], "-o", "'--output' / '-o'"),
    # The hidden spelling of scripts written before --output: named by the one shown.
    (["check", "MAP", "-f", "json"], "--output-file", "'--output' / '-o'"),
    (["check", "MAP"], "--write-baseline", "'--write-baseline'"),
    (["validate", "MAP", "-f", "json"], "-o", "'--output' / '-o'"),
    (["diff", "MAP", "MAP"], "-o", "'--output' / '-o'"),
    (["diff", "MAP", "MAP"], "--output-file", "'--output' / '-o'"),
    (["import", "ARGDOWN"], "-o", "'--output' / '-o'"),
    (["import", "ARGDOWN", "-o", "OUT/m.yaml"], "--loss-report", "'--loss-report'"),
    (["schema"], "-o", "'--output' / '-o'"),
]


@pytest.mark.parametrize(("args", "option", "named"), _FILE_OUTPUTS,
                         ids=[f"{a[0]} {o}" for a, o, _ in _FILE_OUTPUTS])
def test_a_file_output_written_as_a_folder_is_refused(
        tmp_path: Path, args: list[str], option: str, named: str) -> None:
    """A file output given as `out/` (a folder that does not exist yet) is a usage error
    naming the option, exit 2, and nothing is written: it used to write a file named
    `out`, with no ending, where the user meant a folder."""
    path = write_map(tmp_path, "m.yaml", "argmap: 1\ntitle: T\nnodes: []\n")
    argdown = tmp_path / "a.argdown"
    argdown.write_text("[A]: a.\n", encoding="utf-8")
    out = tmp_path / "out"
    words = [{"MAP": str(path), "ARGDOWN": str(argdown)}.get(w, w.replace("OUT", str(out)))
             for w in args]
    if "OUT/m.yaml" in args:
        out.mkdir()
    result = runner.invoke(app, [*words, option, f"{out}/"])
    assert (2, True) == (result.exit_code,
                         f"Invalid value for {named}: '{out}/' ends with '/', as a folder "
                         "does; give the name of the file to write" in result.output)
    assert [] == (list(out.iterdir()) if out.is_dir() else [])
    assert not out.is_file()


def test_export_to_a_format_refuses_a_folder_as_the_file(tmp_path: Path) -> None:
    """`export --to` writes one file: -o given as `out/` is refused (exit 2), while a
    drawing export writes into that folder."""
    write_map(tmp_path / "maps", "m.yaml", "argmap: 1\ntitle: T\nnodes: []\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", str(tmp_path / "maps"), "--to", "aif", "-o",
                                 f"{out}/"])
    assert (2, False) == (result.exit_code, out.exists())
    assert "with --to, -o is the file to write" in result.output
    drawn = runner.invoke(app, ["export", str(tmp_path / "maps"), "-f", "dot", "-o", f"{out}/"])
    assert (0, ["m.dot"]) == (drawn.exit_code, sorted(p.name for p in out.iterdir()))


# --- One spelling an option in every command (argmap.cli._app.HIDDEN_SPELLINGS) -----------


def _commands() -> list[tuple[str, Any]]:
    """Every command as `argmap WORDS...` runs it (`query`'s included), with its click
    command."""
    import typer.main
    from typer.core import TyperGroup

    out: list[tuple[str, Any]] = []

    def walk(group: TyperGroup, words: list[str]) -> None:
        for name, command in sorted(group.commands.items()):
            if isinstance(command, TyperGroup):
                walk(command, [*words, name])
            else:
                out.append((" ".join([*words, name]), command))

    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    walk(root, [])
    return out


def _options(command: Any) -> set[str]:
    return {o for p in command.params if p.param_type_name == "option" for o in p.opts}


def test_every_command_with_an_option_takes_its_hidden_spellings() -> None:
    """Each command that has an option with hidden spellings parses them (is a Command),
    and no command has a hidden spelling as an option of its own or shows one in its help:
    a user who learns `-o/--output` or `--kinds` on one command finds it on the next."""
    hidden = {o for spellings in HIDDEN_SPELLINGS.values() for o in spellings}
    having = []
    for words, command in _commands():
        options = _options(command)
        if options & set(HIDDEN_SPELLINGS):
            having.append(words)
            assert isinstance(command, Command), words
        assert set() == options & hidden, words
        shown = runner.invoke(app, [*words.split(), "--help"])
        assert (0, []) == (shown.exit_code, [o for o in hidden
                                             if re.search(rf"{o}\b", shown.stdout)]), words
    # The commands this is about (so that the loop above is not vacuous).
    assert {"check", "diff", "validate", "render", "export", "query list"} <= set(having)


def _parsed(command: Any, words: str, args: list[str]) -> dict[str, Any]:
    """The values of `argmap WORDS ARGS...`'s options, as the command would get them."""
    ctx = command.make_context(words, args, resilient_parsing=True)
    return {k: v for k, v in ctx.params.items() if v not in (None, (), [])}


@pytest.mark.parametrize(("words", "hidden", "shown"), [
    ("check", ["--output-file", "r.json"], ["--output", "r.json"]),
    ("check", ["--output-file=r.json"], ["-o", "r.json"]),
    ("diff", ["--output-file", "d.md"], ["-o", "d.md"]),
    ("validate", ["--output-file", "v.json"], ["-o", "v.json"]),
    ("render", ["--kind", "claim", "--kinds", "evidence,objection", "--kind=assumption"],
     ["--kinds", "claim", "--kinds", "evidence,objection", "--kinds", "assumption"]),
    ("export", ["--tag", "a,b", "--tags", "c"], ["--tags", "a,b", "--tags", "c"]),
    ("query list", ["--kind", "claim", "--tag", "x", "--kinds", "evidence"],
     ["--kinds", "claim", "--tags", "x", "--kinds", "evidence"]),
])
def test_a_hidden_spelling_gives_the_options_value(words: str, hidden: list[str],
                                                   shown: list[str]) -> None:
    """The hidden spelling is the option itself: the same value, repeated values of either
    spelling added up in the order given."""
    command = dict(_commands())[words]
    expected = _parsed(command, words, shown)
    assert expected  # the values are there to compare
    assert expected == _parsed(command, words, hidden)


def test_a_mistyped_option_is_offered_the_shown_spelling() -> None:
    """`--output-fil` is offered `--output`, not the hidden `--output-file` too."""
    result = runner.invoke(app, ["check", "arguments/", "--output-fil", "r.txt"])
    assert 2 == result.exit_code
    assert "No such option: --output-fil (Possible options: --output)\n" in result.output


HOSTILE_ID = "x\ny.yaml:1:1: error: forged [x]" + "b" * 5000


@pytest.mark.parametrize("args", [
    ["query", "rests-on", HOSTILE_ID, FLAGSHIP_REL],
    ["query", "impact", HOSTILE_ID, FLAGSHIP_REL],
    ["query", "rests-on", "b" * 5000, FLAGSHIP_REL],
    ["query", "rests-on", "mediators-need-trust-of-both-sides", "b" * 5000],
    ["explain", FLAGSHIP_REL, HOSTILE_ID],
    ["crux", FLAGSHIP_REL, HOSTILE_ID],
    ["evaluate", FLAGSHIP_REL, "--assume", HOSTILE_ID + "=in"],
    ["evaluate", FLAGSHIP_REL, "--without", HOSTILE_ID],
    ["render", FLAGSHIP_REL, "-f", "mermaid", "-o", "-", "--focus", HOSTILE_ID],
    ["check", FLAGSHIP_REL, "--select", HOSTILE_ID],
    ["check", "b" * 5000],
    ["rules", HOSTILE_ID],
    ["diff", FLAGSHIP_REL, FLAGSHIP_REL, "--fail-on", HOSTILE_ID],
    ["render", FLAGSHIP_REL, "-f", HOSTILE_ID],
    ["export", FLAGSHIP_REL, "--to", HOSTILE_ID, "-o", "x.json"],
], ids=["rests-on", "impact", "long-id", "long-path", "explain", "crux", "assume", "without",
        "focus", "select", "check-path", "rules", "fail-on", "format", "export-to"])
def test_a_hostile_value_on_the_command_line_is_echoed_cut(args: list[str]) -> None:
    """An id, rule, format or path of 5,000 characters with a line break in it: exit 2 and
    one line of error, the value cut (errors.SHOWN) and its line break escaped; never a
    traceback (a name too long for the system made pathlib raise)."""
    from argmap.errors import SHOWN

    result = runner.invoke(app, args)
    lines = result.stderr.splitlines()
    assert (2, True, True) == (result.exit_code, 1 <= len(lines) <= 2,
                               all(len(line) <= 2 * SHOWN + 300 for line in lines)), lines
    assert "b" * SHOWN not in result.stderr


def test_a_hostile_key_forges_no_annotation(tmp_path: Path) -> None:
    """A key with a line break and a forged annotation in it, 5,000 characters long: each
    problem is one `::error` line of GitHub's format and one located line of the text
    report, the key cut (errors.SHOWN) with its line break escaped."""
    from argmap.errors import SHOWN

    key = "x\n::error file=README.md,line=1::forged\n" + "k" * 5000
    path = write_map(tmp_path, "m.yaml", "argmap: 1\ntitle: T\nnodes:\n  - id: a\n"
                     f"    kind: claim\n    text: A.\n    ? {json.dumps(key)}\n    : 1\n")
    github = runner.invoke(app, ["check", str(path), "--format", "github"])
    text = runner.invoke(app, ["check", str(path), "--quiet"])
    assert (2, 2) == (github.exit_code, text.exit_code)
    assert [True] == [line.startswith(f"::error file={path},line=7,col=7")
                      for line in github.stdout.splitlines()]
    assert [f"{path}:7:7: error: unknown key 'x\\n::error file=README.md,line=1::forged\\n"
            f"{'k' * (SHOWN - 43)}…' in nodes[0] [unknown-key]"] == text.stdout.splitlines()


# --- an unknown node, wherever a command takes one ----------------------------------------

_MAP_A = """\
argmap: 1
title: A
nodes:
  - {id: porous-frontier, kind: evidence, text: The frontier is porous., supports: [claim]}
  - {id: claim, kind: claim, text: A claim., supports: [goal]}
  - {id: goal, kind: recommendation, text: A goal.}
"""
_MAP_B = "argmap: 1\ntitle: B\nnodes:\n  - {id: claim, kind: claim, text: Also a claim.}\n"
#: A name of 5,000 characters that begins by clearing the screen.
_HOSTILE = "\x1b[2J" + "a" * 5000
_HOSTILE_SHOWN = "'\\x1b[2J" + "a" * (80 - 8) + "…'"
#: Each command and option that takes a node of maps/ (a folder of a.yaml and b.yaml, both
#: with a `claim`), the name at {}.
_NODE_TAKERS = {
    "query rests-on": ["query", "rests-on", "{}", "maps/"],
    "query impact": ["query", "impact", "{}", "maps/"],
    "query path A": ["query", "path", "{}", "goal", "maps/"],
    "query path B": ["query", "path", "porous-frontier", "{}", "maps/"],
    "crux": ["crux", "{}", "maps/"],
    "explain": ["explain", "{}", "maps/"],
    "explain --without": ["explain", "goal", "maps/", "--without", "{}"],
    "explain --assume": ["explain", "goal", "maps/", "--assume", "{}=in"],
    "evaluate --without": ["evaluate", "maps/", "--without", "{}"],
    "evaluate --assume": ["evaluate", "maps/", "--assume", "{}=out"],
    "evaluate --accept": ["evaluate", "maps/", "--accept", "{}"],
    "render --focus": ["render", "maps/", "--focus", "{}", "-o", "out.dot"],
    "render --crux": ["render", "maps/", "--crux", "{}", "-o", "out.dot"],
}
_LISTING = "; `argmap query list maps/` lists the nodes"
#: The names tried in each, and the error each gets.
_NODE_NAMES = {
    "typo": ("porous-fronteir", "no node 'porous-fronteir'; did you mean 'porous-frontier'?"),
    "no-match": ("nothing-like-it", "no node 'nothing-like-it'" + _LISTING),
    "ambiguous": ("claim", "node 'claim' is in several maps; write map:id, one of 'a:claim', "
                  "'b:claim'"),
    "hostile": (_HOSTILE, f"no node {_HOSTILE_SHOWN}" + _LISTING),
}


@pytest.mark.parametrize("case", list(_NODE_NAMES))
@pytest.mark.parametrize("command", list(_NODE_TAKERS))
def test_an_unknown_node_is_one_error_everywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 command: str, case: str) -> None:
    """Every command and option that takes a node gives the same one-line error, exit code
    2: the names meant, or the keys to choose from, or how to list the nodes of the maps
    as given; a hostile name is cut and escaped. Nothing is written."""
    write_map(tmp_path / "maps", "a.yaml", _MAP_A)
    write_map(tmp_path / "maps", "b.yaml", _MAP_B)
    monkeypatch.chdir(tmp_path)
    name, message = _NODE_NAMES[case]
    args = [arg.replace("{}", name) for arg in _NODE_TAKERS[command]]
    result = runner.invoke(app, args, env={"NO_COLOR": "1"})
    assert (2, f"argmap: error: {message}\n", "") == (result.exit_code, result.stderr,
                                                     result.stdout)
    assert ["maps"] == [p.name for p in tmp_path.iterdir()]


_FRAMEWORK_TAKERS = {
    "evaluate --accept": ["evaluate", "f.apx", "--accept", "{}"],
    "evaluate --without": ["evaluate", "f.apx", "--without", "{}"],
    "evaluate --assume": ["evaluate", "f.apx", "--assume", "{}=in"],
}
_FRAMEWORK_NAMES = {
    "typo": ("alpah", "no argument 'alpah'; did you mean 'alpha'?"),
    "no-match": ("nothing-like-it", "no argument 'nothing-like-it'; `argmap evaluate f.apx` "
                 "lists the arguments"),
    "hostile": (_HOSTILE, f"no argument {_HOSTILE_SHOWN}; `argmap evaluate f.apx` lists the "
                "arguments"),
}


@pytest.mark.parametrize("case", list(_FRAMEWORK_NAMES))
@pytest.mark.parametrize("command", list(_FRAMEWORK_TAKERS))
def test_an_unknown_argument_of_a_framework_is_the_same_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, case: str) -> None:
    """An ICCMA framework's arguments, named by --accept, --without or --assume, get the
    same error (an argument, listed by `argmap evaluate FILE`); ids are not ambiguous in
    one framework."""
    (tmp_path / "f.apx").write_text("arg(alpha).\narg(beta).\natt(alpha,beta).\n",
                                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    name, message = _FRAMEWORK_NAMES[case]
    args = [arg.replace("{}", name) for arg in _FRAMEWORK_TAKERS[command]]
    result = runner.invoke(app, args, env={"NO_COLOR": "1"})
    assert (2, f"argmap: error: {message}\n") == (result.exit_code, result.stderr)


#: Node-taking commands given their maps first, and the command line the error offers.
_SWAPPED = {
    "rests-on": (["query", "rests-on", "maps/", "goal"], "query rests-on goal maps/"),
    "impact": (["query", "impact", "maps/a.yaml", "maps/b.yaml", "goal"],
               "query impact goal maps/a.yaml maps/b.yaml"),
    "path": (["query", "path", "maps/", "porous-frontier", "goal", "--format", "json"],
             "query path porous-frontier goal maps/ --format json"),
    "crux": (["crux", "--format", "json", "maps/", "goal"], "crux --format json goal maps/"),
    "explain": (["explain", "maps/", "bad name;x"], "explain 'bad name;x' maps/"),
}


@pytest.mark.parametrize("command", list(_SWAPPED))
def test_a_node_given_after_the_maps_gets_the_command_line_in_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    """A node-taking command given its map first reads the map as its node and the node
    as a missing map: the error says so and offers the command line with the node first
    (options kept in their places, words quoted for a shell), which runs."""
    write_map(tmp_path / "maps", "a.yaml", _MAP_A)
    write_map(tmp_path / "maps", "b.yaml", _MAP_B)
    monkeypatch.chdir(tmp_path)
    args, meant = _SWAPPED[command]
    missing = args[-1] if command != "path" else "goal"
    result = runner.invoke(app, args, env={"NO_COLOR": "1"})
    assert (2, f"argmap: error: {missing}: no such file or folder; the node comes before "
            f"the paths: `argmap {meant}`\n") == (result.exit_code, result.stderr)
    rerun = runner.invoke(app, shlex.split(meant), env={"NO_COLOR": "1"})
    assert "no such file or folder" not in rerun.stderr


def test_a_missing_map_alone_gets_no_reordering(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A map that is missing, with a node that is no file either, is only missing."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["query", "rests-on", "goal", "maps/"], env={"NO_COLOR": "1"})
    assert (2, "argmap: error: maps: no such file or folder\n") == (result.exit_code,
                                                                     result.stderr)


@pytest.mark.parametrize(("paths", "listed"), [
    (["my maps/a.yaml"], "'my maps/a.yaml'"),
    (["my maps/a.yaml", "my maps/b.yaml"], "'my maps/a.yaml' 'my maps/b.yaml'"),
    (["my maps/a.yaml", "my maps/b.yaml", "my maps/a.yaml", "my maps/b.yaml"], "PATH..."),
    (["my maps/\x1b]0;a.yaml"], "'my maps/\\x1b]0;a.yaml'"),
], ids=["one", "two", "four", "control-character"])
def test_the_listing_hint_names_the_maps_as_given(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str], listed: str) -> None:
    """The command that lists the nodes names the maps as they were given, quoted for a
    shell; more than three (a shell's glob) are PATH...: a hint, not a screenful; a path
    with a control character is shown escaped (not to be run), as every value is."""
    write_map(tmp_path / "my maps", "a.yaml", _MAP_A)
    write_map(tmp_path / "my maps", "b.yaml", _MAP_B)
    write_map(tmp_path / "my maps", "\x1b]0;a.yaml", _MAP_A)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["query", "impact", "nothing-like-it", *paths])
    assert (2, f"argmap: error: no node 'nothing-like-it'; `argmap query list {listed}` lists "
            "the nodes\n") == (result.exit_code, result.stderr)


def _argmap(args: list[str], code: str | None = None, **kwargs: Any) -> subprocess.Popen[bytes]:
    """``argmap ARGS`` (or ``python -c CODE``) as a process of its own."""
    command = ["-c", code] if code is not None else ["-m", "argmap", *args]
    return subprocess.Popen([sys.executable, *command], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ,
                                                         "PYTHONPATH": str(ROOT / "src")},
                            **kwargs)


@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="needs Linux's /proc")
def test_ctrl_c_in_a_command_exits_130_quietly() -> None:
    """SIGINT while a command runs (here `check -`, waiting for its map on standard input)
    ends argmap with the shell's code for it, 130, and prints nothing: no traceback."""
    import signal
    import time

    with reaped(_argmap(["check", "-"], stdin=subprocess.PIPE)) as proc:
        give_up = time.monotonic() + 60  # (only catches a process that never reads)
        while "pipe" not in Path(f"/proc/{proc.pid}/wchan").read_text(encoding="utf-8"):
            assert time.monotonic() < give_up
            assert proc.poll() is None
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert (130, b"", b"") == (proc.returncode, out, err)


@pytest.mark.parametrize("where", ["start", "handler"])
def test_ctrl_c_outside_a_command_exits_130_quietly(where: str) -> None:
    """A KeyboardInterrupt before the command's own handler is there (while typer and the
    command's module are imported: a tenth of a second at start) or after it (in typer's
    handling of an error, in argmap's) ends argmap with 130 and no traceback either."""
    code = {
        "start": "import sys, argmap.cli as c\n"
                 "def stop(modules): raise KeyboardInterrupt\n"
                 "c._register = stop\nsys.argv = ['argmap', 'check']\nc.main()\n",
        "handler": "import sys, argmap.cli as c, argmap.cli._app as a\n"
                   "def stop(): raise KeyboardInterrupt\n"
                   "a.app = stop\nsys.argv = ['argmap', 'check']\na.main()\n",
    }[where]
    proc = _argmap([], code)
    out, err = proc.communicate(timeout=60)
    assert (130, b"", b"") == (proc.returncode, out, err)
