"""Benchmark `argmap check` end to end (a fresh interpreter each run, as a user runs it).

    python benchmarks/bench_check.py [--repeat N] [--sizes 1000,10000,100000]

Prints a table: the flagship map; maps of 1,000 to 100,000 nodes from both generators,
uniform (benchmarks/generate.py: every node written alike) and varied
(benchmarks/generate_varied.py: the styles people write, with quotes checked against a
source text of about 75 bytes a node); the uniform 100,000-node map with 300 broken
references (load errors); 50 quotes missing from a 1.2 MB source (each with its closest
passage); one 40 KB quote missing from a 300 KB source. For each: wall time (median
of N runs, interpreter start-up included) and peak memory, against the targets (issue
#16 for the varied maps). Also prints the in-process split of the largest runs (parse,
validate, graph, checks, report).
"""

from __future__ import annotations

import argparse
import compileall
import gc
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

ARGMAP = [sys.executable, "-m", "argmap"]
SIZES = "1000,10000,100000"
#: Seconds (and peak MB) each case should stay within.
TARGETS = {"flagship": 0.3, "uniform-100000": 3.0, "varied-1000": 0.2,
           "varied-10000": 0.5, "varied-100000": 2.0}
MEMORY_TARGETS = {"varied-100000": 400.0}


