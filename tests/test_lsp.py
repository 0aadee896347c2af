"""``argmap lsp`` driven over stdio by a real language client (tests/lspclient.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lsprotocol import types as t

from argmap import check, load

from .helpers import FLAGSHIP, write_map
from .lspclient import Session, apply, doc, position, session

BASE = """\
argmap: 1
title: T
sources:
  - id: art
    title: The article
nodes:
  - id: a
    kind: evidence
    text: A.
    source: art
    supports: [b]
  - id: b
    kind: claim
    text: B.
"""


@pytest.fixture
def flagship(tmp_path: Path) -> Path:
    """A copy of the flagship's folder (map and source text)."""
    shutil.copytree(FLAGSHIP.parent, tmp_path / "arguments")
    return tmp_path / "arguments" / FLAGSHIP.name


def test_the_flagship_gets_the_findings_of_argmap_check(flagship: Path) -> None:
    """Opening the flagship publishes every finding of `argmap check`, at its place."""
    expected = [(p.location.line - 1, p.location.col - 1, p.code, p.message)
                for p in check(load(flagship)).findings]

    async def body(s: Session) -> list[tuple[int, int, str, str]]:
        uri = s.open(f"arguments/{flagship.name}")
        return [(d.range.start.line, d.range.start.character, str(d.code),
                 d.message.split("\nhint: ")[0]) for d in await s.diagnostics(uri)]

    actual = session(flagship.parent.parent, body)
    assert expected == actual
    assert len(expected) > 10


def test_diagnostics_follow_the_unsaved_text(tmp_path: Path) -> None:
    """An edit that breaks the map gets its load error (from the text in the editor, not
    the file), and the fix clears it."""
    write_map(tmp_path, "m.yaml", BASE)
    broken = BASE.replace("supports: [b]", "supports: [bb]")

    async def body(s: Session) -> tuple[list[str], list[str], list[str]]:
        uri = s.open("m.yaml")
        first = [str(d.code) for d in await s.diagnostics(uri)]
        v = s.change(uri, broken)
        second = [f"{d.range.start.line}:{d.range.start.character}-{d.range.end.character} "
                  f"{d.message}" for d in await s.diagnostics(uri, v)]
        v = s.change(uri, BASE)
        third = [str(d.code) for d in await s.diagnostics(uri, v)]
        return first, second, third

    first, second, third = session(tmp_path, body)
    assert ["10:15-17 no node with id 'bb'\nhint: did you mean 'b'?"] == second
    assert first == third
    assert "dangling-reference" not in first


def test_columns_are_utf16_code_units(tmp_path: Path) -> None:
    """A character outside the BMP counts two columns in the protocol: the finding after it
    is underlined where the editor shows it."""
    text = BASE.replace("supports: [b]", "supports: [b, \U0001f600x]").replace(
        "title: T", "title: T")
    # (A quoted emoji id is not an id: the error is at the item, after `[b, `.)
    write_map(tmp_path, "m.yaml", BASE)
    line = text.splitlines()[10]

    async def body(s: Session) -> list[t.Range]:
        uri = s.open("m.yaml", text)
        return [d.range for d in await s.diagnostics(uri)]

    ranges = session(tmp_path, body)
    start = line.index("\U0001f600")
    assert [t.Range(t.Position(10, start), t.Position(10, start + 3))] == ranges


def test_other_maps_of_the_folder_are_context(tmp_path: Path) -> None:
    """A reference `other:id` resolves against the saved map beside it; a wrong id there
    gets the loader's "did you mean"; a broken neighbour is named, not called missing."""
    write_map(tmp_path, "other.yaml", BASE.replace("id: a\n", "id: far\n")
              .replace("[b]", "[b]\n    attacks: [m:b]"))
    text = BASE.replace("supports: [b]", "supports: [b, other:fa]")
    write_map(tmp_path, "m.yaml", text)
    write_map(tmp_path, "broken.yaml", "argmap: 1\ntitle: [\n")

    async def body(s: Session) -> tuple[list[str], list[str], list[str]]:
        uri = s.open("m.yaml")
        first = [d.message for d in await s.diagnostics(uri)]
        v = s.change(uri, text.replace("other:fa", "other:far"))
        second = [str(d.code) for d in await s.diagnostics(uri, v)]
        v = s.change(uri, text.replace("other:fa", "broken:x"))
        third = [d.message for d in await s.diagnostics(uri, v)]
        return first, second, third

    first, second, third = session(tmp_path, body)
    assert ["no node with id 'other:fa'\nhint: did you mean 'other:far'?"] == first
    assert "dangling-reference" not in second
    assert len(third) == 1
    assert third[0].startswith("supports 'broken:x': the map 'broken' beside this file does "
                               "not load: broken.yaml:3:1: YAML syntax")


