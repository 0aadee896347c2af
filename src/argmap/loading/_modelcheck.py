"""Validation through the pydantic models, for maps the fast validator is unsure of.

:mod:`argmap.loading._fastvalid` accepts the common case of a valid map without pydantic;
everything else comes here. The models (:mod:`argmap.model`, the definition of
the format) either validate the map, which is then turned into records, or fail,
and every error is translated into a located :class:`~argmap.errors.Problem`
with a hint.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable, Sequence
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from argmap.errors import SHOWN, LoadError, Problem, shown
from argmap.loading import source
from argmap.loading._hints import (
    ENUM_HINTS,
    OTHER_LEVEL,
    comment_hint,
    missing_hint,
    other_level,
    relation_word,
    shape_hint,
    slug_of,
)
from argmap.loading.references import raw_references
from argmap.model import (
    BAD_INTERVAL,
    BAD_VALUE,
    FORMAT_VERSION,
    MISPLACED,
    ArgumentMap,
    Fast,
    to_records,
)
from argmap.records import MapRecord
from argmap.schemes import SCHEMES, by_name

__all__ = ["validate"]


def validate(document: source.Document) -> MapRecord:
    """Validate ``document.data`` (a mapping) with the models; raise :class:`LoadError`."""
    try:
        amap = ArgumentMap.model_validate(document.data)
    except ValidationError as exc:
        problems = _translate(document, exc.errors(include_url=False))
        # The reference check needs a valid map; check what it can of this one too, so
        # that one run shows every error of the file, not the format's first.
        reported = {p.location for p in problems}
        problems += itertools.islice((p for p in raw_references(document)
                                      if p.location not in reported), source.MAX_PROBLEMS + 1)
        raise LoadError(source.capped(problems)) from None
    return to_records(amap)


def _model_at(keypath: Sequence[Any]) -> type[BaseModel]:
    """The model class of the mapping at ``keypath`` (for "did you mean" hints), found by
    following the models' fields (the format's declaration) from the map down."""
    model: type[BaseModel] = ArgumentMap
    for part in keypath:
        info = model.model_fields.get(part) if isinstance(part, str) else None
        inner = _model_in(info.annotation) if info is not None else None
        if inner is None:
            if isinstance(part, str):  # (a mapping that is not a model: its model's keys)
                return model
            continue  # a position in a list of the model's items
        model = inner
    return model


def _type_at(loc: Sequence[Any]) -> str | None:
    """The kind of value the field at ``loc`` holds, as its type's :class:`Fast` mark names
    it (``id``, ``ref``, ``score``, ``date``...), or ``None``: so that a field of a known
    type gets that type's message and hint, whatever its name."""
    if not loc or not isinstance(loc[-1], str):
        return None
    info = _model_at(loc[:-1]).model_fields.get(loc[-1])
    if info is None:
        return None
    marks = [m for m in info.metadata if isinstance(m, Fast)]
    return marks[-1].reader if marks else _mark_in(info.annotation)


def _mark_in(annotation: Any) -> str | None:
    """The mark of ``X`` or ``X | None`` (not of the items of a list)."""
    if get_origin(annotation) is Annotated:
        marks = [m for m in annotation.__metadata__ if isinstance(m, Fast)]
        return marks[-1].reader if marks else _mark_in(annotation.__origin__)
    if get_origin(annotation) in (Union, UnionType):
        for arg in get_args(annotation):
            found = _mark_in(arg)
            if found is not None:
                return found
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field's type holds (``tuple[Node, ...]``, ``CheckConfig | None``...)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _raw(data: Any, keypath: Sequence[Any]) -> Any:
    for part in keypath:
        if part == "to" and isinstance(data, str):
            return data  # a relation written as a bare reference: `x` is `{to: x}`
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


_NUMBER_ERRORS = frozenset({"float_parsing", "float_type", "int_parsing", "int_type",
                            "int_parsing_size", "int_from_float", "greater_than_equal",
                            "less_than_equal", "finite_number"})
#: Longer than any number a map needs (a score, the format version): not echoed.
_LONGEST_NUMBER = 40
_NUMERIC = re.compile(r"[-+0-9._eE]+").fullmatch


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%").fullmatch
#: Keys that name a relation from the far end (`supported_by: [x]`): the format writes
#: every relation under the node it starts from.
_REVERSED = re.compile(r"(support|attack|undercut)\w*?[_\- ]?by", re.IGNORECASE).fullmatch


