"""The docs are true to the code: generated parts in sync, examples that load."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.errors import LoadError
from argmap.load import loads
from argmap.source import parse

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
