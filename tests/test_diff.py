"""Tests of argmap.diff (the library): matching, each kind of change on the flagship map
against an edited copy, findings, support, acceptance, git revisions, bounds, determinism."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from argmap import LoadError, NodeKind, load
from argmap.diff import FailOn, diff_paths, diff_revisions, formats, gitrev, match
from argmap.diff import changes as changes_module
from argmap.emit import emit
from argmap.errors import UsageError

from .helpers import FLAGSHIP, ROOT, finishes, write_map

KEY = "pakistan-afghanistan:"


def edited_flagship(folder: Path) -> Path:
    """A copy of the flagship map in ``folder`` (with its source texts), edited: a node
    retyped, one reworded, one renamed, a relation dropped, a strength changed, a quote
    broken, and the only evidence left under a recommendation removed."""
    shutil.copytree(FLAGSHIP.parent / "sources", folder / "sources")
    m = load(FLAGSHIP).model
    nodes = {n.id: n for n in m.nodes}

    def update(nid: str, **changes: Any) -> None:
        nodes[nid] = nodes[nid].model_copy(update=changes)

    update("mediators-need-trust-of-both-sides", kind=NodeKind.ASSUMPTION)
    update("crisis-from-outdated-blueprint", text="The crises of 2025 are the inevitable "
           "result of clinging to an old strategic blueprint.")
    update("gulf-states-bridged-divides", quote="Qatar and Saudi Arabia mediated in Istanbul.")
    # Dropped: strategic-depth-anchor supports crisis-from-outdated-blueprint; then
    # events-of-2025 is the only evidence under reassess-afghanistan-policy, and goes.
    anchor = nodes["strategic-depth-anchor"]
    update("strategic-depth-anchor", supports=tuple(
        r for r in anchor.supports if r.to != "crisis-from-outdated-blueprint"))
    del nodes["events-of-2025"]
    blueprint = nodes["crisis-from-outdated-blueprint"]
    update("crisis-from-outdated-blueprint", supports=tuple(
        r.model_copy(update={"strength": 0.3}) if r.to == "shelve-old-playbook" else r
        for r in blueprint.supports))
    renamed = nodes.pop("istanbul-talks-collapsed").model_copy(
        update={"id": "istanbul-round-collapsed"})
    order = [renamed if n.id == "istanbul-talks-collapsed" else nodes.get(n.id)
             for n in m.nodes]
    tensions = tuple(t.model_copy(update={"between": tuple(
        "istanbul-round-collapsed" if b == "istanbul-talks-collapsed" else b
        for b in t.between)}) for t in m.tensions)
    edited = m.model_copy(update={"nodes": tuple(n for n in order if n is not None),
                                  "tensions": tensions})
    return write_map(folder, "pakistan-afghanistan.yaml", emit(edited))


@pytest.fixture(scope="module")
def flagship_diff(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The diff of the flagship map against its edited copy."""
    folder = tmp_path_factory.mktemp("edited")
    return diff_paths(FLAGSHIP, edited_flagship(folder))


def node_of(diff: Any, key: str) -> Any:
    """The change of node ``key``."""
    return next(n for n in diff.nodes if n.key == KEY + key)


def changes_of(diff: Any, key: str) -> tuple[str, ...]:
    """What changed in node ``key`` (none when it did not)."""
    return next((n.changes for n in diff.nodes if n.key == KEY + key), ())


def test_flagship_retyped(flagship_diff: Any) -> None:
    """The claim made an assumption is retyped, with its kinds before and after."""
    node = node_of(flagship_diff, "mediators-need-trust-of-both-sides")
    assert ("retyped",) == node.changes
    assert ("claim", "assumption") == (node.kind_before, node.kind_after)


def test_flagship_reworded_with_word_diff(flagship_diff: Any) -> None:
    """The reworded claim has a word diff: kept, removed and added runs of words."""
    node = node_of(flagship_diff, "crisis-from-outdated-blueprint")
    assert ("reworded",) == node.changes
    removed = [w.text for w in node.words if w.op == "-"]
    added = [w.text for w in node.words if w.op == "+"]
    assert ["not anomalies but", "outdated"] == removed
    assert ["old"] == added


def test_flagship_renamed(flagship_diff: Any) -> None:
    """The renamed node is matched by its text: renamed, not removed and added."""
    node = node_of(flagship_diff, "istanbul-round-collapsed")
    assert ("renamed",) == node.changes
    assert (KEY + "istanbul-talks-collapsed", 1.0) == (node.old_key, node.similarity)
    assert () == changes_of(flagship_diff, "istanbul-talks-collapsed")


def test_flagship_removed_node(flagship_diff: Any) -> None:
    """The removed evidence is listed as removed."""
    assert ("removed",) == changes_of(flagship_diff, "events-of-2025")


