"""Validate a parsed map without pydantic, for the common case of a valid map.

:func:`validate` turns the data of a map file (dicts, lists, strings and
``None``, as the YAML layer gives them) into :mod:`argmap.records`, accepting
only what :class:`argmap.model.ArgumentMap` accepts and giving exactly the
values it would. It is deliberately conservative: on anything unusual or wrong
(a missing or unknown key, a bad id, a number written as ``1e-1``, a date in
non-ASCII digits...) it returns ``None`` and the loader asks pydantic, which
either explains the errors or validates the map itself. So this module never
reports an error; it only has to be right about what it accepts, and a property
test holds it to that against the models.

Why: validating with pydantic means importing it and building the models,
about 0.12 s of a 0.2 s ``argmap check`` of a small map; on a 100,000-node map
this validator is also quicker than pydantic (it builds named tuples).

Two parts. Above the mark line, written by hand: the readers that the types of
:mod:`argmap.model` name in their :class:`~argmap.model.Fast` marks (``Fast("id")`` is
:func:`_id`), each accepting exactly what its type accepts. Below it, written by
``scripts/genformat.py`` from the models: each record's keys and defaults, and the
function that reads a mapping into the record, a field at a time, in the record's order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from argmap.errors import Severity
from argmap.records import (
    CheckRecord,
    MapRecord,
    NodeKind,
    NodeRecord,
    Provenance,
    RelationRecord,
    SourceRecord,
    TensionRecord,
    date_problem,
    title_problem,
)
from argmap.schemes import SCHEMES

__all__ = ["validate"]


class _Defer(Exception):
    """The data is not (certainly) valid: let pydantic decide."""


# The models' patterns, restricted to ASCII where pydantic's Unicode-aware
# classes (\d, \S) would accept more: what falls outside goes to pydantic.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*").fullmatch
_REF = re.compile(r"(?:[A-Za-z0-9][A-Za-z0-9_.\-]*:)?[A-Za-z0-9][A-Za-z0-9_.\-]*").fullmatch
_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?").fullmatch
_URL = re.compile(r"https?://[!-~]+").fullmatch
_SCORE = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?").fullmatch
_QUESTION = re.compile(r"cq[1-9][0-9]?").fullmatch
_ID_MAX, _REF_MAX = 200, 401
_SOURCE = Provenance.SOURCE
#: The value of a key the map leaves out; every reader refuses it.
_ABSENT: Any = object()
# Records are built positionally, with tuple.__new__: it is the quickest way, and this
# runs for every node and relation of a map. The generated readers below give the
# values in the records' field order; a mapping holding only the required keys takes
# the other fields' defaults in one concatenation, quicker than unpacking.
_new = tuple.__new__
_E = TypeVar("_E")


def validate(data: dict[str, Any]) -> MapRecord | None:
    """The map's records, or ``None`` when pydantic must decide (see the module doc)."""
    try:
        return _read_map(data)
    except _Defer:
        return None


def _defer(_: Any = None) -> NoReturn:
    """A value that only pydantic can judge (a type without a fast reader, a missing key)."""
    raise _Defer


def _version(v: Any) -> int:
    if v != "1":
        raise _Defer
    return 1


def _str(v: Any) -> str:
    if type(v) is not str:
        raise _Defer
    return v


def _text(v: Any) -> str:
    """A string of at least one character."""
    if type(v) is not str or not v:
        raise _Defer
    return v


def _title(v: Any) -> str:
    if type(v) is not str or title_problem(v) is not None:
        raise _Defer
    return v


def _id(v: Any) -> str:
    if type(v) is not str or len(v) > _ID_MAX or _ID(v) is None:
        raise _Defer
    return v


def _ref(v: Any) -> str:
    if type(v) is not str or len(v) > _REF_MAX or _REF(v) is None:
        raise _Defer
    return v


def _url(v: Any) -> str:
    if type(v) is not str or _URL(v) is None:
        raise _Defer
    return v


