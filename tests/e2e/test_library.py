"""A course library: every outline in source/ builds with one command, each on its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.library import discover, is_translation
from tests.conftest import FIXTURES

MINIMAL = FIXTURES / "valid" / "minimal" / "source" / "course.yaml"


def _library(root: Path, *stems: str) -> Path:
    (root / "source").mkdir(parents=True)
    for stem in stems:
        shutil.copy2(MINIMAL, root / "source" / f"{stem}.yaml")
    return root


def _built(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_translation_files_are_not_courses(tmp_path: Path) -> None:
    _library(tmp_path, "alpha", "course.en", "course.zh-TW", "v1.2", "beta")
    (tmp_path / "source" / "notes.txt").write_text("not an outline", encoding="utf-8")
    assert is_translation(Path("course.zh-Hant-HK.yaml"))
    assert is_translation(Path("course.zh-TW.terms.yaml"))  # the term overrides of an edition
    assert not is_translation(Path("course.yaml"))
    names = [p.name for p in discover(tmp_path / "source")]
    assert names == ["alpha.yaml", "beta.yaml", "v1.2.yaml"]


def test_one_command_builds_every_course_into_its_own_folder_and_incrementally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _library(tmp_path, "alpha", "beta", "course.en")
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    assert _built(tmp_path / "build") == ["alpha", "beta"]
    assert _built(tmp_path / "build" / "alpha") == [
        "alpha-handout.pdf", "alpha-notes.html", "alpha-notes.md", "alpha-web", "alpha.pptx"
    ]
    capsys.readouterr()

    assert main(["build"]) == 0
    out = capsys.readouterr().out
    assert out.count("unchanged") == 10 and "nothing changed" in out  # 5 outputs, 2 courses

    beta = tmp_path / "source" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("minutes: 2", "minutes: 3", 1),
                    encoding="utf-8")
    assert main(["build"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(line.endswith("unchanged") for line in lines if "/alpha/" in line)
    rebuilt = [line for line in lines if "/beta/" in line]
    assert len(rebuilt) == 5 and not any(line.endswith("unchanged") for line in rebuilt)


def test_one_bad_course_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _library(tmp_path, "good", "bad")
    (tmp_path / "source" / "bad.yaml").write_text("course: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 2
    captured = capsys.readouterr()
    assert "source/bad.yaml:" in captured.err
    assert "1 failed" in captured.out
    assert "good.pptx" in _built(tmp_path / "build" / "good")
    bad = tmp_path / "build" / "bad"
    assert not bad.exists() or _built(bad) == []


def test_a_library_of_one_keeps_build_flat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _library(tmp_path, "course")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "notes"]) == 0
    assert _built(tmp_path / "build") == ["course-notes.html", "course-notes.md"]


def test_stats_lists_every_course(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _library(tmp_path, "alpha", "beta")
    monkeypatch.chdir(tmp_path)
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "source/alpha.yaml" in out and "source/beta.yaml" in out
    assert out.count("teaching minutes") == 2


def test_watch_asks_which_course_in_a_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _library(tmp_path, "alpha", "beta")
    monkeypatch.chdir(tmp_path)
    assert main(["watch"]) == 2
    assert "expected --source naming one outline" in capsys.readouterr().err


def test_one_course_of_a_library_named_with_source_builds_into_its_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found in a trial: ``course build --source source/aml.yaml --edition zh-TW`` in a
    library wrote build/aml.zh-TW.pptx beside build/aml/, where ``course build`` puts the
    course: two places for one course, and a stale copy in the one not rebuilt."""
    _library(tmp_path, "alpha", "beta")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "notes", "--source", "source/alpha.yaml"]) == 0
    assert _built(tmp_path / "build") == ["alpha"]
    assert _built(tmp_path / "build" / "alpha") == ["alpha-notes.html", "alpha-notes.md"]
    assert main(["build", "notes"]) == 0  # the same folder: alpha is unchanged
    assert _built(tmp_path / "build") == ["alpha", "beta"]


def test_watch_and_serve_of_one_course_of_a_library_use_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argparse

    from build_tools import cli

    _library(tmp_path, "alpha", "beta")
    monkeypatch.chdir(tmp_path)
    seen: list[tuple[Path, Path]] = []
    monkeypatch.setattr("build_tools.watch.watch",
                        lambda source, out, options: seen.append((source, out)) or 0)
    args = argparse.Namespace(source=Path("source/alpha.yaml"), out=Path("build"))
    monkeypatch.setattr(cli, "_options", lambda args: None)
    assert cli._watch(args) == 0
    assert seen == [(Path("source/alpha.yaml"), Path("build/alpha"))]


def test_the_flat_outputs_left_when_a_second_outline_arrives_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found in a trial: build/aml.pptx stayed beside build/aml/aml.pptx after a second
    outline arrived, never updated again; a trainer opened the old one."""
    _library(tmp_path, "alpha")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "notes"]) == 0
    shutil.copy2(MINIMAL, tmp_path / "source" / "beta.yaml")
    capsys.readouterr()
    assert main(["build", "notes"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("warning: build/alpha-notes.html: ")
    assert "source/alpha.yaml" in err and "build/alpha/" in err and "delete" in err
    (tmp_path / "build" / "alpha-notes.html").unlink()
    (tmp_path / "build" / "alpha-notes.md").unlink()
    assert main(["build", "notes"]) == 0
    assert "warning" not in capsys.readouterr().err
