"""Tests of argmap.semantics: labellings, the bipolar reading of maps, DF-QuAD, what-if."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import UsageError
from argmap.graph import ArgumentGraph, build
from argmap.loading.loader import loads
from argmap.semantics import (
    Framework,
    Label,
    Semantics,
    compare,
    credulous,
    dfquad,
    evaluate,
    explain,
    from_attacks,
    from_graph,
    grounded,
    preferred,
    sceptical,
    stable,
)

from .helpers import FLAGSHIP

IN, OUT, UNDEC = Label.IN, Label.OUT, Label.UNDEC


def labels(fw: Framework) -> dict[str, Label]:
    """The grounded label of every argument, by name."""
    lab = grounded(fw)
    return {name: lab[i] for i, name in enumerate(fw.names)}


def extensions(labellings: list, fw: Framework) -> set[frozenset[str]]:
    """The in-sets of labellings, as sets of names."""
    return {frozenset(fw.names[a] for a in lab.extension()) for lab in labellings}


# --- textbook frameworks -------------------------------------------------------------


def test_reinstatement_chain() -> None:
    """a <- b <- c: c is unattacked (in), so b is out and a is reinstated (in)."""
    fw = from_attacks("abc", [("b", "a"), ("c", "b")])
    assert labels(fw) == {"a": IN, "b": OUT, "c": IN}
    assert extensions(preferred(fw), fw) == {frozenset("ac")}
    assert extensions(stable(fw), fw) == {frozenset("ac")}


def test_odd_cycle() -> None:
    """A 3-cycle: all undecided; the only preferred extension is empty; no stable one."""
    fw = from_attacks("abc", [("a", "b"), ("b", "c"), ("c", "a")])
    assert labels(fw) == {"a": UNDEC, "b": UNDEC, "c": UNDEC}
    assert extensions(preferred(fw), fw) == {frozenset()}
    assert stable(fw) == []


def test_even_cycle() -> None:
    """A 2-cycle: undecided under grounded; two preferred (and stable) extensions {a}, {b}."""
    fw = from_attacks("ab", [("a", "b"), ("b", "a")])
    assert labels(fw) == {"a": UNDEC, "b": UNDEC}
    assert extensions(preferred(fw), fw) == {frozenset("a"), frozenset("b")}
    assert extensions(stable(fw), fw) == {frozenset("a"), frozenset("b")}


def test_self_attack() -> None:
    """A self-attacking argument is undecided, and so is what it alone attacks."""
    fw = from_attacks("ab", [("a", "a"), ("a", "b")])
    assert labels(fw) == {"a": UNDEC, "b": UNDEC}
    assert extensions(preferred(fw), fw) == {frozenset()}
    assert stable(fw) == []


def test_floating_acceptance() -> None:
    """a <-> b, both attack c, c attacks d (floating acceptance, Baroni, Caminada & Giacomin 2011).

    Grounded leaves all four undecided; each preferred extension ({a, d} and {b, d})
    has c out and d in: d is sceptically accepted under preferred, not under grounded.
    """
    fw = from_attacks("abcd", [("a", "b"), ("b", "a"), ("a", "c"), ("b", "c"), ("c", "d")])
    assert labels(fw) == {"a": UNDEC, "b": UNDEC, "c": UNDEC, "d": UNDEC}
    prefs = preferred(fw)
    assert extensions(prefs, fw) == {frozenset("ad"), frozenset("bd")}
    assert [lab[fw.index["c"]] for lab in prefs] == [OUT, OUT]
    assert sceptical(fw, fw.index["d"], Semantics.PREFERRED)
    assert not sceptical(fw, fw.index["d"], Semantics.GROUNDED)
    assert credulous(fw, fw.index["a"], Semantics.STABLE)
    assert not credulous(fw, fw.index["c"], Semantics.PREFERRED)


def test_evaluate_keeps_limit_labellings_and_exact_status() -> None:
    """Past ``limit`` labellings, evaluate stops listing them but each node's status stays
    exact: in 12 mutual attacks (2^6 stable labellings) every node is in|out with 3 kept."""
    lines = ["argmap: 1", "title: pairs", "nodes:"]
    for i in range(12):
        lines += [f"  - id: n{i}", "    kind: claim", f"    text: n{i}",
                  f"    attacks: [n{i ^ 1}]"]
    graph = build(loads("\n".join(lines) + "\n", "m.yaml"))
    few = evaluate(graph, Semantics.STABLE, limit=3)
    every = evaluate(graph, Semantics.STABLE, limit=None)
    assert (3, False, 64, True) == (len(few.labellings), few.exhaustive,
                                    len(every.labellings), every.exhaustive)
    assert few.status == every.status == {f"m:n{i}": frozenset({IN, OUT}) for i in range(12)}


# --- independent oracles and properties ------------------------------------------------


def _attackers_of(fw: Framework) -> dict[int, set[int]]:
    return {a: set(fw.attackers[a]) for a in range(len(fw))}


def _admissible(s: frozenset[int], att: dict[int, set[int]]) -> bool:
    if any(b in s for a in s for b in att[a]):
        return False
    return all(any(c in s for c in att[b]) for a in s for b in att[a])


def _brute_preferred(fw: Framework) -> set[frozenset[int]]:
    att = _attackers_of(fw)
    adm = [frozenset(c) for r in range(len(fw) + 1) for c in combinations(range(len(fw)), r)
           if _admissible(frozenset(c), att)]
    return {s for s in adm if not any(s < t for t in adm)}


def _brute_stable(fw: Framework) -> set[frozenset[int]]:
    att = _attackers_of(fw)
    out = set()
    for r in range(len(fw) + 1):
        for c in combinations(range(len(fw)), r):
            s = set(c)
            if all(not att[a] & s for a in s) and all(att[b] & s for b in range(len(fw))
                                                      if b not in s):
                out.add(frozenset(s))
    return out


@st.composite
def frameworks(draw: st.DrawFn, max_size: int = 7) -> Framework:
    """Random small frameworks, self-attacks included."""
    n = draw(st.integers(1, max_size))
    names = [f"a{i}" for i in range(n)]
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                          max_size=n * 3))
    return from_attacks(names, [(names[a], names[b]) for a, b in pairs])


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_grounded_is_conflict_free_admissible_and_in_every_preferred(fw: Framework) -> None:
    """The grounded extension is conflict-free, admissible and inside every preferred one."""
    ext = frozenset(grounded(fw).extension())
    assert _admissible(ext, _attackers_of(fw))
    for lab in preferred(fw):
        assert ext <= frozenset(lab.extension())


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_preferred_and_stable_equal_brute_force(fw: Framework) -> None:
    """The search finds exactly the maximal admissible sets and the stable sets."""
    assert {frozenset(lab.extension()) for lab in preferred(fw)} == _brute_preferred(fw)
    assert {frozenset(lab.extension()) for lab in stable(fw)} == _brute_stable(fw)


@settings(max_examples=300, deadline=None)
@given(frameworks())
def test_every_stable_extension_is_preferred(fw: Framework) -> None:
    """Stable extensions are preferred extensions."""
    prefs = {frozenset(lab.extension()) for lab in preferred(fw)}
    assert {frozenset(lab.extension()) for lab in stable(fw)} <= prefs


@settings(max_examples=300, deadline=None)
@given(frameworks(), st.data())
def test_removing_attackers_never_makes_an_argument_out(fw: Framework,
                                                        data: st.DataObject) -> None:
    """Removing attacks on an argument never makes it out (grounded labelling is
    directional: nothing decided before it depends on its attackers), keeps it in if it
    was in, and removing all of them makes it in. (The grounded extension as a whole may
    shrink: a -> b -> c without a -> b leaves c out.)"""
    a = data.draw(st.integers(0, len(fw) - 1))
    before = grounded(fw)
    drop = data.draw(st.sets(st.sampled_from(fw.attackers[a]))) if fw.attackers[a] else set()
    pairs = [(fw.names[x], fw.names[y]) for x in range(len(fw)) for y in fw.targets[x]
             if not (y == a and x in drop)]
    after = grounded(from_attacks(fw.names, pairs))
    assert before[a] == OUT or after[a] != OUT
    assert before[a] != IN or after[a] == IN
    unattacked = [(x, y) for x, y in pairs if y != fw.names[a]]
    assert grounded(from_attacks(fw.names, unattacked))[a] == IN


# --- maps: supports, undercuts, what-if --------------------------------------------------


def graph_of(nodes: str) -> ArgumentGraph:
    """The graph of a map whose `nodes:` list is ``nodes`` (YAML, indented by 2)."""
    return build(loads("argmap: 1\ntitle: T\nnodes:\n" + nodes, "t.yaml"))


def status(g: ArgumentGraph, **kw: object) -> dict[str, str]:
    """Node id -> grounded label text."""
    ev = evaluate(g, **kw)  # type: ignore[arg-type]
    return {k.split(":", 1)[1]: "|".join(sorted(x.value for x in s))
            for k, s in ev.status.items()}


TWO_REASONS = """\
  - {id: e1, kind: evidence, text: E1, supports: [c]}
  - {id: e2, kind: evidence, text: E2, supports: [c]}
  - {id: o1, kind: objection, text: O1, attacks: [e1]}
  - {id: c, kind: claim, text: C}
