"""The test suite's own data: third-party files shipped unmodified, and the corpus tier
(``pytest --corpus``) left out of the default run without being skipped."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from .helpers import ROOT, THIRD_PARTY

#: Files of tests/data/third_party/ written for argmap, not copied from elsewhere.
OWN_FILES = {"README.md", "SHA256SUMS", ".gitattributes"}


def _sums() -> dict[str, str]:
    """SHA256SUMS as ``{relative path: sha256}`` (the format of ``sha256sum``)."""
    out = {}
    for line in (THIRD_PARTY / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        out[name] = digest
    return out


def test_third_party_files_are_unmodified() -> None:
    """Every copied file is listed in SHA256SUMS and has exactly the bytes listed (an editor
    or a git setting that changed line endings or trailing spaces would fail here)."""
    files = {p.relative_to(THIRD_PARTY).as_posix(): p for p in THIRD_PARTY.rglob("*")
             if p.is_file() and not (p.parent == THIRD_PARTY and p.name in OWN_FILES)}
    sums = _sums()
    assert sorted(sums) == sorted(files)
    assert {name: hashlib.sha256(files[name].read_bytes()).hexdigest() for name in files} == sums


def test_every_third_party_folder_has_its_licence() -> None:
    """Each repository's folder carries its licence, and the README names each folder."""
    folders = sorted(p.name for p in THIRD_PARTY.iterdir() if p.is_dir())
    readme = (THIRD_PARTY / "README.md").read_text(encoding="utf-8")
    assert len(folders) == 5
    assert [(f, True, True) for f in folders] == [
        (f, (THIRD_PARTY / f / "LICENSE").is_file(), f"`{f}/`" in readme) for f in folders]


def _collect(*args: str, corpus: str | None) -> subprocess.CompletedProcess[str]:
    """``pytest --collect-only`` of test_iccma.py in a child process, ARGMAP_CORPUS set to
    ``corpus`` (or unset)."""
    env = {k: v for k, v in os.environ.items() if k != "ARGMAP_CORPUS"}
    if corpus is not None:
        env["ARGMAP_CORPUS"] = corpus
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "tests/test_iccma.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_corpus_tier_is_deselected_by_default(tmp_path: Path) -> None:
    """Without --corpus, the corpus tier's tests are deselected (not skipped), even when a
    corpus is there; with it, they are collected."""
    corpus = tmp_path / "corpus"
    (corpus / "iccma").mkdir(parents=True)
    (corpus / "iccma" / "tiny.apx").write_text("arg(a).\n", encoding="utf-8")
    default = _collect(corpus=None)
    assert 0 == default.returncode, default.stdout + default.stderr
    assert "corpus/" not in default.stdout
    assert "deselected" in default.stdout.splitlines()[-1]
    tier = _collect(corpus=str(corpus))
    assert 0 == tier.returncode, tier.stdout + tier.stderr
    assert "test_grounded_equals_oracle[corpus/tiny.apx]" in tier.stdout
    assert "deselected" not in tier.stdout.splitlines()[-1]


def test_corpus_tier_without_corpus_is_a_usage_error(tmp_path: Path) -> None:
    """--corpus with no corpus at ARGMAP_CORPUS stops with a clear error, not skips."""
    missing = tmp_path / "nowhere"
    result = _collect("--corpus", corpus=str(missing))
    assert 4 == result.returncode
    assert f"--corpus: no corpus folder at {missing}" in result.stderr
