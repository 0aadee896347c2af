"""Tests of argmap.errors: how locations and problems print, sort and travel in one error."""

from __future__ import annotations

import pytest

from argmap.errors import ArgmapError, LoadError, Location, Problem, Severity, UsageError


def test_location_prints_as_path_line_col() -> None:
    """A location prints as ``path:line:col``; line and col default to 1."""
    assert (str(Location("m.yaml", 3, 7)), str(Location("m.yaml"))) == ("m.yaml:3:7", "m.yaml:1:1")


def test_problem_prints_in_the_parsable_form() -> None:
    """A problem prints as ``path:line:col: severity: message [code]`` (no hint)."""
    problem = Problem(Location("m.yaml", 2, 5), "unknown-key", "unknown key 'txt'",
                      Severity.WARNING, hint="did you mean 'text'?")
    assert str(problem) == "m.yaml:2:5: warning: unknown key 'txt' [unknown-key]"


def test_severity_order() -> None:
    """Severities rank info < warning < error, and are their own names as text."""
    ordered = (Severity.INFO, Severity.WARNING, Severity.ERROR)
    assert [(s.rank, s.value) for s in ordered] == [(0, "info"), (1, "warning"), (2, "error")]


def test_load_error_sorts_problems_by_file_line_col_code() -> None:
    """A LoadError holds its problems in file, line, column, code order."""
    b = Problem(Location("b.yaml", 1, 1), "x", "b")
    a3 = Problem(Location("a.yaml", 3, 1), "x", "a3")
    a2_9 = Problem(Location("a.yaml", 2, 9), "x", "a2:9")
    a2_10 = Problem(Location("a.yaml", 2, 10), "x", "a2:10")
    a2_10_a = Problem(Location("a.yaml", 2, 10), "a", "a2:10 first by code")
    error = LoadError([b, a3, a2_10, a2_9, a2_10_a])
    assert (a2_9, a2_10_a, a2_10, a3, b) == error.problems


def test_load_error_message_has_one_line_per_problem() -> None:
    """``str(LoadError)`` is every problem, one a line, in order."""
    error = LoadError([Problem(Location("m.yaml", 2), "b", "second"),
                       Problem(Location("m.yaml", 1), "a", "first")])
    assert ("m.yaml:1:1: error: first [a]\nm.yaml:2:1: error: second [b]"
            == str(error) == error.args[0])


def test_empty_load_error_still_says_something() -> None:
    """A LoadError without problems prints a sentence, not an empty string."""
    assert str(LoadError([])) == "load failed"


def test_every_error_is_an_argmap_error() -> None:
    """The CLI catches one base class: LoadError and UsageError are ArgmapErrors."""
    with pytest.raises(ArgmapError):
        raise LoadError([])
    with pytest.raises(ArgmapError):
        raise UsageError("bad option")

