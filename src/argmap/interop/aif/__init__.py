"""AIF JSON <-> argmap: the Argument Interchange Format of AIFdb and OVA.

``import_aif(path)`` reads the AIFdb layout (``{"nodes", "edges", "locutions"}``)
or the OVA layout (``{"AIF": {...}, "OVA": {...}}``); ``export_aif(map)`` writes
the AIFdb layout. The mapping in both directions is documented in docs/interop.md.
"""

from __future__ import annotations

from pathlib import Path

from argmap.interop._json import parse_json, read_json
from argmap.interop.aif._export import export_aif
from argmap.interop.aif._import import aif_to_map
from argmap.interop.loss import Imported

__all__ = ["aif_from_text", "export_aif", "import_aif"]


def import_aif(path: str | Path) -> Imported:
    """Import an AIF JSON file; raise LoadError with located problems."""
    return aif_to_map(read_json(path, str(path)), Path(path).stem)


def aif_from_text(text: str, path: str = "<string>") -> Imported:
    """Import AIF JSON text."""
    return aif_to_map(parse_json(text, path), Path(path).stem)
