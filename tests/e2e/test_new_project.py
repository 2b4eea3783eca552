"""``course new``: a project that checks clean and builds at once, using every slide kind."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_tools.cli import main
from build_tools.outline.model import KINDS
from build_tools.outline.schema import schema_text


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("new") / "course"
    assert main(["new", str(folder)]) == 0
    return folder


def test_it_writes_only_what_an_author_keeps(project: Path) -> None:
    files = sorted(str(p.relative_to(project)) for p in project.rglob("*") if p.is_file())
    assert files == [
        ".gitignore", "README.md", "assets/images/diagram.png", "assets/theme.yaml",
        "noxfile.py", "schema/outline.schema.json", "source/course.yaml",
    ]
    assert (project / "schema/outline.schema.json").read_text(encoding="utf-8") == schema_text()
    first = (project / "source/course.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/outline.schema.json"
    assert "/build/" in (project / ".gitignore").read_text(encoding="utf-8").split()


def test_its_example_uses_every_slide_kind(project: Path) -> None:
    outline = yaml.safe_load((project / "source/course.yaml").read_text(encoding="utf-8"))
    used = {s["kind"] for chapter in outline["chapters"] for s in chapter["slides"]}
    assert used == set(KINDS)


def test_its_noxfile_has_the_build_sessions(project: Path) -> None:
    text = (project / "noxfile.py").read_text(encoding="utf-8")
    for session in ("slides", "handout", "notes", "build", "check"):
        assert f"def {session}(session" in text


def test_it_checks_without_a_warning_and_builds_at_once(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    assert main(["check"]) == 0
    captured = capsys.readouterr()
    assert "0 warnings" in captured.out, captured.err
    assert main(["build"]) == 0
    built = sorted(p.name for p in (project / "build").iterdir() if not p.name.startswith("."))
    assert built == ["course-handout.pdf", "course-notes.html", "course-notes.md", "course-web",
                     "course.pptx"]


def test_it_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == 2
    assert "expected a new or empty folder" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_project_theme_overrides_only_the_keys_it_names(project: Path) -> None:
    from build_tools.theme import load_theme

    own = project / "assets" / "theme.yaml"
    own.write_text("colours:\n  primary: \"123456\"\n", encoding="utf-8")
    theme, house = load_theme(project), load_theme()
    assert theme.colours.primary == "123456"
    assert theme.colours.accent == house.colours.accent
    assert theme.type_scale == house.type_scale
