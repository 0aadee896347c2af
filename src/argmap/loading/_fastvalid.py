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
"""

from __future__ import annotations

import re
from typing import Any

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

_MAP_KEYS = frozenset(MapRecord._fields)
_NODE_KEYS = frozenset(NodeRecord._fields)
_SOURCE_KEYS = frozenset(SourceRecord._fields)
_RELATION_KEYS = frozenset(RelationRecord._fields)
_CHECK_KEYS = frozenset(CheckRecord._fields)
_TENSION_KEYS = frozenset(TensionRecord._fields)
_BY = {p.value: p for p in Provenance}
_SOURCE = Provenance.SOURCE
_KINDS = {k.value: k for k in NodeKind}
_SEVERITIES = {s.value: s for s in Severity}
# Records are built positionally, with tuple.__new__: it is the quickest way, and this
# runs for every node and relation of a map. The positions are the records' field
# order (argmap.records, the declaration); tests/test_records.py fails when a field is
# added there and not here. A relation written as a bare reference, and a node with
# only id, kind and text, take every other field's default, from the declaration;
# concatenating them is quicker than unpacking.
_new = tuple.__new__
_BARE_RELATION = tuple(RelationRecord._field_defaults[f] for f in RelationRecord._fields[1:])
_BARE_NODE = tuple(NodeRecord._field_defaults[f] for f in NodeRecord._fields[3:])


def validate(data: dict[str, Any]) -> MapRecord | None:
    """The map's records, or ``None`` when pydantic must decide (see the module doc)."""
    try:
        return _map(data)
    except _Defer:
        return None


def _map(d: dict[str, Any]) -> MapRecord:
    if not _MAP_KEYS.issuperset(d) or d.get("argmap") != "1":
        raise _Defer
    get = d.get
    nodes = get("nodes", ())
    sources = get("sources", ())
    check = get("check")
    tensions = get("tensions", ())
    if (type(nodes) is not list and nodes != ()) or (type(sources) is not list and sources != ()) \
            or (type(tensions) is not list and tensions != ()):
        raise _Defer
    return _new(MapRecord, (
        1,
        _text(get("title")),
        _opt(get("question")),
        _opt(get("thesis")),
        _strings(get("authors", ())),
        _date(get("date")),
        _opt(get("description")),
        tuple([_source(s) for s in sources]),
        tuple([_node(n) for n in nodes]),
        None if check is None else _check(check),
        tuple([_tension(t) for t in tensions]),
    ))


def _text(v: Any) -> str:
    """A required string of at least one character."""
    if type(v) is not str or not v:
        raise _Defer
    return v


def _opt(v: Any) -> str | None:
    if v is None or type(v) is str:
        return v
    raise _Defer


def _opt_text(v: Any) -> str | None:
    if v is None or (type(v) is str and v):
        return v
    raise _Defer


def _id(v: Any) -> str:
    if type(v) is not str or len(v) > _ID_MAX or _ID(v) is None:
        raise _Defer
    return v


def _ref(v: Any) -> str:
    if type(v) is not str or len(v) > _REF_MAX or _REF(v) is None:
        raise _Defer
    return v


def _date(v: Any) -> str | None:
    if v is None or (type(v) is str and _DATE(v) is not None and date_problem(v) is None):
        return v
    raise _Defer


def _score(v: Any) -> float | tuple[float, float] | None:
    if v is None:
        return None
    if type(v) is list:
        # An interval [low, high]; anything else written as a list is for pydantic.
        if len(v) != 2:
            raise _Defer
        low, high = _number(v[0]), _number(v[1])
        if low > high:
            raise _Defer
        return low, high
    return _number(v)


def _number(v: Any) -> float:
    if type(v) is not str or _SCORE(v) is None:
        raise _Defer
    f = float(v)
    if f > 1.0:
        raise _Defer
    return f


def _strings(v: Any) -> tuple[str, ...]:
    if v == ():
        return ()
    if type(v) is not list:
        raise _Defer
    for item in v:
        if type(item) is not str:
            raise _Defer
    return tuple(v)


def _source(d: Any) -> SourceRecord:
    if type(d) is not dict or not _SOURCE_KEYS.issuperset(d):
        raise _Defer
    get = d.get
    url = get("url")
    if url is not None and (type(url) is not str or _URL(url) is None):
        raise _Defer
    return _new(SourceRecord, (
        _id(get("id")), _text(get("title")), _opt(get("author")), _date(get("date")),
        url, _opt_text(get("text")), _opt(get("note")),
    ))


