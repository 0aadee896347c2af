"""Import abstract argumentation frameworks in the ICCMA competition formats.

* ``.apx`` (ASPARTIX): facts ``arg(a).`` and ``att(a,b).``; ``%`` starts a comment.
* ``.tgf`` (trivial graph format): one argument per line (anything after the first
  word is a label and is ignored), a line ``#``, then one attack ``a b`` per line.
* ``.af`` or ``.i23`` (ICCMA 2023): a header ``p af N`` naming arguments ``1..N``,
  then one attack ``a b`` per line; lines starting with ``#`` are comments.

The ending is read in any case (``.APX``). :func:`framework` reads a file straight into
the integer :class:`~argmap.semantics.Framework` the algorithms use, any name the
format allows (``a:b``, ``ä``, ``_a``) accepted; a clean ``.af`` file takes a fast path
that never reports an error, only hands anything unusual over to the located parser.
:func:`load` makes a framework an attack-only map instead, for the commands that work
on maps: every argument a ``claim`` node whose id is the argument's name (so names
must be node ids there), every attack an ``attacks`` relation. Every problem is
reported at ``path:line:col`` in one :class:`~argmap.errors.LoadError`.

A framework has at most :data:`MAX_ARGUMENTS` arguments. In ``.apx`` and ``.tgf``
each argument takes a few bytes of the file (itself capped at
:data:`argmap.loading.source.MAX_BYTES`), but the arguments of ``.af`` are implicit: the
30 bytes of ``p af 99999999999999999999`` would otherwise ask for more memory
than any machine has. The cap is what memory can hold. A framework file is at most
:data:`MAX_BYTES` (a million arguments with three million attacks is about 41 MB).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from argmap import safeio
from argmap.errors import LoadError, Location, Problem, UsageError, shown
from argmap.loading import source
from argmap.loading.loader import LoadedMap, map_name
from argmap.records import ID_PATTERN, MapRecord, NodeKind, NodeRecord, RelationRecord
from argmap.semantics.framework import Framework, from_numbers, from_pairs

__all__ = ["FORMATS", "MAX_ARGUMENTS", "MAX_BYTES", "AbstractFramework", "format_of",
           "framework", "is_framework", "load", "parse", "read", "to_map"]

#: Most arguments a framework may have (see the module docstring).
MAX_ARGUMENTS = 1_000_000
#: Largest framework file argmap reads.
MAX_BYTES = 64 * safeio.MIB

_ID = re.compile(ID_PATTERN)
_FACT = re.compile(r"\s*(arg|att)\s*\(\s*([^\s(),]+?)\s*(?:,\s*([^\s(),]+?)\s*)?\)\s*\.")
_BLANK = re.compile(r"\s*")
_NUMBER = re.compile(r"[0-9]+")
#: Names longer than this are cut in messages (a bad name may be a whole line).
_SHOWN = 60


def _shown(name: str) -> str:
    return shown(name, _SHOWN)


@dataclass
class AbstractFramework:
    """Arguments (names in file order) and attacks read from a file, with locations."""

    path: str
    format: str
    names: list[str] = field(default_factory=list)
    attacks: list[tuple[int, int]] = field(default_factory=list)
    """``(attacker, attacked)`` as positions in :attr:`names`; repeats dropped."""
    where_arg: list[Location] = field(default_factory=list)
    where_attack: list[Location] = field(default_factory=list)


class _Reader:
    """Collects arguments, attacks and problems while a parser walks a file."""

    def __init__(self, path: str, fmt: str, ids: bool = True) -> None:
        self.af = AbstractFramework(path, fmt)
        self.ids = ids
        self.index: dict[str, int] = {}
        self.seen: set[tuple[int, int]] = set()
        self.problems: list[Problem] = []

    def problem(self, line: int, col: int, code: str, message: str,
                hint: str | None = None) -> None:
        if len(self.problems) < source.MAX_PROBLEMS:
            self.problems.append(Problem(Location(self.af.path, line, col), code, message,
                                         hint=hint))

    def argument(self, name: str, line: int, col: int) -> bool:
        """Declare an argument; False once there are too many (the caller stops)."""
        if name in self.index:
            first = self.af.where_arg[self.index[name]]
            self.problem(line, col, "duplicate-argument", f"argument {_shown(name)} is "
                         f"declared twice (first on line {first.line})")
            return True
        if self.ids and (not _ID.match(name) or len(name) > 200):
            self.problem(line, col, "bad-argument-name",
                         f"argument name {_shown(name)} cannot be a node id",
                         hint="read as a map (explain, evaluate --strength), names are "
                         "node ids: letters, digits, '-', '_' and '.', starting with a letter "
                         "or digit; evaluate alone reads any name")
            return True
        if len(self.af.names) >= MAX_ARGUMENTS:
            self.too_many(line, col, f"argument {_shown(name)} is one too many")
            return False
        self.index[name] = len(self.af.names)
        self.af.names.append(name)
        self.af.where_arg.append(Location(self.af.path, line, col))
        return True

    def too_many(self, line: int, col: int, what: str) -> None:
        """Report a framework of more than :data:`MAX_ARGUMENTS` arguments."""
        self.problem(line, col, "too-many-arguments",
                     f"{what}; argmap reads at most {MAX_ARGUMENTS:,} arguments",
                     hint="split the framework, or use a solver made for frameworks this "
                     "large")

    def attack(self, a: str, b: str, line: int, col_a: int, col_b: int) -> None:
        ia, ib = self.index.get(a), self.index.get(b)
        for name, i, col in ((a, ia, col_a), (b, ib, col_b)):
            if i is None:
                self.problem(line, col, "unknown-argument",
                             f"attack names {_shown(name)}, which is not an argument")
        if ia is None or ib is None or (ia, ib) in self.seen:
            return
        self.seen.add((ia, ib))
        self.af.attacks.append((ia, ib))
        self.af.where_attack.append(Location(self.af.path, line, col_a))


def _words(line: str) -> list[tuple[int, str]]:
    """Whitespace-separated words with their 1-based columns."""
    return [(m.start() + 1, m.group()) for m in re.finditer(r"\S+", line)]


def _parse_apx(r: _Reader, lines: list[str]) -> None:
    attacks: list[tuple[str, str, int, int, int]] = []
    for ln, raw in enumerate(lines, 1):
        line = raw.split("%", 1)[0]
        pos = 0
        # Positions in the line, never slices of it: a file may be one line of a
        # million facts, and a slice per fact would take quadratic time.
        while (blank := _BLANK.match(line, pos).end()) < len(line):  # type: ignore[union-attr]
            m = _FACT.match(line, pos)
            if m is None:
                r.problem(ln, blank + 1, "iccma-syntax",
                          "expected `arg(NAME).` or `att(NAME,NAME).`")
                break
            kind, a, b = m.group(1), m.group(2), m.group(3)
            if (kind == "arg") != (b is None):
                r.problem(ln, m.start(1) + 1, "iccma-syntax",
                          f"`{kind}` takes {'one name' if kind == 'arg' else 'two names'}")
            elif kind == "arg":
                if not r.argument(a, ln, m.start(2) + 1):
                    return
            else:
                attacks.append((a, b, ln, m.start(2) + 1, m.start(3) + 1))
            pos = m.end()
    # Facts may come in any order: attacks are resolved once every argument is known.
    for a, b, ln, ca, cb in attacks:
        r.attack(a, b, ln, ca, cb)


def _parse_tgf(r: _Reader, lines: list[str]) -> None:
    in_edges = False
    for ln, line in enumerate(lines, 1):
        words = _words(line)
        if not words:
            continue
        if words[0][1] == "#" and len(words) == 1 and not in_edges:
            in_edges = True
        elif not in_edges:
            if not r.argument(words[0][1], ln, words[0][0]):
                return
        elif len(words) < 2:
            r.problem(ln, words[0][0], "iccma-syntax", "expected an attack `NAME NAME`")
        else:
            r.attack(words[0][1], words[1][1], ln, words[0][0], words[1][0])


def _parse_af(r: _Reader, lines: list[str]) -> None:
    header = False
    for ln, line in enumerate(lines, 1):
        words = _words(line)
        if not words or words[0][1].startswith("#"):
            continue
        if not header:
            if len(words) != 3 or words[0][1] != "p" or words[1][1] != "af" \
                    or not _NUMBER.fullmatch(words[2][1]):
                r.problem(ln, words[0][0], "iccma-syntax", "expected the header `p af N`",
                          hint="the first line that is not a comment names the number of "
                          "arguments")
                return
            header = True
            col, count = words[2]
            # Compared as text first: int() of a number of 5,000 digits raises ValueError.
            digits = count.lstrip("0")
            if len(digits) > len(str(MAX_ARGUMENTS)) or int(digits or "0") > MAX_ARGUMENTS:
                shown = count if len(count) <= 20 else f"a number of {len(count):,} digits"
                r.too_many(ln, col, f"the header declares {shown} arguments")
                return
            for i in range(1, int(count) + 1):
                r.argument(str(i), ln, 1)
        elif len(words) != 2 or not all(w.isdigit() for _, w in words):
            r.problem(ln, words[0][0], "iccma-syntax", "expected an attack `A B` of two "
                      "argument numbers")
        else:
            r.attack(words[0][1], words[1][1], ln, words[0][0], words[1][0])
    if not header:
        r.problem(1, 1, "iccma-syntax", "no header `p af N`")


#: The formats by file name ending (in lower case).
FORMATS: dict[str, Callable[[_Reader, list[str]], None]] = {
    ".apx": _parse_apx,
    ".tgf": _parse_tgf,
    ".af": _parse_af,
    ".i23": _parse_af,
}


def format_of(path: str | Path) -> str | None:
    """The format of a file by its ending, in any case (a key of :data:`FORMATS`)."""
    suffix = Path(path).suffix.lower()
    return suffix if suffix in FORMATS else None


def is_framework(path: str | Path) -> bool:
    """Whether ``path`` names a framework file by its ending."""
    return format_of(path) is not None


def parse(text: str, path: str = "<string>", fmt: str = ".apx", *,
          ids: bool = True) -> AbstractFramework:
    """Parse the text of a framework in format ``fmt`` (a key of :data:`FORMATS`).

    With ``ids``, every name must be a node id (for :func:`to_map`); without, any name
    the format allows is read.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown framework format {shown(fmt)}; known: {', '.join(FORMATS)}")
    r = _Reader(path, fmt, ids)
    FORMATS[fmt](r, text.splitlines())
    if r.problems:
        raise LoadError(r.problems)
    return r.af


