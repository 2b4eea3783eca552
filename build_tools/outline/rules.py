"""Checks that span fields: what one field alone cannot know.

Unique slide ids and titles, chapters numbered in order, breaks and quiz questions that
name real chapters (one break after a chapter), and asset files that exist, stay inside
the project, are regular files within the limits (``limits.py``) and are what their name
says. Warnings are for what builds but is probably a mistake (a day past midnight).

Paths in problems count from 0 like the data (the loader shows them from 1); paths
written inside a message are shown from 1 here.
"""

from __future__ import annotations

import difflib
import re
import warnings
from pathlib import Path, PurePosixPath

from build_tools.errors import Problem
from build_tools.limits import image_problem, regular_file_problem, template_problems
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


def advise_outline(outline: Outline) -> list[Problem]:
    """Warnings: what builds but an author would want to know about."""
    from build_tools.plan import make_plan  # the plan owns the clock

    plan = make_plan(outline)
    advice = _unclosed_markup(outline)
    if plan.end.date() == plan.start.date():
        return advice
    days = (plan.end.date() - plan.start.date()).days
    when = "the next day" if days == 1 else f"{days} days later"
    return [
        Problem(
            "course.start",
            f"expected the day to end by midnight; starting at {outline.course.start}, it "
            f"ends at {plan.end:%H:%M} {when}: start earlier or split the course",
        ),
        *advice,
    ]


UNCLOSED = {
    "**": "close it (**bold**), or write \\*\\* for asterisks",
    "`": "close it (`code`), or write \\` for a backtick",
}


def _unclosed_markup(outline: Outline) -> list[Problem]:
    """A ``**`` or a backtick that closes nothing prints as typed on the slide: most likely
    the author forgot its other half (the text builds, so it is a warning)."""
    from build_tools.editions import texts
    from build_tools.outline.inline import unclosed

    problems = []
    for path, typed in texts(outline.model_dump(mode="json")):  # the markup as typed
        mark = unclosed(typed)
        if mark is not None:
            problems.append(Problem(path, f"expected {mark} to be closed; got one that shows "
                                          f"as typed: {UNCLOSED[mark]}"))
    return problems


def _shown(c_index: int, s_index: int) -> str:
    return f"chapters[{c_index + 1}].slides[{s_index + 1}]"


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
            if re.fullmatch(r"agenda-[0-9]+", slide.id):
                reserved.add(slide.id)  # the plan names a long agenda's later slides so
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
            ids.setdefault(slide.id, _shown(c_index, s_index))
            if slide.title in titles:
                problems.append(
                    Problem(
                        f"{where}.title",
                        f"expected a unique slide title (screen readers and the "
                        f"contents list need it); '{slide.title}' is already used by "
                        f"{titles[slide.title]}",
                    )
                )
            titles.setdefault(slide.title, _shown(c_index, s_index))
    return problems


def _chapter_references(outline: Outline) -> list[Problem]:
    numbers = {chapter.number for chapter in outline.chapters}
    shown = ", ".join(str(n) for n in sorted(numbers))
    # A break comes between chapters: after any but the last (which the closing follows).
    before = ", ".join(str(n) for n in sorted(numbers)[:-1]) or "none: there is one chapter"
    problems = []
    after: dict[int, int] = {}
    for index, pause in enumerate(outline.course.breaks):
        if pause.after not in numbers or pause.after == max(numbers):
            problems.append(
                Problem(
                    f"course.breaks[{index}].after",
                    f"expected a chapter number before the last ({before}); got {pause.after}",
                )
            )
        elif pause.after in after:
            problems.append(
                Problem(
                    f"course.breaks[{index}].after",
                    f"expected one break after chapter {pause.after}; course.breaks"
                    f"[{after[pause.after] + 1}] is already after it: make it one longer break",
                )
            )
        after.setdefault(pause.after, index)
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
        problems += _template(project, outline.course.template)
    for c_index, chapter in enumerate(outline.chapters):
        for s_index, slide in enumerate(chapter.slides):
            if isinstance(slide, ImageSlide):
                where = f"chapters[{c_index}].slides[{s_index}].image.path"
                problem = _inside(project, slide.image.path, where) or _image(
                    project / slide.image.path, slide.image.path, where, project
                )
                if problem:
                    problems.append(problem)
    return problems


