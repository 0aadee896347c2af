"""Questions about a map's structure: ``argmap query ...`` (docs/queries.md)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from argmap.cli._app import (
    _KEEP,
    Command,
    Paths,
    _emit,
    _is_terminal,
    _split,
    _stdout,
    app,
)
from argmap.errors import UsageError, shown

if TYPE_CHECKING:
    from rich.text import Text

# --- Reasoning over maps: `query ...`, `evaluate`, `explain` (docs/queries.md,
# docs/semantics.md). Node arguments come first, map paths last, in every command.

query_app = typer.Typer(
    name="query", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    help="Questions about a map's structure: rests-on, impact, path, list, stats.",
    context_settings={"max_content_width": 100, "terminal_width": 100,
                      "help_option_names": ["-h", "--help"]},
)
app.add_typer(query_app, name="query")


class OutputFormat(StrEnum):
    """Formats of the reasoning commands' output."""

    text = "text"
    json = "json"


NodeRef = Annotated[str, typer.Argument(help="A node: its id, or map:id.", show_default=False,
                                        metavar="NODE")]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
SourceOnlyOpt = Annotated[bool, typer.Option(
    "--source-only", help="Leave out the analyst's relations (by: analyst): the argument "
    "the sources make on their own.")]


def _graph(paths: list[Path], source_only: bool = False) -> Any:
    """Load maps (or one ICCMA framework file) and build their graph (without the
    analyst's relations when ``source_only``)."""
    from argmap.graph import build
    from argmap.interop import iccma
    from argmap.loading.loader import MapSet, load_set
    from argmap.provenance import source_only as stated

    if len(paths) == 1 and iccma.is_framework(paths[0]):
        maps = MapSet((iccma.load(paths[0]),))
    elif frameworks := [p for p in paths if iccma.is_framework(p)]:
        # Read as maps they would each fail as "not a YAML mapping", which misleads.
        raise UsageError(f"{shown(str(frameworks[0]))} is an ICCMA framework: a framework "
                         "file is read on its own, not with other files; give one at a time")
    else:
        maps = load_set(paths)
    graph = build(maps)
    _KEEP.append(graph)
    return stated(graph) if source_only else graph


def _json(data: Any) -> None:
    import json

    from argmap.terminal import json_safe

    sys.stdout.write(json_safe(json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False))
                     + "\n")


def _node_json(graph: Any, key: str) -> dict[str, Any]:
    node = graph.nodes[key].node
    out = {"node": key, "kind": node.kind.value, "text": node.text}
    for name in ("quote", "source", "locator"):
        if getattr(node, name) is not None:
            out[name] = getattr(node, name)
    return out


def _rel_json(graph: Any, number: int) -> dict[str, Any]:
    e = graph.edges[number]
    out = {"kind": e.kind.value, "source": e.source, "target": e.target}
    if e.relation.id is not None:
        out["id"] = e.relation.id
    if e.relation.strength is not None:
        out["strength"] = e.relation.strength
    out["by"] = e.relation.by.value
    if e.relation.scheme is not None:
        out["scheme"] = e.relation.scheme
    return out


def _node_text(graph: Any, key: str, home: Any) -> Text:
    from rich.text import Text

    n = graph.nodes[key]
    # On one line, as a listing shows it: a line break of the text would begin a line
    # of the map's choosing (`::error file=...`, an annotation in a GitHub job's log).
    return Text.assemble((f"{n.kind.value} ", "dim"), (graph.label(key, home), "bold"),
                         ": ", " ".join(n.node.text.split()))


def _print_lines(lines: list[Text]) -> None:
    # One print of the joined lines: a print per line costs seconds on large maps.
    # Into a pipe or a file, the plain text without rich: 100,000 lines took 2.5 s.
    from rich.text import Text

    if not lines:
        return
    if not _is_terminal():
        _emit("\n".join(line.plain for line in lines) + "\n")
        return
    _stdout().print(Text("\n").join(lines))


