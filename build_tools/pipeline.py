"""The build, top to bottom: load -> plan -> render each output -> publish them as one set.

Nothing is written until every requested output has rendered; then the outputs and the
manifest are published together by ``output_set``: a typo, an overflow, a full disk or a
killed build leaves the last good set whole (see that module for how).
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from build_tools import inputs, output_set
from build_tools.backends.base import Backend, Context, Output, Result
from build_tools.editions import make_edition
from build_tools.errors import BuildFailure, CourseError, OutputError, Problem
from build_tools.locale import load_locale
from build_tools.manifest import FILE as MANIFEST_FILE
from build_tools.manifest import Manifest, build_settings
from build_tools.measure import Measurer
from build_tools.options import Options
from build_tools.outline.loader import load, locate
from build_tools.outline.source import Source
from build_tools.paths import project_folder
from build_tools.plan import make_plan
from build_tools.theme import Theme, load_theme
from build_tools.warm import Session
from build_tools.workers import WorkerDied, in_workers

# Imported only when asked for: `check` and no-change rebuilds stay fast.
BACKENDS = {
    "slides": "build_tools.backends.deck.backend:DeckBackend",
    "handout": "build_tools.backends.handout.backend:HandoutBackend",
    "notes": "build_tools.backends.notes.backend:TrainerNotesBackend",
    "web": "build_tools.backends.web:WebBackend",
}
TARGETS = tuple(BACKENDS)


def warm_up(targets: Iterable[str]) -> None:
    """Import the renderers and load the house theme's font metrics once, before forking.

    Workers of a course library inherit all of it copy-on-write instead of each paying
    the ~1 s of imports and font parsing.
    """
    for name in targets:
        importlib.import_module(BACKENDS[name].partition(":")[0])
    theme = load_theme()
    Measurer.from_paths(theme.regular_font, theme.bold_font)
    if "handout" in targets:
        from build_tools.backends.handout.fonts import register_fonts

        register_fonts(theme)


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
    theme = theme or load_theme(project)
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
    if edition.elsewhere:  # problems of translated text point at the translation file
        located = replace(located, elsewhere=edition.elsewhere)
    warnings = tuple(p if p.file else locate(p, located) for p in edition.warnings)
    if options.template is None and outline.course.template is not None:
        options = Options(**{**options.__dict__, "template": project / outline.course.template})
    context = Context(plan, theme, measurer, project, source.stem, options,
                      edition=edition.suffix, warnings=warnings)
    return context, located


DESIGNED_TARGETS = ("slides", "handout", "web")


def designed(context: Context) -> Context:
    """The context with every slide designed, once, for every backend that draws slides.

    Opens the template in use (``--template``, the outline's, else the house one), checks
    its contract and the pictures, reads its layouts as plain data and runs the design
    layer on each planned slide. A context designed already comes back as it is.
    """
    if context.designs is not None:
        return context
    from build_tools.backends.deck.backend import check_assets, template_path
    from build_tools.backends.deck.layouts import LayoutMap, describe, open_template
    from build_tools.design import design_deck
    from build_tools.design.palette import themed

    margin = round(context.theme.deck.margin_in * 914400)
    layout_map = LayoutMap.load(project=context.project)
    template = open_template(template_path(context), layout_map, margin)
    check_assets(context)
    layouts = describe(template, context.theme)
    designs = design_deck(context.plan, context.theme, layouts, context.measurer,
                          context.project)
    # A customer template's colours reach the handout's and web deck's own parts too.
    return replace(context, layouts=layouts, designs=designs,
                   theme=themed(context.theme, designs.palette))


def render(
    context: Context,
    targets: Iterable[str],
    located_source: Source,
    progress: Callable[[str], None] | None = None,
    inputs_read: dict[str, inputs.Record] | None = None,
    session: Session | None = None,
) -> tuple[list[tuple[str, Output, float]], list[Problem]]:
    """Render in memory; problems found by backends get the outline's line and column.

    With more than one target and more than one core, outputs render in forked worker
    processes: they share the loaded outline, plan and font metrics copy-on-write, and
    the deck (python-pptx) and the handout (reportlab) are each single-threaded, so two
    cores give nearly twice the speed. ``COURSE_JOBS=1`` renders in this process.
    ``inputs_read``, when given, receives per target the files its render read.
    """
    targets = list(targets)
    results: list[tuple[str, Result, float]] = []
    try:
        design_read: inputs.Record = {}  # the template, layout map and pictures it read
        if any(target in DESIGNED_TARGETS for target in targets):
            with inputs.recording() as design_read:
                # Before the workers fork: one design for all (kept between builds in a
                # session, which replays what the kept parts read into the record).
                context = session.designed(context) if session else designed(context)
        for target, result, seconds, record in _render_all(context, targets, progress):
            results.append((target, result, seconds))
            if inputs_read is not None:
                shared = design_read if target in DESIGNED_TARGETS else {}
                inputs_read[target] = {**shared, **record}
    except CourseError as error:
        error.problems = [locate(p, located_source) for p in error.problems]
        raise
    except WorkerDied as died:
        raise BuildFailure([Problem("", (
            f"a render worker stopped before it finished ({', '.join(died.items)}): it was "
            "killed, perhaps by the out-of-memory killer; nothing was written"
        ))]) from None
    rendered: list[tuple[str, Output, float]] = []
    # The loader's warnings (day past midnight), then the edition's (untranslated strings).
    warnings: list[Problem] = [*located_source.warnings, *context.warnings]
    for target in targets:  # report in the order asked for, whatever finished first
        for done, result, seconds in results:
            if done == target:
                warnings += [locate(p, located_source) for p in result.warnings]
                rendered += [(target, output, seconds) for output in result.outputs]
    return rendered, warnings


Rendered = tuple[str, Result, float, inputs.Record]


def _render_one(context: Context, target: str) -> Rendered:
    started = time.perf_counter()
    with inputs.recording() as record:
        result = backend(target).render(context)
    return target, result, time.perf_counter() - started, record


def _jobs(count: int) -> int:
    wanted = os.environ.get("COURSE_JOBS", "")
    jobs = int(wanted) if wanted.isdigit() and int(wanted) > 0 else (os.cpu_count() or 1)
    forkable = "fork" in multiprocessing.get_all_start_methods()
    return min(jobs, count) if forkable else 1


def _render_all(
    context: Context, targets: list[str], progress: Callable[[str], None] | None
) -> Iterator[Rendered]:
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
        yield from in_workers(_render_in_worker, order, jobs, _quiet_worker)
    finally:
        _CONTEXT = None


def _quiet_worker() -> None:
    """Ctrl-C reaches the whole process group: the parent alone handles it (and stops the
    workers), so no worker prints a KeyboardInterrupt traceback. SIGTERM ends a worker
    without Python's handler that the fork copied from the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


COST = {"slides": 3, "handout": 2, "notes": 1, "web": 1}
_CONTEXT: Context | None = None


def _render_in_worker(target: str) -> Rendered:
    assert _CONTEXT is not None
    return _render_one(_CONTEXT, target)


def build(
    source: Path,
    out: Path,
    targets: Iterable[str],
    options: Options | None = None,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
    session: Session | None = None,
) -> Report:
    """``session``: caches of a long-lived process (serve, watch); see ``build_tools.warm``."""
    targets = list(targets)
    options = options or Options()
    _make_folder(out)
    output_set.recover(out)
    manifest = Manifest.read(out)
    settings = build_settings(source, options)
    suffix = (options or Options()).manifest_suffix  # each edition is recorded apart
    stale = [t for t in targets if force or not manifest.fresh(t + suffix, settings, out)]
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
    project = project_folder(source)
    with inputs.recording() as shared:  # the outline, the theme, the fonts of the measure
        context, located = prepare_located(
            source, options, session.theme(project) if session else None
        )
    read_by: dict[str, inputs.Record] = {}
    rendered, report.warnings = render(context, stale, located, progress, read_by, session)
    for target in stale:
        outputs = [o for t, o, _ in rendered if t == target]
        manifest.record(target + suffix, settings, {**shared, **read_by[target]}, outputs)
    files = {output.name: output.data for _, output, _ in rendered}
    files[MANIFEST_FILE] = manifest.data()
    output_set.publish(out, files)  # the outputs and the manifest, together or not at all
    for target, output, seconds in rendered:
        report.written.append(Written(target, output, out / output.name, seconds))
    return report


def _make_folder(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(out, "expected an output folder; it is a file") from None
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        raise OutputError(out, f"cannot make the output folder: {reason}") from None


def write_atomically(path: Path, data: bytes) -> Path:
    """One file as a set of one: readers never see half a file, and a kill leaves nothing
    that the next write in that folder does not clean up."""
    output_set.publish(path.parent, {path.name: data})
    return path
