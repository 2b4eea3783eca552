"""``course watch``: rebuild when an input changes; keep going through bad input and faults.

watchfiles (Rust notify underneath) gives debounced change sets without polling. The
process stays warm, so a rebuild pays no import cost; the manifest skips what is fresh.

What is watched: the project folder (recursively, so an image anywhere in it counts), and
the folders of the files the last build read outside it (a ``--template`` elsewhere, the
house theme, fonts and templates). The output folder is never watched: outputs are not
inputs. When what the build reads moves to a new folder, the watcher restarts on the new
set. A missing, renamed or unreadable outline, a full disk or any other failure is
reported and the watch goes on, saying so, until the next change.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from pathlib import Path

from build_tools.errors import CourseError
from build_tools.manifest import Manifest
from build_tools.options import Options
from build_tools.paths import project_folder
from build_tools.pipeline import TARGETS, build


def watch(source: Path, out: Path, options: Options) -> int:
    from watchfiles import DefaultFilter
    from watchfiles import watch as changes

    project = project_folder(source)
    ignored = DefaultFilter(ignore_paths=[out.resolve()])
    # The first (empty) yield comes once the watcher is running, so the first build
    # happens with changes already being recorded: an edit made during it is not lost.
    first = True
    while True:
        folders = _folders(project, out)
        print(f"watching {', '.join(folders)} (Ctrl-C to stop)", flush=True)
        try:
            for changed in changes(*folders, watch_filter=ignored, debounce=100, step=20,
                                   yield_on_timeout=True, rust_timeout=200):
                if not (first or changed):
                    continue
                first = False
                _once(source, out, options)
                if _folders(project, out) != folders or not _exists(folders):
                    break  # what the build reads moved, or a folder went: watch anew
        except OSError as error:  # a watched folder vanished under the watcher
            print(f"still watching: {error}; starting again", file=sys.stderr, flush=True)
            time.sleep(0.5)  # not a busy loop while the folder is being replaced
        first = True  # build once the new watcher runs: nothing changed in between is lost


def _folders(project: Path, out: Path) -> list[str]:
    """The project, and the existing folders of inputs read from outside it."""
    folders = {str(project)}
    for entry in Manifest.read(out).targets.values():
        for name in entry["inputs"]:
            folder = os.path.dirname(name)
            if not _inside(folder, str(project)) and os.path.isdir(folder):
                folders.add(folder)
    return sorted(f for f in folders if os.path.isdir(f)) or [str(project.parent)]


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _exists(folders: list[str]) -> bool:
    return all(os.path.isdir(folder) for folder in folders)


def _once(source: Path, out: Path, options: Options) -> None:
    started = time.perf_counter()
    try:
        report = build(source, out, TARGETS, options)
    except CourseError as error:
        for line in error.lines():
            print(f"error: {line}", file=sys.stderr, flush=True)
        _still_watching(source)
        return
    except OSError as error:  # e.g. the outline replaced by something that cannot be read
        reason = error.strerror or str(error)
        print(f"error: {error.filename or source}: cannot read: {reason}", file=sys.stderr)
        _still_watching(source)
        return
    except Exception:  # a bug: show it, and keep the author's session alive
        traceback.print_exc()
        print("error: this is a bug in the course tool; please report it with the "
              "traceback above", file=sys.stderr)
        _still_watching(source)
        return
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    built = [w.path.name for w in report.written if not w.skipped]
    print(
        f"rebuilt {', '.join(built) or 'nothing (no change)'} in "
        f"{time.perf_counter() - started:.2f} s",
        flush=True,
    )


def _still_watching(source: Path) -> None:
    if not source.is_file():
        note = f"{source} is missing or not a file; it is built again when it is back"
    else:
        note = "the last good outputs are unchanged; save a fix to rebuild"
    print(f"still watching: {note}", file=sys.stderr, flush=True)
