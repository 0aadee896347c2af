"""Splitting a picture over pages along the argument, for ``--page`` PDFs.

When a map cannot be printed on one page with readable text
(:data:`~argmap.render.paper.READABLE_PT`), it is cut along the argument: each
conclusion (a node that bears on nothing drawn, in the file's order) with
everything that leads to it forms a part; parts go onto pages in order, as many
on a page as fit, and a part too big for a page is halved (in file order) until
the halves fit. A relation whose other end is on another page ends at a small
dashed stub ("continues on" or "comes from") that names the node at the other end
and its page ("p. 3: node-id").

Every page is laid out (measured) before it is accepted, so the number of
layouts is bounded: at most :data:`MAX_LAYOUTS` for one document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from argmap.render.dot import SMALLEST_FONT, Cut, Stub, view_to_dot
from argmap.render.errors import RenderUsageError
from argmap.render.escape import cap, node_name
from argmap.render.fit import Fitted, measure, printed
from argmap.render.options import Direction, RenderOptions
from argmap.render.paper import READABLE_PT, PageSize
from argmap.render.select import View

__all__ = ["DENSITY", "MAX_LAYOUTS", "MAX_PAGE_NODES", "Part", "argument_parts", "paginate"]

#: Most layouts measured to cut one document into pages.
MAX_LAYOUTS = 400
#: A page never holds more nodes than this (no layout is measured for more: at the
#: smallest readable scale an A3 page holds about 40 of argmap's boxes).
MAX_PAGE_NODES = 60
#: The share of a layered drawing's box its nodes cover, about (measured on the flagship
#: map and generated maps: 0.12 to 0.3); it sets how many nodes a page is first given.
DENSITY = 0.2
#: Longest node id written on a stub.
_STUB_ID_CHARS = 40
#: Most node ids a stub names ("and 3 more" after them).
_STUB_IDS = 4


@dataclass(frozen=True)
class Part:
    """One page: the view of its nodes, the stubs of where its relations continue, the
    options it is drawn with and its caption."""

    view: View
    stubs: tuple[Stub, ...]
    cut: tuple[Cut, ...]
    caption: str
    fitted: Fitted

    def dot(self, options: RenderOptions | None = None) -> str:
        """The page's DOT text (under its fitted options unless others are given)."""
        return view_to_dot(self.view, options or self.fitted.options, caption=self.caption,
                           stubs=self.stubs, cut=self.cut)


def _relation_ends(view: View) -> list[tuple[int, str, str]]:
    """(relation, the node it starts at, the node it bears on) for every drawn relation;
    an undercut bears on the node its relation points at."""
    graph = view.graph
    return [(i, graph.edges[i].source, graph.edges[i].target) for i in view.edges]


def argument_parts(view: View) -> list[list[str]]:
    """The view's nodes cut along the argument: for each conclusion in file order, it
    and the nodes that lead to it not already in an earlier part, in file order."""
    order = {k: i for i, k in enumerate(view.nodes)}
    leads_to: dict[str, list[str]] = {k: [] for k in view.nodes}
    bears = set()
    for _, source, target in _relation_ends(view):
        if source != target:
            leads_to[target].append(source)
            bears.add(source)
    roots = [k for k in view.nodes if k not in bears]
    taken: set[str] = set()
    parts: list[list[str]] = []
    # Conclusions first; then whatever only cycles reach, from its first node.
    for root in [*roots, *view.nodes]:
        if root in taken:
            continue
        part = {root}
        stack = [root]
        while stack:
            for before in leads_to[stack.pop()]:
                if before not in taken and before not in part:
                    part.add(before)
                    stack.append(before)
        taken |= part
        parts.append(sorted(part, key=order.__getitem__))
    return parts


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_LAYOUTS

    def spend(self) -> None:
        if self.left <= 0:
            raise RenderUsageError(
                f"cannot cut the map into readable pages within {MAX_LAYOUTS} layouts; "
                "use a bigger --page, --landscape, or fewer nodes (--focus, --kinds, --tags)")
        self.left -= 1


