"""Tests of argmap.lsp.stream: the language server's input never holds more than its
bounds, whatever Content-Length the editor (or anything writing to it) sends."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tracemalloc

from argmap.lsp.stream import MAX_HEADER, MAX_MESSAGE, TOO_LARGE_METHOD, BoundedInput

from .helpers import ROOT


def test_a_message_within_the_bound_is_read_as_it_is() -> None:
    """Lines and bodies within the bounds pass through unchanged."""
    stream = BoundedInput(io.BytesIO(b"Content-Length: 2\r\n\r\n{}"))
    assert [b"Content-Length: 2\r\n", b"\r\n", b"{}"] == [
        stream.readline(), stream.readline(), stream.read(2)]


def test_a_message_over_the_bound_is_thrown_away_in_pieces() -> None:
    """A body one byte over MAX_MESSAGE is read (the stream stays in step: the next
    header follows) without holding it, and the notification comes instead."""
    raw = io.BytesIO(b"x" * (MAX_MESSAGE + 1) + b"Content-Length: 2\r\n")
    stream = BoundedInput(raw)
    tracemalloc.start()
    try:
        body = stream.read(MAX_MESSAGE + 1)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert ({"jsonrpc": "2.0", "method": TOO_LARGE_METHOD,
             "params": {"length": MAX_MESSAGE + 1}}, b"Content-Length: 2\r\n") == (
        json.loads(body), stream.readline())
    assert peak < 4 * 1024 * 1024, peak


def test_a_body_cut_short_ends_the_input() -> None:
    """A Content-Length of 100 GB (pygls asked for it at once: a MemoryError killed the
    server) with the input ending first: the end of the input, nothing allocated."""
    assert b"" == BoundedInput(io.BytesIO(b"{}")).read(99_999_999_999)


def test_a_line_that_never_ends_is_cut() -> None:
    """A header line is read MAX_HEADER bytes at a time."""
    stream = BoundedInput(io.BytesIO(b"X" * (3 * MAX_HEADER) + b"\r\n"))
    assert [MAX_HEADER, MAX_HEADER, MAX_HEADER, 2] == [len(stream.readline()) for _ in range(4)]


def _frame(message: dict[str, object]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def test_the_server_answers_after_a_message_too_large() -> None:
    """`argmap lsp` given a message over the bound and a line of 1 MB without an end
    says so to the user and answers the next request (its shutdown); the 60 s limit only
    catches a hang."""
    too_large = b'{"params": "' + b"a" * MAX_MESSAGE + b'"}'
    data = b"".join([
        _frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"capabilities": {}}}),
        b"Content-Length: %d\r\n\r\n" % len(too_large) + too_large,
        b"X" * (1024 * 1024) + b"\r\n\r\n",
        _frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        _frame({"jsonrpc": "2.0", "method": "exit"}),
    ])
    done = subprocess.run([sys.executable, "-m", "argmap", "lsp"], input=data,
                          capture_output=True, timeout=60, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    bodies = [json.loads(part.split(b"\r\n\r\n", 1)[1])
              for part in done.stdout.split(b"Content-Length: ")[1:]]
    shown = [b["params"]["message"] for b in bodies if b.get("method") == "window/showMessage"]
    assert ([f"argmap: a message of {len(too_large)} bytes from the editor was passed over; "
             "the server reads messages of at most 64 MiB"], [1, 2]) == (
        shown, [b["id"] for b in bodies if "id" in b])
