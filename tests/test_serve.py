"""Tests of argmap.html.serve (`argmap serve`): pages, live reload, errors, and what is
never served. A real server on a free loopback port, spoken to over HTTP."""

from __future__ import annotations

import http.client
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.html import _handler
from argmap.html.serve import MAX_EVENT_STREAMS, PreviewServer, ServeError
from argmap.render.bound import MAX_DRAWN

from .helpers import ROOT, finishes, reaped, write_map

needs_graphviz = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed")
SMALL = (ROOT / "tests" / "golden" / "small.yaml").read_text(encoding="utf-8")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[PreviewServer]:
    """A server on a free port over a folder with one map and a file that is not a map."""
    write_map(tmp_path, "small.yaml", SMALL)
    (tmp_path / "secret.txt").write_text("do not serve\n", encoding="utf-8")
    server = PreviewServer(tmp_path, port=0, interval=0.05)
    server.start()
    yield server
    server.close()


def _address(server: PreviewServer) -> tuple[str, int]:
    match = re.fullmatch(r"http://([\d.]+):(\d+)/", server.url)
    assert match is not None
    return match.group(1), int(match.group(2))


def _get(server: PreviewServer, path: str, *, method: str = "GET",
         host: str | None = None) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection(*_address(server), timeout=20)
    try:
        conn.putrequest(method, path, skip_host=host is not None)
        if host is not None:
            conn.putheader("Host", host)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read().decode()
    finally:
        conn.close()


class _Events:
    """A reader of the /events stream."""

    def __init__(self, server: PreviewServer) -> None:
        self.conn = http.client.HTTPConnection(*_address(server), timeout=20)
        self.conn.request("GET", "/events")
        self.resp = self.conn.getresponse()
        assert self.resp.getheader("Content-Type") == "text/event-stream; charset=utf-8"

    def next_version(self) -> int:
        """The version of the next `change` event."""
        event = None
        while True:
            line = self.resp.readline().decode()
            assert line, "the stream ended"
            if line.startswith("event: "):
                event = line[7:].strip()
            elif line.startswith("data: ") and event == "change":
                return int(line[6:])

    def close(self) -> None:
        self.conn.close()


def test_loopback_only_by_default(served: PreviewServer) -> None:
    """The server listens on 127.0.0.1 and answers requests addressed to loopback names."""
    assert served.url.startswith("http://127.0.0.1:")
    _host, port = _address(served)
    assert _get(served, "/", host=f"localhost:{port}")[0] == 200
    status, _, body = _get(served, "/", host="evil.example")
    assert (status, body) == (403, "argmap serve answers requests to 127.0.0.1 or localhost "
                                    "only\n")
    assert _get(served, "/", host=f"127.0.0.1.evil.example:{port}")[0] == 403


def test_index_and_headers(served: PreviewServer) -> None:
    """The index lists the map with its findings; responses are not cached or sniffed."""
    status, headers, body = _get(served, "/")
    assert status == 200
    assert '<a href="/map/small.yaml">small.yaml</a>' in body
    assert "2 findings (2 warnings)" in body
    assert headers["Cache-Control"] == "no-store"
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers, body = _get(served, "/", method="HEAD")
    assert (status, body) == (200, "")
    assert int(headers["Content-Length"]) > 1000
    assert _get(served, "/", method="POST")[0] == 501


@pytest.mark.parametrize("path", [
    "/secret.txt", "/map/secret.txt", "/map/../secret.txt", "/map/..%2fsecret.txt",
    "/map/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/../../../../etc/passwd", "//etc/passwd",
    "/map//etc/passwd", "/map/%2Fetc%2Fpasswd", "/map/small.yaml/../secret.txt",
    "/map/small.yaml%00.txt", "/small.yaml", "/map/"])
def test_nothing_but_the_maps(served: PreviewServer, path: str) -> None:
    """No path reaches a file that is not a served map (path traversal included)."""
    status, _, body = _get(served, path)
    assert status == 404
    assert "do not serve" not in body
    assert "root:" not in body
    assert "argmap serve shows only the maps it was given" in body


