"""argmap: structured argument maps in YAML — validate, check, query, render."""

__version__ = "0.1.0"

from typing import TYPE_CHECKING

from argmap.checks import CheckResult, Settings, check
from argmap.errors import ArgmapError, LoadError, Location, Problem, Severity
from argmap.graph import ArgumentGraph, build, build_graph
from argmap.loading.loader import LoadedMap, MapSet, load, load_set, loads
from argmap.records import MapRecord, NodeKind, NodeRecord, RelationKind

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

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


def __getattr__(name: str) -> object:
    # The pydantic models are imported on first use: importing pydantic takes longer
    # than checking a small map (see argmap.records).
    if name == "ArgumentMap":
        from argmap.model import ArgumentMap  # noqa: PLC0415

        return ArgumentMap
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")
