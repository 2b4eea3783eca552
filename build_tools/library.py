"""A course library: every outline in ``source/``, each built into its own folder.

A department keeps dozens of courses in one repository. ``course build`` without
``--source`` builds each outline ``source/<stem>.yaml`` into ``build/<stem>/`` (``build/``
itself when there is only one, as before), each incremental on its own manifest. Stale
courses build in forked worker processes that inherit the imports, the theme and the font
metrics loaded once by the parent, so fifty courses pay the ~1 s of imports once.

Translation files (``source/<stem>.<lang>.yaml``, see the editions work) are not courses:
a file whose name has a second suffix that is a language tag is skipped.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from build_tools.errors import BuildFailure, CourseError, InputError, Problem
from build_tools.options import Options
from build_tools.workers import WorkerDied, in_workers

SOURCE_FOLDER = Path("source")
SUFFIXES = (".yaml", ".yml")
# BCP 47-ish: en, zh-TW, zh-Hant-HK, yue (a second suffix like this marks a translation).
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def is_translation(path: Path) -> bool:
    """``course.en.yaml`` (the English translation of ``course.yaml``) and
    ``course.zh-TW.terms.yaml`` (its Traditional Chinese term overrides) belong to a course;
    they are not courses: a language tag stands among the name's inner suffixes."""
    return any(LANGUAGE_TAG.match(part) for part in path.stem.split(".")[1:])


def discover(folder: Path = SOURCE_FOLDER) -> list[Path]:
    """The outlines in ``folder``, sorted by name; translation files left out."""
    if not folder.is_dir():
        raise InputError(
            [Problem("", f"expected a folder {folder}/ holding outlines (or name one with "
                         f"--source); {folder} does not exist")]
        )
    found = sorted(
        path
        for path in folder.iterdir()
        if path.suffix in SUFFIXES and path.is_file() and not is_translation(path)
    )
    if not found:
        raise InputError([Problem("", f"expected at least one outline (*.yaml) in {folder}/")])
    return found


def out_folder(out: Path, source: Path, library: Sequence[Path]) -> Path:
    """``out`` for a library of one (the flat layout), else ``out/<stem>/``."""
    return out if len(library) <= 1 else out / source.stem


@dataclass
class Outcome:
    """One course's build: its report, or the error that stopped it (never both)."""

    source: Path
    out: Path
    report: object | None = None  # pipeline.Report; typed loosely to keep imports lazy
    error: CourseError | None = None


def build_library(
    sources: Sequence[Path],
    out: Path,
    targets: list[str],
    options: Options,
    force: bool,
    jobs: int | None = None,
    layout: Sequence[Path] | None = None,
) -> Iterator[Outcome]:
    """Build every course; outcomes come back in the order of ``sources``. ``layout`` is the
    whole library when only some of it is built (it decides flat ``out`` or ``out/<stem>``).

    One course builds in this process (its outputs still render in parallel). Several
    build one per worker, forked after the renderers are imported so every worker shares
    them copy-on-write; inside a worker the outputs render one after the other.
    """
    from build_tools.pipeline import build, warm_up

    work = [(source, out_folder(out, source, layout or sources)) for source in sources]
    jobs = _jobs(len(work)) if jobs is None else min(jobs, len(work))
    if jobs <= 1:
        for source, folder in work:
            yield _build_one(build, source, folder, targets, options, force)
        return
    warm_up(targets)
    global _TASK
    _TASK = (targets, options, force)
    try:
        yield from in_workers(_build_in_worker, work, jobs, _one_render_process,
                              name=lambda item: item[0].stem, ordered=True)
    except WorkerDied as died:
        raise BuildFailure([Problem("", (
            "a course's worker was killed (perhaps by the out-of-memory killer) before these "
            f"courses were reported: {', '.join(died.items)}; build them again"
        ))]) from None
    finally:
        _TASK = None


_TASK: tuple[list[str], Options, bool] | None = None


def _one_render_process() -> None:
    """A worker is already one of several processes: it renders its outputs in turn.

    Ctrl-C reaches the whole process group and the parent handles it; SIGTERM (which the
    pool sends its workers when it closes) ends a worker without the parent's handler
    that the fork copied, so no worker prints a traceback (as ``pipeline._quiet_worker``).
    """
    os.environ["COURSE_JOBS"] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _build_in_worker(item: tuple[Path, Path]) -> Outcome:
    from build_tools.pipeline import build

    assert _TASK is not None
    targets, options, force = _TASK
    return _build_one(build, *item, targets, options, force)


def _build_one(
    build: Callable[..., object],
    source: Path,
    folder: Path,
    targets: list[str],
    options: Options,
    force: bool,
) -> Outcome:
    try:
        return Outcome(source, folder, report=build(source, folder, targets, options, force))
    except CourseError as error:
        return Outcome(source, folder, error=error)


def _jobs(count: int) -> int:
    wanted = os.environ.get("COURSE_JOBS", "")
    jobs = int(wanted) if wanted.isdigit() and int(wanted) > 0 else (os.cpu_count() or 1)
    forkable = "fork" in multiprocessing.get_all_start_methods()
    return min(jobs, count) if forkable else 1
