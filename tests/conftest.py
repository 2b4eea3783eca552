"""Shared fixtures. Client tools skip locally when missing but fail in CI (CI=true)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
COURSE = ROOT / "source" / "course.yaml"
ALLKINDS = FIXTURES / "valid" / "allkinds" / "source" / "course.yaml"
CHARTS = FIXTURES / "valid" / "charts" / "source" / "course.yaml"  # every chart type


def edited_allkinds(folder: Path, replacements: dict[str, str]) -> Path:
    """A copy of the every-kind project in ``folder/project`` with each text of its outline
    replaced (each must be there: a fixture edit must not silently miss); its outline."""
    project = folder / "project"
    shutil.copytree(ALLKINDS.parent.parent, project)
    source = project / "source" / ALLKINDS.name
    text = source.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    source.write_text(text, encoding="utf-8")
    return source


def require_tool(name: str) -> str:
    """Path of a client tool; skip without it locally, fail without it in CI."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{name} is required in CI but is not installed")
    pytest.skip(f"{name} not installed")


@pytest.fixture
def course_path() -> Path:
    return COURSE


@pytest.fixture
def allkinds_path() -> Path:
    return ALLKINDS


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """No tests collected (exit 5) is a failure in CI: a green run must have tested."""
    if exitstatus == 5 and os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        session.exitstatus = 1


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real course, all three outputs, built once per test session into a temp folder."""
    from build_tools.pipeline import TARGETS, build

    out = tmp_path_factory.mktemp("built")
    build(COURSE, out, TARGETS, force=True)
    return out
