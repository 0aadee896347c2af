"""scripts/genformat.py: the records and the fast validator's readers, written from the models."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any, get_args

import pytest
from pydantic import AfterValidator, BaseModel, Field
from scripts import genformat

from argmap.model import ArgumentMap, Fast, Node, Score, Text


def test_generated_code_in_sync() -> None:
    """records.py and _fastvalid.py are what the models give (run scripts/genformat.py)."""
    result = subprocess.run([sys.executable, "scripts/genformat.py", "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_names_a_stale_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A generated file edited by hand (or not regenerated) fails --check, which says what
    to run; without --check it is rewritten."""
    stale = tmp_path / "records.py"
    stale.write_text(genformat.RECORDS_PY.read_text(encoding="utf-8").replace(
        "    title: str\n", "    title: str | None = None\n", 1), encoding="utf-8")
    monkeypatch.setattr(genformat, "RECORDS_PY", stale)
    assert 1 == genformat.main(["--check"])
    assert f"{stale} is out of date: run python scripts/genformat.py\n" == capsys.readouterr().out
    assert 0 == genformat.main([])
    assert f"wrote {stale}\n" == capsys.readouterr().out
    assert 0 == genformat.main(["--check"])


def _ordered(value: tuple[float, float]) -> tuple[float, float]:
    if value[0] > value[1]:
        raise ValueError("the lower bound comes first")
    return value


#: An interval of beliefs, as another change to the format may add it: no fast reader yet.
Interval = Annotated[tuple[Score, Score], AfterValidator(_ordered)]


class WideNode(Node):
    """A node whose confidence may be an interval; and new fields."""

    confidence: Score | Interval | None = Field(default=None, description="Belief, 0..1, or "
                                                "an interval [lo, hi] of beliefs.")
    weight: Score | None = Field(default=None, description="How much it counts.")
    code: str | None = Field(default=None, max_length=3, description="A short code.")
    label: Text | None = Field(default=None, min_length=5, description="A label.")


class WideMap(ArgumentMap):
    """A map of wide nodes."""

    nodes: tuple[WideNode, ...] = Field(default=(), description="The argument's nodes.")


