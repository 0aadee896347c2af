"""A fuzz of the command line with hostile files of every input format (issue #10).

Hypothesis writes a folder of hostile inputs (YAML maps, Argdown, AIF JSON, GraphML,
ICCMA frameworks, a ``pyproject.toml``) and runs a command on it through typer's
CliRunner, with a fixed budget of examples and a time bound per run. Whatever the
input, argmap must:

* exit 0, 1 or 2, never with a traceback (an exception escaping the CLI);
* finish within the bound (a hang is a failure, caught by ``SIGALRM``);
* print nothing of a file outside the folder it was pointed at, nor of the
  environment (``/proc/self/environ``);
* write nothing but the output it was asked for, and change no input file.

The examples are derandomized, so a run in CI is the same run as on a laptop; set
``ARGMAP_FUZZ_EXAMPLES`` for a longer hunt than the default budget of 50 per test.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.cli import app

runner = CliRunner()

#: A string that must never appear in argmap's output: it is in a file outside
#: the checked folder and in the environment of the process.
SECRET = "SECRET-c0ffee-7d1a"
#: Seconds one command may take on any of these small inputs before it counts as a hang.
BOUND = 20
#: Memory (address space) one command may add; past it, allocation fails with MemoryError,
#: which argmap must report as an error like any other (and the machine stays usable).
MEMORY = 3 * 2**30

#: The budget: examples per test (ARGMAP_FUZZ_EXAMPLES=1000 for a longer hunt).
EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "50"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class Hang(Exception):
    """A command ran past :data:`BOUND`."""


@contextlib.contextmanager
def bounded(seconds: int) -> Iterator[None]:
    """Raise :class:`Hang` in the main thread if the block runs longer than ``seconds``."""

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    limits = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (_address_space() + MEMORY, limits[1]))
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, limits)


def _address_space() -> int:
    """This process's address space in bytes (``VmSize``)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


# --- hostile pieces ----------------------------------------------------------------------

#: Paths a map may name as a source text, an include or an output; most lead outside.
PATHS = st.sampled_from([
    "../outside/secret.txt", "/proc/self/environ", "/dev/zero", "/dev/urandom",
    "fifo", "link-out", "sources/article.txt", "", ".", "..", "/", "/etc/passwd",
    "sources/../../outside/secret.txt", "a\x1b[31mred", "missing.txt",
])
#: Texts with characters that break naive escaping or terminals.
TEXTS = st.sampled_from([
    "plain text", "\x1b[2J\x1b]0;title\x07", "[bold]markup[/bold]", "\u202eevil\u202c",
    '"quoted" \\ back', "<script>alert(1)</script>", "اردو متن", "x" * 3000, "a: b # c",
    "'single'", "{flow: [x]}", "\t tab", "%s %d {0}", "9" * 5000,
])
NUMBERS = st.sampled_from(["0", "1", "-1", "0.5", "1e999", "nan", "true", "9" * 5000,
                           "99999999999999999999", "100000000", "2024-02-30"])


@st.composite
def yaml_maps(draw: st.DrawFn) -> str:
    """A map file: a valid skeleton with hostile values, keys and structure mixed in."""
    ids = ["a", "b", "c"]
    lines = ["argmap: 1", f"title: {draw(TEXTS)!r}"[:200], "sources:",
             "  - id: article", "    title: The article", f"    text: {draw(PATHS)!r}",
             "nodes:"]
    for i, nid in enumerate(ids):
        kind = draw(st.sampled_from(["claim", "evidence", "recommendation", "assumption",
                                     "objection", "bogus"]))
        lines += [f"  - id: {nid}", f"    kind: {kind}", f"    text: {draw(TEXTS)!r}"]
        if draw(st.booleans()):
            lines += [f"    quote: {draw(TEXTS)!r}", "    source: article"]
        if draw(st.booleans()):
            lines.append(f"    confidence: {draw(NUMBERS)}")
        target = ids[(i + 1) % len(ids)]
        lines.append(draw(st.sampled_from([
            f"    supports: [{target}]", f"    attacks: [{target}, missing]",
            f"    supports: [{{id: r{i}, to: {target}, strength: {draw(NUMBERS)}}}]",
            "    supports: [other:x]", f"    undercuts: [r{i}]", "", "    date: 2024-02-30",
        ])))
    text = "\n".join(lines) + "\n"
    hostile = draw(st.sampled_from([
        "", "!!python/object:os.system {}\n", "x: &a [*a]\n", "x: " + "[" * 3000 + "\n",
        "\x00", "\ufeff", "nodes: {}\n", "argmap: 1\nargmap: 2\n", "? [a]\n: b\n",
        "check: {select: [nope]}\n", "- " * 2000 + "x\n", "x: |\n" + "  y\n" * 10,
    ]))
    where = draw(st.sampled_from(["start", "end", "replace"]))
    if where == "start":
        return hostile + text
    if where == "end":
        return text + hostile
    return hostile or text


