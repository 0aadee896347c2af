"""``argmap lsp`` driven over stdio by a real language client (tests/lspclient.py)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types as t

from argmap import check, load

from .helpers import FLAGSHIP, write_map
from .lspclient import Session, apply, doc, position, session
from .test_fuzz_cli import yaml_maps

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


def test_columns_follow_a_utf8_client(tmp_path: Path) -> None:
    """A client that asks for UTF-8 positions (Neovim) gets the column in bytes: after an
    Urdu title, the finding is underlined where the editor shows it."""
    text = BASE.replace("text: A.", "text: پاکستان: x")
    write_map(tmp_path, "m.yaml", BASE)

    async def body(s: Session) -> list[t.Position]:
        uri = s.open("m.yaml", text)
        return [d.range.start for d in await s.diagnostics(uri)]

    starts = session(tmp_path, body, encodings=["utf-8", "utf-16"])
    before = "    text: پاکستان"
    assert [t.Position(8, len(before.encode()))] == starts


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
        prepared = await c.text_document_prepare_rename_async(
            t.PrepareRenameParams(text_document=doc(uri), position=at))
        nothing = await c.text_document_prepare_rename_async(
            t.PrepareRenameParams(text_document=doc(uri), position=t.Position(1, 2)))
        assert (prepared, nothing) == (t.Range(at, t.Position(at.line, at.character + 1)),
                                       None)
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


def _labels(found: object) -> list[str]:
    items = found.items if isinstance(found, t.CompletionList) else found
    return [i.label for i in items or []]  # type: ignore[attr-defined]


def test_completion_offers_what_may_be_written_there(tmp_path: Path) -> None:
    """Node ids in supports (this map's and `other:` ones), relation ids in undercuts,
    source ids, kinds, node keys, rule ids under acknowledge:, from text that does not
    load yet."""
    write_map(tmp_path, "other.yaml", BASE.replace("id: a\n", "id: far\n"))
    named = BASE.replace("supports: [b]", "supports:\n      - to: b\n        id: a-b")
    cases = {
        "supports": named + "  - id: c\n    kind: claim\n    text: C.\n    supports: [",
        "undercuts": named + "  - id: c\n    kind: objection\n    text: C.\n    undercuts:\n"
                             "      - ",
        "source": named + "  - id: c\n    kind: evidence\n    text: C.\n    source: ",
        "kind": named + "  - id: c\n    kind: ",
        "keys": named + "  - id: c\n    ",
        "acknowledge": named + "  - id: c\n    kind: claim\n    text: C.\n    acknowledge:\n"
                               "      ",
    }
    write_map(tmp_path, "m.yaml", named)

    async def body(s: Session) -> dict[str, list[str]]:
        uri = s.open("m.yaml")
        out = {}
        for name, text in cases.items():
            s.change(uri, text)
            lines = text.split("\n")
            at = t.Position(len(lines) - 1, len(lines[-1]))
            out[name] = _labels(await s.client.text_document_completion_async(
                t.CompletionParams(text_document=doc(uri), position=at)))
        return out

    found = session(tmp_path, body)
    assert ["a", "b", "other:far", "other:b"] == found["supports"]
    assert ["a-b"] == found["undercuts"]
    assert ["art", "other:art"] == found["source"]
    assert ["claim", "evidence", "recommendation", "assumption", "objection"] == found["kind"]
    assert {"kind", "text", "quote", "supports", "acknowledge"} <= set(found["keys"])
    assert {"unsupported-claim", "quote-not-found"} <= set(found["acknowledge"])


SOURCE_TEXT = "The talks collapsed over incompatible demands. Nobody expected more.\n"
QUOTED = """\
argmap: 1
title: T
sources:
  - id: art
    title: The article
    text: art.txt
nodes:
  - id: a
    kind: evidence
    text: A.
    quote: The talks collapsed over incompatible demand
    source: art
    supports: [bb]
  - id: b
    kind: claim
    text: B.
  - id: c
    kind: claim
    text: C.
    attacks: [b]
"""


def test_code_actions_fix_what_the_hints_say(tmp_path: Path) -> None:
    """Quick fixes: the id a "did you mean" names; the closest passage as the quote; an
    `acknowledge:` entry for a finding. Each applied makes its diagnostic go away."""
    write_map(tmp_path, "m.yaml", QUOTED, {"art.txt": SOURCE_TEXT})

    async def actions(s: Session, uri: str, text: str) -> dict[str, list[t.TextEdit]]:
        version = s.change(uri, text)
        diagnostics = await s.diagnostics(uri, version)
        found = await s.client.text_document_code_action_async(t.CodeActionParams(
            text_document=doc(uri), range=t.Range(t.Position(0, 0), t.Position(30, 0)),
            context=t.CodeActionContext(diagnostics=diagnostics)))
        return {a.title: a.edit.changes[uri] for a in found or []  # type: ignore[union-attr]
                if isinstance(a, t.CodeAction) and a.edit and a.edit.changes}

    async def body(s: Session) -> tuple[object, ...]:
        uri = s.open("m.yaml")
        typo = await actions(s, uri, QUOTED)
        fixed = apply(QUOTED, typo["Change to 'b'"])
        quote = await actions(s, uri, fixed.replace("demand\n", "demans\n"))
        quoted = apply(fixed.replace("demand\n", "demans\n"),
                       quote["Quote the closest passage of the source"])
        acknowledged = apply(quoted, quote["Acknowledge unsupported-claim in c"])
        version = s.change(uri, acknowledged)
        after = [str(d.code) for d in await s.diagnostics(uri, version)]
        return fixed, quoted, acknowledged, after

    fixed, quoted, acknowledged, after = session(tmp_path, body)
    assert "supports: [b]\n" in fixed  # type: ignore[operator]
    assert '    quote: "The talks collapsed over incompatible demand"\n' in quoted  # type: ignore[operator]
    assert ("  - id: c\n    acknowledge:\n      unsupported-claim: \"why this finding stands\"\n"
            "    kind: claim\n") in acknowledged  # type: ignore[operator]
    assert "unsupported-claim" not in after  # type: ignore[operator]
    assert "quote-not-found" not in after  # type: ignore[operator]


def test_preview_serves_the_map_and_opens_it(tmp_path: Path) -> None:
    """`argmap.preview` starts the live preview of the map once and returns its page."""
    import urllib.request

    write_map(tmp_path, "m.yaml", BASE)

    async def body(s: Session) -> tuple[object, object]:
        uri = s.open("m.yaml")
        params = t.ExecuteCommandParams(command="argmap.preview", arguments=[uri])
        first = await s.client.workspace_execute_command_async(params)
        second = await s.client.workspace_execute_command_async(params)
        with urllib.request.urlopen(str(first), timeout=20) as response:
            page = response.read().decode()
        return (first, second), page

    (first, second), page = session(tmp_path, body)
    assert first == second
    assert str(first).startswith("http://127.0.0.1:")
    assert str(first).endswith("/map/m.yaml")
    assert "<svg" in str(page)


HOSTILE = [
    "argmap: 1\n",
    "argmap: 1\n\0\0\0",
    "argmap: 1\ntitle: [\n",
    "argmap: 1\na: &a [*a]\n",
    "argmap: 1\na: &x [1,2]\nb: &y [*x,*x,*x,*x,*x,*x,*x,*x,*x]\nc: [*y,*y,*y,*y,*y,*y,*y,*y]\n",
    "argmap: 1\nx: " + "[" * 10_000 + "]" * 10_000,
    "argmap: 1\nx:\n" + "  - x\n" * 3 + "\t- y\n",
    "argmap: 1\ntitle: !!python/object/apply:os.system [echo hi]\n",
    BASE + "  - id: b\n    kind: claim\n    text: again\n",
    BASE.replace("text: B.", "text: \u202eevil\u202c \U0001f600 \ufffd"),
    BASE.replace("title: T", "title: T\ntitle: U"),
    "\ufeff" + BASE,
    BASE.replace("\n", "\r\n"),
    BASE.replace("\n", "\r"),
]


def test_the_server_answers_every_text(tmp_path: Path) -> None:
    """Texts the loader refuses (syntax, aliases, nesting, tags, NUL, duplicates) and odd
    line breaks each get diagnostics, and the server still answers afterwards."""
    write_map(tmp_path, "m.yaml", BASE)

    async def body(s: Session) -> tuple[list[int], list[str]]:
        uri = s.open("m.yaml")
        counts = []
        for text in HOSTILE:
            version = s.change(uri, text)
            diagnostics = await s.diagnostics(uri, version)
            counts.append(len(diagnostics))
            await s.client.text_document_document_symbol_async(
                t.DocumentSymbolParams(text_document=doc(uri)))
            await s.client.text_document_completion_async(t.CompletionParams(
                text_document=doc(uri), position=t.Position(1, 3)))
        s.change(uri, BASE)
        symbols = await s.client.text_document_document_symbol_async(
            t.DocumentSymbolParams(text_document=doc(uri)))
        return counts, [sym.name for sym in symbols or []]

    counts, names = session(tmp_path, body)
    assert [1] * 9 + [0, 1] == [min(c, 1) for c in counts[:11]]
    assert ["nodes", "sources"] == names


def test_nothing_an_editor_sends_makes_a_traceback(tmp_path: Path) -> None:
    """Empty text, a BOM alone, an error at the end of a text without a last line break, a
    line separator that YAML counts and the editor does not; requests at the largest
    position the protocol allows; a change whose range is past the end; a map opened from
    outside the workspace: every version gets its diagnostics, every request an answer,
    and the server logs nothing."""
    folder, outside = tmp_path / "ws", tmp_path / "elsewhere"
    folder.mkdir()
    outside.mkdir()
    write_map(folder, "m.yaml", BASE)
    write_map(outside, "x.yaml", BASE)
    far = 2**31 - 1
    texts = ["", "\ufeff", "\ufeffargmap: 1\ntitle: [",
             BASE.replace("title: T", "title: 'T\u2028U'", 1).replace("[b]", "[zz]")]

    async def ask(s: Session, uri: str) -> int:
        c, asked = s.client, 0
        for at in (t.Position(far, far), t.Position(0, far), t.Position(far, 0)):
            await c.text_document_hover_async(t.HoverParams(text_document=doc(uri), position=at))
            await c.text_document_definition_async(t.DefinitionParams(text_document=doc(uri),
                                                                      position=at))
            await c.text_document_references_async(t.ReferenceParams(
                text_document=doc(uri), position=at,
                context=t.ReferenceContext(include_declaration=True)))
            await c.text_document_completion_async(t.CompletionParams(
                text_document=doc(uri), position=at))
            await c.text_document_prepare_rename_async(t.PrepareRenameParams(
                text_document=doc(uri), position=at))
            await c.text_document_code_action_async(t.CodeActionParams(
                text_document=doc(uri), range=t.Range(at, at),
                context=t.CodeActionContext(diagnostics=[])))
            asked += 6
        await c.text_document_document_symbol_async(t.DocumentSymbolParams(text_document=doc(uri)))
        return asked + 1

    async def body(s: Session) -> tuple[list[int], int, list[str]]:
        uri = s.open("m.yaml")
        counts, asked, lines = [], 0, []
        for text in texts:
            diagnostics = await s.diagnostics(uri, s.change(uri, text))
            counts.append(len(diagnostics))
            lines = [d.range.start.line for d in diagnostics]
            asked += await ask(s, uri)
        s.versions[uri] += 1
        s.client.text_document_did_change(t.DidChangeTextDocumentParams(
            t.VersionedTextDocumentIdentifier(uri=uri, version=s.versions[uri]),
            [t.TextDocumentContentChangePartial(
                range=t.Range(t.Position(far, 3), t.Position(far, far)), text="\n")]))
        counts.append(len(await s.diagnostics(uri)))
        away = (outside / "x.yaml").resolve().as_uri()
        s.versions[away] = 1
        s.client.text_document_did_open(t.DidOpenTextDocumentParams(t.TextDocumentItem(
            uri=away, language_id="yaml", version=1, text=BASE.replace("[b]", "[bb]"))))
        away_codes = [str(d.code) for d in await s.diagnostics(away)]
        return counts + lines, asked + await ask(s, away), away_codes

    found: list[Session] = []

    async def kept(s: Session) -> tuple[list[int], int, list[str]]:
        found.append(s)
        return await body(s)

    counts, asked, away = session(folder, kept)
    # (The reference after the line separator is on the editor's line 10, YAML's 11.)
    assert [0, 0, 1, 1, 1, 10] == [min(c, 1) for c in counts[:5]] + counts[5:]
    assert 95 == asked
    assert ["dangling-reference"] == away
    assert "" == found[0].stderr.decode()


def test_yaml_files_that_are_not_maps_are_left_alone(tmp_path: Path) -> None:
    """A YAML file without a top-level `argmap:` key (a CI workflow) gets no diagnostics."""
    workflow = "name: CI\non: [push]\njobs: {}\n"
    write_map(tmp_path, "ci.yaml", workflow)

    async def body(s: Session) -> tuple[list[t.Diagnostic], list[t.Diagnostic]]:
        uri = s.open("ci.yaml")
        first = await s.diagnostics(uri)
        version = s.change(uri, "argmap: 1\n" + workflow)
        return first, await s.diagnostics(uri, version)

    first, second = session(tmp_path, body)
    assert [] == list(first)
    assert ["unknown-key"] * 3 == [str(d.code) for d in second if d.code != "missing-key"]


def test_edits_of_a_large_map_are_analysed_once_they_pause(tmp_path: Path) -> None:
    """A map over DEBOUNCE_FROM characters is analysed after a burst of edits, once: the
    versions the edits passed over are never published."""
    from argmap.lsp.server import DEBOUNCE_FROM

    padding = "# " + "x" * 98 + "\n"
    large = BASE + padding * (DEBOUNCE_FROM // len(padding) + 1)
    write_map(tmp_path, "m.yaml", large)

    async def body(s: Session) -> list[int | None]:
        uri = s.open("m.yaml")
        for i in range(4):
            s.change(uri, large.replace("[b]", f"[b{i}]"))
        await s.diagnostics(uri, 5)
        return [version for version, _ in s.published[uri]]

    assert [5] == session(tmp_path, body)


def test_other_commands_do_not_import_the_server() -> None:
    """pygls is imported by `argmap lsp` only: the CLI's other commands start without it."""
    import subprocess
    import sys

    code = "import sys, argmap.cli; print(sorted(m for m in sys.modules if 'pygls' in m))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60, env={"PYTHONPATH": "src"})
    assert "[]\n" == out.stdout


@settings(max_examples=3, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.one_of(st.text(max_size=300).map(lambda x: "argmap: 1\n" + x),
                                yaml_maps()), min_size=5, max_size=12),
       line=st.integers(0, 12), character=st.integers(0, 40))
