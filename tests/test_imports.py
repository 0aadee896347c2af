"""The import structure of src/argmap: no module imports in a circle, and the package's
start-up (`argmap --help`, `import argmap`) imports only what it uses."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.algorithms import strongly_connected

from .helpers import ROOT

SRC = ROOT / "src"


def _modules(src: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module under ``src``."""
    out: dict[str, Path] = {}
    for path in sorted(src.rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def import_edges(src: Path) -> dict[str, list[str]]:
    """Module -> the modules of ``src`` it imports, wherever the import statement stands.

    Imports inside functions and under ``if TYPE_CHECKING:`` count: a circle that only
    runs later, or only for mypy, is still a circle a reader has to keep in mind.
    ``from pkg import name`` is an edge to ``pkg.name`` when that is a module, else to
    ``pkg``. Edges to the root package ``argmap`` are left out: it only re-exports, and
    imports nothing when imported (see test_the_package_imports_nothing_up_front).
    """
    modules = _modules(src)
    edges: dict[str, list[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    targets.add(full if full in modules else base)
        edges[name] = sorted(t for t in targets if t in modules and t not in (name, "argmap"))
    return edges


def cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """The groups of modules that import each other (directly or through others)."""
    return sorted(sorted(c) for c in strongly_connected(edges) if len(c) > 1)


def test_no_import_cycle_in_src() -> None:
    """No module of src/argmap imports, directly or through others, a module that imports it."""
    assert [] == cycles(import_edges(SRC))


def test_cycle_finder_finds_a_function_level_cycle(tmp_path: Path) -> None:
    """The test above can fail: a circle closed by an import inside a function, through a
    relative import and a `from package import module`, is found."""
    pkg = tmp_path / "argmap"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from argmap.a import f\n")
    (pkg / "a.py").write_text("from argmap.sub import b\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "b.py").write_text("def g():\n    from ..c import h\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                              "    from argmap import a\n")
    assert [["argmap.a", "argmap.c", "argmap.sub.b"]] == cycles(import_edges(tmp_path))


def test_graph_does_not_import_the_loader() -> None:
    """The graph is the loader's last stage, below it: it reads loaded maps, and no module
    of the graph package imports the module that loads them."""
    edges = import_edges(SRC)
    graph = [m for m in edges if m == "argmap.graph" or m.startswith("argmap.graph.")]
    assert len(graph) > 1  # the package and its modules
    assert [] == [m for m in graph if "argmap.loading.loader" in edges[m]]


#: The loading stages' modules in the order docs/architecture.md lists them (its layers
#: 1 to 5): each may import only modules listed before it.
LAYERS = ["argmap.terminal", "argmap.errors", "argmap.safeio", "argmap.records", "argmap.schemes",
          "argmap.algorithms", "argmap.loading.located", "argmap.loading._fastscalar",
          "argmap.loading._fastregion", "argmap.loading._fastyaml", "argmap.loading._compose",
          "argmap.loading.source", "argmap.model", "argmap.loading._fastvalid",
          "argmap.loading.loaded", "argmap.loading.references", "argmap.loading._hints",
          "argmap.loading._modelcheck",
          "argmap.graph._types", "argmap.graph._walk", "argmap.graph._networkx",
          "argmap.graph", "argmap.loading.loader"]


def test_loading_imports_go_one_way() -> None:
    """Each module of the loading stages imports only modules listed before it in
    docs/architecture.md: text -> located data -> records -> graph -> loader."""
    edges = import_edges(SRC)
    backwards = {(m, t) for i, m in enumerate(LAYERS) for t in edges[m]
                 if t not in LAYERS[:i]}
    assert set() == backwards


def test_the_layers_name_every_loading_module() -> None:
    """The list above names every module of argmap.loading and of argmap.graph (a new one
    takes its place in the list, and in docs/architecture.md)."""
    loading = {m for m in import_edges(SRC) if m.startswith(("argmap.loading.", "argmap.graph."))}
    assert set() == loading - set(LAYERS)


def _imported_by(code: str) -> set[str]:
    """The argmap modules a fresh interpreter has imported after running ``code``."""
    env = {**os.environ, "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\n"
         "print('\\n'.join(m for m in sys.modules if m.startswith('argmap')))"],
        capture_output=True, text=True, check=True, timeout=60, cwd=ROOT, env=env)
    return set(done.stdout.split())


def test_the_package_imports_nothing_up_front() -> None:
    """`import argmap` imports no other module of argmap: every public name is imported
    on first use (start-up time of every command is a measured target)."""
    assert {"argmap"} == _imported_by("import argmap")


def test_help_imports_neither_the_loader_nor_pydantic() -> None:
    """`argmap --help` reads no map, so it imports neither the loader nor the models."""
    loaded = _imported_by("import contextlib, io\nfrom argmap.cli import app\n"
                          "with contextlib.suppress(SystemExit), "
                          "contextlib.redirect_stdout(io.StringIO()):\n"
                          "    app(['--help'])\n"
                          "import sys\nassert 'pydantic' not in sys.modules")
    assert set() == {m for m in loaded if m.startswith(("argmap.loading", "argmap.model"))}


@pytest.mark.parametrize("name", __import__("argmap").__all__)
def test_every_public_name_is_importable(name: str) -> None:
    """Each name of `argmap.__all__` is there, from the module that defines it."""
    import argmap

    value = getattr(argmap, name)
    assert value is not None
    assert name in dir(argmap)


def test_unknown_name_is_an_attribute_error() -> None:
    """A name argmap does not export is an AttributeError (so hasattr and getattr work)."""
    import argmap

    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = argmap.nothing_here  # type: ignore[attr-defined]


def test_every_name_imported_from_argmap_exists() -> None:
    """`from argmap import X` anywhere in src/, tests/, benchmarks/ and scripts/ names a public
    name of the package or one of its modules. mypy cannot tell: the package's lazy
    ``__getattr__`` makes any attribute look valid to it."""
    import argmap

    modules = {name.split(".")[1] for name in _modules(SRC) if name.count(".") >= 1}
    wrong = []
    for folder in ("src", "tests", "benchmarks", "scripts"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module == "argmap" \
                        and not node.level:
                    wrong += [f"{path.relative_to(ROOT)}:{node.lineno}: {a.name}"
                              for a in node.names
                              if a.name not in argmap.__all__ and a.name not in modules]
    assert [] == wrong
