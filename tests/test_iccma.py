"""Tests of argmap.interop.iccma: the three ICCMA formats, errors, and competition instances."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import LoadError, Location, UsageError
from argmap.graph import build
from argmap.interop import iccma
from argmap.semantics import Semantics, credulous, from_attacks, from_graph, grounded, sceptical

from .helpers import CORPUS, ROOT, THIRD_PARTY, corpus_params, finishes


@dataclass(frozen=True)
class Instance:
    """One ICCMA competition instance: its files by ending (``.apx``, ``.tgf``, ``.af``, and
    where the source had them ``.dic``, ``.apxm``) and its expected answers by task."""

    stem: str
    files: dict[str, Path]
    answers: dict[str, Path]


#: The competition numbers its `.af` files (``2_A-1-admbuster_1000.af``).
_NUMBERED = re.compile(r"^\d+_")
#: ``instances-NAME.apxm-DC-CO-D.out``: the YES/NO answers of a dynamic-track task.
_ANSWERS = re.compile(r"(?P<prefix>.*)\.apxm-(?P<task>D[CS]-(?:CO|ST))-D\.out")


def instances(folder: Path) -> list[Instance]:
    """The instances of a folder, in either layout: argument_solver's (``N_NAME.af`` beside
    ``storage/N_NAME/NAME.apx`` ...) or the corpus's (every file in one folder)."""
    files: dict[str, dict[str, Path]] = {}
    outs: list[tuple[str, str, Path]] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in {".apx", ".tgf", ".af", ".dic", ".apxm"}:
            stem = _NUMBERED.sub("", path.stem, count=1) if path.suffix == ".af" else path.stem
            files.setdefault(stem, {})[path.suffix] = path
        elif m := _ANSWERS.fullmatch(path.name):
            outs.append((m["prefix"], m["task"], path))
    out = [Instance(stem, found, {}) for stem, found in sorted(files.items())]
    for prefix, task, path in outs:
        [instance] = [i for i in out if prefix.endswith(f"-{i.stem}")]
        instance.answers[task] = path
    return out


#: Five instances of argument_solver (tests/data/third_party/), the competition's answers
#: with them; the corpus tier reads the corpus's copies of them again.
SHIPPED = instances(THIRD_PARTY / "argument_solver")
IN_CORPUS = instances(CORPUS / "iccma") if CORPUS.is_dir() else []


def _params(shipped: list[Any], corpus: list[Any], name: Callable[[Any], str]) -> list[Any]:
    """Parameters from the shipped instances, then the corpus tier's (a tuple holds one
    value per argument name)."""
    return [pytest.param(*v if isinstance(v, tuple) else (v,), id=name(v))
            for v in shipped] + corpus_params(corpus, [name(v) for v in corpus])


def _complete(found: list[Instance]) -> list[Instance]:
    return [i for i in found if {".apx", ".tgf", ".af"} <= i.files.keys()]


def _files(found: list[Instance]) -> list[Path]:
    return [path for i in found for path in i.files.values() if path.suffix in iccma.FORMATS]


def _tasks(found: list[Instance]) -> list[tuple[Instance, str]]:
    return [(i, task) for i in found for task in sorted(i.answers)]


SMALL = {
    ".apx": "arg(a).\narg(b).  arg(c). % a comment\natt(a,b).\natt( b , c ).\n",
    ".tgf": "a\nb first label\nc\n#\na b\nb c an edge label\n",
    ".af": "# comment\np af 3\n1 2\n2 3\n",
}


@pytest.mark.parametrize("fmt", list(SMALL))
def test_small_frameworks(fmt: str) -> None:
    """Each format reads arguments in file order and attacks as pairs of positions."""
    af = iccma.parse(SMALL[fmt], f"x{fmt}", fmt)
    assert len(af.names) == 3
    assert af.attacks == [(0, 1), (1, 2)]