"""


def test_support_is_disjunctive_necessity() -> None:
    """A claim with two supporters stands while one does; it falls when both fall."""
    g = graph_of(TWO_REASONS)
    assert status(g) == {"e1": "out", "e2": "in", "o1": "in", "c": "in"}
    g2 = graph_of(TWO_REASONS + "  - {id: o2, kind: objection, text: O2, attacks: [e2]}\n")
    assert status(g2) == {"e1": "out", "e2": "out", "o1": "in", "c": "out", "o2": "in"}


def test_attack_on_conclusion_does_not_reach_premises() -> None:
    """Attacking a claim defeats the claim, not the evidence for it (no modus tollens)."""
    g = graph_of("""\
  - {id: e, kind: evidence, text: E, supports: [c]}
  - {id: c, kind: claim, text: C}
  - {id: o, kind: objection, text: O, attacks: [c]}
""")
    assert status(g) == {"e": "in", "c": "out", "o": "in"}


UNDERCUT = """\
  - id: e
    kind: evidence
    text: E
    supports: [{to: c, id: e-for-c}]
  - {id: c, kind: claim, text: C}
  - {id: u, kind: objection, text: U, undercuts: [e-for-c]}
"""


def test_undercut_cancels_the_support_it_targets() -> None:
    """An undercut that is in cancels the support: c has no support left and is out."""
    assert status(graph_of(UNDERCUT)) == {"e": "in", "c": "out", "u": "in"}


def test_defeated_undercut_leaves_the_support() -> None:
    """An undercut that is out leaves the support standing."""
    g = graph_of(UNDERCUT + "  - {id: r, kind: claim, text: R, attacks: [u]}\n")
    assert status(g) == {"e": "in", "c": "in", "u": "out", "r": "in"}


def test_undercut_of_an_attack() -> None:
    """Undercutting an attack leaves its target unharmed; the attacker itself stays in."""
    g = graph_of("""\
  - id: o
    kind: objection
    text: O
    attacks: [{to: c, id: o-against-c}]
  - {id: c, kind: claim, text: C}
  - {id: u, kind: claim, text: U, undercuts: [o-against-c]}
