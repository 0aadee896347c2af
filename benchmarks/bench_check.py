"""Benchmark `argmap check` end to end (a fresh interpreter each run, as a user runs it).

    python benchmarks/bench_check.py [--repeat N]

Prints a table: the flagship map and generated maps of 1,000 to 100,000 nodes, wall time
(median of N runs, interpreter start-up included) and peak memory, against the targets.
Also prints the in-process split of the 100,000-node run (parse, validate, check).
"""

from __future__ import annotations

import argparse
import compileall
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

ARGMAP = [sys.executable, "-m", "argmap"]
SIZES = [(1_000, 1_500), (10_000, 15_000), (100_000, 150_000)]
TARGETS = {"flagship": 0.3, "100000": 3.0}


def _run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `argmap check` run in a child process."""
    start = time.perf_counter()
    proc = subprocess.Popen([*ARGMAP, "check", "--exit-zero", "--format", "json", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    # wait4 gives this child's own peak memory (RUSAGE_CHILDREN would be the largest so far).
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        error = proc.stderr.read().decode()[:2000] if proc.stderr else ""
        raise SystemExit(f"argmap failed: {error}")
    return wall, usage.ru_maxrss / 1024


def _split(path: Path) -> str:
    from argmap import source
    from argmap.checks import check
    from argmap.load import load_set
    from argmap.model import ArgumentMap

    gc.disable()
    t0 = time.perf_counter()
    text = source.read(path)
    doc = source.parse(text, str(path))
    t1 = time.perf_counter()
    ArgumentMap.model_validate(doc.data)
    t2 = time.perf_counter()
    gc.enable()
    maps = load_set([path])
    t3 = time.perf_counter()
    result = check(maps)
    t4 = time.perf_counter()
    return (f"in-process, {path.name}: read+parse {t1 - t0:.2f} s, validate {t2 - t1:.2f} s, "
            f"load total {t3 - t2:.2f} s, checks {t4 - t3:.2f} s "
            f"({len(result.findings)} findings)")


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    # Measure argmap as installed, with byte code: where PYTHONDONTWRITEBYTECODE is set
    # (as on some CI machines) every run would otherwise compile every module again.
    import argmap

    compileall.compile_dir(str(Path(argmap.__file__).parent), quiet=1, force=False)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = [("flagship", "arguments/pakistan-afghanistan.yaml", 58)]
        for nodes, rels in SIZES:
            path = Path(tmp) / f"gen-{nodes}.yaml"
            path.write_text(generate(nodes, rels), encoding="utf-8")
            cases.append((str(nodes), str(path), nodes))
        for name, path_str, nodes in cases:
            walls, peaks = [], []
            for _ in range(args.repeat):
                wall, peak = _run([path_str])
                walls.append(wall)
                peaks.append(peak)
            target = TARGETS.get(name)
            rows.append((name, nodes, statistics.median(walls), max(peaks), target))
        split = _split(Path(tmp) / "gen-100000.yaml")
    print(f"argmap check, median of {args.repeat} runs, interpreter start-up included")
    print(f"{'map':<10} {'nodes':>8} {'wall s':>8} {'peak MB':>8} {'target s':>9}  ok")
    for name, nodes, wall, peak, target in rows:
        ok = "" if target is None else ("yes" if wall < target else "NO")
        tgt = "" if target is None else f"{target:.1f}"
        print(f"{name:<10} {nodes:>8} {wall:>8.2f} {peak:>8.0f} {tgt:>9}  {ok}")
    print(split)


if __name__ == "__main__":
    main()