def test_flagship_quote_broken(flagship_diff: Any) -> None:
    """The broken quote is changed and newly unverified (the quote check's result)."""
    assert ("quote-changed", "quote-unverified") == changes_of(
        flagship_diff, "gulf-states-bridged-divides")


def test_flagship_relations(flagship_diff: Any) -> None:
    """The dropped support is removed, the changed strength is listed with both values,
    and the relations of the removed node are removed; nothing else."""
    relations = {(r.change, r.source, r.kind, r.target, r.fields)
                 for r in flagship_diff.relations}
    assert {
        ("removed", KEY + "strategic-depth-anchor", "supports",
         "crisis-from-outdated-blueprint", ()),
        ("changed", KEY + "crisis-from-outdated-blueprint", "supports", "shelve-old-playbook",
         (("strength", None, "0.3"),)),
        ("removed", KEY + "events-of-2025", "supports", "reassess-afghanistan-policy", ()),
    } == relations


def test_flagship_recommendation_lost_evidence(flagship_diff: Any) -> None:
    """The recommendation whose only evidence went rests on no evidence now; the
    condition recommendation-lost-evidence holds."""
    rec = next(r for r in flagship_diff.recommendations
               if r.key == KEY + "reassess-afghanistan-policy")
    assert (2, 0, True) == (rec.evidence_before, rec.evidence_after, rec.lost_evidence)
    assert KEY + "events-of-2025" in rec.grounds_removed
    assert flagship_diff.holds(FailOn.RECOMMENDATION_LOST_EVIDENCE)


def test_flagship_findings(flagship_diff: Any) -> None:
    """The broken quote is a new error; the rename makes no finding new or resolved."""
    codes = [(p.code, p.node) for p in flagship_diff.introduced]
    assert ("quote-not-found", KEY + "gulf-states-bridged-divides") in codes
    assert flagship_diff.holds(FailOn.NEW_ERROR)
    # (the tension naming the renamed node is the same finding before and after)
    assert all("istanbul" not in p.message for p in
               (*flagship_diff.introduced, *flagship_diff.resolved))
    assert [(KEY + "mediators-need-trust-of-both-sides", "unsupported-claim")] == [
        (p.node, p.code) for p in flagship_diff.resolved]


def test_flagship_acceptance(flagship_diff: Any) -> None:
    """The recommendation that lost its evidence loses strength under DF-QuAD."""
    change = next(a for a in flagship_diff.acceptance
                  if a.key == KEY + "reassess-afghanistan-policy")
    assert change.strength_after < change.strength_before


def test_same_map_is_empty(tmp_path: Path) -> None:
    """A map compared with an identical copy: no change; no condition holds."""
    shutil.copytree(FLAGSHIP.parent, tmp_path / "copy")
    diff = diff_paths(FLAGSHIP, tmp_path / "copy" / FLAGSHIP.name)
    assert diff.empty
    assert not any(diff.holds(c) for c in FailOn)


def test_json_and_markdown_are_deterministic(tmp_path: Path) -> None:
    """Two runs give byte-identical JSON and Markdown."""
    edited = edited_flagship(tmp_path)
    first, again = diff_paths(FLAGSHIP, edited), diff_paths(FLAGSHIP, edited)
    assert formats.json_text(first) == formats.json_text(again)
    assert formats.markdown(first) == formats.markdown(again)
    data = json.loads(formats.json_text(again))
    assert 1 == data["argmap-diff"]


# --- matching -------------------------------------------------------------------------

def test_rename_needs_the_same_kind() -> None:
    """An old and a new node of different kinds are never one renamed node."""
    old = [match.Candidate("a", "claim", "Talks failed in Istanbul last year.")]
    new = [match.Candidate("b", "evidence", "Talks failed in Istanbul last year.")]
    assert [] == match.match_renamed(old, new)


def test_rename_threshold() -> None:
    """Texts at the threshold's similarity match; below it they do not."""
    old = [match.Candidate("a", "claim", "one two three four")]
    at = [match.Candidate("b", "claim", "one two three five")]  # 3/5 = 0.6
    below = [match.Candidate("c", "claim", "one two six seven")]  # 2/6
    assert [("a", "b", 0.6)] == match.match_renamed(old, at)
    assert [] == match.match_renamed(old, below)


def test_rename_best_pair_first() -> None:
    """Pairs are taken best first: each old node gets the new node most like it."""
    old = [match.Candidate("a", "claim", "alpha beta gamma delta"),
           match.Candidate("b", "claim", "alpha beta gamma epsilon")]
    new = [match.Candidate("x", "claim", "alpha beta gamma epsilon zeta"),
           match.Candidate("y", "claim", "alpha beta gamma delta")]
    assert [("a", "y", 1.0), ("b", "x", 0.8)] == match.match_renamed(old, new)


