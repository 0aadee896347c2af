"""``argmap serve``: a preview server that re-renders maps on save and reloads open pages.

The standard library's :class:`~http.server.ThreadingHTTPServer` serves three
kinds of path, and nothing else (no file is ever looked up by a path from a
URL, so there is nothing to traverse):

* ``/``: the index of the maps (:meth:`Site.index <argmap.html.site.Site.index>`);
* ``/map/<file name>``: a map's page, or its located errors;
* ``/events``: server-sent events; each announces the current version of the maps.

Each connection is answered in a thread of its own, and so is bounded: at most
``max_event_streams`` event streams at once (beyond, ``503`` with ``Retry-After``,
and the browser tries again), at most ``max_connections`` connections in all
(beyond, ``503`` at once from the accepting thread), and a client that sends
nothing, or does not read, is dropped after :data:`~argmap.html._handler.TIMEOUT`
seconds. Pages are therefore still served while a web page holds the event
streams' cap open.

A watcher thread polls the files' modification times (no dependency, works on
every file system, a save is seen within ``interval`` seconds); a change bumps
the version, drops the cached pages and wakes every ``/events`` stream, and the
pages reload themselves. By default the server listens on 127.0.0.1 only and
answers only requests addressed to a loopback name, so that a web page in the
same browser cannot reach it through a DNS name of its own (DNS rebinding).
Nothing here prints: messages go to the ``log`` callback.
"""

from __future__ import annotations

import errno
import socket
import sys
import threading
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from argmap.checks import Settings
from argmap.errors import ArgmapError
from argmap.html._handler import make_handler
from argmap.html.site import Page, Site
from argmap.loading.loader import MAP_SUFFIXES
from argmap.render.options import RenderOptions
from argmap.render.output import OutputOptions
from argmap.render.page import LiveReload

__all__ = ["DEFAULT_PORT", "LOOPBACK", "MAX_CONNECTIONS", "MAX_EVENT_STREAMS", "Log",
           "PreviewServer", "ServeError"]

DEFAULT_PORT = 8765
#: Event streams open at once (one per open page; a browser keeps about six per server).
MAX_EVENT_STREAMS = 32
#: Connections answered at once, event streams included.
MAX_CONNECTIONS = 64
LOOPBACK = "127.0.0.1"
#: Seconds close() waits for each of the server's loops to end (they end within 0.5 s).
_CLOSE_WAIT = 5.0
#: Host names a request may be addressed to when the server listens on loopback.
_LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})

Log = Callable[[str], None]
"""Receives the server's messages (the CLI prints them)."""


class ServeError(ArgmapError):
    """The server cannot start (the port is taken, the address is not local, ...)."""


_FULL = (b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
         b"Retry-After: 5\r\nConnection: close\r\n\r\n"
         b"argmap serve is answering as many connections as it keeps; try again shortly\n")


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    preview: PreviewServer
    slots: threading.BoundedSemaphore

    def handle_error(self, request: object, client_address: object) -> None:
        # The default prints a traceback to stderr; the library does not print.
        exc = sys.exc_info()[1]
        self.preview.log(f"error while answering a request: {type(exc).__name__}: {exc}")

    def process_request(self, request: Any, client_address: Any) -> None:
        """Answer in a thread of its own, unless max_connections are being answered."""
        if not self.slots.acquire(blocking=False):
            # From the accepting thread: a short write into a new socket's empty buffer,
            # which does not block, then the connection is closed.
            try:
                request.setblocking(False)
                request.send(_FULL)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except Exception:
            self.slots.release()  # no thread was started to release it
            raise
        # Not on KeyboardInterrupt: Ctrl-C can land in Thread.start() once the thread
        # runs, which then releases the slot itself (a second release is a ValueError
        # printed from that thread); the server is stopping anyway.

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