def _part(view: View, keys: Sequence[str], page_of: dict[str, int], legend: bool,
          caption: str, fitted: Fitted | None = None) -> Part:
    """The page of ``keys``: its nodes, its relations, and at most two stubs, one for
    the relations that continue on other pages and one for those that come from them,
    each naming the nodes at the other end with their page (``page_of``; a node not
    in it yet is written as page 99, as wide as any real number, so that a page is
    measured at the size it will be drawn)."""
    here = set(keys)
    graph = view.graph
    order = {k: i for i, k in enumerate(view.nodes)}
    edges: list[int] = []
    ends = {i: (s, t) for i, s, t in _relation_ends(view)}
    away: dict[bool, set[str]] = {True: set(), False: set()}
    crossing: list[tuple[int, str, bool]] = []
    for i, (source, target) in ends.items():
        e = graph.edges[i]
        inside = source in here and target in here
        if e.target_edge is not None:
            inside = inside and e.target_edge in ends and graph.edges[e.target_edge].source in here
        if inside:
            edges.append(i)
            continue
        if source not in here and target not in here:
            continue
        outgoing = source in here
        away[outgoing].add(target if outgoing else source)
        crossing.append((i, source if outgoing else target, outgoing))
    stubs: dict[bool, Stub] = {}
    for outgoing in (True, False):
        others = sorted(away[outgoing], key=order.__getitem__)
        if not others:
            continue
        lines = [f"p. {page_of.get(k, 99)}: {cap(graph.nodes[k].id, _STUB_ID_CHARS)}"
                 for k in others[:_STUB_IDS]]
        if len(others) > _STUB_IDS:
            lines.append(f"and {len(others) - _STUB_IDS} more")
        title = "continues on" if outgoing else "comes from"
        stubs[outgoing] = Stub(f"~page-{'to' if outgoing else 'from'}", (title, *lines))
    cut = tuple(Cut(i, node if outgoing else stubs[outgoing].name,
                    stubs[outgoing].name if outgoing else node)
                for i, node, outgoing in crossing)
    # Undercuts of relations kept on the page need those relations: keep the order valid.
    kept = set(edges)
    edges = [i for i in edges
             if graph.edges[i].target_edge is None or graph.edges[i].target_edge in kept]
    page_view = replace(view, nodes=tuple(k for k in view.nodes if k in here),
                        edges=tuple(edges))
    return Part(page_view, tuple(stubs.values()), cut, caption,
                fitted or Fitted(RenderOptions(legend=legend), None))


def _areas(view: View, options: RenderOptions, timeout: float,
           budget: _Budget) -> dict[str, float]:
    """Each node's box area in one layout of the whole view (points squared)."""
    budget.spend()
    layout = measure(view, options, timeout)
    area = {k: w * h for k, (_, _, w, h) in layout.nodes.items()}
    return {k: area[node_name(k)] for k in view.nodes if node_name(k) in area}


def _chunks(keys: list[str], area: dict[str, float], room: float) -> list[list[str]]:
    """``keys`` as one chunk if its nodes' area is within ``room``, else halved until
    each half is (a single node is always a chunk)."""
    if len(keys) <= 1 or sum(area.get(k, 0.0) for k in keys) <= room:
        return [keys]
    half = len(keys) // 2
    return _chunks(keys[:half], area, room) + _chunks(keys[half:], area, room)


def _fill(chunks: list[list[str]], area: dict[str, float], room: float) -> int:
    """How many of the first ``chunks`` go on a page of ``room`` (at least one)."""
    used = 0.0
    for n, chunk in enumerate(chunks):
        used += sum(area.get(k, 0.0) for k in chunk)
        if used > room or sum(len(c) for c in chunks[: n + 1]) > MAX_PAGE_NODES:
            return max(n, 1)
    return len(chunks)


def _page_options(options: RenderOptions) -> list[RenderOptions]:
    """The options a page is tried with: the narrow wrapping of a fitted picture, and
    for ``auto`` both bottom-up and left to right (deep arguments are tall bottom-up,
    wide ones left to right; each page keeps the one that prints larger)."""
    # The title at 20 pt must not set the page's width: wrapped at 40 characters it is
    # about 400 pt wide, within the narrowest page at the smallest readable scale.
    out = replace(options, wrap_width=min(options.wrap_width, 26), title_width=40)
    if options.direction is Direction.AUTO:
        return [out, replace(out, direction=Direction.LEFT_RIGHT)]
    return [out]