""")
    assert status(g) == {"o": "in", "c": "in", "u": "in"}


def test_without_keeps_the_need_for_support() -> None:
    """Taking away a claim's only supporter leaves it without support: out, not free."""
    g = graph_of(TWO_REASONS)
    key = "t:e2"
    assert status(g, without=[key]) == {"e1": "out", "o1": "in", "c": "out"}


def test_assume_in_and_out() -> None:
    """--assume X=out defeats X; X=in makes it immune to attacks and lack of support."""
    g = graph_of(TWO_REASONS)
    assert status(g, assume={"t:e2": False})["c"] == "out"
    assert status(g, assume={"t:e1": True}) == {"e1": "in", "e2": "in", "o1": "in", "c": "in"}
    with pytest.raises(UsageError, match="removed"):
        from_graph(g, without=["t:e1"], assume={"t:e1": True})


def test_compare_lists_changes() -> None:
    """compare() reports status changes and removed nodes, in map order."""
    g = graph_of(TWO_REASONS)
    changes = compare(evaluate(g), evaluate(g, without=["t:e2"]))
    assert [(c.key, c.before, c.after) for c in changes] == [
        ("t:e2", "in", "removed"), ("t:c", "in", "out")]


def test_flagship_grounded() -> None:
    """On the flagship map exactly the four objections the map answers are out; the
    concession stays in (the article undercuts the bearing of its attack instead)."""
    g = build(loads(FLAGSHIP.read_text(encoding="utf-8"), str(FLAGSHIP)))
    ev = evaluate(g)
    outs = sorted(k.split(":", 1)[1] for k, s in ev.status.items() if s == {OUT})
    assert outs == ["accepting-taliban-is-ideological-surrender",
                    "coercion-can-secure-compliance", "more-international-declarations",
                    "security-apparatus-touts-diplomatic-successes"]
    assert ev.status["pakistan-afghanistan:signaling-achievements-conceded"] == {IN}
    assert evaluate(g, Semantics.PREFERRED).status == ev.status


