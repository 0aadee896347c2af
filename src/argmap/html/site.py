"""The pages of a file or folder of maps, as ``argmap serve`` shows them.

A :class:`Site` knows which map files it serves and renders, on request, the
index (every map with its finding counts) and one page per map. A map that
cannot be loaded or drawn gives a page listing its located errors
(``path:line:col: error: message [code]``) instead: a bad file never stops the
other pages. :meth:`Site.fingerprint` is what the server polls to notice saves.
Nothing here does HTTP or threads.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from argmap import config, safeio
from argmap.checks import Settings, check
from argmap.errors import ArgmapError, LoadError, MissingPath, Problem, Severity, UsageError
from argmap.loading.loader import MAP_SUFFIXES, MapSet, load_set
from argmap.render.escape import xml_escape
from argmap.render.options import RenderOptions
from argmap.render.output import OutputOptions
from argmap.render.page import LiveReload, document, rendered_page
from argmap.render.select import select

__all__ = ["Fingerprint", "MapStatus", "Page", "Site"]

Fingerprint = tuple[tuple[str, int, int], ...]
"""(path, modification time in ns, size) of every watched file; -1s for a missing one."""


@dataclass(frozen=True)
class Page:
    """A response body and its HTTP status."""

    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"


@dataclass(frozen=True)
class MapStatus:
    """How one map file fares: its title and findings, or why it cannot be loaded."""

    name: str
    title: str | None
    nodes: int
    findings: tuple[Problem, ...] = ()
    errors: tuple[str, ...] = ()
    """Load errors, each ``path:line:col: error: message [code]``."""

    def summary(self) -> str:
        """One line: ``4 findings (1 error, 2 warnings, 1 info)``, or the load errors'
        count."""
        if self.errors:
            return f"does not load: {_plural(len(self.errors), 'error')}"
        if not self.findings:
            return "no findings"
        # Counted as `argmap check` counts them: "3 info", not "3 infos".
        counts = [_plural(n, s.value) if s is not Severity.INFO else f"{n} info"
                  for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
                  if (n := sum(p.severity is s for p in self.findings))]
        return f"{_plural(len(self.findings), 'finding')} ({', '.join(counts)})"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _problem_lines(problems: Sequence[Problem]) -> tuple[str, ...]:
    return tuple(str(p) + (f"\n    hint: {p.hint}" if p.hint else "") for p in problems)


class Site:
    """The maps of ``root`` (a map file, or a folder of them) and their pages."""

    def __init__(self, root: str | Path, *, options: RenderOptions | None = None,
                 output: OutputOptions | None = None, settings: Settings | None = None) -> None:
        self.root = Path(root)
        if self.root.is_file() and self.root.suffix not in MAP_SUFFIXES:
            raise UsageError(f"{root}: not a map file (*.yaml, *.yml)")
        if not self.root.exists():
            raise MissingPath(str(root))
        self.options = options or RenderOptions(highlight_findings=True)
        self.output = output or OutputOptions()
        self.settings = settings
        self._sources: set[Path] = set()
        self._lock = threading.Lock()

    @property
    def folder(self) -> Path:
        """The folder whose map files are watched (maps may refer to their siblings)."""
        return self.root if self.root.is_dir() else self.root.parent

    def files(self) -> dict[str, Path]:
        """The map files served, by their name in URLs (the file name)."""
        if self.root.is_dir():
            found = sorted(f for f in self.root.iterdir()
                           if f.suffix in MAP_SUFFIXES and f.is_file())
        else:
            found = [self.root]
        return {f.name: f for f in found}

    def fingerprint(self) -> Fingerprint:
        """Every watched file's state: the folder's maps and the source texts they quote."""
        try:
            watched = {f for f in self.folder.iterdir() if f.suffix in MAP_SUFFIXES}
        except OSError:  # the folder itself went away: that is a change too
            watched = set()
        with self._lock:
            watched |= self._sources
        out = []
        for path in sorted(watched):
            try:
                st = path.stat()
                out.append((str(path), st.st_mtime_ns, st.st_size))
            except OSError:
                out.append((str(path), -1, -1))
        return tuple(out)

    def _load(self, file: Path) -> MapSet:
        maps = load_set([file])
        extra = self.settings.source_roots if self.settings else ()
        # Only texts the check may read are watched: a `text:` outside the tree is a load
        # error, not a file whose changes to follow.
        texts = {path for m in maps for s in m.map.sources if s.text
                 for path in [m.directory / s.text]
                 if safeio.within(path, (*safeio.tree_roots(m.path), *extra))}
        with self._lock:
            self._sources |= texts
        return maps

    def _findings(self, maps: MapSet) -> tuple[Problem, ...]:
        base, per_map = config.resolve(maps, self.settings, config.Overrides())
        return check(maps, base, per_map).findings

    def status(self, name: str) -> MapStatus:
        """Load and check one map (no drawing): for the index and the server's log."""
        file = self.files().get(name)
        if file is None:  # deleted since the caller listed it
            return MapStatus(name, None, 0, errors=(f"{name}: no longer exists",))
        try:
            maps = self._load(file)
            findings = self._findings(maps)
        except LoadError as exc:
            return MapStatus(name, None, 0, errors=_problem_lines(exc.problems))
        except ArgmapError as exc:
            return MapStatus(name, None, 0, errors=(f"{file}: {exc}",))
        own = next(m for m in maps if not m.context)
        mine = tuple(p for p in findings if p.location.path == own.path)
        return MapStatus(name, own.map.title, len(own.map.nodes), mine)

    def index(self, live: LiveReload | None = None) -> Page:
        """The index: every map with a link, its title and its finding counts."""
        rows = []
        for name in self.files():
            st = self.status(name)
            link = f'<a href="/map/{quote(name)}">{xml_escape(name)}</a>'
            title = xml_escape(st.title) if st.title else ""
            rows.append(f"<tr><td>{link}</td><td dir=\"auto\">{title}</td>"
                        f"<td>{st.nodes}</td><td>{xml_escape(st.summary())}</td></tr>")
        if not rows:
            rows.append('<tr><td colspan="4">No map files (*.yaml, *.yml) yet: '
                        "create one, or start one with argmap init.</td></tr>")
        title = f"argmap serve: {self.root}"
        body = "\n".join([
            '<main class="am-page">', f"<h1>{xml_escape(title)}</h1>",
            '<p id="am-live-status" class="am-live" role="status"></p>',
            '<table class="am-index"><thead><tr><th scope="col">map</th>'
            '<th scope="col">title</th><th scope="col">nodes</th>'
            '<th scope="col">argmap check</th></tr></thead>', "<tbody>", *rows,
            "</tbody></table>", "</main>"])
        return Page(document(title, body, scripts=(), live=live).encode("utf-8"))

    def map_page(self, name: str, live: LiveReload | None = None) -> Page | None:
        """The page of map ``name`` (its file name), its error page, or ``None`` if unknown."""
        file = self.files().get(name)
        if file is None:
            return None
        try:
            maps = self._load(file)
            findings = self._findings(maps) if self.options.highlight_findings else ()
            own = next(m for m in maps if not m.context)
            view = select(maps, self.options, findings, only=[own.name])
            page = rendered_page(view, self.options, self.output, live=live)
        except LoadError as exc:
            return self.error_page(name, _problem_lines(exc.problems), live)
        except ArgmapError as exc:
            return self.error_page(name, (f"{file}: {exc}",), live)
        return Page(page.data)

    def error_page(self, name: str, errors: Sequence[str],
                   live: LiveReload | None = None) -> Page:
        """A page that lists ``errors`` until the map is fixed (and reloads then)."""
        items = "\n".join(f"<li>{xml_escape(e.splitlines()[0])}"
                          + "".join(f"<br>{xml_escape(line.strip())}"
                                    for line in e.splitlines()[1:]) + "</li>" for e in errors)
        title = f"{name} cannot be drawn"
        body = "\n".join([
            '<main class="am-page">', f"<h1>{xml_escape(title)}</h1>",
            '<p id="am-live-status" class="am-live" role="status"></p>',
            "<p>Fix the file and save it: this page reloads by itself.</p>",
            f'<ul class="am-error" role="alert">{items}</ul>',
            '<p><a href="/">All maps</a></p>', "</main>"])
        return Page(document(title, body, scripts=(), live=live).encode("utf-8"))

    def not_found(self) -> Page:
        """The page for any other path: nothing outside the maps is served."""
        body = ('<main class="am-page"><h1>Not found</h1><p>argmap serve shows only the '
                'maps it was given: <a href="/">all maps</a>.</p></main>')
        return Page(document("Not found", body, scripts=()).encode("utf-8"), 404)
