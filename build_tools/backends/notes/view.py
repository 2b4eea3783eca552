"""The trainer's notes as plain template data: the plan, formatted, and nothing decided.

Both notes templates (HTML and Markdown) render from this one view, so the two files can
never disagree about what is on a slide or when it starts. The view only *formats*: clock
strings, paragraph splits, a compact summary of each slide's content. Numbering, order and
timing come from the :class:`~build_tools.plan.DeckPlan` unchanged; nothing here counts
slides or adds minutes to a clock.

The view carries no UI words of its own. A summary line has a ``role`` (``"step"``,
``"series"`` …) and the templates phrase it with the edition's locale words (``L``); the
few joins made here (list and pair separators, the date) use the locale too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from build_tools.locale import Locale
from build_tools.outline import inline
from build_tools.outline.model import (
    BulletsSlide,
    ChartSlide,
    ComparisonSlide,
    Discussion,
    ImageSlide,
    PillarsSlide,
    Point,
    ProcessSlide,
    QuoteSlide,
    Reference,
    Slide,
    TableSlide,
    Term,
    TimelineSlide,
)
from build_tools.plan import DeckPlan, PlannedQuestion, PlannedSlide, Section, chapter_label
from build_tools.theme import Theme

_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")
_CSS_UNSAFE = re.compile(r"[<>{};\\]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


# --- view types -------------------------------------------------------------------------

Role = Literal[
    "point", "column", "step", "event", "header", "first_cells", "quote", "image", "chart",
    "series", "agenda", "subtitle", "lead",
]


@dataclass(frozen=True)
class Item:
    """One line of a slide's content summary.

    ``role`` tells the template how to phrase it; ``head`` is author text shown in bold
    before ``text``; ``sub`` are second-level author texts; ``key`` is a code the template
    translates (a chart type) or a step's position.
    """

    role: Role
    text: str
    head: str | None = None
    sub: tuple[str, ...] = ()
    key: str | None = None


@dataclass(frozen=True)
class TrainerNoteView:
    label: str  # update | tip | source | caution
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class SlideView:
    number: int
    id: str
    kind: str
    title: str
    start: str
    end: str
    minutes: int
    generated: bool
    supplementary: bool
    variant: str | None  # "versus" for a versus comparison
    summary: tuple[Item, ...]
    notes: tuple[str, ...]
    trainer: tuple[TrainerNoteView, ...]


@dataclass(frozen=True)
class ChapterView:
    number: int
    label: str  # "01", as on the divider slide
    title: str
    objectives: tuple[str, ...]
    discussion: Discussion
    takeaways: tuple[str, ...]


@dataclass(frozen=True)
class SectionView:
    anchor: str
    name: str
    chapter: ChapterView | None
    first: int
    last: int
    start: str
    end: str
    minutes: int
    slides: tuple[SlideView, ...]


@dataclass(frozen=True)
class RunRow:
    """A run-sheet row: a section of the deck, a chapter's discussion or a break."""

    kind: str  # "section" | "discussion" | "break"
    name: str
    anchor: str | None
    first: int | None
    last: int | None
    minutes: int
    start: str
    end: str


@dataclass(frozen=True)
class Option:
    letter: str
    text: str
    correct: bool


@dataclass(frozen=True)
class QuestionView:
    number: int  # position in the outline's quiz, as every product numbers it
    type: str  # single | multiple | truefalse
    question: str
    options: tuple[Option, ...]  # empty for true/false
    answer: tuple[str, ...]  # the correct options' letters, or the true/false word
    answer_text: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class QuizGroup:
    chapter: ChapterView | None  # None: tagged with a chapter the course does not have
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class CourseView:
    title: str
    subtitle: str | None
    presenter: str
    organisation: str
    date: str  # ISO, for machines and <time>
    date_text: str  # as a reader of the edition's language writes it
    audience: str
    materials: tuple[str, ...]
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Schedule:
    start: str
    end: str
    elapsed_minutes: int  # first slide to last slide, breaks included
    declared_minutes: int  # the outline's course.duration: teaching minutes, breaks aside
    teaching_minutes: int
    break_minutes: int
    slide_count: int


@dataclass(frozen=True)
class CssTheme:
    """Theme values already made safe for a CSS context."""

    primary: str
    accent: str
    secondary: str
    light: str
    text: str
    muted: str
    background: str
    font_stack: str


@dataclass(frozen=True)
class UiLabels:
    """The locale's words every output shares (the notes' own words: ``L`` in templates)."""

    opening: str
    closing: str
    break_: str
    supplementary: str
    list_separator: str
    pair_separator: str
    quote_open: str
    quote_close: str
    quote_source: str


