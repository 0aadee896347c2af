"""The two sides of a diff and how their nodes pair: :class:`Side` (one version of the
maps, loaded) and :class:`Matching` (which old node is which new node). Below both
:mod:`argmap.diff.changes` and :mod:`argmap.diff.argument`, which read them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from argmap import LoadedMap, MapSet, Problem, Settings

__all__ = ["Matching", "Side"]


@dataclass(frozen=True)
class Side:
    """One version of the maps: loaded, with how to show and pair them."""

    label: str
    """What this side is, as the user gave it (a path, ``REV:path``)."""
    maps: MapSet
    paths: dict[str, str]
    """Map name -> the path that pairs it with the other side's map (and shows it)."""
    settings: Settings = field(default_factory=Settings)
    """The check's settings for this side (source roots of a revision's copy)."""
    rewrite: Callable[[Problem], Problem] | None = None
    """How to show a finding of this side (a revision's copy: its paths as ``REV:path``)."""

    def show(self, problem: Problem) -> Problem:
        """A finding of this side as the user sees it."""
        return problem if self.rewrite is None else self.rewrite(problem)

    def shown(self) -> Iterator[LoadedMap]:
        """The maps compared (not those loaded only as context), in pairing order."""
        return iter(sorted((m for m in self.maps if not m.context),
                           key=lambda m: self.paths[m.name]))


@dataclass
class Matching:
    """Which old node is which new node (graph keys), and renamed ids per pair."""

    names: dict[str, str] = field(default_factory=dict)
    """Old map name -> new map name, for paired maps."""
    keys: dict[str, str] = field(default_factory=dict)
    """Old node key -> new node key, for every node kept."""
    renamed: dict[str, tuple[str, float]] = field(default_factory=dict)
    """Old node key -> (new id, similarity), for renamed nodes."""

    def key(self, old_key: str) -> str:
        """The new key of an old node, or its old key when it was removed."""
        return self.keys.get(old_key, old_key)

    def ref(self, old: LoadedMap, ref: str) -> str:
        """A node reference written in ``old`` (``id`` or ``map:id``), in new ids."""
        name, _, nid = ref.rpartition(":")
        key = f"{name or old.name}:{nid}"
        new = self.keys.get(key)
        if new is None:
            return ref
        new_name, _, new_id = new.partition(":")
        if not name:
            return new_id
        return f"{new_name}:{new_id}"
