"""argmap: structured argument maps in YAML — validate, check, query, render."""

from __future__ import annotations

__version__ = "0.1.0"

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.checks import CheckResult, Settings, check
    from argmap.errors import ArgmapError, LoadError, Location, Problem, Severity
    from argmap.graph import ArgumentGraph, build, build_graph
    from argmap.loading.loaded import LoadedMap
    from argmap.loading.loader import MapSet, load, load_set, loads
    from argmap.model import ArgumentMap
    from argmap.records import MapRecord, NodeKind, NodeRecord, RelationKind

__all__ = [
    "ArgmapError",
    "ArgumentGraph",
    "ArgumentMap",
    "CheckResult",
    "LoadError",
    "LoadedMap",
    "Location",
    "MapRecord",
    "MapSet",
    "NodeKind",
    "NodeRecord",
    "Problem",
    "RelationKind",
    "Settings",
    "Severity",
    "__version__",
    "build",
    "build_graph",
    "check",
    "load",
    "load_set",
    "loads",
]

# Each public name and the module that defines it. The names are imported on first
# use, not here: `argmap --help` and every command import this package first, and
# importing the checks, the loader and the graph up front cost it about 25 ms (the
# pydantic models, wanted only to explain an invalid map, cost 120 ms more).
_HOME = {
    "CheckResult": "argmap.checks", "Settings": "argmap.checks", "check": "argmap.checks",
    "ArgmapError": "argmap.errors", "LoadError": "argmap.errors",
    "Location": "argmap.errors", "Problem": "argmap.errors", "Severity": "argmap.errors",
    "ArgumentGraph": "argmap.graph", "build": "argmap.graph", "build_graph": "argmap.graph",
    "LoadedMap": "argmap.loading.loaded", "MapSet": "argmap.loading.loader",
    "load": "argmap.loading.loader", "load_set": "argmap.loading.loader",
    "loads": "argmap.loading.loader",
    "ArgumentMap": "argmap.model",
    "MapRecord": "argmap.records", "NodeKind": "argmap.records",
    "NodeRecord": "argmap.records", "RelationKind": "argmap.records",
}


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # (looked up here once; later uses do not call this again)
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
