"""The deck plan: every slide in order, numbered, timed and sectioned.

This is the only place that counts, numbers or orders slides (Pandoc's ``Presentation``
stage plays the same role). Backends render a ``DeckPlan`` and never look at the outline's
structure to decide what exists: the display titles (made unique once), the chapter
labels ("01"), the quiz numbers and grouping, and the timeline (slides, discussions and
breaks on one clock) are all decided here, so the deck, the handout and the notes cannot
disagree about them. The edition's locale rides along (``plan.locale``): the words it
was planned in (section names, agenda page suffix) are the ones every backend prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Literal

from build_tools.errors import Problem
from build_tools.locale import Locale, load_locale
from build_tools.outline.model import (
    Chapter,
    Course,
    Outline,
    Reference,
    Slide,
    Term,
    TrainerNote,
)

GENERATED_KINDS = ("title", "agenda", "divider", "closing")


@dataclass(frozen=True)
class AgendaItem:
    number: int
    title: str
    label: str = ""  # the chapter's two-digit label, as on its divider


@dataclass(frozen=True)
class PlannedQuestion:
    """A quiz question with the number every output prints (grouped by chapter, in order)."""

    number: int
    chapter: int  # the outline's tag
    type: str  # single | multiple | truefalse
    question: str
    options: tuple[str, ...]  # as shown: the locale's true/false words for true/false
    answer: tuple[str, ...]  # the correct options' texts, in the edition's words
    explanation: str
    path: str  # "quiz[3]", for located problems


@dataclass(frozen=True)
class QuizGroup:
    """Questions under one chapter heading; ``chapter`` is None for a tag no chapter has."""

    chapter: Chapter | None
    name: str | None  # the chapter's section name ("01 …"), as the handout heads it
    questions: tuple[PlannedQuestion, ...]


@dataclass(frozen=True)
class Slot:
    """One row of the timeline: a section of slides, a chapter's discussion or a break."""

    kind: Literal["section", "discussion", "break"]
    name: str
    chapter: Chapter | None
    start: dt.datetime
    minutes: int
    first: int | None = None  # slide numbers, for a section
    last: int | None = None

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class PlannedSlide:
    number: int
    kind: str
    id: str
    path: str  # where it comes from in the outline, for located problems
    title: str
    section: str
    chapter: Chapter | None
    content: Slide | None
    notes: str
    handout: str | None
    minutes: int
    start: dt.datetime
    subtitle: str | None = None
    lead: str | None = None
    agenda: tuple[AgendaItem, ...] = ()
    trainer: tuple[TrainerNote, ...] = ()
    supplementary: bool = False

    @property
    def generated(self) -> bool:
        return self.kind in GENERATED_KINDS

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class Pause:
    """A break in the run sheet, between chapters; it moves the clock, not the numbering."""

    title: str
    after_chapter: int
    minutes: int
    start: dt.datetime

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class DiscussionSlot:
    """A chapter's discussion in the run sheet, after its last slide (before any break):
    teaching time that moves the clock, not the numbering."""

    chapter: int
    question: str
    minutes: int
    start: dt.datetime

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class Section:
    name: str
    chapter: Chapter | None
    slides: tuple[PlannedSlide, ...]

    @property
    def minutes(self) -> int:
        return sum(slide.minutes for slide in self.slides)

    @property
    def first(self) -> PlannedSlide:
        return self.slides[0]

    @property
    def last(self) -> PlannedSlide:
        return self.slides[-1]


@dataclass(frozen=True)
class DeckPlan:
    outline: Outline
    slides: tuple[PlannedSlide, ...]
    sections: tuple[Section, ...]
    pauses: tuple[Pause, ...] = field(default=())
    discussions: tuple[DiscussionSlot, ...] = field(default=())
    timeline: tuple[Slot, ...] = ()
    quiz: tuple[QuizGroup, ...] = ()
    locale: Locale = field(default_factory=lambda: load_locale("zh-CN"))
    notices: tuple[Problem, ...] = ()  # renamed duplicate titles, reported as warnings

    @property
    def course(self) -> Course:
        return self.outline.course

    @property
    def language(self) -> str:
        return self.locale.language

    @property
    def chapters(self) -> tuple[Chapter, ...]:
        return tuple(self.outline.chapters)

    @property
    def glossary(self) -> tuple[Term, ...]:
        return tuple(self.outline.glossary)

    @property
    def references(self) -> tuple[Reference, ...]:
        return tuple(self.outline.references)

    @property
    def questions(self) -> tuple[PlannedQuestion, ...]:
        return tuple(q for group in self.quiz for q in group.questions)

    @property
    def teaching_minutes(self) -> int:
        """Slides and timed discussions; breaks aside (what ``course.duration`` declares)."""
        return sum(slide.minutes for slide in self.slides) + sum(
            discussion.minutes for discussion in self.discussions
        )

    @property
    def break_minutes(self) -> int:
        return sum(pause.minutes for pause in self.pauses)

    @property
    def start(self) -> dt.datetime:
        return self.slides[0].start

    @property
    def end(self) -> dt.datetime:
        return max([self.slides[-1].end, *(pause.end for pause in self.pauses),
                    *(discussion.end for discussion in self.discussions)])

    def discussion_after(self, chapter: int) -> DiscussionSlot | None:
        return next((d for d in self.discussions if d.chapter == chapter), None)

    @property
    def content_slides(self) -> tuple[PlannedSlide, ...]:
        return tuple(slide for slide in self.slides if not slide.generated)

    def chapter_sections(self) -> tuple[Section, ...]:
        return tuple(section for section in self.sections if section.chapter is not None)


