"""Tests of argmap.schema: the committed JSON Schema and the flagship's modeline."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema

from argmap.loading.source import parse
from argmap.schema import json_schema, json_schema_text

from .helpers import FLAGSHIP


def test_committed_schema_in_sync() -> None:
    """docs/argmap.schema.json is what `argmap schema` prints (regenerate it if this fails)."""
    assert Path("docs/argmap.schema.json").read_text(encoding="utf-8") == json_schema_text()


def _as_editor_sees(data: Any) -> Any:
    """argmap keeps every scalar as text; an editor's YAML parser reads numbers as numbers."""
    if isinstance(data, dict):
        return {k: _as_editor_sees(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_as_editor_sees(v) for v in data]
    if isinstance(data, str) and re.fullmatch(r"-?\d+", data):
        return int(data)
    if isinstance(data, str) and re.fullmatch(r"-?\d*\.\d+", data):
        return float(data)
    return data


def test_schema_is_draft7_and_accepts_flagship() -> None:
    """The schema is valid draft-07 and the flagship map validates against it."""
    schema = json_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    text = FLAGSHIP.read_text(encoding="utf-8")
    jsonschema.Draft7Validator(schema).validate(_as_editor_sees(parse(text, "x").data))
    assert text.startswith("# yaml-language-server: $schema=../docs/argmap.schema.json\n")


def test_schema_rejects_unknown_keys_and_kinds() -> None:
    """Editors flag typos: unknown keys and kinds fail the schema."""
    validator = jsonschema.Draft7Validator(json_schema())
    bad = {"argmap": 1, "title": "T", "nodes": [{"id": "a", "kind": "claimm", "txt": "x"}]}
    messages = sorted(e.message for e in validator.iter_errors(bad))
    assert any("'claimm' is not one of" in m for m in messages)
    assert any("'txt' was unexpected" in m for m in messages)