# --- DF-QuAD -------------------------------------------------------------------------------


def test_dfquad_hand_computed() -> None:
    """Base 0.5: one full attacker -> 0.25; one supporter -> 0.75; confidence is the base;
    relation strength scales the contribution; an undercut scales the relation."""
    g = graph_of("""\
  - {id: a, kind: objection, text: A, attacks: [x, {to: y, strength: 0.5}]}
  - {id: x, kind: claim, text: X}
  - {id: y, kind: claim, text: Y}
  - {id: s, kind: evidence, text: S, confidence: 0.8, supports: [z]}
  - {id: z, kind: claim, text: Z, confidence: 0.2}
""")
    v = dfquad(g).values
    assert v == {"t:a": 0.5, "t:x": 0.25, "t:y": 0.375, "t:s": 0.8,
                 "t:z": pytest.approx(0.2 + 0.8 * 0.8)}
    u = dfquad(graph_of(UNDERCUT)).values
    assert u["t:c"] == pytest.approx(0.5 + 0.5 * (0.5 * (1 - 0.5)))


def test_dfquad_cycle_fixed_point() -> None:
    """A 2-cycle of attacks settles at 1/3 each (s = 0.5 - 0.5 s), by iteration."""
    g = graph_of("""\
  - {id: a, kind: claim, text: A, attacks: [b]}
  - {id: b, kind: claim, text: B, attacks: [a]}
""")
    result = dfquad(g)
    assert result.converged
    assert result.iterations > 1
    assert result.values == {"t:a": pytest.approx(1 / 3), "t:b": pytest.approx(1 / 3)}
    assert dfquad(graph_of(TWO_REASONS)).iterations == 0


def test_dfquad_oscillation_is_reported_as_such() -> None:
    """An odd cycle of certain attacks swings between 0 and 1 for ever: it is reported as
    unsettled with the two values, not as one of them."""
    g = graph_of("""\
  - {id: a, kind: claim, text: A, confidence: 1, attacks: [b]}
  - {id: b, kind: claim, text: B, confidence: 1, attacks: [c]}
  - {id: c, kind: claim, text: C, confidence: 1, attacks: [a]}
  - {id: d, kind: claim, text: D}
""")
    result = dfquad(g)
    assert (False, {"t:a": (0.0, 1.0), "t:b": (0.0, 1.0), "t:c": (0.0, 1.0)}) == \
        (result.converged, result.unsettled)
    assert {} == dfquad(graph_of(TWO_REASONS)).unsettled


@st.composite
def bipolar_maps(draw: st.DrawFn) -> ArgumentGraph:
    """Random small maps with supports, attacks, confidences and strengths (cycles too)."""
    n = draw(st.integers(1, 6))
    lines = []
    for i in range(n):
        rels = []
        for kind in ("supports", "attacks"):
            targets = draw(st.lists(st.integers(0, n - 1), max_size=2, unique=True))
            if targets:
                items = ", ".join(f"{{to: n{t}, strength: {draw(st.integers(0, 10)) / 10}}}"
                                  for t in targets)
                rels.append(f"{kind}: [{items}]")
        conf = draw(st.one_of(st.none(), st.integers(0, 10)))
        extra = f", confidence: {conf / 10}" if conf is not None else ""
        lines.append(f"  - {{id: n{i}, kind: claim, text: N{extra}"
                     + "".join(f", {r}" for r in rels) + "}\n")
    return graph_of("".join(lines))


@settings(max_examples=200, deadline=None)
@given(bipolar_maps())
def test_dfquad_strengths_in_unit_interval(g: ArgumentGraph) -> None:
    """Every DF-QuAD strength lies in [0, 1], cycles or not."""
    assert all(0.0 <= v <= 1.0 for v in dfquad(g).values.values())


