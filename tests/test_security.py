"""End to end: `argmap check` on hostile maps, as a reviewer's CI runs it on a stranger's
pull request. Nothing in a map makes argmap read outside the tree it was pointed at, print
what it read from elsewhere, hang, or exhaust memory.

Each case runs the real command in a child process, whose environment holds a marker that
must never appear in its output, whose memory is capped (so that reading /dev/zero ends in a
MemoryError instead of filling the machine), and which is killed after 20 s (a timeout that
only catches a hang: every case finishes in well under a second).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import ROOT

#: In the child's environment; /proc/self/environ holds it.
MARKER = "s3cr3t-7f1d2a-marker"
#: Close to the marker's line of /proc/self/environ, without the marker itself: the
#: quote-not-found check would print that line as the closest passage.
NEAR_MARKER = "ARGMAP_TEST_SECRET=s3cr3t-7f1d2a-markr"
#: The child's address space: enough for argmap, far too little to hold /dev/zero.
MEMORY = 2 * 1024**3

_RUN = f"""\
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({MEMORY}, {MEMORY}))
from argmap.cli import main
sys.argv[0] = "argmap"
main()
"""

FORMATS = ["text", "json", "sarif", "github"]

QUOTING = """\
argmap: 1
title: Hostile
sources:
  - id: s
    title: S
    text: {text}
nodes:
  - id: e
    kind: evidence
    text: E.
    quote: "{quote}"
    source: s
    supports: [c]
  - id: c
    kind: claim
    text: C.
"""


def argmap(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``argmap ARGS`` in ``cwd`` with the marker in its environment and its memory capped."""
    env = dict(os.environ, ARGMAP_TEST_SECRET=MARKER)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-c", _RUN, *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=20, check=False)


