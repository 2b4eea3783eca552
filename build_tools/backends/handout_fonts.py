"""The handout's fonts: registration with reportlab and the coverage check.

reportlab embeds only TrueType outlines and silently draws nothing for a character its font
lacks (field notes), so every text that goes into the handout is checked against both faces
*before* anything is drawn, and a gap is reported as the author's problem with the field
path it comes from. The walk over the outline lives here, next to the check, so the list of
"what goes into the handout" is written once; trainer-only fields are left out of it on
purpose (they never reach the PDF, so they need not be drawable).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from build_tools.errors import InputError, Problem
from build_tools.measure import Measurer
from build_tools.plan import DeckPlan
from build_tools.theme import Theme

# Fields of the outline that are for the trainer only; they never reach the handout.
TRAINER_ONLY = frozenset({"notes", "trainer", "hint", "answer", "explanation"})
# Fields that are not text for the reader (a file path, an enum, an id).
NOT_TEXT = frozenset({"id", "kind", "path", "type"})


@dataclass(frozen=True)
class HandoutFonts:
    """The names reportlab knows the two faces by; ``regular`` is also the family name."""

    regular: str
    bold: str


@cache
def _register(regular: Path, bold: Path) -> HandoutFonts:
    names = HandoutFonts(f"Handout-{regular.stem}", f"Handout-{bold.stem}")
    pdfmetrics.registerFont(TTFont(names.regular, str(regular)))
    pdfmetrics.registerFont(TTFont(names.bold, str(bold)))
    # A family, so <b> inside a Paragraph switches to the bold face instead of faking it.
    for bold_flag, italic_flag, name in (
        (0, 0, names.regular), (1, 0, names.bold), (0, 1, names.regular), (1, 1, names.bold)
    ):
        addMapping(names.regular, bold_flag, italic_flag, name)
    return names


def register_fonts(theme: Theme) -> HandoutFonts:
    """Register the theme's faces once per process (parsing a 4 MB font costs ~100 ms)."""
    return _register(theme.regular_font, theme.bold_font)


# --- what goes into the handout ----------------------------------------------------------


def _walk(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Every reader-facing string inside a model value, with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name in TRAINER_ONLY or name in NOT_TEXT:
                continue
            yield from _walk(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")


def handout_texts(plan: DeckPlan) -> Iterator[tuple[str, str]]:
    """(field path, text) for every piece of outline text the handout may draw."""
    course = plan.course
    for name in ("title", "subtitle", "presenter", "organisation", "audience"):
        yield from _walk(getattr(course, name), f"course.{name}")
    yield from _walk(course.keywords, "course.keywords")
    for name in ("agenda_slide", "closing_slide"):
        block = getattr(course, name)
        yield from _walk(block.title, f"course.{name}.title")
        yield from _walk(block.subtitle, f"course.{name}.subtitle")
    for index, pause in enumerate(course.breaks):
        yield f"course.breaks[{index}].title", pause.title
    for index, chapter in enumerate(plan.outline.chapters):
        base = f"chapters[{index}]"
        yield f"{base}.title", chapter.title
        yield from _walk(chapter.divider.lead, f"{base}.divider.lead")
        yield from _walk(chapter.objectives, f"{base}.objectives")
        yield f"{base}.discussion.question", chapter.discussion.question
        yield from _walk(chapter.takeaways, f"{base}.takeaways")
    for slide in plan.content_slides:
        yield from _walk(slide.content, slide.path)
    yield from _walk(plan.outline.glossary, "glossary")
    yield from _walk(plan.outline.quiz, "quiz")
    yield from _walk(plan.outline.references, "references")


def _theme_texts(theme: Theme) -> Iterator[tuple[str, str]]:
    labels = theme.labels
    for name in ("opening", "closing", "break_", "page", "supplementary"):
        yield f"theme.labels.{name}", getattr(labels, name)
    yield from _walk(labels.handout, "theme.labels.handout")


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"'{char}' (U+{ord(char):04X}{' ' + name if name else ''})"


def check_coverage(plan: DeckPlan, theme: Theme, measurer: Measurer) -> None:
    """Fail with every character the handout font cannot draw, each with where it is used.

    Both faces are checked: titles, leads and table headers are set in bold.
    """
    problems: list[Problem] = []
    font_name = theme.regular_font.name
    texts = [*handout_texts(plan), *_theme_texts(theme)]
    for path, text in texts:
        for char in dict.fromkeys(text):
            if char.isspace():
                continue
            faces = [
                face for face, font in (("regular", measurer.regular), ("bold", measurer.bold))
                if not font.covers(char)
            ]
            if faces:
                which = "" if len(faces) == 2 else f" ({faces[0]} face)"
                problems.append(Problem(
                    path,
                    f"character {_describe(char)} is not in the handout font "
                    f"{font_name}{which}; replace it or choose a font that has it",
                ))
    if problems:
        raise InputError(problems)
