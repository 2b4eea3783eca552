"""`course watch` rebuilds on change, reports bad input located, and keeps running."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import ROOT
from tests.corpus import copy_project


def _reader(stream, lines: queue.Queue[str]) -> None:  # type: ignore[no-untyped-def]
    for line in stream:
        lines.put(line.rstrip("\n"))


def _wait_for(lines: queue.Queue[str], needle: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        seen.append(line)
        if needle in line:
            return line
    raise AssertionError(f"{needle!r} not printed; got {seen}")


def test_watch_rebuilds_reports_errors_and_keeps_running(tmp_path: Path) -> None:
    source = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "build_tools", "watch", "--source", str(source),
         "--out", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_reader, args=(process.stdout, lines), daemon=True).start()
    try:
        _wait_for(lines, "rebuilt course.pptx")
        first = (out / "course.pptx").read_bytes()
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("minutes: 15", "minutes: 15m"), encoding="utf-8")
        error = _wait_for(lines, "error:")
        assert f"{source}:27:18: chapters[1].slides[1].minutes (slide 4" in error
        assert process.poll() is None
        assert (out / "course.pptx").read_bytes() == first
        source.write_text(text.replace("最小课程", "最小课程（修订）"), encoding="utf-8")
        _wait_for(lines, "rebuilt course.pptx")
        assert (out / "course.pptx").read_bytes() != first
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_watch_keeps_running_when_the_outline_is_deleted_renamed_or_unreadable(
    tmp_path: Path,
) -> None:
    source = copy_project(tmp_path / "project")
    out = tmp_path / "project" / "build"  # inside the project: its changes are not inputs
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "build_tools", "watch", "--source", str(source),
         "--out", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_reader, args=(process.stdout, lines), daemon=True).start()
    try:
        _wait_for(lines, "rebuilt course.pptx")
        first = (out / "course.pptx").read_bytes()
        text = source.read_text(encoding="utf-8")

        source.unlink()
        missing = _wait_for(lines, "error:")
        assert f"{source}: expected an outline file; it does not exist" in missing
        assert "is missing" in _wait_for(lines, "still watching")

        source.mkdir()  # something that cannot be read as an outline
        _wait_for(lines, "error:")
        _wait_for(lines, "still watching")
        source.rmdir()

        renamed = source.with_name("draft.yaml")
        renamed.write_text(text.replace("最小课程", "最小课程（修订）"), encoding="utf-8")
        renamed.rename(source)  # renamed back into place: built again
        _wait_for(lines, "rebuilt course.pptx")
        assert process.poll() is None
        assert (out / "course.pptx").read_bytes() != first
        assert not [line for line in list(lines.queue) if "Traceback" in line]
    finally:
        process.terminate()
        process.wait(timeout=10)
