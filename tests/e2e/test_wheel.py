"""The installed wheel builds a course outside this repository (no editable install).

A department installs the tool once and keeps its courses in their own repositories; the
theme, fonts, house template, layout map and notes templates must come from the wheel.
The wheel is built from a copy of the package (an in-tree build would write setuptools'
``build/`` beside the course's ``build/``), installed with pip into a fresh virtual
environment (dependencies from pip's index and cache), and run from a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.wheel


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``course`` command of a fresh venv holding only the wheel and its dependencies."""
    work = tmp_path_factory.mktemp("wheel")
    tree = work / "src"
    tree.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, tree / name)
    shutil.copytree(ROOT / "build_tools", tree / "build_tools",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    made = _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", work / "dist",
                tree, cwd=work)
    assert made.returncode == 0, made.stderr
    (wheel,) = (work / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "build_tools/assets/theme.yaml" in names
    assert "build_tools/assets/fonts/NotoSansSC-Regular.ttf" in names
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    done = _run(python, "-m", "pip", "install", "-q", wheel, cwd=work)
    assert done.returncode == 0, done.stderr
    where = _run(python, "-c", "import build_tools; print(build_tools.__file__)", cwd=work)
    assert str(env_dir) in where.stdout, where.stdout
    return env_dir / "bin" / "course"


def test_the_installed_wheel_scaffolds_and_builds_a_course_outside_the_repository(
    installed: Path, tmp_path: Path
) -> None:
    made = _run(installed, "new", "course", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    project = tmp_path / "course"
    built = _run(installed, "build", cwd=project)
    assert built.returncode == 0, built.stderr
    names = sorted(p.name for p in (project / "build").iterdir() if not p.name.startswith("."))
    assert names == ["course-handout.pdf", "course-notes.html", "course-notes.md", "course-web",
                     "course.pptx"]