@needs_graphviz
def test_save_break_fix_reach_open_pages(served: PreviewServer) -> None:
    """A save is pushed to open pages; a broken map shows its located error until fixed."""
    events = _Events(served)
    try:
        assert events.next_version() == 1
        status, _, page = _get(served, "/map/small.yaml")
        assert status == 200
        assert 'id="am-svg"' in page
        assert '"version":1' in page
        path = served.site.root / "small.yaml"
        path.write_text(SMALL.replace("Should the town build a bypass?", "Bypass, again?"),
                        encoding="utf-8")
        assert events.next_version() == 2
        assert "<h1 dir=\"auto\">Bypass, again?</h1>" in _get(served, "/map/small.yaml")[2]
        path.write_text(SMALL.replace("kind: objection", "kind: objektion"), encoding="utf-8")
        assert events.next_version() == 3
        status, _, page = _get(served, "/map/small.yaml")
        assert status == 200
        assert f"{path}:37:11: error: nodes[4].kind: &#39;objektion&#39; is not one of" in page
        assert "hint: did you mean &#39;objection&#39;?" in page
        assert "2 findings" not in _get(served, "/")[2]
        path.write_text(SMALL, encoding="utf-8")
        assert events.next_version() == 4
        assert 'id="am-svg"' in _get(served, "/map/small.yaml")[2]
    finally:
        events.close()


def test_new_maps_appear(served: PreviewServer) -> None:
    """A map file added to the folder is a change: the index lists it."""
    write_map(served.site.root, "later.yaml", "argmap: 1\ntitle: Later\nnodes: []\n")
    deadline = time.monotonic() + 10
    while served.version == 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert served.version == 2
    assert '<a href="/map/later.yaml">later.yaml</a>' in _get(served, "/")[2]


def test_watching_a_source_text_is_not_a_change(tmp_path: Path) -> None:
    """The first load adds the quoted source text to the watch list without a reload;
    editing it afterwards is a change."""
    write_map(tmp_path, "q.yaml", "argmap: 1\ntitle: Q\nsources:\n  - id: s\n    title: S\n"
              "    text: s.txt\nnodes: []\n", files={"s.txt": "text\n"})
    logged: list[str] = []
    server = PreviewServer(tmp_path, port=0, log=logged.append)
    try:
        server.site.status("q.yaml")
        assert not server.poll()
        os.utime(tmp_path / "s.txt", ns=(1, 1))
        assert server.poll()
        assert logged == ["changed: s.txt; open pages reload"]
    finally:
        server.close()


def test_index_answers_with_fifos_in_the_folder(tmp_path: Path) -> None:
    """A FIFO named like a map and a FIFO as a map's source text: the index and the map's
    page answer (within the client's 20 s timeout, which only catches a hang), the map
    with its located error."""
    write_map(tmp_path, "small.yaml", SMALL)
    write_map(tmp_path, "piped.yaml", "argmap: 1\ntitle: Piped\nsources:\n  - id: s\n"
              "    title: S\n    text: pipe.txt\nnodes: []\n")
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "fifo.yaml")
    server = PreviewServer(tmp_path, port=0, interval=0.05)
    server.start()
    try:
        status, _, body = _get(server, "/")
        assert (200, True, True, False) == (
            status, '<a href="/map/small.yaml">small.yaml</a>' in body,
            "does not load: 1 error" in body, "fifo.yaml" in body)
        status, _, body = _get(server, "/map/piped.yaml")
        assert (200, True) == (status, "[source-not-a-file]" in body)
    finally:
        server.close()


def test_port_in_use(served: PreviewServer) -> None:
    """A port that is taken is a ServeError that says which, not a traceback."""
    _, port = _address(served)
    with pytest.raises(ServeError, match=f"cannot listen on 127.0.0.1:{port}: .*--port"):
        PreviewServer(served.site.root, port=port)


def test_close_ends_event_streams(tmp_path: Path) -> None:
    """Stopping the server ends open event streams (the read finds their end; the 20 s
    limit only catches a stream left open, which a keep-alive every 15 s would keep
    going for ever)."""
    write_map(tmp_path, "small.yaml", SMALL)
    server = PreviewServer(tmp_path, port=0)
    server.start()
    events = _Events(server)
    assert events.next_version() == 1
    server.close()
    # The end of the last event, then the end.
    assert b"\n" == finishes(events.resp.read, timeout=20)
    events.close()