def _template(project: Path, relative: str) -> list[Problem]:
    """The outline's template: where it is, the outline's problem (located at the key);
    what is in it, the template's problem (named by the template's own path)."""
    where = "course.template"
    problem = _inside(project, relative, where)
    if problem:
        return [problem]
    path = project / relative
    missing = regular_file_problem(path, "a PowerPoint template (.pptx)")
    if missing:
        return [Problem(where, f"{missing} ({relative!r})")]
    return [Problem("", message, path) for message in template_problems(path)]


def _inside(project: Path, relative: str, where: str) -> Problem | None:
    """Resolve symlinks too: a link inside the project may point anywhere."""
    root = project.resolve()
    try:
        target = (project / relative).resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11)
        return Problem(where, f"expected a file; the symbolic links of {relative!r} form a loop")
    if not target.is_relative_to(root):
        return Problem(
            where,
            f"expected a file inside the project folder {root}; '{relative}' leads to {target}",
        )
    return None


def _jpeg_ends(path: Path) -> bool:
    """Does a JPEG end with its end-of-image marker (padding aside)? A download cut short
    does not, and the handout's decoder would stop on it. Decoding the whole picture here
    would find the same, at a tenth of a second or more per photo on every load."""
    with path.open("rb") as stream:
        stream.seek(max(0, path.stat().st_size - 4096))
        tail = stream.read().rstrip(b"\x00\r\n\t ")
    return tail.endswith(b"\xff\xd9")


def _nearest(project: Path, relative: str) -> str:
    """``; did you mean '…'?``: the path with ``/`` for a Windows author's ``\\``, or the
    closest name in the folder the path names (a typo), if there is one."""
    slashed = relative.replace("\\", "/")
    if slashed != relative and (project / slashed).is_file():
        return f"; did you mean '{slashed}'?"
    folder = (project / slashed).parent
    try:
        names = sorted(p.name for p in folder.iterdir() if p.is_file())
    except OSError:
        return ""
    close = difflib.get_close_matches(PurePosixPath(slashed).name, names, n=1, cutoff=0.75)
    return f"; did you mean '{PurePosixPath(slashed).with_name(close[0])}'?" if close else ""


def _image(path: Path, relative: str, where: str, project: Path) -> Problem | None:
    from PIL import Image, UnidentifiedImageError  # Pillow comes with python-pptx

    kind: str | None = None
    missing = regular_file_problem(path, "an image file")
    if missing:
        if missing.endswith("it does not exist"):
            return Problem(where, f"expected an image file; '{relative}' does not exist"
                                  f"{_nearest(project, relative)}")
        return Problem(where, f"{missing} ({relative!r})")
    too_big = image_problem(path, relative)
    if too_big:
        return Problem(where, too_big)
    damaged: Exception | None = None
    try:
        # Pillow warns of large images; the pixel limit above is ours and is stricter.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind = image.format
                try:
                    image.verify()  # PNG: every chunk's checksum, so a cut file is found
                except (OSError, SyntaxError, ValueError) as error:
                    damaged = error
            if damaged is None and kind in ("GIF", "BMP", "TIFF"):
                with Image.open(path) as image:
                    image.load()  # small formats: decoding the first frame is cheap
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError) as error:
        if kind is None:
            return Problem(
                where,
                f"expected a PNG, JPEG or GIF image; '{relative}' is not one "
                f"({type(error).__name__})",
            )
        damaged = error
    if damaged is None and kind == "JPEG" and not _jpeg_ends(path):
        damaged = OSError("no end-of-image marker")
    if damaged is not None:
        return Problem(
            where,
            # Not Pillow's own words: they change between its versions (byte counts too).
            f"expected a whole image; '{relative}' is cut short or damaged: "
            "save or download it again",
        )
    if kind not in IMAGE_TYPES:
        return Problem(where, f"expected a PNG, JPEG or GIF image; got {kind}")
    return None
