"""The HTTP request handler of ``argmap serve`` (see :mod:`argmap.html.serve`)."""

from __future__ import annotations

import io
import math
import select
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler
from typing import Any, Protocol
from urllib.parse import urlsplit

from argmap.html.site import Page

__all__ = ["Served", "make_handler"]


class Served(Protocol):
    """What the handler needs of the server (:class:`argmap.html.serve.PreviewServer`):
    declared here so that the handler does not import the server that imports it."""

    event_slots: threading.BoundedSemaphore

    @property
    def stopping(self) -> bool:
        """Whether the server is closing."""

    def allowed_host(self, host_header: str | None) -> bool:
        """Whether a request with this ``Host`` header is answered."""

    def page(self, path: str) -> Page:
        """The response for a GET of ``path``."""

    def wait_for_change(self, seen: int | None, timeout: float) -> int:
        """The version of the maps, once it differs from ``seen`` (or after ``timeout``)."""

#: Headers of every response: nothing is cached (pages change on every save), the
#: type is never sniffed, pages are not framed and send no referrer.
_HEADERS = (("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"))
#: Seconds between keep-alive comments on an idle event stream.
KEEPALIVE = 15.0
#: Seconds an event stream waits for a change before it looks whether its page has gone.
_GONE_CHECK = 1.0
#: Seconds a client may take to send its whole request (its line and headers), or to take
#: a response's next bytes: an idle or slow client does not hold its thread for longer.
TIMEOUT = 10.0
#: What a request for an event stream gets beyond the server's cap.
_BUSY = (b"argmap serve has as many live-reload connections open as it keeps; "
         b"try again shortly\n")
#: Seconds after which a browser is asked to try a refused event stream again.
RETRY_AFTER = 5


class _Deadline(io.RawIOBase):
    """A connection's bytes, read against one deadline for the whole request.

    A socket's timeout bounds each read: a client that sends a byte of its headers every
    nine seconds (slowloris) kept its connection, and its thread, for ever, and 64 of
    them held every connection the server answers. Each read here waits only for what
    is left of :data:`TIMEOUT` since the request began.
    """

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self.sock = sock
        self.deadline = math.inf

    def readable(self) -> bool:
        """A reader (for io.BufferedReader)."""
        return True

    def readinto(self, buffer: Any) -> int:
        """Bytes of the request, or TimeoutError past the deadline (http.server then
        closes the connection, as for a read that timed out)."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request took too long to arrive")
        self.sock.settimeout(min(left, TIMEOUT))
        return self.sock.recv_into(buffer)


def make_handler(server: Served) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to ``server``."""

    class Handler(BaseHTTPRequestHandler):
        """Answers GET and HEAD from ``server``; every other method gets 501."""

        server_version = "argmap-serve"
        sys_version = ""
        timeout = TIMEOUT

        def log_message(self, format: str, *args: Any) -> None:
            """Requests are not logged (the default writes every one to stderr)."""

        def setup(self) -> None:
            """The connection, its request read against a deadline (:class:`_Deadline`)."""
            super().setup()
            self.rfile.close()  # the socket's own reader, replaced (the socket stays open)
            self.reader = _Deadline(self.connection)
            self.rfile = io.BufferedReader(self.reader)

        def handle_one_request(self) -> None:
            """One request: it must arrive whole within TIMEOUT seconds."""
            self.reader.deadline = time.monotonic() + TIMEOUT
            super().handle_one_request()

        def parse_request(self) -> bool:
            """The request line and headers are in: the response's writes get the whole
            timeout again (the deadline's last read may have left it short)."""
            parsed = super().parse_request()
            self.reader.deadline = math.inf
            self.connection.settimeout(TIMEOUT)
            return parsed

        def _send(self, page: Page, *, body: bool = True,
                  extra: tuple[tuple[str, str], ...] = ()) -> None:
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(page.body)))
            for name, value in (*_HEADERS, *extra):
                self.send_header(name, value)
            self.end_headers()
            if body:
                self.wfile.write(page.body)

        def _answer(self, body: bool) -> None:
            if not server.allowed_host(self.headers.get("Host")):
                self._send(Page(b"argmap serve answers requests to 127.0.0.1 or localhost "
                                b"only\n", 403, "text/plain; charset=utf-8"), body=body)
                return
            path = urlsplit(self.path).path
            if path == "/events" and body:
                # At most server.max_event_streams at once: each holds a thread for as
                # long as its page is open, and a web page could open hundreds.
                if not server.event_slots.acquire(blocking=False):
                    self._send(Page(_BUSY, 503, "text/plain; charset=utf-8"),
                               extra=(("Retry-After", str(RETRY_AFTER)),))
                    return
                try:
                    self._events()
                finally:
                    server.event_slots.release()
                return
            self._send(server.page(path), body=body)

        def do_GET(self) -> None:  # the name http.server dispatches GET to
            """Answer a GET: a page, or the event stream."""
            self._answer(body=True)

        def do_HEAD(self) -> None:
            """Answer a HEAD: a page's headers."""
            self._answer(body=False)

        def _events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            for name, value in _HEADERS:
                self.send_header(name, value)
            self.end_headers()
            seen: int | None = None
            try:
                # A browser reconnects after a second if the stream breaks.
                self.wfile.write(b"retry: 1000\n\n")
                quiet_until = time.monotonic() + KEEPALIVE
                while not server.stopping:
                    version = server.wait_for_change(seen, min(KEEPALIVE, _GONE_CHECK))
                    if server.stopping:
                        break
                    if version != seen:
                        self.wfile.write(f"event: change\ndata: {version}\n\n".encode())
                        seen = version
                    elif self._gone():
                        return
                    elif time.monotonic() >= quiet_until:
                        self.wfile.write(b": keep-alive\n\n")
                    else:
                        continue
                    self.wfile.flush()
                    quiet_until = time.monotonic() + KEEPALIVE
            except (OSError, ValueError):  # BrokenPipe, ConnectionReset, a write timed out
                return  # the page was closed or reloaded, or stopped reading

        def _gone(self) -> bool:
            """Whether the page closed the stream (its slot is then free at once, not at
            the next keep-alive). A page sends nothing on it: readable means closed."""
            try:
                readable, _, _ = select.select([self.connection], [], [], 0)
                return bool(readable) and not self.connection.recv(1, socket.MSG_PEEK)
            except (OSError, ValueError):
                return True

    return Handler