def _format(path: str | Path) -> str:
    fmt = format_of(path)
    if fmt is None:
        raise UsageError(f"{path}: not a framework file (endings: {', '.join(FORMATS)})")
    return fmt


def _read_bytes(path: str | Path) -> bytes:
    """The bytes of a framework file, read through :mod:`argmap.safeio` (at most
    :data:`MAX_BYTES`, regular files only); refusals are located errors."""
    name = str(path)
    try:
        return safeio.read_bytes(path, limit=MAX_BYTES, noun="frameworks")
    except safeio.FileRefused as exc:
        hint = {"too-large": "split the framework, or use a solver made for frameworks "
                "this large", "not-a-file": "a framework is a plain text file",
                "outside-tree": "copy the framework in"}[exc.reason]
        code = "file-too-large" if exc.reason == "too-large" else exc.reason
        raise LoadError([Problem(Location(name), code, exc.message, hint=hint)]) from None
    except OSError as exc:
        raise LoadError([Problem(Location(name), "unreadable",
                                 f"cannot read file: {exc.strerror or exc}")]) from None


def read(path: str | Path, *, ids: bool = True) -> AbstractFramework:
    """Read a framework file; its ending (``.apx``, ``.tgf``, ``.af``, ``.i23``, in any
    case) gives the format. ``ids`` as in :func:`parse`."""
    fmt = _format(path)
    return parse(source.decode(_read_bytes(path), str(path)), str(path), fmt, ids=ids)