def _home(graph: Any) -> Any:
    """The map whose ids are shown bare: the only one given (others show map:id)."""
    given = {n.map.path: n.map for n in graph.nodes.values() if not n.map.context}
    return next(iter(given.values())) if len(given) == 1 else None


#: Levels of support `query rests-on` draws as text unless --depth says otherwise.
_TEXT_DEPTH = 50


@query_app.command("rests-on")
def query_rests_on(
    node: NodeRef, paths: Paths, fmt: FormatOpt = OutputFormat.text,
    source_only: SourceOnlyOpt = False,
    depth: Annotated[int | None, typer.Option(
        "--depth", min=0, help="Show at most this many levels of support [default: all; "
        "text draws 50].")] = None,
) -> None:
    """What NODE rests on: its support tree down to evidence and assumptions.

    Every step shows the attacks on it (and undercuts of the support it gives). A
    node met again is shown once in full and marked "see above" afterwards.
    """
    from rich.text import Text

    from argmap import queries

    graph = _graph(paths, source_only)
    # Drawn text indents every level, so its size grows with depth times length:
    # without --depth it stops at _TEXT_DEPTH levels (JSON is flat: it has them all).
    drawn = depth if depth is not None or fmt is OutputFormat.json else _TEXT_DEPTH
    tree = queries.rests_on(graph, queries.resolve(graph, node), depth=drawn)
    if fmt is OutputFormat.json:
        steps = [{**_node_json(graph, s.key), "depth": s.depth, "parent": s.parent,
                  "via": None if s.via is None else _rel_json(graph, s.via),
                  "attacks": [_rel_json(graph, a) for a in s.attacks],
                  "repeat": s.repeat, "cycle": s.cycle, "more": s.more} for s in tree.steps]
        _json({"root": tree.root, "steps": steps, "grounds": tree.grounds()})
        return
    home = graph.nodes[tree.root].map
    # Drawn by hand rather than with rich's Tree: every line is printed whole (a
    # Tree crops or wraps to the terminal), and a 100,000-step tree prints fast.
    children: dict[int, list[int]] = {}
    for i, step in enumerate(tree.steps):
        children.setdefault(step.parent, []).append(i)
    out: list[Text] = []
    prefix = {0: ("", "")}  # step -> (guide of its own first line, guide of its lines below)
    for i, step in enumerate(tree.steps):
        first, rest = prefix[i]
        n = graph.nodes[step.key].node
        label = _node_text(graph, step.key, home)
        via = None if step.via is None else graph.edges[step.via].relation
        if via is not None and isinstance(via.strength, tuple):  # an interval
            label.append(f" (strength {via.strength[0]:g} to {via.strength[1]:g})",
                         style="dim")
        elif via is not None and via.strength is not None:
            label.append(f" (strength {via.strength:g})", style="dim")
        if via is not None and via.by.value == "analyst":
            label.append(" (the analyst's inference)", style="dim")
        for flag, words in ((step.repeat, "see above"), (step.cycle, "circular: already above"),
                            (step.more, "more support not shown")):
            if flag:
                label.append(f" ({words})", style="yellow")
        out.append(Text(first) + label)
        below = children.get(i, [])
        items = len(step.attacks) + len(below)
        if n.quote is not None and not (step.repeat or step.cycle):
            where = ", ".join(x for x in (n.source, n.locator) if x)
            out.append(Text(rest + ("\u2502   " if items else "    ")) + Text(
                # One line, as the node's text (see _node_text): a line break of the
                # quote or the locator would begin a line of the map's choosing.
                " ".join(f"\u201c{n.quote.strip()}\u201d{f' ({where})' if where else ''}"
                         .split()),
                style="italic"))
        for j, a in enumerate(step.attacks):
            e = graph.edges[a]
            verb = "attacked by " if e.kind.value == "attacks" else "support undercut by "
            guide = "\u2514\u2500\u2500 " if j == items - 1 else "\u251c\u2500\u2500 "
            out.append(Text(rest + guide) + Text(verb, style="red")
                       + _node_text(graph, e.source, home))
        for j, c in enumerate(below, len(step.attacks)):
            last = j == items - 1
            prefix[c] = (rest + ("\u2514\u2500\u2500 " if last else "\u251c\u2500\u2500 "),
                         rest + ("    " if last else "\u2502   "))
    if depth is None and any(step.more for step in tree.steps):
        out.append(Text(f"(support deeper than {_TEXT_DEPTH} levels is not drawn: use --depth N "
                        "or --format json)", style="yellow"))
    _print_lines(out)


