"""argmap's Argdown import against the official Argdown CLI (@argdown/cli 1.7.5), relation by
relation: on every Argdown file of the tests, every ```argdown block of Argdown's own
documentation (tests/data/third_party/argdown/docs/) and the cases written below.

The official CLI runs once for all of them (tests/argdown_official.py); each document's
statements, arguments, and relations (source, kind, target) must be the same, up to the
intended differences of docs/interop.md, which are listed here with their reasons.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import LoadError
from argmap.interop.argdown import argdown_from_text, export_argdown
from argmap.interop.argdown._export import _handles
from argmap.interop.loss import LossReport
from argmap.model import ArgumentMap

from .argdown_official import (
    Official,
    Structure,
    argmap_structure,
    moved_to_conclusions,
    official_structure,
    run_official,
)
from .helpers import THIRD_PARTY, corpus_files
from .mapgen import ARGDOWN_HOSTILE, TEXT, maps

_FENCE = re.compile(r"^```argdown[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)
_FRONTMATTER = re.compile(r"===\n.*?\n===[ \t]*\n", re.DOTALL)

#: Cases of issue #15, written for argmap (each the official CLI reads as the comment says).
WRITTEN = {
    # Hard-wrapped text after a relation line continues that relation's text.
    "written/hard-wrap": "[A]: a\n  + b, wrapped\nat column 0\n  - c\n",
    # A heading hard-wrapped over lines, with data; a heading with a leading space.
    "written/headings": "# A heading\nwrapped {isGroup: false}\n\n[A]: a\n\n # Second\n\n[B]: b\n",
    # `uses` in a one-line inference's data, and on a conclusion.
    "written/uses": "<A>\n\n(1) p\n(2) q\n-- Modus ponens {uses: [1]} --\n(3) r\n"
                    "(4) s\n----\n(5) t {uses: [3, 4]}\n",
    # An undercut below a conclusion undercuts the inference above it.
    "written/undercut-below-conclusion": "<A>\n\n(1) p\n----\n(2) q\n  <_ [U]: u\n",
    # Shortcodes: Argdown's characters (an unknown one, `.&.`, stays).
    "written/shortcodes": "[S]: .A. x .E. y .~. p .&. q .v. r .->. s :+1: e.g. 10:30 end.\n",
    # A statement at column 0 right after a relation line: Argdown refuses it (below).
    "written/statement-after-a-relation": "[A]: a\n  + [B]: b\n[C]: c\n  + d\n",
    # A statement right below a heading: Argdown refuses it (below).
    "written/element-below-heading": "# H\n[A]: a\n  + b\n",
    # Text at column 0 after a bare reference: Argdown refuses it (below).
    "written/after-a-bare-reference": "<A>: a\n  + [S]\n[P]: p\n  + [R]\n",
}

#: Documents the official CLI refuses and argmap imports: Argdown's lexer tests, which test
#: the tokens, not documents its parser accepts. argmap reads them as it reads the same
#: lines in a valid document.
REFUSED_BY_ARGDOWN = {
    # `[Statement-Definition]:` without text, then a reference on the next line.
    "argdown/packages/argdown-core/test/lexer-definitions-references.argdown",
    # A list nested in a list item (Argdown 1.7.5 refuses the indented `*`).
    "argdown/packages/argdown-core/test/lexer-lists.argdown",
    # `<A>(1): Text`: the statement-by-number syntax of an unreleased Argdown.
    "argdown/packages/argdown-core/test/lexer-statements-by-number.argdown",
    # Text at column 0 right after `+ [S]` (Argdown: "Expecting Dedent"): argmap starts a new
    # element there rather than give S that text (argdown-mcp's large.argdown does this).
    "written/after-a-bare-reference",
    # A statement right below a heading, without the blank line: argmap reads it as if the
    # blank line were there.
    "written/element-below-heading",
    "written/statement-after-a-relation",
}
#: argdown-mcp's `@import "file"` (a cycle here): argmap follows argdown-mcp and refuses the
#: cycle; Argdown has no `@import` and reads the line as a statement.
IMPORT_CYCLE = {
    "argdown-mcp/tests/fixtures/cycle/a.argdown",
    "argdown-mcp/tests/fixtures/cycle/b.argdown",
}
#: Refused by both tools, with argmap's first error (tests/test_argdown.py checks it).
REFUSED_BY_BOTH = {
    "argdown-mcp/tests/fixtures/invalid.argdown",
    "argdown/packages/argdown-core/test/lexer-relations.argdown",
    "argdown/packages/argdown-core/test/lexer-relation-after-emptyline.argdown",
    # Invalid YAML in a one-line inference's data (`{depends on: [1,2]; ...}`).
    "argdown/packages/argdown-core/test/lexer-argument.argdown",
}


def _documents() -> dict[str, tuple[str, Path | None]]:
    """name -> (text, folder its includes resolve against)."""
    out: dict[str, tuple[str, Path | None]] = {}
    for path in sorted(THIRD_PARTY.rglob("*.argdown")):
        if path.name.startswith("_"):
            continue  # a partial: Argdown exports none; include-test.argdown includes them
        out[path.relative_to(THIRD_PARTY).as_posix()] = (path.read_text(encoding="utf-8"),
                                                         path.parent)
    for path in sorted((THIRD_PARTY / "argdown" / "docs").rglob("*.md")):
        for k, m in enumerate(_FENCE.finditer(path.read_text(encoding="utf-8")), 1):
            # The blocks' frontmatter configures the documentation site (the map's layout,
            # `explodeArguments` ...), and Argdown 1.7.5 refuses a frontmatter followed by
            # text without a blank line: both tools read the block without it, lines kept.
            text = m.group(1)
            front = _FRONTMATTER.match(text)
            if front is not None:
                text = "\n" * front.group().count("\n") + text[front.end():]
            if text.strip():
                out[f"{path.relative_to(THIRD_PARTY).as_posix()}#{k}"] = (text, None)
    for name, text in WRITTEN.items():
        out[name] = (text, None)
    return out


DOCUMENTS = _documents()


@pytest.fixture(scope="session")
def official() -> dict[str, Official]:
    """What the official CLI makes of every document, in one run."""
    return run_official(DOCUMENTS)


def _import(text: str) -> ArgumentMap:
    return argdown_from_text(text, "doc.argdown").map


def _argmap(name: str) -> Structure:
    text, folder = DOCUMENTS[name]
    return argmap_structure(text, name.rsplit("/", 1)[-1], folder)


def test_the_documents_cover_the_vendored_documentation() -> None:
    """Every Argdown file of the tests and the ~190 blocks of Argdown's documentation."""
    blocks = sum(1 for name in DOCUMENTS if "#" in name)
    files = sum(1 for name in DOCUMENTS if name.endswith(".argdown"))
    expected = (True, sum(1 for p in THIRD_PARTY.rglob("*.argdown")
                          if not p.name.startswith("_")))
    assert expected == (blocks > 150, files)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_argmap_reads_what_the_official_cli_reads(name: str,
                                                  official: dict[str, Official]) -> None:
    """Same statements, arguments and relations as the official CLI, or the documented
    difference (docs/interop.md, "Compared with the official Argdown CLI")."""
    result = official[name]
    text = DOCUMENTS[name][0]
    if name in REFUSED_BY_ARGDOWN:
        structure = _argmap(name)  # imports without an error
        assert (None, True) == (result.data, bool(structure.statements | structure.arguments))
        return
    if name in IMPORT_CYCLE or name in REFUSED_BY_BOTH:
        with pytest.raises(LoadError):
            _argmap(name)
        assert (name in IMPORT_CYCLE) == (result.data is not None)
        return
    assert result.data is not None, f"the official CLI refuses {name}: {result.error}"
    expected, conclusions = official_structure(result.data)
    actual = moved_to_conclusions(_argmap(name), conclusions)
    if "@include" in text:
        # Argdown numbers the lines of the text with the includes spliced in; argmap keeps
        # each file's own lines: compare the numbers.
        def sizes(s: Structure) -> tuple[int, int, int]:
            return len(s.statements), len(s.arguments), len(s.relations)
        assert sizes(expected) == sizes(actual)
        return
    assert expected == actual


