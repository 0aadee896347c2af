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



# --- values quoted in messages ------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from argmap.errors import SHOWN, shown  # noqa: E402

#: The longest message or hint a hostile value may make: two quoted values of SHOWN
#: characters and the words around them (the longest, an enum's choices, take 110).
MESSAGE_MAX = 2 * (SHOWN + 2) + 140


@pytest.mark.parametrize(("value", "expected"), [
    ("missing-node", "'missing-node'"),
    ("m:a", "'m:a'"),
    ("", "''"),
    ("x" * SHOWN, "'" + "x" * SHOWN + "'"),
    ("x" * (SHOWN + 1), "'" + "x" * (SHOWN - 1) + "…'"),
    ("two\nlines: error: forged", "'two\\nlines: error: forged'"),
    ("\x1b[31mred\u202e", "'\\x1b[31mred\\u202e'"),
    ("\x1b" * SHOWN, "'" + "\\x1b" * ((SHOWN - 1) // 4) + "…'"),
    ("اردو", "'اردو'"),
    (5, "5"),
    (True, "True"),
    (None, "None"),
    (["a", "b"], "['a', 'b']"),
    ({"b": 1, "a": [2]}, "{'b': 1, 'a': [2]}"),
], ids=["id", "map-id", "empty", "at-the-bound", "one-over", "newline", "controls",
        "escapes-count", "urdu", "int", "bool", "none", "list", "mapping"])
def test_shown_quotes_escapes_and_cuts(value: object, expected: str) -> None:
    """shown quotes a string as the messages always did ('id'), any other value by its
    repr; escapes what could act on a terminal or start a line; cuts at SHOWN with …."""
    assert expected == shown(value)


def test_shown_bounds_any_value() -> None:
    """Huge containers and an integer past Python's str() limit are shown in SHOWN
    characters, without building their whole repr; unquoted for a path."""
    assert (SHOWN, "<int>") == (len(shown([["x" * 10_000] * 10_000] * 10)), shown(10**5000))
    assert ("a/b.yaml", "a" * (SHOWN - 1) + "…") == (
        shown("a/b.yaml", quoted=False), shown("a" * 5000, quoted=False))


HOSTILE = st.one_of(
    st.text(max_size=40),
    st.tuples(st.text(min_size=1, max_size=8), st.integers(1, 700)).map(lambda t: t[0] * t[1]),
    # Valid ids and references longer than SHOWN: they load as far as the references.
    st.text(alphabet="ab-:", min_size=SHOWN, max_size=401).map(lambda s: "a" + s),
    st.sampled_from(["x\ny.yaml:1:1: error: forged [x]", "a" * 5000, "a" * 200 + ":" + "b" * 200,
                     "::error file=x::forged", "\r\u2028\u2029\x85\x1b]8;;", "a" * 401]),
)
_HEAD = "argmap: 1\ntitle: T\n"
_NODE = "nodes:\n  - id: a\n    kind: claim\n    text: A.\n"
#: Where a map quotes a value back: each place, the map with {v} (a JSON string) in it.
PLACES = {
    "supports": _HEAD + _NODE + "    supports: [{v}]\n",
    "map-reference": _HEAD + _NODE + "    supports: [{{to: {v}}}]\n",
    "undercuts": _HEAD + _NODE + "    undercuts: [{{to: {v}}}]\n",
    # (An explicit key `? k`: YAML allows a plain `k:` of at most 1,024 characters.)
    "key": _HEAD + _NODE + "    ? {v}\n    : 1\n",
    "top-key": _HEAD + "? {v}\n: 1\n" + _NODE,
    "kind": _HEAD + "nodes:\n  - id: a\n    kind: {v}\n    text: A.\n",
    "id": _HEAD + "nodes:\n  - id: {v}\n    kind: claim\n    text: A.\n",
    "duplicate-id": _HEAD + "nodes:\n  - id: {v}\n    kind: claim\n    text: A.\n"
                    "  - id: {v}\n    kind: claim\n    text: B.\n",
    "source": _HEAD + "nodes:\n  - id: a\n    kind: evidence\n    text: A.\n    source: {v}\n",
    "scheme": _HEAD + _NODE + "  - id: b\n    kind: claim\n    text: B.\n"
              "    supports: [{{to: a, scheme: {v}}}]\n",
    "question": _HEAD + _NODE + "  - id: b\n    kind: claim\n    text: B.\n"
                "    supports: [{{to: a, scheme: expert-opinion, question: {v}}}]\n",
    "url": _HEAD + "sources:\n  - id: s\n    title: S\n    url: {v}\n" + _NODE,
    "date": _HEAD + "sources:\n  - id: s\n    title: S\n    date: {v}\n" + _NODE,
    "confidence": _HEAD + _NODE + "    confidence: {v}\n",
    "tension": _HEAD + _NODE + "tensions:\n  - id: t\n    between: [a, {v}]\n",
}


def _messages(text: str) -> list[str]:
    from argmap import LoadError, loads

    try:
        loads(text, "m.yaml")
    except LoadError as exc:
        return [s for p in exc.problems for s in (p.message, p.hint or "")]
    return []


@settings(max_examples=40)
@given(value=HOSTILE)
def test_no_load_error_quotes_a_hostile_value_at_length(value: str) -> None:
    """Whatever id, key, reference, scheme, date or URL a map holds, in whichever place,
    each message and hint of its load errors is at most MESSAGE_MAX characters and one
    line: the value is cut at SHOWN characters and its line breaks escaped."""
    import json

    for name, template in PLACES.items():
        for text in _messages(template.format(v=json.dumps(value))):
            assert (name, True, False) == (name, len(text) <= MESSAGE_MAX,
                                           any(c in text for c in "\n\r\x85\u2028\u2029"))


@pytest.mark.parametrize("value", ["a" * 5000, "a" * 200, "a" * 200 + ":" + "a" * 200],
                         ids=["5000", "longest-id", "longest-reference"])
def test_a_long_id_is_shown_cut_in_each_message(value: str) -> None:
    """The 5,000-character id the audit found (10,000 characters of message and hint), and
    the longest id and reference the format allows, are shown cut at SHOWN characters in
    every message and hint, whichever place holds them."""
    import json

    found, silent = {}, []
    for name, template in PLACES.items():
        texts = _messages(template.format(v=json.dumps(value)))
        found[name] = [t for t in texts if "a" * SHOWN in t]
        silent += [] if texts else [name]
    # (Only the longest id is a valid id where an id is declared.)
    assert ({name: [] for name in PLACES}, True) == (found, set(silent) <= {"id"})


@pytest.mark.parametrize(("text", "expected"), [
    (_HEAD + _NODE + "    supports: [missing-node]\n",
     [("m.yaml:7:16: error: no node with id 'missing-node' [dangling-reference]",
       "define a node with id 'missing-node'")]),
    (_HEAD + _NODE + "  - id: b\n    kind: claim\n    text: B.\n    supports: [aa]\n",
     [("m.yaml:10:16: error: no node with id 'aa' [dangling-reference]",
       "did you mean 'a'?")]),
    (_HEAD + _NODE + "    txt: A.\n",
     [("m.yaml:7:5: error: unknown key 'txt' in nodes[0] [unknown-key]",
       "did you mean 'text'?")]),
    (_HEAD + "nodes:\n  - id: a\n    kind: claym\n    text: A.\n",
     [("m.yaml:5:11: error: nodes[0].kind: 'claym' is not one of 'claim', 'evidence', "
       "'recommendation', 'assumption' or 'objection' [invalid-value]", "did you mean 'claim'?")]),
], ids=["dangling", "did-you-mean", "unknown-key", "enum"])
def test_a_usual_value_is_quoted_as_before(text: str, expected: list[tuple[str, str]]) -> None:
    """Ids, keys and values of usual length are quoted in full, as they always were, and
    "did you mean" still names the id to write."""
    from argmap import LoadError, loads

    with pytest.raises(LoadError) as info:
        loads(text, "m.yaml")
    assert expected == [(str(p), p.hint) for p in info.value.problems]


# --- an unknown node -------------------------------------------------------------------

from argmap.errors import CHOICES, MATCHES, UnknownNode, unknown_node  # noqa: E402

_KEYS = ["pa:istanbul-talks-collapsed", "pa:istanbul-mutual-blame", "pa:where-istanbul-failed",
         "pa:porous-frontier", "b:claim", "c:claim"]


@pytest.mark.parametrize(("name", "bare", "expected"), [
    ("porous-fronteir", _KEYS, "no node 'porous-fronteir'; did you mean 'porous-frontier'?"),
    ("istanbul", _KEYS, "no node 'istanbul'; did you mean 'istanbul-mutual-blame', "
     "'istanbul-talks-collapsed' or 'where-istanbul-failed'?"),
    ("pa:porous-fronteir", _KEYS, "no node 'pa:porous-fronteir'; did you mean "
     "'pa:porous-frontier'?"),
    ("pa:istanbul", _KEYS, "no node 'pa:istanbul'; did you mean 'pa:istanbul-mutual-blame', "
     "'pa:istanbul-talks-collapsed' or 'pa:where-istanbul-failed'?"),
    ("pb:porous-frontier", _KEYS, "no node 'pb:porous-frontier'; did you mean "
     "'pa:porous-frontier'?"),
    ("claimm", _KEYS, "no node 'claimm'; did you mean 'b:claim' or 'c:claim'?"),
    ("claim", _KEYS, "node 'claim' is in several maps; write map:id, one of 'b:claim', "
     "'c:claim'"),
    ("claim", _KEYS[:4], "no node 'claim'; did you mean 'b:claim' or 'c:claim'?"),
    ("porous-frontier", None, "no node 'porous-frontier'; did you mean 'pa:porous-frontier'?"),
    ("porous-frontier", _KEYS[4:], "no node 'porous-frontier'; did you mean "
     "'pa:porous-frontier'?"),
    ("zzz", _KEYS, "no node 'zzz'"),
    ("", _KEYS, "no node ''"),
], ids=["typo", "part", "key-typo", "key-part", "map-typo", "ambiguous-typo", "ambiguous",
        "only-in-maps-not-bare", "keys-only", "not-bare-here", "no-match", "empty"])
def test_unknown_node_offers_names_as_they_can_be_written(
        name: str, bare: list[str] | None, expected: str) -> None:
    """The names meant, each as it can be written: bare where the id alone names the node
    among ``bare`` (else its key); a key for a key, within the map it names; the keys to
    choose from for an id several of ``bare`` have. (Where the caller takes a name
    bare, it asks only about a name it could not resolve.)"""
    assert expected == str(unknown_node(name, _KEYS, bare=bare))


def test_unknown_node_carries_what_it_says() -> None:
    """The error is a UsageError with the name, the matches and the choices as data."""
    typo, ambiguous = unknown_node("claimm", _KEYS, bare=_KEYS), \
        unknown_node("claim", _KEYS, bare=_KEYS)
    assert (True, "claimm", ("b:claim", "c:claim"), (), False) == (
        issubclass(UnknownNode, UsageError), typo.name, typo.matches, typo.choices,
        typo.ambiguous)
    assert ((), ("b:claim", "c:claim"), True) == (
        ambiguous.matches, ambiguous.choices, ambiguous.ambiguous)


def test_unknown_node_offers_at_most_matches_and_lists_at_most_choices() -> None:
    """Of 50 ids that contain the name, MATCHES are offered; of an id 50 maps have,
    CHOICES keys are listed and the rest counted."""
    many = [f"m:claim-{i:02}" for i in range(50)]
    assert ("m:claim-00", "m:claim-01", "m:claim-02")[:MATCHES] == unknown_node(
        "m:claim", many, bare=many).matches
    everywhere = [f"m{i:02}:claim" for i in range(50)]
    error = unknown_node("claim", everywhere, bare=everywhere)
    listed = ", ".join(f"'m{i:02}:claim'" for i in range(CHOICES))
    assert (50, f"node 'claim' is in several maps; write map:id, one of {listed} and "
            f"{50 - CHOICES} more") == (len(error.choices), str(error))


def test_unknown_node_compares_no_name_longer_than_a_key() -> None:
    """A name of more than 500 characters (longer than any map:id) is not compared with
    every node's id (difflib's cost is the product of the lengths); up to 500 it is."""
    keys = ["m:" + "a" * 498]
    assert (("m:" + "a" * 498,), ()) == (unknown_node("a" * 499 + "b", keys).matches,
                                         unknown_node("a" * 500 + "b", keys).matches)


def test_unknown_argument_of_a_framework() -> None:
    """An ICCMA framework's argument names (any text, a `:` in it too) get the same error,
    about an argument."""
    assert ("no argument 'alpah'; did you mean 'alpha'?", "no argument 'a:c'") == (
        str(unknown_node("alpah", ["alpha", "a:b"], what="argument")),
        str(unknown_node("a:c", ["alpha", "a:b"], what="argument")))


@settings(max_examples=60)
@given(name=HOSTILE)
def test_unknown_node_message_is_one_bounded_line(name: str) -> None:
    """Whatever the name, the message is one line of at most MATCHES + 1 quoted values and
    the words around them; an ambiguous name's at most CHOICES + 1."""
    keys = [f"m:{name[:5]}x", "n:" + "b" * 200, f"n:{name[:3]}"]
    for error in (unknown_node(name, keys, bare=keys), unknown_node(name, keys),
                  unknown_node("claim", ["a:" + "c" * 200 + "claim", "b:claim"] * 20,
                               bare=[f"{i}:claim" for i in range(20)])):
        text = str(error)
        assert (True, False) == (len(text) <= (CHOICES + 1) * (SHOWN + 4) + 80,
                                 any(c in text for c in "\n\r\x85\u2028\u2029"))
        assert len(text) <= (MATCHES + 1) * (SHOWN + 4) + 80 or error.ambiguous


def test_shell_word_quotes_or_escapes() -> None:
    """A value offered in a command is quoted for a shell; one holding a line break is
    shown escaped, so it cannot add lines; a long one is cut unless told not to."""
    from argmap.errors import SHOWN, shell_word

    assert "'my maps/a b.yaml'" == shell_word("my maps/a b.yaml")
    assert "arguments/m.yaml" == shell_word("arguments/m.yaml")
    assert "'a\\nb'" == shell_word("a\nb")
    long = "d/" + "x" * SHOWN
    assert shown(long) == shell_word(long)
    assert "\u2026" in shell_word(long)
    assert long == shell_word(long, cut=False)