@query_app.command("impact")
def query_impact(node: NodeRef, paths: Paths, fmt: FormatOpt = OutputFormat.text,
                 source_only: SourceOnlyOpt = False) -> None:
    """What falls if NODE is taken away, and what keeps standing on other support.

    A node falls if it had support and every supporter it has left falls (or was
    NODE). Attacks made by NODE and by the nodes that fall are lost too.
    """
    from rich.text import Text

    from argmap import queries

    graph = _graph(paths, source_only)
    result = queries.impact(graph, queries.resolve(graph, node))
    if fmt is OutputFormat.json:
        _json({"node": result.node, "falls": result.falls,
               "stands": [{"node": k, "supported_by": s} for k, s in result.stands],
               "attacks_lost": [_rel_json(graph, n) for n in result.attacks_lost]})
        return
    home = graph.nodes[result.node].map
    out: list[Text] = []
    out.append(Text(f"Without {graph.label(result.node, home)}:", style="bold"))
    out.append(Text(f"falls ({len(result.falls)}):", style="red"))
    for k in result.falls:
        out.append(Text("  ") + _node_text(graph, k, home))
    out.append(Text(f"keeps standing on other support ({len(result.stands)}):", style="green"))
    for k, carried in result.stands:
        out.append(Text("  ") + _node_text(graph, k, home) + Text(
            f" [still supported by {', '.join(graph.label(s, home) for s in carried)}]",
            style="dim"))
    out.append(Text(f"attacks lost ({len(result.attacks_lost)}):", style="yellow"))
    for n in result.attacks_lost:
        e = graph.edges[n]
        out.append(Text(f"  {graph.label(e.source, home)} {e.kind.value} "
                        f"{graph.label(e.target, home)}"))
    _print_lines(out)


@query_app.command("path")
def query_path(
    start: Annotated[str, typer.Argument(help="Where paths start: id or map:id.",
                                         show_default=False, metavar="A")],
    end: Annotated[str, typer.Argument(help="Where paths end: id or map:id.",
                                       show_default=False, metavar="B")],
    paths: Paths, fmt: FormatOpt = OutputFormat.text, source_only: SourceOnlyOpt = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many paths.")] = 10,
    max_length: Annotated[int | None, typer.Option(
        "--max-length", min=1, help="Longest path, in relations [default: two more than the "
        "shortest].")] = None,
) -> None:
    """Chains of supports, attacks and undercuts from A to B, shortest first.

    Each path says whether A speaks for B (an even number of attacks on the way)
    or against it (an odd number). With B the same as A, the cycles through A (an
    attack on itself among them): whether A, by way of them, speaks for or against itself.
    """
    from rich.text import Text

    from argmap import queries

    graph = _graph(paths, source_only)
    a, b = queries.resolve(graph, start), queries.resolve(graph, end)
    found = queries.paths(graph, a, b, limit=limit, max_length=max_length)
    if fmt is OutputFormat.json:
        _json({"from": a, "to": b, "paths": [
            {"effect": "against" if p.against else "for",
             "relations": [_rel_json(graph, n) for n in p.edges]} for p in found]})
        return
    home = graph.nodes[a].map
    out = _stdout()
    if not found:
        out.print(Text(f"No path from {graph.label(a, home)} to {graph.label(b, home)}."))
    for i, p in enumerate(found, 1):
        line = Text(f"{i}. {'against' if p.against else 'for'}: ", style="bold")
        line.append(graph.label(a, home))
        for n in p.edges:
            e = graph.edges[n]
            line.append(f" {e.kind.value} ", style="red" if e.kind.value != "supports" else "dim")
            line.append(graph.label(e.target, home))
        out.print(line)