def test_common_words_make_no_candidates() -> None:
    """A word more than MAX_POSTING new nodes share does not make candidates: texts alike
    only in common words do not match, however many."""
    n = match.MAX_POSTING + 1
    new = [match.Candidate(f"n{i}", "claim", f"the common words here w{i}") for i in range(n)]
    old = [match.Candidate("o", "claim", "the common words here")]
    assert [] == match.match_renamed(old, new)
    assert [("o", "n0", 0.8)] == match.match_renamed(old, new[:match.MAX_POSTING])


def test_word_diff_bound() -> None:
    """Texts of more than MAX_DIFF_WORDS words get no word diff."""
    long = " ".join(["word"] * (match.MAX_DIFF_WORDS + 1))
    assert () == match.word_diff(long, long + " more")
    assert (("=", "a"), ("+", "b")) == match.word_diff("a", "a b")


def test_word_diffs_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only MAX_WORD_DIFFS reworded nodes get a word diff; the others are still reworded."""
    monkeypatch.setattr(changes_module, "MAX_WORD_DIFFS", 1)
    body = "argmap: 1\ntitle: T\nnodes:\n"
    old = write_map(tmp_path / "a", "m.yaml", body + "".join(
        f"  - {{id: n{i}, kind: evidence, text: Fact {i} holds.}}\n" for i in range(3)))
    new = write_map(tmp_path / "b", "m.yaml", body + "".join(
        f"  - {{id: n{i}, kind: evidence, text: Fact {i} holds now.}}\n" for i in range(3)))
    diff = diff_paths(old, new)
    assert [True, False, False] == [bool(n.words) for n in diff.nodes]
    assert all(n.changes == ("reworded",) for n in diff.nodes)


# --- errors -----------------------------------------------------------------------------

def test_broken_side_gives_its_located_error(tmp_path: Path) -> None:
    """A map that does not load, on either side, raises its located LoadError."""
    bad = write_map(tmp_path, "bad.yaml", "argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: x\n"
                    "    text: A.\n")
    with pytest.raises(LoadError) as err:
        diff_paths(FLAGSHIP, bad)
    assert str(bad) == err.value.problems[0].location.path
    assert 5 == err.value.problems[0].location.line


def test_file_and_folder_refused(tmp_path: Path) -> None:
    """A file is compared with a file, a folder with a folder."""
    with pytest.raises(UsageError, match="two files or two folders"):
        diff_paths(FLAGSHIP, FLAGSHIP.parent)


# --- git revisions ----------------------------------------------------------------------

def git(repo: Path, *args: str) -> None:
    """Run git in ``repo`` (a fixed identity and date: the commits are reproducible)."""
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE":
           "2026-01-01T00:00:00Z", "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository, the working directory, whose commit `v1` holds the flagship map
    in `arguments/` and whose working tree holds the edited copy."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    shutil.copytree(FLAGSHIP.parent, root / "arguments")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "v1")
    git(root, "tag", "v1")
    shutil.rmtree(root / "arguments")
    edited_flagship(root / "arguments")
    monkeypatch.chdir(root)
    return root


def test_revision_against_working_tree(repo: Path) -> None:
    """`diff v1 -- arguments/` compares the maps at v1 with the working tree: the same
    changes as the two files."""
    diff = diff_revisions("v1", None, [Path("arguments")])
    assert "v1:arguments" == diff.old
    assert ("renamed",) == changes_of(diff, "istanbul-round-collapsed")
    assert ("quote-changed", "quote-unverified") == changes_of(
        diff, "gulf-states-bridged-divides")
    assert diff.holds(FailOn.RECOMMENDATION_LOST_EVIDENCE)


def test_two_revisions(repo: Path) -> None:
    """`diff v1 HEAD -- PATH` compares two revisions; the working tree is not read."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v2")
    (repo / "arguments" / "pakistan-afghanistan.yaml").write_text("not: a map\n")
    diff = diff_revisions("v1", "HEAD", [Path("arguments/pakistan-afghanistan.yaml")])
    assert ("removed",) == changes_of(diff, "events-of-2025")


def test_unknown_revision(repo: Path) -> None:
    """An unknown revision is a usage error that names it."""
    with pytest.raises(UsageError, match="unknown revision 'nope'"):
        diff_revisions("nope", None, [Path("arguments")])


def test_option_as_revision_refused(repo: Path) -> None:
    """A revision that starts with `-` is refused (it would be read as an option)."""
    with pytest.raises(UsageError, match="is not a revision"):
        diff_revisions("--output=x", None, [Path("arguments")])


