"""Tests of benchmarks/bench_reference.py: its verdicts and its comparison of answers (the
measurements themselves are the benchmark's, not asserted here)."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.bench_reference import _agree, _solver, verdict

from tests.helpers import ROOT


@pytest.mark.parametrize(("task", "argmap_s", "reference_s", "expected"), [
    ("EE-PR", 2.9, 1.0, "ok"),
    ("EE-PR", 3.1, 1.0, "FAIL: 3.1x"),
    ("SE-ST", 0.09, 0.001, "ok"),  # within the noise floor of 0.1 s
    ("EE-ST", None, 9.0, "FAIL: killed"),
    ("EE-ST", None, None, "both killed"),
    ("DS-PR", 30.0, None, "ok (ref. killed)"),
    ("DC-PR", 1.0, 0.5, "FAIL: >= 1 s"),
    ("DC-ST", 0.5, None, "ok (ref. killed)"),
    ("DC-ST", None, None, "FAIL: killed"),  # credulous must answer on every instance
])
def test_verdict(task: str, argmap_s: float | None, reference_s: float | None,
                 expected: str) -> None:
    """The issue's rules: within 3x of the reference (or 0.1 s), never killed where the
    reference answers, credulous acceptance always under 1 s."""
    assert expected == verdict(task, argmap_s, reference_s)


def test_agree() -> None:
    """Answers are compared by value; a stable extension by checking it is one (two solvers
    may find different ones); enumerations both cut at the limit are not compared."""
    attacks = [(0, 1), (1, 0)]
    assert "agree" == _agree("SE-ST", (0.1, [0]), (0.1, [1]), 2, attacks)
    assert "DISAGREE" == _agree("SE-ST", (0.1, [0, 1]), (0.1, [1]), 2, attacks)
    assert "DISAGREE" == _agree("SE-ST", (0.1, None), (0.1, [1]), 2, attacks)
    assert "DISAGREE" == _agree("DC-PR", (0.1, True), (0.1, False), 2, attacks)
    assert "-" == _agree("DC-PR", None, (0.1, False), 2, attacks)
    cut = {"count": 1000, "digest": "a"}
    assert "1,000 each" == _agree("EE-PR", (1, cut), (1, {**cut, "digest": "b"}), 2, attacks)
    assert "DISAGREE" == _agree("EE-PR", (1, {"count": 3, "digest": "a"}),
                                (1, {"count": 4, "digest": "a"}), 2, attacks)


def test_child_answers() -> None:
    """A child process answers a task with its CPU seconds and the answer, argmap and the
    reference alike (the benchmark's plumbing, on a shipped competition instance)."""
    path = ROOT / "tests" / "data" / "third_party" / "argument_solver" / "inputs" / \
        "competition" / "4_B-1-BA_40_30_3.af"
    answers = []
    for who in ("argmap", "reference"):
        done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_reference.py"),
                               "--child", who, "EE-PR", str(path), "0"], capture_output=True,
                              text=True, timeout=60, check=True,
                              env={"PYTHONPATH": str(ROOT / "src")})
        seconds, answer = json.loads(done.stdout)
        assert seconds >= 0
        answers.append(answer)
    assert answers[0] == answers[1]
    assert answers[0]["count"] >= 1


def _fake_solver(tmp_path: Path, body: str) -> str:
    """The command of a stand-in ICCMA 2023 solver running ``body`` (Python)."""
    script = tmp_path / "solver.py"
    script.write_text("import sys\n" + body, encoding="utf-8")
    return shlex.join([sys.executable, str(script)])


def test_solver_is_asked_the_iccma_way(tmp_path: Path) -> None:
    """A competition solver gets ICCMA 2023's options (the argument counted from 1) and its
    first word, YES or NO, is the answer, with the CPU seconds it took."""
    command = _fake_solver(tmp_path, "print('YES' if sys.argv[1:] == ['-p', 'DC-PR', '-f', "
                                     "'x.af', '-a', '3'] else 'NO')\nprint('w 3')\n")
    seconds, answer = _solver(command, "DC-PR", Path("x.af"), 2, timeout=20)
    assert answer is True
    assert seconds >= 0
    sceptical = _solver(command, "DS-PR", Path("x.af"), 2, timeout=20)
    assert sceptical is not None
    assert sceptical[1] is False


def test_solver_failing_or_killed(tmp_path: Path) -> None:
    """A solver that answers neither YES nor NO stops the benchmark with its output; one
    past its time limit is reported as killed (None)."""
    with pytest.raises(SystemExit, match="UNKNOWN"):
        _solver(_fake_solver(tmp_path, "print('UNKNOWN')\n"), "DC-ST", Path("x.af"), 0,
                timeout=20)
    slow = _fake_solver(tmp_path, "import time\ntime.sleep(60)\n")
    assert _solver(slow, "DC-ST", Path("x.af"), 0, timeout=0.5) is None


def test_unknown_task_is_refused() -> None:
    """--tasks takes only the benchmark's task names, and an unknown one is named with the
    known ones, before any work."""
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_reference.py"),
                           "--tasks", "DC-PR,DC-XX"], capture_output=True, text=True,
                          timeout=60, check=False, env={"PYTHONPATH": str(ROOT / "src")})
    assert 2 == done.returncode
    assert "unknown task DC-XX; the tasks: SE-ST, EE-ST, EE-PR, DC-ST, DC-PR, DS-PR" in \
        done.stderr