#: Clean .af lines with tabs, CRLF or spaces at the ends of lines (the fast path takes
#: nothing else).
_AF_BODY = re.compile(rb"(?:[0-9]+[ \t]+[0-9]+[ \t]*\r?\n)*")
_AF_HEADER = re.compile(rb"p[ \t]+af[ \t]+([1-9][0-9]{0,6})[ \t]*\r?\n")
_DIGITS = b"0123456789"


#: Bytes of an .af body read at a time by the fast path: the words of a chunk stay in the
#: processor's cache, and only the numbers of the whole file are kept.
_CHUNK = 1 << 20


def _plain_af_lines(chunk: bytes, words: int) -> bool:
    """Whether ``chunk`` (whole lines, ending with a newline) is lines ``A B`` of two numbers
    and one space, ``words`` numbers in all: checked in C at the speed of memory, where a
    regular expression took half a second on 41 MB."""
    # Without the digits, such lines leave " \n" each; with as many words as separators and
    # a newline at the end, no word is empty (a line "1 \n" or " 1\n" would leave one word
    # fewer).
    separators = chunk.translate(None, _DIGITS)
    return words == len(separators) and separators == b" \n" * (words // 2)


def _fast_af(raw: bytes) -> tuple[int, array[int], array[int]] | None:
    """The argument count and the attacks, attackers and attacked as positions (argument
    ``1`` of the file is ``0``), of a clean .af file: comments only before the header, then
    nothing but pairs of numbers ``1..N`` written as the header names them (no leading
    zeros). Anything else is None: the located parser reads it (or says what is wrong)."""
    pos = 0
    while raw.startswith(b"#", pos):
        pos = raw.find(b"\n", pos) + 1
        if not pos:
            return None
    header = _AF_HEADER.match(raw, pos)
    if header is None:
        return None
    n = int(header.group(1))
    if n > MAX_ARGUMENTS:
        return None
    body = raw[header.end():]
    if body and not body.endswith(b"\n"):
        body += b"\n"
    # Arrays of machine integers: a third of the memory of lists of int objects.
    attackers, attacked = array("l"), array("l")
    start, size = 0, len(body)
    while start < size:
        end = body.find(b"\n", start + _CHUNK) + 1 or size
        chunk = body[start:end]
        start = end
        words = chunk.split()
        if not _plain_af_lines(chunk, len(words)) and _AF_BODY.fullmatch(chunk) is None:
            return None
        # A word starts a line or follows a space or a tab; "0" or "07" is no argument's
        # name (the parser says so).
        if chunk.startswith(b"0") or any(sep + b"0" in chunk for sep in (b" ", b"\t", b"\n")):
            return None
        numbers = list(map((-1).__add__, map(int, words)))
        if numbers and max(numbers) >= n:
            return None
        attackers.extend(numbers[0::2])
        attacked.extend(numbers[1::2])
    return n, attackers, attacked


def framework(path: str | Path) -> Framework:
    """Read a framework file straight into the integer form of
    :class:`~argmap.semantics.Framework`: arguments named as in the file (``1..N`` for
    .af), in file order, any name the format allows."""
    fmt = _format(path)
    raw = _read_bytes(path)
    fast = _fast_af(raw) if fmt in (".af", ".i23") else None
    if fast is not None:
        return from_numbers(*fast)
    af = parse(source.decode(raw, str(path)), str(path), fmt, ids=False)
    return from_pairs(af.names, [a for a, _ in af.attacks], [b for _, b in af.attacks])


def to_map(af: AbstractFramework) -> LoadedMap:
    """The attack-only map of a framework: a ``claim`` node per argument."""
    names = af.names
    targets: list[list[str]] = [[] for _ in names]
    spans: dict[source.KeyPath, source.Span] = {}
    for (a, b), loc in zip(af.attacks, af.where_attack, strict=True):
        spans["nodes", a, "attacks", len(targets[a])] = (loc.line, loc.col, loc.line, loc.col)
        targets[a].append(names[b])
    # The names were checked against the id pattern above: the records are built
    # without validating again.
    nodes = []
    for i, name in enumerate(names):
        loc = af.where_arg[i]
        spans["nodes", i] = spans["nodes", i, "id"] = (loc.line, loc.col, loc.line, loc.col)
        nodes.append(NodeRecord(name, NodeKind.CLAIM, f"argument {name}",
                                attacks=tuple(RelationRecord(t) for t in targets[i])))
    stem = map_name(af.path, af.path)  # a name a report can print (a line break refused)
    amap = MapRecord(1, f"{stem} (ICCMA {af.format})", nodes=tuple(nodes))
    document = source.Document(af.path, "", None, spans)
    return LoadedMap(stem, af.path, document, amap)


def load(path: str | Path) -> LoadedMap:
    """Read a framework file as an attack-only map."""
    return to_map(read(path))