def test_not_a_repository(tmp_path: Path) -> None:
    """Outside a git repository: a usage error that says so."""
    with pytest.raises(UsageError, match="not in a git repository"):
        diff_revisions("HEAD", None, [Path("x")], workdir=tmp_path)


def test_path_outside_repository(repo: Path) -> None:
    """A path outside the repository is refused."""
    with pytest.raises(UsageError, match="outside the git repository"):
        diff_revisions("v1", None, [Path("../elsewhere")])


def test_revision_load_error_is_shown_at_the_revision(repo: Path) -> None:
    """A map broken at the revision gives its located error as REV:path:line:col."""
    (repo / "arguments" / "pakistan-afghanistan.yaml").write_text(
        "argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: x\n    text: A.\n")
    git(repo, "commit", "-q", "-am", "broken")
    with pytest.raises(LoadError) as err:
        diff_revisions("HEAD", None, [Path("arguments")])
    assert "HEAD:arguments/pakistan-afghanistan.yaml" == err.value.problems[0].location.path


def test_revision_symlink_not_followed(repo: Path) -> None:
    """A symbolic link of the revision is not copied: a map that is a link to a file
    outside is not read."""
    secret = repo.parent / "secret.yaml"
    secret.write_text("argmap: 1\ntitle: Secret\nnodes: []\n")
    (repo / "arguments" / "link.yaml").symlink_to(secret)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "link")
    load_, context = gitrev.Repository(repo).maps(
        gitrev.Repository(repo).commit("HEAD"), "HEAD", ["arguments"])
    assert ["arguments/pakistan-afghanistan.yaml"] == load_
    assert [] == context


