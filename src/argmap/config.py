"""Settings of ``argmap check``: a configuration file, a map's ``check:`` block, and
command-line options, merged in that order.

A map's configuration file is, as for ruff, the nearest of these found from the map's
folder upwards (in one folder, the first of them that exists wins; see
:mod:`argmap.checkrun` for a run of maps under several):

* ``argmap.toml`` or ``.argmap.toml``: the settings at the top level;
* ``pyproject.toml`` with a ``[tool.argmap]`` table: the settings in that table.

``--config FILE`` names one instead (a ``pyproject.toml`` is read for ``[tool.argmap]``,
any other file for its top level). The settings:

* ``select`` replaces the one before it (the command line's wins);
* ``extend-select`` (rules run besides the selected or default ones, e.g. an opt-in
  rule) and ``ignore`` add up; ``ignore`` wins over both selections;
* ``severity`` (lowest reported) and ``fail-on`` (lowest failing) replace the one before;
* ``rule-severity`` (a table, rule id -> severity) changes the severity of rules' findings;
* ``per-file-ignores`` (a table, glob -> rule ids) skips rules for some map files; a glob
  with a ``/`` is matched against the map's path relative to the configuration file's
  folder (``*`` also matches ``/``), one without against the map's file name;
* ``source-roots`` adds folders source texts may lie in (configuration files only: a map
  cannot widen what it may read).
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap import safeio
from argmap.checks import RULES, PathIgnore, Settings, unknown_rule
from argmap.errors import LoadError, Location, Problem, Severity, shown
from argmap.inputs import STDIN
from argmap.loading import source
from argmap.loading.loader import LoadedMap, MapSet

__all__ = ["CONFIG_FILES", "KNOWN", "MAX_PER_FILE_IGNORES", "MAX_SOURCE_ROOTS", "Overrides",
           "find_config", "read_config", "resolve"]


@dataclass(frozen=True)
class Overrides:
    """Settings given on the command line (``None``: not given)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Severity | None = None
    fail_on: Severity | None = None
    extend_select: tuple[str, ...] = ()


#: Largest configuration file read: a real one is a few KiB.
MAX_CONFIG_BYTES = safeio.MIB
#: Most folders ``source-roots`` may list, and most globs of ``per-file-ignores``. Every
#: source text is tested against every root, every map against every glob: a 400 KB
#: configuration listing "." 100,000 times held a check of 2,000 sources for over five
#: minutes, and 25,000 globs took 9 s for 50 maps. A real project lists a few.
MAX_SOURCE_ROOTS = 100
MAX_PER_FILE_IGNORES = 1000
#: The settings a configuration may hold.
KNOWN = ("select", "extend-select", "ignore", "severity", "fail-on", "rule-severity",
         "per-file-ignores", "source-roots")
#: The names of configuration files, in the order they win within one folder (ruff's).
CONFIG_FILES = ("argmap.toml", ".argmap.toml", "pyproject.toml")
_SEVERITIES = ", ".join(s.value for s in Severity)
_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def _parse(path: Path) -> tuple[str, dict[str, Any]]:
    """The text and the TOML of ``path``, read safely (see :mod:`argmap.safeio`).

    Raises :class:`LoadError` for a file argmap will not read or a TOML error
    (nesting tomllib cannot follow included) or text that is not UTF-8, and
    :class:`OSError` as reading does.
    """
    # Only when a configuration file is read: tomllib and its regexes cost 1.5 ms, which
    # a check of maps with no configuration above them need not pay.
    import tomllib  # noqa: PLC0415

    try:
        # Decoded as maps are: text that is not UTF-8 is a located error in argmap's words.
        # Within the tree, as a map: an `argmap.toml` of a pull request that is a link to a
        # TOML file elsewhere printed its values in the errors ("found 'VALUE'").
        text = source.decode(safeio.read_bytes(path, limit=MAX_CONFIG_BYTES,
                                               roots=safeio.tree_roots(path),
                                               noun="configuration files"), str(path))
    except safeio.FileRefused as exc:
        hint = ("a configuration file must be, links resolved, inside its own folder or the "
                "working directory" if exc.reason == "outside-tree"
                else "name an argmap.toml or pyproject.toml file")
        raise LoadError([Problem(Location(str(path)), "config", exc.message,
                                 hint=hint)]) from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.14 gives the position as attributes; before, only in the message.
        at = _AT.search(str(exc))
        # "(at end of document)" (a list or string left open) has no line: the end it is.
        lines = text.splitlines() or [""]
        end = (len(lines), len(lines[-1]) + 1) if "at end of document" in str(exc) else (1, 1)
        line = getattr(exc, "lineno", None) or (int(at.group(1)) if at else end[0])
        col = getattr(exc, "colno", None) or (int(at.group(2)) if at else end[1])
        raise LoadError([Problem(Location(str(path), line, col), "config",
                                 f"invalid TOML: {exc}")]) from None
    except RecursionError:
        # tomllib parses nested arrays and tables recursively: `a = [[[[...]]]]` 5,000
        # deep exhausts the stack. No position is known; the file is named.
        raise LoadError([Problem(Location(str(path)), "config",
                                 "TOML nested too deeply to read",
                                 hint="a configuration needs only a few levels of nesting")]) \
            from None


