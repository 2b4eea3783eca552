"""Fault injection: a build's files change together or not at all.

Two real builds of the minimal course (before and after an edit) give a known old set and
a known new set. The writer announces every step that changes the disk (before and after
each write, fsync, link, rename and removal); the tests enumerate those steps and, at each
one, kill the writer with SIGKILL (in a forked child, as the OOM killer would) or make the
step fail with ENOSPC or EACCES. Afterwards the folder must hold, byte for byte, the whole
old set or the whole new set, and nothing of the writer's may survive the next command.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from build_tools import output_set
from build_tools.errors import OutputError
from build_tools.pipeline import TARGETS, build
from tests.conftest import ROOT
from tests.corpus import copy_project

Files = dict[str, bytes]


def _files(folder: Path) -> Files:
    """The set as a reader sees it: every plain file except the writer's own."""
    return {
        p.name: p.read_bytes()
        for p in folder.iterdir()
        if p.is_file() and p.name not in output_set.leftovers(folder)
    }


@pytest.fixture(scope="module")
def sets(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Files, Files, Path]:
    """(old build folder, old set, new set, edited source): the new set is exactly what an
    incremental build after the edit publishes, manifest included."""
    root = tmp_path_factory.mktemp("sets")
    source = copy_project(root / "project")
    old_out = root / "old"
    build(source, old_out, TARGETS)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("最小课程", "最小课程（第二版）"), encoding="utf-8")
    new_out = root / "new"
    shutil.copytree(old_out, new_out)
    build(source, new_out, TARGETS)
    old, new = _files(old_out), _files(new_out)
    assert old.keys() == new.keys() and len(old) == 5
    assert all(old[name] != new[name] for name in old), "every file of the set must change"
    return old_out, old, new, source


@pytest.fixture(autouse=True)
def no_hook() -> Iterator[None]:
    yield
    output_set.set_fault_hook(None)


def _steps(old_out: Path, new: Files, tmp_path: Path) -> list[str]:
    labels: list[str] = []
    out = tmp_path / "count"
    shutil.copytree(old_out, out)
    output_set.set_fault_hook(labels.append)
    output_set.publish(out, new)
    output_set.set_fault_hook(None)
    return labels


def _at(step: int, then: Callable[[str], None]) -> Callable[[str], None]:
    count = 0

    def hook(label: str) -> None:
        nonlocal count
        count += 1
        if count == step:
            then(label)

    return hook


def _kill(label: str) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _killed_child(work: Callable[[], None], step: int) -> None:
    """Run ``work`` in a forked child that SIGKILLs itself at ``step``."""
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        try:
            output_set.set_fault_hook(_at(step, _kill))
            work()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
        f"step {step} was never reached"
    )


def test_the_writer_announces_every_write_fsync_and_rename(sets, tmp_path: Path) -> None:
    old_out, _, new, _ = sets
    labels = _steps(old_out, new, tmp_path)
    for name in new:
        for action in ("write", "fsync", "link old", "rename"):
            for when in ("before", "after"):
                assert any(
                    label.startswith(f"{when} {action}") and name in label for label in labels
                ), (when, action, name)
    assert "before rename staging -> commit" in labels


def test_a_kill_at_any_step_leaves_the_whole_old_or_the_whole_new_set(
    sets, tmp_path: Path
) -> None:
    old_out, old, new, _ = sets
    labels = _steps(old_out, new, tmp_path)
    outcomes = []
    for step, label in enumerate(labels, start=1):
        out = tmp_path / f"kill-{step}"
        shutil.copytree(old_out, out)
        _killed_child(lambda out=out: output_set.publish(out, new), step)
        output_set.recover(out)  # what the next command does first
        after = _files(out)
        assert after in (old, new), f"a mixed set after a kill at step {step} ({label})"
        assert output_set.leftovers(out) == [], label
        outcomes.append("new" if after == new else "old")
    commit = labels.index("after rename staging -> commit")
    # Before the commit point the old set stays; from it on, the new one is completed.
    assert outcomes == ["old"] * commit + ["new"] * (len(labels) - commit)