def test_map_of_a_framework_is_located(tmp_path: Path) -> None:
    """The attack-only map's nodes and relations point at their lines in the file."""
    path = tmp_path / "f.apx"
    path.write_text(SMALL[".apx"], encoding="utf-8")
    m = iccma.load(path)
    assert [(n.id, n.kind.value, [r.to for r in n.attacks]) for n in m.map.nodes] == [
        ("a", "claim", ["b"]), ("b", "claim", ["c"]), ("c", "claim", [])]
    assert m.node_location(2) == Location(str(path), 2, 14)
    assert m.where(("nodes", 1, "attacks", 0)) == Location(str(path), 4, 6)


ERRORS = [
    (".apx", "arg(a).\nattack(a,b).\n", "x.apx:2:1: error: expected `arg(NAME).` or "
     "`att(NAME,NAME).` [iccma-syntax]"),
    (".apx", "arg(a).\natt(a,zz).\n", "x.apx:2:7: error: attack names 'zz', which is not an "
     "argument [unknown-argument]"),
    (".apx", "arg(a).\n  arg(a).\n", "x.apx:2:7: error: argument 'a' is declared twice "
     "(first on line 1) [duplicate-argument]"),
    (".apx", "arg(_x).\n", "x.apx:1:5: error: argument name '_x' cannot be a node id "
     "[bad-argument-name]"),
    (".apx", "arg(a,b).\n", "x.apx:1:1: error: `arg` takes one name [iccma-syntax]"),
    (".tgf", "a\n#\na\n", "x.tgf:3:1: error: expected an attack `NAME NAME` [iccma-syntax]"),
    (".af", "1 2\n", "x.af:1:1: error: expected the header `p af N` [iccma-syntax]"),
    (".af", "p af 2\n1 3\n", "x.af:2:3: error: attack names '3', which is not an argument "
     "[unknown-argument]"),
    (".af", "p af 2\n1 x\n", "x.af:2:1: error: expected an attack `A B` of two argument "
     "numbers [iccma-syntax]"),
    (".af", "# only a comment\n", "x.af:1:1: error: no header `p af N` [iccma-syntax]"),
]


@pytest.mark.parametrize(("fmt", "text", "expected"), ERRORS,
                         ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(ERRORS)])
def test_malformed_files_give_located_errors(fmt: str, text: str, expected: str) -> None:
    """Every malformed line is an error at path:line:col, never a crash."""
    with pytest.raises(LoadError) as info:
        iccma.parse(text, f"x{fmt}", fmt)
    assert str(info.value) == expected


def test_every_problem_of_a_file_is_reported() -> None:
    """All problems of a file come in one error, in line order."""
    with pytest.raises(LoadError) as info:
        iccma.parse("arg(a).\natt(a,b).\nfoo.\n", "x.apx", ".apx")
    assert [str(p.location) for p in info.value.problems] == ["x.apx:2:7", "x.apx:3:1"]


@pytest.mark.parametrize(("text", "expected"), [
    ("p af 1000001\n", "x.af:1:6: error: the header declares 1000001 arguments; argmap "
     "reads at most 1,000,000 arguments [too-many-arguments]"),
    ("# c\n\n# big\np  af   1000001\n1 2\n", "x.af:4:9: error: the header declares 1000001 "
     "arguments; argmap reads at most 1,000,000 arguments [too-many-arguments]"),
    ("p af " + "9" * 5000 + "\n", "x.af:1:6: error: the header declares a number of 5,000 "
     "digits arguments; argmap reads at most 1,000,000 arguments [too-many-arguments]"),
    ("p af \u0661\u0662\n", "x.af:1:1: error: expected the header `p af N` [iccma-syntax]"),
])
def test_af_header_beyond_the_cap_is_refused(text: str, expected: str) -> None:
    """An .af header naming more than MAX_ARGUMENTS arguments (which the file need not
    list: they are implicit) is refused at the number, before anything is allocated
    (int() of 5,000 digits and of non-ASCII digits raised ValueError)."""
    with pytest.raises(LoadError) as info:
        iccma.parse(text, "x.af", ".af")
    assert str(info.value) == expected