def _date(v: Any) -> str:
    if type(v) is not str or _DATE(v) is None or date_problem(v) is not None:
        raise _Defer
    return v


#: Scores already read, each to its value: a map writes the same few (``0.8``) on most
#: of its nodes and relations, and a lookup is quicker than a match and a conversion.
#: At most :data:`MAX_SCORES` are kept (the module's, for every map read).
_SCORES: dict[str, float] = {}
MAX_SCORES = 1024


def _score(v: Any) -> float:
    if type(v) is not str:
        raise _Defer
    f = _SCORES.get(v)
    if f is not None:
        return f
    if _SCORE(v) is None:
        raise _Defer
    f = float(v)
    if f > 1.0:
        raise _Defer
    if len(_SCORES) < MAX_SCORES:
        _SCORES[v] = f
    return f


def _score_range(v: Any) -> float | tuple[float, float]:
    """A score, or an interval ``[low, high]`` of scores; anything else is for pydantic."""
    if type(v) is list:
        if len(v) != 2:
            raise _Defer
        low, high = _score(v[0]), _score(v[1])
        if low > high:
            raise _Defer
        return low, high
    return _score(v)


def _scheme(v: Any) -> str:
    if type(v) is not str or v not in SCHEMES:
        raise _Defer
    return v


def _question(v: Any) -> str:
    if type(v) is not str or _QUESTION(v) is None:
        raise _Defer
    return v


def _member(v: Any, members: dict[str, _E]) -> _E:
    """A member of an enumeration, by its value."""
    member = members.get(v) if type(v) is str else None
    if member is None:
        raise _Defer
    return member


def _strings(v: Any) -> tuple[str, ...]:
    if type(v) is not list:
        raise _Defer
    for item in v:
        if type(item) is not str:
            raise _Defer
    return tuple(v)


def _seq(v: Any, read: Callable[[Any], _E]) -> tuple[_E, ...]:
    """A list, each item read by ``read``."""
    if type(v) is not list:
        raise _Defer
    return tuple([read(x) for x in v])


def _str_dict(v: Any) -> dict[str, str]:
    if type(v) is not dict:
        raise _Defer
    for key, value in v.items():
        if type(key) is not str or type(value) is not str:
            raise _Defer
    return dict(v)


def _pair(v: Any) -> tuple[str, str]:
    """Two different references (a tension's ``between``)."""
    if type(v) is not list or len(v) != 2 or v[0] == v[1]:
        raise _Defer
    return (_ref(v[0]), _ref(v[1]))


def _relations(v: Any) -> tuple[RelationRecord, ...]:
    """Relations: a bare reference ``x`` is short for ``{to: x}``; ``quote:`` and
    ``source:`` say where the source draws one, so not with ``by: analyst``."""
    if type(v) is not list:
        raise _Defer
    out = []
    for e in v:
        if type(e) is str:
            if len(e) > _REF_MAX or _REF(e) is None:
                raise _Defer
            out.append(_new(RelationRecord, (e,) + _RELATION_DEFAULTS))
        else:
            rel = _read_relation(e)
            if rel.by is not _SOURCE and (rel.quote is not None or rel.source is not None):
                raise _Defer
            out.append(rel)
    return tuple(out)


def _supports(v: Any) -> tuple[RelationRecord, ...]:
    """Supports, which raise no critical question."""
    out = _relations(v)
    for rel in out:
        if rel.question is not None:
            raise _Defer
    return out


# --- generated by scripts/genformat.py from argmap.model; edit the models and run it ---

