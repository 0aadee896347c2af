"""Tests of argmap.schemes: the catalogue of argumentation schemes and its names."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.records import QUESTION_PATTERN, SCHEME_PATTERN
from argmap.schemes import SCHEMES, by_name, normalized_name


def test_catalogue_is_complete_and_well_formed() -> None:
    """Between 15 and 25 schemes, kebab-case ids, distinct AIF names, and questions
    numbered cq1, cq2, ... in order."""
    assert 15 <= len(SCHEMES) <= 25
    assert len({s.name for s in SCHEMES.values()}) == len(SCHEMES)
    for sid, s in SCHEMES.items():
        assert (sid, True) == (s.id, re.fullmatch(SCHEME_PATTERN, sid) is not None)
        assert len(s.questions) >= 2, sid
        assert [q.id for q in s.questions] == [f"cq{i}" for i in range(1, len(s.questions) + 1)]
        assert all(re.fullmatch(QUESTION_PATTERN, q.id) for q in s.questions)
        assert all(q.text.endswith("?") for q in s.questions), sid
        assert s.form.endswith("."), sid


def test_the_flagship_schemes_are_in_the_catalogue() -> None:
    """The schemes the flagship map's stated relations use are all there."""
    for sid in ("sign", "example", "cause-to-effect", "practical-reasoning",
                "negative-consequences", "positive-consequences", "verbal-classification"):
        assert sid in SCHEMES


def test_no_two_schemes_share_a_name() -> None:
    """Every name and alias, once normalized, names one scheme only."""
    seen: dict[str, str] = {}
    for s in SCHEMES.values():
        for name in (s.id, s.name, *s.aliases):
            key = normalized_name(name)
            assert seen.setdefault(key, s.id) == s.id, name


@pytest.mark.parametrize(("name", "expected"), [
    ("Argument From Expert Opinion", "expert-opinion"),
    ("PracticalReasoning", "practical-reasoning"),  # Araucaria's spelling (AraucariaDB)
    ("Practical Reasoning", "practical-reasoning"),
    ("VerbalClassification", "verbal-classification"),
    ("Example", "example"),
    ("Sign", "sign"),
    ("argument from sign", "sign"),
    ("Slippery Slope Argument", "slippery-slope"),
    ("Generic Ad Hominem", "ad-hominem"),
    ("Circumstantial Ad Hominem", "inconsistent-commitment"),
    ("negative-consequences", "negative-consequences"),
    ("Default Inference", None),
    ("Default Conflict", None),
    ("", None),
])
def test_by_name_reads_aif_spellings(name: str, expected: str | None) -> None:
    """AIF files name schemes in several spellings; each finds its scheme (or none)."""
    found = by_name(name)
    assert expected == (None if found is None else found.id)


def test_question_lookup() -> None:
    """A scheme gives its questions by id, and None for one it does not have."""
    sign = SCHEMES["sign"]
    assert sign.question("cq2") == sign.questions[1]
    assert sign.question("cq3") is None


def test_schemes_command_lists_and_shows() -> None:
    """`argmap schemes` lists every scheme; `argmap schemes ID` (or its AIF name) shows the
    form and the questions; an unknown scheme exits 2."""
    runner = CliRunner()
    listing = runner.invoke(app, ["schemes"])
    assert listing.exit_code == 0
    assert all(sid in listing.output for sid in SCHEMES)
    for arg in ("sign", "Argument From Sign"):
        one = runner.invoke(app, ["schemes", arg])
        assert (0, [
            "sign (Argument From Sign)",
            "B is observed, and B is generally a sign of A; so A is plausible.",
            "  cq1: How strongly is the sign linked to what it is taken to show?",
            "  cq2: Are there other things that would account for the sign better?",
        ]) == (one.exit_code, one.output.splitlines())
    unknown = runner.invoke(app, ["schemes", "nope"])
    assert unknown.exit_code == 2
    assert "unknown scheme 'nope'" in unknown.output