def chapter_label(chapter: Chapter | int) -> str:
    """The two-digit chapter number the seed deck uses (01 … 06): formatted only here."""
    number = chapter if isinstance(chapter, int) else chapter.number
    return f"{number:02d}"


def make_plan(
    outline: Outline, locale: Locale | None = None, agenda_capacity: int = 6
) -> DeckPlan:
    """Turn the validated outline into the ordered, numbered, timed slide list.

    ``locale`` is the edition's words (default: the course language's); it names the
    sections around the chapters and the agenda pages. ``agenda_capacity`` is how many
    chapters one agenda slide lists (theme layout).
    """
    locale = locale or load_locale(outline.course.language)
    opening, closing = locale.opening, locale.closing
    course = outline.course
    hour, minute = (int(part) for part in course.start.split(":"))
    clock = dt.datetime.combine(course.date, dt.time(hour, minute))
    slides: list[PlannedSlide] = []
    sections: list[Section] = []
    pauses: list[Pause] = []
    discussions: list[DiscussionSlot] = []
    breaks = {pause.after: pause for pause in course.breaks}

    def add(**fields: object) -> PlannedSlide:
        nonlocal clock
        slide = PlannedSlide(number=len(slides) + 1, start=clock, **fields)  # type: ignore[arg-type]
        slides.append(slide)
        clock = slide.end
        return slide

    timeline: list[Slot] = []
    agenda = [AgendaItem(c.number, c.title, chapter_label(c)) for c in outline.chapters]
    pages = [agenda[i : i + agenda_capacity] for i in range(0, len(agenda), agenda_capacity)]
    title_slide = add(
        kind="title",
        id="title",
        path="course.title_slide",
        title=course.title,
        subtitle=course.subtitle,
        section=opening,
        chapter=None,
        content=None,
        notes=course.title_slide.notes,
        handout=None,
        minutes=course.title_slide.minutes,
    )
    agenda_slides = []
    for page, items in enumerate(pages, start=1):
        # A long course gets as many agenda slides as it needs; the time goes to the first.
        title = course.agenda_slide.title
        if len(pages) > 1:
            title = locale.agenda_page.format(title=title, page=page, pages=len(pages))
        agenda_slides.append(
            add(
                kind="agenda",
                id="agenda" if page == 1 else f"agenda-{page}",
                path="course.agenda_slide",
                title=title,
                subtitle=course.agenda_slide.subtitle,
                section=opening,
                chapter=None,
                content=None,
                notes=course.agenda_slide.notes,
                handout=None,
                minutes=course.agenda_slide.minutes if page == 1 else 0,
                agenda=tuple(items),
            )
        )
    opening_slides = (title_slide, *agenda_slides)
    sections.append(Section(opening, None, opening_slides))
    timeline.append(_section_slot(sections[-1]))

    for chapter_index, chapter in enumerate(outline.chapters):
        name = f"{chapter_label(chapter)} {chapter.title}"
        chapter_slides = [
            add(
                kind="divider",
                id=f"chapter-{chapter.number}",
                path=f"chapters[{chapter_index}].divider",
                title=chapter.title,
                subtitle=chapter_label(chapter),
                lead=chapter.divider.lead,
                section=name,
                chapter=chapter,
                content=None,
                notes=chapter.divider.notes,
                handout=None,
                minutes=chapter.divider.minutes,
            )
        ]
        for slide_index, slide in enumerate(chapter.slides):
            chapter_slides.append(
                add(
                    kind=slide.kind,
                    id=slide.id,
                    path=f"chapters[{chapter_index}].slides[{slide_index}]",
                    title=slide.title,
                    section=name,
                    chapter=chapter,
                    content=slide,
                    notes=slide.notes,
                    handout=slide.handout,
                    minutes=slide.minutes,
                    trainer=tuple(slide.trainer),
                    supplementary=slide.supplementary,
                )
            )
        sections.append(Section(name, chapter, tuple(chapter_slides)))
        timeline.append(_section_slot(sections[-1]))
        if chapter.discussion.minutes is not None:
            # The chapter's discussion follows its slides and moves the clock.
            discussions.append(DiscussionSlot(chapter.number, chapter.discussion.question,
                                              chapter.discussion.minutes, clock))
            timeline.append(Slot("discussion", chapter.discussion.question, chapter, clock,
                                 chapter.discussion.minutes))
            clock += dt.timedelta(minutes=chapter.discussion.minutes)
        pause = breaks.get(chapter.number)
        if pause is not None and chapter is not outline.chapters[-1]:
            pauses.append(Pause(pause.title, chapter.number, pause.minutes, clock))
            timeline.append(Slot("break", pause.title, chapter, clock, pause.minutes))
            clock += dt.timedelta(minutes=pause.minutes)

    closing_slide = course.closing_slide
    last = add(
        kind="closing",
        id="closing",
        path="course.closing_slide",
        title=closing_slide.title,
        subtitle=closing_slide.subtitle,
        section=closing,
        chapter=None,
        content=None,
        notes=closing_slide.notes,
        handout=None,
        minutes=closing_slide.minutes,
    )
    sections.append(Section(closing, None, (last,)))
    timeline.append(_section_slot(sections[-1]))
    titled, notices = _unique_titles(slides, locale)
    sections = [
        Section(s.name, s.chapter, tuple(titled[p.number - 1] for p in s.slides))
        for s in sections
    ]
    return DeckPlan(outline, tuple(titled), tuple(sections), tuple(pauses), tuple(discussions),
                    tuple(timeline), _quiz(outline, sections, locale), locale, tuple(notices))


