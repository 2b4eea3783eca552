"""The validated course model: what a course outline may say, and nothing else.

Strict on purpose (``extra="forbid"``): an unknown key is almost always a typo that would
otherwise silently drop an author's text. Content slides are a discriminated union on
``kind`` so each kind carries exactly the fields its layout needs.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import PurePosixPath
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    PlainSerializer,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from build_tools.limits import MAX_ASSET_PATH, MAX_CHART_VALUE, MAX_TEXT
from build_tools.outline import inline

# Text an author writes. Control characters are rejected here because python-pptx writes
# them as visible ``_x0001_`` junk and reportlab drops them (field notes); noncharacters
# (U+FFFE, U+FFFF, U+FDD0-U+FDEF and the last two of every plane) and lone surrogates
# cannot be written to XML at all, so lxml would stop the deck with its own exception.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]|[\U0001fffe-\U0010ffff]"
)


def _no_control(text: str) -> str:
    found = _CONTROL.search(text)
    if found:
        raise ValueError(
            f"expected text without control characters; got U+{ord(found.group()):04X} "
            f"at character {found.start() + 1}"
        )
    for found in _NONCHARACTER.finditer(text):
        code = ord(found.group())
        if 0xD800 <= code <= 0xDFFF:
            what = "a lone surrogate"
        elif code >= 0x10000 and code & 0xFFFE != 0xFFFE:
            continue  # an ordinary character of a higher plane (emoji, rare CJK)
        else:
            what = "a Unicode noncharacter"
        raise ValueError(
            f"expected text without noncharacters; got U+{code:04X} ({what}) at character "
            f"{found.start() + 1}"
        )
    return text


# Inline markup (**bold**, *emphasis*, `code`, [text](https://…)) is parsed here, once:
# the value is the plain text, carrying its spans (outline/inline.py). The JSON dump holds
# the markup again: editions and translations are made from it and validated anew.
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    AfterValidator(_no_control),
    AfterValidator(inline.parse),
    PlainSerializer(inline.source_of, return_type=str, when_used="json"),
]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Minutes = Annotated[int, Field(gt=0, le=600, strict=True)]
START_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


def _relative_asset(path: str) -> str:
    if len(path) > MAX_ASSET_PATH:
        raise ValueError(f"expected a path of at most {MAX_ASSET_PATH} characters; got {len(path)}")
    _no_control(path)
    pure = PurePosixPath(path.replace("\\", "/"))
    if pure.is_absolute() or re.match(r"^[A-Za-z]:", path):
        raise ValueError(f"expected a path relative to the project folder; got absolute {path!r}")
    if ".." in pure.parts:
        raise ValueError(f"expected a path inside the project folder; got {path!r} with '..'")
    return path


AssetPath = Annotated[str, StringConstraints(min_length=1), AfterValidator(_relative_asset)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Shorthand(Strict):
    """A list item whose one required text field may be written as a plain string.

    ``- 数据盘点`` stands for ``- {text: 数据盘点}`` (a point) or ``- {title: 数据盘点}`` (a
    step): authors write lists as lists. The JSON Schema offers both forms, so editors
    complete either.
    """

    shorthand: ClassVar[str]  # the field a plain string fills

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return {cls.shorthand: data} if isinstance(data, str) else data

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        reference = handler(core_schema)
        definition = handler.resolve_ref_schema(reference)
        mapping = dict(definition)
        definition.clear()
        definition["anyOf"] = [
            {
                "type": "string",
                "minLength": 1,
                "maxLength": MAX_TEXT,
                "description": f"shorthand for a mapping with only '{cls.shorthand}'",
            },
            mapping,
        ]
        return reference


# --- content building blocks ---------------------------------------------------------


class Point(Shorthand):
    """A bullet: an optional bold lead-in, its text, and second-level points."""

    shorthand: ClassVar[str] = "text"

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


class Step(Shorthand):
    shorthand: ClassVar[str] = "title"
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
        for index, row in enumerate(self.rows, start=1):  # shown 1-based, as paths are
            if len(row) != len(self.columns):
                raise ValueError(
                    f"expected {len(self.columns)} cells in rows[{index}] (one per column); "
                    f"got {len(row)}"
                )
        return self


class Quote(Shorthand):
    shorthand: ClassVar[str] = "text"
    text: Text
    source: Text | None = None


class Image(Strict):
    path: AssetPath
    alt: Text
    caption: Text | None = None


class Series(Strict):
    name: Text
    # strict: true and false are not the numbers 1 and 0
    values: list[Annotated[float, Field(strict=True)]] = Field(min_length=1)

    @field_validator("values")
    @classmethod
    def _finite(cls, values: list[float]) -> list[float]:
        for index, value in enumerate(values, start=1):
            if not math.isfinite(value):
                raise ValueError(f"expected finite numbers; got {value} at values[{index}]")
            if abs(value) > MAX_CHART_VALUE:
                raise ValueError(
                    f"expected numbers between -1e15 and 1e15 (use a larger unit); got "
                    f"{value:g} at values[{index}]"
                )
        return values


class Chart(Strict):
    type: Literal["column", "bar", "line", "pie"]
    categories: list[Text] = Field(min_length=1, max_length=12)
    series: list[Series] = Field(min_length=1, max_length=6)
    unit: Text | None = None
    source: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Chart:
        for index, series in enumerate(self.series, start=1):
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
            for index, value in enumerate(self.series[0].values, start=1):
                if value == 0:  # a slice of nothing draws no wedge; leave its category out
                    raise ValueError(
                        f"expected pie slices greater than 0; got 0 at values[{index}] "
                        f"({self.categories[index - 1]!r}): leave the category out"
                    )
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
    supplementary: Annotated[bool, Field(strict=True)] = False


class BulletsSlide(SlideBase):
    kind: Literal["bullets"]
    points: list[Point] = Field(min_length=1, max_length=8)


class ComparisonSlide(SlideBase):
    kind: Literal["comparison"]
    columns: list[Column] = Field(min_length=2, max_length=2)
    versus: Annotated[bool, Field(strict=True)] = False


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
    """The chapter's discussion, held after its last slide."""

    question: Text
    hint: Text
    # Time for it: the plan gives it its own row in the run sheet and moves the clock.
    minutes: Minutes | None = None


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


