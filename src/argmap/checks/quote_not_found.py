"""A quote that does not appear in its source's text.

When a source has a local `text` file, every `quote` of a node citing that
source must be found in it. The comparison forgives differences in white
space, in quote marks (curly or straight) and in letter case, nothing else:
a quote is verbatim (dashes, for one, are not forgiven: `-` is not `—`), and
the quote marks around a quote are part of it: write the passage without
them (the hint says so when that is all that differs). The hint shows the
closest passage of the source (found for the first 500 characters of a
longer quote and cut after 300; for the first 100 quotes not found in a run,
the others get a shorter hint, so that a map of thousands of them is
checked in seconds).

Failing example:

    argmap: 1
    title: Misquoted
    sources:
      - id: article
        title: The article
        text: article.txt
    nodes:
      - id: talks-collapsed
        kind: evidence
        text: The Istanbul talks collapsed.
        quote: The talks in Istanbul collapsed completely.
        source: article
        supports: [direct-talks-failed]
      - id: direct-talks-failed
        kind: claim
        text: Direct talks have failed.

Passing example:

    argmap: 1
    title: Quoted
    sources:
      - id: article
        title: The article
        text: article.txt
    nodes:
      - id: talks-collapsed
        kind: evidence
        text: The Istanbul talks collapsed.
        quote: "The third round of talks in Istanbul ... ultimately collapsed"
        source: article
        supports: [direct-talks-failed]
      - id: direct-talks-failed
        kind: claim
        text: Direct talks have failed.

with `article.txt` beside the map:

    The third round of talks in Istanbul, mediated by external powers, ultimately
    collapsed due to entrenched, incompatible demands.

A quote may leave words out with `...` (or `…`): each part must then appear
in the source, in order.

Quotes of relations (the passage where the source draws a link) are checked
the same way, against the text of the relation's `source:`, else of the source
of the node it starts from, else of the map's only source; so are the quotes
of a tension, against its `source:`, else the sources of its two nodes (the
quote may come from either), else the map's only source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from argmap.checks._base import At, Context, Finding
from argmap.checks._quote_index import TextIndex
from argmap.checks._quote_text import (
    closest_passages,
    forget_sources,
    found_in_order,
    normalized_source,
    parts_of,
    parts_of_all,
)
from argmap.errors import Severity, shown
from argmap.graph import GEdge, GNode, GTension
from argmap.loading.loader import LoadedMap

ID = "quote-not-found"
SEVERITY = Severity.ERROR


def find_quote(quote: str, text: str) -> bool:
    """Whether ``quote`` occurs in ``text`` under the rule's tolerance."""
    return found_in_order(parts_of(quote), normalized_source(text).find)


def _source_text(ctx: Context, m: LoadedMap, ref: str) -> str | None:
    if ":" in ref:
        name, sid = ref.split(":", 1)
        other = ctx.maps.by_name.get(name)
        if other is None:
            return None
        m, ref = other, sid
    for i, src in enumerate(m.map.sources):
        if src.id == ref and src.text is not None:
            return ctx.source_text(m, i)
    return None


def _texts_of(ctx: Context) -> Callable[[LoadedMap, str], str | None]:
    """:func:`_source_text` for ``ctx``, each (map, reference) looked up once: a map of
    many sources quotes each of them many times."""
    known: dict[tuple[str, str], str | None] = {}

    def text(m: LoadedMap, ref: str) -> str | None:
        key = (m.path, ref)
        if key not in known:
            known[key] = _source_text(ctx, m, ref)
        return known[key]

    return text


#: Quotes not found that get the closest passage in one check run; the others are
#: reported all the same, with a shorter hint. A search takes up to a few hundredths
#: of a second: a map of thousands of quotes not found would otherwise take minutes.
MAX_PASSAGES = 100


#: What a quote is of: a node, a relation, or a tension (with the quote's position).
Origin = GNode | GEdge | tuple[GTension, int]


def _quotes(ctx: Context) -> Iterator[tuple[Origin, LoadedMap, str, list[str]]]:
    """Every quote of the maps: what it is of, its map, the quote, and the sources it
    may come from (found in any one of them is found). Where it is and how a message
    names it are made only for the quotes not found (see :func:`_described`)."""
    g = ctx.full_graph
    for n in g.nodes.values():
        node = n.node
        if node.quote is not None and node.source is not None:
            yield n, n.map, node.quote, [node.source]
    for e in g.edges:
        quote = e.relation.quote
        if quote is None:
            continue
        ref = e.relation.source or g.nodes[e.source].node.source or _only_source(e.map)
        if ref is not None:
            yield e, e.map, quote, [ref]
    for t in g.tensions:
        refs = [t.tension.source] if t.tension.source else [
            ref for key in t.between if (ref := g.nodes[key].node.source) is not None]
        refs = list(dict.fromkeys(refs)) or [r for r in (_only_source(t.map),) if r]
        for k, quote in enumerate(t.tension.quotes):
            if refs:
                yield (t, k), t.map, quote, refs


