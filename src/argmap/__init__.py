"""argmap: structured argument maps in YAML — validate, check, query, render."""

__version__ = "0.1.0"

from argmap.checks import CheckResult, Settings, check
from argmap.errors import ArgmapError, LoadError, Location, Problem, Severity
from argmap.graph import ArgumentGraph, build, build_graph
from argmap.load import LoadedMap, MapSet, load, load_set, loads
from argmap.model import ArgumentMap

__all__ = [
    "ArgmapError",
    "ArgumentGraph",
    "ArgumentMap",
    "CheckResult",
    "LoadError",
    "LoadedMap",
    "Location",
    "MapSet",
    "Problem",
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