def _has_argmap_table(path: Path) -> bool:
    """Whether ``path`` is a pyproject.toml with a ``[tool.argmap]`` table.

    One that cannot be read or parsed is passed over, as if absent: it may belong
    to another tool, and ``--config`` names a file to be told about.
    """
    try:
        _, data = _parse(path)
    except (OSError, LoadError):
        return False
    return isinstance(data.get("tool"), dict) and "argmap" in data["tool"]


def find_config(start: Path, cache: dict[Path, Path | None] | None = None) -> Path | None:
    """The configuration file for ``start``: the nearest ``argmap.toml``, ``.argmap.toml``
    or ``pyproject.toml`` with a ``[tool.argmap]`` table, from ``start`` upwards.

    In one folder ``argmap.toml`` wins over ``.argmap.toml``, which wins over
    ``pyproject.toml``. An ``argmap.toml`` is argmap's own: it is used whatever it
    holds (its errors are reported when it is read).

    ``cache`` (one for a run) holds the answer for every folder walked through, so that
    the maps of many folders, one inside the other, look at each folder and parse each
    pyproject.toml once: 150 nested folders, each with a map and a pyproject.toml of
    another tool's, parsed 11,000 of them and took 35 s (600: over 10 minutes).
    """
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    walked: list[Path] = []
    found: Path | None = None
    for candidate in (folder, *folder.parents):
        if cache is not None and candidate in cache:
            found = cache[candidate]
            break
        walked.append(candidate)
        found = next((path for name in CONFIG_FILES
                      if (path := candidate / name).is_file()
                      and (name != "pyproject.toml" or _has_argmap_table(path))), None)
        if found is not None:
            break
    if cache is not None:
        cache.update(dict.fromkeys(walked, found))
    return found


