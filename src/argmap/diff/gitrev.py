"""Maps as they are at a git revision, copied into a temporary folder to be loaded.

``git`` runs as a subprocess with a list of arguments (no shell) and reads blobs
raw (``git cat-file``: no filters, no text conversion). What is copied is bounded
and stays in the tree pointed at:

* only the paths named (each must lie inside the repository of the working
  directory), a folder's own map files (``*.yaml``, ``*.yml``, not its
  sub-folders, as ``load_set`` reads a folder), and beside a named file its sibling
  maps (which cross-map references may name);
* only regular files (a symbolic link of the revision is not followed; a
  submodule is not entered), each of at most :data:`argmap.safeio.MAX_BYTES`, at
  most :data:`MAX_FILES` of them and :data:`MAX_TOTAL` bytes in all;
* the source texts the maps name, when they lie in the map's folder or under the
  working directory's place in the repository (the folders ``argmap check`` reads
  source texts from).
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from argmap import MapSet, safeio
from argmap.errors import UsageError, shown

__all__ = ["MAP_SUFFIXES", "MAX_FILES", "MAX_TOTAL", "TIMEOUT", "Repository"]

#: Files copied out of one revision, at most.
MAX_FILES = 10_000
#: Bytes copied out of one revision, at most.
MAX_TOTAL = 8 * safeio.MAX_BYTES
#: Seconds one git command may take.
TIMEOUT = 60
MAP_SUFFIXES = (".yaml", ".yml")
#: Why a file named after `--` that is not a map is refused: read as one, a source text or
#: a README gave a screen of YAML errors quoting its lines, on both sides.
NOT_A_MAP = "not a map file (*.yaml, *.yml); name maps or folders of maps after `--`"
_REGULAR = ("100644", "100755")


class Repository:
    """The git repository of a working directory, and copies of its revisions."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        top = self._git(["rev-parse", "--show-toplevel"], what="a git repository",
                        cwd=workdir)
        self.top = Path(os.fsdecode(top.rstrip(b"\n")))
        prefix = os.path.relpath(os.path.realpath(workdir), os.path.realpath(self.top))
        self.prefix = "" if prefix == "." else prefix.replace(os.sep, "/")

    def _git(self, args: list[str], *, what: str, cwd: Path | None = None,
             stdin: bytes | None = None) -> bytes:
        argv = ["git", "-C", str(cwd or self.top), *args]
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
        try:
            done = subprocess.run(argv, input=stdin, capture_output=True, timeout=TIMEOUT,
                                  check=False, env=env)
        except FileNotFoundError:
            raise UsageError("git is not installed (or not on PATH); comparing revisions "
                             "needs it") from None
        except subprocess.TimeoutExpired:
            raise UsageError(f"git took over {TIMEOUT} s reading {what}; stopped") from None
        if done.returncode != 0:
            if what == "a git repository":
                raise UsageError(f"{cwd}: not in a git repository; comparing revisions needs "
                                 "one (or compare two files or folders: argmap diff OLD NEW)")
            said = os.fsdecode(done.stderr).strip().splitlines()
            raise UsageError(f"git could not read {what}" + (f": {said[-1]}" if said else ""))
        return done.stdout

    def commit(self, rev: str) -> str:
        """The commit ``rev`` names; :class:`UsageError` for an unknown revision."""
        if not rev or rev.startswith("-") or "\0" in rev:
            raise UsageError(f"{shown(rev)} is not a revision")
        argv = ["git", "-C", str(self.top), "rev-parse", "--verify", "--quiet",
                "--end-of-options", f"{rev}^{{commit}}"]
        try:
            done = subprocess.run(argv, capture_output=True, timeout=TIMEOUT, check=False)
        except (FileNotFoundError, subprocess.TimeoutExpired):
            raise UsageError("git could not be run to read the revision") from None
        if done.returncode != 0:
            raise UsageError(f"unknown revision {shown(rev)} in the repository {self.top}; give a "
                             "branch, tag or commit (`git log --oneline` lists commits)")
        return done.stdout.decode("ascii").strip()

    def relative(self, path: Path) -> str:
        """``path`` (relative to the working directory) within the repository."""
        full = os.path.normpath(os.path.join(os.path.realpath(self.workdir), path))
        rel = os.path.relpath(full, os.path.realpath(self.top)).replace(os.sep, "/")
        if rel == ".." or rel.startswith("../") or os.path.isabs(rel):
            raise UsageError(f"{path}: outside the git repository {self.top}")
        return "" if rel == "." else rel

    def _entries(self, commit: str, paths: Iterable[str],
                 *, recursive: bool = False) -> list[tuple[str, str, str, int, str]]:
        """(mode, type, object, size, path) of ``git ls-tree -l`` for ``paths``."""
        args = ["ls-tree", "-l", "-z", "--full-tree"] + (["-r"] if recursive else [])
        out = self._git([*args, commit, "--", *paths], what=f"the files of {commit[:12]}")
        entries = []
        for record in out.split(b"\0"):
            if not record:
                continue
            head, _, name = record.partition(b"\t")
            mode, kind, obj, size = head.decode("ascii").split()
            entries.append((mode, kind, obj, int(size) if size.isdigit() else 0,
                            os.fsdecode(name)))
        return entries

    def maps(self, commit: str, rev: str, paths: Sequence[str]) -> tuple[list[str], list[str]]:
        """The map files to copy for ``paths`` at ``commit``: (those to load, those to
        copy beside them as context). A path not there has none (a pull request may add
        the first maps); :class:`UsageError` for a folder without maps."""
        load: list[str] = []
        context: list[str] = []
        for path in paths:
            found = self._entries(commit, [path or "."]) if path else []
            if path and not found:
                continue
            if not path or found[0][1] == "tree":
                inside = [e[4] for e in self._entries(commit, [f"{path}/" if path else "."])
                          if e[1] == "blob" and e[0] in _REGULAR
                          and e[4].endswith(MAP_SUFFIXES)]
                if not inside:
                    raise UsageError(f"{rev}:{path or '.'}: no map files (*.yaml, *.yml) in "
                                     "this folder")
                load.extend(inside)
                continue
            if found[0][0] not in _REGULAR:
                raise UsageError(f"{rev}:{path}: not a regular file at revision {shown(rev)}")
            if not path.endswith(MAP_SUFFIXES):
                raise UsageError(f"{rev}:{path}: {NOT_A_MAP}")
            load.append(path)
            folder = posixpath.dirname(path)
            context.extend(e[4] for e in self._entries(commit, [f"{folder}/" if folder else "."])
                           if e[1] == "blob" and e[0] in _REGULAR
                           and e[4].endswith(MAP_SUFFIXES) and e[4] != path)
        load = list(dict.fromkeys(load))
        return load, [p for p in dict.fromkeys(context) if p not in load]

    def copy(self, commit: str, paths: Sequence[str], into: Path, used: list[int],
             limits: tuple[int, int] = (MAX_FILES, MAX_TOTAL)) -> None:
        """Write the regular files ``paths`` of ``commit`` under ``into`` (the repository's
        top), counting them in ``used`` ([files, bytes]) against ``limits``."""
        entries = [e for e in self._entries(commit, paths) if e[1] == "blob"
                   and e[0] in _REGULAR] if paths else []
        for _, _, _, size, name in entries:
            if size > safeio.MAX_BYTES:
                raise UsageError(f"{name}: file is {safeio.mib(size)} at this revision; argmap "
                                 f"reads files of at most {safeio.mib(safeio.MAX_BYTES)}")
            used[0] += 1
            used[1] += size
            if used[0] > limits[0] or used[1] > limits[1]:
                raise UsageError(f"more than {limits[0]} files or {safeio.mib(limits[1])} to "
                                 "read at this revision; compare fewer paths")
        if not entries:
            return
        out = self._git(["cat-file", "--batch"], what="files of the revision",
                        stdin=b"".join(e[2].encode("ascii") + b"\n" for e in entries))
        pos = 0
        for _, _, obj, size, name in entries:
            header_end = out.index(b"\n", pos)
            header = out[pos:header_end].split()
            if len(header) != 3 or header[0].decode("ascii") != obj or int(header[2]) != size:
                raise UsageError(f"git gave an unexpected answer reading {name}")
            data = out[header_end + 1: header_end + 1 + size]
            pos = header_end + 1 + size + 1
            parts = PurePosixPath(name).parts
            if ".." in parts or PurePosixPath(name).is_absolute():  # git never stores these
                raise UsageError(f"{name}: not a path inside the repository")
            target = into.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def source_texts(self, maps: MapSet, into: Path) -> list[str]:
        """Repository paths of the source texts ``maps`` (copied under ``into``) name that
        lie in a map's folder or under the working directory's place."""
        wanted: list[str] = []
        for m in maps:
            folder = Path(m.path).parent.relative_to(into).as_posix()
            for src in m.map.sources:
                if src.text is None:
                    continue
                rel = posixpath.normpath(posixpath.join(folder, src.text.replace("\\", "/")))
                if any(rel == root or rel.startswith(root + "/") or root == "."
                       for root in (folder, self.prefix or ".")) and not rel.startswith("..") \
                        and not posixpath.isabs(rel):
                    wanted.append(rel)
        return list(dict.fromkeys(wanted))
