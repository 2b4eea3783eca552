"""Load an outline: read with locations, validate against the model, check across fields.

Every problem of the file is collected and reported at once (capped when printed), each
with ``file:line:column`` and the field path, so an author fixes them in one pass.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pydantic import ValidationError

from build_tools.errors import InputError, Problem
from build_tools.outline.fieldpath import parse_path, shown_path
from build_tools.outline.messages import problems_from
from build_tools.outline.model import Outline
from build_tools.outline.rules import advise_outline, check_outline
from build_tools.outline.source import Source, read_source
from build_tools.paths import project_folder


def load_outline(file: Path, project: Path | None = None) -> Outline:
    return load(file, project)[0]


def load(file: Path, project: Path | None = None) -> tuple[Outline, Source]:
    source = read_source(file)
    if not isinstance(source.data, dict):
        raise InputError(
            [
                Problem(
                    "",
                    "expected a mapping with 'course' and 'chapters' at the top; got "
                    f"{type(source.data).__name__}",
                    file,
                    1,
                    1,
                )
            ]
        )
    try:
        outline = Outline.model_validate(source.data)
    except ValidationError as error:
        raise InputError(in_file_order(problems_from(error, source))) from None
    problems = check_outline(outline, project or project_folder(file))
    if problems:
        raise InputError(in_file_order([locate(problem, source) for problem in problems]))
    source.warnings = [locate(warning, source) for warning in advise_outline(outline)]
    return outline, source


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Problems as the author meets them reading the file, top to bottom (the model's
    field order would put a slide's ``minutes`` before its ``steps`` above it)."""
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.column or 0))


def locate(problem: Problem, source: Source) -> Problem:
    """Give a problem found by field path its file, line and column, and the author's path
    (counted from 1, the slide named). A problem that already names a file (a template,
    an image) keeps it: it is that file's problem, not the outline's."""
    if problem.file is not None:
        return problem
    path = parse_path(problem.path)
    file, (line, column) = source.file, source.locate(path)
    if problem.path in source.elsewhere:  # translated text: the translator's entry
        file, line, column = source.elsewhere[problem.path]
    shown = shown_path(path, source.data) if problem.path else None
    if shown and " (slide " in shown:
        number = shown.rsplit(" (slide ", 1)[1].split(" ", 1)[0].rstrip(")")
        if problem.message.startswith(f"slide {number} "):  # the message names it already
            shown = shown.rsplit(" (slide ", 1)[0]
    return replace(problem.located(file, line, column), shown=shown)
