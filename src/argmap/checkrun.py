"""A check run of maps each under its own configuration: the nearest configuration file
above the map's file, as ruff and yamllint find one per file (see :mod:`argmap.config`).

``argmap check a/ b/`` with an ``argmap.toml`` in each folder checks the maps of ``a/``
with the first and those of ``b/`` with the second; a map with none above it gets the
defaults. ``--config FILE`` (``named=``) applies one file to every map, ``--no-config``
(``find=False``) none. A map on standard input uses the one found from the working
directory.

The rules run once per configuration in use (files that say the same count once; at
most :data:`MAX_CONFIGURATIONS`), each time over every map (references and cross-map
analyses see them all) but reporting only the maps of that configuration. The
folders of ``source-roots`` are the exception: the check of source texts is one for the
run, so the roots of every configuration in use apply to every map. Each root lies inside
its configuration's folder, above a map of the run, as the one configuration of a run's
first path did before (see docs/security.md).
"""

from __future__ import annotations

import dataclasses
import operator
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from argmap.checks import CheckResult, Settings, check
from argmap.config import Overrides, find_config, read_config, resolve
from argmap.errors import LoadError, Problem, Severity, UsageError
from argmap.inputs import STDIN
from argmap.loading.loader import LoadedMap, MapSet
from argmap.writer import map_files, texts_named

__all__ = ["MAX_CONFIGURATIONS", "Group", "Run", "configurations", "declared_inputs",
           "found_configs", "run"]

#: Different configurations the maps of one run may have. The rules run once for each,
#: over every map: a pull request of a thousand folders, each with its own argmap.toml,
#: would cost a million map checks.
MAX_CONFIGURATIONS = 20
#: Every rule off: the settings of a map another configuration's run reports.
_SILENT = Settings(select=())
_DEFAULTS = Settings()
#: The order of :attr:`CheckResult.findings`: location, rule, message.
_ORDER = operator.itemgetter(0, 1, 2)


@dataclass(frozen=True)
class Group:
    """The maps one configuration applies to."""

    config: Path | None
    """The configuration file (None: the defaults); the first of several that say the
    same."""
    settings: Settings | None
    maps: tuple[LoadedMap, ...]


@dataclass(frozen=True)
class Run:
    """The outcome of :func:`run`: the findings of every map, and what fails each map."""

    result: CheckResult
    """The findings and acknowledgements of every map, sorted. Whether they fail is
    :meth:`failed`'s to say: the result's own ``fail_on`` is one configuration's."""
    fail_on: dict[str, Severity | None]
    """The lowest failing severity of each map's configuration, by the map's path (None:
    any finding reported fails)."""
    default: Severity | None = None
    """The lowest failing severity of a map not in :attr:`fail_on`."""

    def failed(self, findings: Iterable[Problem]) -> bool:
        """Whether any of ``findings`` (the run's, perhaps less a baseline's) fails its map."""
        for p in findings:
            level = self.fail_on.get(p.location.path, self.default)
            if level is None or p.severity.rank >= level.rank:
                return True
        return False


def configurations(maps: MapSet, named: tuple[Path, Settings] | None = None, *,
                   find: bool = True) -> list[Group]:
    """The maps of ``maps`` (context maps left out) grouped by their configuration, groups
    in the order of their first map.

    ``named`` (a configuration file and its settings, ``--config``) applies to every map;
    otherwise each map's is the nearest above its file (:func:`argmap.config.find_config`;
    each folder looked up once, each file read once), unless ``find`` is false; maps
    whose files say the same are one group. Raises :class:`LoadError` with the problems
    of every configuration file read, :class:`UsageError` beyond
    :data:`MAX_CONFIGURATIONS` groups.
    """
    shown = [m for m in maps if not m.context]
    if named is not None:
        return [Group(*named, tuple(shown))]
    if not find:
        return [Group(None, None, tuple(shown))]
    members: dict[Path | None, list[LoadedMap]] = {}
    for m, path in found_configs(shown):
        members.setdefault(path, []).append(m)
    groups: list[Group] = []
    problems: list[Problem] = []
    for path, group in members.items():
        try:
            settings = read_config(path) if path is not None else None
        except LoadError as exc:
            problems += exc.problems
            continue
        # Files that say the same share a run of the rules (a project of many folders
        # with copies of one argmap.toml, or one with an empty one, costs one run).
        same = next((i for i, g in enumerate(groups)
                     if (g.settings or _DEFAULTS) == (settings or _DEFAULTS)), None)
        if same is None:
            groups.append(Group(path, settings, tuple(group)))
        else:
            groups[same] = dataclasses.replace(groups[same],
                                               maps=(*groups[same].maps, *group))
    if problems:
        raise LoadError(problems)
    if len(groups) > MAX_CONFIGURATIONS:
        raise UsageError(
            f"the maps given have {len(groups)} different configurations; one run checks "
            f"maps of at most {MAX_CONFIGURATIONS} (the rules run once for each): check "
            "fewer folders at a time, or name one configuration with --config")
    return groups


