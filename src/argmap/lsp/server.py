"""``argmap lsp``: the language server's handlers (pygls), over standard input and output.

Each handler asks :class:`~argmap.lsp.state.ArgmapServer` for the analysis or the indexes
it needs and answers through :mod:`argmap.lsp.features`.
"""

from __future__ import annotations

import re
import signal
import sys
import threading
from types import FrameType
from typing import Any

from lsprotocol import types as t
from pygls.exceptions import JsonRpcInvalidParams

from argmap import ArgmapError, LoadedMap
from argmap.errors import shown
from argmap.lsp import features
from argmap.lsp.complete import KEYS, VALUES, wanted
from argmap.lsp.index import MapIndex, Occurrence
from argmap.lsp.protocol import log_to_stderr
from argmap.lsp.state import DEBOUNCE_FROM, DEBOUNCE_SECONDS, ArgmapServer
from argmap.lsp.stream import MAX_MESSAGE, TOO_LARGE_METHOD, BoundedInput
from argmap.records import ID_PATTERN

__all__ = ["DEBOUNCE_FROM", "DEBOUNCE_SECONDS", "PREVIEW_COMMAND", "ArgmapServer", "run"]

#: The command that opens the live preview (``argmap serve``) of a map.
PREVIEW_COMMAND = "argmap.preview"

_ID = re.compile(ID_PATTERN)


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
    lines = ls.lines(ls.text(uri))
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
            pairs = [(n.id, f"{n.kind.value}: {n.title or n.text[:60]}") for n in m.map.nodes]
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
        raise JsonRpcInvalidParams(f"{shown(new)} is not an id: letters, digits, '_', '.' and '-', "
                          "starting with a letter or digit")
    name = found.key.split(":", 1)[0]
    taken = f"{name}:{new}"
    if any(index.of(taken) for _, index in indexes):
        raise JsonRpcInvalidParams(f"the map {shown(name)} already has an id {shown(new)}")
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


@server.feature(TOO_LARGE_METHOD)
def too_large(ls: ArgmapServer, params: Any) -> None:
    """A message from the editor over the bound was passed over (see
    :mod:`argmap.lsp.stream`): say so, rather than answer nothing."""
    length = getattr(params, "length", None)
    ls.window_show_message(t.ShowMessageParams(
        type=t.MessageType.Error,
        message=f"argmap: a message of {length} bytes from the editor was passed over; "
        f"the server reads messages of at most {MAX_MESSAGE // 2**20} MiB"))


def run() -> None:
    """Serve over standard input and output until the client exits; Ctrl-C (SIGINT)
    stops it with KeyboardInterrupt, as in any command (exit code 130)."""
    log_to_stderr()
    # pygls ends quietly on KeyboardInterrupt, as when the client exits: remember it.
    interrupted: list[int] = []
    if threading.current_thread() is threading.main_thread() and \
            signal.getsignal(signal.SIGINT) is signal.default_int_handler:

        def on_sigint(signum: int, frame: FrameType | None) -> None:
            interrupted.append(signum)
            signal.default_int_handler(signum, frame)

        signal.signal(signal.SIGINT, on_sigint)
    server.start_io(stdin=BoundedInput(sys.stdin.buffer))  # type: ignore[arg-type]
    if interrupted:
        raise KeyboardInterrupt