def _date_not_number(value: object) -> object:
    """A bare number is not a date: pydantic would read 0 as 1970-01-01 (a timestamp)."""
    if isinstance(value, bool | int | float) or (
        isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)
    ):
        shown = repr(value) if isinstance(value, str) else str(value).lower()
        raise ValueError(f"expected a date like 2024-02-05; got {shown}")
    return value


def _date_in_range(value: dt.date) -> dt.date:
    if not 1900 <= value.year <= 2100:
        raise ValueError(f"expected a date between 1900 and 2100; got {value.isoformat()}")
    return value


class Course(Strict):
    title: Text
    subtitle: Text | None = None
    presenter: Text
    organisation: Text
    date: Annotated[dt.date, BeforeValidator(_date_not_number), AfterValidator(_date_in_range)]
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


class Question(Strict):
    chapter: Annotated[int, Field(ge=1, strict=True)]
    type: Literal["single", "multiple", "truefalse"]
    question: Text
    options: list[Text] = Field(default_factory=list, max_length=6)
    answer: list[Text] = Field(min_length=1)
    explanation: Text

    @model_validator(mode="after")
    def _answer_among_options(self) -> Question:
        if self.type == "truefalse" and self.options:
            raise ValueError(
                "expected no options on a true/false question (its options are the true and "
                "false words of the course language); "
                f"got {len(self.options)}"
            )
        for name, items in (("option", self.options), ("answer", self.answer)):
            repeated = next((item for i, item in enumerate(items) if item in items[:i]), None)
            if repeated is not None:
                raise ValueError(f"expected each {name} once; got {repeated!r} twice")
        # True/false answers are the course language's words: checked across fields
        # (outline.rules), since a question does not know the course's language.
        options = self.options
        if self.type != "truefalse" and len(options) < 2:
            raise ValueError(f"expected at least 2 options; got {len(options)}")
        for answer in self.answer if self.type != "truefalse" else ():
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
