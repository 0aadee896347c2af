"""``argmap lsp``: the language server (pygls) over standard input and output.

The server keeps an :class:`~argmap.lsp.analysis.Analysis` of each open map. After an
edit it analyses the new text at once, or, for a map larger than
:data:`DEBOUNCE_FROM` characters, once the edits pause for :data:`DEBOUNCE_SECONDS`
(typing into a 10 MB map does not queue a check per keystroke); a request (hover,
completion, ...) on a newer text analyses it first. Diagnostics of a superseded text
are never published.
"""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path
from typing import Any

from lsprotocol import types as t
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from argmap import ArgmapError, LoadedMap, Location, Problem, __version__
from argmap.lsp import features
from argmap.lsp.analysis import Analysis, Workspace, is_map_text
from argmap.lsp.complete import KEYS, VALUES, wanted
from argmap.lsp.index import MapIndex, Occurrence
from argmap.lsp.text import Lines
from argmap.records import ID_PATTERN

__all__ = ["DEBOUNCE_FROM", "DEBOUNCE_SECONDS", "PREVIEW_COMMAND", "ArgmapServer", "run"]

#: Maps of at least this many characters are analysed once edits pause.
DEBOUNCE_FROM = 256 * 1024
#: How long edits of a large map must pause before it is analysed again.
DEBOUNCE_SECONDS = 0.3
#: The command that opens the live preview (``argmap serve``) of a map.
PREVIEW_COMMAND = "argmap.preview"

_ID = re.compile(ID_PATTERN)


class ArgmapServer(LanguageServer):
    """The server and what it knows of the open maps."""

    def __init__(self) -> None:
        super().__init__("argmap", __version__,
                         text_document_sync_kind=t.TextDocumentSyncKind.Incremental)
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
        """The file a document is (an unsaved one: a file of the working directory)."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is None:
            return Path(os.getcwd()) / (uri.rsplit("/", 1)[-1] or "untitled.yaml")
        return Path(os.path.abspath(path))

    def analysis(self, uri: str) -> Analysis:
        """The analysis of the document's current text (made now if the text is newer)."""
        text = self.workspace.get_text_document(uri).source
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
        size = len(self.workspace.get_text_document(uri).source)
        if size < DEBOUNCE_FROM:
            self.publish(uri)
            return
        self.pending[uri] = asyncio.ensure_future(self._later(uri))

    async def _later(self, uri: str) -> None:
        """Analyse a large map once edits pause, in a thread: requests are answered
        meanwhile. A result whose text was edited meanwhile is dropped."""
        await asyncio.sleep(DEBOUNCE_SECONDS)
        doc = self.workspace.get_text_document(uri)
        text, version = doc.source, doc.version
        found = self.analyses.get(uri)
        if found is None or found.text != text:
            found = await asyncio.to_thread(self._analyse, self.path_of(uri), text)
            if self.workspace.get_text_document(uri).source != text:
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


def _location(uri: str, index: MapIndex, o: Occurrence) -> t.Location:
    return t.Location(uri=uri, range=features.lsp_range(index.lines, o.span))


server = ArgmapServer()


@server.feature(t.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ArgmapServer, params: t.DidOpenTextDocumentParams) -> None:
    """A map was opened: its diagnostics."""
    ls.schedule(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ArgmapServer, params: t.DidChangeTextDocumentParams) -> None:
    """A map was edited: its diagnostics, now or once edits pause."""
    ls.schedule(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: ArgmapServer, params: t.DidSaveTextDocumentParams) -> None:
    """A map was saved: the other open maps may refer to it."""
    for uri in list(ls.analyses):
        del ls.analyses[uri]  # (the same text, but the maps on disk changed)
        if uri in ls.workspace.text_documents:
            ls.schedule(uri)


@server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ArgmapServer, params: t.DidCloseTextDocumentParams) -> None:
    """A map was closed: forget it and clear its diagnostics."""
    uri = params.text_document.uri
    for table in (ls.analyses, ls.good, ls._indexes):
        table.pop(uri, None)
    pending = ls.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    ls.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(t.TEXT_DOCUMENT_DEFINITION)