# --- argmap's export, read by the official CLI ------------------------------------------------

#: Text the official parser refuses or reformats unless argmap escapes it (issue #15).
HOSTILE = [*ARGDOWN_HOSTILE, "C# // not a comment", "@[mention]", "[link](http://example.org)"]
_HOSTILE_TEXT = st.one_of(TEXT, st.sampled_from(HOSTILE),
                          st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=4)
                          .map(" ".join))
#: Maps per run: the official CLI reads them all in one run (about 0.02 s a map).
EXPORT_EXAMPLES = 60


def test_the_official_cli_reads_what_argmap_exports() -> None:
    """Maps with hostile text, exported: the official CLI accepts every one, and reads the
    text of each statement as argmap wrote it (escapes resolved, nothing formatted)."""
    exported: dict[str, tuple[ArgumentMap, str]] = {}

    @settings(max_examples=EXPORT_EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(maps(text=_HOSTILE_TEXT))
    def collect(amap: ArgumentMap) -> None:
        exported[f"export/{len(exported):03d}"] = (amap, export_argdown(amap)[0])

    collect()
    results = run_official({name: (text, None) for name, (_, text) in exported.items()})
    refused = {name: (exported[name][1], r.error) for name, r in results.items()
               if r.data is None}
    assert {} == refused, "\n\n".join(f"{name}, refused at {error}:\n{text}"
                                       for name, (text, error) in refused.items())
    for name, (amap, _) in exported.items():
        data = results[name].data
        assert data is not None
        # Argdown keeps the space before a data element at the end of the text.
        texts = {title: [m["text"].strip() for m in ec["members"] if m.get("text")]
                 for title, ec in data["statements"].items()}
        texts |= {title: [m["text"].strip() for m in arg["members"] if m.get("text")]
                  for title, arg in data["arguments"].items()}
        # Argdown keeps hashtags in the text; argmap's are written after it: untagged nodes.
        # Each node under its Argdown title: its own title, where the export could use it.
        handles = _handles(amap, LossReport())
        expected = {handles[n.id]: [n.text] for n in amap.nodes
                    if _shown_as_is(n.text) and set(n.tags) <= {"argument"}}
        assert expected == {handle: texts.get(handle) for handle in expected}


def _shown_as_is(text: str) -> bool:
    """Whether argmap's export writes the text itself (else a placeholder, the text in data)."""
    return text == text.strip() and all(c.isprintable() and c != "\t" for c in text)


def test_shortcodes_read_as_the_official_cli_reads_them(
        official: dict[str, Official]) -> None:
    """`.A.`, `:+1:` ... become Argdown's characters; an unknown one stays as written."""
    data = official["written/shortcodes"].data
    assert data is not None
    [node] = _import(DOCUMENTS["written/shortcodes"][0]).nodes
    assert data["statements"]["S"]["members"][0]["text"] == node.text


#: The corpus tier's Argdown files that are not shipped in tests/data: ArgVu's ligature demo
#: and argdown-mcp's generated large.argdown. The official CLI refuses both; argmap imports
#: them (docs/interop.md: the ligature demo's oddities, text after a bare reference).
CORPUS_ONLY = corpus_files("argdown/*ArgVu__demo.argdown") + \
    corpus_files("argdown/*large.argdown")


@pytest.mark.corpus
def test_the_corpus_files_argdown_refuses_import() -> None:
    """The official CLI refuses the corpus' two other files, and argmap imports them."""
    documents = {p.name: (p.read_text(encoding="utf-8"), p.parent) for p in CORPUS_ONLY}
    results = run_official(documents)
    imported = [argdown_from_text(text, name).map for name, (text, _) in documents.items()]
    assert ([None, None], True) == ([results[n].data for n in documents],
                                    all(m.nodes for m in imported))
