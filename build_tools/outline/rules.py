"""Checks that span fields: what one field alone cannot know.

Unique slide ids and titles, chapters numbered in order, breaks and quiz questions that
name real chapters, and asset files that exist, stay inside the project and are what
their name says.
"""

from __future__ import annotations

from pathlib import Path

from build_tools.errors import Problem
from build_tools.outline.model import ImageSlide, Outline

IMAGE_TYPES = {"PNG": "png", "JPEG": "jpeg", "GIF": "gif", "BMP": "bmp", "TIFF": "tiff"}


def check_outline(outline: Outline, project: Path) -> list[Problem]:
    problems: list[Problem] = []
    problems += _chapter_numbers(outline)
    problems += _unique_slides(outline)
    problems += _chapter_references(outline)
    problems += _assets(outline, project)
    problems += _true_false_answers(outline)
    return problems


def _true_false_answers(outline: Outline) -> list[Problem]:
    """A true/false answer is written in the course language's words (its locale's)."""
    from build_tools.locale import load_locale

    locale = load_locale(outline.course.language)
    words = [locale.quiz_true, locale.quiz_false]
    return [
        Problem(f"quiz[{index}].answer",
                f"expected {' or '.join(repr(w) for w in words)} (the course language's "
                f"true/false words); got {answer!r}")
        for index, question in enumerate(outline.quiz) if question.type == "truefalse"
        for answer in question.answer if answer not in words
    ]


def _chapter_numbers(outline: Outline) -> list[Problem]:
    problems = []
    for index, chapter in enumerate(outline.chapters):
        if chapter.number != index + 1:
            problems.append(
                Problem(
                    f"chapters[{index}].number",
                    f"expected {index + 1} (chapters are numbered 1, 2, 3 … in order); "
                    f"got {chapter.number}",
                )
            )
    return problems


def _unique_slides(outline: Outline) -> list[Problem]:
    problems = []
    ids: dict[str, str] = {}
    titles: dict[str, str] = {}
    reserved = {"title", "agenda", "closing"} | {f"chapter-{c.number}" for c in outline.chapters}
    for c_index, chapter in enumerate(outline.chapters):
        for s_index, slide in enumerate(chapter.slides):
            where = f"chapters[{c_index}].slides[{s_index}]"
            if slide.id in ids:
                problems.append(
                    Problem(
                        f"{where}.id",
                        f"expected a unique slide id; '{slide.id}' is already used "
                        f"by {ids[slide.id]}",
                    )
                )
            elif slide.id in reserved:
                problems.append(
                    Problem(
                        f"{where}.id",
                        f"expected an id the plan does not generate; got '{slide.id}'",
                    )
                )
            ids.setdefault(slide.id, where)
            if slide.title in titles:
                problems.append(
                    Problem(
                        f"{where}.title",
                        f"expected a unique slide title (screen readers and the "
                        f"contents list need it); '{slide.title}' is already used by "
                        f"{titles[slide.title]}",
                    )
                )
            titles.setdefault(slide.title, where)
    return problems


def _chapter_references(outline: Outline) -> list[Problem]:
    numbers = {chapter.number for chapter in outline.chapters}
    shown = ", ".join(str(n) for n in sorted(numbers))
    problems = []
    for index, pause in enumerate(outline.course.breaks):
        if pause.after not in numbers or pause.after == max(numbers):
            problems.append(
                Problem(
                    f"course.breaks[{index}].after",
                    f"expected a chapter number before the last ({shown}); got {pause.after}",
                )
            )
    for index, question in enumerate(outline.quiz):
        if question.chapter not in numbers:
            problems.append(
                Problem(
                    f"quiz[{index}].chapter",
                    f"expected one of the chapters {shown}; got {question.chapter}",
                )
            )
    return problems


def _assets(outline: Outline, project: Path) -> list[Problem]:
    problems = []
    if outline.course.template is not None:
        problem = _inside(project, outline.course.template, "course.template")
        if problem is None and not (project / outline.course.template).is_file():
            problem = Problem(
                "course.template",
                f"expected a .pptx file; '{outline.course.template}' does not exist",
            )
        if problem:
            problems.append(problem)
    for c_index, chapter in enumerate(outline.chapters):
        for s_index, slide in enumerate(chapter.slides):
            if isinstance(slide, ImageSlide):
                where = f"chapters[{c_index}].slides[{s_index}].image.path"
                problem = _inside(project, slide.image.path, where) or _image(
                    project / slide.image.path, slide.image.path, where
                )
                if problem:
                    problems.append(problem)
    return problems


def _inside(project: Path, relative: str, where: str) -> Problem | None:
    """Resolve symlinks too: a link inside the project may point anywhere."""
    root = project.resolve()
    target = (project / relative).resolve()
    if not target.is_relative_to(root):
        return Problem(
            where,
            f"expected a file inside the project folder {root}; '{relative}' leads to {target}",
        )
    return None


def _image(path: Path, relative: str, where: str) -> Problem | None:
    from PIL import Image, UnidentifiedImageError  # Pillow comes with python-pptx

    if not path.is_file():
        return Problem(where, f"expected an image file; '{relative}' does not exist")
    try:
        with Image.open(path) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        return Problem(
            where,
            f"expected a PNG, JPEG or GIF image; '{relative}' is not one ({type(error).__name__})",
        )
    if kind not in IMAGE_TYPES:
        return Problem(where, f"expected a PNG, JPEG or GIF image; got {kind}")
    return None