@query_app.command("list", cls=Command)
def query_list(
    paths: Paths, fmt: FormatOpt = OutputFormat.text,
    kinds: Annotated[list[str] | None, typer.Option(
        "--kinds", metavar="KINDS", help="Only nodes of these kinds (comma-separated or "
        "repeated).")] = None,
    tags: Annotated[list[str] | None, typer.Option(
        "--tags", metavar="TAGS", help="Only nodes with one of these tags (comma-separated "
        "or repeated).")] = None,
    section: Annotated[list[str] | None, typer.Option(
        "--section", metavar="SECTION", help="Only nodes of this section (repeatable).")] = None,
    source: Annotated[list[str] | None, typer.Option(
        "--source", metavar="SOURCE", help="Only nodes citing this source id (repeatable).")
    ] = None,
    text: Annotated[str | None, typer.Option(
        "--text", metavar="WORDS", help="Only nodes whose text or quote contains WORDS "
        "(any case).")] = None,
) -> None:
    """List the nodes that match filters, in map order.

    A node passes if it matches every option given, and any of the values of an
    option given several times (or comma-separated, except --section).
    """
    from rich.text import Text

    from argmap import queries
    from argmap.records import NodeKind

    chosen = []
    for k in _split(kinds) or ():
        if k not in NodeKind.__members__.values():
            raise UsageError(f"unknown kind {shown(k)}; kinds: {', '.join(NodeKind)}")
        chosen.append(NodeKind(k))
    graph = _graph(paths)
    keys = queries.select(graph, kinds=chosen, tags=_split(tags) or (),
                          sections=section or (), sources=_split(source) or (), text=text)
    if fmt is OutputFormat.json:
        _json({"nodes": [_node_json(graph, k) for k in keys]})
        return
    out: list[Text] = []
    home = _home(graph)
    for k in keys:
        out.append(_node_text(graph, k, home))
    out.append(Text(f"{len(keys)} node{'s' if len(keys) != 1 else ''}", style="dim"))
    _print_lines(out)


@query_app.command("stats")
def query_stats(paths: Paths, fmt: FormatOpt = OutputFormat.text,
                source_only: SourceOnlyOpt = False) -> None:
    """Counts per kind and relation, evidence coverage, and the deepest chain of support.

    Coverage is the share of claims and recommendations that evidence reaches
    along supports; the deepest chain is the longest line of supports.
    """
    from rich.text import Text

    from argmap import queries

    graph = _graph(paths, source_only)
    s = queries.stats(graph)
    if fmt is OutputFormat.json:
        _json({"maps": s.maps, "nodes": s.nodes, "relations": s.relations,
               "coverage": {"grounded": s.grounded, "conclusions": s.conclusions,
                            "share": round(s.coverage, 6)},
               "depth": s.depth, "deepest": s.deepest})
        return
    out, home = _stdout(), _home(graph)

    def counts(d: dict[str, int]) -> str:
        return f"{sum(d.values())} ({', '.join(f'{k} {v}' for k, v in d.items())})"

    out.print(Text(f"maps: {s.maps}"))
    out.print(Text(f"nodes: {counts(s.nodes)}"))
    out.print(Text(f"relations: {counts(s.relations)}"))
    out.print(Text(f"evidence coverage: {s.coverage:.0%} ({s.grounded} of {s.conclusions} "
                   "claims and recommendations rest on evidence)"))
    shown = [graph.label(k, home) for k in s.deepest]
    if len(shown) > 12:  # the whole chain is in --format json
        shown = [*shown[:5], f"... {len(shown) - 10} more ...", *shown[-5:]]
    chain = " -> ".join(shown)
    out.print(Text(f"deepest support chain: {s.depth} relation{'s' if s.depth != 1 else ''}"
                   + (f": {chain}" if chain else "")))