def _relations(v: Any, *, questions: bool = True) -> tuple[RelationRecord, ...]:
    """The relations of one list; ``questions``: whether they may name a critical question
    (attacks and undercuts raise one, supports do not)."""
    if type(v) is not list:
        if v is _ABSENT:
            return ()
        raise _Defer
    out = []
    for e in v:
        if type(e) is str:
            if len(e) > _REF_MAX or _REF(e) is None:
                raise _Defer
            out.append(_new(RelationRecord, (e,) + _BARE_RELATION))  # noqa: RUF005
        elif type(e) is dict and "to" in e and _RELATION_KEYS.issuperset(e):
            get = e.get
            rid = get("id")
            by_name = get("by", "source")  # (`by:` written empty is an error: pydantic's)
            by = _BY.get(by_name) if type(by_name) is str else None
            quote, source = _opt_text(get("quote")), get("source")
            scheme, question = get("scheme"), get("question")
            if by is None or (by is not _SOURCE and (quote is not None or source is not None)) \
                    or (scheme is not None and (type(scheme) is not str or scheme not in SCHEMES)) \
                    or (question is not None and (not questions or type(question) is not str
                                                  or _QUESTION(question) is None)):
                raise _Defer
            out.append(_new(RelationRecord, (
                _ref(e["to"]), None if rid is None else _id(rid), _score(get("strength")),
                _opt(get("note")), by, quote, None if source is None else _ref(source),
                scheme, question,
            )))
        else:
            raise _Defer
    return tuple(out)


_ABSENT: Any = ()


def _node(d: Any) -> NodeRecord:
    if type(d) is not dict or not _NODE_KEYS.issuperset(d):
        raise _Defer
    get = d.get
    nid = get("id")
    kind_name = get("kind")
    kind = _KINDS.get(kind_name) if type(kind_name) is str else None
    text = get("text")
    if (
        type(nid) is not str or len(nid) > _ID_MAX or _ID(nid) is None
        or kind is None or type(text) is not str or not text
    ):
        raise _Defer
    if len(d) == 3:
        return _new(NodeRecord, (nid, kind, text) + _BARE_NODE)  # noqa: RUF005
    source = get("source")
    tags = get("tags", ())
    ack = get("acknowledge", _ABSENT)
    return _new(NodeRecord, (
        nid, kind, text,
        _opt_text(get("quote")),
        None if source is None else _ref(source),
        _opt(get("locator")),
        _opt(get("section")),
        () if tags == () else _strings(tags),
        _score(get("confidence")),
        _opt(get("note")),
        _relations(get("supports", _ABSENT), questions=False),
        _relations(get("attacks", _ABSENT)),
        _relations(get("undercuts", _ABSENT)),
        {} if ack is _ABSENT else _acknowledge(ack),
    ))


def _tension(d: Any) -> TensionRecord:
    if type(d) is not dict or not _TENSION_KEYS.issuperset(d):
        raise _Defer
    get = d.get
    between = get("between")
    if type(between) is not list or len(between) != 2 or between[0] == between[1]:
        raise _Defer
    source = get("source")
    quotes = get("quotes", ())
    if quotes != ():
        if type(quotes) is not list:
            raise _Defer
        for q in quotes:
            if type(q) is not str or not q:
                raise _Defer
    return _new(TensionRecord, (
        _id(get("id")), (_ref(between[0]), _ref(between[1])),
        None if source is None else _ref(source), _opt(get("note")), tuple(quotes),
    ))


def _acknowledge(v: Any) -> dict[str, str]:
    if type(v) is not dict:
        raise _Defer
    for key, reason in v.items():
        if type(key) is not str or type(reason) is not str:
            raise _Defer
    return dict(v)


def _check(d: Any) -> CheckRecord:
    if type(d) is not dict or not _CHECK_KEYS.issuperset(d):
        raise _Defer
    select = d.get("select")
    severity = d.get("severity")
    level = None
    if severity is not None:
        level = _SEVERITIES.get(severity) if type(severity) is str else None
        if level is None:
            raise _Defer
    return _new(CheckRecord, (
        None if select is None else _strings(select),
        _strings(d.get("ignore", ())),
        level,
    ))
