"""``course watch``: rebuild when an input changes; keep going through bad input and faults.

watchfiles (Rust notify underneath) gives debounced change sets without polling. The
process stays warm, so a rebuild pays no import cost; the manifest skips what is fresh.

What is watched: the folder of every file the last build read (an image anywhere, a
``--template`` elsewhere, the house theme, fonts and templates), the outline's folder and
the project folder, each without its subfolders. Changes to outputs never count: outputs
are not inputs. When the build reads other files (an edited outline names a new image),
the watcher restarts on the new set; also when one of those folders goes or comes back. A
missing, renamed or unreadable outline, a full disk or any other failure is reported and
the watch goes on, saying so, until the next change.
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
from build_tools.warm import Session


def watch(source: Path, out: Path, options: Options) -> int:
    from watchfiles import watch as changes

    project = project_folder(source)
    # The first (empty) yield comes once the watcher is running, so the first build
    # happens with changes already being recorded: an edit made during it is not lost.
    first = True
    while True:
        inputs = _inputs(out)
        folders = _folders(source, project, inputs)
        print(f"watching {', '.join(folders)} (Ctrl-C to stop)", flush=True)
        try:
            for changed in changes(*folders, watch_filter=_Filter(source, out, inputs),
                                   recursive=False, debounce=100, step=20,
                                   yield_on_timeout=True, rust_timeout=200):
                if not (first or changed):
                    continue
                first = False
                _once(source, out, options)
                if _folders(source, project, _inputs(out)) != folders:
                    break  # the build reads other files, or a folder went or came back
        except OSError as error:  # a watched folder vanished under the watcher
            print(f"still watching: {error}; starting again", file=sys.stderr, flush=True)
            time.sleep(0.5)  # not a busy loop while the folder is being replaced
        first = True  # build once the new watcher runs: nothing changed in between is lost


def _inputs(out: Path) -> frozenset[str]:
    """Every file the last build of any output read (from the manifest)."""
    return frozenset(
        name for entry in Manifest.read(out).targets.values() for name in entry["inputs"]
    )


def _folders(source: Path, project: Path, inputs: frozenset[str]) -> list[str]:
    """The folders of what the build read, of the outline, and the project (to see the
    outline's folder come back): each watched alone, not its whole tree, so a project
    holding virtual environments or build trees costs nothing."""
    outline = source.resolve()
    folders = {str(project), str(outline.parent), *(os.path.dirname(n) for n in inputs)}
    return sorted(f for f in folders if os.path.isdir(f)) or [str(project.parent)]


class _Filter:
    """watchfiles' default filter (editor swap files, caches), and in the output folder
    only the outline and recorded inputs: outputs, the manifest and the writer's staging
    folders are not inputs, even when the outputs land beside the outline."""

    def __init__(self, source: Path, out: Path, inputs: frozenset[str]) -> None:
        from watchfiles import DefaultFilter

        self.default = DefaultFilter()
        self.out = str(out.resolve())
        self.wanted = inputs | {str(source.resolve())}

    def __call__(self, change: object, path: str) -> bool:
        if not self.default(change, path):  # type: ignore[arg-type]
            return False
        return not _inside(path, self.out) or path in self.wanted


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


_SESSION = Session()  # the theme, layouts and slide designs, kept between rebuilds


def _once(source: Path, out: Path, options: Options) -> None:
    started = time.perf_counter()
    try:
        report = build(source, out, TARGETS, options, session=_SESSION)
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