@dataclass(frozen=True)
class NotesView:
    course: CourseView
    schedule: Schedule
    run_sheet: tuple[RunRow, ...]
    chapters: tuple[ChapterView, ...]
    sections: tuple[SectionView, ...]
    quiz: tuple[QuizGroup, ...]
    glossary: tuple[Term, ...]
    references: tuple[Reference, ...]
    look: CssTheme
    labels: UiLabels
    lang: str  # the edition's language, for <html lang>


# --- formatting helpers ------------------------------------------------------------------


def clock(moment: dt.datetime) -> str:
    """A wall-clock time as the run sheet shows it: ``HH:MM``."""
    return moment.strftime("%H:%M")


def paragraphs(text: str) -> tuple[str, ...]:
    """Blank lines in the outline separate paragraphs; single newlines stay inside one."""
    parts, start = [], 0
    for found in _PARAGRAPH_BREAK.finditer(text):
        parts.append(inline.cut(text, start, found.start()))
        start = found.end()
    parts.append(inline.cut(text, start, len(text)))
    # cut/strip keep inline markup (**bold** …) that str.split would drop
    return tuple(inline.strip(part) for part in parts if part.strip())


def format_number(value: float) -> str:
    """Chart values as an author would write them: ``10`` not ``10.0``, ``12.5`` as is."""
    return f"{value:g}" if abs(value) < 1e15 else f"{value:.0f}"


def css_colour(hex_rgb: str) -> str:
    if not _HEX.match(hex_rgb):
        raise ValueError(f"theme colour: expected 6 hex digits like '1F3A5F'; got {hex_rgb!r}")
    return f"#{hex_rgb.upper()}"


def css_value(value: str) -> str:
    """Refuse theme text that could end a CSS declaration or the ``<style>`` element."""
    found = _CSS_UNSAFE.search(value)
    if found:
        raise ValueError(f"theme value: expected no {found.group()!r} in {value!r}")
    return value


# --- slide summaries ---------------------------------------------------------------------


def _points(points: list[Point]) -> list[Item]:
    return [Item("point", p.text or "", head=p.lead, sub=tuple(p.sub)) for p in points]


def summarise(slide: PlannedSlide, words: Locale) -> tuple[Item, ...]:
    """What the audience sees on the slide, compressed to a few lines per kind."""
    listed, paired = words.list_separator, words.pair_separator
    content: Slide | None = slide.content
    items: list[Item] = []
    if content is None:  # generated slides: title, agenda, divider, closing
        if slide.kind == "agenda":
            items += [Item("agenda", a.title, head=a.label) for a in slide.agenda]
        elif slide.lead:
            items.append(Item("lead", slide.lead))
        if slide.subtitle and slide.kind != "divider":
            items.insert(0, Item("subtitle", slide.subtitle))
        return tuple(items)
    match content:
        case BulletsSlide():
            items += _points(content.points)
        case ComparisonSlide():
            items += [Item("column", paired.join(c.points), head=c.heading)
                      for c in content.columns]
        case PillarsSlide():
            items += [Item("column", paired.join(c.points), head=c.heading)
                      for c in content.pillars]
        case TableSlide():
            table = content.table
            items.append(Item("header", "", sub=tuple(table.columns)))
            items.append(Item("first_cells", "", sub=tuple(row[0] for row in table.rows)))
        case ProcessSlide():
            items += [
                Item("step", step.text or "", head=step.title, key=str(index))
                for index, step in enumerate(content.steps, start=1)
            ]
            items += _points(content.points)
        case TimelineSlide():
            items += [
                Item("event", event.title, head=event.label,
                     sub=(event.text,) if event.text else ())
                for event in content.events
            ]
            items += _points(content.points)
        case QuoteSlide():
            quote = content.quote
            items.append(Item("quote", quote.text, sub=(quote.source,) if quote.source else ()))
            items += _points(content.points)
        case ImageSlide():
            image = content.image
            items.append(
                Item("image", image.alt, sub=(image.caption,) if image.caption else ())
            )
        case ChartSlide():
            chart = content.chart
            labelled = (  # as the slide labels them (design.kinds.draw_chart)
                words.chart_unit.format(unit=chart.unit) if chart.unit else None,
                words.chart_source.format(source=chart.source) if chart.source else None,
            )
            items.append(Item("chart", listed.join(chart.categories), key=chart.type,
                              sub=tuple(s for s in labelled if s)))
            items += [
                Item(
                    "series",
                    paired.join(
                        f"{category} {format_number(value)}"
                        for category, value in zip(chart.categories, series.values, strict=True)
                    ),
                    head=series.name,
                )
                for series in chart.series
            ]
    return tuple(items)


def _slide(slide: PlannedSlide, words: Locale) -> SlideView:
    content = slide.content
    versus = isinstance(content, ComparisonSlide) and content.versus
    return SlideView(
        number=slide.number,
        id=slide.id,
        kind=slide.kind,
        title=slide.title,
        start=clock(slide.start),
        end=clock(slide.end),
        minutes=slide.minutes,
        generated=slide.generated,
        supplementary=slide.supplementary,
        variant="versus" if versus else None,
        summary=summarise(slide, words),
        notes=paragraphs(slide.notes),
        trainer=tuple(TrainerNoteView(n.label, paragraphs(n.text)) for n in slide.trainer),
    )


