"""_modelcheck finds models and field types by following the format's declaration."""

from __future__ import annotations

from typing import Any

import pytest

from argmap.loading._modelcheck import _model_at, _type_at
from argmap.model import ArgumentMap, CheckConfig, Node, Relation, Source, Tension


@pytest.mark.parametrize(("keypath", "expected"), [
    ((), ArgumentMap), (("nodes", 0), Node), (("nodes", 0, "supports", 1), Relation),
    (("nodes", 3, "undercuts", 0), Relation), (("check",), CheckConfig),
    (("sources", 2), Source), (("tensions", 0), Tension),
    (("nodes", 0, "acknowledge"), Node), (("nodes", 0, "tags"), Node), (("bogus",), ArgumentMap),
])
def test_model_at_follows_the_fields(keypath: tuple[Any, ...], expected: type) -> None:
    """The model whose keys a mapping at a key path may have (for "did you mean" hints)."""
    assert expected is _model_at(keypath)


@pytest.mark.parametrize(("loc", "expected"), [
    (("argmap",), "version"), (("title",), "text"), (("date",), "date"),
    (("sources", 0, "url"), "url"), (("sources", 0, "id"), "id"),
    (("nodes", 0, "source"), "ref"), (("nodes", 0, "confidence"), "score_range"),
    (("nodes", 0, "supports", 0, "to"), "ref"), (("nodes", 0, "supports", 0, "id"), "id"),
    (("nodes", 0, "attacks", 0, "strength"), "score_range"),
    (("nodes", 0, "attacks", 0, "scheme"), "scheme"),
    (("nodes", 0, "attacks", 0, "question"), "question"),
    (("tensions", 0, "between"), "pair"), (("tensions", 0, "between", 0), None),
    (("nodes", 0, "tags"), None), (("nodes", 0, "note"), None), (("nodes", 0, "bogus"), None),
    ((), None),
])
def test_type_at_names_the_fields_type(loc: tuple[Any, ...], expected: str | None) -> None:
    """Messages and hints are chosen by a field's type (its Fast mark), not its name: a new
    field of a known type gets that type's message."""
    assert expected == _type_at(loc)
