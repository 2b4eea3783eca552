"""The command line: ``course build|check|new|schema|stats|watch|import``; one error boundary.

Exit status: 0 success, 1 the build failed (text overflows, a disk is full, a file cannot
be written), 2 bad input (the outline, an asset it names, an argument, the environment),
130 interrupted, 70 a bug. Problems print as ``file:line:column: field: message``, one per
line, with control characters escaped and without a traceback. Arguments are checked
before anything is read, so a FIFO, a device or a folder given as a file is refused
before it could hang or flood the build. Any other exception is a bug: it prints its
traceback under a line that says so and how to report it.
"""

from __future__ import annotations

import argparse
import functools
import os
import stat
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from build_tools import interrupts
from build_tools.errors import BuildFailure, CourseError, InputError, Problem, capped, printable
from build_tools.limits import checked_stat, file_kind, regular_file_problem, template_problems
from build_tools.manifest import fresh_outputs
from build_tools.options import Options

SOURCE_HELP = "the outline file (default: every outline in source/, each into OUT/<name>/)"
DEFAULT_OUT = Path("build")
EXIT_BUG = 70  # EX_SOFTWARE (sysexits.h): an internal error, not the author's
REPORT = (
    "bug: this is a bug in the course build, not a problem with your files; please report "
    "it (an issue in the courseware-build-tools repository) with the command you ran and "
    "the traceback below"
)
# SOURCE_DATE_EPOCH must end before a zip file's last date (2107-12-31): the deck is a zip
# package (dates before 1980 are clamped to 1980 by reproducible.py).
EPOCH_RANGE = (0, 4_354_819_199)


def main(argv: Sequence[str] | None = None) -> int:
    interrupts.install()  # SIGTERM unwinds like Ctrl-C: the last good outputs stay whole
    _safe_streams()
    args = _parser().parse_args(argv)
    return guarded(lambda: int(args.run(args)), every=bool(getattr(args, "all", False)))


def guarded(run: Callable[[], int], every: bool = False) -> int:
    """The error boundary: whatever ``run`` raises ends as one exit status and a message."""
    try:
        return run()
    except CourseError as error:
        _print_lines("error", error.lines(every))
        return error.exit_status
    except KeyboardInterrupt:
        return 130
    except interrupts.Terminated:
        return interrupts.Terminated.exit_status
    except BrokenPipeError:  # `course schema | head`: the reader left; nothing to say
        _quiet_stdout()
        return 1
    except MemoryError:
        _print_lines("error", ["out of memory: the build needs more memory than it was given"])
        return 1
    except OSError as error:  # a fault of the machine: disk full, permission, I/O error
        where = f"{error.filename}: " if error.filename else ""
        reason = error.strerror or type(error).__name__
        _print_lines("error", [printable(f"{where}{reason}")])
        return 1
    except Exception:
        print(REPORT, file=sys.stderr)
        traceback.print_exc()
        return EXIT_BUG


