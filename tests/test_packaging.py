"""The wheel a user installs: every file of the package in it, the licence with it, and
the command line run from it giving what the source tree gives.

The editable install the tests otherwise run from reads ``src/`` directly, so a file
left out of the package data (the HTML page's scripts, say) would pass every other test
and break ``pip install argmap``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from tests.helpers import FLAGSHIP_REL, ROOT

PACKAGE = ROOT / "src" / "argmap"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the project's packaging files (pip builds in the
    tree it is given, and the checkout is no place for build/ and egg-info)."""
    tree = tmp_path_factory.mktemp("tree")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, tree / name)
    shutil.copytree(ROOT / "src", tree / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "--disable-pip-version-check", "-q", "-w", str(out), str(tree)],
        check=True, timeout=300, capture_output=True)
    (found,) = out.glob("argmap-*.whl")
    return found


@pytest.fixture(scope="module")
def unpacked(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel's files, importable with PYTHONPATH (a wheel is a zip of the install)."""
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def _names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_holds_every_file_of_the_package(wheel: Path) -> None:
    """Each file under src/argmap (byte code aside) is in the wheel."""
    expected = {
        path.relative_to(ROOT / "src").as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".so"
    }
    actual = {name for name in _names(wheel) if name.startswith("argmap/")}
    assert expected == actual


def test_wheel_carries_the_licence(wheel: Path) -> None:
    """The MIT licence text ships in the wheel, and its metadata says MIT."""
    names = _names(wheel)
    (licence,) = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(licence).decode("utf-8")
        (meta,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(archive.read(meta).decode("utf-8"))
    assert (ROOT / "LICENSE").read_text(encoding="utf-8") == text
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]


def _from(site: Path | None, *args: str) -> subprocess.CompletedProcess[bytes]:
    """``python -m argmap ARGS`` in the project root, from the unpacked wheel when given
    (PYTHONPATH comes before the editable install's path), else from the source tree."""
    env = dict(os.environ)
    if site is not None:
        env["PYTHONPATH"] = str(site)
    else:
        env.pop("PYTHONPATH", None)
    return subprocess.run([sys.executable, "-m", "argmap", *args], cwd=ROOT, env=env,
                          capture_output=True, timeout=120, check=False)


def test_the_wheel_is_what_runs(unpacked: Path) -> None:
    """The next tests would prove nothing if the source tree were imported instead."""
    env = dict(os.environ, PYTHONPATH=str(unpacked))
    where = subprocess.run(
        [sys.executable, "-c", "import argmap.render.page as p; print(p.__file__)"],
        env=env, capture_output=True, text=True, check=True, timeout=60).stdout.strip()
    assert Path(where).is_relative_to(unpacked)


@pytest.mark.parametrize("args", [
    ("check", "--format", "json", FLAGSHIP_REL),
    ("render", "--format", "html", "-o", "-", FLAGSHIP_REL),
    ("schema",),
    ("rules",),
], ids=["check-json", "render-html", "schema", "rules"])
def test_the_installed_command_gives_what_the_source_gives(
        unpacked: Path, args: tuple[str, ...]) -> None:
    """Byte for byte, exit code too: the page's scripts and styles, the rules' texts and
    the schema all come with the wheel."""
    installed, source = _from(unpacked, *args), _from(None, *args)
    assert (source.returncode, source.stdout, source.stderr) == (
        installed.returncode, installed.stdout, installed.stderr)
    assert source.stdout