def found_configs(maps: Iterable[LoadedMap]) -> list[tuple[LoadedMap, Path | None]]:
    """Each map (context maps left out) with the configuration file nearest above its file
    (:func:`argmap.config.find_config`; from the working directory for standard input),
    or None; each folder looked up once."""
    by_folder: dict[str, Path | None] = {}
    walked: dict[Path, Path | None] = {}
    out = []
    for m in maps:
        if m.context:
            continue
        folder = os.getcwd() if m.document.path == STDIN else os.path.dirname(
            os.path.abspath(m.path))
        key = os.path.realpath(folder)
        if key not in by_folder:
            by_folder[key] = _shown(find_config(Path(folder), walked))
        out.append((m, by_folder[key]))
    return out


def declared_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """The files a check of ``paths`` reads, found without loading the maps, for a run
    some of whose maps failed to load: each map of ``paths`` (a folder's ``*.yaml`` and
    ``*.yml``) and the maps beside it (its context), each source text those name (as far
    as their YAML parses), and the configuration found above each folder.

    An output written over one of them would destroy a file the user keeps (the only copy
    of an article, often): the report of a failed load is refused there as that of a run.
    """
    folders: dict[str, Path] = {}
    for given in paths:
        path = Path(given)
        if str(given) == STDIN:
            continue
        folder = path if path.is_dir() else path.parent
        folders.setdefault(os.path.realpath(folder), folder)
    out: list[Path] = []
    walked: dict[Path, Path | None] = {}
    for folder in folders.values():
        for file in map_files(folder):
            out.append(file)
            out += texts_named(file)
        config = find_config(folder, walked)
        if config is not None:
            out.append(config)
    return out


def _shown(path: Path | None) -> Path | None:
    """``path`` relative to the working directory when it lies inside it: locations of a
    configuration's mistakes are written as those of the maps."""
    if path is None:
        return None
    cwd = Path(os.path.realpath(os.getcwd()))
    return path.relative_to(cwd) if path.is_relative_to(cwd) else path


def run(maps: MapSet, groups: list[Group], cli: Overrides, *,
        source_only: bool = False) -> Run:
    """Check ``maps``, each map under its group's configuration merged with its ``check:``
    block and the command line ``cli`` (see :func:`argmap.config.resolve`).

    Raises :class:`LoadError` for unknown rules in maps' ``check:`` blocks (of every map)
    and for source texts the maps may not name.
    """
    if len(groups) <= 1:
        settings = groups[0].settings if groups else None
        base, per_map = resolve(maps, settings, cli)
        result = check(maps, base, per_map, source_only=source_only)
        return Run(result, {}, base.fail_on)
    roots = tuple(dict.fromkeys(r for g in groups if g.settings is not None
                                for r in g.settings.source_roots))
    planned = []
    problems: list[Problem] = []
    for g in groups:
        own = dataclasses.replace(g.settings or _DEFAULTS, source_roots=roots)
        try:
            planned.append((g, *resolve(MapSet(g.maps), own, cli)))
        except LoadError as exc:
            problems += exc.problems
    if problems:
        raise LoadError(problems)
    findings: list[Problem] = []
    acknowledged: list[tuple[Problem, str]] = []
    fail_on: dict[str, Severity | None] = {}
    results = []
    for g, base, per_map in planned:
        paths = {m.document.path for m in g.maps}
        # The other groups' maps are checked (a cross-map finding needs them) but silent.
        silent = {m.name: _SILENT for m in maps if m.document.path not in paths}
        result = check(maps, base, {**per_map, **silent}, source_only=source_only)
        results.append(result)
        findings += (p for p in result.findings if p.location.path in paths)
        acknowledged += (a for a in result.acknowledged if a[0].location.path in paths)
        fail_on.update(dict.fromkeys(paths, base.fail_on))
    findings.sort(key=_ORDER)
    acknowledged.sort(key=lambda a: _ORDER(a[0]))
    return Run(dataclasses.replace(results[0], findings=tuple(findings),
                                   acknowledged=tuple(acknowledged),
                                   threshold=min((base.severity for _, base, _ in planned),
                                                 key=lambda s: s.rank)), fail_on)
