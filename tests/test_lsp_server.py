"""argmap.lsp.server in process: what the stdio tests (test_lsp.py) cannot provoke."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lsprotocol import types as t
from pygls.workspace import Workspace

from argmap.lsp.analysis import Analysis
from argmap.lsp.server import ArgmapServer

from .helpers import finishes, reaped, write_map


def _server(tmp_path: Path, text: str) -> tuple[ArgmapServer, str]:
    ls = ArgmapServer()
    ls.protocol._workspace = Workspace(tmp_path.as_uri())
    uri = (tmp_path / "m.yaml").as_uri()
    ls.workspace.put_text_document(t.TextDocumentItem(uri=uri, language_id="yaml", version=1,
                                                      text=text))
    return ls, uri


@pytest.mark.parametrize(("error", "code"), [(RecursionError, "too-deep"),
                                             (MemoryError, "too-large")])
def test_the_last_line_of_defence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  error: type[BaseException], code: str) -> None:
    """Running out of stack or memory while analysing is a diagnostic, not a dead server."""
    ls, uri = _server(tmp_path, "argmap: 1\n")

    def fail(path: Path, text: str) -> Analysis:
        raise error

    monkeypatch.setattr(ls.disk, "analyse", fail)
    assert [code] == [p.code for p in ls.analysis(uri).problems]


def test_a_request_on_newer_text_analyses_it_first(tmp_path: Path) -> None:
    """The analysis a request reads is of the text the editor holds now."""
    ls, uri = _server(tmp_path, "argmap: 1\ntitle: T\n")
    first = ls.analysis(uri)
    assert first is ls.analysis(uri)
    ls.workspace.put_text_document(t.TextDocumentItem(uri=uri, language_id="yaml", version=2,
                                                      text="argmap: 1\ntitle: [\n"))
    assert ["yaml-syntax"] == [p.code for p in ls.analysis(uri).problems]


def test_completion_does_not_check_the_text_being_typed(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Completion offers the ids of the map as it last loaded, without analysing the text
    being typed (a map of 10,000 nodes takes seconds to check)."""
    from argmap.lsp.server import completion

    text = "argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n"
    ls, uri = _server(tmp_path, text)
    assert ls.analysis(uri).current is not None
    typing = text + "    supports: ["
    ls.workspace.put_text_document(t.TextDocumentItem(uri=uri, language_id="yaml", version=2,
                                                      text=typing))

    def fail(path: Path, text: str) -> Analysis:
        raise AssertionError("analysed")

    monkeypatch.setattr(ls.disk, "analyse", fail)
    found = completion(ls, t.CompletionParams(text_document=t.TextDocumentIdentifier(uri=uri),
                                              position=t.Position(6, 15)))
    assert ["a"] == [item.label for item in found.items]


def test_the_server_keeps_the_garbage_collector() -> None:
    """`argmap lsp` runs for hours: like `serve`, it keeps the cyclic garbage collector on
    (the CLI switches it off for commands that run for a moment)."""
    from argmap.cli._app import _long_running

    assert (True, True, False) == (_long_running(["lsp"]), _long_running(["serve", "x"]),
                                   _long_running(["check", "x"]))


def test_a_document_the_editor_did_not_open_is_read_safely(tmp_path: Path) -> None:
    """A request about a document the editor never opened (hover, symbols, ...) reads the
    saved file through the one safe reader: a link out of the tree gives no text (pygls's
    own read followed it and the hover showed the text of the map it led to), and a FIFO
    or a device gives none at once instead of hanging or filling memory."""
    folder = tmp_path / "ws"
    folder.mkdir()
    outside = tmp_path / "outside.yaml"
    outside.write_text("argmap: 1\ntitle: T\nnodes:\n  - id: x\n    kind: claim\n"
                       "    text: SECRET-MARKER\n", encoding="utf-8")
    (folder / "evil.yaml").symlink_to(outside)
    os.mkfifo(folder / "pipe.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    ls = ArgmapServer()
    ls.protocol._workspace = Workspace(folder.as_uri())
    found = [finishes(lambda name=name: ls.analysis((folder / name).as_uri()))
             for name in ("evil.yaml", "pipe.yaml", "zero.yaml")]
    assert [("", ())] * 3 == [(a.text, a.problems) for a in found]
    good = write_map(folder, "good.yaml", "argmap: 1\ntitle: Good\n")
    assert "argmap: 1\ntitle: Good\n" == ls.analysis(good.as_uri()).text


@pytest.mark.parametrize("uri", ["file:///%00.yaml", "file:///tmp/" + "a" * 300 + ".yaml",
                                 "file:///tmp/" + "b/" * 3000 + "m.yaml", "file://[::1/m.yaml",
                                 "file:///\ud800.yaml"])
def test_a_uri_that_names_no_possible_file(tmp_path: Path, uri: str) -> None:
    """A URI with a NUL, a lone surrogate (JSON can write one), a name or path longer
    than the system takes, or one urllib cannot take apart is an unsaved document of the
    working directory: analysing it raised ValueError or OSError (ENAMETOOLONG) from the
    configuration's search."""
    ls = ArgmapServer()
    ls.protocol._workspace = Workspace(tmp_path.as_uri())
    path = ls.path_of(uri)
    assert (Path(os.getcwd()), "untitled.yaml") == (path.parent, path.name)
    found = ls._analyse(path, "argmap: 1\ntitle: T\nnodes: x\n")
    assert ["invalid-value"] == [p.code for p in found.problems]


def test_ctrl_c_stops_the_server_with_130(tmp_path: Path) -> None:
    """SIGINT to `argmap lsp` (run in a terminal, as docs/editors.md suggests for
    trouble) stops it with the shell's code, 130, as any command, and no traceback
    (pygls ended quietly with 0, as when the editor exits)."""
    import json
    import signal
    import subprocess
    import sys

    from .helpers import ROOT

    with reaped(subprocess.Popen([sys.executable, "-m", "argmap", "lsp"], cwd=tmp_path,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE,
                                 env={**os.environ, "PYTHONPATH": str(ROOT / "src")})) as proc:
        assert proc.stdin is not None
        assert proc.stdout is not None
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                           "params": {"capabilities": {}}}).encode()
        proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        proc.stdin.flush()
        assert proc.stdout.readline().startswith(b"Content-Length:")  # it serves
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert (130, b"") == (proc.returncode, err)