def _safe_streams() -> None:
    """Never fail on printing: a terminal or pipe that cannot show a character gets an
    escape instead of a UnicodeEncodeError (PYTHONIOENCODING=ascii, an old console)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the exit flush cannot fail too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _print_lines(kind: str, lines: list[str]) -> None:
    for line in lines:
        print(f"{kind}: {line}", file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors escaped like every other message (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {printable(message)}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="course", description="Build a deck, a handout and trainer's notes from one outline."
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="command", parser_class=_Parser
    )

    def with_all(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--all",
            action="store_true",
            help="print every problem and warning (default: the first 20, then a count)",
        )

    def with_source(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--source", type=Path, help=SOURCE_HELP)
        with_all(sub)

    def with_render_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--template", type=Path, help="render onto this .pptx template")
        sub.add_argument(
            "--layout",
            choices=("notes", "article", "grid"),
            help="handout layout (default: the outline's handout_layout)",
        )
        sub.add_argument(
            "--allow-overflow",
            action="store_true",
            help="report text that overflows its box as a warning, not an error",
        )
        sub.add_argument(
            "--edition",
            metavar="LANG",
            help="build the course in zh-CN, zh-TW, zh-HK or en (outputs named "
            "course.<LANG>.pptx …); 'all' builds every edition in course.editions",
        )
        sub.add_argument(
            "--allow-untranslated",
            action="store_true",
            help="a translated edition keeps the source text of missing strings (a warning)",
        )

    build = commands.add_parser("build", help="build the outputs into the output folder")
    build.add_argument(
        "targets",
        nargs="*",
        default="all",
        choices=("slides", "handout", "notes", "web", "all"),
        metavar="target",
        help="slides, handout, notes, web or all (default: all)",
    )
    with_source(build)
    build.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build)"
    )
    build.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    with_render_options(build)
    build.set_defaults(run=_build)

    check = commands.add_parser("check", help="validate and lint the outline; write nothing")
    with_source(check)
    with_render_options(check)
    check.set_defaults(run=_check)

    schema = commands.add_parser("schema", help="print the outline's JSON Schema")
    schema.add_argument("--out", type=Path, help="write it to this file instead")
    schema.add_argument("--markdown", action="store_true",
                        help="the format reference for authors (docs/outline.md) instead")
    schema.set_defaults(run=_schema)

    stats = commands.add_parser("stats", help="slides and minutes per chapter")
    with_source(stats)
    stats.set_defaults(run=_stats)

    translate = commands.add_parser(
        "translate", help="create or update the translation file source/<stem>.<LANG>.yaml"
    )
    with_source(translate)
    translate.add_argument("--lang", required=True, help="the edition's language, e.g. en")
    translate.set_defaults(run=_translate)

    new = commands.add_parser("new", help="start a course project in a new folder")
    new.add_argument("folder", type=Path, help="the folder to create (new or empty)")
    new.set_defaults(run=_new)

    watch = commands.add_parser("watch", help="rebuild when source/ or assets/ change")
    with_source(watch)
    watch.add_argument("--out", type=Path, default=DEFAULT_OUT)
    with_render_options(watch)
    watch.set_defaults(run=_watch)

    serve = commands.add_parser(
        "serve", help="serve the outputs on this machine; rebuild and reload on every change"
    )
    with_source(serve)
    serve.add_argument("--out", type=Path, default=DEFAULT_OUT)
    serve.add_argument("--host", default="127.0.0.1", help="address (default: 127.0.0.1)")
    serve.add_argument(
        "--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)"
    )
    with_render_options(serve)
    serve.set_defaults(run=_serve)

    from build_tools.importer.command import add_parser as add_import

    add_import(commands)  # course import deck.pptx: build_tools/importer/
    return parser


TARGETS = ("slides", "handout", "notes", "web")


def _options(args: argparse.Namespace, *edition: str | None) -> Options:
    """The options, once every path argument and the environment have been checked
    (the outlines by ``_sources``); ``edition`` (one of ``_editions``) overrides
    ``--edition``."""
    if getattr(args, "out", None) is not None:
        _check_out(args.out)
    if args.template is not None:
        _check_template(args.template)
    return Options(
        allow_overflow=args.allow_overflow,
        template=args.template,
        layout=args.layout,
        epoch=_epoch(),
        edition=edition[0] if edition else getattr(args, "edition", None),
        allow_untranslated=getattr(args, "allow_untranslated", False),
    )


def _sources(args: argparse.Namespace) -> list[Path]:
    """``--source``, or every outline of the library in ``source/``; each checked."""
    from build_tools.library import discover

    sources = [args.source] if args.source is not None else discover()
    for source in sources:
        _check_source(source)
    return sources


def _layout(args: argparse.Namespace, sources: list[Path]) -> list[Path]:
    """The library that decides flat ``build/`` or ``build/<stem>/``: with ``--source``,
    the outlines beside it, so one course of a library builds where ``course build`` puts
    it (not a second copy, flat in ``build/``)."""
    from build_tools.library import discover

    if args.source is None:
        return sources
    try:
        beside = discover(args.source.parent)
    except InputError:
        return sources
    same = any(path.resolve() == args.source.resolve() for path in beside)
    return beside if same else sources


def _course_out(args: argparse.Namespace, source: Path) -> Path:
    """The output folder of one course (watch, serve, build --source)."""
    from build_tools.library import out_folder

    return out_folder(args.out, source, _layout(args, [source]))


def _check_source(source: Path) -> None:
    from build_tools.library import is_translation

    problem = regular_file_problem(source, "an outline file")
    if problem is None and is_translation(source):
        course = source.name.split(".")[0] + source.suffix
        problem = (f"expected a course outline; got a file that belongs to {course} "
                   "(a translation or terms file: build it with --edition LANG)")
    if problem:
        raise InputError([Problem("", problem, source)])


def _check_out(out: Path) -> None:
    """The output folder exists as a folder, or can be made: its nearest existing
    ancestor is a folder. Writing into it may still fail (a fault: exit 1)."""
    probe = out
    while True:
        info = checked_stat(probe)
        if not isinstance(info, str):
            break
        if probe.parent == probe or info != "it does not exist":
            raise InputError([Problem("", f"expected a folder for the outputs; {info}", out)])
        probe = probe.parent
    if not stat.S_ISDIR(info.st_mode):
        what = "a file" if stat.S_ISREG(info.st_mode) else file_kind(info.st_mode)
        if probe == out:
            message = f"expected a folder for the outputs; got {what}"
        else:
            message = f"expected a folder for the outputs; {str(probe)!r} on its path is {what}"
        raise InputError([Problem("", message, out)])


def _check_template(template: Path) -> None:
    problems = template_problems(template)
    if problems:
        raise InputError([Problem("", message, template) for message in problems])


def _epoch() -> int | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org): whole seconds, within the zip dates."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not value.strip():
        return None
    low, high = EPOCH_RANGE
    if value.strip().isdigit() and low <= int(value) <= high:
        return int(value)
    raise InputError(
        [
            Problem(
                "SOURCE_DATE_EPOCH",
                f"expected whole seconds since 1970, at most {high} (2107-12-31, the last "
                f"date a zip file can hold); got {value[:40]!r}",
            )
        ]
    )


def _editions(args: argparse.Namespace) -> list[str | None]:
    """``--edition all``: every edition the outline lists (its own language first)."""
    if args.edition != "all":
        return [args.edition]
    from build_tools.outline.loader import load

    course = load(_sources(args)[0])[0].course
    wanted = course.editions or [course.language]
    return [None if e == course.language else e for e in dict.fromkeys(wanted)]


def _targets(names: Sequence[str] | str) -> list[str]:
    if isinstance(names, str):
        names = [names]
    if "all" in names:
        return list(TARGETS)
    return [t for t in TARGETS if t in names]


def _build(args: argparse.Namespace) -> int:
    for edition in _editions(args):
        status = _build_edition(args, edition)
        if status:
            return status
    return 0


def _build_edition(args: argparse.Namespace, edition: str | None) -> int:
    from build_tools.library import out_folder

    started = time.perf_counter()
    targets = _targets(args.targets)
    sources = _sources(args)
    layout = _layout(args, sources)
    options = _options(args, edition)
    if len(layout) > 1:
        _warn_left_behind(args.out, sources)
    stale = []
    for source in sources:
        out = out_folder(args.out, source, layout)
        fresh = None if args.force else fresh_outputs(source, out, targets, options)
        if fresh is None:
            stale.append(source)
            continue
        for path, count, unit in fresh:
            print(printable(f"{path}  {count} {unit}  {_size(path.stat().st_size)}  unchanged"))
    if not stale:
        print(f"done in {time.perf_counter() - started:.2f} s (nothing changed)")
        return 0
    if len(sources) == 1:
        out = out_folder(args.out, sources[0], layout)
        return _build_one(args, sources[0], out, targets, options, started)
    return _build_library(args, sources, stale, targets, options, started)


def _warn_left_behind(out: Path, sources: list[Path]) -> None:
    """One warning per course whose flat outputs (from when it was the library's only
    outline) still sit in ``out`` beside the folders the library builds into."""
    from build_tools.library import out_folder
    from build_tools.manifest import left_behind

    for source in sources:
        left = left_behind(out, source)
        if left:
            more = f"(and {len(left) - 1} more files) " if len(left) > 1 else ""
            them = "them" if more else "it"
            folder = out_folder(out, source, [source, source])
            _print_warnings([Problem("", (
                f"{more}left by a flat build of {source}; nothing updates {them} now that "
                f"the course builds into {folder}/: delete {them}"), left[0])])


def _build_one(
    args: argparse.Namespace, source: Path, out: Path, targets: list[str], options: Options,
    started: float,
) -> int:
    from build_tools.pipeline import build

    progress = _progress() if sys.stderr.isatty() and not os.environ.get("CI") else None
    report = build(source, out, targets, options, args.force, progress)
    _print_report(report, args.all)
    print(f"done in {time.perf_counter() - started:.2f} s")
    return 0


def _build_library(
    args: argparse.Namespace, sources: list[Path], stale: list[Path], targets: list[str],
    options: Options, started: float,
) -> int:
    """Every stale course of the library; one course's mistake does not stop the others."""
    from build_tools.library import build_library

    status = 0
    failed = 0
    # Stale courses only, but out_folder() must see the whole library to pick build/<stem>/.
    for outcome in build_library(stale, args.out, targets, options, args.force, layout=sources):
        if outcome.error is not None:
            failed += 1
            _print_lines("error", outcome.error.lines(args.all))
            status = max(status, outcome.error.exit_status)
        else:
            _print_report(outcome.report, args.all)
    courses = f"{len(sources)} courses, {len(stale) - failed} built, {failed} failed"
    print(f"done in {time.perf_counter() - started:.2f} s ({courses})")
    return status


