"""A loaded map: the validated records of one file with the document they came from.

The second stage's product (text -> located data -> **validated records** -> graph):
:mod:`argmap.graph` builds the graph of loaded maps, and the loader
(:mod:`argmap.loading.loader`) hands them out. This module sits below both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.errors import Location
from argmap.loading.source import Document, KeyPath
from argmap.records import MapRecord

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["LoadedMap"]


@dataclass(frozen=True)
class LoadedMap:
    """A validated map with the document it came from (for locations)."""

    name: str
    """The map's name in cross-map references: the file name without its ending."""
    path: str
    """The path as the user gave it (used in messages)."""
    document: Document
    map: MapRecord
    """The map's content (records; see :attr:`model` for the pydantic model)."""
    context: bool = False
    """True for a map loaded only because another map refers to it."""
    alone: Any = field(default=None, init=False, repr=False, compare=False)
    """The graph of this map on its own, once built (see :func:`argmap.graph.build`):
    ``loads`` proves a map's references by building it, and keeps it for later use."""

    @cached_property
    def model(self) -> ArgumentMap:
        """The map as the pydantic :class:`~argmap.model.ArgumentMap` (built on first use)."""
        from argmap.model import to_model  # noqa: PLC0415 - pydantic only when asked

        return to_model(self.map)

    def where(self, keypath: KeyPath, *, key: bool = False) -> Location:
        """Location of a key path of this map (see :meth:`Document.where`)."""
        return self.document.where(keypath, key=key)

    def node_location(self, index: int) -> Location:
        """Location of the ``index``-th node (its ``id`` value)."""
        # Asked for by every finding on a node (a large map has 40,000): found from the
        # node's line (Document.item_key) before the general search.
        span = self.document.item_key("nodes", index, "id")
        if span is None:
            return self.document.where(("nodes", index, "id"))
        return Location(self.document.path, span[2], span[3])

    @property
    def directory(self) -> Path:
        """The folder of the map file (quote sources are relative to it)."""
        return Path(self.path).parent
