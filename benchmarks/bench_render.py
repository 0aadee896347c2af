"""Rendering benchmark: wall time of ``argmap render MAP -o MAP.svg``, the whole CLI.

Run from the project root::

    .venv/bin/python benchmarks/bench_render.py           # flagship, 1,000 and 10,000 nodes
    .venv/bin/python benchmarks/bench_render.py --quick   # flagship and 1,000 nodes only

Each case runs ``python -m argmap render`` in a fresh interpreter (start-up, load,
layout, Graphviz, the SVG check and the write included), best of ``--repeat``
runs; "cpu" is the CPU time of that run with its Graphviz children (user + system),
which other jobs on a shared machine disturb less than the wall time.

Generated maps are written to a temporary folder by :func:`generate` (a layered
argument: evidence under claims under recommendations, with objections and
assumptions), so the benchmark needs nothing but argmap and Graphviz.
Targets (issue #12): flagship <= 0.5 s, 1,000 nodes <= 1 s, 10,000 nodes <= 4 s, each
drawn in layers (engine dot or layered, not a force layout).
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from argmap import load  # noqa: E402 - after the path set-up above

FLAGSHIP = ROOT / "arguments" / "pakistan-afghanistan.yaml"
WORDS = ["policy", "border", "trade", "talks", "security", "pressure", "economy",
         "coexistence", "militancy", "diplomacy", "leverage", "mediation", "trust", "region",
         "stability", "refugees", "water", "cost", "government", "ceasefire", "treaty",
         "evidence", "report", "analysts", "negotiate", "verify"]


def _text(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 26))
    return " ".join(words).capitalize() + "."


def generate(nodes: int, seed: int = 1, edges_per_node: float = 1.6) -> str:
    """YAML text of a generated map with ``nodes`` nodes and about ``edges_per_node``
    relations per node, shaped like real maps: sections of about 40 nodes, five
    tiers (evidence and assumptions, three levels of claims, recommendations),
    objections attacking claims, most relations within a section."""
    rng = random.Random(seed)
    # (kind, tier, share): a node supports nodes of higher tiers only, so the
    # map is a DAG a few ranks deep, like the hand-made ones.
    plan = [("evidence", 0, 0.40), ("assumption", 0, 0.05), ("claim", 1, 0.17),
            ("claim", 2, 0.12), ("claim", 3, 0.08), ("objection", 1, 0.08),
            ("recommendation", 4, 0.10)]
    section = 40
    rows: list[tuple[str, int, int]] = []  # kind, tier, section
    for start in range(0, nodes, section):
        size = min(section, nodes - start)
        members = [(kind, tier) for kind, tier, share in plan
                   for _ in range(max(1, round(size * share)))][:size]
        members += [("claim", 2)] * (size - len(members))
        rows += [(kind, tier, start // section) for kind, tier in members]
    by_section: dict[int, list[int]] = {}
    for i, (_, _, sec) in enumerate(rows):
        by_section.setdefault(sec, []).append(i)
    lines = ["argmap: 1", f"title: Generated map of {nodes} nodes", "nodes:"]
    for i, (kind, tier, sec) in enumerate(rows):
        lines += [f"  - id: n{i}", f"    kind: {kind}", f"    text: {_text(rng)}",
                  f"    section: part {sec + 1}"]
        # One relation in ten leaves the section, as cross-references do.
        pool_section = rng.randrange(len(by_section)) if rng.random() < 0.1 else sec
        pool = [j for j in by_section[pool_section] if j != i
                and rows[j][0] != "objection" and rows[j][1] > tier]
        if kind == "objection":
            pool = [j for j in by_section[pool_section] if rows[j][0] == "claim"]
        if not pool:
            continue
        count = max(1, round(rng.expovariate(1 / edges_per_node)))
        targets = sorted(set(rng.choices(pool, k=count)))
        rel = "attacks" if kind == "objection" else "supports"
        lines.append(f"    {rel}: [{', '.join(f'n{j}' for j in targets)}]")
    return "\n".join(lines) + "\n"


def _cli(path: Path, out: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds of ``argmap render`` in a fresh interpreter, and the engine
    it used (from its notice; ``dot`` when it gave none)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep
           + os.environ.get("PYTHONPATH", "")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "argmap", "render", str(path), "-o", str(out)],
                          capture_output=True, env=env, check=False, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"argmap render {path} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    engine = "layered" if "layered layout" in done.stderr else "dot"
    return seconds, cpu, engine


def main(argv: list[str] | None = None) -> int:
    """Print a table of the measured cases; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 10,000-node map")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (best is shown)")
    args = parser.parse_args(argv)
    # Measure argmap as installed, with byte code: where PYTHONDONTWRITEBYTECODE is set
    # (as on this machine) every run would otherwise compile every module again.
    compileall.compile_dir(str(ROOT / "src" / "argmap"), quiet=1, force=False)
    sizes = [1000] if args.quick else [1000, 10000]
    rows: list[tuple[str, int, str, float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases: list[tuple[str, Path, float]] = [("flagship map", FLAGSHIP, 0.5)]
        for n in sizes:
            path = folder / f"generated-{n}.yaml"
            path.write_text(generate(n), encoding="utf-8")
            cases.append((f"generated {n:,} nodes", path, 1.0 if n <= 1000 else 4.0))
        for name, path, target in cases:
            out = folder / f"{path.stem}.svg"
            runs = [_cli(path, out) for _ in range(max(1, args.repeat))]
            wall, cpu, engine = min(runs)
            rows.append((name, len(load(path).map.nodes), engine, wall, cpu, target))
    print(f"{'case':<24} {'nodes':>7} {'engine':>8} {'seconds':>8} {'cpu':>6} {'target':>7}  ok")
    failed = False
    for name, nodes, engine, seconds, cpu, target in rows:
        ok = seconds <= target and engine in ("dot", "layered")
        failed |= not ok
        print(f"{name:<24} {nodes:>7,} {engine:>8} {seconds:>8.2f} {cpu:>6.2f} {target:>7.1f}  "
              f"{'yes' if ok else 'NO'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
