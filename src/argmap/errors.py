"""The one family of errors argmap raises, and the located problems they carry.

Every error a user can cause is an :class:`ArgmapError`. Errors about input
files carry :class:`Problem` values, each with a :class:`Location` that counts
lines and columns from 1, so the CLI can print them as
``path:line:col: severity: message [code]`` (the yamllint "parsable" form).
"""

from __future__ import annotations

import itertools
import reprlib
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from enum import StrEnum
from typing import NamedTuple

from argmap.terminal import printable

__all__ = [
    "SHOWN",
    "ArgmapError",
    "LoadError",
    "Location",
    "MissingPath",
    "Problem",
    "Severity",
    "UnknownNode",
    "UsageError",
    "shell_word",
    "shown",
    "unknown_node",
]

#: The most characters of one value from a map or the command line (an id, a key, a
#: reference, a path...) that a message or hint quotes: a 5,000-character id made a
#: 10,000-character error of its message and hint.
SHOWN = 80


def shell_word(value: str, *, cut: bool = True) -> str:
    """``value`` quoted for a shell, for a command a message or a comment offers to run;
    shown escaped (not to be run) when it holds a character a line cannot, so that it
    cannot add lines, or, with ``cut``, when it is longer than a message quotes."""
    if value.isprintable() and (not cut or len(value) <= SHOWN):
        import shlex  # noqa: PLC0415 - only for a hint; errors.py is imported everywhere

        return shlex.quote(value)
    return shown(value)


class _Repr(reprlib.Repr):
    """A bounded repr for values that are not strings (a list or mapping where a scalar
    was expected): its size, not only what is shown of it, is bounded."""

    def repr_dict(self, x: dict[object, object], level: int) -> str:
        # The keys in the order written, as repr shows them (reprlib sorts them).
        if not x or level <= 0:
            return "{}" if not x else "{" + self.fillvalue + "}"
        pieces = [f"{self.repr1(k, level - 1)}: {self.repr1(v, level - 1)}"
                  for k, v in itertools.islice(x.items(), self.maxdict)]
        return "{" + ", ".join(pieces + [self.fillvalue] * (len(x) > self.maxdict)) + "}"


_REPR = _Repr()
_REPR.maxlevel = 2
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = SHOWN


class Severity(StrEnum):
    """How serious a problem is; ordered ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Position in the order ``info < warning < error``."""
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


# Location and Problem are named tuples, not dataclasses: a check of a large map
# creates tens of thousands of them, and a frozen dataclass's __init__ is several
# times slower to call.
class Location(NamedTuple):
    """A place in an input file; ``line`` and ``col`` count from 1."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


class Problem(NamedTuple):
    """One located diagnostic: a load error or a check finding."""

    location: Location
    code: str
    message: str
    severity: Severity = Severity.ERROR
    hint: str | None = None
    node: str | None = None
    """The ``map:id`` key of the node the problem is about, if any."""

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message} [{self.code}]"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order problems by file, line, column, code, message (stable output)."""
        loc = self.location
        return (loc.path, loc.line, loc.col, self.code, self.message)


class ArgmapError(Exception):
    """Base class of every error argmap raises on purpose."""


class UsageError(ArgmapError):
    """The caller asked for something that cannot be done (bad option, bad path)."""


class MissingPath(UsageError):
    """A path given to read (a map, a folder) that does not exist; ``more``, what the
    message adds (``; did you mean NAME.yaml?``)."""

    def __init__(self, path: str, more: str = "") -> None:
        self.path = path
        super().__init__(f"{shown(path, quoted=False)}: no such file or folder{more}")


class UnknownNode(UsageError):
    """A node name (from the command line, or given to a library function) that names no
    node, or a bare id that several maps have. Made by :func:`unknown_node`."""

    def __init__(self, name: str, *, matches: Sequence[str] = (), choices: Sequence[str] = (),
                 what: str = "node") -> None:
        self.name = name
        self.matches: tuple[str, ...] = tuple(matches)
        """Up to :data:`MATCHES` names, as they can be written, close to ``name``."""
        self.choices: tuple[str, ...] = tuple(choices)
        """The ``map:id`` keys of an ambiguous ``name``, one of which to write (sorted)."""
        self.what = what
        """What a name names: ``node``, or ``argument`` in an ICCMA framework."""
        super().__init__(str(self))

    @property
    def ambiguous(self) -> bool:
        """Whether ``name`` is an id that several maps have (see :attr:`choices`)."""
        return bool(self.choices)

    def __str__(self) -> str:
        if self.choices:
            listed = ", ".join(shown(c) for c in self.choices[:CHOICES])
            more = len(self.choices) - CHOICES
            return (f"{self.what} {shown(self.name)} is in several maps; write map:id, one of "
                    f"{listed}" + (f" and {more} more" if more > 0 else ""))
        message = f"no {self.what} {shown(self.name)}"
        if not self.matches:
            return message
        quoted = [shown(m) for m in self.matches]
        listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
        return f"{message}; did you mean {listed}?"