_NODEKIND_MEMBERS = {m.value: m for m in NodeKind}
_PROVENANCE_MEMBERS = {m.value: m for m in Provenance}
_SEVERITY_MEMBERS = {m.value: m for m in Severity}
_SOURCE_KEYS = frozenset(("id", "title", "author", "date", "url", "text", "note"))
#: The values of SourceRecord's optional fields when the map leaves them out.
_SOURCE_DEFAULTS: tuple[Any, ...] = (None, None, None, None, None)
_RELATION_KEYS = frozenset((
    "to", "id", "by", "source", "quote", "scheme", "question", "strength", "note",
))
#: The values of RelationRecord's optional fields when the map leaves them out.
_RELATION_DEFAULTS: tuple[Any, ...] = (None, Provenance.SOURCE, None, None, None, None, None, None)
_NODE_KEYS = frozenset((
    "id", "kind", "text", "title", "quote", "source", "locator", "section", "tags", "confidence",
    "note", "supports", "attacks", "undercuts", "acknowledge",
))
#: The values of NodeRecord's optional fields when the map leaves them out.
_NODE_DEFAULTS: tuple[Any, ...] = (None, None, None, None, None, (), None, None, (), (), (), {})
_TENSION_KEYS = frozenset(("id", "between", "source", "note", "quotes"))
#: The values of TensionRecord's optional fields when the map leaves them out.
_TENSION_DEFAULTS: tuple[Any, ...] = (None, None, ())
_CHECK_KEYS = frozenset(("select", "ignore", "severity"))
#: The values of CheckRecord's optional fields when the map leaves them out.
_CHECK_DEFAULTS: tuple[Any, ...] = (None, (), None)
_MAP_KEYS = frozenset((
    "argmap", "title", "question", "thesis", "authors", "date", "description", "sources", "nodes",
    "tensions", "check",
))
#: The values of MapRecord's optional fields when the map leaves them out.
_MAP_DEFAULTS: tuple[Any, ...] = (None, None, (), None, None, (), (), (), None)


def _read_source(d: Any) -> SourceRecord:
    """A mapping read into a :class:`SourceRecord` (``_Defer`` when unsure)."""
    if type(d) is not dict or not _SOURCE_KEYS.issuperset(d):
        raise _Defer
    get = d.get
    if len(d) == 2:  # the required keys alone
        return _new(SourceRecord, (
            _id(get("id", _ABSENT)),
            _text(get("title", _ABSENT)),
        ) + _SOURCE_DEFAULTS)
    return _new(SourceRecord, (
        _id(get("id", _ABSENT)),
        _text(get("title", _ABSENT)),
        None if (v := get("author")) is None else _str(v),
        None if (v := get("date")) is None else _date(v),
        None if (v := get("url")) is None else _url(v),
        None if (v := get("text")) is None else _text(v),
        None if (v := get("note")) is None else _str(v),
    ))


def _read_relation(d: Any) -> RelationRecord:
    """A mapping read into a :class:`RelationRecord` (``_Defer`` when unsure)."""
    if type(d) is not dict or not _RELATION_KEYS.issuperset(d):
        raise _Defer
    get = d.get
    if len(d) == 1:  # the required keys alone
        return _new(RelationRecord, (
            _ref(get("to", _ABSENT)),
        ) + _RELATION_DEFAULTS)
    return _new(RelationRecord, (
        _ref(get("to", _ABSENT)),
        None if (v := get("id")) is None else _id(v),
        (Provenance.SOURCE if (v := get("by", _ABSENT)) is _ABSENT
         else _member(v, _PROVENANCE_MEMBERS)),
        None if (v := get("source")) is None else _ref(v),
        None if (v := get("quote")) is None else _text(v),
        None if (v := get("scheme")) is None else _scheme(v),
        None if (v := get("question")) is None else _question(v),
        None if (v := get("strength")) is None else _score_range(v),
        None if (v := get("note")) is None else _str(v),
    ))


