"""argmap's SAT-backed semantics against a textbook SAT reference (issue #17), instance by
instance and task by task.

    python benchmarks/bench_reference.py [--instances DIR] [--only TEXT] [--queries N]
                                         [--tasks T,T] [--no-generated]
                                         [--reference-timeout S] [--argmap-timeout S]
                                         [--solver CMD] [--solver-timeout S]

For each framework and each ICCMA task (SE-ST: one stable extension; EE-ST and EE-PR:
the stable and preferred extensions, the first 1,000; DC-ST, DC-PR, DS-PR: credulous
stable, credulous and sceptical preferred acceptance of ``--queries`` arguments drawn with
a fixed seed among those the grounded labelling leaves undecided), argmap
(``argmap.semantics.Reasoner``, no budget) and the reference (benchmarks/sat_reference.py)
each run in a child process of their own, killed after 60 s and 10 s. The time given is
the child's CPU time for the task alone (after reading the file; each reads it its own
way). The table says whether the answers agree and the verdict against the issue's rules:
within 3x of the reference (or at most 0.1 s, below the noise of a shared machine) where
it answers; not killed where the reference answers; credulous acceptance under 1 s. The
frameworks: the seeded families of benchmarks/af_families.py, the competition instances
shipped with the tests, and every ``.af``/``.i23`` file under ``--instances DIR``. Exits 1
when two answers disagree.

``--solver CMD`` adds a competition solver as a yardstick on the acceptance tasks: any
solver with ICCMA 2023's command line (``CMD -p DC-PR -f FILE.af -a ARG``, answering
``YES`` or ``NO`` first), e.g. mu-toksia or FUDGE built outside the repository. Its time is
the CPU of the whole process and of the processes it waited for (FUDGE runs CaDiCaL as
one), reading the file included; ``killed`` after ``--solver-timeout`` seconds. Its answer
is checked against argmap's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import af_families as fam  # noqa: E402
from sat_reference import Reference, parse_af  # noqa: E402

LIMIT = 1000
TASKS = ("SE-ST", "EE-ST", "EE-PR", "DC-ST", "DC-PR", "DS-PR")
SHIPPED = HERE.parent / "tests" / "data" / "third_party" / "argument_solver" / "inputs" / \
    "competition"
#: name -> generator; the names follow ICCMA's (AFBenchGen2's parameters, in percent).
FAMILIES: dict[str, Callable[[], tuple[int, list[tuple[int, int]]]]] = {
    "ER_300_10": lambda: fam.erdos_renyi(300, 0.10),
    "ER_1000_1": lambda: fam.erdos_renyi(1000, 0.01),
    "ER_5000_0.1": lambda: fam.erdos_renyi(5000, 0.001),
    "BA_1000_60": lambda: fam.barabasi_albert(1000, 0.6),
    "BA_10000_60": lambda: fam.barabasi_albert(10_000, 0.6),
    "WS_300_16_90_30": lambda: fam.watts_strogatz(300, 16, 0.9, 0.3),
    "WS_1000_8_50_50": lambda: fam.watts_strogatz(1000, 8, 0.5, 0.5),
    "WS_10000_4_30_30": lambda: fam.watts_strogatz(10_000, 4, 0.3, 0.3),
    "admbuster_1000": lambda: fam.admbuster(1000),
    "admbuster_10000": lambda: fam.admbuster(10_000),
    "admbuster_50000": lambda: fam.admbuster(50_000),
    "grid_100x100": lambda: fam.grid(100, 100),
}


def _digest(extensions: list[list[int]]) -> dict[str, Any]:
    ordered = sorted(sorted(e) for e in extensions)
    return {"count": len(ordered),
            "digest": hashlib.sha256(json.dumps(ordered).encode()).hexdigest()[:16]}


def _argmap(task: str, path: str, query: int) -> Any:
    from itertools import islice

    from argmap.interop import iccma
    from argmap.semantics import Reasoner, Semantics

    fw = iccma.framework(path)
    start = time.process_time()
    st, pr = Semantics.STABLE, Semantics.PREFERRED
    answer: Any
    if task == "SE-ST":
        found = next(Reasoner(fw, st, budget=None).extensions(), None)
        answer = None if found is None else found.extension()
    elif task in ("EE-ST", "EE-PR"):
        reasoner = Reasoner(fw, st if task == "EE-ST" else pr, budget=None)
        answer = _digest([lab.extension() for lab in islice(reasoner.extensions(), LIMIT)])
    elif task == "DC-ST":
        answer = Reasoner(fw, st, budget=None).credulous(query)
    elif task == "DC-PR":
        answer = Reasoner(fw, pr, budget=None).credulous(query)
    else:
        answer = Reasoner(fw, pr, budget=None).sceptical(query)
    return time.process_time() - start, answer


def _reference(task: str, path: str, query: int) -> Any:
    n, attacks = parse_af(Path(path).read_text(encoding="utf-8"))
    start = time.process_time()
    ref = Reference(n, attacks)
    answer: Any
    if task == "SE-ST":
        found = ref.some_stable()
        answer = None if found is None else sorted(found)
    elif task == "EE-ST":
        answer = _digest([list(e) for e in ref.stable_extensions(LIMIT)])
    elif task == "EE-PR":
        answer = _digest([list(e) for e in ref.preferred_extensions(LIMIT)])
    elif task == "DC-ST":
        answer = ref.credulous_stable(query)
    elif task == "DC-PR":
        answer = ref.credulous_preferred(query)
    else:
        answer = ref.sceptical_preferred(query)
    return time.process_time() - start, answer


def _run(who: str, task: str, path: Path, query: int, timeout: float) -> Any:
    """(CPU seconds, answer) of a child process, or None when it was killed."""
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    try:
        done = subprocess.run([sys.executable, __file__, "--child", who, task, str(path),
                               str(query)], capture_output=True, text=True, timeout=timeout,
                              env=env, check=False)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode:
        raise SystemExit(f"{who} {task} on {path} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def _solver(command: str, task: str, path: Path, query: int, timeout: float) -> Any:
    """(CPU seconds, answer) of an ICCMA 2023 solver on an acceptance task, or None when it
    was killed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        done = subprocess.run([*shlex.split(command), "-p", task, "-f", str(path),
                               "-a", str(query + 1)], capture_output=True, text=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    first = done.stdout.split()[:1]
    if done.returncode or first not in (["YES"], ["NO"]):
        raise SystemExit(f"{command} {task} on {path} failed ({done.returncode}):\n"
                         f"{(done.stdout + done.stderr)[-2000:]}")
    seconds = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, first == ["YES"]


def _stable(n: int, attacks: list[tuple[int, int]], extension: list[int]) -> bool:
    inside = set(extension)
    hit = {b for a, b in attacks if a in inside}
    return not (inside & hit) and len(inside | hit) == n


def _agree(task: str, a: Any, r: Any, n: int, attacks: list[tuple[int, int]]) -> str:
    """Whether two answers agree: "agree", a note when they cannot be compared, or
    "DISAGREE"."""
    if a is None or r is None:
        return "-"
    a, r = a[1], r[1]
    if task == "SE-ST":
        if (a is None) != (r is None):
            return "DISAGREE"
        return "agree" if a is None or (_stable(n, attacks, a) and _stable(n, attacks, r)) \
            else "DISAGREE"
    if task.startswith("EE"):
        if a["count"] == r["count"] == LIMIT:
            return f"{LIMIT:,} each"
        return "agree" if a == r else "DISAGREE"
    return "agree" if a == r else "DISAGREE"


def verdict(task: str, argmap_s: float | None, reference_s: float | None) -> str:
    """The issue's rules: within 3x of the reference where it answers (or at most 0.1 s),
    not killed where it answers, credulous acceptance under 1 s."""
    credulous = task.startswith("DC")
    if argmap_s is None:
        return "FAIL: killed" if reference_s is not None or credulous else "both killed"
    if credulous and argmap_s >= 1:
        return "FAIL: >= 1 s"
    if reference_s is None:
        return "ok (ref. killed)"
    if argmap_s <= max(3 * reference_s, 0.1):
        return "ok"
    return f"FAIL: {argmap_s / reference_s:.1f}x"


def _queries(n: int, attacks: list[tuple[int, int]], count: int) -> list[int]:
    """``count`` arguments drawn with a fixed seed among those the grounded labelling
    leaves undecided (any, when it decides every one)."""
    from argmap.semantics import from_numbers, grounded

    fw = from_numbers(n, [a for a, _ in attacks], [b for _, b in attacks])
    pool = [a for a, c in enumerate(grounded(fw).codes) if not c] or list(range(n))
    return sorted(random.Random(17).sample(pool, min(count, len(pool))))


def main() -> None:
    """Run every task on every framework and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=Path, metavar="DIR")
    parser.add_argument("--only", help="only the frameworks whose name contains this")
    parser.add_argument("--queries", type=int, default=2)
    parser.add_argument("--tasks", default=",".join(TASKS),
                        help=f"comma-separated, among {', '.join(TASKS)}")
    parser.add_argument("--no-generated", action="store_true")
    parser.add_argument("--reference-timeout", type=float, default=10.0)
    parser.add_argument("--argmap-timeout", type=float, default=60.0)
    parser.add_argument("--solver", metavar="CMD",
                        help="an ICCMA 2023 solver to time on the acceptance tasks")
    parser.add_argument("--solver-timeout", type=float, default=60.0)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    chosen = args.tasks.split(",")
    unknown = sorted(set(chosen) - set(TASKS))
    if unknown:
        parser.error(f"unknown task {', '.join(unknown)}; the tasks: {', '.join(TASKS)}")
    if args.child:
        who, task, path, query = args.child
        seconds, answer = (_argmap if who == "argmap" else _reference)(task, path, int(query))
        print(json.dumps([seconds, answer]))
        return
    paths = sorted(SHIPPED.glob("*.af"))
    if args.instances:
        paths += sorted(p for p in args.instances.rglob("*") if p.suffix.lower() in
                        (".af", ".i23"))
    disagreements = 0
    print(f"argmap against the SAT reference; CPU s of the task in a child process (argmap "
          f"killed at {args.argmap_timeout:g} s, the reference at "
          f"{args.reference_timeout:g} s); Python {sys.version.split()[0]}")
    extra = ("", "") if args.solver is None else (" solver s |", "---:|")
    print(f"| instance | args | attacks | task | argmap s | reference s |{extra[0]} ratio | "
          "answers | verdict |")
    print(f"|---|---:|---:|---|---:|---:|{extra[1]}---:|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        cases = [] if args.no_generated else [(name, None) for name in FAMILIES]
        cases += [(p.stem, p) for p in paths]
        for name, given in cases:
            if args.only and args.only not in name:
                continue
            if given is None:
                n, attacks = FAMILIES[name]()
                path = Path(folder) / f"{name}.af"
                path.write_text(f"p af {n}\n" + "".join(f"{a + 1} {b + 1}\n"
                                                        for a, b in attacks), "ascii")
            else:
                path = given
                n, attacks = parse_af(path.read_text(encoding="utf-8"))
            tasks = [(t, 0) for t in ("SE-ST", "EE-ST", "EE-PR") if t in chosen]
            for q in _queries(n, attacks, args.queries):
                tasks += [(t, q) for t in ("DC-ST", "DC-PR", "DS-PR") if t in chosen]
            for task, q in tasks:
                r = _run("reference", task, path, q, args.reference_timeout)
                a = _run("argmap", task, path, q, args.argmap_timeout)
                same = _agree(task, a, r, n, attacks)
                a_s, r_s = (None if x is None else x[0] for x in (a, r))
                shown = [f"{x:.3f}" if x is not None else "killed" for x in (a_s, r_s)]
                if args.solver is not None:
                    s = (_solver(args.solver, task, path, q, args.solver_timeout)
                         if task[:2] in ("DC", "DS") else None)
                    if _agree(task, a, s, n, attacks) == "DISAGREE":
                        same = "DISAGREE (solver)"
                    shown.insert(2, "-" if task[:2] not in ("DC", "DS") else
                                 "killed" if s is None else f"{s[0]:.3f}")
                disagreements += same.startswith("DISAGREE")
                ratio = f"{a_s / r_s:.2f}" if a_s is not None and r_s else "-"
                label = f"{task} {q + 1}" if task[:2] in ("DC", "DS") else task
                print(f"| {name} | {n:,} | {len(attacks):,} | {label} | "
                      f"{' | '.join(shown)} | {ratio} | {same} | {verdict(task, a_s, r_s)} |",
                      flush=True)
    if disagreements:
        raise SystemExit(f"{disagreements} answers disagree")


if __name__ == "__main__":
    main()
