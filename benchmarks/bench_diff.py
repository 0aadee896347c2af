"""Benchmark `argmap diff` end to end (a fresh interpreter each run, as a user runs it).

    python benchmarks/bench_diff.py [--repeat N] [--sizes 1000,10000]

Prints a table: the flagship map against an edited copy, and generated maps of 1,000 and
10,000 nodes (benchmarks/generate.py, 1.5 relations a node; generate_varied.py, whose
quotes are checked against a source text) each against a copy with a node renamed, one
reworded, one retyped, a relation dropped, a strength changed, a quote broken (varied)
and a piece of evidence removed. For each: wall time (median of N runs, interpreter
start-up included), CPU time (user + system: steadier than wall time on a shared
machine) and peak memory of `argmap diff OLD NEW --format json`, and of the
text report, against the target (issue #13: 10,000 nodes in under 2 s); then the
load average of the machine at the start and at the end.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ARGMAP = [sys.executable, "-m", "argmap"]
#: Seconds each case should stay within (whole CLI).
TARGETS = {"uniform-10000": 2.0, "varied-10000": 2.0}


def _run(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one `argmap diff`
    run in a child process. On a shared machine the CPU time is the steadier figure."""
    start = time.perf_counter()
    proc = subprocess.Popen([*ARGMAP, "diff", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        error = proc.stderr.read().decode()[:2000] if proc.stderr else ""
        raise SystemExit(f"argmap diff exited {code}: {error}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def edit(old: Path, new: Path) -> None:
    """Write to ``new`` an edited copy of the map ``old`` (see the module); files beside
    the map are copied too."""
    from argmap import NodeKind, load
    from argmap.emit import emit

    for f in old.parent.iterdir():
        if f != old and f.is_file():
            shutil.copy(f, new.parent / f.name)
    m = load(old).model
    nodes = list(m.nodes)
    n = len(nodes)

    def first(start: int, kind: NodeKind, need: str | None = None) -> int:
        # From `start` on, round to the beginning (the flagship ends in claims).
        return next(i for i in (*range(start, n), *range(start)) if nodes[i].kind is kind
                    and (need is None or getattr(nodes[i], need)))

    def update(i: int, **changes: Any) -> None:
        nodes[i] = nodes[i].model_copy(update=changes)

    renamed = first(n // 10, NodeKind.CLAIM)
    old_id, new_id = nodes[renamed].id, nodes[renamed].id + "-renamed"
    update(renamed, id=new_id)
    reworded = first(n // 5, NodeKind.CLAIM)
    update(reworded, text=nodes[reworded].text.replace("something", "a great deal"))
    retyped = first(n // 3, NodeKind.CLAIM)
    update(retyped, kind=NodeKind.ASSUMPTION)
    dropped = first(n // 2, NodeKind.CLAIM, "supports")
    update(dropped, supports=nodes[dropped].supports[1:])
    stronger = first(n // 2 + 10, NodeKind.CLAIM, "supports")
    update(stronger, supports=(nodes[stronger].supports[0].model_copy(
        update={"strength": 0.25}), *nodes[stronger].supports[1:]))
    quoted = next((i for i in range(n // 4, n) if nodes[i].quote), None)
    if quoted is not None:
        update(quoted, quote="A passage that the source does not hold.")
    gone = nodes[first(2 * n // 3, NodeKind.EVIDENCE)].id
    kept = []
    for node in nodes:
        if node.id == gone:
            continue
        rels = {key: tuple(r.model_copy(update={"to": new_id}) if r.to == old_id else r
                           for r in getattr(node, key) if r.to != gone)
                for key in ("supports", "attacks")}
        kept.append(node.model_copy(update=rels))
    new.write_text(emit(m.model_copy(update={"nodes": tuple(kept)})), encoding="utf-8")


def _prepare(folder: Path, script: str, nodes: int) -> tuple[Path, Path]:
    """A generated map and its edited copy, made in child processes (a large map made here
    would stay in this process's memory)."""
    (folder / "old").mkdir()
    (folder / "new").mkdir()
    old, new = folder / "old" / "map.yaml", folder / "new" / "map.yaml"
    subprocess.run([sys.executable, str(HERE / script), str(nodes), str(nodes * 3 // 2),
                    str(old)], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, __file__, "--edit", str(old), str(new)], check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    return old, new


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--edit", nargs=2, metavar=("OLD", "NEW"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    # Measure argmap as installed, with byte code: where PYTHONDONTWRITEBYTECODE is set
    # (as on this machine) every run would otherwise compile every module again.
    compileall.compile_dir(str(ROOT / "src" / "argmap"), quiet=1, force=False)
    if args.edit:
        edit(Path(args.edit[0]), Path(args.edit[1]))
        return
    rows = []
    # On a shared machine the figures follow the load: printed with them.
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        cases: list[tuple[str, Path, Path]] = []
        flagship = Path(tmp) / "flagship"
        flagship.mkdir()
        shutil.copytree(ROOT / "arguments" / "sources", flagship / "sources")
        subprocess.run([sys.executable, __file__, "--edit",
                        str(ROOT / "arguments" / "pakistan-afghanistan.yaml"),
                        str(flagship / "pakistan-afghanistan.yaml")], check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        cases.append(("flagship", ROOT / "arguments" / "pakistan-afghanistan.yaml",
                      flagship / "pakistan-afghanistan.yaml"))
        for size in (int(s) for s in args.sizes.split(",")):
            for style, script in (("uniform", "generate.py"), ("varied", "generate_varied.py")):
                folder = Path(tmp) / f"{style}-{size}"
                folder.mkdir()
                cases.append((f"{style}-{size}", *_prepare(folder, script, size)))
        for name, old, new in cases:
            for fmt in ("json", "text"):
                runs = [_run([str(old), str(new), "--format", fmt]) for _ in range(args.repeat)]
                walls = [w for w, _, _ in runs]
                cpus = [c for _, c, _ in runs]
                target = TARGETS.get(name)
                median = statistics.median(walls)
                cpu = statistics.median(cpus)
                # On a shared machine the wall time also counts the waits for a core: the
                # CPU time says whether argmap itself stays within the target.
                verdict = "" if target is None else (
                    ("ok" if median < target else "OVER")
                    + (", cpu ok" if cpu < target else ", cpu OVER"))
                rows.append((name, fmt, f"{min(walls):.2f}", f"{median:.2f}",
                             f"{cpu:.2f}",
                             f"{max(m for _, _, m in runs):.0f}",
                             "" if target is None else f"{target:.1f}", verdict))
    head = ("case", "format", "best s", "median s", "cpu s", "peak MB", "target s", "")
    widths = [max(len(str(r[i])) for r in (head, *rows)) for i in range(len(head))]
    for r in (head, *rows):
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    print(f"load average (1 min) at the start {load_before:.2f}, at the end "
          f"{os.getloadavg()[0]:.2f}, on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