def test_the_server_never_fails_on_any_text(tmp_path: Path, texts: list[str], line: int,
                                            character: int) -> None:
    """Arbitrary and hostile texts, one edit after another: each version gets its
    diagnostics, and completion, hover, definition and symbols answer on each."""
    write_map(tmp_path, "m.yaml", BASE)

    async def body(s: Session) -> list[bool]:
        uri = s.open("m.yaml")
        answered = []
        at = t.Position(line, character)
        for text in texts:
            version = s.change(uri, text)
            await s.diagnostics(uri, version)
            c = s.client
            await c.text_document_completion_async(
                t.CompletionParams(text_document=doc(uri), position=at))
            await c.text_document_hover_async(t.HoverParams(text_document=doc(uri),
                                                            position=at))
            await c.text_document_definition_async(
                t.DefinitionParams(text_document=doc(uri), position=at))
            await c.text_document_document_symbol_async(
                t.DocumentSymbolParams(text_document=doc(uri)))
            answered.append(True)
        return answered

    assert [True] * len(texts) == session(tmp_path, body)


def test_saving_a_neighbour_checks_the_open_maps_again(tmp_path: Path) -> None:
    """A reference into a neighbour that lacks the id is fixed by saving the neighbour: the
    open map's diagnostics are published again without it."""
    write_map(tmp_path, "other.yaml", BASE)
    write_map(tmp_path, "m.yaml", BASE.replace("[b]", "[b, other:far]"))

    async def body(s: Session) -> tuple[list[str], list[str]]:
        uri = s.open("m.yaml")
        before = [str(d.code) for d in await s.diagnostics(uri)]
        other = s.open("other.yaml")
        await s.diagnostics(other)
        published = len(s.published[uri])
        (tmp_path / "other.yaml").write_text(BASE.replace("id: a\n", "id: far\n"),
                                             encoding="utf-8")
        s.client.text_document_did_save(t.DidSaveTextDocumentParams(text_document=doc(other)))
        while len(s.published[uri]) == published:
            await asyncio.sleep(0.005)
        return before, [str(d.code) for d in s.published[uri][-1][1]]

    before, after = session(tmp_path, body)
    assert ["dangling-reference"] == before
    assert [] == after


def test_the_editor_set_ups_start_the_server() -> None:
    """The VS Code extension's manifest is valid and starts `argmap lsp`, its preview command
    is the server's; the Helix configuration of docs/editors.md is valid TOML."""
    import json
    import re
    import tomllib

    from argmap.lsp.server import PREVIEW_COMMAND

    from .helpers import ROOT

    folder = ROOT / "editors" / "vscode"
    manifest = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    script = (folder / manifest["main"]).read_text(encoding="utf-8")
    default = manifest["contributes"]["configuration"]["properties"]["argmap.command"]
    assert ["argmap", "lsp"] == default["default"]
    assert f'command: "{PREVIEW_COMMAND}"' in script
    assert "argmap.openPreview" in [c["command"] for c in manifest["contributes"]["commands"]]
    docs = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    helix = tomllib.loads(re.findall(r"```toml\n(.*?)```", docs, re.DOTALL)[0])
    assert {"command": "argmap", "args": ["lsp"]} == helix["language-server"]["argmap"]
    assert "argmap" in helix["language"][0]["language-servers"]