@dataclass
class _Pager:
    """Cuts one view into pages; counts the layouts it measures."""

    view: View
    options: list[RenderOptions]
    page: PageSize
    timeout: float
    page_of: dict[str, int]
    """The page of each node placed so far."""
    budget: _Budget

    def lay_out(self, keys: list[str], legend: bool) -> tuple[float, Fitted]:
        """The best of the page's layouts of ``keys``: its smallest printed text, and it."""
        draft = _part(self.view, keys, self.page_of, legend, "Page 99 of 99")
        best: tuple[float, Fitted] | None = None
        for options in self.options:
            self.budget.spend()
            chosen = replace(options, legend=legend)
            layout = measure(draft.view, chosen, self.timeout, draft.dot)
            size = printed(layout, self.page)
            if best is None or size > best[0]:
                best = (size, Fitted(chosen, layout))
            if size >= READABLE_PT:
                # Readable: the other direction is not tried (it halves the layouts), and
                # the one that won is tried first next time.
                self.options.remove(options)
                self.options.insert(0, options)
                break
        assert best is not None
        return best


def _count(chunks: list[list[str]], nodes: int) -> int:
    """How many of the first ``chunks`` hold about ``nodes`` nodes (at least one)."""
    total = 0
    for n, chunk in enumerate(chunks, start=1):
        total += len(chunk)
        if total >= nodes:
            return n
    return len(chunks)


def paginate(view: View, options: RenderOptions, page: PageSize,
             timeout: float = 60.0, first: int = 1) -> list[Part]:
    """The pages of ``view`` on ``page``, each readable (its smallest text at least
    :data:`~argmap.render.paper.READABLE_PT` printed) unless one node alone is not;
    numbered from ``first`` (2 after an overview page), in captions and stubs.

    The nodes' areas, from one layout of the whole map, give a first guess of how
    much the first page takes (layered drawings cover about :data:`DENSITY` of their
    box with nodes), and each page's number of nodes the guess for the next; each page
    is then laid out, and given more while its text stays readable, or less until it is.
    """
    budget = _Budget()
    tries = _page_options(options)
    area = _areas(view, replace(tries[0], legend=False), timeout, budget)
    scale = READABLE_PT / SMALLEST_FONT
    room = ((page.width - 2 * page.margin) * (page.height - 2 * page.margin)
            / scale**2 * DENSITY)
    chunks = [c for part in argument_parts(view) for c in _chunks(part, area, room)]
    pager = _Pager(view, tries, page, timeout, {}, budget)
    pages: list[tuple[list[str], Fitted]] = []
    while chunks:
        legend = options.legend and not pages
        take = _fill(chunks, area, room) if not pages else _count(chunks, len(pages[-1][0]))
        keys = [k for c in chunks[:take] for k in c]
        size, fitted = pager.lay_out(keys, legend)
        if size >= READABLE_PT:
            # Readable: add chunks (half as many again each time) while it stays so.
            while take < len(chunks):
                more = min(len(chunks), take + max(1, take // 2))
                wider = [k for c in chunks[:more] for k in c]
                if len(wider) > MAX_PAGE_NODES:
                    break
                bigger = pager.lay_out(wider, legend)
                if bigger[0] < READABLE_PT:
                    if more == take + 1 and len(chunks[take]) > 1:
                        # The next chunk alone is too much: offer half of it.
                        half = len(chunks[take]) // 2
                        chunks[take:more] = [chunks[take][:half], chunks[take][half:]]
                        continue
                    break
                take, keys, (size, fitted) = more, wider, bigger
        else:
            while size < READABLE_PT:
                if take == 1 and len(keys) == 1:
                    break
                if take == 1:
                    # One chunk too big after all: halve it in place.
                    half = len(keys) // 2
                    chunks[:1] = [keys[:half], keys[half:]]
                else:
                    take = max(1, take * 2 // 3)
                keys = [k for c in chunks[:take] for k in c]
                size, fitted = pager.lay_out(keys, legend)
        note = f"page {len(pages) + first}: {len(keys)} nodes, smallest text {size:.1f} pt"
        pages.append((keys, replace(fitted, note=note)))
        pager.page_of.update(dict.fromkeys(keys, len(pages) + first - 1))
        del chunks[:take]
    page_of = {k: n for n, (keys, _) in enumerate(pages, start=first) for k in keys}
    total = len(pages) + first - 1
    return [replace(_part(view, keys, page_of, fitted.options.legend,
                          f"Page {n} of {total}"), fitted=fitted)
            for n, (keys, fitted) in enumerate(pages, start=first)]