@pytest.mark.parametrize(("fmt", "text", "expected"), [
    (".af", "p af 3\n", 3),
    (".af", "p af 0003\n", 3),
    (".af", "p af 4\n", "x.af:1:6: error: the header declares 4 arguments; argmap reads at "
     "most 3 arguments [too-many-arguments]"),
    (".apx", "arg(a).\narg(b). arg(c).\n", 3),
    (".apx", "arg(a).\narg(b). arg(c). arg(d). arg(e).\n", "x.apx:2:21: error: argument 'd' "
     "is one too many; argmap reads at most 3 arguments [too-many-arguments]"),
    (".tgf", "a\nb\nc\nd\n#\n", "x.tgf:4:1: error: argument 'd' is one too many; argmap "
     "reads at most 3 arguments [too-many-arguments]"),
])
def test_argument_cap_in_every_format(monkeypatch: pytest.MonkeyPatch, fmt: str, text: str,
                                      expected: int | str) -> None:
    """Up to MAX_ARGUMENTS arguments are read; one more is an error at that argument,
    and reading stops there (in .apx and .tgf too)."""
    monkeypatch.setattr(iccma, "MAX_ARGUMENTS", 3)
    if isinstance(expected, int):
        assert len(iccma.parse(text, f"x{fmt}", fmt).names) == expected
        return
    with pytest.raises(LoadError) as info:
        iccma.parse(text, f"x{fmt}", fmt)
    assert str(info.value) == expected


def test_long_names_are_cut_in_messages() -> None:
    """A bad name as long as the file is shown cut to 60 characters."""
    with pytest.raises(LoadError) as info:
        iccma.parse("_" + "x" * 100_000 + "\n#\n", "x.tgf", ".tgf")
    assert str(info.value) == (f"x.tgf:1:1: error: argument name '_{'x' * 58}…' cannot be a "
                               "node id [bad-argument-name]")


_RUN = """
import sys
from argmap.interop import iccma
print(len(iccma.read(sys.argv[1]).names))
"""