#: Runs its arguments with SIGINT ignored, as `cmd &` in a script or `nohup` starts them.
_SIGINT_IGNORED = ["sh", "-c", 'trap "" INT; exec "$@"', "sh"]


@pytest.mark.parametrize("inherited", ["default", "ignored"])
@pytest.mark.parametrize("when", ["serving", "starting"])
def test_serve_command_stops_cleanly_on_ctrl_c(tmp_path: Path, inherited: str,
                                               when: str) -> None:
    """`argmap serve` prints its address, serves, and exits 0 on Ctrl-C (SIGINT): also
    when started with SIGINT ignored (a test suite run in the background with `&` used to
    leave the server running until the 20 s limit), and when Ctrl-C comes as soon as the
    address is printed, before the first request (that was exit code 130, no "stopped")."""
    write_map(tmp_path, "small.yaml", SMALL)
    command = [sys.executable, "-m", "argmap", "serve", str(tmp_path), "--port", "0"]
    with reaped(subprocess.Popen([*_SIGINT_IGNORED, *command] if inherited == "ignored"
                                 else command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, cwd=ROOT)) as proc:
        assert proc.stdout is not None
        first = finishes(proc.stdout.readline, timeout=20)
        match = re.fullmatch(rf"serving 1 map of {re.escape(str(tmp_path))} at "
                             r"http://127\.0\.0\.1:(\d+)/ \(Ctrl-C stops\)\n", first)
        assert match is not None, first
        if when == "serving":
            conn = http.client.HTTPConnection("127.0.0.1", int(match.group(1)), timeout=20)
            conn.request("GET", "/")
            assert conn.getresponse().status == 200
            conn.close()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert (proc.returncode, out, err) == (0, "stopped\n", "")


@pytest.mark.parametrize(("args", "limit"), [([], MAX_DRAWN), (["--max-drawn", "11"], 11),
                                            (["--max-drawn", "12"], 12)])
def test_serve_command_passes_max_drawn_to_the_pages(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     args: list[str], limit: int) -> None:
    """`argmap serve --max-drawn N` bounds the drawing of its pages as `render --max-drawn`
    does (the default: render's): the small map (12 nodes and relations) past 11 gets a page
    that says so, before any layout. Run through the command, its server stopped at once
    (Ctrl-C) instead of serving."""
    from typer.testing import CliRunner

    from argmap.cli import app

    write_map(tmp_path, "small.yaml", SMALL)
    seen: list[tuple[int, str]] = []

    def serve_forever(server: PreviewServer) -> None:
        page = server.site.map_page("small.yaml") if limit == 11 else None
        seen.append((server.site.output.max_drawn, page.body.decode() if page else ""))
        raise KeyboardInterrupt

    monkeypatch.setattr(PreviewServer, "serve_forever", serve_forever)
    result = CliRunner().invoke(app, ["serve", str(tmp_path), "--port", "0", *args])
    assert (0, "stopped\n") == (result.exit_code, result.stdout.splitlines(keepends=True)[-1])
    [(max_drawn, html)] = seen
    assert (limit, limit == 11) == (max_drawn, "more than the limit of 11 (--max-drawn)" in html)


def test_serve_command_refuses_a_max_drawn_below_one(tmp_path: Path) -> None:
    """--max-drawn 0 is a usage error (exit 2), before any server starts."""
    from typer.testing import CliRunner

    from argmap.cli import app

    result = CliRunner().invoke(app, ["serve", str(tmp_path), "--port", "0", "--max-drawn", "0"])
    assert (2, True) == (result.exit_code, "--max-drawn" in result.output)


