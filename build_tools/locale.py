"""The product's own words, one locale file per language (``build_tools/locales/*.yaml``).

Why a file per language and not strings in code: a Traditional Chinese or English edition
must not carry one Simplified Chinese word the product added (a section name, a footer,
a layout prompt), and a translator edits YAML, not Python. Every word the deck, the
handout and the notes add is read from here; templates get them as variables. The files
ship as package data and are validated like an outline: a mistake is reported as
``file:line:col: path: expected …; got …``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from build_tools import inputs
from build_tools.errors import InputError, Problem
from build_tools.outline.source import read_source

LANGUAGES = ("zh-CN", "zh-TW", "zh-HK", "en")


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuizTypes(_Words):
    single: str
    multiple: str
    truefalse: str


class NotesLength(_Words):
    """The lint's range for speaker notes: characters suit Chinese, words suit English."""

    unit: Literal["characters", "words"]
    low: int = Field(ge=0)
    high: int = Field(gt=0)


class Prompts(_Words):
    """What an empty placeholder says in the deck's layouts (PowerPoint shows it)."""

    title: str
    text: str


class Punctuation(_Words):
    colon: str
    open: str
    close: str
    sentence_end: str
    comma: str
    column_separator: str


class NotesDoc(_Words):
    title: str
    trainer_only: str
    contents: str
    overview: str
    date: str
    presenter: str
    organisation: str
    audience: str
    time: str
    schedule: str
    elapsed: str
    declared: str
    teaching: str
    breaks: str
    slides: str
    slide_unit: str
    minutes: str
    materials: str
    no_materials: str
    keywords: str
    objectives: str
    run_sheet: str
    section: str
    start: str
    end: str
    total: str
    chapter_heading: str
    on_slide: str
    script: str
    discussion: str
    hint: str
    takeaways: str
    quiz: str
    answer: str
    explanation: str
    other_questions: str
    glossary: str
    term: str
    definition: str
    references: str
    not_original: str
    back_to_run_sheet: str


class TrainerLabels(_Words):
    update: str
    tip: str
    source: str
    caution: str


class KindNames(_Words):
    title: str
    agenda: str
    divider: str
    closing: str
    bullets: str
    comparison: str
    pillars: str
    table: str
    process: str
    timeline: str
    quote: str
    image: str
    chart: str


class RoleNames(_Words):
    header: str
    first_cells: str
    step: str
    quote: str
    image: str
    subtitle: str
    lead: str
    series: str


class ChartNames(_Words):
    column: str
    bar: str
    line: str
    pie: str


class Variants(_Words):
    versus: str


class NotesWords(_Words):
    """The trainer's notes' own words; the templates read them as ``L`` and ``P``."""

    punctuation: Punctuation
    doc: NotesDoc
    trainer: TrainerLabels
    kinds: KindNames
    roles: RoleNames
    charts: ChartNames
    variants: Variants


class WebWords(_Words):
    """The web deck's speaker view and help line."""

    current: str
    next: str
    end: str
    notes: str
    trainer: str
    elapsed: str
    planned: str
    reset: str
    help: str


class Locale(_Words):
    """Every word one edition's outputs add to the author's text."""

    language: str
    script: Literal["cjk", "latin"]
    notes_length: NotesLength
    opening: str
    closing: str
    break_: str = Field(alias="break")
    page: str
    supplementary: str
    agenda_page: str
    duplicate_title: str
    date_format: str
    months: list[str] = Field(default_factory=list)
    presenter_line: str
    lead_separator: str
    list_separator: str
    pair_separator: str
    quote_open: str
    quote_close: str
    quote_source: str
    versus: str
    quiz_true: str
    quiz_false: str
    document: str
    course_info: str
    contents: str
    schedule: str
    objectives: str
    takeaways: str
    discussion: str
    glossary: str
    term: str
    definition: str
    quiz: str
    references: str
    presenter: str
    organisation: str
    date: str
    audience: str
    duration: str
    start: str
    minutes: str
    time_range: str
    slide: str
    bookmark: str
    handout_text: str
    notes: str
    chart_unit: str
    chart_source: str
    option: str
    quiz_types: QuizTypes
    reference: str
    reference_note: str
    prompts: Prompts
    notes_words: NotesWords
    web_words: WebWords

    @field_validator("months")
    @classmethod
    def _twelve(cls, months: list[str]) -> list[str]:
        if months and len(months) != 12:
            raise ValueError(f"expected 12 month names or none; got {len(months)}")
        return months

    @property
    def latin(self) -> bool:
        return self.script == "latin"

    def format_date(self, day: dt.date) -> str:
        """The date as a reader of this language writes it (``date_format``)."""
        month_name = self.months[day.month - 1] if self.months else str(day.month)
        return self.date_format.format(
            year=day.year, month=day.month, day=day.day, month_name=month_name)

    def truth(self, value: bool) -> str:
        return self.quiz_true if value else self.quiz_false


def locale_file(language: str) -> Path:
    """The packaged locale file for a language (importlib.resources: works from a wheel)."""
    return Path(str(resources.files("build_tools") / "locales" / f"{language}.yaml"))


def load_locale(language: str) -> Locale:
    """The validated words for ``language``; a bad file is a located input error.

    Recorded as an input of every build that asks (``inputs.parsed``), parsed again only
    when the file changed.
    """
    if language not in LANGUAGES:
        raise InputError([Problem(
            "course.language", f"expected one of {', '.join(LANGUAGES)}; got {language!r}")])
    file = locale_file(language)
    return inputs.parsed(file, _parser(file))


@cache
def _parser(file: Path) -> Callable[[bytes], Locale]:
    """One parse function per file: ``inputs.parsed`` keeps results by file and function."""

    def parse(_data: bytes) -> Locale:
        return read_locale(file)

    return parse


def read_locale(file: Path) -> Locale:
    from build_tools.outline.messages import problems_from  # messages imports the model

    source = read_source(file)
    if not isinstance(source.data, dict):
        raise InputError([Problem("", "expected a mapping of words", file, 1, 1)])
    try:
        return Locale.model_validate(source.data)
    except ValidationError as error:
        raise InputError(problems_from(error, source)) from None


def true_false_words() -> dict[str, tuple[str, str]]:
    """Each language's true/false answer words (an outline writes its own language's)."""
    return {lang: (load_locale(lang).quiz_true, load_locale(lang).quiz_false)
            for lang in LANGUAGES}
