"""The language server's standard input, bounded: no message from the editor can make the
server allocate more than :data:`MAX_MESSAGE` bytes at once.

pygls reads a header line with ``readline()`` and then exactly ``Content-Length`` bytes
with ``read(n)``; a header saying 99,999,999,999 made it ask for 100 GB at once and the
server died of a MemoryError, and a line that never ends was read whole. A longer line
is cut (pygls passes over a header it does not know); a longer body is read and thrown
away in pieces, which keeps the stream in step, and pygls is handed the notification
:data:`TOO_LARGE_METHOD` instead, which the server answers with a message to the user.
"""

from __future__ import annotations

import json
from typing import BinaryIO

__all__ = ["MAX_HEADER", "MAX_MESSAGE", "TOO_LARGE_METHOD", "BoundedInput"]

#: The longest message read: twice the largest map argmap reads (32 MiB), so that the
#: text of any map fits with room for JSON's escapes.
MAX_MESSAGE = 64 * 1024 * 1024
#: The longest header line read at once.
MAX_HEADER = 64 * 1024
#: The notification a message too large is replaced by (``params.length``: its length).
TOO_LARGE_METHOD = "argmap/messageTooLarge"
#: How much of a message too large is read at a time while it is thrown away.
_CHUNK = 1024 * 1024


class BoundedInput:
    """A binary input whose ``readline`` and ``read`` never hold more than the bounds."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw

    def readline(self) -> bytes:
        """A line, or its first :data:`MAX_HEADER` bytes (the rest is the next "line")."""
        return self.raw.readline(MAX_HEADER)

    def read(self, n: int) -> bytes:
        """``n`` bytes; a message over :data:`MAX_MESSAGE` is read and thrown away, and
        the :data:`TOO_LARGE_METHOD` notification given instead ("" at the end of input)."""
        if n <= MAX_MESSAGE:
            return self.raw.read(n)
        left = n
        while left > 0:
            chunk = self.raw.read(min(left, _CHUNK))
            if not chunk:
                return b""
            left -= len(chunk)
        return json.dumps({"jsonrpc": "2.0", "method": TOO_LARGE_METHOD,
                           "params": {"length": n}}).encode("ascii")
