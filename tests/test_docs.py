"""The docs are true to the code: generated parts in sync, examples that load."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.errors import LoadError
from argmap.load import loads
from argmap.source import parse

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
    for doc in sorted(DOCS.glob("*.md")):
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


def test_there_are_doc_maps() -> None:
    """The docs show complete maps (so the test above is not vacuous)."""
    assert len(_map_blocks()) >= 10


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
    in a folder holding the flagship map and what the doc's `mkdir -p` makes (PNG
    resolutions lowered to keep the test quick)."""
    shutil.copytree("arguments", tmp_path / "arguments")
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
