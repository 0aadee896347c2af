"""The JSON Schema of the map format (draft-07, which yaml-language-server reads)."""

from __future__ import annotations

import json
from typing import Any

from argmap.model import FORMAT_VERSION, ArgumentMap

__all__ = ["json_schema", "json_schema_text"]


def json_schema() -> dict[str, Any]:
    """The format's JSON Schema as a dict, in draft-07 form (``definitions``, not ``$defs``)."""
    schema = ArgumentMap.model_json_schema(ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", {})
    out: dict[str, Any] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": f"argmap map, format version {FORMAT_VERSION}",
    }
    out.update(schema)
    out["title"] = f"argmap map, format version {FORMAT_VERSION}"
    out["definitions"] = definitions
    return out


def json_schema_text() -> str:
    """The schema as JSON text, stable byte for byte (what ``argmap schema`` prints)."""
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