def _print_report(report: Any, every: bool) -> None:
    _print_warnings(report.warnings, every)
    for item in report.written:
        size = len(item.output.data)
        note = "unchanged" if item.skipped else f"{item.seconds:.2f} s"
        line = f"{item.path}  {item.output.count} {item.output.unit}  {_size(size)}  {note}"
        print(printable(line))


def _progress():  # type: ignore[no-untyped-def]
    def show(target: str) -> None:
        print(f"  rendering {target} …", file=sys.stderr, flush=True)

    return show


def _each(args: argparse.Namespace, run: Callable[[Path], int]) -> int:
    """Run ``run`` for every course; in a library one course's errors do not stop the rest."""
    sources = _sources(args)
    if len(sources) == 1:
        return run(sources[0])
    status = 0
    for source in sources:
        try:
            status = max(status, run(source))
        except CourseError as error:
            _print_lines("error", error.lines(args.all))
            status = max(status, error.exit_status)
    return status


def _check(args: argparse.Namespace) -> int:
    """Everything a build does except writing, per edition: fit and font checks included."""
    status = 0
    for edition in _editions(args):
        status = max(status, _each(args, functools.partial(_check_one, args, edition=edition)))
    return status


def _translate(args: argparse.Namespace) -> int:
    from build_tools.locale import LANGUAGES
    from build_tools.outline.loader import load
    from build_tools.translation import update_translation

    if args.lang not in LANGUAGES:
        raise InputError([Problem("", f"--lang: expected one of {', '.join(LANGUAGES)}; "
                                      f"got {args.lang!r}")])
    source = _one_source(args, "translate")
    outline = load(source)[0]
    file, update = update_translation(outline, source, args.lang)
    print(f"{file}: {update.total} strings, {update.translated} translated, {update.new} new, "
          f"{update.stale} stale, {update.dropped} dropped")
    return 0


