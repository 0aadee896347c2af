"""argmap side by side with the Argdown CLI, on the same debates.

    python benchmarks/bench_argdown.py [--repeat N] [--sizes 100,1000,10000]

Runs the Argdown CLI that ``scripts/setup.sh --browser`` installs, pinned (its
``ARGDOWN_CLI_VERSION``), in ``.cache/argdown-cli`` (git-ignored); where it is missing,
installs that same version there with npm, as setup does. It times, for each size
(100, 1,000 and 10,000), the same debate in both tools
in one paired run (the two tools alternate, a fresh process each time, start-up
included), from both generators:

* uniform: a generated Argdown debate of that many statements, imported into argmap
  YAML as argmap writes it;
* varied: a map of that many nodes written in the styles people use
  (benchmarks/generate_varied.py, quotes checked against its source text), exported
  to Argdown.

The commands: ``argdown json DEBATE.argdown OUT/`` (parse, model, JSON export) and
``python -m argmap check --exit-zero --format json DEBATE.yaml`` (load, validate,
every check, JSON report). Prints a table of medians and the ratio against the target
(argmap at least 5x faster, issue #16). When npm cannot install the Argdown CLI it says
so and times argmap alone.
"""

from __future__ import annotations

import argparse
import compileall
import json
import random
import re
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

from generate_varied import generate_varied  # noqa: E402

#: Where scripts/setup.sh installs the pinned Argdown CLI (tests/argdown_official.py too).
CACHE = ROOT / ".cache" / "argdown-cli"
ARGDOWN = CACHE / "node_modules" / ".bin" / "argdown"
PACKAGE = CACHE / "node_modules" / "@argdown" / "cli" / "package.json"
TARGET = 5.0


def pinned_version() -> str:
    """The Argdown CLI version scripts/setup.sh pins (one place names it)."""
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    found = re.search(r'^ARGDOWN_CLI_VERSION="([^"]+)"', setup, re.MULTILINE)
    if found is None:
        raise SystemExit("scripts/setup.sh names no ARGDOWN_CLI_VERSION")
    return found[1]