def test_revision_file_budget(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """More files than MAX_FILES at a revision are refused, not read."""
    monkeypatch.setattr("argmap.diff.sides.MAX_FILES", 0)
    with pytest.raises(UsageError, match="more than 0 files"):
        diff_revisions("v1", None, [Path("arguments")])


def test_revision_source_text_outside_refused(repo: Path) -> None:
    """A source text that leads out of the revision's copy is a located load error, not
    a file read from the working tree."""
    path = repo / "arguments" / "pakistan-afghanistan.yaml"
    text = path.read_text()
    path.write_text(text.replace("text: sources/", "text: ../../../../../../../../../../"
                                 + str(repo).lstrip("/") + "/arguments/sources/", 1))
    git(repo, "commit", "-q", "-am", "outside")
    with pytest.raises(LoadError) as err:
        diff_revisions("HEAD", None, [Path("arguments")])
    assert "source-outside-tree" == err.value.problems[0].code


def test_similarity_weighs_the_first_max_tokens_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the first MAX_TOKENS distinct words of a text count: texts alike in those
    words are alike, whatever follows."""
    monkeypatch.setattr(match, "MAX_TOKENS", 3)
    assert 1.0 == match.similarity("a b c d e f", "a b c x y z")
    assert 0.5 == match.similarity("a b c", "a b x")


def test_candidates_per_old_node_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    """An old node weighs at most MAX_CANDIDATES new nodes, those sharing the most rare
    words (then the first): a better pair beyond them is not seen."""
    monkeypatch.setattr(match, "MAX_CANDIDATES", 1)
    old = [match.Candidate("o", "claim", "a b c d")]
    new = [match.Candidate("x", "claim", "a b c d e f g h"),  # 4 words shared; 4/8
           match.Candidate("y", "claim", "a b c")]  # 3 words shared; 3/4
    assert [("o", "x", 0.5)] == match.match_renamed(old, new)
    monkeypatch.setattr(match, "MAX_CANDIDATES", 2)
    assert [("o", "y", 0.75)] == match.match_renamed(old, new)


def test_markdown_text_and_grounds_are_capped(tmp_path: Path) -> None:
    """The Markdown shows a node's text up to MAX_TEXT characters and a recommendation's
    grounds up to MAX_KEYS, saying how many more."""
    n = formats.MAX_KEYS + 2
    body = "argmap: 1\ntitle: T\nnodes:\n  - {id: r, kind: recommendation, text: Do it.}\n"
    old = write_map(tmp_path / "a", "m.yaml", body + "".join(
        f"  - {{id: e{i}, kind: evidence, text: Fact {i}., supports: [r]}}\n" for i in range(n)))
    new = write_map(tmp_path / "b", "m.yaml", body + "  - id: long\n    kind: claim\n"
                    f"    text: {'word ' * formats.MAX_TEXT}end\n")
    text = formats.markdown(diff_paths(old, new))
    assert "and 2 more" in text
    added = next(line for line in text.splitlines() if line.startswith("- added **long**"))
    assert added.endswith("…")
    assert len(added) < formats.MAX_TEXT + 40


def test_revision_byte_budget(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """More than MAX_TOTAL bytes at a revision are refused before they are read."""
    monkeypatch.setattr("argmap.diff.sides.MAX_TOTAL", 1000)
    with pytest.raises(UsageError, match=r"more than 10000 files or 0\.0 MiB"):
        diff_revisions("v1", None, [Path("arguments")])


def test_revision_file_size_cap(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file of the revision larger than argmap reads is refused, not read."""
    monkeypatch.setattr(gitrev.safeio, "MAX_BYTES", 1000)
    with pytest.raises(UsageError, match=r"pakistan-afghanistan\.yaml: file is 0\.1 MiB"):
        diff_revisions("v1", None, [Path("arguments")])


def test_git_timeout(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A git command that takes over TIMEOUT seconds is stopped: a usage error, no hang."""
    monkeypatch.setattr(gitrev, "TIMEOUT", 1e-9)
    with pytest.raises(UsageError, match="took over"):
        diff_revisions("v1", None, [Path("arguments")])


# --- more kinds of change ---------------------------------------------------------------

HEAD = "argmap: 1\ntitle: T\nnodes:\n"
NODES = ("  - {id: b, kind: claim, text: Bee.}\n  - {id: c, kind: claim, text: Sea.}\n"
         "  - {id: d, kind: claim, text: Dee.}\n")


def _pair(tmp_path: Path, old: str, new: str, files: dict[str, str] | None = None) -> Any:
    return diff_paths(write_map(tmp_path / "a", "m.yaml", HEAD + old, files),
                      write_map(tmp_path / "b", "m.yaml", HEAD + new, files))


def test_retargeted_relation(tmp_path: Path) -> None:
    """The only support of a node that now points elsewhere is retargeted, not removed and
    added; so is a relation with the same id, whatever else changed at the node."""
    diff = _pair(tmp_path, NODES + "  - {id: a, kind: evidence, text: A., supports: [b]}\n",
                 NODES + "  - {id: a, kind: evidence, text: A., supports: [c]}\n")
    assert [("retargeted", "m:a", "supports", "c", "b")] == [
        (r.change, r.source, r.kind, r.target, r.target_before) for r in diff.relations]
    by_id = _pair(tmp_path / "ids",
                  NODES + "  - id: a\n    kind: evidence\n    text: A.\n    supports:\n"
                  "      - {to: b, id: r1}\n      - {to: c}\n",
                  NODES + "  - id: a\n    kind: evidence\n    text: A.\n    supports:\n"
                  "      - {to: d, id: r1}\n")
    assert [("retargeted", "d", "b"), ("removed", "c", None)] == [
        (r.change, r.target, r.target_before) for r in by_id.relations]


def test_relation_provenance_changed(tmp_path: Path) -> None:
    """A relation now drawn by the analyst, with a scheme, lists both fields' values."""
    diff = _pair(tmp_path, NODES + "  - {id: a, kind: evidence, text: A., supports: [b]}\n",
                 NODES + "  - id: a\n    kind: evidence\n    text: A.\n    supports:\n"
                 "      - {to: b, by: analyst, scheme: sign}\n")
    assert [(("by", "source", "analyst"), ("scheme", None, "sign"))] == [
        r.fields for r in diff.relations]


def test_quote_verified_again(tmp_path: Path) -> None:
    """A quote the source did not hold and now holds is quote-verified."""
    src = ("sources:\n  - {id: s, title: S, text: s.txt}\n")
    node = "  - {{id: a, kind: evidence, text: A., source: s, quote: {q}, supports: [b]}}\n"
    diff = diff_paths(
        write_map(tmp_path / "a", "m.yaml", HEAD.replace("nodes:\n", src + "nodes:\n")
                  + NODES + node.format(q="Not in it"), {"s.txt": "The words are here.\n"}),
        write_map(tmp_path / "b", "m.yaml", HEAD.replace("nodes:\n", src + "nodes:\n")
                  + NODES + node.format(q="words are here"), {"s.txt": "The words are here.\n"}))
    assert ("quote-changed", "quote-verified") == changes_of_key(diff, "m:a")
    assert ["quote-not-found"] == [p.code for p in diff.resolved]


def changes_of_key(diff: Any, key: str) -> tuple[str, ...]:
    """What changed in node ``key`` (a full key)."""
    return next((n.changes for n in diff.nodes if n.key == key), ())


def test_folders_pair_maps_by_name(tmp_path: Path) -> None:
    """Two folders: maps are paired by file name; a map only on one side is added or
    removed with all its nodes."""
    for side, names in (("a", ("m", "gone")), ("b", ("m", "new"))):
        for name in names:
            write_map(tmp_path / side, f"{name}.yaml", HEAD + "  - {id: x, kind: claim, "
                      "text: X.}\n")
    diff = diff_paths(tmp_path / "a", tmp_path / "b")
    assert (("new.yaml",), ("gone.yaml",)) == (diff.maps_added, diff.maps_removed)
    assert [("new:x", ("added",)), ("gone:x", ("removed",))] == sorted(
        ((n.key, n.changes) for n in diff.nodes), reverse=True)


def test_keys_shortened_for_one_map(flagship_diff: Any, tmp_path: Path) -> None:
    """Of one map, the Markdown shows plain ids; of maps of several names it keeps
    `map:id` (the JSON always does)."""
    assert "**reassess-afghanistan-policy**" in formats.markdown(flagship_diff)
    assert '"key": "pakistan-afghanistan:' in formats.json_text(flagship_diff)
    for side, names in (("a", ("m", "n")), ("b", ("m", "n"))):
        for name in names:
            text = "X." if side == "a" else "Y."
            write_map(tmp_path / side, f"{name}.yaml", HEAD + f"  - {{id: x, kind: claim, "
                      f"text: {text}}}\n")
    text = formats.markdown(diff_paths(tmp_path / "a", tmp_path / "b"))
    assert "**m:x**" in text
    assert "**n:x**" in text


def test_matching_work_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    """One matching looks up at most MAX_WORK candidates: the old nodes after the budget
    is spent are not matched (equal texts still are)."""
    old = [match.Candidate(f"o{i}", "claim", f"point w{i} x{i}") for i in range(3)]
    new = [match.Candidate(f"n{i}", "claim", f"point w{i} y{i}") for i in range(3)]
    assert 3 == len(match.match_renamed(old, new))
    monkeypatch.setattr(match, "MAX_WORK", 5)  # each old node looks up 4 candidates
    assert [("o0", "n0", 0.5), ("o1", "n1", 0.5)] == match.match_renamed(old, new)
    same = [match.Candidate(f"s{i}", "claim", f"point w{i} x{i}") for i in range(3)]
    assert 3 == len(match.match_renamed(old, same))


def test_many_equal_texts_match_in_order() -> None:
    """Old and new nodes of one text pair up in file order (in linear time: 20,000 each)."""
    old = [match.Candidate(f"o{i}", "claim", "Same.") for i in range(20_000)]
    new = [match.Candidate(f"n{i}", "claim", "Same.") for i in range(20_000)]
    pairs = match.match_renamed(old, new)
    assert [("o0", "n0", 1.0), ("o19999", "n19999", 1.0)] == [pairs[0], pairs[-1]]


def test_support_walks_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_SUPPORT_STEPS, a recommendation's grounds are not walked: it is reported
    only when it stopped (or started) resting on evidence, without counts."""
    from argmap.diff import argument

    body = "  - {id: r, kind: recommendation, text: Do it.}\n" + \
        "  - {id: c, kind: claim, text: Because., supports: [r]}\n"
    old = body + "  - {id: e, kind: evidence, text: Seen., supports: [c]}\n"
    new = body + "  - {id: e, kind: assumption, text: Seen., supports: [c]}\n"
    walked = _pair(tmp_path / "walked", old, new).recommendations
    assert [(1, 0, True)] == [(r.evidence_before, r.evidence_after, r.lost_evidence)
                              for r in walked]
    monkeypatch.setattr(argument, "MAX_SUPPORT_STEPS", 2)
    capped = _pair(tmp_path / "capped", old, new)
    assert [(None, None, True)] == [(r.evidence_before, r.evidence_after, r.lost_evidence)
                                    for r in capped.recommendations]
    assert capped.holds(FailOn.RECOMMENDATION_LOST_EVIDENCE)
    assert "evidence some → none (not counted" in formats.markdown(capped)


def test_a_node_with_many_relations_is_compared_in_linear_time(tmp_path: Path) -> None:
    """A node whose 5,000 supports all changed target is compared in seconds, not hours
    (relations are matched through a dictionary, never pairwise)."""
    n = 5_000
    targets = "".join(f"  - {{id: t{i}, kind: claim, text: T{i}.}}\n" for i in range(2 * n))
    old = targets + "  - {id: a, kind: evidence, text: A., supports: [" + ", ".join(
        f"t{i}" for i in range(n)) + "]}\n"
    new = targets + "  - {id: a, kind: evidence, text: A., supports: [" + ", ".join(
        f"t{i}" for i in range(n, 2 * n)) + "]}\n"
    diff = finishes(lambda: _pair(tmp_path, old, new), timeout=120)
    assert (n, n) == (sum(r.change == "added" for r in diff.relations),
                      sum(r.change == "removed" for r in diff.relations))


def test_maps_new_at_the_working_tree_are_added(repo: Path) -> None:
    """A folder of maps that the revision does not have yet: every node is added (the pull
    request that adds the first maps); a folder on neither side is a usage error."""
    shutil.copytree(repo / "arguments", repo / "more")
    diff = diff_revisions("v1", None, [Path("more")])
    assert diff.maps_added == ("more/pakistan-afghanistan.yaml",)
    assert all(n.changes == ("added",) for n in diff.nodes)
    with pytest.raises(UsageError, match="no maps at 'v1' nor in the working tree"):
        diff_revisions("v1", None, [Path("nowhere")])


def test_maps_gone_from_the_working_tree_are_removed(repo: Path) -> None:
    """A folder the change deleted: every node of its maps is removed."""
    shutil.rmtree(repo / "arguments")
    diff = diff_revisions("v1", None, [Path("arguments")])
    assert diff.maps_removed == ("arguments/pakistan-afghanistan.yaml",)
    assert all(n.changes == ("removed",) for n in diff.nodes)


def test_interval_strength_change_reads_as_intervals(tmp_path: Path) -> None:
    """A relation's strength changed from or to an interval is listed as [low, high]."""
    head = "argmap: 1\ntitle: T\nnodes:\n  - {id: b, kind: claim, text: B.}\n"
    old = write_map(tmp_path / "old", "m.yaml", head + "  - {id: a, kind: claim, text: A., "
                    "supports: [{to: b, strength: [0.6, 0.9]}]}\n")
    new = write_map(tmp_path / "new", "m.yaml", head + "  - {id: a, kind: claim, text: A., "
                    "supports: [{to: b, strength: 0.5}]}\n")
    result = diff_paths(old, new)
    assert [(("strength", "[0.6, 0.9]", "0.5"),)] == [r.fields for r in result.relations]


#: docs/examples/intervals.yaml with `a`'s confidence widened around the same midpoint
#: (0.65) and `b`'s given as an interval around its old value (0.3).
WIDENED = (ROOT / "docs" / "examples" / "intervals.yaml").read_text(encoding="utf-8") \
    .replace("confidence: [0.5, 0.8]", "confidence: [0.4, 0.9]") \
    .replace("confidence: 0.3", "confidence: [0.2, 0.4]")


def test_confidence_change_is_reported(tmp_path: Path) -> None:
    """A node's confidence changed (a point to an interval, an interval to another) is a
    node change with both values as written, like a relation's strength; in the JSON too."""
    new = write_map(tmp_path, "intervals.yaml", WIDENED)
    result = diff_paths(ROOT / "docs" / "examples" / "intervals.yaml", new)
    expected = [("intervals:a", ("confidence-changed",), "[0.5, 0.8]", "[0.4, 0.9]"),
                ("intervals:b", ("confidence-changed",), "0.3", "[0.2, 0.4]")]
    assert expected == [(n.key, n.changes, n.confidence_before, n.confidence_after)
                        for n in result.nodes]
    data = formats.as_data(result)
    assert ("0.3", "[0.2, 0.4]") == (data["nodes"][1]["confidence_before"],
                                     data["nodes"][1]["confidence_after"])
    assert 2 == data["summary"]["nodes confidence-changed"]


def test_confidence_given_or_dropped_is_reported(tmp_path: Path) -> None:
    """A confidence given where there was none (and the reverse) is a change, with `none`
    on the side without; a node whose confidence stayed is not listed."""
    head = "argmap: 1\ntitle: T\nnodes:\n  - {id: b, kind: claim, text: B., confidence: 0.7}\n"
    old = write_map(tmp_path / "old", "m.yaml", head + "  - {id: a, kind: claim, text: A.}\n")
    new = write_map(tmp_path / "new", "m.yaml",
                    head + "  - {id: a, kind: claim, text: A., confidence: 0.4}\n")
    forth, back = diff_paths(old, new), diff_paths(new, old)
    assert [("m:a", None, "0.4")] == [(n.key, n.confidence_before, n.confidence_after)
                                      for n in forth.nodes]
    assert [("m:a", "0.4", None)] == [(n.key, n.confidence_before, n.confidence_after)
                                      for n in back.nodes]
    assert "- **a**: confidence none → 0.4" in formats.markdown(forth)


def test_acceptance_shows_strength_ranges(tmp_path: Path) -> None:
    """With intervals on a side, a node's strength is its range there (low..high, as
    `evaluate --strength` writes it); a range that changed around the same midpoint is a
    change; the JSON gives the ranges as [low, high], null on a side without one."""
    new = write_map(tmp_path, "intervals.yaml", WIDENED)
    result = diff_paths(ROOT / "docs" / "examples" / "intervals.yaml", new)
    expected = [("intervals:a", "0.500..0.800 → 0.400..0.900"),
                ("intervals:b", "0.300 → 0.200..0.400"),
                ("intervals:c", "0.590..0.830 → 0.540..0.885")]
    assert expected == [(a.key, a.strengths()) for a in result.acceptance]
    # `a` and `b` keep their midpoint strengths: only their ranges changed.
    assert [(0.65, 0.65), (0.3, 0.3)] == [(a.strength_before, a.strength_after)
                                          for a in result.acceptance[:2]]
    acceptance = formats.as_data(result)["acceptance"]
    assert [None, [0.2, 0.4]] == [acceptance[1]["range_before"], acceptance[1]["range_after"]]
    assert "- **b**: in → in, 0.300 → 0.200..0.400" in formats.markdown(result)


def test_acceptance_without_intervals_has_no_ranges(flagship_diff: Any) -> None:
    """A map of plain numbers: every strength is one number, as before ranges."""
    change = next(a for a in flagship_diff.acceptance
                  if a.key == KEY + "reassess-afghanistan-policy")
    assert (None, None) == (change.range_before, change.range_after)
    assert f"{change.strength_before:.3f} → {change.strength_after:.3f}" == change.strengths()


def test_title_change_is_reported(tmp_path: Path) -> None:
    """A node's title changed, given or dropped is a `retitled` node change with both
    titles (None on the side without one), in the JSON and the summary; an unchanged
    title is no change."""
    head = "argmap: 1\ntitle: T\nnodes:\n  - {id: c, kind: claim, text: C., title: Same}\n"
    old = write_map(tmp_path / "old", "m.yaml",
                    head + "  - {id: a, kind: claim, text: A., title: Coercion}\n"
                           "  - {id: b, kind: claim, text: B.}\n")
    new = write_map(tmp_path / "new", "m.yaml",
                    head + "  - {id: a, kind: claim, text: A., title: Coercion fails}\n"
                           "  - {id: b, kind: claim, text: B., title: Talks}\n")
    result = diff_paths(old, new)
    assert [("m:a", ("retitled",), "Coercion", "Coercion fails"),
            ("m:b", ("retitled",), None, "Talks")] == [
        (n.key, n.changes, n.title_before, n.title_after) for n in result.nodes]
    data = formats.as_data(result)
    assert (None, "Talks") == (data["nodes"][1]["title_before"], data["nodes"][1]["title_after"])
    assert 2 == data["summary"]["nodes retitled"]
    back = diff_paths(new, old)
    assert [("m:b", "Talks", None)] == [(n.key, n.title_before, n.title_after)
                                        for n in back.nodes if n.key == "m:b"]
    assert "- **b**: title Talks → none" in formats.markdown(back)


@pytest.mark.parametrize(("before", "after", "crosses"), [
    ((0.6, None), (0.4, None), True),
    ((0.5, None), (0.9, None), False),  # at the threshold is at or above it
    ((0.49, None), (0.5, None), True),
    ((0.7, (0.6, 0.8)), (0.5, (0.4, 0.6)), True),  # above, then on both sides
    ((0.5, (0.4, 0.6)), (0.55, (0.45, 0.65)), False),  # on both sides, both times
    ((0.3, (0.2, 0.4)), (0.45, (0.45, 0.45)), False),  # below, both times
], ids=["point-falls", "point-at-rises", "point-reaches", "range-opens", "range-stays",
        "range-below"])
def test_acceptance_change_crosses_a_threshold(before: tuple[float, Any],
                                               after: tuple[float, Any],
                                               crosses: bool) -> None:
    """A strength (or range) crosses 0.5 when its side of it changes: at or above, below,
    or on both sides; a diff with that threshold makes acceptance-changed hold then."""
    from argmap.diff.result import AcceptanceChange, Diff

    change = AcceptanceChange("m:n", "in", "in", before[0], after[0], before[1], after[1])
    result = Diff("a", "b", (), (), (), (), (), (change,))
    assert (crosses, crosses, False) == (
        change.crosses(0.5),
        dataclasses.replace(result, threshold=0.5).holds(FailOn.ACCEPTANCE_CHANGED),
        result.holds(FailOn.ACCEPTANCE_CHANGED))


def test_recommendation_grounds_in_words_cut_at_the_limit() -> None:
    """The grounds a recommendation lost and gained, in the words every format gives them
    (Markdown with its own escaping of keys, the HTML page plain): at most `limit` of
    each, then how many more; nothing when none changed."""
    from argmap.diff.result import RecommendationChange

    change = RecommendationChange("m:r", ("m:c", "m:d", "m:e"), ("m:a",), 2, 1, True, True)
    assert "; no longer rests on m:a; now rests on m:c, m:d and 1 more" == change.grounds(2)
    assert "; no longer rests on <m:a>; now rests on <m:c> and 2 more" == \
        change.grounds(1, lambda key: f"<{key}>")
    assert "" == change._replace(grounds_added=(), grounds_removed=()).grounds(10)