class _Reader:
    """The settings of one configuration file, and the problems in them (at most
    :data:`argmap.loading.source.MAX_PROBLEMS`: a file of a stranger's pull request may hold a
    list of 100,000 unknown rule ids)."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.keys, self.headers = _positions(text.splitlines())
        self.problems: list[Problem] = []
        #: The table the settings are in: ``tool.argmap`` in a pyproject.toml.
        self.prefix: tuple[str, ...] = ("tool", "argmap") if path.name == "pyproject.toml" \
            else ()
        self.name = "[tool.argmap]" if self.prefix else path.name

    @property
    def full(self) -> bool:
        """Whether no more problems are recorded."""
        return len(self.problems) > source.MAX_PROBLEMS

    def where(self, *keys: str) -> Location:
        """Where the setting at ``keys`` (below the prefix) is written: ``key = ...`` under
        the header of its table (``[tool.argmap.rule-severity]``), else the nearest written
        form above it (``rule-severity.key = ...`` or ``rule-severity = {...}`` under
        ``[tool.argmap]``), else the header of the settings' table, else the file."""
        path = (*self.prefix, *keys)
        for cut in range(len(path) - 1, len(self.prefix) - 1, -1):
            found = self.keys.get((path[:cut], path[cut]))
            if found is not None:
                return Location(str(self.path), *found)
        line = self.headers.get(self.prefix) if self.prefix else None
        return Location(str(self.path), line or 1, 1)

    def problem(self, keys: tuple[str, ...], message: str, hint: str | None = None) -> None:
        """Record a problem of the setting at ``keys``."""
        if not self.full:
            self.problems.append(Problem(self.where(*keys), "config", message, hint=hint))

    def rules(self, keys: tuple[str, ...], value: Any) -> tuple[str, ...] | None:
        """A list of known rule ids, or None after recording why not."""
        name = ".".join(keys)
        if not (isinstance(value, list) and all(isinstance(x, str) for x in value)):
            self.problem(keys, f"{name} must be a list of rule ids",
                         hint='for example ["orphan-node"]; `argmap rules` lists them')
            return None
        for rid in value:
            if rid not in RULES and not self.full:
                self.problem(keys, f"unknown rule {shown(rid)} in {name}", hint=unknown_rule(rid))
        # Each once: the list is copied into every map's settings and searched for each
        # rule (`ignore` holding one rule 30,000 times took 170 MB for 300 maps).
        return tuple(dict.fromkeys(value))

    def severity(self, keys: tuple[str, ...], value: Any) -> Severity | None:
        """A severity, or None after recording why not."""
        try:
            return Severity(value)
        except (ValueError, TypeError):
            import difflib  # noqa: PLC0415 - only for a configuration with a mistake

            close = difflib.get_close_matches(value, [s.value for s in Severity], n=1) \
                if isinstance(value, str) else []
            self.problem(keys, f"{'.'.join(keys)} must be one of {_SEVERITIES}; "
                         f"found {shown(value)}"[:200],
                         hint=f"did you mean {shown(close[0])}?" if close else None)
            return None

    def table(self, key: str, value: Any) -> dict[str, Any]:
        """A table setting, or an empty one after recording why not."""
        if isinstance(value, dict):
            return value
        self.problem((key,), f"{key} must be a table",
                     hint=f"write it as [{'.'.join((*self.prefix, key))}] with one entry "
                     "a line")
        return {}


def read_config(path: Path) -> Settings:
    """The settings of a configuration file: ``[tool.argmap]`` of a ``pyproject.toml``,
    the top level of any other file (``argmap.toml``, ``.argmap.toml``, ...).

    Raises :class:`LoadError` with every located problem of the file.
    """
    try:
        text, data = _parse(path)
    except OSError as exc:
        raise LoadError([Problem(Location(str(path)), "config",
                                 f"cannot read file: {exc.strerror or exc}")]) from None
    r = _Reader(path, text)
    tool = data.get("tool", {})
    table: Any = (tool.get("argmap", {}) if isinstance(tool, dict) else None) if r.prefix \
        else data
    if not isinstance(table, dict):
        raise LoadError([Problem(r.where(), "config", "[tool.argmap] must be a table",
                                 hint="write the settings under a line [tool.argmap]")])
    for key in table:
        if key not in KNOWN and not r.full:
            hint = _unknown_setting(key, bool(r.prefix))
            r.problem((key,), f"unknown setting {shown(key)} in {r.name}", hint=hint)
    select = r.rules(("select",), table["select"]) if "select" in table else None
    if select == ():
        # As `--select ""` on the command line: a CI job that checks nothing and passes.
        r.problem(("select",), "select names no rule: no check would run",
                  hint='list rule ids (`argmap rules` lists them), or leave select out to '
                       'run the default rules; to run only opt-in rules, use extend-select')
        select = None
    ignore = r.rules(("ignore",), table.get("ignore", [])) or ()
    extend = r.rules(("extend-select",), table.get("extend-select", [])) or ()
    severity = r.severity(("severity",), table.get("severity", Severity.INFO.value))
    fail_on = r.severity(("fail-on",), table["fail-on"]) if "fail-on" in table else None
    rule_severity: dict[str, Severity] = {}
    for rid, value in r.table("rule-severity", table.get("rule-severity", {})).items():
        if rid not in RULES and not r.full:
            r.problem(("rule-severity", rid), f"unknown rule {shown(rid)} in rule-severity",
                      hint=unknown_rule(rid))
        level = r.severity(("rule-severity", rid), value)
        if level is not None:
            rule_severity[rid] = level
    root = Path(os.path.realpath(path.parent))
    ignores = []
    globs = r.table("per-file-ignores", table.get("per-file-ignores", {}))
    if len(globs) > MAX_PER_FILE_IGNORES:
        r.problem(("per-file-ignores",), f"per-file-ignores has {len(globs):,} globs; argmap "
                  f"reads at most {MAX_PER_FILE_IGNORES:,}",
                  hint="one glob can match many files: `*` matches any part of a name")
        globs = {}
    for pattern, rules in globs.items():
        ids = r.rules(("per-file-ignores", pattern), rules)
        if ids is not None:
            ignores.append(PathIgnore(root, pattern, ids))
    roots = _source_roots(r, table.get("source-roots", []))
    if r.problems:
        raise LoadError(source.capped(r.problems))
    return Settings(select, ignore, severity or Severity.INFO, roots, fail_on, rule_severity,
                    tuple(ignores), tuple(extend))