def _section_slot(section: Section) -> Slot:
    return Slot("section", section.name, section.chapter, section.first.start,
                sum(s.minutes for s in section.slides), section.first.number,
                section.last.number)


def _unique_titles(
    slides: list[PlannedSlide], locale: Locale
) -> tuple[list[PlannedSlide], list[Problem]]:
    """Display titles made unique once, for every output (screen readers and the outline
    pane list slides by title; the handout and the notes must show the same words).

    A repeated title gets the locale's counter ("（2）", " (2)"); each is reported.
    """
    seen: dict[str, int] = {}
    titled: list[PlannedSlide] = []
    notices: list[Problem] = []
    for slide in slides:
        count = seen.get(slide.title, 0) + 1
        seen[slide.title] = count
        if count == 1:
            titled.append(slide)
            continue
        shown = locale.duplicate_title.format(title=slide.title, count=count)
        titled.append(replace(slide, title=shown))
        notices.append(Problem(f"{slide.path}.title", (
            f"slide {slide.number} '{slide.title}': the title repeats an earlier slide's; "
            f"shown as {shown!r}")))
    return titled, notices


def _quiz(outline: Outline, sections: list[Section], locale: Locale) -> tuple[QuizGroup, ...]:
    """Questions grouped under their chapter, chapters in plan order, numbered in the
    order they are printed; a tag no chapter has goes to a last group, never dropped."""
    tagged = list(enumerate(outline.quiz))
    order = [(s.chapter, s.name) for s in sections if s.chapter is not None]
    known = {chapter.number for chapter, _ in order}
    wanted: list[tuple[Chapter | None, str | None, list[int]]] = [
        (chapter, name, [i for i, q in tagged if q.chapter == chapter.number])
        for chapter, name in order
    ]
    wanted.append((None, None, [i for i, q in tagged if q.chapter not in known]))
    groups: list[QuizGroup] = []
    number = 0
    for chapter, name, indexes in wanted:
        questions = []
        for index in indexes:
            number += 1
            questions.append(_question(number, index, outline, locale))
        if questions:
            groups.append(QuizGroup(chapter, name, tuple(questions)))
    return tuple(groups)


def _question(number: int, index: int, outline: Outline, locale: Locale) -> PlannedQuestion:
    question = outline.quiz[index]
    if question.type == "truefalse":
        # The author wrote the outline language's words; the edition shows its own.
        true_word = load_locale(outline.course.language).quiz_true
        options: tuple[str, ...] = (locale.quiz_true, locale.quiz_false)
        answer: tuple[str, ...] = tuple(locale.truth(a == true_word) for a in question.answer)
    else:
        options, answer = tuple(question.options), tuple(question.answer)
    return PlannedQuestion(number, question.chapter, question.type, question.question,
                           options, answer, question.explanation, f"quiz[{index}]")
