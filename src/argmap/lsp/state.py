"""What the language server knows: the analyses of the open maps, the indexes of the
folder's maps, and when to analyse again.

After an edit the server analyses the new text at once, or, for a map larger than
:data:`DEBOUNCE_FROM` characters, once the edits pause for :data:`DEBOUNCE_SECONDS`, in a
thread (typing into a 10 MB map does not queue a check per keystroke, and requests are
answered meanwhile); a request (hover, definition, ...) on a newer text analyses it
first. Diagnostics of a superseded text are never published.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from argmap import LoadedMap, Location, Problem, __version__
from argmap.lsp import features
from argmap.lsp.analysis import Analysis, Workspace, is_map_text, saved_text
from argmap.lsp.index import MapIndex, Occurrence
from argmap.lsp.protocol import ArgmapProtocol
from argmap.lsp.text import Lines

__all__ = ["DEBOUNCE_FROM", "DEBOUNCE_SECONDS", "ArgmapServer"]

#: Maps of at least this many characters are analysed once edits pause.
DEBOUNCE_FROM = 256 * 1024
#: How long edits of a large map must pause before it is analysed again.
DEBOUNCE_SECONDS = 0.3


#: The longest path the server takes from a URI (Linux's PATH_MAX is 4096 bytes), and
#: the longest name in it (NAME_MAX): a longer one fails every call on the file.
MAX_PATH_BYTES = 4000
MAX_NAME_BYTES = 255


def _usable(path: str) -> bool:
    """Whether ``path`` could name a file: no NUL, not too long, its names not too long."""
    try:
        raw = path.encode("utf-8")
    except UnicodeEncodeError:  # (a lone surrogate)
        return False
    return b"\0" not in raw and len(raw) <= MAX_PATH_BYTES and \
        all(len(part) <= MAX_NAME_BYTES for part in raw.split(b"/"))


class ArgmapServer(LanguageServer):
    """The server and what it knows of the open maps."""

    def __init__(self) -> None:
        super().__init__("argmap", __version__,
                         text_document_sync_kind=t.TextDocumentSyncKind.Incremental,
                         protocol_cls=ArgmapProtocol)
        self.disk = Workspace()
        self.analyses: dict[str, Analysis] = {}
        self.good: dict[str, Analysis] = {}
        """The last analysis of each document whose text loaded (for completion)."""
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.previews: dict[Path, Any] = {}
        self._indexes: dict[str, tuple[LoadedMap, MapIndex]] = {}
        """The index of each map by URI, kept while the map (object) is the same: indexing
        a map of 10,000 nodes takes seconds, a request should not."""

    # --- analysis --------------------------------------------------------------------

    def path_of(self, uri: str) -> Path:
        """The file a document is (an unsaved one: a file of the working directory).
        A URI that names no file the system could open (a NUL, a name too long, a
        malformed address) is taken as an unsaved document."""
        if not uri.startswith("file:"):
            name = uri.rsplit("/", 1)[-1]
            return Path(os.getcwd()) / (name if _usable(name) and name not in ("", ".", "..")
                                        else "untitled.yaml")
        try:
            path = to_fs_path(uri)
        except ValueError:  # (urllib: "Invalid IPv6 URL")
            path = None
        if path is None or not _usable(path):
            return Path(os.getcwd()) / "untitled.yaml"
        return Path(os.path.abspath(path))

    def text(self, uri: str) -> str:
        """The document's text: the editor's, or, for a document it has not opened, the
        saved file as :func:`argmap.lsp.analysis.saved_text` reads it (never pygls's
        plain read, which follows a link out of the tree and waits on a FIFO)."""
        opened: TextDocument | None = self.workspace.text_documents.get(unquote(uri))
        if opened is not None:
            return opened.source
        return saved_text(self.path_of(uri)) if uri.startswith("file:") else ""

    def analysis(self, uri: str) -> Analysis:
        """The analysis of the document's current text (made now if the text is newer)."""
        text = self.text(uri)
        found = self.analyses.get(uri)
        if found is None or found.text != text:
            found = self._analyse(self.path_of(uri), text)
            self._keep(uri, found)
        return found

    def _analyse(self, path: Path, text: str) -> Analysis:
        try:
            return (self.disk.analyse(path, text) if is_map_text(text)
                    else Analysis(path, text, ()))
        # The last line of defence, as in the CLI's main(): the server outlives any text.
        except RecursionError:
            return Analysis(path, text, (Problem(Location(str(path)), "too-deep",
                                                 "input too deeply nested"),))
        except MemoryError:
            return Analysis(path, text, (Problem(Location(str(path)), "too-large",
                                                 "not enough memory to check this map"),))

    def _keep(self, uri: str, found: Analysis) -> None:
        self.analyses[uri] = found
        if found.current is not None:
            self.good[uri] = found

    def publish(self, uri: str, found: Analysis | None = None,
                version: int | None = None) -> None:
        """Publish the diagnostics of an analysis (by default: of the current text)."""
        if found is None:
            version = self.workspace.get_text_document(uri).version
            found = self.analysis(uri)
        lines = self.lines(found.text)
        self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(
            uri=uri, version=version,
            diagnostics=[features.diagnostic(p, lines) for p in found.problems]))

    def schedule(self, uri: str) -> None:
        """Publish the document's diagnostics now, or once edits of a large map pause."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        size = len(self.text(uri))
        if size < DEBOUNCE_FROM:
            self.publish(uri)
            return
        self.pending[uri] = asyncio.ensure_future(self._later(uri))

    async def _later(self, uri: str) -> None:
        """Analyse a large map once edits pause, in a thread: requests are answered
        meanwhile. A result whose text was edited meanwhile is dropped."""
        await asyncio.sleep(DEBOUNCE_SECONDS)
        text, version = self.text(uri), self.workspace.get_text_document(uri).version
        found = self.analyses.get(uri)
        if found is None or found.text != text:
            found = await asyncio.to_thread(self._analyse, self.path_of(uri), text)
            if self.text(uri) != text:
                return
            self._keep(uri, found)
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]
        self.publish(uri, found, version)

    # --- the folder's maps ------------------------------------------------------------

    def lines(self, text: str) -> Lines:
        """The lines of ``text``, their columns in the position encoding agreed on."""
        return Lines(text, str(self.workspace.position_encoding or "utf-16"))

    def index(self, uri: str, m: LoadedMap, text: str | None = None) -> MapIndex:
        """The index of map ``m`` (the text of document ``uri``), made once per map."""
        kept = self._indexes.get(uri)
        if kept is None or kept[0] is not m:
            kept = (m, MapIndex(m, text, str(self.workspace.position_encoding or "utf-16")))
            self._indexes[uri] = kept
        return kept[1]

    def neighbours(self, uri: str, *, fresh: bool = True) -> list[tuple[str, LoadedMap,
                                                                      str | None]]:
        """The other maps of the document's folder (URI, map, text): an open one as its
        text is (or, without ``fresh``, as it last loaded), others from disk."""
        path = self.path_of(uri)
        out: list[tuple[str, LoadedMap, str | None]] = []
        open_docs = {self.path_of(u): u for u in self.workspace.text_documents}
        for file in self.disk.folder_files(path.parent):
            if Path(os.path.abspath(file)) == path:
                continue
            other = open_docs.get(Path(os.path.abspath(file)))
            if other is not None:
                a = self.analysis(other) if fresh else self.good.get(other)
                if a is not None and a.current is not None:
                    out.append((other, a.current, a.text))
                continue
            found = self.disk.disk_map(file)
            if isinstance(found, LoadedMap):
                out.append((from_fs_path(str(file)) or str(file), found, None))
        return out

    def indexes(self, uri: str) -> list[tuple[str, MapIndex]]:
        """The index of the document (when its text loads) and of the maps of its folder,
        each from its open text if it is open, else from disk."""
        out: list[tuple[str, MapIndex]] = []
        current = self.analysis(uri)
        if current.current is not None:
            out.append((uri, self.index(uri, current.current, current.text)))
        out += [(other, self.index(other, m, text))
                for other, m, text in self.neighbours(uri)]
        return out

    def at(self, uri: str, position: t.Position) -> tuple[Occurrence | None,
                                                        list[tuple[str, MapIndex]]]:
        """The id written at ``position`` of the document, and the folder's indexes."""
        indexes = self.indexes(uri)
        if not indexes or indexes[0][0] != uri:
            return None, indexes
        index = indexes[0][1]
        col = index.lines.from_units(position.line, position.character)
        return index.at(position.line, col), indexes