def _open_events(server: PreviewServer) -> socket.socket:
    """A raw connection asking for the event stream (the request sent, nothing read)."""
    sock = socket.create_connection(_address(server), timeout=20)
    sock.sendall(b"GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    return sock


def _status(sock: socket.socket) -> tuple[int, str]:
    """The status and headers of a response, read up to the blank line after them;
    (0, "") when the server closed the connection without a response."""
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except ConnectionResetError:
        pass
    if not data:
        return 0, ""
    head = data.split(b"\r\n\r\n", 1)[0].decode()
    return int(head.split()[1]), head


def test_event_streams_are_capped_and_pages_still_served(served: PreviewServer) -> None:
    """300 requests for the event stream: the first MAX_EVENT_STREAMS get it, the others a
    503 with Retry-After; pages are served all the while; a stream that its page closes
    frees its place within seconds."""
    streams = [_open_events(served) for _ in range(MAX_EVENT_STREAMS)]
    try:
        assert [_status(s)[0] for s in streams] == [200] * MAX_EVENT_STREAMS
        refused = []
        for _ in range(300 - MAX_EVENT_STREAMS):
            with _open_events(served) as sock:
                refused.append(_status(sock))
        assert {status for status, _ in refused} == {503}
        assert all("\r\nRetry-After: 5" in head for _, head in refused)
        assert _get(served, "/")[0] == 200
        streams.pop().close()
        statuses = []
        for _ in range(200):  # bounded: the place is free about a second after the close
            with _open_events(served) as sock:
                statuses.append(_status(sock)[0])
            if statuses[-1] == 200:
                break
            time.sleep(0.05)
        assert statuses[-1] == 200
    finally:
        for sock in streams:
            sock.close()


def test_idle_and_slow_clients_are_dropped(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    """A client that sends nothing is dropped after TIMEOUT; beyond max_connections a
    connection is refused at once (503 or closed); once the idle ones are dropped, pages
    are served again."""
    monkeypatch.setattr(_handler, "TIMEOUT", 0.5)
    write_map(tmp_path, "small.yaml", SMALL)
    server = PreviewServer(tmp_path, port=0, max_event_streams=1, max_connections=2)
    server.start()
    try:
        idle = [socket.create_connection(_address(server), timeout=20) for _ in range(2)]
        time.sleep(0.1)  # both accepted and waiting for their requests
        with socket.create_connection(_address(server), timeout=20) as extra:
            extra.sendall(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            assert _status(extra)[0] in (0, 503)
        for sock in idle:
            assert sock.recv(4096).split(b"\r\n", 1)[0] in (b"", b"HTTP/1.0 408 Request Timeout")
            sock.close()
        statuses = []
        for _ in range(100):  # bounded: the slots are free once the server closed them
            try:
                statuses.append(_get(server, "/")[0])
            except (ConnectionError, http.client.HTTPException):
                statuses.append(0)  # refused while the closed connections finish
            if statuses[-1] == 200:
                break
            time.sleep(0.05)
        assert statuses[-1] == 200
    finally:
        server.close()


def test_caps_must_leave_room_for_pages(tmp_path: Path) -> None:
    """Event streams may not take every connection: pages would never be served."""
    write_map(tmp_path, "small.yaml", SMALL)
    with pytest.raises(ServeError, match="below max_connections"):
        PreviewServer(tmp_path, port=0, max_event_streams=4, max_connections=4)


def test_a_request_trickled_a_byte_at_a_time_is_dropped(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    """A client that sends its headers a byte at a time, each within the timeout of one
    read (slowloris), is dropped once the whole request has taken TIMEOUT: it held its
    connection for as long as it kept sending, and 64 such held every connection. Here
    TIMEOUT is 0.5 s and a byte goes every 0.1 s; 300 bytes would take 30 s (a bound that
    only catches a connection never dropped). Others are still answered."""
    monkeypatch.setattr(_handler, "TIMEOUT", 0.5)
    write_map(tmp_path, "small.yaml", SMALL)
    server = PreviewServer(tmp_path, port=0)
    server.start()
    try:
        with socket.create_connection(_address(server), timeout=20) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            sent = 0
            # Until the server closes the connection (it becomes readable: its end).
            while sent < 300 and not select.select([sock], [], [], 0.1)[0]:
                try:
                    sock.sendall(b"a")
                except OSError:  # closed meanwhile
                    break
                sent += 1
        assert sent < 300
        assert 200 == _get(server, "/")[0]
    finally:
        server.close()
