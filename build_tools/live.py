"""The live build behind ``course serve``: watch, rebuild, and tell the open pages.

The process stays warm (imports, theme, font metrics and the backends' per-slide caches
survive between builds: ``build_tools.warm``), so a one-slide edit costs a re-plan, the
re-design of that slide and a re-render of what changed. The web deck is built first and
announced at once; the trainer's notes, the PowerPoint deck and the PDF handout follow,
and their pages are told when they are done.
Bad input is announced as located lines, which the page shows over the stale slides.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Any

from build_tools.errors import CourseError
from build_tools.options import Options
from build_tools.paths import project_folder
from build_tools.warm import Session

FIRST = ("web",)  # what an author looks at while editing: built and announced first


class Hub:
    """The build state and a version per output file; page streams wait on it."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._serial = 0
        self._versions: dict[str, int] = {}
        self._state: dict[str, Any] = {"state": "building", "versions": {}, "errors": []}
        self.closed = False

    def version_of(self, name: str) -> int:
        with self._changed:
            return self._versions.get(name, 0)

    def built(self, names: list[str]) -> None:
        with self._changed:
            self._serial += 1
            for name in names:
                self._versions[name] = self._serial
            self._publish({"state": "ok", "versions": dict(self._versions), "errors": []})

    def failed(self, lines: list[str]) -> None:
        with self._changed:
            self._serial += 1
            self._publish({"state": "error", "versions": dict(self._versions), "errors": lines})

    def _publish(self, state: dict[str, Any]) -> None:
        self._state = {**state, "serial": self._serial}
        self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[bool, int, dict[str, Any]]:
        """(changed, serial, state): at once if the caller has not seen the latest."""
        with self._changed:
            if self._serial == seen:
                self._changed.wait(timeout)
            changed = self._serial != seen
            return changed, self._serial, self._state

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()


class Rebuilder:
    def __init__(self, source: Path, out: Path, options: Options, hub: Hub) -> None:
        self.source, self.out, self.options, self.hub = source, out, options, hub
        self._stop = threading.Event()
        self.session = Session()
        # Forking render workers from a threaded server is unsafe; the warm process
        # renders in this thread instead, one output after another.
        os.environ["COURSE_JOBS"] = "1"

    def stop(self) -> None:
        self._stop.set()

    def folders(self) -> list[str]:
        project = project_folder(self.source)
        wanted = (self.source.resolve().parent, project / "assets")
        return [str(p) for p in wanted if p.is_dir()]

    def run(self) -> None:
        from watchfiles import watch as changes

        # The first (empty) yield comes once the watcher runs: no edit made during the
        # first build is lost.
        first = True
        for changed in changes(*self.folders(), debounce=50, step=20, yield_on_timeout=True,
                               rust_timeout=200, stop_event=self._stop):
            if first or changed:
                self.once(warm=first)
                first = False

    def once(self, warm: bool = False) -> bool:
        """Build the first targets, announce them, then the rest. False on bad input.

        ``warm``: render the first targets even if they are fresh, so the imports and the
        per-slide caches are ready before the author's first edit.
        """
        from build_tools.pipeline import TARGETS

        first = [t for t in FIRST if t in TARGETS]
        then = [t for t in TARGETS if t not in first]
        return self._step(first, force=warm) and self._step(then)

    def _step(self, targets: list[str], force: bool = False) -> bool:
        from build_tools.pipeline import build

        if not targets:
            return True
        started = time.perf_counter()
        try:
            report = build(self.source, self.out, targets, self.options, force=force,
                           session=self.session)
        except CourseError as error:
            lines = error.lines()
            for line in lines:
                print(f"error: {line}", file=sys.stderr, flush=True)
            self.hub.failed(lines)
            return False
        except Exception as bug:  # a bug: keep serving, show it, keep the traceback
            traceback.print_exc()
            self.hub.failed([f"{type(bug).__name__}: {bug}"])
            return False
        for warning in report.warnings:
            print(f"warning: {warning}", file=sys.stderr, flush=True)
        names = [w.output.name for w in report.written if not w.skipped]
        self.hub.built(names)
        print(
            f"rebuilt {', '.join(names) or 'nothing (no change)'} in "
            f"{time.perf_counter() - started:.3f} s",
            flush=True,
        )
        return True