def test_explain_undercut_and_reinstatement() -> None:
    """Explanations put undercuts and lost support in words and cite earlier labels."""
    g = graph_of(UNDERCUT)
    assert explain(g, "t:c").lines() == [
        "c is OUT because it has support, but none of its supporters is IN.",
        "  The support by e is undercut by u, which is IN.",
        "    u is IN: nothing attacks it.",
    ]
    chain = graph_of("""\
  - {id: a, kind: claim, text: A}
  - {id: b, kind: claim, text: B, attacks: [a]}
  - {id: c, kind: claim, text: C, attacks: [b]}
""")
    assert explain(chain, "t:a").lines() == [
        "a is IN: every attack on it fails.",
        "  b is OUT because it is attacked by c, which is IN.",
        "    c is IN: nothing attacks it.",
    ]
    cycle = graph_of("""\
  - {id: a, kind: claim, text: A, attacks: [b]}
  - {id: b, kind: claim, text: B, attacks: [a]}
""")
    assert explain(cycle, "t:a", depth=3).lines() == [
        "a is UNDEC: no attacker of it is IN, but b is undecided, so it is neither defeated "
        "nor defended.",
        "  b is UNDEC: no attacker of it is IN, but a is undecided, so it is neither defeated "
        "nor defended.",
        "    a is UNDEC (see above).",
    ]


def test_explain_names_nodes_by_their_titles_too() -> None:
    """A node with a title is named by its id and its title; one without by its id."""
    g = graph_of("""\
  - {id: a, kind: claim, text: A, title: Talks first}
  - {id: b, kind: claim, text: B, attacks: [a]}
  - {id: c, kind: claim, text: C, title: Coercion fails, attacks: [b]}
""")
    assert explain(g, "t:a").lines() == [
        "a (Talks first) is IN: every attack on it fails.",
        "  b is OUT because it is attacked by c (Coercion fails), which is IN.",
        "    c (Coercion fails) is IN: nothing attacks it.",
    ]


def test_explain_self_attack_and_node_keys() -> None:
    """A node that attacks itself is said to; each sentence about a node carries its key
    and label (for the JSON)."""
    g = graph_of("""\
  - {id: a, kind: claim, text: A, attacks: [a, b]}
  - {id: b, kind: claim, text: B}
  - {id: c, kind: claim, text: C, attacks: [d]}
  - {id: d, kind: claim, text: D, attacks: [d]}
""")
    reason = explain(g, "t:b")
    assert reason.lines() == [
        "b is UNDEC: no attacker of it is IN, but a is undecided, so it is neither defeated "
        "nor defended.",
        "  a is UNDEC: it attacks itself, so it cannot be IN (it would be attacked by an IN "
        "node) and no attacker of it is IN."]
    assert [("t:b", "undec"), ("t:a", "undec")] == [
        (reason.node, reason.label), (reason.because[0].node, reason.because[0].label)]
    assert explain(g, "t:d").lines()[0] == ("d is OUT because it is attacked by c, which is "
                                            "IN (it also attacks itself).")


def test_unknown_keys_are_usage_errors() -> None:
    """What-if and explain name nodes by key; unknown or removed ones are usage errors."""
    g = graph_of(TWO_REASONS)
    with pytest.raises(UsageError, match="no node 'nope'"):
        evaluate(g, without=["nope"])
    with pytest.raises(UsageError, match="node 't:e1' is taken away"):
        explain(g, "t:e1", without=["t:e1"])


def test_documented_undercut_example() -> None:
    """The undercut example of docs/semantics.md has the labels the text gives it."""
    import re
    from pathlib import Path

    doc = Path("docs/semantics.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", doc, re.DOTALL)
                 if "title: Undercut support" in b)
    ev = evaluate(build(loads(block, "example.yaml")))
    assert {k: "|".join(x.value for x in s) for k, s in ev.status.items()} == {
        "example:talks-collapsed": "in", "example:format-must-change": "out",
        "example:collapse-was-about-personalities": "in"}