def definition(ls: ArgmapServer, params: t.DefinitionParams) -> list[t.Location]:
    """Where the node, relation or source under the cursor is defined (in any map of the
    folder)."""
    found, indexes = ls.at(params.text_document.uri, params.position)
    if found is None:
        return []
    return [_location(uri, index, o) for uri, index in indexes
            for o in index.of(found.key) if o.definition]


@server.feature(t.TEXT_DOCUMENT_REFERENCES)
def references(ls: ArgmapServer, params: t.ReferenceParams) -> list[t.Location]:
    """Every place the folder's maps name the id under the cursor."""
    found, indexes = ls.at(params.text_document.uri, params.position)
    if found is None:
        return []
    return [_location(uri, index, o) for uri, index in indexes
            for o in index.of(found.key, definitions=params.context.include_declaration)]


@server.feature(t.TEXT_DOCUMENT_HOVER)
def hover(ls: ArgmapServer, params: t.HoverParams) -> t.Hover | None:
    """What the id under the cursor is: a node's kind, text, quote, source, acceptance
    (grounded) and strength (DF-QuAD); a source's title; a relation's ends."""
    uri = params.text_document.uri
    found, indexes = ls.at(uri, params.position)
    if found is None:
        return None
    name = found.key.split(":", 1)[0]
    owner = next((index.map for _, index in indexes if index.map.name == name), None)
    if owner is None:
        return None
    text = features.hover_text(found.key, owner, ls.analysis(uri))
    if text is None:
        return None
    # Plain text: a map's text is not markup (a Markdown image would load a URL).
    return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.PlainText, value=text),
                   range=features.lsp_range(indexes[0][1].lines, found.span))


@server.feature(t.TEXT_DOCUMENT_COMPLETION,
                t.CompletionOptions(trigger_characters=[" ", "[", ",", ":", "-"]))
def completion(ls: ArgmapServer, params: t.CompletionParams) -> t.CompletionList:
    """Ids where a reference is written, kinds, keys, rule ids under ``acknowledge:``."""
    from argmap.checks import RULES  # noqa: PLC0415
    from argmap.schemes import SCHEMES  # noqa: PLC0415

    uri = params.text_document.uri
    lines = ls.lines(ls.workspace.get_text_document(uri).source)
    pos = params.position
    want = wanted(lines, pos.line, lines.from_units(pos.line, pos.character))
    items: list[t.CompletionItem] = []
    if want is None:
        return t.CompletionList(is_incomplete=False, items=items)
    kind = t.CompletionItemKind
    if want.want == "key":
        items = [t.CompletionItem(label=k, kind=kind.Property, insert_text=f"{k}: ")
                 for k in KEYS.get(want.part, ())]
    elif want.want in VALUES:
        items = [t.CompletionItem(label=v, kind=kind.EnumMember) for v in VALUES[want.want]]
    elif want.want == "scheme":
        items = [t.CompletionItem(label=s, kind=kind.EnumMember, detail=SCHEMES[s].name)
                 for s in SCHEMES]
    elif want.want == "rule":
        items = [t.CompletionItem(label=r.id, kind=kind.Keyword, detail=r.summary,
                                  insert_text=f"{r.id}: ") for r in RULES.values()]
    else:
        items = _ids(ls, uri, want.want)
    return t.CompletionList(is_incomplete=False, items=items)


def _ids(ls: ArgmapServer, uri: str, what: str) -> list[t.CompletionItem]:
    """The ids of nodes, relations or sources: this map's, then other maps' (``map:id``)."""
    # The map as it last loaded: completion is asked for while typing, of text that seldom
    # loads, and a large map takes seconds to check.
    current = ls.good.get(uri)
    maps: list[LoadedMap] = [current.current] if current and current.current else []
    here = maps[0].name if maps else None
    maps += [m for _, m, _ in ls.neighbours(uri, fresh=False)
             if here is None or m.name != here]
    items = []
    for m in maps:
        prefix = "" if m.name == here else f"{m.name}:"
        if what == "node":
            pairs = [(n.id, f"{n.kind.value}: {n.text[:60]}") for n in m.map.nodes]
        elif what == "source":
            pairs = [(s.id, s.title[:60]) for s in m.map.sources]
        else:
            pairs = [(r.id, f"{n.id} {k.value} {r.to}") for n in m.map.nodes
                     for k, r in n.relations() if r.id]
        items += [t.CompletionItem(label=prefix + i, detail=d,
                                   kind=t.CompletionItemKind.Reference) for i, d in pairs]
    return items


