"""Workers and signals: a killed worker ends the build, Ctrl-C and SIGTERM end it cleanly.

The backends here are test doubles run through the real pipeline and command line:
``Killed`` SIGKILLs its own worker process (as the out-of-memory killer would), ``Waiting``
says it is rendering (a file holding its pid) and waits for a signal. Nothing is timed:
each test waits for the file, then signals.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest

from build_tools import output_set, pipeline
from build_tools.backends.base import Context, Output, Result
from build_tools.errors import BuildFailure
from tests.conftest import ROOT
from tests.corpus import copy_project
from tests.unit.test_pipeline import Echo

READY = "COURSE_TEST_READY"


class Killed:
    name: ClassVar[str] = "killed"

    def render(self, context: Context) -> Result:
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("unreachable")


class Waiting:
    name: ClassVar[str] = "waiting"

    def render(self, context: Context) -> Result:
        Path(os.environ[READY]).write_text(str(os.getpid()))
        signal.pause()
        return Result([Output("waited.txt", b"", 0, "slides")])


def run(source: str, out: str) -> None:
    """Entry point of the subprocess: the command line, with the deck drawn by ``Waiting``
    and the handout by ``Echo``."""
    from build_tools import cli

    pipeline.BACKENDS["slides"] = f"{__name__}:Waiting"
    pipeline.BACKENDS["handout"] = "tests.unit.test_pipeline:Echo"
    sys.exit(cli.main(["build", "slides", "handout", "--source", source, "--out", out,
                       "--force"]))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, bytes]:
    """A project built once with the echo backend: (source, out, the echo output)."""
    monkeypatch.setitem(pipeline.BACKENDS, "echo", "tests.unit.test_pipeline:Echo")
    monkeypatch.setitem(pipeline.BACKENDS, "killed", f"{__name__}:Killed")
    source = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    pipeline.build(source, out, ["echo"])
    return source, out, (out / "course.txt").read_bytes()


def test_a_worker_killed_by_sigkill_ends_the_build_with_a_message(
    project: tuple[Path, Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, out, before = project
    monkeypatch.setenv("COURSE_JOBS", "2")
    Echo.calls = 0
    with pytest.raises(BuildFailure) as caught:
        pipeline.build(source, out, ["echo", "killed"], force=True)
    (line,) = caught.value.lines()
    assert line.startswith("a render worker stopped before it finished (")
    assert "killed" in line and line.endswith("nothing was written")
    assert (out / "course.txt").read_bytes() == before
    assert output_set.leftovers(out) == []


def _start(source: Path, out: Path, ready: Path) -> subprocess.Popen[str]:
    code = f"from tests.e2e.test_signals import run; run({str(source)!r}, {str(out)!r})"
    env = {**os.environ, READY: str(ready), "COURSE_JOBS": "2"}
    return subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )


def _wait_until_rendering(process: subprocess.Popen[str], ready: Path) -> int:
    """The pid of the worker that is rendering, once it says so (no sleeping on a clock)."""
    import select

    while not ready.exists() or not ready.read_text():
        assert process.poll() is None, process.communicate()
        select.select([], [], [], 0.05)
    return int(ready.read_text())


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"  # a zombie is gone too


@pytest.mark.parametrize(
    ("signum", "status", "group"),
    [(signal.SIGINT, 130, True), (signal.SIGTERM, 143, True), (signal.SIGTERM, 143, False)],
    ids=["ctrl-c", "sigterm-to-the-group", "sigterm-to-the-build"],
)
def test_a_signal_while_workers_render_exits_cleanly(
    project: tuple[Path, Path, bytes], tmp_path: Path, signum: int, status: int, group: bool
) -> None:
    source, out, before = project
    ready = tmp_path / "ready"
    process = _start(source, out, ready)
    worker = _wait_until_rendering(process, ready)
    assert worker != process.pid
    if group:  # a terminal sends Ctrl-C to the whole foreground process group
        os.killpg(process.pid, signum)
    else:
        os.kill(process.pid, signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == status
    assert "Traceback" not in stderr
    assert _gone(worker)
    assert (out / "course.txt").read_bytes() == before
    assert not (out / "waited.txt").exists()
    assert output_set.leftovers(out) == []


def _labels(command: list[str], out: Path, tmp_path: Path) -> list[str]:
    """The steps of ``command`` writing into a copy of ``out`` (the same steps as into it)."""
    import shutil

    copy = tmp_path / "count"
    shutil.copytree(out, copy)
    listing = tmp_path / "steps.txt"
    env = {**os.environ, output_set.FAULT_VARIABLE: f"list:{listing}"}
    subprocess.run([*command[:-1], str(copy)], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    return listing.read_text().splitlines()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_signal_while_writing_keeps_one_whole_set(tmp_path: Path, signum: int) -> None:
    """Before the commit point the old set stays; after it, the switch completes first."""
    source = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "build_tools", "build", "notes", "--source", str(source),
               "--out", str(out)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    source.write_text(source.read_text(encoding="utf-8").replace("最小课程", "新课程"), "utf-8")
    labels = _labels(command, out, tmp_path)
    name = signal.Signals(signum).name.lower()
    staging = labels.index("after write course-notes.md")
    moving = next(i for i, label in enumerate(labels, 1) if label.endswith("into place"))
    for step, expected in ((staging, "old"), (moving, "new")):
        env = {**os.environ, output_set.FAULT_VARIABLE: f"{name}:{step}"}
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 128 + signum, done.stderr
        assert "Traceback" not in done.stderr
        assert output_set.leftovers(out) == []
        now = {p.name: p.read_bytes() for p in out.iterdir()}
        assert (now == old) == (expected == "old"), labels[step - 1]
        if expected == "new":
            assert now.keys() == old.keys() and all(now[n] != old[n] for n in now)


def test_a_worker_killed_from_outside_ends_the_command_with_exit_1(
    project: tuple[Path, Path, bytes], tmp_path: Path
) -> None:
    """As the out-of-memory killer does it: SIGKILL to the worker's pid, not the build's."""
    source, out, before = project
    ready = tmp_path / "ready"
    process = _start(source, out, ready)
    worker = _wait_until_rendering(process, ready)
    os.kill(worker, signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1
    (line,) = stderr.splitlines()
    # The handout's worker may or may not have finished when the pool broke.
    assert line.startswith("error: a render worker stopped before it finished (slides")
    assert line.endswith("it was killed, perhaps by the out-of-memory killer; nothing was written")
    assert (out / "course.txt").read_bytes() == before
    assert output_set.leftovers(out) == []


def run_library(root: str) -> None:
    """Entry point of the subprocess: ``course build`` of a library whose courses' decks
    are drawn by ``Killed`` (each course's worker SIGKILLs itself)."""
    from build_tools import cli

    os.chdir(root)
    pipeline.BACKENDS["slides"] = f"{__name__}:Killed"
    sys.exit(cli.main(["build", "slides", "--force"]))


def test_a_killed_course_worker_ends_a_library_build_with_exit_1(tmp_path: Path) -> None:
    """As a killed render worker does for one course: one line and exit 1, never a wait
    for the lost course (``multiprocessing.Pool`` waited forever)."""
    root = tmp_path / "library"
    source = copy_project(root)
    shutil.copy(source, source.with_name("second.yaml"))
    code = f"from tests.e2e.test_signals import run_library; run_library({str(root)!r})"
    process = subprocess.run([sys.executable, "-c", code], cwd=ROOT, text=True,
                             capture_output=True, timeout=120,
                             env={**os.environ, "COURSE_JOBS": "2"})
    assert process.returncode == 1, process.stderr
    (line,) = process.stderr.splitlines()
    assert line.startswith("error: a course's worker was killed"), line
    assert "course" in line and "second" in line