@st.composite
def interval_maps(draw: st.DrawFn) -> tuple[ArgumentGraph, ArgumentGraph]:
    """A random small map whose confidences and strengths are intervals (cycles and
    undercuts too), and the same map with a number drawn inside every interval."""
    n = draw(st.integers(1, 6))

    def interval() -> tuple[str, str]:
        """An interval as written, and a number inside it as written."""
        low, high = sorted(draw(st.integers(0, 10)) / 10 for _ in range(2))
        point = low + draw(st.floats(0, 1)) * (high - low)
        point = min(max(point, low), high)  # rounding may step outside by a hair
        return f"[{low}, {high}]", repr(point)

    nodes: list[tuple[str, str]] = []
    relation_ids: list[str] = []
    for i in range(n):
        ranged, pointed = [], []
        for kind in ("supports", "attacks"):
            targets = draw(st.lists(st.integers(0, n - 1), max_size=2, unique=True))
            if targets:
                items = [(f"r{i}{kind[0]}{t}", t, interval()) for t in targets]
                relation_ids += [rid for rid, _, _ in items]
                ranged.append(f"{kind}: [" + ", ".join(
                    f"{{to: n{t}, id: {rid}, strength: {w[0]}}}" for rid, t, w in items) + "]")
                pointed.append(f"{kind}: [" + ", ".join(
                    f"{{to: n{t}, id: {rid}, strength: {w[1]}}}" for rid, t, w in items) + "]")
        nodes.append((", ".join(ranged), ", ".join(pointed)))
    undercuts = draw(st.lists(st.tuples(st.integers(0, n - 1),
                                        st.sampled_from(relation_ids or ["-"])), max_size=2))
    ranged_text, pointed_text = [], []
    for i, (ranged, pointed) in enumerate(nodes):
        conf = draw(st.one_of(st.none(), st.just(interval())))
        cut = sorted({r for u, r in undercuts if u == i and r != "-"})
        extra = f", undercuts: [{', '.join(cut)}]" if cut else ""
        head = f"  - {{id: n{i}, kind: claim, text: N"
        ranged_text.append(head + (f", confidence: {conf[0]}" if conf else "")
                           + (f", {ranged}" if ranged else "") + extra + "}\n")
        pointed_text.append(head + (f", confidence: {conf[1]}" if conf else "")
                            + (f", {pointed}" if pointed else "") + extra + "}\n")
    return graph_of("".join(ranged_text)), graph_of("".join(pointed_text))


@settings(max_examples=300, deadline=None)
@given(interval_maps())
def test_dfquad_ranges_hold_every_point_inside_the_intervals(
        pair: tuple[ArgumentGraph, ArgumentGraph]) -> None:
    """DF-QuAD is monotone, so numbers drawn anywhere inside the intervals give every
    node a strength inside the range computed for it (wherever the point computation
    settles: an oscillating cycle has no strength to hold)."""
    ranged, pointed = pair
    computed = dfquad(ranged)
    result = dfquad(pointed)
    for key, value in result.values.items():
        if key in result.unsettled:
            continue
        # A map without any interval has no ranges: its one strength is the range.
        low, high = computed.ranges.get(key, (computed.values[key], computed.values[key]))
        assert low - 1e-6 <= value <= high + 1e-6, (key, low, value, high)


def test_dfquad_range_by_hand() -> None:
    """Lowest: base low, supporter and its weight low, attacker weight high; highest the
    other way round; the strength itself is at the intervals' midpoints."""
    g = graph_of("""\
  - {id: a, kind: evidence, text: A, confidence: [0.5, 0.8],
     supports: [{to: c, strength: [0.6, 0.9]}]}
  - {id: b, kind: objection, text: B, confidence: 0.3, attacks: [{to: c, strength: [0.2, 0.4]}]}
  - {id: c, kind: claim, text: C}
""")
    result = dfquad(g)
    low, high = result.ranges["t:c"]
    assert (0.59, 0.83) == (round(low, 9), round(high, 9))
    assert (0.3, 0.3) == result.ranges["t:b"]
    # Midpoints: a 0.65 * 0.75 supports, 0.3 * 0.3 attacks: 0.5 + 0.5 * (0.4875 - 0.09).
    assert round(0.5 + 0.5 * (0.4875 - 0.09), 9) == round(result.values["t:c"], 9)


def test_dfquad_without_intervals_has_no_ranges() -> None:
    """A map of plain numbers gets no ranges, and its strengths are as before."""
    g = graph_of("  - {id: a, kind: claim, text: A, confidence: 0.7, attacks: [b]}\n"
                 "  - {id: b, kind: claim, text: B}\n")
    result = dfquad(g)
    assert {} == result.ranges
    assert 0.5 - 0.5 * 0.7 == result.values["t:b"]


def test_dfquad_range_of_an_oscillating_cycle_is_everything() -> None:
    """Bounds of a cycle that never settle give [0, 1]: true whatever the cycle does."""
    g = graph_of("""\
  - {id: a, kind: claim, text: A, confidence: [1, 1], attacks: [b]}
  - {id: b, kind: claim, text: B, confidence: 1, attacks: [c]}
  - {id: c, kind: claim, text: C, confidence: 1, attacks: [a]}
""")
    assert (0.0, 1.0) == dfquad(g).ranges["t:a"]
