"""The build, top to bottom: load -> plan -> render each output -> write them atomically.

Nothing is written until every requested output has rendered, and each file is written
to a temporary name in the output folder and renamed into place: a typo, an overflow or a
killed build leaves the last good outputs untouched.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.backends.base import Backend, Context, Output, Result
from build_tools.editions import make_edition
from build_tools.errors import CourseError, Problem
from build_tools.locale import load_locale
from build_tools.manifest import Manifest, fingerprint
from build_tools.measure import Measurer
from build_tools.options import Options
from build_tools.outline.loader import load, locate
from build_tools.outline.source import Source
from build_tools.paths import project_folder
from build_tools.plan import make_plan
from build_tools.theme import Theme, load_theme

# Imported only when asked for: `check` and no-change rebuilds stay fast.
BACKENDS = {
    "slides": "build_tools.backends.deck:DeckBackend",
    "handout": "build_tools.backends.handout:HandoutBackend",
    "notes": "build_tools.backends.trainer_notes:TrainerNotesBackend",
}
TARGETS = tuple(BACKENDS)


def backend(name: str) -> Backend:
    module, _, cls = BACKENDS[name].partition(":")
    return getattr(importlib.import_module(module), cls)()  # type: ignore[no-any-return]


@dataclass
class Written:
    target: str
    output: Output
    path: Path
    seconds: float
    skipped: bool = False


@dataclass
class Report:
    written: list[Written] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def prepare(source: Path, options: Options | None = None, theme: Theme | None = None) -> Context:
    """Load and plan: everything a backend needs, resolved once."""
    return prepare_located(source, options, theme)[0]


def prepare_located(
    source: Path, options: Options | None = None, theme: Theme | None = None
) -> tuple[Context, Source]:
    """As ``prepare``, also returning the source map that locates backend problems."""
    project = project_folder(source)
    outline, located = load(source, project)
    options = options or Options()
    try:
        edition = make_edition(outline, source, options.edition, options.allow_untranslated)
    except CourseError as error:
        error.problems = [p if p.file else locate(p, located) for p in error.problems]
        raise
    locale = load_locale(edition.language)
    # Source text left in a translated edition keeps the source's fonts, so it can be drawn.
    look_language = outline.course.language if edition.fallback_fonts else edition.language
    theme = (theme or load_theme()).for_language(look_language)
    plan = make_plan(edition.outline, locale, theme.deck.agenda_capacity)
    measurer = Measurer.from_paths(theme.regular_font, theme.bold_font, latin=locale.latin)
    warnings = tuple(p if p.file else locate(p, located) for p in edition.warnings)
    if options.template is None and outline.course.template is not None:
        options = Options(**{**options.__dict__, "template": project / outline.course.template})
    context = Context(plan, theme, measurer, project, source.stem, options, edition.suffix,
                      warnings)
    return context, located


def render(
    context: Context,
    targets: Iterable[str],
    located_source: Source,
    progress: Callable[[str], None] | None = None,
) -> tuple[list[tuple[str, Output, float]], list[Problem]]:
    """Render in memory; problems found by backends get the outline's line and column.

    With more than one target and more than one core, outputs render in forked worker
    processes: they share the loaded outline, plan and font metrics copy-on-write, and
    the deck (python-pptx) and the handout (reportlab) are each single-threaded, so two
    cores give nearly twice the speed. ``COURSE_JOBS=1`` renders in this process.
    """
    targets = list(targets)
    results: list[tuple[str, Result, float]] = []
    try:
        for target, result, seconds in _render_all(context, targets, progress):
            results.append((target, result, seconds))
    except CourseError as error:
        error.problems = [locate(p, located_source) for p in error.problems]
        raise
    rendered: list[tuple[str, Output, float]] = []
    warnings: list[Problem] = list(context.warnings)
    for target in targets:  # report in the order asked for, whatever finished first
        for done, result, seconds in results:
            if done == target:
                warnings += [locate(p, located_source) for p in result.warnings]
                rendered += [(target, output, seconds) for output in result.outputs]
    return rendered, warnings


def _render_one(context: Context, target: str) -> tuple[str, Result, float]:
    started = time.perf_counter()
    result = backend(target).render(context)
    return target, result, time.perf_counter() - started


def _jobs(count: int) -> int:
    wanted = os.environ.get("COURSE_JOBS", "")
    jobs = int(wanted) if wanted.isdigit() and int(wanted) > 0 else (os.cpu_count() or 1)
    forkable = "fork" in multiprocessing.get_all_start_methods()
    return min(jobs, count) if forkable else 1


def _render_all(
    context: Context, targets: list[str], progress: Callable[[str], None] | None
) -> Iterator[tuple[str, Result, float]]:
    jobs = _jobs(len(targets))
    if jobs <= 1:
        for target in targets:
            if progress:
                progress(target)
            yield _render_one(context, target)
        return
    # Heaviest first, so the deck and the handout start at once on two cores.
    order = sorted(targets, key=lambda t: COST.get(t, 0), reverse=True)
    if progress:
        for target in order:
            progress(target)
    global _CONTEXT
    _CONTEXT = context  # inherited by the forked workers, never pickled
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap_unordered(_render_in_worker, order)
    finally:
        _CONTEXT = None


COST = {"slides": 3, "handout": 2, "notes": 1}
_CONTEXT: Context | None = None


def _render_in_worker(target: str) -> tuple[str, Result, float]:
    assert _CONTEXT is not None
    return _render_one(_CONTEXT, target)


def build(
    source: Path,
    out: Path,
    targets: Iterable[str],
    options: Options | None = None,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> Report:
    targets = list(targets)
    out.mkdir(parents=True, exist_ok=True)
    manifest = Manifest.read(out)
    key = fingerprint(source, project_folder(source), options or Options())
    suffix = (options or Options()).manifest_suffix
    stale = [t for t in targets if force or not manifest.fresh(t + suffix, key, out)]
    report = Report()
    for target in targets:
        if target not in stale:
            for name in manifest.outputs(target + suffix):
                path = out / name
                data = path.read_bytes()
                count, unit = manifest.count(target + suffix, name)
                report.written.append(
                    Written(target, Output(name, data, count, unit), path, 0.0, skipped=True)
                )
    if not stale:
        return report
    context, located = prepare_located(source, options)
    rendered, report.warnings = render(context, stale, located, progress)
    for target, output, seconds in rendered:
        path = write_atomically(out / output.name, output.data)
        report.written.append(Written(target, output, path, seconds))
    for target in stale:
        outputs = [o for t, o, _ in rendered if t == target]
        manifest.record(target + suffix, key, outputs)
    manifest.write(out)
    return report


def write_atomically(path: Path, data: bytes) -> Path:
    """Temporary file in the same folder, fsync, rename: readers never see half a file."""
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