def _check_one(args: argparse.Namespace, source: Path, edition: str | None = None) -> int:
    """Everything a build does except writing: the fit check and font coverage included."""
    from build_tools.lint import lint
    from build_tools.pipeline import TARGETS, prepare_located, render

    context, located = prepare_located(source, _options(args, edition))
    _, warnings = render(context, TARGETS, located)
    warnings += [w for w in located.warnings if w not in warnings]
    warnings += lint(context.plan, located)
    _print_warnings(warnings, args.all)
    plan = context.plan
    print(
        f"{printable(str(source))}: valid; {len(plan.slides)} slides in "
        f"{len(plan.sections)} sections, "
        f"{plan.teaching_minutes} minutes, {len(warnings)} warning"
        f"{'' if len(warnings) == 1 else 's'}"
    )
    return 0


def _schema(args: argparse.Namespace) -> int:
    from build_tools.outline.schema import schema_text

    if args.markdown:
        from build_tools.outline.reference import reference

        text = reference()
    else:
        text = schema_text()
    if args.out:
        folder = args.out.parent
        info = checked_stat(folder)
        if isinstance(info, str) or not stat.S_ISDIR(info.st_mode):
            why = info if isinstance(info, str) else f"it is {file_kind(info.st_mode)}"
            raise InputError(
                [Problem("", f"expected a file in an existing folder; {str(folder)!r}: {why}",
                         args.out)]
            )
        if args.out.is_dir():
            raise InputError([Problem("", "expected a file to write; got a folder", args.out)])
        try:
            args.out.write_text(text, encoding="utf-8")
        except OSError as error:
            raise BuildFailure(
                [Problem("", f"cannot write: {error.strerror or error}", args.out)]
            ) from None
    else:
        sys.stdout.write(text)
    return 0


