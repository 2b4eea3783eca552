"""The command line's contract: exit 0 success, 1 build failure, 2 bad input; no tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools import pipeline
from build_tools.cli import main
from tests.conftest import COURSE
from tests.corpus import copy_project
from tests.unit.test_pipeline import Echo


@pytest.fixture
def fake_backends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(pipeline.BACKENDS, "slides", "tests.unit.test_pipeline:Echo")
    monkeypatch.setitem(pipeline.BACKENDS, "handout", "tests.unit.test_pipeline:Failing")
    Echo.calls = 0


def test_build_prints_one_line_per_output_and_exits_0(
    fake_backends: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = copy_project(tmp_path / "p")
    assert main(["build", "slides", "--source", str(source), "--out", str(tmp_path / "o")]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith(f"{tmp_path / 'o' / 'course.txt'}  5 slides  ")
    assert line.endswith(" s")


def test_a_build_failure_exits_1_with_a_located_message(
    fake_backends: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = copy_project(tmp_path / "p")
    status = main(["build", "handout", "--source", str(source), "--out", str(tmp_path / "o")])
    assert status == 1
    assert capsys.readouterr().err == (
        f"error: {source}:22:16: chapters[1].slides[1].title (slide 4 '定义'): does not fit\n"
    )


def test_bad_input_exits_2_without_a_traceback(tmp_path: Path) -> None:
    source = copy_project(tmp_path / "p")
    source.write_text("course: [\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "check", "--source", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: {source}:")
    assert len(result.stderr.splitlines()) == 1


def test_a_missing_outline_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--source", str(tmp_path / "none.yaml")]) == 2
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'none.yaml'}: expected an outline file; it does not exist\n"
    )


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["build", "everything"])
    assert caught.value.code == 2


def test_stats_shows_minutes_per_chapter_against_the_duration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = copy_project(tmp_path / "p")
    assert main(["stats", "--source", str(source)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[2].split()[:4] == ["01", "概述", "2", "3–4"]
    assert out[-3].split()[:3] == ["结束", "1", "5"]  # one slide: its number, as the run sheet
    assert out[-1] == "teaching minutes 20 matches the declared duration 20"


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Course outline"


def test_translate_refuses_a_language_it_has_no_words_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "source").mkdir()
    shutil.copy(COURSE, tmp_path / "source" / "course.yaml")
    monkeypatch.chdir(tmp_path)
    assert main(["translate", "--lang", "xx"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: --lang: expected one of zh-CN, zh-TW, zh-HK, en; got 'xx'"]
    assert not (tmp_path / "source" / "course.xx.yaml").exists()


def test_translate_without_source_takes_the_only_outline_and_refuses_several(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "source").mkdir()
    shutil.copy(COURSE, tmp_path / "source" / "course.yaml")
    monkeypatch.chdir(tmp_path)
    assert main(["translate", "--lang", "en"]) == 0  # was a traceback (no --source)
    assert (tmp_path / "source" / "course.en.yaml").is_file()
    shutil.copy(COURSE, tmp_path / "source" / "other.yaml")
    capsys.readouterr()
    assert main(["translate", "--lang", "en"]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("error: expected --source naming one outline to translate;")


def test_a_translation_file_named_as_the_outline_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    translation = COURSE.parent / "course.en.yaml"
    assert main(["check", "--source", str(translation)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: {translation}: expected a course outline; got a file that belongs to "
        "course.yaml (a translation or terms file: build it with --edition LANG)"]
