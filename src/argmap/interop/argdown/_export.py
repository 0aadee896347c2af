"""argmap map -> Argdown text that imports back to the same map.

Each node is a statement ``[title]: text`` (an argument ``<title>: text`` when its first
tag is ``argument``), titled by the node's ``title`` when it has one that Argdown can
carry and no other node shares (else by its id; the id goes into the data element
when the importer would not make it from the title), with its tags as hashtags,
followed by its supports and attacks as ``+>``/``->`` relation lines. Sections become
headings, the map's metadata (tensions included) the frontmatter. What Argdown cannot
say in its own syntax (kinds, quotes, sources, relation ids and strengths, who draws a
relation and its scheme, undercuts of single relations) goes into a YAML data element
``{...}`` after the text, which Argdown keeps as data and argmap reads back.
"""

from __future__ import annotations

import json
import re
from typing import Any

from argmap.emit import emit, flow
from argmap.errors import shown
from argmap.interop._ids import slug
from argmap.interop._provenance import report_kept
from argmap.interop.argdown._data import ARGUMENT_TAG
from argmap.interop.argdown._shortcodes import escape_shortcodes
from argmap.interop.loss import APPROXIMATED, NOT_EXPORTED, LossReport
from argmap.loading import source
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from argmap.writer import ARGDOWN_MARK

__all__ = ["export_argdown"]

# `_` and `*` too: unbalanced, Argdown's parser refuses them as an unclosed italic or bold
# range (`snake_case_name`, `a **b c`); balanced, it would format the text argmap keeps.
# And `==` before `=`: Argdown's lexer reads `===` anywhere as the start of a frontmatter.
_ESCAPE = re.compile(r"[\\\[\]<>#{}@_*]|/(?=[/*])|=(?==)")
_WORD_TAG = re.compile(r"[\w\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+")
_BRACKET_BAD = re.compile(r"[()\\\[\]{}<>]|//|/\*|\0|===")
_DATA_FIELDS = ("quote", "source", "locator", "confidence", "note")
#: What a title may not hold to be written as Argdown's title: the brackets that end it,
#: braces and backslashes, comments; nor may it start with `-`, `+` or `_`: an argument's
#: `<+title>` would read as the relation `<+` (as `<-`, `<_`).
_TITLE_BAD = re.compile(r"[\[\]<>{}\\\0]|//|/\*|==|^[-+_]")


def export_argdown(amap: ArgumentMap) -> tuple[str, LossReport]:
    """The Argdown text of ``amap`` and what Argdown tools will not show of it."""
    loss = LossReport()
    meta = emit(amap.model_copy(update={"nodes": ()})).rstrip("\n")
    if "===" in meta:
        # Argdown's frontmatter ends at the first `===` anywhere, even inside a value: write
        # the same data as JSON (which is YAML) with every `=` escaped in its strings, and
        # characters YAML would not read raw escaped in YAML's way.
        plain = source.parse(meta).data
        meta = _UNSAFE.sub(_yaml_escape, json.dumps(plain, ensure_ascii=False))
    # The mark first: argmap may write over its own export, never over other Argdown.
    out = [ARGDOWN_MARK, "===", meta, "===", ""]
    arguments = {n.id for n in amap.nodes if n.tags[:1] == (ARGUMENT_TAG,)}
    local = {n.id for n in amap.nodes}
    handles = _handles(amap, loss)
    section: str | None = None
    for node in amap.nodes:
        data: dict[str, Any] = {}
        if node.section != section:
            if node.section is not None and _native(node.section):
                out += [f"# {_escape(node.section)}", ""]
                section = node.section
            else:
                data["section"] = node.section
        lines, relations = _relations(node, arguments, local, handles, loss)
        out.append(_head(node, node.id in arguments, data, relations, handles[node.id], loss))
        out.extend(lines)
        out.append("")
    if not amap.nodes:
        # Argdown refuses a document that is only a frontmatter: a heading (the title)
        # makes it one Argdown reads, and argmap takes the frontmatter's title anyway.
        title = " ".join("".join(c if c.isprintable() else " " for c in amap.title).split())
        out += [f"# {_escape(title) or '…'}", ""]
    report_kept(amap, loss, "data elements and the frontmatter")
    return "\n".join(out).rstrip("\n") + "\n", loss


def _handles(amap: ArgumentMap, loss: LossReport) -> dict[str, str]:
    """Each node's Argdown title (id -> handle): its own title where it has one that
    Argdown carries unchanged and that names no other node, else its id."""
    handles: dict[str, str] = {}
    for node in amap.nodes:
        title = node.title
        if title is not None and (not _native(title) or _TITLE_BAD.search(title)):
            loss.add(APPROXIMATED, f"title {shown(title)} cannot be an Argdown title (brackets, "
                     "braces, backslashes, comments, unprintable characters, or a leading "
                     "-, + or _): the id is "
                     "written as its title, the title kept in the data element", node=node.id)
            title = None
        handles[node.id] = node.id if title is None else title
    # A title another node has as its title or id would make Argdown read the two as one
    # statement: those nodes fall back to their ids (unique). A fallback can make a new
    # clash (an id that is a third node's title): a worklist of shared handles settles
    # it with each node falling back at most once, linear however long such a chain is.
    named: dict[str, list[str]] = {}
    for nid, handle in handles.items():
        named.setdefault(handle, []).append(nid)
    shared = [h for h, nids in named.items() if len(nids) > 1]
    for handle in shared:  # (grows while it is walked)
        nids = named[handle]
        if len(nids) < 2:
            continue
        for nid in [n for n in nids if handles[n] != n]:
            others = [n for n in nids if n != nid]
            loss.add(APPROXIMATED, f"title {shown(handle)} also names {_some(others)}: the id is "
                     "written as its Argdown title, the title kept in the data element",
                     node=nid)
            handles[nid] = nid
            named.setdefault(nid, []).append(nid)
            if len(named[nid]) == 2:
                shared.append(nid)
        named[handle] = [n for n in nids if handles[n] == handle]
    return handles