def _unknown_setting(key: str, in_pyproject: bool) -> str:
    """The hint for an unknown setting: the known one it is closest to, or them all."""
    import difflib  # noqa: PLC0415 - only for a configuration with a mistake

    if key == "tool" and not in_pyproject:
        return ("this file holds the settings of [tool.argmap] at its top level: remove the "
                "[tool.argmap] line")
    if key == "argmap" and not in_pyproject:
        return ("this file holds the settings at its top level: remove the [argmap] line "
                "(in pyproject.toml they go under [tool.argmap])")
    close = difflib.get_close_matches(key, KNOWN, n=1)
    return f"did you mean {shown(close[0])}?" if close else f"known settings: {', '.join(KNOWN)}"


def _source_roots(r: _Reader, value: Any) -> tuple[Path, ...]:
    """The folders of ``source-roots``, resolved, each inside the configuration's folder.

    In CI the configuration comes from the same pull request as the maps: a root
    outside its folder (``/``, ``../..``, a link out) would let that request point
    argmap at any file of the machine. So a root only names a folder of the tree
    the configuration itself lives in, links resolved.
    """
    if not (isinstance(value, list) and all(isinstance(x, str) for x in value)):
        r.problem(("source-roots",), "source-roots must be a list of folders",
                  hint=f"paths are relative to the {r.path.name}")
        return ()
    if len(value) > MAX_SOURCE_ROOTS:
        r.problem(("source-roots",), f"source-roots lists {len(value):,} folders; argmap "
                  f"reads at most {MAX_SOURCE_ROOTS}",
                  hint="list the folders that hold the source texts; a folder's own "
                  "folders are inside it")
        return ()
    base = Path(os.path.realpath(r.path.parent))
    roots = []
    for entry in value:
        if "\0" in entry:
            # No path holds a NUL (the system refuses it with a ValueError): a typo.
            r.problem(("source-roots",), f"source-roots: {shown(entry)} is not a folder",
                      hint=f"paths are relative to the {r.path.name}")
            continue
        root = Path(os.path.realpath(base / entry))
        if not (root == base or root.is_relative_to(base)):
            r.problem(("source-roots",), f"source-roots: {shown(entry)} is outside {base}",
                      hint=f"a source root must be a folder inside the {r.path.name}'s "
                      "folder (links resolved)")
        elif not root.is_dir():
            r.problem(("source-roots",), f"source-roots: {shown(entry)} is not a folder",
                      hint=f"paths are relative to the {r.path.name}")
        else:
            roots.append(root)
    # Each once: every source text is tested against each.
    return tuple(dict.fromkeys(roots))


