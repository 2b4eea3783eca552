"""The error boundary: every outcome is an exit status and lines a person can read."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from build_tools import cli
from build_tools.cli import EXIT_BUG, guarded, main
from build_tools.errors import BuildFailure, InputError, Problem, capped, printable
from build_tools.limits import MAX_OUTLINE_BYTES, read_regular
from tests.corpus import copy_project


def test_printable_escapes_what_a_terminal_would_act_on() -> None:
    assert printable("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert printable("line\nbreak\r\x00\x7f\x85") == "line\\x0abreak\\x0d\\x00\\x7f\\x85"
    assert printable("\u202eevil\u2028\ufffe\ud800") == "\\u202eevil\\u2028\\ufffe\\ud800"


def test_printable_keeps_text_people_write() -> None:
    text = "办公环境安全要求一览 😀 𠀀 café «»\t"
    assert printable(text) == text.replace("\t", "\\x09")


def test_a_problem_prints_escaped_whatever_field_holds_the_escape() -> None:
    problem = Problem("course.pres\x1b[2J", "unknown key 'pres\x1b[2J'", Path("a\x07.yaml"), 3, 1)
    assert str(problem) == "a\\x07.yaml:3:1: course.pres\\x1b[2J: unknown key 'pres\\x1b[2J'"


def test_capped_shows_twenty_then_a_count_unless_all() -> None:
    lines = [str(i) for i in range(25)]
    assert capped(lines, False, "problems")[-1] == "… and 5 more problems (--all shows every one)"
    assert len(capped(lines, False, "problems")) == 21
    assert capped(lines, True, "problems") == lines


def test_an_input_error_exits_2_and_a_build_failure_1(capsys: pytest.CaptureFixture[str]) -> None:
    def input_error() -> int:
        raise InputError([Problem("course.title", "expected text; got 1", Path("c.yaml"), 2, 3)])

    def failure() -> int:
        raise BuildFailure([Problem("", "does not fit", Path("c.yaml"), 4, 5)])

    assert guarded(input_error) == 2
    assert guarded(failure) == 1
    assert capsys.readouterr().err == (
        "error: c.yaml:2:3: course.title: expected text; got 1\nerror: c.yaml:4:5: does not fit\n"
    )


def test_a_fault_of_the_machine_exits_1_with_one_line_naming_the_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def disk_full() -> int:
        raise OSError(errno.ENOSPC, "No space left on device", "build/course.pptx")

    assert guarded(disk_full) == 1
    assert capsys.readouterr().err == "error: build/course.pptx: No space left on device\n"


def test_a_bug_keeps_its_traceback_under_a_line_that_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def bug() -> int:
        return {}["missing"]  # type: ignore[no-any-return]

    assert guarded(bug) == EXIT_BUG
    err = capsys.readouterr().err.splitlines()
    assert err[0] == cli.REPORT
    assert err[1] == "Traceback (most recent call last):"
    assert err[-1] == "KeyError: 'missing'"


def test_an_interrupt_exits_130(capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted() -> int:
        raise KeyboardInterrupt

    assert guarded(interrupted) == 130
    assert capsys.readouterr().err == ""


def test_usage_errors_are_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["build", "--bogus\x1b[2J"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "course: error: unrecognized arguments: --bogus\\x1b[2J"
    )


def test_a_file_over_the_limit_is_refused_by_what_is_read(tmp_path: Path) -> None:
    """read_regular reads at most limit + 1 bytes, whatever stat said."""
    path = tmp_path / "grows.yaml"
    path.write_bytes(b"x" * 100)
    assert read_regular(path, 100, "an outline file") == b"x" * 100
    with pytest.raises(InputError) as caught:
        read_regular(path, 99, "an outline file")
    assert str(caught.value.problems[0]).endswith("expected an outline file under 0 MB; got 0.0 MB")


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as caught:
        read_regular(fifo, MAX_OUTLINE_BYTES, "an outline file")
    assert caught.value.problems[0].message == "expected an outline file; got a named pipe (FIFO)"


def test_schema_out_writes_into_an_existing_folder(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path / "schema.json")]) == 0
    assert (tmp_path / "schema.json").read_text(encoding="utf-8").startswith("{")


def test_a_day_past_midnight_is_a_warning_in_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = copy_project(tmp_path / "p")
    text = source.read_text(encoding="utf-8").replace('start: "09:00"', 'start: "23:50"')
    source.write_text(text, encoding="utf-8")
    warning = (
        f"warning: {source}:8:10: course.start: expected the day to end by midnight; starting "
        "at 23:50, it ends at 00:10 the next day: start earlier or split the course"
    )
    assert main(["stats", "--source", str(source)]) == 0
    assert warning in capsys.readouterr().err.splitlines()
    assert main(["build", "notes", "--source", str(source), "--out", str(tmp_path / "o")]) == 0
    assert warning in capsys.readouterr().err.splitlines()
