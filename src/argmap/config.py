"""Settings of ``argmap check``: ``[tool.argmap]`` in pyproject.toml, a map's ``check:``
block, and command-line options, merged in that order.

* ``select`` replaces the one before it (the command line's wins);
* ``ignore`` adds up;
* ``severity`` replaces the one before it;
* ``source-roots`` (pyproject.toml only: a map cannot widen what it may read) adds
  folders source texts may lie in.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap import safeio, source
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


#: Largest pyproject.toml read: a real one is a few KiB.
MAX_CONFIG_BYTES = safeio.MIB
#: The settings ``[tool.argmap]`` may hold.
KNOWN = ("select", "ignore", "severity", "source-roots")


def _parse(path: Path) -> dict[str, Any]:
    """The TOML of ``path``, read safely (see :mod:`argmap.safeio`).

    Raises :class:`LoadError` for a file argmap will not read or a TOML error
    (nesting tomllib cannot follow included) or text that is not UTF-8, and
    :class:`OSError` as reading does.
    """
    try:
        # Decoded as maps are: text that is not UTF-8 is a located error in argmap's words.
        text = source.decode(safeio.read_bytes(path, limit=MAX_CONFIG_BYTES,
                                               noun="pyproject.toml files"), str(path))
    except safeio.FileRefused as exc:
        raise LoadError([Problem(Location(str(path)), "config", exc.message,
                                 hint="name a pyproject.toml file")]) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LoadError([Problem(Location(str(path), getattr(exc, "lineno", 1) or 1,
                                          getattr(exc, "colno", 1) or 1),
                                 "config", f"invalid TOML: {exc}")]) from None
    except RecursionError:
        # tomllib parses nested arrays and tables recursively: `a = [[[[...]]]]` 5,000
        # deep exhausts the stack. No position is known; the file is named.
        raise LoadError([Problem(Location(str(path)), "config",
                                 "TOML nested too deeply to read",
                                 hint="a pyproject.toml needs only a few levels of nesting")]) \
            from None


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.argmap]`` table, from ``start`` upwards.

    A pyproject.toml that cannot be read or parsed is passed over, as if absent: it
    may belong to another tool, and ``--config`` names a file to be told about.
    """
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        path = candidate / "pyproject.toml"
        if path.is_file():
            try:
                data = _parse(path)
            except (OSError, UnicodeDecodeError, LoadError):
                continue
            if isinstance(data.get("tool"), dict) and "argmap" in data["tool"]:
                return path
    return None


def read_pyproject(path: Path) -> Settings:
    """The ``[tool.argmap]`` settings of a pyproject.toml file."""
    try:
        data = _parse(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from None
    table: Any = data.get("tool", {}).get("argmap", {})
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [tool.argmap] must be a table")
    unknown = sorted(set(table) - set(KNOWN))
    if unknown:
        raise UsageError(f"{path}: unknown setting(s) in [tool.argmap]: {', '.join(unknown)} "
                         f"(known: {', '.join(KNOWN)})")
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
    settings = Settings(tuple(select) if select is not None else None, tuple(ignore), level,
                        _source_roots(path, table.get("source-roots", [])))
    settings.validate()
    return settings


def _source_roots(path: Path, value: Any) -> tuple[Path, ...]:
    """The folders of ``source-roots``, resolved, each inside the pyproject's own folder.

    In CI the pyproject.toml comes from the same pull request as the maps: a root
    outside its folder (``/``, ``../..``, a link out) would let that request point
    argmap at any file of the machine. So a root only names a folder of the tree
    the configuration itself lives in, links resolved.
    """
    if not (isinstance(value, list) and all(isinstance(x, str) for x in value)):
        raise UsageError(f"{path}: [tool.argmap] source-roots must be a list of folders "
                         "(relative to the pyproject.toml)")
    base = Path(os.path.realpath(path.parent))
    roots = []
    for entry in value:
        root = Path(os.path.realpath(base / entry))
        where = _key_location(path, "source-roots")
        if not (root == base or root.is_relative_to(base)):
            raise LoadError([Problem(where, "config",
                                     f"source-roots: {entry!r} is outside {base}",
                                     hint="a source root must be a folder inside the "
                                     "pyproject.toml's folder (links resolved)")])
        if not root.is_dir():
            raise LoadError([Problem(where, "config", f"source-roots: {entry!r} is not a folder",
                                     hint="paths are relative to the pyproject.toml")])
        roots.append(root)
    return tuple(roots)


def _key_location(path: Path, key: str) -> Location:
    """Where ``key = ...`` is written in ``path`` (1:1 if not found): tomllib keeps no
    positions, and the key is on a line of its own in any pyproject.toml people write."""
    try:
        lines = safeio.read_bytes(path, limit=MAX_CONFIG_BYTES).decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError, safeio.FileRefused):
        return Location(str(path))
    for number, line in enumerate(lines, 1):
        stripped = line.lstrip()
        if stripped.startswith((key, f'"{key}"')):
            return Location(str(path), number, len(line) - len(stripped) + 1)
    return Location(str(path))


def _merge(base: Settings, select: Sequence[str] | None, ignore: Sequence[str],
           severity: Severity | None) -> Settings:
    return Settings(
        tuple(select) if select is not None else base.select,
        (*base.ignore, *(i for i in ignore if i not in base.ignore)),
        severity if severity is not None else base.severity,
        base.source_roots,
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
