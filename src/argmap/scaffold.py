"""``argmap init``: start a new map with one example of every node kind and relation.

The new file checks cleanly (``argmap check`` finds nothing) and starts with the
``yaml-language-server`` modeline that gives editors completion and validation
from argmap's JSON Schema. Where the schema comes from:

1. the nearest ``argmap.schema.json`` or ``docs/argmap.schema.json`` in the map's
   folder or a folder above it, up to the project root (the first folder with a
   ``.git``) -- inside the argmap repository that is ``docs/argmap.schema.json``;
2. otherwise argmap writes ``argmap.schema.json`` next to the map (the schema of
   this argmap version, as ``argmap schema`` prints it), so the modeline works
   offline and without a URL that could go stale.

An existing map file is never overwritten; an existing ``argmap.schema.json`` is
not replaced either.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from string import Template

from argmap.errors import UsageError, shell_word, shown
from argmap.loading.loader import MAP_SUFFIXES, has_line_break, loads
from argmap.schema import json_schema_text

__all__ = ["SCHEMA_NAME", "ScaffoldError", "ScaffoldResult", "scaffold", "scaffold_text"]

#: File name of the schema argmap writes next to a new map when none is found.
SCHEMA_NAME = "argmap.schema.json"

_TEMPLATE = Template("""\
# yaml-language-server: $$schema=$schema
# A new argument map. Each node kind and each relation appears once below, on the
# example of a town deciding about a bypass: replace them with your argument.
#   argmap check $file     what a reviewer would flag
#   argmap serve $file     live preview in the browser while you edit
#   argmap render $file    draw it (SVG; -f html for an interactive page)
argmap: 1
title: $title
question: Should the town build a bypass around its centre?
thesis: The town should build the bypass, because through traffic chokes the centre.
authors: [your name]
sources:
  - id: traffic-survey
    title: Traffic survey of the town centre
    author: Town council
    date: "2024"
    url: https://example.org/traffic-survey
    # With `text: sources/traffic-survey.txt` (a plain-text copy of the source),
    # `argmap check` verifies every quote against it.
nodes:
  # A recommendation: what the author says should be done. Nodes higher up rest on
  # nodes lower down; every relation is written under the node it starts from.
  - id: build-bypass
    kind: recommendation
    text: The town should build a bypass around its centre.

  # A claim: what the author infers. It `supports` the recommendation. A `title`
  # (optional, a few words) is what overview pictures draw instead of the text.
  - id: centre-congested
    kind: claim
    text: Through traffic congests the town centre at rush hour.
    title: Congested centre
    supports:
      - build-bypass

  # Evidence: what a source reports, with the quote and where it is. The support
  # relation has an id, so that it can be undercut.
  - id: survey-counts
    kind: evidence
    text: The survey counted 9,000 vehicles a day crossing the centre without stopping.
    quote: On an average weekday 9,000 vehicles crossed the centre without stopping.
    source: traffic-survey
    locator: table 2
    tags: [traffic]
    supports:
      - to: centre-congested
        id: counts-show-congestion
    # An answer to the objection below: it `attacks` the objection.
    attacks:
      - survey-in-festival-week

  # An assumption: an unstated premise the argument needs.
  - id: drivers-use-bypass
    kind: assumption
    text: Drivers who only cross the town will take the bypass.
    supports:
      - build-bypass

  # An objection: it `undercuts` the support relation: even if the counts are
  # right, they do not show congestion if they were taken in an unusual week.
  - id: survey-in-festival-week
    kind: objection
    text: The survey was taken in the festival week, when traffic is unusual.
    undercuts:
      - counts-show-congestion
""")


class ScaffoldError(UsageError):
    """A new map cannot be created (it exists, or its folder does not)."""


@dataclass(frozen=True)
class ScaffoldResult:
    """What :func:`scaffold` wrote."""

    map: Path
    schema: Path | None
    """The schema file written next to the map, or ``None`` when one was found."""
    schema_ref: str
    """The modeline's path to the schema, relative to the map."""