def install_argdown() -> str | None:
    """The pinned Argdown CLI, installed as setup does when missing; return why it is
    unavailable, or None."""
    version = pinned_version()
    if ARGDOWN.exists() and PACKAGE.exists() and json.loads(
            PACKAGE.read_text(encoding="utf-8")).get("version") == version:
        return None
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not installed (bash scripts/setup.sh --browser installs it)"
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"installing @argdown/cli@{version} into {CACHE.relative_to(ROOT)} ...", flush=True)
    proc = subprocess.run([npm, "install", "--prefix", str(CACHE), f"@argdown/cli@{version}",
                           "--no-audit", "--no-fund", "--loglevel=error"],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not ARGDOWN.exists():
        return (f"npm install @argdown/cli@{version} failed: "
                f"{(proc.stderr or proc.stdout).strip()[:500]}")
    return None


def generate(statements: int, seed: int = 7) -> str:
    """A debate: titled statements under headings, each related to 1-3 earlier ones,
    and one argument for every ten statements, half of them reconstructed."""
    rng = random.Random(seed)
    out = ["===", f"title: Generated debate of {statements} statements", "===", ""]
    for i in range(1, statements + 1):
        if i % 100 == 1:
            out += [f"# Part {i // 100 + 1}", ""]
        out.append(f"[Statement {i}]: Generated statement number {i}; the benchmark relates "
                   "it to a few of the statements before it. #generated")
        for _ in range(rng.randint(1, 3) if i > 1 else 0):
            out.append(f"  {rng.choice('+-')} [Statement {rng.randint(1, i - 1)}]")
        out.append("")
    for k in range(1, statements // 10 + 1):
        out.append(f"<Argument {k}>: Generated argument {k}.")
        out.append(f"  +> [Statement {rng.randint(1, statements)}]")
        out.append("")
        if k % 2:
            out += [f"(1) [Statement {rng.randint(1, statements)}]",
                    f"(2) Generated premise {k}.", "----",
                    f"(3) Generated conclusion {k}.", ""]
    return "\n".join(out)


def varied_pair(folder: Path, size: int) -> tuple[Path, Path, int, int, float]:
    """A varied map of ``size`` nodes (with its source text) and its Argdown export:
    their paths, the node and relation counts, and the export's seconds."""
    from argmap import load
    from argmap.interop.argdown import export_argdown

    name = f"varied-{size}"
    yaml_text, source = generate_varied(size, size * 3 // 2, text_name=f"{name}.txt")
    (folder / f"{name}.txt").write_text(source, encoding="utf-8")
    target = folder / f"{name}.yaml"
    target.write_text(yaml_text, encoding="utf-8")
    start = time.perf_counter()
    amap = load(target).model
    argdown_text, _ = export_argdown(amap)
    convert = time.perf_counter() - start
    argdown_file = folder / f"{name}.argdown"
    argdown_file.write_text(argdown_text, encoding="utf-8")
    relations = sum(len(n.relations()) for n in amap.nodes)
    return argdown_file, target, len(amap.nodes), relations, convert


def paired(argdown_cmd: list[str], argmap_cmd: list[str], folder: Path, repeat: int,
           missing: str | None) -> tuple[float | None, float]:
    """Median seconds of the Argdown CLI (None when it is missing) and of argmap."""
    timed(argmap_cmd, ROOT)  # warm the file cache before measuring
    a_times: list[float] = []
    m_times: list[float] = []
    for r in range(repeat):
        pair = [("argmap", argmap_cmd), ("argdown", argdown_cmd)]
        for name, cmd in pair if r % 2 else reversed(pair):
            if name == "argdown" and missing:
                continue
            (a_times if name == "argdown" else m_times).append(timed(cmd, folder))
    return (statistics.median(a_times) if a_times else None), statistics.median(m_times)


def timed(cmd: list[str], cwd: Path) -> float:
    """Wall seconds of one run (it must succeed)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, check=False)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}):\n"
                         f"{proc.stderr.decode(errors='replace')[:2000]}")
    return wall


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="100,1000,10000")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    import argmap
    from argmap.emit import emit
    from argmap.interop.argdown import argdown_from_text

    # Time argmap with byte code, as installed: where PYTHONDONTWRITEBYTECODE is set every
    # run would otherwise compile all its modules again (about 0.1 s).
    compileall.compile_dir(str(Path(argmap.__file__).parent), quiet=1)

    missing = install_argdown()
    if missing:
        print(f"Argdown CLI unavailable: {missing}. Timing argmap alone.")
    else:
        print(f"Argdown CLI {pinned_version()} from {CACHE.relative_to(ROOT)}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            text = generate(size)
            source = folder / f"debate-{size}.argdown"
            source.write_text(text, encoding="utf-8")
            start = time.perf_counter()
            imported = argdown_from_text(text, str(source))
            yaml_text = emit(imported.map)
            convert = time.perf_counter() - start
            target = folder / f"debate-{size}.yaml"
            target.write_text(yaml_text, encoding="utf-8")
            relations = sum(len(n.relations()) for n in imported.map.nodes)
            a, m = paired(argdown_cmd(source, folder), argmap_cmd(target), folder,
                          args.repeat, missing)
            rows.append(("uniform", size, len(imported.map.nodes), relations, convert, a, m))
            source, target, nodes, relations, convert = varied_pair(folder, size)
            a, m = paired(argdown_cmd(source, folder), argmap_cmd(target), folder,
                          args.repeat, missing)
            rows.append(("varied", size, nodes, relations, convert, a, m))
    print(f"\nArgdown CLI `argdown json` vs `argmap check` on the same map; median of "
          f"{args.repeat} paired runs, process start-up included; target: argmap >= "
          f"{TARGET:.0f}x faster. uniform: a generated debate imported into argmap YAML; "
          f"varied: a map in the styles people write, exported to Argdown (convert s is "
          f"the import or the export)")
    print(f"{'generator':<9} {'size':>6} {'nodes':>7} {'relations':>9} {'convert s':>9} "
          f"{'argdown s':>9} {'argmap s':>8} {'speed-up':>8}  ok")
    for style, size, nodes, relations, convert, a, m in rows:
        ratio = f"{a / m:7.1f}x" if a else "     n/a"
        ok = "" if a is None else ("yes" if a / m >= TARGET else "NO")
        adt = f"{a:9.2f}" if a else "      n/a"
        print(f"{style:<9} {size:>6} {nodes:>7} {relations:>9} {convert:>9.2f} {adt} "
              f"{m:>8.2f} {ratio}  {ok}")


def argdown_cmd(source: Path, folder: Path) -> list[str]:
    """The Argdown CLI's JSON export of ``source``."""
    return [str(ARGDOWN), "json", str(source), str(folder / "out")]


def argmap_cmd(target: Path) -> list[str]:
    """argmap's check of ``target`` with a JSON report."""
    return [sys.executable, "-m", "argmap", "check", "--exit-zero", "--format", "json",
            str(target)]

if __name__ == "__main__":
    main()