def _read_node(d: Any) -> NodeRecord:
    """A mapping read into a :class:`NodeRecord` (``_Defer`` when unsure)."""
    if type(d) is not dict or not _NODE_KEYS.issuperset(d):
        raise _Defer
    get = d.get
    if len(d) == 3:  # the required keys alone
        return _new(NodeRecord, (
            _id(get("id", _ABSENT)),
            _member(get("kind", _ABSENT), _NODEKIND_MEMBERS),
            _text(get("text", _ABSENT)),
        ) + _NODE_DEFAULTS)
    return _new(NodeRecord, (
        _id(get("id", _ABSENT)),
        _member(get("kind", _ABSENT), _NODEKIND_MEMBERS),
        _text(get("text", _ABSENT)),
        None if (v := get("title")) is None else _title(v),
        None if (v := get("quote")) is None else _text(v),
        None if (v := get("source")) is None else _ref(v),
        None if (v := get("locator")) is None else _str(v),
        None if (v := get("section")) is None else _str(v),
        () if (v := get("tags", _ABSENT)) is _ABSENT else _strings(v),
        None if (v := get("confidence")) is None else _score_range(v),
        None if (v := get("note")) is None else _str(v),
        () if (v := get("supports", _ABSENT)) is _ABSENT else _supports(v),
        () if (v := get("attacks", _ABSENT)) is _ABSENT else _relations(v),
        () if (v := get("undercuts", _ABSENT)) is _ABSENT else _relations(v),
        {} if (v := get("acknowledge", _ABSENT)) is _ABSENT else _str_dict(v),
    ))


def _read_tension(d: Any) -> TensionRecord:
    """A mapping read into a :class:`TensionRecord` (``_Defer`` when unsure)."""
    if type(d) is not dict or not _TENSION_KEYS.issuperset(d):
        raise _Defer
    get = d.get
    if len(d) == 2:  # the required keys alone
        return _new(TensionRecord, (
            _id(get("id", _ABSENT)),
            _pair(get("between", _ABSENT)),
        ) + _TENSION_DEFAULTS)
    return _new(TensionRecord, (
        _id(get("id", _ABSENT)),
        _pair(get("between", _ABSENT)),
        None if (v := get("source")) is None else _ref(v),
        None if (v := get("note")) is None else _str(v),
        () if (v := get("quotes", _ABSENT)) is _ABSENT else _seq(v, _text),
    ))


def _read_check(d: Any) -> CheckRecord:
    """A mapping read into a :class:`CheckRecord` (``_Defer`` when unsure)."""
    if type(d) is not dict or not _CHECK_KEYS.issuperset(d):
        raise _Defer
    if not d:
        return _new(CheckRecord, _CHECK_DEFAULTS)
    get = d.get
    return _new(CheckRecord, (
        None if (v := get("select")) is None else _strings(v),
        () if (v := get("ignore", _ABSENT)) is _ABSENT else _strings(v),
        None if (v := get("severity")) is None else _member(v, _SEVERITY_MEMBERS),
    ))


def _read_map(d: Any) -> MapRecord:
    """A mapping read into a :class:`MapRecord` (``_Defer`` when unsure)."""
    if type(d) is not dict or not _MAP_KEYS.issuperset(d):
        raise _Defer
    get = d.get
    if len(d) == 2:  # the required keys alone
        return _new(MapRecord, (
            _version(get("argmap", _ABSENT)),
            _text(get("title", _ABSENT)),
        ) + _MAP_DEFAULTS)
    return _new(MapRecord, (
        _version(get("argmap", _ABSENT)),
        _text(get("title", _ABSENT)),
        None if (v := get("question")) is None else _str(v),
        None if (v := get("thesis")) is None else _str(v),
        () if (v := get("authors", _ABSENT)) is _ABSENT else _strings(v),
        None if (v := get("date")) is None else _date(v),
        None if (v := get("description")) is None else _str(v),
        () if (v := get("sources", _ABSENT)) is _ABSENT else _seq(v, _read_source),
        () if (v := get("nodes", _ABSENT)) is _ABSENT else _seq(v, _read_node),
        () if (v := get("tensions", _ABSENT)) is _ABSENT else _seq(v, _read_tension),
        None if (v := get("check")) is None else _read_check(v),
    ))
