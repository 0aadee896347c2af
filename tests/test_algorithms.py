"""Tests of argmap.algorithms: the graph algorithms shared by checks, queries, semantics, render."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.algorithms import longest_chain, longest_path_ranks, strongly_connected

#: Adjacency lists of graphs of up to 12 vertices (self-loops and parallel edges included).
GRAPHS = st.integers(0, 12).flatmap(
    lambda n: st.lists(st.lists(st.integers(0, n - 1), max_size=4), min_size=n, max_size=n)
    if n else st.just([]))


def _nx(succ: list[list[int]]) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(range(len(succ)))
    g.add_edges_from((v, w) for v, ws in enumerate(succ) for w in ws)
    return g


@settings(max_examples=300)
@given(GRAPHS)
def test_components_agree_with_networkx(succ: list[list[int]]) -> None:
    """The components are networkx's, for a list and for the same graph as a dict of keys."""
    expected = sorted(sorted(c) for c in nx.strongly_connected_components(_nx(succ)))
    assert expected == sorted(sorted(c) for c in strongly_connected(succ))
    keyed = {f"n{v}": [f"n{w}" for w in ws] for v, ws in enumerate(succ) if ws}
    roots = [f"n{v}" for v in range(len(succ))]
    assert expected == sorted(sorted(int(k[1:]) for k in c)
                              for c in strongly_connected(keyed, roots))


@settings(max_examples=300)
@given(GRAPHS)
def test_components_come_after_what_they_reach(succ: list[list[int]]) -> None:
    """Reverse topological order: an edge never leads to a component listed later."""
    position = {v: i for i, c in enumerate(strongly_connected(succ)) for v in c}
    for v, ws in enumerate(succ):
        for w in ws:
            assert position[w] <= position[v]


def test_dict_vertices_default_to_its_keys() -> None:
    """Without roots, a dict's keys are the vertices; a target missing from it is a leaf."""
    assert [["b"], ["a"]] == strongly_connected({"a": ["b"]})
    assert [["c", "b", "a"]] == [sorted(c, reverse=True) for c in
                                 strongly_connected({"a": ["b"], "b": ["c"], "c": ["a"]})]


def test_deep_chains_do_not_recurse() -> None:
    """A chain of 100,000 vertices is far deeper than the recursion limit."""
    n = 100_000
    succ = [[i + 1] for i in range(n - 1)] + [[]]
    assert n == len(strongly_connected(succ))
    pred = [[]] + [[i] for i in range(n - 1)]
    chain, depth = longest_chain(succ, pred)
    assert (n - 1, 0, n - 1) == (depth, chain[0], chain[-1])
    assert n - 1 == longest_path_ranks(succ)[-1]


@settings(max_examples=300)
@given(GRAPHS)
def test_ranks_respect_every_edge_off_cycles(succ: list[list[int]]) -> None:
    """On an acyclic graph every edge goes at least one rank down; ranks start at 0."""
    g = _nx(succ)
    g.remove_edges_from(list(nx.selfloop_edges(g)))
    acyclic = nx.is_directed_acyclic_graph(g)
    rank = longest_path_ranks([[w for w in ws if w != v] for v, ws in enumerate(succ)])
    if acyclic:
        for v, w in g.edges:
            assert rank[w] >= rank[v] + 1
        if succ:
            assert nx.dag_longest_path_length(g) == max(rank)


@settings(max_examples=300)
@given(GRAPHS)
def test_longest_chain_is_a_real_path_of_the_longest_length(succ: list[list[int]]) -> None:
    """On an acyclic graph the chain follows edges and is as long as the longest path."""
    clean = [sorted({w for w in ws if w != v}) for v, ws in enumerate(succ)]
    g = _nx(clean)
    if not nx.is_directed_acyclic_graph(g):
        return
    pred: list[list[int]] = [[] for _ in clean]
    for v, ws in enumerate(clean):
        for w in ws:
            pred[w].append(v)
    chain, depth = longest_chain(clean, pred)
    assert nx.dag_longest_path_length(g) == depth
    assert all(g.has_edge(a, b) for a, b in itertools.pairwise(chain))