def output(done: subprocess.CompletedProcess[str]) -> str:
    """Everything the command printed."""
    return done.stdout + done.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The checkout CI runs in (the working directory), and a secret beside it."""
    (tmp_path / "project" / "maps").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text(f"token: {MARKER}\n", encoding="utf-8")
    return tmp_path / "project"


def _quoting(folder: Path, text: str, quote: str = NEAR_MARKER) -> Path:
    path = folder / "m.yaml"
    path.write_text(QUOTING.format(text=text, quote=quote), encoding="utf-8")
    return path


needs_proc = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="no /proc")


@needs_proc
@pytest.mark.parametrize("fmt", FORMATS)
def test_proc_self_environ_as_source_text_prints_nothing_of_it(project: Path, fmt: str) -> None:
    """``text: /proc/self/environ``: exit 2 with the refusal, in every report format, and
    not a character of the environment (main printed it as the closest passage)."""
    _quoting(project / "maps", "/proc/self/environ")
    done = argmap("check", "maps", "--format", fmt, cwd=project)
    assert (2, True, False) == (done.returncode, "source-outside-tree" in output(done),
                                MARKER in output(done)), output(done)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("how", ["dot-dot", "link"])
def test_a_file_outside_the_checkout_prints_nothing_of_it(project: Path, how: str,
                                                          fmt: str) -> None:
    """``../../secret.txt`` or a link in the folder to it: refused, never quoted."""
    text = "../../secret.txt"
    if how == "link":
        (project / "maps" / "s.txt").symlink_to(project.parent / "secret.txt")
        text = "s.txt"
    _quoting(project / "maps", text, quote=f"token: {MARKER[:-2]}")
    done = argmap("check", "maps", "--format", fmt, cwd=project)
    assert (2, True, 0) == (done.returncode, "source-outside-tree" in output(done),
                            output(done).count(MARKER)), output(done)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_map_linked_to_a_file_outside_prints_nothing_of_it(project: Path, fmt: str) -> None:
    """A "map" in the folder that is a link to a secret: refused at the link, unread (main
    showed its first line under a not-a-map error)."""
    (project / "maps" / "evil.yaml").symlink_to(project.parent / "secret.txt")
    done = argmap("check", "maps", "--format", fmt, cwd=project)
    assert (2, True, 0) == (done.returncode, "outside-tree" in output(done),
                            output(done).count(MARKER)), output(done)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_as_the_map_is_refused(project: Path, device: str) -> None:
    """``argmap check /dev/zero``: a located not-a-file error, exit 2 (main read until
    memory ran out)."""
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    done = argmap("check", device, cwd=project)
    assert (2, f"{device}:1:1: error: a device, not a regular file; argmap reads maps only "
               "from regular files [not-a-file]") == (done.returncode,
                                                      output(done).splitlines()[1]), output(done)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_as_the_config_is_refused(project: Path, device: str) -> None:
    """``--config /dev/zero``: refused, exit 2, no traceback."""
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    _quoting(project / "maps", "t.txt")
    done = argmap("check", "maps", "--config", device, cwd=project)
    assert (2, True, False) == (done.returncode, "[config]" in output(done),
                                "Traceback" in output(done)), output(done)


@pytest.mark.parametrize("args", [["/proc/self/environ"],
                                  ["maps", "--config", "/proc/self/environ"]])
def test_proc_self_environ_as_the_map_or_the_config_prints_nothing_of_it(
        project: Path, args: list[str]) -> None:
    """Named on the command line, /proc/self/environ was read (its size says 0) and its
    first line, the environment, shown under the load error: refused unread, exit 2."""
    if not Path("/proc/self/environ").exists():
        pytest.skip("no /proc")
    _quoting(project / "maps", "t.txt")
    done = argmap("check", *args, cwd=project)
    assert (2, False, True) == (done.returncode, MARKER in output(done),
                                "not a regular file" in output(done)), output(done)


@pytest.mark.parametrize("where", ["map", "source", "config"])
def test_a_fifo_never_hangs_check(project: Path, where: str) -> None:
    """A FIFO as the map named, as a source text, or as --config: exit 2 at once (main
    waited for a writer for ever)."""
    os.mkfifo(project / "maps" / "pipe.yaml")
    os.mkfifo(project / "maps" / "pipe.txt")
    args: list[str | Path] = {
        "map": ["maps/pipe.yaml"],
        "source": [_quoting(project / "maps", "pipe.txt").relative_to(project)],
        "config": ["--config", "maps/pipe.yaml", "maps/m.yaml"]}[where]
    if where == "config":
        _quoting(project / "maps", "t.txt")
    done = argmap("check", *args, cwd=project)
    code = "source-not-a-file" if where == "source" else "config" if where == "config" \
        else "not-a-file"
    assert (2, True) == (done.returncode, f"[{code}]" in output(done)), output(done)


def test_a_deeply_nested_pyproject_found_above_is_passed_over(project: Path) -> None:
    """A pyproject.toml 5,000 levels deep in the checkout (main: RecursionError) is passed
    over when found; named with --config it is a located error, exit 2."""
    (project / "pyproject.toml").write_text(
        "[tool.argmap]\nselect = []\na = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    (project / "maps" / "t.txt").write_text("Something else.\n", encoding="utf-8")
    _quoting(project / "maps", "t.txt")
    found = argmap("check", "maps", cwd=project)
    named = argmap("check", "maps", "--config", "pyproject.toml", cwd=project)
    assert (1, "", 2, "pyproject.toml:1:1: error: TOML nested too deeply to read [config]") == (
        found.returncode, found.stderr, named.returncode, output(named).splitlines()[1]), \
        output(found) + output(named)


def test_a_source_text_path_with_a_nul_character_is_a_located_error(project: Path) -> None:
    """`text: "a\\0b"` names no file: a located load error (exit 2), not a traceback."""
    (project / "maps" / "m.yaml").write_text(
        QUOTING.format(text='"a\\0b"', quote="x"), encoding="utf-8")
    done = argmap("check", "maps/m.yaml", cwd=project)
    assert 2 == done.returncode, output(done)
    assert "Traceback" not in output(done)
    assert "maps/m.yaml:6:11: error: the text of source 's'" in output(done)
    assert "the path contains a NUL character [source-not-a-file]" in output(done)