def _generated(root: type[BaseModel]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The namespaces of records.py and _fastvalid.py as generated for ``root``."""
    records: dict[str, Any] = {"__name__": "records_of_test"}
    head = genformat.RECORDS_PY.read_text(encoding="utf-8").partition(genformat.MARK)[0]
    exec(compile(head + genformat.records_code(root), "records", "exec"), records)
    fast: dict[str, Any] = {"__name__": "fastvalid_of_test"}
    head = genformat.FASTVALID_PY.read_text(encoding="utf-8").partition(genformat.MARK)[0]
    exec(compile(head, "fastvalid", "exec"), fast)
    fast.update({name: records[name] for name in genformat.NAMES.values()})
    exec(compile(genformat.fastvalid_code(root), "fastvalid", "exec"), fast)
    return records, fast


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """The wide format's models have the records of the models they extend."""
    monkeypatch.setitem(genformat.NAMES, WideNode, "NodeRecord")
    monkeypatch.setitem(genformat.NAMES, WideMap, "MapRecord")


def _map(**node: Any) -> dict[str, Any]:
    return {"argmap": "1", "title": "T", "nodes": [{"id": "a", "kind": "claim", "text": "A",
                                                    **node}]}


@pytest.mark.usefixtures("wide")
def test_widening_a_type_is_one_change() -> None:
    """Widening ``confidence`` to ``Score | Interval`` in the model widens the record's type;
    the fast validator still reads a number, and hands an interval (which it has no reader
    for) to pydantic: slower until a reader is written, never wrong."""
    records, fast = _generated(WideMap)
    assert "    confidence: float | tuple[float, float] | None = None\n" in \
        genformat.records_code(WideMap)
    node = fast["validate"](_map(confidence="0.25")).nodes[0]
    assert isinstance(node, records["NodeRecord"])
    assert 0.25 == node.confidence
    interval = _map(confidence=["0.6", "0.9"])
    assert fast["validate"](interval) is None
    assert (0.6, 0.9) == WideMap.model_validate(interval).nodes[0].confidence


@pytest.mark.usefixtures("wide")
def test_a_union_dispatches_on_the_kind_of_data() -> None:
    """With a reader for intervals (a mark on the type), a union of a number (text) and an
    interval (a list) reads each with its reader."""
    marked = Annotated[Interval, Fast("interval", "list")]
    assert ('None if (v := get("confidence")) is None else _score(v) if type(v) is str '
            "else _interval(v) if type(v) is list else _defer(v)") == genformat._expression(
                "confidence", Score | marked | None, WideNode.model_fields["confidence"])


@pytest.mark.usefixtures("wide")
def test_adding_a_field_is_one_change() -> None:
    """A field added to a model is in its record, with its description, read by the fast
    validator with its type's reader, to the value pydantic gives."""
    _, fast = _generated(WideMap)
    code = genformat.records_code(WideMap)
    assert "    #: How much it counts.\n    weight: float | None = None\n" in code
    data = _map(weight="0.3")
    assert 0.3 == fast["validate"](data).nodes[0].weight == \
        WideMap.model_validate(data).nodes[0].weight
    assert fast["validate"](_map()).nodes[0].weight is None
    assert fast["validate"](_map(weight="3")) is None


@pytest.mark.usefixtures("wide")
def test_constraints_without_a_reader_go_to_pydantic() -> None:
    """A constraint the generator has no reader for (``max_length`` on a plain string) makes
    the fast validator hand a map that sets the field to pydantic."""
    _, fast = _generated(WideMap)
    assert fast["validate"](_map(code="abcd")) is None
    assert fast["validate"](_map(code="abc")) is None  # valid, but pydantic's to say
    assert fast["validate"](_map()).nodes[0].code is None
    # (also on a type that has a reader: `Text` with a field's own `min_length=5`)
    assert fast["validate"](_map(label="abcd")) is None
    assert fast["validate"](_map()).nodes[0].label is None


class LateRequired(BaseModel):
    """A required field after an optional one."""

    model_config = ArgumentMap.model_config
    a: str | None = None
    b: str


def test_required_fields_come_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """Records are named tuples, whose required fields come first: the generator says so."""
    monkeypatch.setitem(genformat.NAMES, LateRequired, "LateRecord")
    with pytest.raises(genformat.FormatError, match=r"LateRequired\.b is required and follows"):
        genformat.records_code(LateRequired)


class Stripping(BaseModel):
    """A model that strips whitespace, which no reader does."""

    model_config = {**ArgumentMap.model_config, "str_strip_whitespace": True}
    a: str


def test_a_model_needs_the_formats_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """A model validating with settings of its own is refused: the readers would accept
    `" x "` as is where the model strips it."""
    monkeypatch.setitem(genformat.NAMES, Stripping, "StrippingRecord")
    with pytest.raises(genformat.FormatError, match="Stripping has settings of its own"):
        genformat.fastvalid_code(Stripping)


def test_a_model_needs_a_record_name() -> None:
    """A model without a record name in argmap.model.RECORDS is refused with what to do."""
    with pytest.raises(genformat.FormatError,
                       match=r"LateRequired has no record name: add it to argmap\.model\.RECORDS"):
        genformat.records_code(LateRequired)


def _marks(hint: Any) -> set[str]:
    """The readers that the Fast marks anywhere in a type name."""
    found = {m.reader for m in getattr(hint, "__metadata__", ()) if isinstance(m, Fast)}
    for arg in get_args(hint):
        found |= _marks(arg)
    return found


def test_every_mark_names_a_reader() -> None:
    """Every Fast mark of the format's types names a reader of the fast validator, and every
    field of the format is read by one (none is left to pydantic, which would send every
    map that sets it to the slow path)."""
    from argmap.loading import _fastvalid

    marks = {r for m in genformat.models() for _, hint, _ in genformat._fields(m)
             for r in _marks(hint)}
    assert {"id", "ref", "text", "score_range", "date", "url", "scheme", "question", "pair",
            "version", "relations", "supports", "title"} == marks
    assert set() == {r for r in marks if not callable(getattr(_fastvalid, f"_{r}", None))}
    assert f"{genformat.DEFER}(" not in genformat.fastvalid_code()


def test_every_model_of_the_format_has_a_record() -> None:
    """The format's models, in the order records.py declares their records."""
    assert ["Source", "Relation", "Node", "Tension", "CheckConfig", "ArgumentMap"] == \
        [m.__name__ for m in genformat.models()]
