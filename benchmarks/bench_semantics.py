"""Benchmark reasoning over maps and frameworks: grounded labelling, queries, evaluation,
the SAT-backed semantics, and ICCMA files evaluated whole-process.

    python benchmarks/bench_semantics.py [--repeat N] [--part maps|solver|iccma]
                                         [--instances DIR]

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
* evaluate (framework + grounded labelling) and DF-QuAD strengths on that map;
* (solver) stable and preferred extensions (the first 1,000), and credulous and
  sceptical preferred acceptance and credulous stable acceptance of one argument, on
  generated frameworks: Watts-Strogatz small worlds of 300 arguments (16 neighbours) and
  7,000 (4 neighbours), a uniformly random one of 7,000 arguments and 15,646 attacks, and
  the ICCMA instances under ``--instances DIR`` (by default the corpus's, when
  ../shared/corpus/iccma is there; third-party benchmark sets stay outside the repository)
  (one run each: the hard ones take seconds);
* (iccma) ``argmap evaluate FILE.af`` as a whole process (interpreter start, reading,
  grounded labelling, printing every argument's status to /dev/null) on random
  frameworks of 100,000 arguments / 300,000 attacks and 1,000,000 / 3,000,000: wall
  and CPU seconds and peak memory (best of N runs; the files are generated first).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import subprocess
import sys
import tempfile
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


def watts_strogatz(n: int, k: int, beta: float, both: float,
                   seed: int = 7) -> set[tuple[int, int]]:
    """A Watts-Strogatz small world as attacks: each argument linked to its ``k`` nearest
    on a ring, each link rewired to a random argument with probability ``beta``; a link
    is a mutual attack with probability ``both``, else one attack either way."""
    rng = random.Random(seed)
    attacks: set[tuple[int, int]] = set()
    for a in range(n):
        for step in range(1, k // 2 + 1):
            b = rng.randrange(n) if rng.random() < beta else (a + step) % n
            if a == b:
                continue
            u = rng.random()
            if u < both:
                attacks |= {(a, b), (b, a)}
            else:
                attacks.add((a, b) if u < (1 + both) / 2 else (b, a))
    return attacks


def uniform(n: int, m: int, seed: int = 7) -> set[tuple[int, int]]:
    """``m`` distinct attacks drawn uniformly among ``n`` arguments."""
    rng = random.Random(seed)
    attacks: set[tuple[int, int]] = set()
    while len(attacks) < m:
        attacks.add((rng.randrange(n), rng.randrange(n)))
    return attacks


def _instances(folder: Path | None) -> list[Path]:
    """The ICCMA .af/.i23 files under ``folder`` (any case of ending, any depth), or the
    corpus's (../shared/corpus/iccma) when no folder is given and it is there."""
    if folder is None:
        folder = HERE.parent.parent / "shared" / "corpus" / "iccma"
        if not folder.is_dir():
            return []
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".af", ".i23"))


def _solver_rows(folder: Path | None) -> list[tuple[str, str, float, float, str]]:
    from argmap.interop import iccma
    from argmap.semantics import Reasoner, Semantics, from_pairs, grounded

    cases: list[tuple[str, Any]] = []
    for name, attacks, n in (("WS 300, k 16", watts_strogatz(300, 16, 0.3, 0.1), 300),
                             ("WS 7,000, k 4", watts_strogatz(7000, 4, 0.3, 0.1), 7000),
                             ("random 7,000", uniform(7000, 15_646), 7000)):
        pairs = sorted(attacks)
        cases.append((name, from_pairs([str(i) for i in range(n)], [a for a, _ in pairs],
                                       [b for _, b in pairs])))
    for path in _instances(folder):
        cases.append((path.stem[:28], iccma.framework(path)))
    rows = []
    from argmap import load
    from argmap.graph import build
    from argmap.semantics.crux import crux

    graph = build(load(HERE.parent / "arguments" / "pakistan-afghanistan.yaml"))
    recs = [k for k, n in graph.nodes.items() if n.kind.value == "recommendation"]
    for semantics in (Semantics.GROUNDED, Semantics.PREFERRED):
        best, _, found = _time(lambda s=semantics: sum(len(crux(graph, k, semantics=s).cruxes)
                                                       for k in recs), 3)
        rows.append((f"crux, flagship, {semantics.value}", f"{len(recs)} recommendations, "
                     f"{found} cruxes of size <= 2", best, best, "< 1 s"))
    for name, fw in cases:
        undecided = [a for a, c in enumerate(grounded(fw).codes) if not c]
        size = f"{len(fw):,} args, {fw.attack_count:,} att., {len(undecided):,} undec"
        for semantics in (Semantics.STABLE, Semantics.PREFERRED):
            reasoner = Reasoner(fw, semantics, budget=None)
            best, _, found = _time(lambda r=reasoner: sum(
                1 for _, _ in zip(range(1000), r.extensions(), strict=False)), 1)
            rows.append((f"{name}: {semantics.value}", f"{size}; {found} ext.", best, best,
                         ""))
        query = undecided[0] if undecided else 0
        for what, semantics in (("credulous", Semantics.PREFERRED),
                                ("credulous", Semantics.STABLE),
                                ("sceptical", Semantics.PREFERRED)):
            reasoner = Reasoner(fw, semantics, budget=None)
            best, _, answer = _time(lambda r=reasoner, w=what, q=query: getattr(r, w)(q), 1)
            rows.append((f"{name}: {what} {semantics.value[:2].upper()}",
                         f"argument {fw.names[query]}: {answer}", best, best,
                         "< 1 s" if what == "credulous" else ""))
    return rows