@server.feature(t.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(ls: ArgmapServer,
                    params: t.DocumentSymbolParams) -> list[t.DocumentSymbol]:
    """The outline of the map: nodes by section, sources, tensions."""
    analysis = ls.analysis(params.text_document.uri)
    if analysis.current is None:
        return []
    return features.symbols(analysis.current, ls.lines(analysis.text))


@server.feature(t.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: ArgmapServer, params: t.PrepareRenameParams) -> t.Range | None:
    """The id that a rename at the cursor would rename."""
    found, indexes = ls.at(params.text_document.uri, params.position)
    if found is None or found.name is None:
        return None
    return features.lsp_range(indexes[0][1].lines, found.name)


@server.feature(t.TEXT_DOCUMENT_RENAME)
def rename(ls: ArgmapServer, params: t.RenameParams) -> t.WorkspaceEdit | None:
    """Rename a node, relation or source id in every map of the folder."""
    found, indexes = ls.at(params.text_document.uri, params.position)
    if found is None:
        return None
    new = params.new_name
    if _ID.match(new) is None:
        raise JsonRpcInvalidParams(f"{new!r} is not an id: letters, digits, '_', '.' and '-', "
                          "starting with a letter or digit")
    name = found.key.split(":", 1)[0]
    taken = f"{name}:{new}"
    if any(index.of(taken) for _, index in indexes):
        raise JsonRpcInvalidParams(f"the map {name!r} already has an id {new!r}")
    changes: dict[str, list[t.TextEdit]] = {}
    for uri, index in indexes:
        for o in index.of(found.key):
            if o.name is not None and o.kind == found.kind:
                changes.setdefault(uri, []).append(
                    t.TextEdit(features.lsp_range(index.lines, o.name), new))
    return t.WorkspaceEdit(changes=changes)


@server.feature(t.TEXT_DOCUMENT_CODE_ACTION,
                t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]))
def code_action(ls: ArgmapServer, params: t.CodeActionParams) -> list[t.CodeAction]:
    """Quick fixes of the diagnostics at the cursor."""
    uri = params.text_document.uri
    analysis = ls.analysis(uri)
    return features.code_actions(uri, ls.lines(analysis.text), analysis,
                                 list(params.context.diagnostics))


@server.command(PREVIEW_COMMAND)
def preview(ls: ArgmapServer, *args: Any) -> str:
    """Start (once per map) the live preview of ``argmap serve`` and return its address;
    the client is asked to open it."""
    from argmap.html.serve import PreviewServer  # noqa: PLC0415 - only when asked

    given = args[0] if args and isinstance(args[0], str) else None
    if given is None and args and isinstance(args[0], list) and args[0]:
        given = args[0][0] if isinstance(args[0][0], str) else None
    if given is None:
        raise JsonRpcInvalidParams("argmap.preview takes the URI of a map")
    path = ls.path_of(given)
    if not path.is_file():
        raise JsonRpcInvalidParams(f"{path}: save the map first: the preview shows the saved file")
    running = ls.previews.get(path)
    if running is None:
        from argmap import config as cfg  # noqa: PLC0415

        try:
            # The configuration's check settings, as `argmap serve` reads them.
            found = cfg.find_config(path)
            settings = cfg.read_config(found) if found is not None else None
            running = PreviewServer(path, port=0, settings=settings)
        except ArgmapError as exc:
            raise JsonRpcInvalidParams(str(exc)) from None
        running.start()
        ls.previews[path] = running
    url = f"{running.url}map/{path.name}"
    if ls.client_capabilities.window is not None and \
            ls.client_capabilities.window.show_document is not None:
        ls.window_show_document(t.ShowDocumentParams(uri=url, external=True))
    return url


@server.feature(t.SHUTDOWN)
def shutdown(ls: ArgmapServer, params: None) -> None:
    """Stop the previews this server started."""
    for running in ls.previews.values():
        running.close()
    ls.previews.clear()


def run() -> None:
    """Serve over standard input and output until the client exits."""
    server.start_io()
