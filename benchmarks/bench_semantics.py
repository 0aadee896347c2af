"""Benchmark reasoning over maps: grounded labelling, queries, evaluation.

    python benchmarks/bench_semantics.py [--repeat N]

Prints a table of in-process timings (best and median of N runs; only the
operation itself is timed, not generating or loading its input):

* grounded labelling of generated frameworks of 100,000 arguments and 300,000
  attacks: uniformly random (about half end undecided) and acyclic (every
  argument is decided, so every attack is walked);
* rests-on, impact and stats on a generated map of 100,000 nodes (after loading
  and building its graph, which are timed separately; each run also builds the
  graph's adjacency lists, made on first use), and on their worst case:
  a braid of 100,000 nodes, each supporting the two before it, resting on one
  piece of evidence, where every query walks the whole map;
* evaluate (framework + grounded labelling) and DF-QuAD strengths on that map.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

ARGS, ATTACKS, NODES, RELATIONS = 100_000, 300_000, 100_000, 150_000


def _framework(acyclic: bool, seed: int = 7) -> Any:
    from argmap.semantics import from_attacks

    rng = random.Random(seed)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < ATTACKS:
        a, b = rng.randrange(ARGS), rng.randrange(ARGS)
        if acyclic:
            a, b = max(a, b), min(a, b)  # attacks only point down: no cycles
            if a == b:
                continue
        pairs.add((a, b))
    names = [f"a{i}" for i in range(ARGS)]
    return from_attacks(names, [(names[a], names[b]) for a, b in sorted(pairs)])


def _braid(nodes: int) -> str:
    """A map in which node i supports nodes i-1 and i-2, and the last is the only
    evidence: n0 rests on everything, and without the evidence everything falls."""
    lines = ["argmap: 1", "title: Braid", "nodes:"]
    for i in range(nodes):
        kind = "evidence" if i == nodes - 1 else "claim"
        targets = ", ".join(f"n{t}" for t in (i - 1, i - 2) if t >= 0)
        lines.append(f"  - {{id: n{i}, kind: {kind}, text: Step {i}., supports: [{targets}]}}"
                     if targets else f"  - {{id: n{i}, kind: {kind}, text: Step {i}.}}")
    return "\n".join(lines) + "\n"


def _fresh(graph: Any) -> None:
    """Forget the graph's adjacency lists, built on first use, so each run pays for them."""
    for name in ("in_edges", "out_edges"):
        vars(graph).pop(name, None)


def _time(func: Callable[[], Any], repeat: int, graph: Any = None) -> tuple[float, float, Any]:
    runs, result = [], None
    for _ in range(repeat):
        if graph is not None:
            _fresh(graph)
        start = time.perf_counter()
        result = func()
        runs.append(time.perf_counter() - start)
    return min(runs), statistics.median(runs), result


def main() -> None:
    """Run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat

    from argmap.graph import build
    from argmap.loading.loader import loads
    from argmap.queries import impact, rests_on, stats
    from argmap.semantics import dfquad, evaluate, grounded

    # Like the CLI: no cyclic garbage collection while millions of objects are live.
    gc.disable()
    rows: list[tuple[str, str, float, float, str]] = []
    for shape, acyclic in (("random", False), ("acyclic", True)):
        fw = _framework(acyclic)
        best, median, lab = _time(lambda fw=fw: grounded(fw), repeat)
        decided = sum(1 for c in lab.codes if c)
        rows.append((f"grounded labelling, {shape}", f"{ARGS:,} args, {fw.attack_count:,} "
                     f"attacks; {decided:,} decided", best, median, "< 1 s"))
    text = generate(NODES, RELATIONS)
    best, median, loaded = _time(lambda: loads(text, "generated.yaml"), 1)
    rows.append(("load (parse + validate)", f"{NODES:,} nodes", best, median, ""))
    best, median, g = _time(lambda: build(loaded), repeat)
    rows.append(("build graph", f"{len(g.edges):,} relations", best, median, ""))
    # The nodes with the most to show: a deep support tree, a wide impact.
    tree_root = max((f"generated:n{i}" for i in range(0, 2000, 50)),
                    key=lambda k: len(rests_on(g, k).steps))
    best, median, tree = _time(lambda: rests_on(g, tree_root), repeat, g)
    rows.append(("query rests-on", f"{len(tree.steps):,} steps", best, median, "< 0.5 s"))
    impact_root = f"generated:n{NODES - 1}"
    best, median, result = _time(lambda: impact(g, impact_root), repeat, g)
    rows.append(("query impact", f"{len(result.falls):,} fall, {len(result.stands):,} stand",
                 best, median, "< 0.5 s"))
    best, median, s = _time(lambda: stats(g), repeat, g)
    rows.append(("query stats", f"depth {s.depth}", best, median, "< 0.5 s"))
    braid = build(loads(_braid(NODES), "braid.yaml"))
    best, median, tree = _time(lambda: rests_on(braid, "braid:n0"), repeat, braid)
    rows.append(("query rests-on, braid", f"{len(tree.steps):,} steps", best, median,
                 "< 0.5 s"))
    best, median, result = _time(lambda: impact(braid, f"braid:n{NODES - 1}"), repeat,
                                 braid)
    rows.append(("query impact, braid", f"{len(result.falls):,} fall", best, median, "< 0.5 s"))
    best, median, s = _time(lambda: stats(braid), repeat, braid)
    rows.append(("query stats, braid", f"depth {s.depth:,}", best, median, "< 0.5 s"))
    best, median, ev = _time(lambda: evaluate(g), repeat, g)
    rows.append(("evaluate (grounded)", f"{len(ev.framework):,} arguments", best, median, ""))
    best, median, _ = _time(lambda: dfquad(g), repeat, g)
    rows.append(("DF-QuAD strengths", f"{NODES:,} nodes", best, median, ""))

    print(f"best and median of {repeat} runs (load: 1 run); Python {sys.version.split()[0]}")
    print(f"| {'operation':<28} | {'size':<48} | {'best s':>7} | {'median s':>8} | target |")
    print(f"|{'-' * 30}|{'-' * 50}|{'-' * 9}|{'-' * 10}|--------|")
    for what, size, best, median, target in rows:
        print(f"| {what:<28} | {size:<48} | {best:7.3f} | {median:8.3f} | {target:<6} |")


if __name__ == "__main__":
    main()
