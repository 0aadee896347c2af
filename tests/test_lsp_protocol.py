"""argmap.lsp.protocol: messages the server cannot take, sent as raw JSON over stdio (a
real client builds only messages that fit the protocol's types)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from argmap.lsp.protocol import MAX_LOGGED, OneLine

from .helpers import ROOT

#: Generous: only catches a server that hangs.
TIMEOUT = 60


def _frame(message: dict[str, Any] | bytes) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _talk(folder: Path, messages: list[dict[str, Any] | bytes]) -> tuple[
        dict[Any, dict[str, Any]], str]:
    """Send ``messages`` then shutdown and exit; the answers by request id, and what the
    server wrote to its standard error."""
    messages = [*messages, {"jsonrpc": "2.0", "id": "end", "method": "shutdown"},
                {"jsonrpc": "2.0", "method": "exit"}]
    done = subprocess.run([sys.executable, "-m", "argmap", "lsp"],
                          input=b"".join(_frame(m) for m in messages), capture_output=True,
                          timeout=TIMEOUT, cwd=folder, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    answers: dict[Any, dict[str, Any]] = {}
    out = done.stdout
    while out:
        head, _, rest = out.partition(b"\r\n\r\n")
        length = int(head.split(b"\r\n")[0].split(b":")[1])
        message = json.loads(rest[:length])
        if "id" in message:
            answers[message["id"]] = message
        out = rest[length:]
    return answers, done.stderr.decode()


def _initialize(folder: Path) -> list[dict[str, Any] | bytes]:
    return [{"jsonrpc": "2.0", "id": "init", "method": "initialize",
             "params": {"capabilities": {}, "rootUri": folder.as_uri()}},
            {"jsonrpc": "2.0", "method": "initialized", "params": {}}]


def _open(uri: str, text: str) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "yaml", "version": 1, "text": text}}}


def _hover(msg_id: Any, uri: str, line: int, character: int) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": msg_id, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": uri}, "position": {"line": line, "character": character}}}


def _one_line_each(stderr: str) -> bool:
    return "Traceback" not in stderr and all(
        line.startswith("argmap lsp: ") for line in stderr.splitlines())


MAP = "argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n"


def test_a_position_outside_the_protocols_types_is_answered(tmp_path: Path) -> None:
    """A request at line -1, at a line past 2**31 or a negative column is answered with
    "invalid params" naming the field and value (pygls answered nothing: the editor waited
    forever, and two tracebacks went to the log); the server goes on answering."""
    uri = (tmp_path / "m.yaml").as_uri()
    answers, stderr = _talk(tmp_path, [*_initialize(tmp_path), _open(uri, MAP),
                                       _hover(1, uri, -1, 0), _hover(2, uri, 2**40, 0),
                                       _hover(3, uri, 3, -5), _hover(4, uri, 3, 8)])
    assert [-32602] * 3 == [answers[i]["error"]["code"] for i in (1, 2, 3)]
    assert ["textDocument/hover: Position.line should be in range [0:2147483647], but was -1.",
            "Position.line should be in range [0:2147483647], but was 1099511627776.",
            "Position.character should be in range [0:2147483647], but was -5."] == [
        answers[1]["error"]["message"], answers[2]["error"]["message"].split(": ", 1)[1],
        answers[3]["error"]["message"].split(": ", 1)[1]]
    assert "claim a" in answers[4]["result"]["contents"]["value"]
    assert _one_line_each(stderr)
    assert 3 == stderr.count("passed over")


def test_messages_the_server_cannot_take_are_passed_over(tmp_path: Path) -> None:
    """A document opened or asked about before `initialize`, a URI that does not parse,
    a change to a document never opened and a body that is not JSON are each passed
    over with one line in the log (pygls failed inside with a KeyError or ValueError,
    showing "Error in server" or a traceback), a request among them answered with an
    error; the server goes on."""
    uri = (tmp_path / "m.yaml").as_uri()
    bad = "file://[::1/m.yaml"
    change = {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": (tmp_path / "never.yaml").as_uri(), "version": 2},
        "contentChanges": [{"range": {"start": {"line": 5, "character": 0},
                                      "end": {"line": 9, "character": 0}}, "text": "x"}]}}
    answers, stderr = _talk(tmp_path, [
        _open(uri, MAP), _hover(1, uri, 3, 8), *_initialize(tmp_path), _open(bad, MAP),
        _hover(2, bad, 3, 8), change, b"{not json", _open(uri, MAP), _hover(3, uri, 3, 8)])
    assert ["textDocument/hover: before initialize",
            "textDocument/hover: 'file://[::1/m.yaml' is not a URI"] == [
        answers[i]["error"]["message"] for i in (1, 2)]
    assert "claim a" in answers[3]["result"]["contents"]["value"]
    assert _one_line_each(stderr)
    assert 6 == len(stderr.splitlines())
    assert "not open" in stderr
    assert "JSONDecodeError" in stderr


def test_a_log_record_is_one_line() -> None:
    """An error logged with its exception is its message's first line and the error's
    type and message, no traceback, cut at MAX_LOGGED characters."""
    try:
        raise ValueError("bad " * 1000)
    except ValueError:
        record = logging.LogRecord("pygls", logging.ERROR, __file__, 1,
                                   "Failed %s\nsecond line", ("x",), sys.exc_info())
    line = OneLine().format(record)
    assert line.startswith("argmap lsp: error: Failed x: ValueError: bad bad")
    assert "\n" not in line
    assert len("argmap lsp: error: ") + MAX_LOGGED + 1 == len(line)
