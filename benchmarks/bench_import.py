"""`argmap import` of large Argdown and AIF files, against the official Argdown CLI.

    python benchmarks/bench_import.py [--repeat N] [--statements 50000] [--aif-nodes 100000]

Writes a generated Argdown debate of 50,000 statements (benchmarks/bench_argdown.py's
generator) and a generated AIF file of 100,000 nodes (I nodes, and RA and CA nodes between
them, a fifth of the RAs with two linked premises), then times, each in a fresh process:

* ``argdown json DEBATE.argdown OUT/``: the official Argdown CLI (@argdown/cli, the version
  the differential tests pin, installed with npm into ``.cache/argdown-cli`` as
  ``scripts/setup.sh --browser`` does);
* ``argmap import DEBATE.argdown -o DEBATE.yaml`` and ``argmap import NODES.json -o
  NODES.yaml``: read, convert, loss report, YAML written.

Prints the median wall time and the median CPU time (user + system of the process and its
children: on a shared machine CPU time is the steadier figure) of each, and each argmap
import's ratio to the official CLI's time on the Argdown file (target, issue #15: at most 2).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_argdown import generate  # noqa: E402

VERSION = "1.7.5"
FOLDER = ROOT / ".cache" / "argdown-cli"
ARGDOWN = FOLDER / "node_modules" / ".bin" / "argdown"
TARGET = 2.0


def install() -> str | None:
    """Install the pinned Argdown CLI once; return why it is unavailable, or None."""
    package = FOLDER / "node_modules" / "@argdown" / "cli" / "package.json"
    if ARGDOWN.exists() and package.exists() and \
            json.loads(package.read_text(encoding="utf-8")).get("version") == VERSION:
        return None
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not installed"
    FOLDER.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([npm, "install", "--prefix", str(FOLDER), f"@argdown/cli@{VERSION}",
                           "--no-audit", "--no-fund", "--loglevel=error"],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not ARGDOWN.exists():
        return f"npm install failed: {(proc.stderr or proc.stdout).strip()[:500]}"
    return None


def generate_aif(nodes: int, seed: int = 7) -> str:
    """AIF JSON of ``nodes`` nodes: 60% I nodes, the rest RA (85%) and CA nodes, each from
    one random I node (an RA in five from two) to another."""
    rng = random.Random(seed)
    n_i = nodes * 3 // 5
    out = [{"nodeID": str(i), "type": "I", "timestamp": "2012-01-01 00:00:00",
            "text": f"Generated proposition number {i}, related to a few before it."}
           for i in range(n_i)]
    edges: list[dict[str, str]] = []
    for k in range(n_i, nodes):
        kind = "RA" if rng.random() < 0.85 else "CA"
        out.append({"nodeID": str(k), "type": kind, "timestamp": "2012-01-01 00:00:00",
                    "text": "Default Inference" if kind == "RA" else "Default Conflict"})
        premises = [rng.randrange(n_i)]
        if kind == "RA" and rng.random() < 0.2:
            premises.append(rng.randrange(n_i))
        for p in premises:
            edges.append({"edgeID": str(len(edges)), "fromID": str(p), "toID": str(k)})
        edges.append({"edgeID": str(len(edges)), "fromID": str(k),
                      "toID": str(rng.randrange(n_i))})
    return json.dumps({"nodes": out, "edges": edges, "locutions": []})


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run (it must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}):\n"
                         f"{proc.stderr.decode(errors='replace')[:2000]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def median_of(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """Median wall and median CPU seconds."""
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    """Write the files, time the three commands, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--statements", type=int, default=50_000)
    parser.add_argument("--aif-nodes", type=int, default=100_000)
    args = parser.parse_args()
    missing = install()
    if missing:
        print(f"Argdown CLI unavailable: {missing}. Timing argmap alone.")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        debate = folder / "debate.argdown"
        debate.write_text(generate(args.statements), encoding="utf-8")
        nodes = folder / "nodes.json"
        nodes.write_text(generate_aif(args.aif_nodes), encoding="utf-8")
        argmap = [sys.executable, "-m", "argmap", "import"]
        rows: dict[str, list[tuple[float, float]]] = {}
        for r in range(args.repeat):
            if not missing:
                rows.setdefault("argdown json (Argdown)", []).append(
                    timed([str(ARGDOWN), "json", str(debate), str(folder / "out")], folder))
            for name, source in (("argmap import (Argdown)", debate),
                                 ("argmap import (AIF)", nodes)):
                target = folder / f"{source.stem}-{r}.yaml"
                rows.setdefault(name, []).append(
                    timed([*argmap, str(source), "-o", str(target)], ROOT))
    reference = median_of(rows["argdown json (Argdown)"]) if not missing else None
    print(f"\n{args.statements:,}-statement Argdown file, {args.aif_nodes:,}-node AIF file; "
          f"median of {args.repeat} runs; target: argmap at most {TARGET:.0f}x the "
          "official CLI's time on the Argdown file")
    print(f"{'command':<26} {'wall s':>8} {'cpu s':>8} {'wall ratio':>10} {'cpu ratio':>9}")
    for name, runs in rows.items():
        wall, cpu = median_of(runs)
        ratios = ("", "") if reference is None or name.startswith("argdown") else (
            f"{wall / reference[0]:.2f}", f"{cpu / reference[1]:.2f}")
        print(f"{name:<26} {wall:>8.2f} {cpu:>8.2f} {ratios[0]:>10} {ratios[1]:>9}")


if __name__ == "__main__":
    main()
