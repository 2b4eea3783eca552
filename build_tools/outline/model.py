"""The validated course model: what a course outline may say, and nothing else.

Strict on purpose (``extra="forbid"``): an unknown key is almost always a typo that would
otherwise silently drop an author's text. Content slides are a discriminated union on
``kind`` so each kind carries exactly the fields its layout needs.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cache
from pathlib import PurePosixPath
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

# Text an author writes. Control characters are rejected here because python-pptx writes
# them as visible ``_x0001_`` junk and reportlab drops them (field notes).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_control(text: str) -> str:
    found = _CONTROL.search(text)
    if found:
        raise ValueError(
            f"expected text without control characters; got U+{ord(found.group()):04X} "
            f"at character {found.start() + 1}"
        )
    return text


MAX_TEXT = 2000  # characters; far beyond any slide, but stops a pasted document
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    AfterValidator(_no_control),
]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Minutes = Annotated[int, Field(gt=0, le=600, strict=True)]
START_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


def _relative_asset(path: str) -> str:
    pure = PurePosixPath(path.replace("\\", "/"))
    if pure.is_absolute() or re.match(r"^[A-Za-z]:", path):
        raise ValueError(f"expected a path relative to the project folder; got absolute {path!r}")
    if ".." in pure.parts:
        raise ValueError(f"expected a path inside the project folder; got {path!r} with '..'")
    return path


AssetPath = Annotated[str, StringConstraints(min_length=1), AfterValidator(_relative_asset)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- content building blocks ---------------------------------------------------------


class Point(Strict):
    """A bullet: an optional bold lead-in, its text, and second-level points."""

    lead: Text | None = None
    text: Text | None = None
    sub: list[Text] = Field(default_factory=list, max_length=6)

    @model_validator(mode="after")
    def _has_words(self) -> Point:
        if self.lead is None and self.text is None:
            raise ValueError("expected a 'lead', a 'text' or both; got neither")
        return self


class Column(Strict):
    heading: Text
    points: list[Text] = Field(min_length=1, max_length=6)


class Step(Strict):
    title: Text
    text: Text | None = None


class Event(Strict):
    label: Text
    title: Text
    text: Text | None = None


class Table(Strict):
    columns: list[Text] = Field(min_length=2, max_length=5)
    rows: list[list[Text]] = Field(min_length=1, max_length=8)

    @model_validator(mode="after")
    def _rectangular(self) -> Table:
        for index, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"expected {len(self.columns)} cells in rows[{index}] (one per column); "
                    f"got {len(row)}"
                )
        return self


class Quote(Strict):
    text: Text
    source: Text | None = None


class Image(Strict):
    path: AssetPath
    alt: Text
    caption: Text | None = None


class Series(Strict):
    name: Text
    values: list[float] = Field(min_length=1)

    @field_validator("values")
    @classmethod
    def _finite(cls, values: list[float]) -> list[float]:
        for index, value in enumerate(values):
            if not math.isfinite(value):
                raise ValueError(f"expected finite numbers; got {value} at values[{index}]")
        return values


class Chart(Strict):
    type: Literal["column", "bar", "line", "pie"]
    categories: list[Text] = Field(min_length=1, max_length=12)
    series: list[Series] = Field(min_length=1, max_length=6)
    unit: Text | None = None
    source: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Chart:
        for index, series in enumerate(self.series):
            if len(series.values) != len(self.categories):
                raise ValueError(
                    f"expected {len(self.categories)} values in series[{index}] (one per "
                    f"category); got {len(series.values)}"
                )
        if self.type == "pie":
            if len(self.series) != 1:
                raise ValueError(f"expected one series for a pie chart; got {len(self.series)}")
            negative = [v for v in self.series[0].values if v < 0]
            if negative:
                raise ValueError(f"expected no negative pie slices; got {negative[0]}")
        return self


class TrainerNote(Strict):
    """Material for the trainer only: never on a slide or in the handout."""

    label: Literal["update", "tip", "source", "caution"]
    text: Text


# --- content slides --------------------------------------------------------------------


class SlideBase(Strict):
    id: Id
    title: Text
    notes: Text
    handout: Text | None = None
    minutes: Minutes
    trainer: list[TrainerNote] = Field(default_factory=list)
    supplementary: bool = False


class BulletsSlide(SlideBase):
    kind: Literal["bullets"]
    points: list[Point] = Field(min_length=1, max_length=8)


class ComparisonSlide(SlideBase):
    kind: Literal["comparison"]
    columns: list[Column] = Field(min_length=2, max_length=2)
    versus: bool = False


class PillarsSlide(SlideBase):
    kind: Literal["pillars"]
    pillars: list[Column] = Field(min_length=3, max_length=3)


class TableSlide(SlideBase):
    kind: Literal["table"]
    table: Table


class ProcessSlide(SlideBase):
    kind: Literal["process"]
    steps: list[Step] = Field(min_length=2, max_length=6)
    points: list[Point] = Field(default_factory=list, max_length=3)


class TimelineSlide(SlideBase):
    kind: Literal["timeline"]
    events: list[Event] = Field(min_length=2, max_length=6)
    points: list[Point] = Field(default_factory=list, max_length=3)


class QuoteSlide(SlideBase):
    kind: Literal["quote"]
    quote: Quote
    points: list[Point] = Field(default_factory=list, max_length=3)


class ImageSlide(SlideBase):
    kind: Literal["image"]
    image: Image


class ChartSlide(SlideBase):
    kind: Literal["chart"]
    chart: Chart


Slide = Annotated[
    BulletsSlide
    | ComparisonSlide
    | PillarsSlide
    | TableSlide
    | ProcessSlide
    | TimelineSlide
    | QuoteSlide
    | ImageSlide
    | ChartSlide,
    Field(discriminator="kind"),
]

KINDS = (
    "bullets",
    "comparison",
    "pillars",
    "table",
    "process",
    "timeline",
    "quote",
    "image",
    "chart",
)


# --- chapters and course ------------------------------------------------------------------


class Discussion(Strict):
    question: Text
    hint: Text
    minutes: Minutes | None = None  # a discussion slot on the run sheet after the chapter


class Divider(Strict):
    """The generated chapter-divider slide: its lead line, notes and time."""

    lead: Text | None = None
    notes: Text
    minutes: Minutes


class Chapter(Strict):
    number: Annotated[int, Field(ge=1, le=9999, strict=True)]
    title: Text
    divider: Divider
    objectives: list[Text] = Field(min_length=1, max_length=6)
    discussion: Discussion
    takeaways: list[Text] = Field(min_length=1, max_length=8)
    slides: list[Slide] = Field(min_length=1)


class Generated(Strict):
    """Notes and time for a slide the plan generates (title, agenda, closing)."""

    notes: Text
    minutes: Minutes


class Closing(Generated):
    title: Text
    subtitle: Text | None = None


class Agenda(Generated):
    title: Text
    subtitle: Text | None = None


class Break(Strict):
    after: Annotated[int, Field(ge=1, strict=True)]
    title: Text
    minutes: Minutes


class Course(Strict):
    title: Text
    subtitle: Text | None = None
    presenter: Text
    organisation: Text
    date: dt.date
    language: Literal["zh-CN", "zh-TW", "zh-HK", "en"] = "zh-CN"
    editions: list[Literal["zh-CN", "zh-TW", "zh-HK", "en"]] = Field(default_factory=list)
    audience: Text
    duration: Annotated[int, Field(gt=0, strict=True)]  # teaching minutes, breaks aside
    start: Annotated[str, StringConstraints(pattern=START_PATTERN)]
    materials: list[Text] = Field(default_factory=list)
    keywords: list[Text] = Field(default_factory=list)
    template: AssetPath | None = None
    handout_layout: Literal["notes", "article", "grid"] = "notes"
    title_slide: Generated
    agenda_slide: Agenda
    closing_slide: Closing
    breaks: list[Break] = Field(default_factory=list)


class Term(Strict):
    term: Text
    definition: Text


@cache
def _true_false_words() -> list[str]:
    from build_tools.locale import true_false_words  # the locale files; loaded on first use

    return sorted({word for pair in true_false_words().values() for word in pair})


class Question(Strict):
    chapter: Annotated[int, Field(ge=1, strict=True)]
    type: Literal["single", "multiple", "truefalse"]
    question: Text
    options: list[Text] = Field(default_factory=list, max_length=6)
    answer: list[Text] = Field(min_length=1)
    explanation: Text

    @model_validator(mode="after")
    def _answer_among_options(self) -> Question:
        # True/false answers are the course language's words; which language is checked
        # across fields (outline.rules), since a question does not know the course's.
        options = _true_false_words() if self.type == "truefalse" else self.options
        if self.type != "truefalse" and len(options) < 2:
            raise ValueError(f"expected at least 2 options; got {len(options)}")
        for answer in self.answer:
            if answer not in options:
                raise ValueError(f"expected the answer to be one of {options}; got {answer!r}")
        if self.type in ("single", "truefalse") and len(self.answer) != 1:
            raise ValueError(f"expected exactly one answer; got {len(self.answer)}")
        return self


class Reference(Strict):
    title: Text
    issuer: Text
    year: Annotated[int, Field(ge=1900, le=2100, strict=True)]
    note: Text | None = None


class Outline(Strict):
    """The whole outline file."""

    course: Course
    chapters: list[Chapter] = Field(min_length=1)
    glossary: list[Term] = Field(default_factory=list)
    quiz: list[Question] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