def _iccma_rows(repeat: int) -> list[tuple[str, str, float, float, float, str]]:
    rows = []
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    with tempfile.TemporaryDirectory() as folder:
        for n, m, target in ((100_000, 300_000, "<= 1 s, 150 MB"), (1_000_000, 3_000_000,
                                                                     "<= 8 s")):
            path = Path(folder) / f"random-{n}.af"
            with path.open("w", encoding="ascii") as out:
                out.write(f"p af {n}\n")
                out.writelines(f"{a + 1} {b + 1}\n" for a, b in uniform(n, m))
            best = (float("inf"), float("inf"), 0.0)
            for _ in range(repeat):
                start = time.perf_counter()
                with open(os.devnull, "wb") as sink:
                    child = subprocess.Popen([sys.executable, "-m", "argmap", "evaluate",
                                              str(path)], stdout=sink, env=env)
                    _, status, usage = os.wait4(child.pid, 0)
                child.returncode = os.waitstatus_to_exitcode(status)
                wall = time.perf_counter() - start
                if child.returncode:
                    raise SystemExit(f"argmap evaluate {path} failed ({child.returncode})")
                cpu = usage.ru_utime + usage.ru_stime
                best = min(best, (wall, cpu, usage.ru_maxrss / 1024))
            rows.append((f"evaluate {n:,} args / {m:,} attacks (.af)", f"{path.stat().st_size:,} "
                         "bytes", *best, target))
    return rows


def main() -> None:
    """Run every measurement and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--part", choices=["maps", "solver", "iccma"], action="append",
                        help="run only these parts (repeatable; default: all)")
    parser.add_argument("--instances", type=Path, metavar="DIR",
                        help="(solver) also every ICCMA .af/.i23 file under DIR (default: "
                        "../shared/corpus/iccma when it is there)")
    args = parser.parse_args()
    repeat, parts = args.repeat, set(args.part or ["maps", "solver", "iccma"])
    if "maps" in parts:
        _maps(repeat)
    if "solver" in parts:
        print(f"\nSAT-backed semantics, one run each (first 1,000 extensions); Python "
              f"{sys.version.split()[0]}")
        print(f"| {'question':<36} | {'size':<58} | {'s':>7} | target |")
        print(f"|{'-' * 38}|{'-' * 60}|{'-' * 9}|--------|")
        for what, size, best, _, target in _solver_rows(args.instances):
            print(f"| {what:<36} | {size:<58} | {best:7.3f} | {target:<6} |")
    if "iccma" in parts:
        print(f"\nWhole process, best of {repeat} runs (wall s, CPU s, peak MiB)")
        print(f"| {'command':<48} | {'file':<18} | {'wall s':>7} | {'CPU s':>6} | "
              f"{'MiB':>6} | {'target':<15} |")
        print(f"|{'-' * 50}|{'-' * 20}|{'-' * 9}|{'-' * 8}|{'-' * 8}|{'-' * 17}|")
        for what, size, wall, cpu, mib, target in _iccma_rows(repeat):
            print(f"| {what:<48} | {size:<18} | {wall:7.2f} | {cpu:6.2f} | {mib:6.0f} | "
                  f"{target:<15} |")


def _maps(repeat: int) -> None:
    """The table of grounded labelling, queries and evaluation on generated maps."""
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
