"""A language client for the tests: starts ``argmap lsp`` as an editor does (a process
spoken to over its standard input and output) and drives it with pygls's client."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types as t
from pygls.lsp.client import LanguageClient

from .helpers import ROOT

T = TypeVar("T")

#: Generous bound on a whole session: it only catches a server that hangs.
SESSION_TIMEOUT = 60


class Session:
    """A running server and what it published."""

    def __init__(self, client: LanguageClient, folder: Path) -> None:
        self.client = client
        self.folder = folder
        self.published: dict[str, list[tuple[int | None, list[t.Diagnostic]]]] = {}
        self.versions: dict[str, int] = {}
        self.stderr = bytearray()
        """What the server wrote to its standard error (complete once the session ends)."""

    def uri(self, name: str) -> str:
        """The URI of a file of the session's folder."""
        return (self.folder / name).resolve().as_uri()

    def open(self, name: str, text: str | None = None) -> str:
        """Open a file of the folder (with ``text`` instead of its content, if given)."""
        uri = self.uri(name)
        if text is None:
            text = (self.folder / name).read_text(encoding="utf-8")
        self.versions[uri] = 1
        self.client.text_document_did_open(t.DidOpenTextDocumentParams(
            t.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
        return uri

    def change(self, uri: str, text: str) -> int:
        """Replace the whole text of an open document; return its new version."""
        self.versions[uri] += 1
        self.client.text_document_did_change(t.DidChangeTextDocumentParams(
            t.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            [t.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[uri]

    async def diagnostics(self, uri: str, version: int | None = None) -> list[t.Diagnostic]:
        """The diagnostics published for ``uri`` at ``version`` (the latest: by default)."""
        wanted = self.versions.get(uri) if version is None else version
        while True:
            for v, diags in reversed(self.published.get(uri, [])):
                if v == wanted:
                    return diags
            await asyncio.sleep(0.005)


async def _run(folder: Path, body: Callable[[Session], Awaitable[T]],
               encodings: list[str] | None) -> T:
    client = LanguageClient("argmap-tests", "1")
    session = Session(client, folder)

    @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: t.PublishDiagnosticsParams) -> None:
        session.published.setdefault(params.uri, []).append((params.version,
                                                             params.diagnostics))

    @client.feature(t.WINDOW_SHOW_DOCUMENT)
    def _show(params: t.ShowDocumentParams) -> t.ShowDocumentResult:
        return t.ShowDocumentResult(success=True)

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    await client.start_io(sys.executable, "-m", "argmap", "lsp", cwd=str(folder), env=env)
    # Read as it comes: a server that logs much must not block on a full pipe.
    drain = asyncio.create_task(_drain(client._server.stderr, session.stderr))
    try:
        await client.initialize_async(t.InitializeParams(
            capabilities=t.ClientCapabilities(
                general=t.GeneralClientCapabilities(position_encodings=encodings)
                if encodings else None,
                window=t.WindowClientCapabilities(
                    show_document=t.ShowDocumentClientCapabilities(support=True))),
            root_uri=folder.resolve().as_uri()))
        client.initialized(t.InitializedParams())
        return await asyncio.wait_for(body(session), SESSION_TIMEOUT)
    finally:
        try:
            await asyncio.wait_for(client.shutdown_async(None), 10)
            client.exit(None)
        finally:
            await client.stop()
            await asyncio.wait_for(drain, 10)


async def _drain(stream: asyncio.StreamReader | None, into: bytearray) -> None:
    while stream is not None and (chunk := await stream.read(65536)):
        into += chunk


def session(folder: Path, body: Callable[[Session], Awaitable[T]],
            encodings: list[str] | None = None) -> T:
    """Run ``body`` with a server started in ``folder`` (by a client that offers the
    position ``encodings``, UTF-16 alone by default); return what it returns."""
    return asyncio.run(_run(folder, body, encodings))


def position(text: str, needle: str, offset: int = 0) -> t.Position:
    """The position (UTF-16 columns) of the first ``needle`` in ``text``, plus ``offset``."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    col = index - (text.rfind("\n", 0, index) + 1)
    prefix = text[index - col:index]
    return t.Position(line, len(prefix.encode("utf-16-le")) // 2)


def doc(uri: str) -> Any:
    """The text document identifier of ``uri``."""
    return t.TextDocumentIdentifier(uri=uri)


def apply(text: str, edits: list[t.TextEdit]) -> str:
    """``text`` with ``edits`` applied (ASCII text: UTF-16 columns are characters)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def at(p: t.Position) -> int:
        return offsets[p.line] + p.character

    for e in sorted(edits, key=lambda e: at(e.range.start), reverse=True):
        text = text[:at(e.range.start)] + e.new_text + text[at(e.range.end):]
    return text
