"""The interchange formats by name: importers, exporters, and choosing one for a file.

``IMPORTERS[name](path)`` returns an :class:`~argmap.interop.loss.Imported` (the
map and its loss report); ``EXPORTERS[name](map)`` returns ``(text, loss report)``.
The names are the choices of ``argmap import --from`` and ``argmap export --to``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeAlias

from pydantic import ValidationError

from argmap import safeio
from argmap.errors import UsageError, shown
from argmap.interop._ids import slug
from argmap.interop.aif import export_aif, import_aif
from argmap.interop.argdown import export_argdown, import_argdown
from argmap.interop.graphml import export_graphml, import_graphml
from argmap.interop.jsonfmt import FORMAT as JSON_FORMAT
from argmap.interop.jsonfmt import export_json, import_json
from argmap.interop.loss import APPROXIMATED, Imported, LossReport
from argmap.loading.loader import LoadedMap, MapSet
from argmap.model import ArgumentMap, Relation

__all__ = ["EXPORTERS", "IMPORTERS", "SUFFIXES", "Exporter", "Importer", "export_map",
           "format_of", "import_file", "merge"]

Importer: TypeAlias = Callable[[Path], Imported]
Exporter: TypeAlias = Callable[[ArgumentMap], tuple[str, LossReport]]

IMPORTERS: dict[str, Importer] = {
    "argdown": import_argdown,
    "aif": import_aif,
    "json": import_json,
    "graphml": import_graphml,
}
EXPORTERS: dict[str, Exporter] = {
    "argdown": export_argdown,
    "aif": export_aif,
    "graphml": export_graphml,
    "json": export_json,
}
#: File endings and the format they mean (``.json`` is looked into: AIF or argmap JSON).
SUFFIXES = {".argdown": "argdown", ".ad": "argdown", ".adown": "argdown",
            ".argdn": "argdown", ".json": "aif", ".graphml": "graphml"}


def format_of(path: Path) -> str:
    """The format of ``path`` from its ending (and, for ``.json``, its first bytes)."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(f"{path}: cannot tell the format from the file name; give "
                         f"--from ({', '.join(IMPORTERS)})")
    if fmt == "aif":
        try:
            head = safeio.read_head(path, 4096)
        except (OSError, safeio.FileRefused):
            return fmt  # the importer reports the unreadable file, with its path
        if JSON_FORMAT.encode() in head:
            return "json"
    return fmt


def import_file(path: str | Path, fmt: str | None = None) -> Imported:
    """Import ``path`` in format ``fmt`` (default: from the file name)."""
    file = Path(path)
    if not file.exists():
        raise UsageError(f"{path}: no such file")
    # Anything else that is not a regular file (a FIFO, a device, a folder) is refused,
    # located, by the importer's read (argmap.safeio), never opened for reading.
    name = fmt or format_of(file)
    if name not in IMPORTERS:
        raise UsageError(f"unknown format {shown(name)}; known formats: {', '.join(IMPORTERS)}")
    return IMPORTERS[name](file)


def export_map(maps: ArgumentMap | LoadedMap | MapSet | Iterable[LoadedMap],
               fmt: str) -> tuple[str, LossReport]:
    """Export one map, or several merged into one, in format ``fmt``."""
    if fmt not in EXPORTERS:
        raise UsageError(f"unknown format {shown(fmt)}; known formats: {', '.join(EXPORTERS)}")
    loss = LossReport()
    if isinstance(maps, ArgumentMap):
        amap = maps
    elif isinstance(maps, LoadedMap):
        amap = maps.model
    else:
        chosen = [m for m in maps if not m.context]
        if not chosen:
            raise UsageError("no map to export")
        amap = chosen[0].model if len(chosen) == 1 else merge(chosen, loss)
    text, more = EXPORTERS[fmt](amap)
    loss.extend(more)
    return text, loss


def merge(maps: list[LoadedMap], loss: LossReport) -> ArgumentMap:
    """Several maps as one: ids become ``map-name.id``; references between them follow."""
    prefix = {m.name: slug(m.name, fallback="map") for m in maps}

    def ref(value: str, own: str) -> str:
        if ":" in value:
            other, rid = value.split(":", 1)
            return f"{prefix[other]}.{rid}" if other in prefix else value
        return f"{prefix[own]}.{value}"

    def relation(rel: Relation, own: str) -> dict[str, Any]:
        data = rel.model_dump(exclude_none=True)
        data["to"] = ref(rel.to, own)
        if rel.id is not None:
            data["id"] = f"{prefix[own]}.{rel.id}"
        if rel.source is not None:
            data["source"] = ref(rel.source, own)
        return data

    nodes: list[dict[str, Any]] = []
    sources: list[dict[str, Any]] = []
    tensions: list[dict[str, Any]] = []
    for m in maps:
        own = m.name
        for t in m.model.tensions:
            data = t.model_dump(exclude_none=True)
            data.update(id=f"{prefix[own]}.{t.id}", between=[ref(b, own) for b in t.between])
            if t.source is not None:
                data["source"] = ref(t.source, own)
            tensions.append(data)
        sources += [{**s.model_dump(exclude_none=True), "id": f"{prefix[own]}.{s.id}"}
                    for s in m.model.sources]
        for node in m.model.nodes:
            data = node.model_dump(exclude_none=True)
            data.update(id=f"{prefix[own]}.{node.id}", section=node.section or m.map.title)
            if node.source is not None:
                data["source"] = ref(node.source, own)
            for kind in ("supports", "attacks", "undercuts"):
                data[kind] = [relation(r, own) for r in getattr(node, kind)]
            nodes.append(data)
    loss.add(APPROXIMATED, f"{len(maps)} maps merged into one: node ids are prefixed with "
             "their map's name, a node without a section gets its map's title as section, "
             "and only the titles of the maps are kept")
    title = " + ".join(m.map.title for m in maps)
    try:
        return ArgumentMap.model_validate({"argmap": 1, "title": title, "sources": sources,
                                           "nodes": nodes, "tensions": tensions})
    except ValidationError as exc:
        raise UsageError(f"cannot merge these maps into one: {exc.errors()[0]['msg']} "
                         "(export them one by one)") from None