# A table header at the start of a line (a line of a multi-line array is indented).
_HEADER = re.compile(r"\[\[?([^\[\]]*)\]\]?\s*(?:#.*)?$")
# The first key of a line: bare, or quoted, before `=` or the `.` of a dotted key.
_KEY = re.compile(r"\s*(?:\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+))\s*[=.]")


def _positions(lines: list[str]) -> tuple[dict[tuple[tuple[str, ...], str], tuple[int, int]],
                                          dict[tuple[str, ...], int]]:
    """Where each key is first written, by (table, key), and each table header's line.

    tomllib keeps no positions; one pass over the lines finds them, so that locating
    any number of problems costs one look-up each.
    """
    keys: dict[tuple[tuple[str, ...], str], tuple[int, int]] = {}
    headers: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for number, line in enumerate(lines, 1):
        header = _HEADER.match(line)
        if header is not None:
            table = tuple(part.strip().strip("\"'") for part in header.group(1).split("."))
            headers.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key is not None:
            name = next(group for group in key.groups() if group is not None)
            keys.setdefault((table, name), (number, len(line) - len(line.lstrip()) + 1))
    return keys, headers


def _path_ignores(settings: Settings, m: LoadedMap) -> tuple[str, ...]:
    """The rules ``per-file-ignores`` skips for the map ``m``."""
    if not settings.per_file_ignores or m.document.path == STDIN:
        return ()
    real = os.path.realpath(m.path)
    name = os.path.basename(real)
    out: list[str] = []
    relative: dict[Path, str] = {}  # the path from each root, found once (relpath is slow)
    for root, pattern, rules in settings.per_file_ignores:
        if "/" in pattern:
            rel = relative.get(root)
            if rel is None:
                rel = relative[root] = os.path.relpath(real, root).replace(os.sep, "/")
            hit = not rel.startswith("../") and fnmatch.fnmatchcase(rel, pattern)
        else:
            hit = fnmatch.fnmatchcase(name, pattern)
        if hit:
            out += (rid for rid in rules if rid not in out)
    return tuple(out)


def _merge(base: Settings, select: Sequence[str] | None, ignore: Sequence[str],
           severity: Severity | None, extend: Sequence[str] = ()) -> Settings:
    return dataclasses.replace(
        base,
        # Each rule once, whatever a list repeats (a map's `check:` block too).
        select=tuple(dict.fromkeys(select)) if select is not None else base.select,
        extend_select=tuple(dict.fromkeys((*base.extend_select, *extend))),
        ignore=tuple(dict.fromkeys((*base.ignore, *ignore))),
        severity=severity if severity is not None else base.severity,
    )


def resolve(maps: MapSet, settings: Settings | None,
            cli: Overrides) -> tuple[Settings, dict[str, Settings]]:
    """The run's settings and each map's own, from the three layers (the configuration's
    ``settings``, each map's ``check:`` block and ``per-file-ignores``, the command line)."""
    base = settings or Settings()
    overall = _merge(base, cli.select, cli.ignore, cli.severity, cli.extend_select)
    if cli.fail_on is not None:
        overall = dataclasses.replace(overall, fail_on=cli.fail_on)
    per_map: dict[str, Settings] = {}
    problems: list[Problem] = []
    for m in maps:
        if m.context:
            continue
        cfg = m.map.check
        skipped = _path_ignores(base, m)
        if cfg is None and not skipped:
            continue
        own = base
        if cfg is not None:
            unknown = [(key, i, rid) for key in ("select", "ignore")
                       for i, rid in enumerate(getattr(cfg, key) or ()) if rid not in RULES]
            problems += source.capped(
                Problem(m.where(("check", key, i)), "unknown-rule",
                        f"unknown rule {shown(rid)} in check.{key}", hint=unknown_rule(rid))
                for key, i, rid in unknown)
            own = _merge(base, cfg.select, cfg.ignore, cfg.severity)
        own = _merge(own, None, skipped, None)
        per_map[m.name] = _merge(own, cli.select, cli.ignore, cli.severity, cli.extend_select)
    if problems:
        raise LoadError(problems)
    return overall, per_map
