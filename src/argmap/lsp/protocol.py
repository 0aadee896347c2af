"""What the server does with a message it cannot take, and how it logs.

pygls answers a request whose parameters do not fit the protocol's types (a position at
line -1 or past 2**31) with nothing at all: the error is logged with two tracebacks and
the editor waits for an answer forever. A change to a document that was never opened,
or a message before ``initialize``, fails inside pygls the same way. Here such a request
is answered with an "invalid params" error naming what is wrong, a notification is
passed over, and each is logged on one line.

Everything pygls logs goes to standard error (the editor's log of the server) on one
line without a traceback, as the CLI never prints one: a map or a message may make the
server refuse something, never spill its insides.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import unquote

from lsprotocol import types as t
from pygls.exceptions import JsonRpcInvalidParams
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

__all__ = ["MAX_LOGGED", "ArgmapProtocol", "OneLine", "log_to_stderr"]

#: The most characters of one log line: pygls puts a message's parameters in some of
#: its lines, and a document's text is a parameter.
MAX_LOGGED = 500

logger = logging.getLogger("argmap.lsp")


class _Dropped:
    """A message passed over (what :meth:`ArgmapProtocol.structure_message` returns)."""


_DROPPED = _Dropped()


def _reasons(exc: BaseException) -> list[str]:
    """The innermost errors of a cattrs validation error (each says which field and
    which value), or the error itself."""
    inner = getattr(exc, "exceptions", None)
    if not inner:
        return [f"{exc}"]
    return [reason for sub in inner for reason in _reasons(sub)]


def _cut(text: str) -> str:
    first = text.split("\n", 1)[0]
    return first if len(first) <= MAX_LOGGED else first[:MAX_LOGGED] + "\u2026"


class ArgmapProtocol(LanguageServerProtocol):
    """pygls's protocol, answering what it cannot take instead of losing it."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        """A message from the editor as the protocol's type; a request whose parameters
        do not fit it is answered with an error here and passed over."""
        method = data.get("method") if "jsonrpc" in data else None
        kind = self.get_message_type(method) if isinstance(method, str) else None
        if kind is None:  # (a response, an unknown method, or a part of a message)
            return super().structure_message(data)
        try:
            return self._converter.structure(data, kind)
        except Exception as exc:  # (cattrs raises whatever a validator raised)
            self._refuse(data.get("id"), f"{method}: {'; '.join(_reasons(exc))}")
            return _DROPPED

    def handle_message(self, message: Any) -> None:
        """Handle a message, except one passed over: about a document named by a URI that
        does not parse, about a document before the server is initialized, or a change
        to a document never opened."""
        if message is _DROPPED:
            return
        method = getattr(message, "method", None)
        document = getattr(getattr(message, "params", None), "text_document", None)
        uri = getattr(document, "uri", None)
        if isinstance(uri, str):
            why = None
            if not _parses(uri):
                why = f"{method}: {uri!r} is not a URI"
            elif self._workspace is None:
                why = f"{method}: before initialize"
            elif method == t.TEXT_DOCUMENT_DID_CHANGE and \
                    unquote(uri) not in self.workspace.text_documents:
                why = f"{method}: {uri} is not open"
            if why is not None:
                self._refuse(getattr(message, "id", None), why)
                return
        super().handle_message(message)

    def _refuse(self, msg_id: Any, why: str) -> None:
        """Log that a message is passed over; answer it with an error if it is a request."""
        logger.warning("passed over: %s", why)
        if isinstance(msg_id, (int, str)):
            self._send_response(msg_id, error=JsonRpcInvalidParams(_cut(why))
                                .to_response_error())


def _parses(uri: str) -> bool:
    """Whether pygls can take ``uri`` apart (it raises on some, such as ``file://[x``)."""
    try:
        to_fs_path(uri)
    except ValueError:
        return False
    return True


class OneLine(logging.Formatter):
    """A log record on one line: its message's first line, the error's type and message
    (no traceback), cut at :data:`MAX_LOGGED` characters."""

    def format(self, record: logging.LogRecord) -> str:
        """The line for ``record``."""
        text = record.getMessage()
        if record.exc_info is not None and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            text = f"{text.split(chr(10), 1)[0]}: {type(exc).__name__}: {exc}"
        return f"argmap lsp: {record.levelname.lower()}: {_cut(text)}"


def log_to_stderr() -> None:
    """Send the warnings and errors of pygls and the server to standard error, each on
    one line (:class:`OneLine`)."""
    handler = logging.StreamHandler()
    handler.setFormatter(OneLine())
    handler.setLevel(logging.WARNING)
    for name in ("pygls", "argmap.lsp"):
        log = logging.getLogger(name)
        log.addHandler(handler)
        log.setLevel(logging.WARNING)
        log.propagate = False