@pytest.mark.parametrize("number", ["100000000", "99999999999999999999"])
def test_huge_declared_af_ends_quickly(tmp_path: Path, number: str) -> None:
    """`argmap evaluate` of a 16-byte `p af 100000000` ends at once with exit 2 and a
    located error (it ran until killed), and of a 30-byte `p af 99999999999999999999`
    too (it asked for gigabytes, then died with a traceback)."""
    path = tmp_path / "huge.af"
    path.write_text(f"p af {number}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "argmap", "evaluate", str(path)],
                          capture_output=True, text=True, timeout=20, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 2
    assert (f"{path}:1:6: error: the header declares {number} arguments; argmap reads at "
            "most 1,000,000 arguments [too-many-arguments]") in done.stderr


def test_one_line_apx_of_many_facts_is_read_in_linear_time(tmp_path: Path) -> None:
    """400,000 facts on one line (4.5 MB) are read in a few seconds; each fact sliced the
    rest of the line, and this took minutes."""
    path = tmp_path / "line.apx"
    path.write_text("".join(f"arg(a{i})." for i in range(400_000)) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _RUN, str(path)], capture_output=True,
                          text=True, timeout=20, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert (done.returncode, done.stdout) == (0, "400000\n"), done.stderr


def test_a_framework_named_with_a_line_break_is_refused(tmp_path: Path) -> None:
    """The map of a framework is named after its file, as a YAML map is: a name with a
    line break is a located error (`bad-file-name`), not a name printed in reports."""
    path = tmp_path / "f\n::error::x.af"
    path.write_text("p af 2\n1 2\n", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        iccma.load(path)
    assert [("bad-file-name", Location(str(path)))] == [
        (p.code, p.location) for p in info.value.problems]


def test_unknown_suffix(tmp_path: Path) -> None:
    """A file that is not .apx/.tgf/.af is refused with the known endings."""
    with pytest.raises(UsageError, match=r"endings: \.apx, \.tgf, \.af"):
        iccma.read(tmp_path / "f.txt")


def test_binary_file_is_refused(tmp_path: Path) -> None:
    """A file that is not text is a located error, not a crash."""
    path = tmp_path / "f.af"
    path.write_bytes(b"p af 2\n\x00\xff")
    with pytest.raises(LoadError, match=r"f\.af:2:2: error: not valid UTF-8"):
        iccma.read(path)


# --- the corpus ------------------------------------------------------------------------


def _oracle_grounded(names: list[str], attacks: set[tuple[str, str]]) -> set[str]:
    """The grounded extension as the least fixed point of the characteristic function
    F(S) = {a | every attacker of a is attacked by S}, iterated from the empty set.
    (Written on names and sets, independently of the counter-based labelling.)"""
    attackers: dict[str, set[str]] = {n: set() for n in names}
    for a, b in attacks:
        attackers[b].add(a)
    s: set[str] = set()
    while True:
        defeated = {b for a, b in attacks if a in s}
        nxt = {n for n in names if attackers[n] <= defeated}
        if nxt == s:
            return s
        s = nxt


def _as_names(af: iccma.AbstractFramework) -> tuple[list[str], set[tuple[str, str]]]:
    return af.names, {(af.names[a], af.names[b]) for a, b in af.attacks}


def _dic(instance: Instance) -> dict[str, str]:
    """The instance's name map: .af number -> .apx/.tgf name."""
    out = {}
    for line in instance.files[".dic"].read_text(encoding="utf-8").splitlines():
        m = re.fullmatch(r"(\S+) -> (\d+)", line.strip())
        if m:
            out[m.group(2)] = m.group(1)
    return out


def test_shipped_instances_are_found() -> None:
    """The five shipped instances are found complete, with their twenty answer files (so
    that the tests below are not vacuous)."""
    assert [(i.stem, sorted(i.files), sorted(i.answers)) for i in SHIPPED] == [
        (stem, [".af", ".apx", ".apxm", ".dic", ".tgf"], ["DC-CO", "DC-ST", "DS-CO", "DS-ST"])
        for stem in ["A-1-admbuster_1000", "A-1-stb_437_137", "A-2-WS_300_16_90_30",
                     "B-1-BA_40_30_3", "Small-result-b2"]]


@pytest.mark.corpus
def test_corpus_instances_are_found() -> None:
    """The corpus tier finds the corpus's five instances complete (437 and 300 arguments
    among them)."""
    assert 5 == len(_complete(IN_CORPUS))


@pytest.mark.parametrize("instance", _params(_complete(SHIPPED), _complete(IN_CORPUS),
                                             lambda i: i.stem))
def test_three_formats_agree(instance: Instance) -> None:
    """.apx and .tgf give the same framework (names in the same order); .af gives it
    too, its numbers renamed by the .dic (or by position when there is no .dic)."""
    apx, tgf, af = (_as_names(iccma.read(instance.files[s])) for s in (".apx", ".tgf", ".af"))
    assert apx == tgf
    rename = _dic(instance) if ".dic" in instance.files else {
        str(i + 1): n for i, n in enumerate(tgf[0])}
    assert {rename[n] for n in af[0]} == set(apx[0])
    assert {(rename[a], rename[b]) for a, b in af[1]} == apx[1]


@pytest.mark.parametrize("path", _params(_files(SHIPPED), _files(IN_CORPUS), lambda p: p.name))
def test_grounded_equals_oracle(path: Path) -> None:
    """The grounded extension of every instance, in every format, read as a map, equals
    the naive fixed point of the characteristic function."""
    af = iccma.read(path)
    names, attacks = _as_names(af)
    fw = from_graph(build(iccma.to_map(af)))
    lab = grounded(fw)
    assert {fw.names[a].split(":", 1)[1] for a in lab.extension()} == \
        _oracle_grounded(names, attacks)


def _dynamic(instance: Instance) -> list[tuple[list[str], set[tuple[str, str]]]]:
    """The instance, then the instance after each change of its .apxm, cumulatively."""
    names, attacks = _as_names(iccma.read(instance.files[".apx"]))
    out = [(names, set(attacks))]
    for line in instance.files[".apxm"].read_text(encoding="utf-8").split():
        m = re.fullmatch(r"([+-])att\((\S+),(\S+)\)\.", line)
        assert m, line
        (attacks.add if m.group(1) == "+" else attacks.discard)((m.group(2), m.group(3)))
        out.append((names, set(attacks)))
    return out


TASKS = {  # ICCMA task -> (semantics, sceptical?)
    "DS-CO": (Semantics.COMPLETE, True),
    "DC-CO": (Semantics.COMPLETE, False),
    "DS-ST": (Semantics.STABLE, True),
    "DC-ST": (Semantics.STABLE, False),
}


@pytest.mark.parametrize(("instance", "task"), _params(
    _tasks(SHIPPED), _tasks(IN_CORPUS), lambda it: f"{it[0].stem}-{it[1]}"))
def test_dynamic_track_expected_answers(instance: Instance, task: str) -> None:
    """The expected YES/NO answers of the .out files, for the query argument of the
    .af header, on the instance and after each change of the .apxm (applied in turn)."""
    expected = instance.answers[task].read_text(encoding="utf-8").split()[1:]
    header = instance.files[".af"].read_text(encoding="utf-8")
    query = _dic(instance)[re.search(r"# query -> (\d+)", header).group(1)]  # type: ignore[union-attr]
    semantics, is_sceptical = TASKS[task]
    answers = []
    for names, attacks in _dynamic(instance):
        fw = from_attacks(names, sorted(attacks))
        decide = sceptical if is_sceptical else credulous
        answers.append("YES" if decide(fw, fw.index[query], semantics) else "NO")
    assert len(answers) == 9
    assert answers == expected


def test_a_fifo_framework_is_refused_without_blocking(tmp_path: Path) -> None:
    """A FIFO named ``x.apx`` is a located not-a-file error at once."""
    path = tmp_path / "x.apx"
    os.mkfifo(path)
    error = finishes(lambda: iccma.read(path))
    assert isinstance(error, LoadError), repr(error)
    assert [(f"{path}:1:1", "not-a-file")] == [(str(p.location), p.code) for p in error.problems]


# --- frameworks straight to the solver ----------------------------------------------------


def _attack_names(fw: Any) -> set[tuple[str, str]]:
    return {(fw.names[a], fw.names[b]) for a in range(len(fw)) for b in fw.targets[a]}


@pytest.mark.parametrize("path", _params(_files(SHIPPED), _files(IN_CORPUS), lambda p: p.name))
def test_framework_equals_the_parsed_file(path: Path) -> None:
    """framework() (the fast path for .af) gives the arguments and attacks of the located
    parser, in file order."""
    af = iccma.read(path)
    fw = iccma.framework(path)
    assert (af.names, _as_names(af)[1]) == (fw.names, _attack_names(fw))
    assert list(range(len(fw))) == fw.node_arguments()


@st.composite
def af_texts(draw: st.DrawFn) -> str:
    """.af texts, mostly clean, some with what the fast path must hand over: comments,
    blank lines, tabs, CRLF, three numbers on a line, numbers out of range or with leading
    zeros, a space before or after a number, repeats."""
    n = draw(st.integers(0, 6))
    lines = [f"p af {n}"]
    if draw(st.booleans()):
        lines.insert(0, "# c")
    for _ in range(draw(st.integers(0, 10))):
        a, b = draw(st.integers(0, n + 1)), draw(st.integers(0, n + 1))
        lines.append(draw(st.sampled_from([f"{a} {b}", f"{a} {b}", f"{a}\t{b} ", f"{a} {b} {a}",
                                           f"{a}", "", "# x", f"{a}  {b}", f"0{a} {b}",
                                           f"{a} 0{b}", f" {a} {b}", f"{a} {b} "])))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return end.join(lines) + draw(st.sampled_from(["", end]))


@settings(max_examples=500, deadline=None)
@given(af_texts())
def test_fast_af_path_equals_the_parser(text: str) -> None:
    """The fast path reads exactly what the located parser reads, or hands over, whether
    it reads the file in one chunk or in chunks of a line or two."""
    fast = iccma._fast_af(text.encode())
    with patch.object(iccma, "_CHUNK", 5):
        assert fast == iccma._fast_af(text.encode())
    try:
        af = iccma.parse(text, "x.af", ".af", ids=False)
    except LoadError:
        assert fast is None
        return
    if fast is not None:
        n, attackers, attacked = fast
        assert [str(i) for i in range(1, n + 1)] == af.names
        assert list(dict.fromkeys(zip(attackers, attacked, strict=True))) == af.attacks


@pytest.mark.parametrize(("text", "expected"), [
    (b"# c\np af 3\n1 2\n2 3\n", (3, [0, 1], [1, 2])),
    (b"p af 3\n1 2\n3 1", (3, [0, 2], [1, 0])),
    (b"p af 3\r\n1\t2 \r\n2 3\r\n", (3, [0, 1], [1, 2])),
    (b"p af 2\n", (2, [], [])),
    (b"p af 3\n1 2\n01 3\n", None),
    (b"p af 3\n1 0\n", None),
    (b"p af 3\n1 4\n", None),
    (b"p af 3\n1 2\n# late comment\n", None),
])
def test_fast_af_path_takes_clean_files(text: bytes, expected: Any) -> None:
    """The fast path reads a clean file (CRLF, tabs and a missing last newline included),
    and hands anything else over: a leading zero, a 0, a number past N, a late comment."""
    fast = iccma._fast_af(text)
    assert expected == (fast if fast is None else (fast[0], list(fast[1]), list(fast[2])))


@pytest.mark.parametrize("name", ["n.apx", "n.APX", "n.Tgf"])
def test_framework_reads_any_name_and_any_case(tmp_path: Path, name: str) -> None:
    """Names a node id cannot be (`a:b`, `ä`, `_a`) are arguments of a framework; the
    ending is read in any case."""
    path = tmp_path / name
    apx = "arg(a:b).\narg(\u00e4).\narg(_a).\natt(a:b,\u00e4).\natt(\u00e4,_a).\n"
    tgf = "a:b\n\u00e4\n_a\n#\na:b \u00e4\n\u00e4 _a\n"
    path.write_text(apx if name.lower().endswith(".apx") else tgf, encoding="utf-8")
    fw = iccma.framework(path)
    assert (["a:b", "\u00e4", "_a"], {("a:b", "\u00e4"), ("\u00e4", "_a")}) == \
        (fw.names, _attack_names(fw))
    with pytest.raises(LoadError, match="cannot be a node id"):
        iccma.load(path)


def test_i23_is_the_af_format(tmp_path: Path) -> None:
    """.i23 (and .AF) files are read as ICCMA 2023 .af."""
    for name in ("f.i23", "f.AF"):
        path = tmp_path / name
        path.write_text("p af 3\n1 2\n2 3\n", encoding="utf-8")
        fw = iccma.framework(path)
        assert (["1", "2", "3"], {("1", "2"), ("2", "3")}) == (fw.names, _attack_names(fw))


def test_framework_file_size_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A framework file larger than MAX_BYTES is refused, located, before it is read."""
    monkeypatch.setattr(iccma, "MAX_BYTES", 100)
    path = tmp_path / "big.af"
    path.write_text("p af 10\n" + "1 2\n" * 30, encoding="utf-8")
    with pytest.raises(LoadError) as info:
        iccma.framework(path)
    assert [(f"{path}:1:1", "file-too-large")] == \
        [(str(p.location), p.code) for p in info.value.problems]


def test_framework_errors_are_located(tmp_path: Path) -> None:
    """A malformed .af read as a framework is handed to the located parser, which says
    where it is wrong."""
    path = tmp_path / "x.af"
    path.write_text("p af 2\n1 3\n", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        iccma.framework(path)
    assert str(info.value) == (f"{path}:2:3: error: attack names '3', which is not an "
                               "argument [unknown-argument]")
