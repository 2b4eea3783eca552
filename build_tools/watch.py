"""``course watch``: rebuild when the outline or assets change, keep going on bad input.

watchfiles (Rust notify underneath) gives debounced change sets without polling. The
process stays warm, so a rebuild pays no import cost; the manifest skips what is fresh.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from build_tools.errors import CourseError
from build_tools.options import Options
from build_tools.paths import project_folder
from build_tools.pipeline import TARGETS, build
from build_tools.warm import Session


def watch(source: Path, out: Path, options: Options) -> int:
    from watchfiles import watch as changes

    project = project_folder(source)
    folders = [str(p) for p in (source.resolve().parent, project / "assets") if p.is_dir()]
    print(f"watching {', '.join(folders)} (Ctrl-C to stop)", flush=True)
    # The first (empty) yield comes once the watcher is running, so the first build
    # happens with changes already being recorded: an edit made during it is not lost.
    first = True
    for changed in changes(*folders, debounce=100, step=20, yield_on_timeout=True,
                           rust_timeout=200):
        if first or changed:
            first = False
            _once(source, out, options)
    return 0


_SESSION = Session()  # the theme, layouts and slide designs, kept between rebuilds


def _once(source: Path, out: Path, options: Options) -> None:
    started = time.perf_counter()
    try:
        report = build(source, out, TARGETS, options, session=_SESSION)
    except CourseError as error:
        for line in error.lines():
            print(f"error: {line}", file=sys.stderr, flush=True)
        return
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    built = [w.path.name for w in report.written if not w.skipped]
    print(
        f"rebuilt {', '.join(built) or 'nothing (no change)'} in "
        f"{time.perf_counter() - started:.2f} s",
        flush=True,
    )
