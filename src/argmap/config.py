"""Settings of ``argmap check``: ``[tool.argmap]`` in pyproject.toml, a map's ``check:``
block, and command-line options, merged in that order.

* ``select`` replaces the one before it (the command line's wins);
* ``ignore`` adds up;
* ``severity`` replaces the one before it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.checks import RULES, Settings
from argmap.errors import LoadError, Location, Problem, Severity, UsageError
from argmap.load import MapSet

__all__ = ["Overrides", "find_pyproject", "read_pyproject", "resolve"]


@dataclass(frozen=True)
class Overrides:
    """Settings given on the command line (``None``: not given)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Severity | None = None


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.argmap]`` table, from ``start`` upwards."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        path = candidate / "pyproject.toml"
        if path.is_file():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if isinstance(data.get("tool"), dict) and "argmap" in data["tool"]:
                return path
    return None


def read_pyproject(path: Path) -> Settings:
    """The ``[tool.argmap]`` settings of a pyproject.toml file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise LoadError([Problem(Location(str(path), getattr(exc, "lineno", 1) or 1,
                                          getattr(exc, "colno", 1) or 1),
                                 "config", f"invalid TOML: {exc}")]) from None
    table: Any = data.get("tool", {}).get("argmap", {})
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [tool.argmap] must be a table")
    unknown = sorted(set(table) - {"select", "ignore", "severity"})
    if unknown:
        raise UsageError(f"{path}: unknown setting(s) in [tool.argmap]: {', '.join(unknown)} "
                         "(known: select, ignore, severity)")
    select = table.get("select")
    ignore = table.get("ignore", [])
    for name, value in (("select", select), ("ignore", ignore)):
        if value is not None and not (
            isinstance(value, list) and all(isinstance(x, str) for x in value)
        ):
            raise UsageError(f"{path}: [tool.argmap] {name} must be a list of rule ids")
    severity = table.get("severity", Severity.INFO.value)
    try:
        level = Severity(severity)
    except ValueError:
        raise UsageError(f"{path}: [tool.argmap] severity must be info, warning or error") \
            from None
    settings = Settings(tuple(select) if select is not None else None, tuple(ignore), level)
    settings.validate()
    return settings


def _merge(base: Settings, select: Sequence[str] | None, ignore: Sequence[str],
           severity: Severity | None) -> Settings:
    return Settings(
        tuple(select) if select is not None else base.select,
        (*base.ignore, *(i for i in ignore if i not in base.ignore)),
        severity if severity is not None else base.severity,
    )


def resolve(maps: MapSet, pyproject: Settings | None,
            cli: Overrides) -> tuple[Settings, dict[str, Settings]]:
    """The run's settings and each map's own, from the three layers."""
    base = pyproject or Settings()
    overall = _merge(base, cli.select, cli.ignore, cli.severity)
    per_map: dict[str, Settings] = {}
    problems: list[Problem] = []
    for m in maps:
        cfg = m.map.check
        if cfg is None or m.context:
            continue
        for key in ("select", "ignore"):
            for i, rid in enumerate(getattr(cfg, key) or ()):
                if rid not in RULES:
                    problems.append(Problem(m.where(("check", key, i)), "unknown-rule",
                                            f"unknown rule {rid!r} in check.{key}",
                                            hint=f"known rules: {', '.join(RULES)}"))
        own = _merge(base, cfg.select, cfg.ignore, cfg.severity)
        per_map[m.name] = _merge(own, cli.select, cli.ignore, cli.severity)
    if problems:
        raise LoadError(problems)
    return overall, per_map