def test_a_kill_while_recovering_a_killed_build_still_ends_whole(sets, tmp_path: Path) -> None:
    old_out, _, new, _ = sets
    labels = _steps(old_out, new, tmp_path)
    # Killed after the first file moved into place: recovery has renames left to do.
    first = next(i for i, label in enumerate(labels, 1) if label.endswith("into place"))
    template = tmp_path / "template"
    shutil.copytree(old_out, template)
    _killed_child(lambda: output_set.publish(template, new), first)
    recovery: list[str] = []
    probe = tmp_path / "probe"
    shutil.copytree(template, probe)
    output_set.set_fault_hook(recovery.append)
    output_set.recover(probe)
    output_set.set_fault_hook(None)
    assert len(recovery) > 4
    for step, label in enumerate(recovery, start=1):
        out = tmp_path / f"again-{step}"
        shutil.copytree(template, out)
        _killed_child(lambda out=out: output_set.recover(out), step)
        output_set.recover(out)
        assert _files(out) == new, f"recovery killed at {label}"
        assert output_set.leftovers(out) == []


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EROFS])
def test_a_failing_step_keeps_the_old_set_and_names_the_file_and_reason(
    sets, tmp_path: Path, code: int
) -> None:
    old_out, old, new, _ = sets
    labels = _steps(old_out, new, tmp_path)

    def fail(label: str) -> None:
        raise OSError(code, os.strerror(code))

    failed = 0
    for step, label in enumerate(labels, start=1):
        out = tmp_path / f"fail-{step}"
        shutil.copytree(old_out, out)
        output_set.set_fault_hook(_at(step, fail))
        try:
            output_set.publish(out, new)
        except OutputError as error:
            failed += 1
            (line,) = error.lines()
            assert f"({errno.errorcode[code]})" in line
            assert line.endswith("the last good outputs are unchanged"), line
            assert error.path == out or error.path.parent == out
            assert _files(out) == old, f"not the old set after a failure at {label}"
        else:  # only removing the finished folder may fail without consequence
            assert label.endswith("remove done"), label
            assert _files(out) == new
        output_set.set_fault_hook(None)
        output_set.recover(out)
        assert output_set.leftovers(out) == [], label
    assert failed == len(labels) - 2


def test_a_failed_write_names_the_output_not_the_staging_folder(sets, tmp_path: Path) -> None:
    old_out, _, new, _ = sets
    out = tmp_path / "out"
    shutil.copytree(old_out, out)

    def full(label: str) -> None:
        if label == "before write course-handout.pdf":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    output_set.set_fault_hook(full)
    with pytest.raises(OutputError) as caught:
        output_set.publish(out, new)
    assert caught.value.lines() == [
        f"{out / 'course-handout.pdf'}: cannot write: no space left on device (ENOSPC); "
        "the last good outputs are unchanged"
    ]


# --- through the command line ----------------------------------------------------------


def _course(*args: str, fault: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COURSE_JOBS": "1"}
    if fault:
        env[output_set.FAULT_VARIABLE] = fault
    return subprocess.run(
        [sys.executable, "-m", "build_tools", "build", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )


def test_the_command_killed_between_renames_is_completed_by_the_next_one(
    sets, tmp_path: Path
) -> None:
    old_out, old, new, source = sets
    labels = _steps(old_out, new, tmp_path)
    second = [i for i, label in enumerate(labels, 1) if label.endswith("into place")][1]
    out = tmp_path / "out"
    shutil.copytree(old_out, out)
    killed = _course("--source", str(source), "--out", str(out), fault=f"kill:{second}")
    assert killed.returncode == -signal.SIGKILL
    assert _files(out) not in (old, new)  # the mix that only lives until the next command
    again = _course("--source", str(source), "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("unchanged") == 4  # completed, and found fresh
    assert _files(out) == new
    assert output_set.leftovers(out) == []


def test_the_command_on_a_full_disk_exits_1_with_one_line(sets, tmp_path: Path) -> None:
    old_out, old, _, source = sets
    out = tmp_path / "out"
    shutil.copytree(old_out, out)
    full = _course("--source", str(source), "--out", str(out), fault="enospc:5")
    assert full.returncode == 1
    (line,) = full.stderr.splitlines()
    assert line.startswith(f"error: {out}")
    assert "no space left on device (ENOSPC)" in line
    assert _files(out) == old
    assert output_set.leftovers(out) == []


def test_a_read_only_output_is_not_replaced_and_nothing_else_is(sets, tmp_path: Path) -> None:
    old_out, old, _, source = sets
    out = tmp_path / "out"
    shutil.copytree(old_out, out)
    (out / "course-handout.pdf").chmod(0o444)
    refused = _course("--source", str(source), "--out", str(out))
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        f"error: {out / 'course-handout.pdf'}: cannot replace it: the file is read-only; "
        "the last good outputs are unchanged"
    ]
    assert _files(out) == old


def test_the_next_build_removes_temporary_files_of_the_first_version(
    sets, tmp_path: Path
) -> None:
    old_out, _, new, source = sets
    out = tmp_path / "out"
    shutil.copytree(old_out, out)
    (out / ".course-handout.pdf.k3j_9x2a.tmp").write_bytes(b"half a handout")
    (out / ".staging-0123456789ab").mkdir()
    (out / "notes-by-hand.txt").write_text("mine")
    done = _course("--source", str(source), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted([*new, "notes-by-hand.txt"])