def _stats(args: argparse.Namespace) -> int:
    """Every course of the library, one table each, headed by its file."""
    several = len(_sources(args)) > 1

    def one(source: Path) -> int:
        if several:
            print(printable(str(source)))
        status = _stats_one(args, source)
        if several:
            print()
        return status

    return _each(args, one)


def _stats_one(args: argparse.Namespace, source: Path) -> int:
    from build_tools.outline.loader import load
    from build_tools.paths import project_folder
    from build_tools.plan import make_plan
    from build_tools.theme import load_theme

    theme = load_theme(project_folder(source))
    outline, located = load(source)
    _print_warnings(located.warnings, args.all)
    plan = make_plan(outline, agenda_capacity=theme.deck.agenda_capacity)
    rows = [("section", "slides", "numbers", "minutes", "start", "end")]
    label = {"discussion": plan.locale.discussion}  # a break row shows its own title
    for slot in plan.timeline:  # sections, discussions and breaks, timed once by the plan
        is_section = slot.kind == "section"
        rows.append(
            (
                slot.name if is_section else f"  ({label.get(slot.kind, slot.name)})",
                str((slot.last or 0) - (slot.first or 0) + 1) if is_section else "",
                ("" if not is_section else str(slot.first) if slot.first == slot.last
                 else f"{slot.first}–{slot.last}"),
                str(slot.minutes),
                slot.start.strftime("%H:%M"),
                slot.end.strftime("%H:%M"),
            )
        )
    rows.append(
        (
            "total",
            str(len(plan.slides)),
            "",
            str(plan.teaching_minutes),
            plan.start.strftime("%H:%M"),
            plan.end.strftime("%H:%M"),
        )
    )
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)))
    declared = outline.course.duration
    verdict = "matches" if declared == plan.teaching_minutes else "DOES NOT match"
    print(f"teaching minutes {plan.teaching_minutes} {verdict} the declared duration {declared}")
    return 0


def _new(args: argparse.Namespace) -> int:
    from build_tools.new_project import new_project

    for path in new_project(args.folder):
        print(printable(str(path)))
    print(printable(f"next: cd {args.folder} && course build"))
    return 0


def _one_source(args: argparse.Namespace, doing: str) -> Path:
    """For commands that work on one course (watch, serve, translate): ``--source``, or
    the library's only outline; several without ``--source`` is a located mistake."""
    sources = _sources(args)
    if len(sources) > 1:
        names = ", ".join(str(s) for s in sources)
        raise InputError([Problem("", f"expected --source naming one outline to {doing}; "
                                      f"source/ holds {len(sources)}: {names}")])
    return sources[0]


def _watch(args: argparse.Namespace) -> int:
    from build_tools.watch import watch

    source = _one_source(args, "watch")
    return watch(source, _course_out(args, source), _options(args))


def _serve(args: argparse.Namespace) -> int:
    from build_tools.serve import serve

    source = _one_source(args, "serve")
    return serve(source, _course_out(args, source), _options(args), args.host, args.port)


def _print_warnings(warnings: list[Problem], every: bool = False) -> None:
    _print_lines("warning", capped([str(w) for w in warnings], every, "warnings"))


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB"


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