def test_navigation_on_the_flagship(flagship: Path) -> None:
    """Definition, references, hover and the outline of the flagship map."""
    text = flagship.read_text(encoding="utf-8")
    ref = position(text, "- to: direct-pressure-track-insufficient", 8)
    node = position(text, "- id: istanbul-talks-collapsed", 9)

    async def body(s: Session) -> tuple[object, ...]:
        uri = s.open(f"arguments/{flagship.name}")
        await s.diagnostics(uri)
        c = s.client
        defs = await c.text_document_definition_async(
            t.DefinitionParams(text_document=doc(uri), position=ref))
        refs = await c.text_document_references_async(t.ReferenceParams(
            text_document=doc(uri), position=ref,
            context=t.ReferenceContext(include_declaration=True)))
        shown = await c.text_document_hover_async(
            t.HoverParams(text_document=doc(uri), position=node))
        outline = await c.text_document_document_symbol_async(
            t.DocumentSymbolParams(text_document=doc(uri)))
        return defs, refs, shown, outline

    defs, refs, shown, outline = session(flagship.parent.parent, body)
    define = position(text, "- id: direct-pressure-track-insufficient", 6)
    assert [(define.line, define.character)] == [
        (d.range.start.line, d.range.start.character) for d in defs]  # type: ignore[attr-defined]
    assert text.count("direct-pressure-track-insufficient") == len(refs)  # type: ignore[arg-type]
    assert isinstance(shown, t.Hover)
    value = shown.contents.value  # type: ignore[union-attr]
    assert value.startswith("evidence istanbul-talks-collapsed\n\nThe third round")
    assert "quote: \u201cThe third round of talks in Istanbul" in value
    assert "source: " in value
    assert "grounded: accepted; DF-QuAD strength " in value
    groups = {g.name: len(g.children or []) for g in outline}  # type: ignore[union-attr]
    assert groups["VII.A"] > 5
    assert text.count("\n  - id: ") == sum(groups.values())


def test_rename_reaches_every_map_of_the_folder(tmp_path: Path) -> None:
    """Renaming a node renames its definition, its references and `m:id` in other maps;
    a rename to an id that is taken, or not an id, is refused."""
    write_map(tmp_path, "other.yaml", BASE.replace("[b]", "[b]\n    attacks: [m:b]"))
    write_map(tmp_path, "m.yaml", BASE)

    async def body(s: Session) -> tuple[object, ...]:
        uri = s.open("m.yaml")
        await s.diagnostics(uri)
        at = position(BASE, "[b]", 1)
        c = s.client
        edit = await c.text_document_rename_async(
            t.RenameParams(text_document=doc(uri), position=at, new_name="bee"))
        errors = []
        for name in ("a", "no good"):
            try:
                await c.text_document_rename_async(
                    t.RenameParams(text_document=doc(uri), position=at, new_name=name))
            except Exception as exc:  # the client raises the server's error response
                errors.append(str(exc))
        return edit, errors, uri, s.uri("other.yaml")

    edit, errors, uri, other = session(tmp_path, body)
    changes = edit.changes  # type: ignore[attr-defined]
    assert BASE.replace("[b]", "[bee]").replace("id: b\n", "id: bee\n") == apply(
        BASE, changes[uri])
    other_text = (tmp_path / "other.yaml").read_text(encoding="utf-8")
    assert "attacks: [m:bee]" in apply(other_text, changes[other])
    assert "supports: [b]" in apply(other_text, changes[other])
    assert ["already has an id 'a'" in errors[0], "'no good' is not an id" in errors[1]] == [
        True, True]