class PreviewServer:
    """Serve the maps of a file or folder with live reload (see the module docstring)."""

    def __init__(self, path: str | Path, *, host: str = LOOPBACK, port: int = DEFAULT_PORT,
                 options: RenderOptions | None = None, output: OutputOptions | None = None,
                 settings: Settings | None = None, interval: float = 0.5,
                 log: Log | None = None, max_event_streams: int = MAX_EVENT_STREAMS,
                 max_connections: int = MAX_CONNECTIONS) -> None:
        if not 0 < max_event_streams < max_connections:
            # Event streams last as long as their pages: pages need connections left.
            raise ServeError("max_event_streams must be above 0 and below max_connections")
        self.site = Site(path, options=options, output=output, settings=settings)
        self.interval = interval
        self.event_slots = threading.BoundedSemaphore(max_event_streams)
        self.log: Log = log or (lambda message: None)
        self._version = 1
        self._fingerprint = self.site.fingerprint()
        self._changed = threading.Condition()
        self._cache: dict[str, tuple[int, Page]] = {}
        self._render = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        # Set while no accept loop runs: close() waits for it, for _CLOSE_WAIT at most.
        self._loop_done = threading.Event()
        self._loop_done.set()
        self._loopback = _is_loopback(host)
        server_class = type("_Server", (_HTTPServer,), {
            "address_family": socket.AF_INET6 if ":" in host else socket.AF_INET})
        try:
            self._httpd = server_class((host, port), make_handler(self))
        except OSError as exc:
            # A port in use is the usual cause; a host that is no address of this
            # machine (or no address at all) is the other.
            hint = ("choose another --port" if exc.errno == errno.EADDRINUSE else
                    "check --host: an address of this machine (127.0.0.1 by default)")
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; "
                             f"{hint}") from None
        self._httpd.preview = self
        self._httpd.slots = threading.BoundedSemaphore(max_connections)

    @property
    def url(self) -> str:
        """The address of the index page."""
        host, port = self._httpd.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else str(host)
        return f"http://{shown}:{port}/"

    @property
    def version(self) -> int:
        """The version of the maps: it goes up by one on every change seen."""
        with self._changed:
            return self._version

    def poll(self) -> bool:
        """Look for changed files once; on a change, bump the version and wake the pages."""
        fingerprint = self.site.fingerprint()
        if fingerprint == self._fingerprint:
            return False
        before = {path: (m, s) for path, m, s in self._fingerprint}
        after = {path: (m, s) for path, m, s in fingerprint}
        # A source text watched for the first time (its map was just loaded) is
        # not a change; a map file that appears or goes away is.
        changed = sorted({Path(p).name for p in after.keys() & before.keys()
                          if after[p] != before[p]}
                         | {Path(p).name for p in after.keys() ^ before.keys()
                            if Path(p).suffix in MAP_SUFFIXES})
        self._fingerprint = fingerprint
        if not changed:
            return False
        with self._changed:
            self._version += 1
            self._cache.clear()
            self._changed.notify_all()
        self.log(f"changed: {', '.join(changed)}; open pages reload")
        for name in self.site.files():
            if name in changed:
                self.log(f"  {name}: {self.site.status(name).summary()}")
        return True

    def wait_for_change(self, seen: int | None, timeout: float) -> int:
        """The version once it differs from ``seen`` (or after ``timeout`` seconds)."""
        with self._changed:
            if seen == self._version and not self._stop.is_set():
                self._changed.wait(timeout)
            return self._version

    def page(self, path: str) -> Page:
        """The response for a GET of ``path`` (the URL path, still percent-encoded)."""
        if path == "/":
            return self._cached("/", self.site.index)
        if path.startswith("/map/"):
            name = unquote(path[len("/map/"):])
            if name in self.site.files():
                return self._cached(path, lambda live: self.site.map_page(name, live)
                                    or self.site.not_found())
        return self.site.not_found()

    def _cached(self, key: str, make: Callable[[LiveReload], Page]) -> Page:
        version = self.version
        hit = self._cache.get(key)
        if hit is not None and hit[0] == version:
            return hit[1]
        # One render at a time: Graphviz runs take a CPU each, and a page asked for
        # by several tabs at once is then rendered once.
        with self._render:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == version:
                return hit[1]
            page = make(LiveReload(version))
            with self._changed:
                if self._version == version:
                    self._cache[key] = (version, page)
        return page

    def allowed_host(self, host_header: str | None) -> bool:
        """Whether a request addressed to ``host_header`` is answered (see the docstring)."""
        if not self._loopback:
            return True
        if not host_header:
            return False
        host = host_header.strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return host in _LOOPBACK_NAMES or name in _LOOPBACK_NAMES

    @property
    def stopping(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._stop.is_set()

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.poll()
            except Exception as exc:  # the watcher must outlive anything a save can cause
                self.log(f"cannot check the files for changes: {exc}")

    def _start_thread(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _serve(self, poll: float) -> None:
        # argmap's own accept loop, not socketserver's serve_forever(): the shutdown()
        # that stops that one waits, with no timeout, for a loop that may never start or
        # may already have been left (Ctrl-C between its flag and its try, a thread that
        # died first), and Ctrl-C must always stop the server. This loop looks at _stop
        # every ``poll`` seconds; close() sets it and waits at most _CLOSE_WAIT.
        self._httpd.timeout = poll
        try:
            # Cleared in here, so that the finally always sets it again; a close() that
            # comes before this does not wait, and the loop below then never starts.
            self._loop_done.clear()
            while not self._stop.is_set():
                self._httpd.handle_request()
        finally:
            self._loop_done.set()

    def serve_forever(self) -> None:
        """Serve until :meth:`close` (from another thread) or an exception such as Ctrl-C."""
        self._start_thread(self._watch, "argmap-watch")
        self._serve(0.2)

    def start(self) -> None:
        """Serve in background threads (for tests and embedding); :meth:`close` stops it."""
        self._start_thread(self._watch, "argmap-watch")
        self._start_thread(lambda: self._serve(0.05), "argmap-http")

    def close(self) -> None:
        """Stop watching and serving; open event streams end. Returns within seconds
        whatever state the loops are in (each is waited for at most _CLOSE_WAIT)."""
        self._stop.set()
        with self._changed:
            self._changed.notify_all()
        # The accept loop sees _stop within its poll interval; the socket is closed only
        # after it has left, so that it never selects on a closed descriptor.
        self._loop_done.wait(_CLOSE_WAIT)
        self._httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=_CLOSE_WAIT)


def _is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "::1", "localhost") or host.startswith("127.")


