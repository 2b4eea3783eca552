"""The command line: ``course build|check|schema|stats|watch``.

Exit status: 0 success, 1 the build failed (e.g. text overflows), 2 bad input. Problems
print as ``file:line:column: field: message``, one per line, without a traceback; any
other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from build_tools.errors import MAX_REPORTED, CourseError, Problem
from build_tools.manifest import fresh_outputs
from build_tools.options import Options

DEFAULT_SOURCE = Path("source/course.yaml")
DEFAULT_OUT = Path("build")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except CourseError as error:
        for line in error.lines():
            print(f"error: {line}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="course", description="Build a deck, a handout and trainer's notes from one outline."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")

    def with_source(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--source",
            type=Path,
            default=DEFAULT_SOURCE,
            help="the outline file (default: source/course.yaml)",
        )

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
        choices=("slides", "handout", "notes", "all"),
        metavar="target",
        help="slides, handout, notes or all (default: all)",
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

    watch = commands.add_parser("watch", help="rebuild when source/ or assets/ change")
    with_source(watch)
    watch.add_argument("--out", type=Path, default=DEFAULT_OUT)
    with_render_options(watch)
    watch.set_defaults(run=_watch)
    return parser


TARGETS = ("slides", "handout", "notes")


def _options(args: argparse.Namespace, *edition: str | None) -> Options:
    """The build options; ``edition`` (one of ``_editions``) overrides ``--edition``."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return Options(
        allow_overflow=args.allow_overflow,
        template=args.template,
        layout=args.layout,
        epoch=int(epoch) if epoch and epoch.isdigit() else None,
        edition=edition[0] if edition else getattr(args, "edition", None),
        allow_untranslated=getattr(args, "allow_untranslated", False),
    )


def _editions(args: argparse.Namespace) -> list[str | None]:
    """``--edition all``: every edition the outline lists (its own language first)."""
    if args.edition != "all":
        return [args.edition]
    from build_tools.outline.loader import load

    course = load(args.source)[0].course
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
        _build_one(args, edition)
    return 0


def _build_one(args: argparse.Namespace, edition: str | None) -> int:
    started = time.perf_counter()
    targets = _targets(args.targets)
    options = _options(args, edition)
    fresh = None if args.force else fresh_outputs(args.source, args.out, targets, options)
    if fresh is not None:
        for path, count, unit in fresh:
            print(f"{path}  {count} {unit}  {_size(path.stat().st_size)}  unchanged")
        print(f"done in {time.perf_counter() - started:.2f} s (nothing changed)")
        return 0
    from build_tools.pipeline import build

    progress = _progress() if sys.stderr.isatty() and not os.environ.get("CI") else None
    report = build(args.source, args.out, targets, options, args.force, progress)
    _print_warnings(report.warnings)
    for item in report.written:
        size = len(item.output.data)
        note = "unchanged" if item.skipped else f"{item.seconds:.2f} s"
        print(f"{item.path}  {item.output.count} {item.output.unit}  {_size(size)}  {note}")
    print(f"done in {time.perf_counter() - started:.2f} s")
    return 0


def _progress():  # type: ignore[no-untyped-def]
    def show(target: str) -> None:
        print(f"  rendering {target} …", file=sys.stderr, flush=True)

    return show


def _check(args: argparse.Namespace) -> int:
    """Everything a build does except writing, per edition: fit and font checks included."""
    for edition in _editions(args):
        _check_one(args, edition)
    return 0


def _translate(args: argparse.Namespace) -> int:
    from build_tools.outline.loader import load
    from build_tools.translation import update_translation

    outline = load(args.source)[0]
    file, update = update_translation(outline, args.source, args.lang)
    print(f"{file}: {update.total} strings, {update.translated} translated, {update.new} new, "
          f"{update.stale} stale, {update.dropped} dropped")
    return 0


def _check_one(args: argparse.Namespace, edition: str | None) -> int:
    from build_tools.lint import lint
    from build_tools.pipeline import TARGETS, prepare_located, render

    context, located = prepare_located(args.source, _options(args, edition))
    _, warnings = render(context, TARGETS, located)
    warnings += lint(context.plan, located)
    _print_warnings(warnings)
    plan = context.plan
    print(
        f"{args.source}: valid; {len(plan.slides)} slides in {len(plan.sections)} sections, "
        f"{plan.teaching_minutes} minutes, {len(warnings)} warnings"
    )
    return 0


def _schema(args: argparse.Namespace) -> int:
    from build_tools.outline.schema import schema_text

    text = schema_text()
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _stats(args: argparse.Namespace) -> int:
    from build_tools.outline.loader import load
    from build_tools.plan import make_plan
    from build_tools.theme import load_theme

    theme = load_theme()
    outline, _ = load(args.source)
    plan = make_plan(outline, agenda_capacity=theme.deck.agenda_capacity)
    rows = [("section", "slides", "numbers", "minutes", "start", "end")]
    for slot in plan.timeline:  # sections, discussions and breaks, timed once by the plan
        is_section = slot.kind == "section"
        rows.append(
            (
                slot.name if is_section else f"  ({slot.kind}: {slot.name})",
                str((slot.last or 0) - (slot.first or 0) + 1) if is_section else "",
                f"{slot.first}–{slot.last}" if is_section else "",
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


def _watch(args: argparse.Namespace) -> int:
    from build_tools.watch import watch

    return watch(args.source, args.out, _options(args))


def _print_warnings(warnings: list[Problem]) -> None:
    for warning in warnings[:MAX_REPORTED]:
        print(f"warning: {warning}", file=sys.stderr)
    if len(warnings) > MAX_REPORTED:
        print(f"warning: … and {len(warnings) - MAX_REPORTED} more warnings", file=sys.stderr)


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB"


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
