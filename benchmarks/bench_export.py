"""Export benchmark: wall time of `argmap export` on folders of many small maps.

Run from the project root::

    .venv/bin/python benchmarks/bench_export.py           # 1,000 and 10,000 maps
    .venv/bin/python benchmarks/bench_export.py --quick   # 1,000 maps only

Times are wall seconds of :func:`argmap.render.export_folder` (load every map, check every
output, draw each map as Mermaid, write), best of ``--repeat`` runs, into a fresh output
folder each time. Mermaid needs no Graphviz, so the numbers are argmap's own work: they
must grow in proportion to the number of maps (issue #10: every output was checked
against every input, and 1,000 one-node maps took 46 s). Target: 5 ms per map (about
2 ms on a 2-core machine).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from argmap.render import export_folder  # noqa: E402 - after the path set-up above

#: Seconds per map an export may take.
TARGET_PER_MAP = 0.005


def write_maps(folder: Path, count: int) -> None:
    """``count`` one-node maps, each supporting a node of the map before it (so that
    every diagram shows a neighbour from another map)."""
    folder.mkdir(parents=True)
    for i in range(count):
        support = f"    supports: [m{i - 1:05d}:a]\n" if i else ""
        (folder / f"m{i:05d}.yaml").write_text(
            f"argmap: 1\ntitle: Map {i}\nnodes:\n  - id: a\n    kind: claim\n"
            f"    text: Claim {i}.\n{support}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Print a table of the measured cases; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 10,000-map folder")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (best is shown)")
    args = parser.parse_args(argv)
    sizes = [1000] if args.quick else [1000, 10000]
    rows: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(tmp) / f"maps-{n}"
            write_maps(folder, n)
            best = float("inf")
            for run in range(max(1, args.repeat)):
                out = Path(tmp) / f"out-{n}-{run}"
                start = time.perf_counter()
                export_folder(folder, out, "mermaid")
                best = min(best, time.perf_counter() - start)
            rows.append((n, best))
    print(f"{'maps':>7} {'seconds':>8} {'ms/map':>7} {'target':>7}  ok")
    failed = False
    for n, seconds in rows:
        ok = seconds < TARGET_PER_MAP * n
        failed |= not ok
        print(f"{n:>7,} {seconds:>8.2f} {1000 * seconds / n:>7.2f} "
              f"{1000 * TARGET_PER_MAP:>7.1f}  {'yes' if ok else 'NO'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