#: The most names an unknown node's error offers as what was meant.
MATCHES = 3
#: The most ``map:id`` keys an ambiguous id's error lists (in a folder of a thousand
#: maps each may have a ``claim``).
CHOICES = 10
#: The longest name compared for likeness: longer than any ``map:id`` (an id has at most
#: 200 characters, a file name 255), and difflib's cost grows with the product of the two
#: lengths, for each of 100,000 nodes.
_COMPARED = 500


def unknown_node(name: str, keys: Iterable[str], *, bare: Collection[str] | None = None,
                 what: str = "node") -> UnknownNode:
    """The error for ``name``, which names none of the node ``keys`` (``map:id``).

    ``bare``: the keys whose id alone names them where no other of them has it (an id
    given bare is ambiguous, and the error lists the keys to choose from, where several
    have it); ``None`` where only keys are accepted. The error offers up to
    :data:`MATCHES` names close to ``name``, each as it can be written (a bare id where
    that names it, else the key): the ids that contain it (ids are long slugs: a part of
    one is as likely as a typo), then difflib's closest ids. A name with a ``:`` is
    looked for among the ids of the map it names, or, if there is no such map, among
    the keys.
    """
    every = sorted(keys)
    # How many of the keys accepted bare have each id (counted: no list for each node).
    alone = Counter(key.rpartition(":")[2] for key in bare) if bare is not None else Counter()
    if ":" not in name and alone[name] > 1:
        return UnknownNode(name, choices=sorted(k for k in bare or () if k.rpartition(":")[2]
                                                == name), what=what)
    # What is compared with the name given -> the name offered for it (and, in `more`, the
    # other keys of an id that several maps have).
    forms: dict[str, str] = {}
    more: dict[str, list[str]] = {}
    sought = name
    if ":" in name:
        prefix = name.rpartition(":")[0] + ":"
        # Within the map named, its ids: the map's name, alike in all its keys, would make
        # every key of the map look close.
        forms = {key[len(prefix):]: key for key in every if key.startswith(prefix)}
        if forms:
            sought = name[len(prefix):]
        else:
            forms = {key: key for key in every}
    else:
        for key in every:
            i = key.rpartition(":")[2]
            if alone[i] == 1:
                forms[i] = i  # the id alone names it
            elif i in forms:
                more.setdefault(i, []).append(key)
            else:
                forms[i] = key
    # Keys only: the keys whose id is the name given are what was meant.
    close = [sought] if sought in forms else []
    if len(sought) >= 3:
        close += [c for c in sorted(forms) if sought in c]
    if len(sought) <= _COMPARED:
        close += _closest(sought, forms, MATCHES)
    offered = [f for c in close for f in (forms[c], *more.get(c, ()))]
    return UnknownNode(name, matches=list(dict.fromkeys(offered))[:MATCHES], what=what)


def _closest(name: str, names: Iterable[str], n: int) -> list[str]:
    """The ``n`` of ``names`` most like ``name`` (difflib's ratio of 0.6 or more), the
    closest first and names alike in order: ``difflib.get_close_matches`` puts 'c:claim'
    before 'b:claim'."""
    import difflib  # noqa: PLC0415 - only for an error; errors.py is imported everywhere
    import heapq  # noqa: PLC0415

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(name)
    scored = []
    for x in names:
        matcher.set_seq1(x)
        if matcher.real_quick_ratio() >= _CUTOFF and matcher.quick_ratio() >= _CUTOFF:
            ratio = matcher.ratio()
            if ratio >= _CUTOFF:
                scored.append((-ratio, x))
    return [x for _, x in heapq.nsmallest(n, scored)]


#: How alike a name must be to be offered (difflib.get_close_matches's default).
_CUTOFF = 0.6


class LoadError(ArgmapError):
    """One or more input files could not be loaded; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=Problem.sort_key))
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        return "\n".join(lines) if lines else "load failed"


def shown(value: object, limit: int = SHOWN, *, quoted: bool = True) -> str:
    """``value`` as a message quotes it: a string in single quotes (``'an-id'``; without
    them if not ``quoted``, for a path that begins a message), anything else as its
    ``repr``; control characters, line breaks and bidi controls written as escapes
    (``\\n``, ``\\x1b``: a value cannot start a line of its own in a report or a GitHub
    annotation), and cut to ``limit`` characters, the cut marked with ``…``."""
    if isinstance(value, str):
        return f"'{_cut(value, limit)}'" if quoted else _cut(value, limit)
    try:
        text = _REPR.repr(value)
    except ValueError:  # an int too long for str() (Python's 4,300-digit limit)
        text = f"<{type(value).__name__}>"
    return _cut(text, limit)


def _cut(text: str, limit: int) -> str:
    """``text`` escaped and cut to ``limit`` characters, ``…`` last where it was cut."""
    head = text[:limit]
    if len(text) <= limit and head.isprintable():
        return head  # the usual value: as it is
    out: list[str] = []
    size = 0
    for ch in head:
        piece = printable(ch)
        if size + len(piece) > limit - 1:
            return "".join(out) + "…"
        out.append(piece)
        size += len(piece)
    return "".join(out) + ("…" if len(text) > limit else "")