def _title(path: Path) -> str:
    words = path.stem.replace("_", " ").replace("-", " ").split()
    text = " ".join(words) or path.stem
    return text[:1].upper() + text[1:]


def _find_schema(folder: Path) -> Path | None:
    """The nearest schema file in ``folder`` or above it, up to the project root."""
    for candidate in (folder, *folder.parents):
        for relative in (SCHEMA_NAME, f"docs/{SCHEMA_NAME}"):
            found = candidate / relative
            if found.is_file():
                return found
        if (candidate / ".git").exists():
            break
    return None


def scaffold_text(file_name: str, schema_ref: str, title: str) -> str:
    """The text of a new map; ``title`` is written as a YAML (JSON) quoted string."""
    # A JSON string is a valid YAML double-quoted scalar: any title stays text.
    return _TEMPLATE.substitute(schema=schema_ref, file=file_name,
                                title=json.dumps(title, ensure_ascii=False))


def _map_path(name: str | Path) -> Path:
    path = Path(name)
    if path.name in ("", ".", ".."):
        # '' and '.' are Path('.'), whose empty name pathlib cannot extend.
        raise ScaffoldError(f"{shown(str(name))} names no file: give the new map's name, such as "
                            "arguments/my-map")
    if path.suffix not in MAP_SUFFIXES:
        path = path.with_name(path.name + ".yaml")
    if has_line_break(path.stem):
        # The map is named after its file, and argmap loads no map whose name holds a
        # line break (argmap.loading.loader.map_name): init would make one that no
        # command can read.
        raise ScaffoldError(f"{shown(str(name))}: a map is named after its file, and this "
                            "name holds a line break; choose another (letters, digits, '-', "
                            "'_')")
    return path


def _shown_name(path: Path) -> str:
    """The map as the comments' commands name it: as it was given (``argmap init
    arguments/m`` is run from where ``argmap check arguments/m.yaml`` works), quoted for a
    shell; escaped (not to be run) when it holds a character a comment line cannot, so
    that a line break in a name cannot add lines to the map."""
    return shell_word(path.as_posix(), cut=False)


def scaffold(name: str | Path, *, title: str | None = None) -> ScaffoldResult:
    """Create the map ``name`` (``.yaml`` added unless it ends in ``.yaml``/``.yml``).

    Raises :class:`ScaffoldError` if the file exists or its folder does not.
    """
    path = _map_path(name)
    folder = path.parent
    try:
        if not folder.is_dir():
            raise ScaffoldError(f"{path}: folder {folder} does not exist")
        exists = path.exists()
    except OSError as exc:  # a name too long for the system (ENAMETOOLONG), ...
        raise ScaffoldError(f"{shown(str(path), quoted=False)}: cannot create it: "
                            f"{exc.strerror or exc}") from None
    if exists:
        raise ScaffoldError(f"{path}: already exists; argmap init never overwrites a file")
    found = _find_schema(folder.resolve())
    schema_path = found if found is not None else folder / SCHEMA_NAME
    ref = Path(os.path.relpath(schema_path.resolve(), folder.resolve())).as_posix()
    text = scaffold_text(_shown_name(path), ref, title or _title(path))
    loads(text, str(path))  # the template and the title must give a valid map
    _create(path, text)
    written = None
    if found is None:
        try:
            _create(schema_path, json_schema_text())
        except ScaffoldError:
            # Created meanwhile by someone else: theirs is kept and referred to.
            pass
        else:
            written = schema_path
    return ScaffoldResult(path, written, ref)


def _create(path: Path, text: str) -> None:
    """Write a new file; refuse if it exists (``x`` mode: no race with another writer)."""
    try:
        with path.open("x", encoding="utf-8", newline="\n") as fh:
            try:
                fh.write(text)
            except OSError:
                fh.close()
                with contextlib.suppress(OSError):
                    path.unlink()
                raise
    except FileExistsError:
        raise ScaffoldError(f"{path}: already exists; argmap init never overwrites a file") \
            from None
    except OSError as exc:
        raise ScaffoldError(f"{path}: cannot write: {exc.strerror or exc}") from None
