"""The two sides of a diff: two files, two folders, or git revisions of paths.

:func:`diff_paths` compares two map files or two folders of maps;
:func:`diff_revisions` compares the maps of ``paths`` at a revision with the working
tree, or at two revisions (copied by :mod:`argmap.diff.gitrev`). A side that does not
load raises its located :class:`~argmap.errors.LoadError` (both sides' problems in one,
a revision's shown as ``REV:path``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from argmap import ArgmapError, LoadError, Location, MapSet, Problem, Settings, load_set
from argmap.diff.changes import Side, compare
from argmap.diff.gitrev import MAP_SUFFIXES, MAX_FILES, MAX_TOTAL, NOT_A_MAP, Repository
from argmap.diff.result import Diff
from argmap.errors import MissingPath, UsageError, shown

__all__ = ["Comparison", "compare_paths", "compare_revisions", "diff_paths", "diff_revisions"]


class Comparison(NamedTuple):
    """A diff with the two sides it compares (their maps stay loaded, to be drawn)."""

    diff: Diff
    old: Side
    new: Side


def _load(paths: Sequence[Path | str], problems: list[Problem]) -> MapSet | None:
    try:
        return load_set(paths)
    except LoadError as exc:
        problems.extend(exc.problems)
        return None


def diff_paths(old: Path, new: Path) -> Diff:
    """Compare two map files, or two folders of maps (paired by file name)."""
    return compare_paths(old, new).diff


def compare_paths(old: Path, new: Path) -> Comparison:
    """:func:`diff_paths` with the two sides."""
    for p in (old, new):
        if not p.exists():
            raise MissingPath(str(p))
    if old.is_dir() != new.is_dir():
        raise UsageError(f"compare two files or two folders, not {old} and {new}")
    problems: list[Problem] = []
    before, after = _load([old], problems), _load([new], problems)
    if before is None or after is None:
        raise LoadError(problems)
    if old.is_dir():
        sides = (_side(str(old), before, lambda m: os.path.relpath(m, old)),
                 _side(str(new), after, lambda m: os.path.relpath(m, new)))
    else:
        # Two files are one pair whatever their names: shown by the new file's name.
        sides = (_side(str(old), before, lambda _: new.name),
                 _side(str(new), after, lambda _: new.name))
    return Comparison(compare(*sides), *sides)


def _side(label: str, maps: MapSet, pair: Callable[[str], str],
          settings: Settings | None = None,
          show: Callable[[Problem], Problem] | None = None) -> Side:
    paths = {m.name: pair(m.path).replace(os.sep, "/") for m in maps if not m.context}
    return Side(label, maps, paths, settings or Settings(), show)


def diff_revisions(old_rev: str, new_rev: str | None, paths: Sequence[Path],
                   workdir: Path | None = None) -> Diff:
    """Compare the maps of ``paths`` at revision ``old_rev`` with the working tree
    (``new_rev`` None) or with revision ``new_rev``. ``paths`` are relative to
    ``workdir`` (default: the working directory), which must be in a git repository."""
    return compare_revisions(old_rev, new_rev, paths, workdir).diff


def compare_revisions(old_rev: str, new_rev: str | None, paths: Sequence[Path],
                      workdir: Path | None = None) -> Comparison:
    """:func:`diff_revisions` with the two sides (a revision's copy is gone by then; its
    maps stay loaded)."""
    if not paths:
        raise UsageError("name the maps to compare after `--`: argmap diff REV -- PATH...")
    repo = Repository(workdir or Path.cwd())
    rels = [repo.relative(p) for p in paths]
    for p in paths:
        if (repo.workdir / p).is_file() and not str(p).endswith(MAP_SUFFIXES):
            raise UsageError(f"{p}: {NOT_A_MAP}")
    with tempfile.TemporaryDirectory(prefix="argmap-diff-") as tmp:
        problems: list[Problem] = []
        old = _revision(repo, old_rev, rels, Path(tmp) / "old", problems)
        if new_rev is None:
            # A path gone from the working tree has no maps (the change removed them).
            here = [p for p in paths if (repo.workdir / p).exists()]
            maps = _load(here, problems) if here else MapSet(())
            new = None if maps is None else _side(
                "working tree", maps, lambda m: os.path.relpath(os.path.realpath(m), repo.top))
        else:
            new = _revision(repo, new_rev, rels, Path(tmp) / "new", problems)
        if old is None or new is None:
            raise LoadError(problems)
        if not any(True for side in (old, new) for _ in side.shown()):
            raise UsageError(f"{' '.join(map(str, paths))}: no maps at {shown(old_rev)} nor "
                             + ("in the working tree" if new_rev is None
                                else f"at {shown(new_rev)}"))
        return Comparison(compare(old, new), old, new)


def _revision(repo: Repository, rev: str, rels: list[str], into: Path,
              problems: list[Problem]) -> Side | None:
    """The side of ``rels`` at ``rev``, copied under ``into`` (None: load problems)."""
    commit = repo.commit(rev)
    into.mkdir()
    root = os.path.realpath(into)
    into = Path(root)  # the paths loaded are the paths shown as REV:path
    shown = _Shown(root, rev)
    load, context = repo.maps(commit, rev, rels)
    used, limits = [0, 0], (MAX_FILES, MAX_TOTAL)
    try:
        repo.copy(commit, [*load, *context], into, used, limits)
        # The paths not there at this revision have no maps: a change may add the first.
        maps = load_set([into.joinpath(*p.split("/")) for p in load]) if load else MapSet(())
        repo.copy(commit, repo.source_texts(maps, into), into, used, limits)
        outside = list(_outside_sources(maps, root))
        if outside:
            raise LoadError(outside)
    except LoadError as exc:
        problems.extend(shown(p) for p in exc.problems)
        return None
    except ArgmapError as exc:
        raise UsageError(shown.text(str(exc))) from None
    label = f"{rev}:{' '.join(rels) or '.'}"
    cwd = into.joinpath(*repo.prefix.split("/")) if repo.prefix else into
    return _side(label, maps, lambda m: os.path.relpath(os.path.realpath(m), root),
                 Settings(source_roots=(cwd,)), shown)


def _outside_sources(maps: MapSet, root: str) -> list[Problem]:
    """A problem for each source text that leads out of the revision's copy (it would
    be read from the working tree, or from elsewhere)."""
    out = []
    for m in maps:
        for i, src in enumerate(m.map.sources):
            if src.text is None:
                continue
            real = os.path.realpath(m.directory / src.text)
            if not (real == root or real.startswith(root + os.sep)):
                out.append(Problem(m.where(("sources", i, "text")), "source-outside-tree",
                                   f"source text {shown(src.text)} leads outside the repository",
                                   hint="name a file of the repository, relative to the map"))
    return out


class _Shown:
    """Paths of a revision's copy shown as ``REV:path``."""

    def __init__(self, root: str, rev: str) -> None:
        self.root = root
        self.rev = rev

    def text(self, text: str) -> str:
        """``text`` with the copy's paths shown as ``REV:path``."""
        return text.replace(self.root + os.sep, f"{self.rev}:").replace(self.root,
                                                                      f"{self.rev}:.")

    def __call__(self, p: Problem) -> Problem:
        loc = p.location
        return p._replace(location=Location(self.text(loc.path), loc.line, loc.col),
                          message=self.text(p.message),
                          hint=None if p.hint is None else self.text(p.hint))

