"""The deck plan: every slide in order, numbered, timed and sectioned.

This is the only place that counts, numbers or orders slides (Pandoc's ``Presentation``
stage plays the same role). Backends render a ``DeckPlan`` and never look at the outline's
structure to decide what exists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from build_tools.outline.model import Chapter, Course, Outline, Slide, TrainerNote

GENERATED_KINDS = ("title", "agenda", "divider", "closing")


@dataclass(frozen=True)
class AgendaItem:
    number: int
    title: str


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

    @property
    def course(self) -> Course:
        return self.outline.course

    @property
    def teaching_minutes(self) -> int:
        """Slides and timed discussions; breaks aside (what ``course.duration`` declares)."""
        return sum(slide.minutes for slide in self.slides) + sum(
            discussion.minutes for discussion in self.discussions
        )

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


def chapter_label(chapter: Chapter) -> str:
    """The two-digit chapter number the seed deck uses (01 … 06)."""
    return f"{chapter.number:02d}"


def make_plan(
    outline: Outline, opening: str = "开场", closing: str = "结束", agenda_capacity: int = 6
) -> DeckPlan:
    """Turn the validated outline into the ordered, numbered, timed slide list.

    ``opening`` and ``closing`` name the sections around the chapters (theme labels);
    ``agenda_capacity`` is how many chapters one agenda slide lists (theme layout).
    """
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

    agenda = [AgendaItem(c.number, c.title) for c in outline.chapters]
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
        suffix = f"（{page}/{len(pages)}）" if len(pages) > 1 else ""
        agenda_slides.append(
            add(
                kind="agenda",
                id="agenda" if page == 1 else f"agenda-{page}",
                path="course.agenda_slide",
                title=course.agenda_slide.title + suffix,
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
        if chapter.discussion.minutes is not None:
            discussions.append(DiscussionSlot(chapter.number, chapter.discussion.question,
                                              chapter.discussion.minutes, clock))
            clock += dt.timedelta(minutes=chapter.discussion.minutes)
        pause = breaks.get(chapter.number)
        if pause is not None and chapter is not outline.chapters[-1]:
            pauses.append(Pause(pause.title, chapter.number, pause.minutes, clock))
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
    return DeckPlan(outline, tuple(slides), tuple(sections), tuple(pauses), tuple(discussions))
