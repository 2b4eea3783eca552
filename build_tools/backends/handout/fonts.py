"""The handout's fonts: registration with reportlab and the coverage check.

reportlab embeds only TrueType outlines and silently draws nothing for a character its font
lacks (field notes), so every text that goes into the handout is checked against both faces
*before* anything is drawn, and a gap is reported as the author's problem with the field
path it comes from. The walk over the outline lives here, next to the check, so the list of
"what goes into the handout" is written once; trainer-only fields are left out of it on
purpose (they never reach the PDF, so they need not be drawable).
"""

from __future__ import annotations

import hashlib
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab
from pydantic import BaseModel
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from build_tools import inputs
from build_tools.backends.handout import internals
from build_tools.errors import InputError, Problem
from build_tools.locale import Locale
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


CODE_FACE = "Handout-Code"  # the name reportlab knows the `code` face by


@cache
def _register(regular: Path, bold: Path, code: Path, *_stamps: tuple[int, int]) -> HandoutFonts:
    names = HandoutFonts(f"Handout-{regular.stem}", f"Handout-{bold.stem}")
    pdfmetrics.registerFont(load_ttfont(names.regular, regular))
    pdfmetrics.registerFont(load_ttfont(names.bold, bold))
    # `code` spans: embedded like the body faces, never a PDF standard (unembedded) face.
    pdfmetrics.registerFont(load_ttfont(CODE_FACE, code))
    # A family, so <b> inside a Paragraph switches to the bold face instead of faking it.
    for bold_flag, italic_flag, name in (
        (0, 0, names.regular), (1, 0, names.bold), (0, 1, names.regular), (1, 1, names.bold)
    ):
        addMapping(names.regular, bold_flag, italic_flag, name)
    return names


def register_fonts(theme: Theme) -> HandoutFonts:
    """Register the theme's faces once per process (parsing a 4 MB font costs ~70 ms; the
    parsed face is cached on disk, see ``load_ttfont``); again when a file changed, so a
    long-lived ``course watch`` never embeds a font older than the one it measured with."""
    regular, bold, code = theme.regular_font, theme.bold_font, theme.code_font
    key = (regular, bold, code, _stamp(regular), _stamp(bold), _stamp(code))
    # What registering reads is recorded as the handout's input on every build, also when
    # the faces are registered already (a cached call reads nothing): replay the record.
    with inputs.recording() as record:
        names = _register(*key)
    if record:
        _READ[key] = dict(record)
    else:
        inputs.replay(_READ.get(key, {}))
    return names


_READ: dict[tuple[Path, Path, Path, tuple[int, int], tuple[int, int], tuple[int, int]],
            inputs.Record] = {}


def _stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_mtime_ns, info.st_size


# --- the parsed faces, cached on disk ------------------------------------------------------

# Bump when what is stored changes. The key also names reportlab's and Python's versions: the
# stored attributes are reportlab's parse of the file, and marshal's format is Python's.
FACE_CACHE_FORMAT = 1


def face_cache_folder() -> Path:
    from build_tools.resources import cache_folder

    return cache_folder()


def load_ttfont(name: str, path: Path) -> TTFont:
    """``TTFont(name, path)``, with the face's parse (``TTFontFile.extractInfo``: cmap, hmtx,
    loca; most of the cost) read from a cache keyed by the file's sha256.

    The cache is a plain marshal of the face's attributes (no pickle: nothing in it can run
    code). Anything unexpected (no cache folder, not writable, stale, corrupt) falls back
    to reportlab's own parse, silently: the cache only ever saves time.
    """
    data = inputs.read(path)
    key = (f"ttface-{FACE_CACHE_FORMAT}-{reportlab.Version}-py{sys.version_info[0]}"
           f"{sys.version_info[1]}-{hashlib.sha256(data).hexdigest()}.marshal")
    cached = face_cache_folder() / key
    face = internals.cached_face(cached, data, str(path))
    if face is not None:
        return internals.font_with_face(name, face)
    font = TTFont(name, str(path))
    internals.store_face(cached, font.face)
    return font


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
    for index, chapter in enumerate(plan.chapters):
        base = f"chapters[{index}]"
        yield f"{base}.title", chapter.title
        yield from _walk(chapter.divider.lead, f"{base}.divider.lead")
        yield from _walk(chapter.objectives, f"{base}.objectives")
        yield f"{base}.discussion.question", chapter.discussion.question
        yield from _walk(chapter.takeaways, f"{base}.takeaways")
    for slide in plan.content_slides:
        yield from _walk(slide.content, slide.path)
    yield from _walk(plan.glossary, "glossary")
    for question in plan.questions:
        yield f"{question.path}.question", question.question
        yield from _walk(question.options, f"{question.path}.options")
    yield from _walk(plan.references, "references")


def _locale_texts(locale: Locale) -> Iterator[tuple[str, str]]:
    """The edition's words the handout may draw (the notes' own words are not drawn)."""
    words = locale.model_dump(exclude={"notes_words", "prompts", "notes_length", "script"})
    for name, value in words.items():
        values = value.values() if isinstance(value, dict) else (
            value if isinstance(value, list) else [value])
        for text in values:
            if isinstance(text, str):
                yield f"locale {locale.language}: {name}", text


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"'{char}' (U+{ord(char):04X}{' ' + name if name else ''})"


def check_coverage(plan: DeckPlan, locale: Locale, measurer: Measurer, theme: Theme) -> None:
    """Fail with every character the handout font cannot draw, each with where it is used.

    Both faces are checked: titles, leads and table headers are set in bold.
    """
    problems: list[Problem] = []
    font_name = theme.regular_font.name
    texts = [*handout_texts(plan), *_locale_texts(locale)]
    # Each distinct character is looked up once; only one the font lacks is looked for
    # again, text by text, to say where it is used.
    missing = {
        char for char in set().union(*(text for _, text in texts))
        if not char.isspace() and not (measurer.regular.covers(char)
                                       and measurer.bold.covers(char))
    }
    if not missing:
        return
    for path, text in texts:
        for char in dict.fromkeys(text):
            if char not in missing:
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
