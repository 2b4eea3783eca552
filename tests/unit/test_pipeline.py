"""The pipeline writes nothing until every output has rendered, and then atomically."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from build_tools import pipeline
from build_tools.backends.base import Context, Output, Result
from build_tools.errors import BuildFailure, Problem
from tests.corpus import copy_project


class Echo:
    """A backend that writes the plan's titles, one line per slide."""

    name: ClassVar[str] = "echo"
    calls: ClassVar[int] = 0

    def render(self, context: Context) -> Result:
        Echo.calls += 1
        text = "\n".join(f"{s.number} {s.title}" for s in context.plan.slides)
        return Result(
            [Output(f"{context.stem}.txt", text.encode(), len(context.plan.slides), "slides")]
        )


class Failing:
    name: ClassVar[str] = "failing"

    def render(self, context: Context) -> Result:
        slide = context.plan.slides[3]
        raise BuildFailure([Problem(f"{slide.path}.title", "does not fit")])


@pytest.fixture(autouse=True)
def backends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(pipeline.BACKENDS, "echo", f"{__name__}:Echo")
    monkeypatch.setitem(pipeline.BACKENDS, "failing", f"{__name__}:Failing")
    Echo.calls = 0


def test_it_writes_every_output_and_reports_it(tmp_path: Path) -> None:
    source = copy_project(tmp_path / "p")
    report = pipeline.build(source, tmp_path / "out", ["echo"])
    (written,) = report.written
    assert written.path == tmp_path / "out" / "course.txt"
    assert written.path.read_text().splitlines()[0] == "1 最小课程"
    assert written.output.count == 5


def test_a_failing_output_leaves_the_last_good_files_untouched(tmp_path: Path) -> None:
    source = copy_project(tmp_path / "p")
    out = tmp_path / "out"
    pipeline.build(source, out, ["echo"])
    before = (out / "course.txt").read_bytes()
    source.write_text(
        source.read_text(encoding="utf-8").replace("最小课程", "新课程"), encoding="utf-8"
    )
    with pytest.raises(BuildFailure) as caught:
        pipeline.build(source, out, ["echo", "failing"])
    assert (out / "course.txt").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == (source, 22, 16)


def test_it_skips_outputs_whose_inputs_did_not_change(tmp_path: Path) -> None:
    source = copy_project(tmp_path / "p")
    out = tmp_path / "out"
    pipeline.build(source, out, ["echo"])
    report = pipeline.build(source, out, ["echo"])
    assert Echo.calls == 1
    assert report.written[0].skipped
    pipeline.build(source, out, ["echo"], force=True)
    assert Echo.calls == 2


def test_a_changed_outline_or_a_tampered_output_is_rebuilt(tmp_path: Path) -> None:
    source = copy_project(tmp_path / "p")
    out = tmp_path / "out"
    pipeline.build(source, out, ["echo"])
    source.write_text(source.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    pipeline.build(source, out, ["echo"])
    assert Echo.calls == 2
    (out / "course.txt").write_text("edited by hand")
    pipeline.build(source, out, ["echo"])
    assert Echo.calls == 3
    assert (out / "course.txt").read_text().startswith("1 最小课程")


def test_atomic_writes_replace_whole_files(tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    target.write_bytes(b"old")
    pipeline.write_atomically(target, b"new" * 1000)
    assert target.read_bytes() == b"new" * 1000
    assert [p.name for p in tmp_path.iterdir()] == ["file.bin"]


def test_a_failed_parallel_render_leaves_no_executor_thread_running(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a failure (or Ctrl-C) the executor's management thread is joined, not left
    to race concurrent.futures' exit hook: that race printed an "Exception ignored … Bad
    file descriptor" traceback after Ctrl-C in CI."""
    import threading

    monkeypatch.setenv("COURSE_JOBS", "2")
    context = pipeline.prepare(copy_project(tmp_path))
    with pytest.raises(KeyError):  # no such output: the worker's render raises
        list(pipeline._render_all(context, ["notes", "no-such-output"], None))
    running = [t for t in threading.enumerate()
               if type(t).__module__ == "concurrent.futures.process" and t.is_alive()]
    assert running == []