def _run(args: list[str], expect: int = 0) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `argmap check` run in a child process."""
    start = time.perf_counter()
    proc = subprocess.Popen([*ARGMAP, "check", "--exit-zero", "--format", "json", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    # wait4 gives this child's own peak memory (RUSAGE_CHILDREN would be the largest so far).
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != expect:
        error = proc.stderr.read().decode()[:2000] if proc.stderr else ""
        raise SystemExit(f"argmap exited {proc.returncode}, not {expect}: {error}")
    return wall, usage.ru_maxrss / 1024


def _quotes(folder: Path) -> Path:
    """50 pieces of evidence whose quotes are not verbatim in their 1.2 MB source (each
    gets the closest passage as a hint)."""
    rng = random.Random(3)
    words = ["the", "of", "policy", "border", "trade", "talks", "pressure", "security",
             "economic", "military", "diplomatic", "region", "government", "strategy",
             "cooperation"]
    (folder / "report.txt").write_text(" ".join(rng.choice(words) for _ in range(150_000)),
                                       encoding="utf-8")
    lines = ["argmap: 1", "title: Quotes", "sources:", "  - id: rep", "    title: Report",
             "    text: report.txt", "nodes:"]
    for i in range(50):
        quote = " ".join(rng.choice(words) for _ in range(25))
        lines += [f"  - id: e{i}", "    kind: evidence", f"    text: E{i}", "    source: rep",
                  f"    quote: {quote} zzz"]
    path = folder / "quotes.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _long_quote(folder: Path) -> Path:
    """One quote of 40 KB not found in its 300 KB source (the closest-passage search was
    quadratic in the quote's length: 107 s in process)."""
    rng = random.Random(4)
    words = ["the", "of", "policy", "border", "trade", "talks", "pressure", "security",
             "economic", "military", "diplomatic", "region", "government", "strategy"]
    text = " ".join(rng.choice(words) for _ in range(40_000))
    (folder / "long.txt").write_text(text, encoding="utf-8")
    quote = text[100_000:140_000] + " zzz"
    lines = ["argmap: 1", "title: Long quote", "sources:", "  - id: rep", "    title: Report",
             "    text: long.txt", "nodes:", "  - id: e", "    kind: evidence",
             "    text: E", "    source: rep", f"    quote: {quote}"]
    path = folder / "long-quote.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _generate(script: str, path: Path, nodes: int) -> Path:
    """Write a generated map of ``nodes`` nodes to ``path`` with ``script`` (generate.py or
    generate_varied.py, which also writes the source text beside it)."""
    # In a child process: a large map generated here would stay in this process's
    # memory (glibc keeps it), and every child forked later would start with that much
    # resident (its ru_maxrss would count it).
    subprocess.run([sys.executable, str(HERE / script), str(nodes), str(nodes * 3 // 2),
                    str(path)], check=True)
    return path


_BREAK = """
import re, sys
from pathlib import Path
text, count = re.subn(r"(supports: \\[)(n\\d+\\])", r"\\1zz\\2",
                      Path(sys.argv[1]).read_text(encoding="utf-8"), count=300)
Path(sys.argv[2]).write_text(text, encoding="utf-8")
print(count)
"""


def _break(source: Path, target: Path) -> int:
    """Copy ``source`` to ``target`` with 300 references renamed away (in a child process,
    as for _generate: this one's memory would show in every later child's peak, glibc
    keeping the large strings' memory); return how many were renamed."""
    out = subprocess.run([sys.executable, "-c", _BREAK, str(source), str(target)],
                         check=True, capture_output=True, text=True).stdout
    return int(out)


def _split(path: Path) -> str:
    """Where one run's time goes, stage by stage, in this process (as the CLI: no gc)."""
    from argmap import report
    from argmap.checks import check
    from argmap.loading import _fastvalid, source
    from argmap.loading.loader import LoadedMap, MapSet

    gc.collect()  # what an earlier split left behind is no part of this one
    gc.disable()
    stages = []
    start = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal start
        now = time.perf_counter()
        stages.append(f"{name} {now - start:.2f}")
        start = now

    text = source.read(path)
    document = source.parse(text, str(path))
    lap("read+parse")
    records = _fastvalid.validate(document.data)
    assert records is not None, "the generated map takes the fast path"
    lap("validate")
    mapset = MapSet((LoadedMap(path.stem, str(path), document, records),))
    _ = mapset.graph
    lap("graph")
    result = check(mapset)
    lap("checks")
    report.json_report(report.Report.from_result(result))
    lap("json report")
    gc.enable()
    reader = "fast scanner" if document.inline_spans else "composer"
    return (f"in-process, {path.name} ({len(result.findings)} findings, YAML read by the "
            f"{reader}), seconds: " + ", ".join(stages))


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default=SIZES, help="node counts of the generated maps")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    # Measure argmap as installed, with byte code: where PYTHONDONTWRITEBYTECODE is set
    # (as on some CI machines) every run would otherwise compile every module again.
    import argmap

    compileall.compile_dir(str(Path(argmap.__file__).parent), quiet=1, force=False)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = [("flagship", "arguments/pakistan-afghanistan.yaml", 58)]
        for nodes in sizes:
            for style, script in (("uniform", "generate.py"), ("varied", "generate_varied.py")):
                path = _generate(script, Path(tmp) / f"{style}-{nodes}.yaml", nodes)
                cases.append((f"{style}-{nodes}", str(path), nodes))
        largest = max(sizes)
        # The error path at scale: 300 references renamed away, each reported (up to the
        # 200 per file) with a "did you mean" among the ids; exit code 2.
        broken = Path(tmp) / f"broken-{largest}.yaml"
        count = _break(Path(tmp) / f"uniform-{largest}.yaml", broken)
        cases.append((f"broken-{count}", str(broken), largest))
        cases.append(("quotes-1MB", str(_quotes(Path(tmp))), 50))
        cases.append(("quote-40KB", str(_long_quote(Path(tmp))), 1))
        for name, path_str, nodes in cases:
            walls, peaks = [], []
            for _ in range(args.repeat):
                wall, peak = _run([path_str], expect=2 if name.startswith("broken") else 0)
                walls.append(wall)
                peaks.append(peak)
            rows.append((name, nodes, statistics.median(walls), max(peaks)))
        splits = [_split(Path(tmp) / f"{style}-{largest}.yaml") for style in ("uniform", "varied")]
    print(f"argmap check, median of {args.repeat} runs, interpreter start-up included")
    print(f"{'map':<15} {'nodes':>8} {'wall s':>8} {'peak MB':>8} {'target s':>9} "
          f"{'target MB':>9}  ok")
    for name, nodes, wall, peak in rows:
        target, memory = TARGETS.get(name), MEMORY_TARGETS.get(name)
        ok = "" if target is None else (
            "yes" if wall <= target and (memory is None or peak <= memory) else "NO")
        tgt = "" if target is None else f"{target:.1f}"
        mem = "" if memory is None else f"{memory:.0f}"
        print(f"{name:<15} {nodes:>8} {wall:>8.2f} {peak:>8.0f} {tgt:>9} {mem:>9}  {ok}")
    print("\n".join(splits))


if __name__ == "__main__":
    main()
