"""Tests of argmap.interop.formats, .loss and ._ids: the registry, loss reports, readable ids."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from argmap.errors import LoadError, Location, UsageError
from argmap.interop._ids import IdAllocator, slug
from argmap.interop.formats import EXPORTERS, IMPORTERS, export_map, format_of, import_file
from argmap.interop.loss import LossReport
from argmap.loading.loader import load, load_set

from .helpers import FLAGSHIP_REL, finishes, write_map

MAP = """\
argmap: 1
title: {title}
nodes:
  - id: a
    kind: claim
    text: A
    supports: [{target}]
  - id: b
    kind: claim
    text: B
"""


def test_registries_name_the_same_formats() -> None:
    """Every format can be read and written."""
    assert ["aif", "argdown", "graphml", "json"] == sorted(IMPORTERS) == sorted(EXPORTERS)


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_every_format_round_trips_the_flagship(fmt: str, tmp_path: Path) -> None:
    """export_map then import_file gives the flagship map back, in every format."""
    loaded = load(FLAGSHIP_REL)
    text, _ = export_map(loaded, fmt)
    path = tmp_path / f"flagship.{ {'argdown': 'argdown', 'graphml': 'graphml'}.get(fmt, 'json')}"
    path.write_text(text, encoding="utf-8")
    assert loaded.model == import_file(path, fmt).map


@pytest.mark.parametrize(("name", "head", "expected"), [
    ("a.argdown", "", "argdown"), ("a.AD", "", "argdown"), ("a.graphml", "", "graphml"),
    ("a.json", '{"nodes": []}', "aif"), ("a.json", '{"format": "argmap-json"}', "json"),
])
def test_format_of(name: str, head: str, expected: str, tmp_path: Path) -> None:
    """The ending names the format; a .json file says whether it is argmap JSON."""
    path = tmp_path / name
    path.write_text(head, encoding="utf-8")
    assert expected == format_of(path)


def test_unknown_format_lists_the_known_ones(tmp_path: Path) -> None:
    """An unknown --from or ending is a usage error that lists the formats."""
    path = tmp_path / "notes.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="argdown, aif, json, graphml"):
        import_file(path)
    with pytest.raises(UsageError, match="known formats: argdown, aif, graphml, json"):
        export_map(load(FLAGSHIP_REL), "pdf")


def test_several_maps_are_merged(tmp_path: Path) -> None:
    """A folder of maps exports as one: ids prefixed, cross-map references followed."""
    write_map(tmp_path, "one.yaml", MAP.format(title="One", target="two:b"))
    write_map(tmp_path, "two.yaml", MAP.format(title="Two", target="b"))
    text, loss = export_map(load_set([tmp_path]), "json")
    doc = json.loads(text)
    relations = [(r["from"], r["to"]) for r in doc["relations"]]
    assert [("one.a", "two.b"), ("two.a", "two.b")] == relations
    assert ("One + Two", ["approximated"]) == (doc["map"]["title"],
                                              [entry.code for entry in loss])


def test_merged_maps_keep_their_tensions_and_relation_sources(tmp_path: Path) -> None:
    """Tensions and the sources relations cite follow the prefixed ids."""
    two = MAP.format(title="Two", target="b") + "sources:\n  - id: s\n    title: S\n"
    two = two.replace("    supports: [b]\n", "    supports:\n      - to: b\n        source: s\n")
    write_map(tmp_path, "one.yaml", MAP.format(title="One", target="two:b")
              + "tensions:\n  - id: t\n    between: [a, two:a]\n")
    write_map(tmp_path, "two.yaml", two)
    doc = json.loads(export_map(load_set([tmp_path]), "json")[0])
    assert doc["map"]["tensions"] == [{"id": "one.t", "between": ["one.a", "two.a"]}]
    assert [r.get("source") for r in doc["relations"]] == [None, "two.s"]


def test_loss_report_order_comments_and_json() -> None:
    """Entries sort by place (unlocated last), group by node, and serialise as documented."""
    report = LossReport()
    report.add("not-exported", "late", None, "n1")
    report.add("approximated", "second", Location("f", 9, 1), "n1")
    report.add("approximated", "first", Location("f", 2, 5))
    assert ["first", "second", "late"] == [e.message for e in report.ordered()]
    assert {"n1": ["not-exported: late", "approximated: second"]} == report.by_node()
    data = json.loads(report.to_json())
    assert {"argmap_loss_report": 1, "first": {"code": "approximated", "message": "first",
                                               "path": "f", "line": 2, "column": 5,
                                               "node": None}} == \
        {"argmap_loss_report": data["argmap_loss_report"], "first": data["entries"][0]}


@pytest.mark.parametrize(("title", "expected"), [
    ("Root Claim", "root-claim"), ("Fleisch-OK", "Fleisch-OK"), ("a.b_c-1", "a.b_c-1"),
    ("Natürlichkeitsprinzip", "naturlichkeitsprinzip"),
    ("Tierschutz-Argument", "Tierschutz-Argument"),
    ("اردو", "node"), ("  --  ", "node"), ("x" * 300, "x" * 60),
])
def test_slug(title: str, expected: str) -> None:
    """Valid ids are kept as written; other titles become lower-case hyphenated slugs."""
    assert expected == slug(title)


def test_ids_are_unique_and_deterministic() -> None:
    """A taken id gets the smallest free ``-N`` suffix."""
    ids = IdAllocator()
    assert ["a", "a-2", "a-3", "b"] == [ids.take(x) for x in ("a", "a", "a", "b")]


@pytest.mark.parametrize("name", ["in.json", "in.argdown", "in.graphml"])
def test_importing_a_fifo_is_refused_without_blocking(name: str, tmp_path: Path) -> None:
    """A FIFO to import (its format told from its name, or from its first bytes for .json)
    is a located not-a-file error at once, not a wait for a writer."""
    path = tmp_path / name
    os.mkfifo(path)
    error = finishes(lambda: import_file(path))
    assert isinstance(error, LoadError), repr(error)
    assert [(f"{path}:1:1", "not-a-file")] == [(str(p.location), p.code) for p in error.problems]


def test_importing_a_device_is_refused() -> None:
    """A device (``/dev/null`` standing for ``/dev/zero``) is refused, not read."""
    error = finishes(lambda: import_file("/dev/null", "aif"))
    assert isinstance(error, LoadError), repr(error)
    assert ["not-a-file"] == [p.code for p in error.problems]