def _reversed(data: Any, loc: tuple[Any, ...]) -> str | None:
    """The hint for a relation written from its far end (``supported_by: [x]`` in node
    ``b``): write ``supports: [b]`` under ``x``; ``None`` for any other key."""
    found = _REVERSED(str(loc[-1]))
    if found is None or len(loc) != 3 or loc[0] != "nodes":
        return None
    relation = {"support": "supports", "attack": "attacks",
                "undercut": "undercuts"}[found.group(1).lower()]
    node = _raw(data, loc[:-1])
    here = node.get("id") if isinstance(node, dict) else None
    value = _raw(data, loc)
    first = value[0] if isinstance(value, list) and value else value
    other = shown(first) if isinstance(first, str) else "that node"
    # Written unquoted into the example: only an id that reads as one.
    target = (here if isinstance(here, str) and len(here) <= SHOWN and here.isprintable()
              else "this node's id")
    return (f"a relation is written under the node it starts from: write `{relation}: "
            f"[{target}]` under {other}, not `{relation}` here (that would reverse it)")


def _describe(keypath: Sequence[Any]) -> str:
    parts = [str(p) if isinstance(p, str) else f"[{p}]" for p in keypath]
    return ".".join(parts).replace(".[", "[") or "the map"


def _translate(document: source.Document, errors: Iterable[Any]) -> list[Problem]:
    problems: list[Problem] = []
    # One problem per error; like the YAML layer, report at most MAX_PROBLEMS of a file
    # (a hostile file can hold a million errors, each costing a "did you mean" search).
    # (Twice the cap: each unknown key may take a "missing" error with it, left out below.)
    errors = list(itertools.islice(errors, 2 * (source.MAX_PROBLEMS + 1)))
    # A misspelled required key (`txt:`) is one mistake: its "missing" error is left out
    # where the unknown key's hint names the key missing.
    meant = set()
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden":
            other = OTHER_LEVEL.get((_model_at(loc[:-1]), str(loc[-1])))
            close = [other[0]] if other else difflib.get_close_matches(
                str(loc[-1]), sorted(_model_at(loc[:-1]).model_fields), n=1)
            if close:
                meant.add((*loc[:-1], close[0]))
    for err in errors:
        loc = tuple(err["loc"])
        kind = err["type"]
        where = _describe(loc)
        hint: str | None = None
        if kind == "extra_forbidden":
            key = str(loc[-1])
            fields = sorted(_model_at(loc[:-1]).model_fields)
            close = difflib.get_close_matches(key, fields, n=1)
            message = f"unknown key {shown(key)} in {_describe(loc[:-1])}"
            hint = (_reversed(document.data, loc) or
                    other_level(_model_at(loc[:-1]), key, _raw(document.data, loc)) or
                    (f"did you mean {shown(close[0])}?" if close
                     else relation_word(loc) or f"allowed keys: {', '.join(fields)}"))
            problems.append(Problem(document.where(loc, key=True), "unknown-key", message,
                                    hint=hint))
            continue
        if kind == "missing" and loc in meant:
            continue
        if len(problems) > source.MAX_PROBLEMS:
            break
        if kind == "missing":
            location = document.where(loc[:-1])
            problems.append(Problem(location, "missing-key",
                                    f"missing required key {shown(str(loc[-1]))} in "
                                    f"{_describe(loc[:-1])}",
                                    hint=missing_hint(loc[-1])))
            continue
        if kind == MISPLACED:
            ctx = err.get("ctx", {})
            problems.append(Problem(document.where((*loc, ctx["key"]), key=True),
                                    "invalid-value", f"{where}: {err['msg']}",
                                    hint=ctx.get("hint")))
            continue
        value = _raw(document.data, loc)
        of = _type_at(loc)
        if kind == "enum":
            allowed = err.get("ctx", {}).get("expected", "")
            message = f"{where}: {shown(value)} is not one of {allowed}"
            choices = [c.strip(" '") for c in str(allowed).replace(" or ", ", ").split(",")]
            close = difflib.get_close_matches(str(value), choices, n=1)
            hint = (f"did you mean {shown(close[0])}?" if close
                    else ENUM_HINTS.get((loc[0], loc[-1])))
        elif kind == "string_pattern_mismatch" and of in ("id", "ref"):
            message = f"{where}: {shown(value)} is not a valid id"
            hint = ("ids are slugs: letters, digits and - _ . (a reference to another map "
                    f"is `map-name:id`){slug_of(value)}")
        elif kind == "string_pattern_mismatch" and of == "url":
            message = f"{where}: {shown(value)} is not an http(s) URL"
            hint = "only http:// and https:// links are allowed"
        elif kind == "string_pattern_mismatch" and of == "date":
            message = f"{where}: {shown(value)} is not a date"
            hint = "write YYYY, YYYY-MM or YYYY-MM-DD"
        elif kind == "value_error" and of == "scheme":
            message = f"{where}: unknown scheme {shown(value)}"
            close = difflib.get_close_matches(str(value), list(SCHEMES), n=1)
            hint = (f"did you mean {shown(close[0])}? " if close else "") + \
                "the schemes are listed by `argmap schemes` and in docs/schemes.md"
        elif kind == "string_pattern_mismatch" and of == "scheme":
            message = f"{where}: {shown(value)} is not a scheme id"
            named = by_name(str(value))  # a scheme's name (AIF's) rather than its id
            hint = (f"did you mean {shown(named.id)}? " if named else "") + \
                "scheme ids are in kebab case (docs/schemes.md)"
        elif kind == "string_pattern_mismatch" and of == "question":
            message = f"{where}: {shown(value)} is not a critical question"
            hint = "name one of the scheme's questions: cq1, cq2, ... (docs/schemes.md)"
        elif kind == "value_error" and of == "date":
            message = f"{where}: {str(err['msg']).removeprefix('Value error, ')}"
            hint = "write a day of the calendar (YYYY-MM-DD), or only YYYY-MM or YYYY"
        elif kind in (BAD_INTERVAL, BAD_VALUE):
            ctx = err.get("ctx", {})
            message, hint = f"{where}: {ctx['detail']}", ctx.get("hint")
        elif kind in _NUMBER_ERRORS and isinstance(value, str) and len(value) > _LONGEST_NUMBER:
            # Echoing 5,000 digits helps no one, and pydantic's words for them are about
            # its parser's limits ("exceeded maximum size").
            message = (f"{where}: number too long ({len(value):,} characters)"
                       if _NUMERIC(value.strip()) else
                       f"{where}: {shown(value[:_LONGEST_NUMBER])}... ({len(value):,} characters) "
                       "is not a number")
            hint = ("write 1" if of == "version" else "write a number from 0 to 1, "
                    "e.g. 0.75")
        elif of == "version":
            # Not an integer, or another version: either way the fix is the same line.
            message = (f"{where}: {value!r} is not a format version" if kind in _NUMBER_ERRORS
                       else f"{where}: {str(err['msg']).removeprefix('Value error, ')}")
            hint = f"write `argmap: {FORMAT_VERSION}`, the format version this argmap reads"
        elif kind == "string_too_short":
            # pydantic's "String should have at least 1 character" names its own type.
            message = f"{where}: expected text, found an empty text"
            hint = f"write the {loc[-1]} (or leave the key out where it is optional)"
        elif kind in _NUMBER_ERRORS and of in ("score", "score_range"):
            message = f"{where}: {shown(value)} is not a number from 0 to 1"
            percent = _PERCENT(value.strip()) if isinstance(value, str) else None
            hint = (f"write {float(percent.group(1)) / 100:g} for {value.strip()}" if percent
                    else "write a number from 0 to 1, e.g. 0.75")
        elif kind in _NUMBER_ERRORS:
            message = f"{where}: {shown(value)} is not a number in the allowed range ({err['msg']})"
        elif kind in ("string_type", "tuple_type", "list_type", "dict_type", "model_type",
                      "model_attributes_type"):
            expected = {"string_type": "text", "tuple_type": "a list", "list_type": "a list",
                        "dict_type": "a mapping"}.get(kind, "a mapping")
            message = f"{where}: expected {expected}, found {'a ' if value is not None else ''}" \
                      f"{source.type_name(value)}"
            hint = shape_hint(loc, expected, value)
            if value is None and expected == "text" and loc and isinstance(loc[-1], str):
                # `text: #1 priority`: YAML read the words as a comment, the key as empty.
                at = document.where(loc)
                line = document.line(at.line - 1)
                hint = comment_hint(loc[-1], line[at.col - 1:] if line else "") or hint
        else:
            message = f"{where}: {str(err['msg']).removeprefix('Value error, ')}"
        problems.append(Problem(document.where(loc), "invalid-value", message, hint=hint))
    return source.capped(problems)