def _some(ids: list[str], shown: int = 3) -> str:
    """``ids`` named, the first few of a long list (a title 10,000 nodes share)."""
    more = f" and {len(ids) - shown:,} more" if len(ids) > shown else ""
    return ", ".join(ids[:shown]) + more


def _relations(node: Node, arguments: set[str], local: set[str], handles: dict[str, str],
               loss: LossReport) -> tuple[list[str], list[dict[str, Any]]]:
    """The relation lines below a node, and what they cannot say (for the data element)."""
    lines: list[str] = []
    data: list[dict[str, Any]] = []
    for kind, symbol in (("supports", "+>"), ("attacks", "->")):
        seen: set[str] = set()
        for rel in getattr(node, kind):
            if rel.to not in local:
                loss.add(NOT_EXPORTED, f"{kind} {rel.to}: a node of another map", node=node.id)
                continue
            if rel.to in seen:
                loss.add(NOT_EXPORTED, f"a second {kind} {rel.to} (Argdown keeps one relation "
                         "per pair)", node=node.id)
                continue
            seen.add(rel.to)
            lines.append(f"  {symbol} {_ref(rel.to, handles[rel.to], arguments)}")
            extra = _extra(rel)
            if extra:
                data.append({kind: rel.to, **extra})
    for rel in node.undercuts:
        loss.add(APPROXIMATED, f"undercut of relation {rel.to} written as data: Argdown "
                 "undercuts whole arguments, not single relations", node=node.id)
        data.append({"undercuts": rel.to, **_extra(rel)})
    return lines, data


def _extra(rel: Relation) -> dict[str, Any]:
    """The relation's fields a relation line cannot say (in the order of docs/format.md)."""
    return rel.model_dump(mode="json", exclude_defaults=True,
                          include={"id", "by", "source", "quote", "scheme", "question",
                                   "strength", "note"})


def _head(node: Node, argument: bool, data: dict[str, Any],
          relations: list[dict[str, Any]], handle: str, loss: LossReport) -> str:
    tags = list(node.tags[1:] if argument else node.tags)
    if handle != node.id and slug(handle) != node.id:
        data["id"] = node.id  # (the importer makes ids from titles, as slugs)
    if node.title is not None and (handle != node.title or handle == node.id):
        # Not the Argdown title, or one the importer reads as the id alone.
        data["title"] = node.title
    if node.kind is not NodeKind.CLAIM:
        data["kind"] = node.kind.value
    text = node.text
    if not _native(text) or not _escape(text):
        data["text"] = text
        text = " ".join("".join(c if c.isprintable() else " " for c in text).split()) or "…"
        loss.add(APPROXIMATED, "text with line breaks, edge spaces or control characters: "
                 "Argdown shows it on one line, the exact text is in the data element",
                 node=node.id)
    for key in _DATA_FIELDS:
        value = getattr(node, key)
        if value is not None:
            data[key] = value
    hashtags = ""
    if len(set(tags)) != len(tags) or not all(_tag_ok(t) for t in tags):
        if tags:
            data["tags"] = tags
    else:
        hashtags = "".join(f" #{t}" if _WORD_TAG.fullmatch(t) else f" #({t})" for t in tags)
    if node.acknowledge:
        data["acknowledge"] = dict(node.acknowledge)
    if relations:
        data["relations"] = relations
    title = f"<{handle}>" if argument else f"[{handle}]"
    line = f"{title}: {_escape(text)}{hashtags}"
    return f"{line} {flow(data)}" if data else line


_UNSAFE = re.compile(r"[^\x20-\x7e\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|=")


def _yaml_escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _ref(node_id: str, handle: str, arguments: set[str]) -> str:
    return f"<{handle}>" if node_id in arguments else f"[{handle}]"


def _native(text: str) -> bool:
    """Whether ``text`` reads back unchanged as one line of Argdown text."""
    return bool(text) and text == text.strip() and all(
        c.isprintable() and c != "\t" for c in text)


def _escape(text: str) -> str:
    """Argdown text that reads back as ``text``: special characters escaped, and the first
    character of each shortcode (``.A.`` would read as ∀)."""
    return escape_shortcodes(_ESCAPE.sub(lambda m: "\\" + m.group(), text))


def _tag_ok(tag: str) -> bool:
    """Whether ``tag`` reads back unchanged as ``#tag`` or ``#(tag)``."""
    if not _native(tag):
        return False
    return bool(_WORD_TAG.fullmatch(tag)) or not _BRACKET_BAD.search(tag)
