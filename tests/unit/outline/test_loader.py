"""The loader reports every problem located, in the author's terms, and never crashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.errors import InputError
from build_tools.outline.loader import load
from tests.corpus import CASES, copy_project


def first_error(err: str, project: Path) -> str:
    """The first line printed, as the corpus writes it: the outline as ``course.yaml``."""
    lines = err.splitlines()
    outline = str(project / "source" / "course.yaml")
    return lines[0].removeprefix("error: ").replace(outline, "course.yaml") if lines else ""


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_it_reports_each_bad_input_with_its_exact_located_message(
    case, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    copy_project(project)
    source = case.make(project)
    for name, value in case.env:
        monkeypatch.setenv(name, value)
    status = main(case.argv(project, source))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert status == case.status, err
    assert first_error(err, project) == case.expected.replace("{project}", str(project))


def test_it_reports_all_problems_of_a_file_in_one_run(tmp_path: Path) -> None:
    source = copy_project(tmp_path)
    text = source.read_text(encoding="utf-8")
    text = text.replace("  audience:", "  audiense:").replace("minutes: 15", "minutes: 0")
    source.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(source)
    problems = caught.value.problems
    assert [problem.path for problem in problems] == [
        "course.audiense",
        "chapters[0].slides[0].minutes",
    ]
    assert [problem.shown for problem in problems] == [
        "course.audiense",
        "chapters[1].slides[1].minutes (slide 4 '定义')",
    ]


def test_it_reports_problems_in_the_order_of_the_file(tmp_path: Path) -> None:
    """Top to bottom, whatever order the model checks fields in."""
    source = copy_project(tmp_path)
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    minutes = next(i for i, line in enumerate(lines) if line.strip() == "minutes: 15")
    lines[minutes] = lines[minutes].replace("15", "十五")  # the slide's last key…
    title = next(i for i in range(minutes, 0, -1) if lines[i].strip().startswith("title:"))
    lines[title] = lines[title].replace("title:", "titel:")  # …and one above it
    source.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(source)
    located = [(problem.line, problem.path) for problem in caught.value.problems]
    assert len(located) >= 2 and located == sorted(located, key=lambda item: item[0] or 0)


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
    assert err[-1] == "error: … and 10 more problems (--all shows every one)"


def test_all_prints_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = copy_project(tmp_path)
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    bad = "".join(f"  extra{i}: x\n" for i in range(30))
    source.write_text(lines[0] + bad + "".join(lines[1:]), encoding="utf-8")
    assert main(["stats", "--all", "--source", str(source)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[2] for line in err] == [f"course.extra{i}" for i in range(30)]


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


def test_a_message_that_names_its_slide_is_not_named_twice(tmp_path: Path) -> None:
    from build_tools.errors import Problem
    from build_tools.outline.loader import locate

    source = copy_project(tmp_path)
    _, located = load(source)
    path = "chapters[0].slides[0].points"
    named = locate(Problem(path, "slide 4 '定义': text overflows box 'body'"), located)
    plain = locate(Problem(path, "text overflows box 'body'"), located)
    assert named.shown == "chapters[1].slides[1].points"
    assert plain.shown == "chapters[1].slides[1].points (slide 4 '定义')"