@st.composite
def argdown_files(draw: st.DrawFn) -> str:
    """An Argdown document of statements, relations, headings, data and includes."""
    pieces = st.sampled_from([
        "[A]: one", "[B]: two", "  + [A]", "  - <Arg>", "<Arg>: an argument", "# Heading",
        "## " + "x" * 500, "(1) premise", "----", "(2) conclusion", "===", "{data: [1, 2",
        "@include(../outside/secret.txt)", '@include("/proc/self/environ")', "@include(fifo)",
        "@include(self.argdown)", "  " * 500 + "+ [deep]", "/* unclosed", "_snake_case_",
        "[\x1b[31m]: escape", "  -> [A]", "<- [B]", "[A]: " + "word " * 2000,
    ])
    return "\n".join(draw(st.lists(pieces, max_size=30))) + "\n"


@st.composite
def aif_files(draw: st.DrawFn) -> str:
    """AIF JSON: nodes and edges with wrong types, missing fields and deep nesting."""
    node = st.fixed_dictionaries({
        "nodeID": st.one_of(st.integers(-5, 5).map(str), st.integers(), st.none()),
        "text": st.one_of(TEXTS, st.integers()),
        "type": st.sampled_from(["I", "RA", "CA", "L", "YA", "TA", "MA", "??"]),
    })
    edge = st.fixed_dictionaries({
        "fromID": st.integers(-5, 5).map(str), "toID": st.integers(-5, 5).map(str),
    })
    import json

    doc = {"nodes": draw(st.lists(node, max_size=8)), "edges": draw(st.lists(edge, max_size=8))}
    text = json.dumps(doc)
    extra = draw(st.sampled_from(["", "deep", "number", "broken", "notobject"]))
    if extra == "deep":
        return "[" * 100_000 + "]" * 100_000
    if extra == "number":
        return text.replace('"nodes"', '"big": ' + "9" * 5000 + ', "nodes"', 1)
    if extra == "broken":
        return text[: len(text) // 2]
    if extra == "notobject":
        return "[1, 2, 3]"
    return text


@st.composite
def graphml_files(draw: st.DrawFn) -> str:
    """GraphML with hostile XML: entities, deep nesting, dangling edges, odd attributes."""
    head = ('<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
            '<graph edgedefault="directed">')
    body = draw(st.lists(st.sampled_from([
        '<node id="a"/>', '<node id="b"><data key="text">x</data></node>',
        '<edge source="a" target="b"/>', '<edge source="a" target="zz"/>',
        '<node id="a"/>', '<data key="label">&#27;[31m</data>', "<node/>",
        "<x>" * 2000 + "</x>" * 2000,
    ]), max_size=12))
    tail = "</graph></graphml>"
    prologue = draw(st.sampled_from([
        "", '<!DOCTYPE g [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;'
        '&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;'
        '&c;&c;&c;">]>',
        '<!DOCTYPE g [<!ENTITY x SYSTEM "file:///proc/self/environ">]>',
    ]))
    if prologue and draw(st.booleans()):
        body.append('<node id="e"><data key="text">&d;&x;</data></node>'
                    if "ENTITY d" in prologue else '<node id="e"><data key="text">&x;'
                    '</data></node>')
    return head.replace("\n", "\n" + prologue, 1) + "".join(body) + tail


@st.composite
def iccma_files(draw: st.DrawFn) -> tuple[str, str]:
    """An ICCMA framework (``.af``, ``.apx`` or ``.tgf``) with hostile headers and lines."""
    fmt = draw(st.sampled_from(["af", "apx", "tgf"]))
    if fmt == "af":
        header = f"p af {draw(NUMBERS)}"
        lines = draw(st.lists(st.sampled_from(["1 2", "2 1", "3 3", "0 1", "-1 2", "a b",
                                               "# c", "1", "1 99999999999"]), max_size=10))
        return fmt, "\n".join([header, *lines]) + "\n"
    if fmt == "apx":
        lines = draw(st.lists(st.sampled_from(["arg(a).", "arg(b).", "att(a,b).",
                                               "att(a,zz).", "arg(" + "x" * 3000 + ").",
                                               "att(.", "arg(a)."]), max_size=10))
        return fmt, "\n".join(lines) + "\n"
    lines = draw(st.lists(st.sampled_from(["1", "2", "#", "1 2", "2 1", "1 3", "x y z"]),
                          max_size=10))
    return fmt, "\n".join(lines) + "\n"


CONFIGS = st.sampled_from([
    "", "[tool.argmap]\nselect = ['nope']\n", "[tool.argmap]\nseverity = 'loud'\n",
    "[tool.argmap]\nignore = 5\n", "a = " + "[" * 5000 + "]" * 5000 + "\n",
    "[tool.argmap]\nsource-roots = ['/', '..', '/proc']\n", "\x00\x01", "[tool.argmap\n",
])


# --- the harness -------------------------------------------------------------------------


def _tree(root: Path) -> dict[str, str]:
    """Every regular file below ``root`` with the hash of its content."""
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@contextlib.contextmanager
def hostile_folder(files: dict[str, str], config: str = "") -> Iterator[Path]:
    """A temporary tree: ``work/`` (the working directory, holding ``files``, a FIFO and a
    symlink that leads outside) beside ``outside/secret.txt``."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "outside").mkdir()
        (root / "outside" / "secret.txt").write_text(f"{SECRET}\n" * 50, encoding="utf-8")
        work = root / "work"
        (work / "sources").mkdir(parents=True)
        (work / "sources" / "article.txt").write_text("The talks collapsed.\n", encoding="utf-8")
        os.mkfifo(work / "fifo")
        os.symlink(root / "outside" / "secret.txt", work / "link-out")
        if config:
            (work / "pyproject.toml").write_text(config, encoding="utf-8")
        for name, text in files.items():
            (work / name).write_text(text, encoding="utf-8", errors="surrogateescape")
        with contextlib.chdir(work):
            yield work


def run(work: Path, args: list[str], outputs: frozenset[str] = frozenset()) -> None:
    """Run ``argmap ARGS`` in ``work`` and hold it to the rules of this module."""
    before = _tree(work.parent)
    with bounded(BOUND):
        result = runner.invoke(app, args, env={"ARGMAP_FUZZ": SECRET})
    after = _tree(work.parent)
    shown = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args, repr(result.exception), shown[-2000:])
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, shown[-2000:])
    assert "Traceback" not in shown, (args, shown[-2000:])
    assert SECRET not in shown, (args, "printed a file from outside the folder")
    changed = {name for name in before if after.get(name) != before[name]}
    assert not changed, (args, "an input file changed", changed)
    new = set(after) - set(before)
    assert new <= {f"work/{o}" for o in outputs}, (args, "wrote outside the asked path", new)


CHECK_FORMATS = st.sampled_from(["text", "json", "sarif", "github"])


@pytest.mark.fuzz
@FUZZ
@given(text=yaml_maps(), fmt=CHECK_FORMATS, config=CONFIGS)
def test_check_any_map(text: str, fmt: str, config: str) -> None:
    """``check`` of a hostile map (and config) in any report format."""
    with hostile_folder({"map.yaml": text}, config) as work:
        run(work, ["check", "map.yaml", "--format", fmt])


@pytest.mark.fuzz
@FUZZ
@given(text=yaml_maps(), command=st.sampled_from([
    ["validate", "map.yaml"], ["query", "stats", "map.yaml"], ["evaluate", "map.yaml"],
    ["render", "map.yaml", "-o", "out.dot"], ["render", "map.yaml", "-o", "out.md"],
    ["render", "map.yaml", "-o", "out.html"],
    ["export", "--to", "argdown", "map.yaml", "-o", "out.argdown"],
]))
def test_other_commands_any_map(text: str, command: list[str]) -> None:
    """validate, query, evaluate, render and export of a hostile map."""
    outputs = frozenset({"out.dot", "out.md", "out.html", "out.argdown"})
    with hostile_folder({"map.yaml": text}) as work:
        run(work, command, outputs)


@pytest.mark.fuzz
@FUZZ
@given(fmt=st.sampled_from(["argdown", "aif", "graphml"]), data=st.data())
def test_import_any_file(fmt: str, data: st.DataObject) -> None:
    """``import`` of hostile Argdown, AIF JSON and GraphML files."""
    strategy = {"argdown": argdown_files(), "aif": aif_files(), "graphml": graphml_files()}
    text = data.draw(strategy[fmt])
    name = {"argdown": "in.argdown", "aif": "in.json", "graphml": "in.graphml"}[fmt]
    with hostile_folder({name: text, "self.argdown": "[A]: a\n@include(self.argdown)\n"}
                        ) as work:
        run(work, ["import", name, "-o", "out.yaml"], frozenset({"out.yaml"}))


@pytest.mark.fuzz
@FUZZ
@given(framework=iccma_files(), semantics=st.sampled_from(["grounded", "preferred",
                                                           "stable"]))
def test_evaluate_any_framework(framework: tuple[str, str], semantics: str) -> None:
    """``evaluate`` of hostile ICCMA frameworks."""
    fmt, text = framework
    with hostile_folder({f"f.{fmt}": text}) as work:
        run(work, ["evaluate", f"f.{fmt}", "--semantics", semantics])
