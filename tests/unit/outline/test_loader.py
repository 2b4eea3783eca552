"""The loader reports every problem located, in the author's terms, and never crashes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.errors import InputError
from build_tools.outline.loader import load
from tests.corpus import CASES, copy_project


def _first_error(capsys: pytest.CaptureFixture[str], source: Path) -> str:
    lines = capsys.readouterr().err.splitlines()
    return lines[0].removeprefix("error: ").replace(str(source), "course.yaml") if lines else ""


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_it_reports_each_bad_input_with_its_exact_located_message(
    case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    source = case.make(project) if copy_project(project) else None
    assert source is not None
    started = time.perf_counter()
    status = main(["stats", "--source", str(source)])
    elapsed = time.perf_counter() - started
    assert status == case.status
    assert _first_error(capsys, source) == case.expected.format(project=project.resolve())
    assert elapsed < 2.0, f"{case.name} took {elapsed:.2f} s"


def test_it_reports_all_problems_of_a_file_in_one_run(tmp_path: Path) -> None:
    source = copy_project(tmp_path)
    text = source.read_text(encoding="utf-8")
    text = text.replace("  audience:", "  audiense:").replace("minutes: 15", "minutes: 0")
    source.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(source)
    paths = [problem.path for problem in caught.value.problems]
    assert paths == ["course.audiense", "chapters[0].slides[0].minutes"]


def test_it_reports_every_duplicate_key_not_just_the_first(tmp_path: Path) -> None:
    source = copy_project(tmp_path)
    text = source.read_text(encoding="utf-8")
    text = text.replace("  audience: 新员工\n", "  audience: 新员工\n  audience: 老员工\n")
    text = text.replace("        minutes: 15\n", "        minutes: 15\n        minutes: 16\n")
    source.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(source)
    assert [p.line for p in caught.value.problems] == [7, 29]


def test_it_caps_the_printed_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = copy_project(tmp_path)
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    bad = "".join(f"  extra{i}: x\n" for i in range(30))
    source.write_text(lines[0] + bad + "".join(lines[1:]), encoding="utf-8")
    assert main(["stats", "--source", str(source)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 21
    assert err[-1].endswith("… and 10 more problems")


def test_it_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    source = copy_project(tmp_path)
    source.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    outline, _ = load(source)
    assert outline.course.title == "最小课程"


def test_it_locates_values_and_keys(tmp_path: Path) -> None:
    source = copy_project(tmp_path)
    _, located = load(source)
    assert located.locate(("course", "title")) == (2, 10)
    assert located.locate(("course", "title"), at_key=True) == (2, 3)
    assert located.locate(("chapters", 0, "slides", 0, "nothing", 3)) == (20, 9)