# --- the whole document ------------------------------------------------------------------


def _chapter(section: Section) -> ChapterView | None:
    chapter = section.chapter
    if chapter is None:
        return None
    return ChapterView(
        number=chapter.number,
        label=chapter_label(chapter),
        title=chapter.title,
        objectives=tuple(chapter.objectives),
        discussion=chapter.discussion,
        takeaways=tuple(chapter.takeaways),
    )


def _anchor(index: int, section: Section) -> str:
    # Anchors come from numbers only, never from author text.
    if section.chapter is not None:
        return f"chapter-{section.chapter.number}"
    return f"section-{index + 1}"


def _run_sheet(plan: DeckPlan, anchors: list[str]) -> tuple[RunRow, ...]:
    """The plan's timeline as rows: sections, discussions and breaks, timed by the plan."""
    by_first = {section.first.number: anchor
                for section, anchor in zip(plan.sections, anchors, strict=True)}
    return tuple(
        RunRow(slot.kind, slot.name, by_first.get(slot.first) if slot.first else None,
               slot.first, slot.last, slot.minutes, clock(slot.start), clock(slot.end))
        for slot in plan.timeline
    )


def _question(question: PlannedQuestion) -> QuestionView:
    """Letters for the options; a true/false answer is the edition's word, not a letter."""
    truefalse = question.type == "truefalse"
    options = tuple(
        Option(chr(ord("A") + index), text, text in question.answer)
        for index, text in enumerate(question.options)
    )
    letters = {option.text: option.letter for option in options}
    return QuestionView(
        number=question.number,
        type=question.type,
        question=question.question,
        options=() if truefalse else options,
        answer=question.answer if truefalse else tuple(letters[a] for a in question.answer),
        answer_text=question.answer,
        explanation=question.explanation,
    )


def _quiz(plan: DeckPlan, chapters: tuple[ChapterView, ...]) -> tuple[QuizGroup, ...]:
    """The plan's groups and numbers: the handout prints the same ones."""
    views = {chapter.number: chapter for chapter in chapters}
    return tuple(
        QuizGroup(views.get(group.chapter.number) if group.chapter else None,
                  tuple(_question(q) for q in group.questions))
        for group in plan.quiz
    )


def _look(theme: Theme) -> CssTheme:
    colours = theme.colours
    return CssTheme(
        primary=css_colour(colours.primary),
        accent=css_colour(colours.accent),
        secondary=css_colour(colours.secondary),
        light=css_colour(colours.light),
        text=css_colour(colours.text),
        muted=css_colour(colours.muted),
        background=css_colour(colours.background),
        font_stack=css_value(theme.fonts.web),
    )


def build_view(plan: DeckPlan, theme: Theme) -> NotesView:
    """Turn the plan into the data both notes templates render."""
    course, words = plan.course, plan.locale
    anchors = [_anchor(index, section) for index, section in enumerate(plan.sections)]
    sections = tuple(
        SectionView(
            anchor=anchor,
            name=section.name,
            chapter=_chapter(section),
            first=section.first.number,
            last=section.last.number,
            start=clock(section.first.start),
            end=clock(section.last.end),
            minutes=section.minutes,
            slides=tuple(_slide(slide, words) for slide in section.slides),
        )
        for section, anchor in zip(plan.sections, anchors, strict=True)
    )
    chapters = tuple(s.chapter for s in sections if s.chapter is not None)
    return NotesView(
        course=CourseView(
            title=course.title,
            subtitle=course.subtitle,
            presenter=course.presenter,
            organisation=course.organisation,
            date=course.date.isoformat(),
            date_text=words.format_date(course.date),
            audience=course.audience,
            materials=tuple(course.materials),
            keywords=tuple(course.keywords),
        ),
        schedule=Schedule(
            start=clock(plan.start),
            end=clock(plan.end),
            elapsed_minutes=int((plan.end - plan.start).total_seconds() // 60),
            declared_minutes=course.duration,
            teaching_minutes=plan.teaching_minutes,
            break_minutes=plan.break_minutes,
            slide_count=len(plan.slides),
        ),
        run_sheet=_run_sheet(plan, anchors),
        chapters=chapters,
        sections=sections,
        quiz=_quiz(plan, chapters),
        glossary=plan.glossary,
        references=plan.references,
        look=_look(theme),
        labels=UiLabels(
            opening=words.opening,
            closing=words.closing,
            break_=words.break_,
            supplementary=words.supplementary,
            list_separator=words.list_separator,
            pair_separator=words.pair_separator,
            quote_open=words.quote_open,
            quote_close=words.quote_close,
            quote_source=words.quote_source,
        ),
        lang=plan.language,
    )