def _described(ctx: Context, origin: Origin) -> tuple[At, str]:
    """Where the quote of ``origin`` is, and what a message calls it."""
    g = ctx.full_graph
    if isinstance(origin, GNode):
        return At(origin.map, ("nodes", origin.position, "quote")), shown(origin.id)
    if isinstance(origin, GEdge):
        return (At(origin.map, (*origin.keypath, "quote")),
                f"the relation {shown(g.label(origin.source, origin.map))} {origin.kind.value} "
                f"{shown(origin.relation.to)}")
    t, k = origin
    return At(t.map, (*t.keypath, "quotes", k)), f"tension {shown(t.tension.id)}"


def _only_source(m: LoadedMap) -> str | None:
    """The id of the map's source when it has exactly one."""
    return m.map.sources[0].id if len(m.map.sources) == 1 else None


#: A source text gets a :class:`TextIndex` when this many quote parts are searched in it:
#: the index costs about as much as 200 searches with ``str.find`` that each scan half
#: the text (the scan, in C, is some 250 times faster a character than the index's).
INDEX_FROM = 200


def _finders(searches: Iterable[tuple[list[str], list[str]]]
             ) -> dict[int, Callable[[str, int], int]]:
    """For each source text (by ``id``) of ``searches`` (parts, texts), a ``find(part,
    start)`` of its normalized text: one :class:`TextIndex` of every part searched in it
    when there are many, else ``str.find``."""
    texts: dict[int, str] = {}
    wanted: dict[int, list[str]] = {}
    for parts, candidates in searches:
        for text in candidates:
            texts[id(text)] = text
            wanted.setdefault(id(text), []).extend(parts)
    # A text read twice (two maps naming one file) is normalized once.
    finders: dict[int, Callable[[str, int], int]] = {}
    for key, text in texts.items():
        norm = normalized_source(text)
        parts = wanted[key]
        finders[key] = TextIndex(norm, parts).find if len(parts) >= INDEX_FROM else norm.find
    return finders


#: Quote marks, as :func:`normalize` leaves them (curly ones made straight).
_MARKS = "\"'"


def _marked(parts: list[str], texts: list[str]) -> bool:
    """Whether a quote not found (its normalized ``parts``) is a passage of one of
    ``texts`` written between quote marks (`"..."` inside the YAML's own quotes, or curly
    ones): the marks are compared as text, and people quoting write them."""
    if not parts or parts[0][:1] not in _MARKS or parts[-1][-1:] not in _MARKS:
        return False
    inner = ([parts[0][1:-1]] if len(parts) == 1
             else [parts[0][1:], *parts[1:-1], parts[-1][:-1]])
    inner = [part.strip(" ") for part in inner]
    return all(inner) and any(found_in_order(inner, normalized_source(text).find)
                              for text in texts)


def check(ctx: Context) -> Iterator[Finding]:
    """Quotes (of nodes, relations and tensions) missing from the local text of their source."""
    quotes = []
    text_of = _texts_of(ctx)
    for origin, m, quote, refs in _quotes(ctx):
        texts = [t for ref in refs if (t := text_of(m, ref)) is not None]
        if texts:
            quotes.append((origin, quote, refs, texts))
    every_parts = parts_of_all([quote for _, quote, _, _ in quotes])
    finders = _finders(zip(every_parts, (texts for *_, texts in quotes), strict=True))
    missing = [i for i, (parts, (*_, texts)) in enumerate(zip(every_parts, quotes, strict=True))
               if not any(found_in_order(parts, finders[id(text)]) for text in texts)]
    # The closest passages, for the first MAX_PASSAGES quotes not found: those of one
    # source text are looked for together.
    asked: dict[int, list[int]] = {}
    for i in missing[:MAX_PASSAGES]:
        asked.setdefault(id(quotes[i][3][0]), []).append(i)
    passages: dict[int, str] = {}
    for group in asked.values():
        text = quotes[group[0]][3][0]
        passages.update(zip(group, closest_passages([quotes[i][1] for i in group], text),
                            strict=True))
    # Bounded like the passages: each is one more search of the source.
    marked = {i for i in missing[:MAX_PASSAGES] if _marked(every_parts[i], quotes[i][3])}
    for i in missing:
        origin, _, refs, _ = quotes[i]
        where, what = _described(ctx, origin)
        ref = refs[0] if len(refs) == 1 else " or ".join(map(shown, refs))
        message = (f"quote of {what} not found in source {shown(ref)}" if len(refs) == 1
                   else f"quote of {what} not found in sources {ref}")
        passage = passages.get(i)
        if i in marked:
            hint = ("leave out the quote marks around the quote: the passage without them "
                    "is in the source")
        elif passage is None:
            hint = (f"copy the quote from the source (the closest passage is shown for the "
                    f"first {MAX_PASSAGES} quotes not found)")
        else:
            hint = (f"closest passage: {passage!r}" if passage
                    else "copy the quote from the source")
        yield Finding(where, message, hint=hint)
    # Nothing more is searched in this run: the normalized texts need not outlive it.
    forget_sources()
