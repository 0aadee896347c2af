"""Benchmark the language server: from an edit to its diagnostics.

    python benchmarks/bench_lsp.py [--repeat N] [--map PATH]

Starts ``argmap lsp`` as an editor does (a process spoken to over stdio, with pygls's
client), opens the flagship map (or ``--map``), then sends N edits, each a whole new
text (the map with a comment line that changes), one at a time: each is timed from
sending ``textDocument/didChange`` to receiving the ``publishDiagnostics`` of that
version. Prints a table: the first analysis (didOpen) and best, median and worst edit.
Target (issue #14): 100 ms for the flagship map.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types as t
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "arguments" / "pakistan-afghanistan.yaml"


async def _bench(path: Path, repeat: int) -> tuple[float, list[float], int]:
    client = LanguageClient("argmap-bench", "1")
    arrived: dict[int, float] = {}
    counts: dict[int, int] = {}

    @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: t.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived[params.version] = time.perf_counter()
            counts[params.version] = len(params.diagnostics)

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    await client.start_io(sys.executable, "-m", "argmap", "lsp", cwd=str(ROOT), env=env)
    await client.initialize_async(t.InitializeParams(capabilities=t.ClientCapabilities()))
    client.initialized(t.InitializedParams())
    uri = path.resolve().as_uri()
    text = path.read_text(encoding="utf-8")

    async def wait(version: int) -> float:
        while version not in arrived:
            await asyncio.sleep(0.0005)
        return arrived[version]

    sent = time.perf_counter()
    client.text_document_did_open(t.DidOpenTextDocumentParams(
        t.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    first = await wait(1) - sent
    times = []
    for version in range(2, repeat + 2):
        new = f"{text}# edit {version}\n"
        sent = time.perf_counter()
        client.text_document_did_change(t.DidChangeTextDocumentParams(
            t.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [t.TextDocumentContentChangeWholeDocument(text=new)]))
        times.append(await wait(version) - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return first, times, counts[repeat + 1]


def main() -> None:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="edits timed (default 20)")
    parser.add_argument("--map", type=Path, default=FLAGSHIP, help="the map to edit")
    args = parser.parse_args()
    first, times, findings = asyncio.run(_bench(args.map, args.repeat))
    ms = [x * 1000 for x in times]
    size = args.map.stat().st_size
    print(f"{args.map.name}: {size:,} bytes, {findings} diagnostics, {len(ms)} edits")
    print(f"{'':<28}{'ms':>8}")
    print(f"{'didOpen -> diagnostics':<28}{first * 1000:>8.1f}")
    print(f"{'didChange -> diagnostics':<28}")
    for label, value in (("  best", min(ms)), ("  median", statistics.median(ms)),
                         ("  worst", max(ms))):
        print(f"{label:<28}{value:>8.1f}")


if __name__ == "__main__":
    main()
