"""The plan numbers, orders, times and sections every slide; backends only render it."""

from __future__ import annotations

import datetime as dt

import pytest

from build_tools.outline.loader import load_outline
from build_tools.outline.model import Outline
from build_tools.plan import make_plan
from tests.conftest import ALLKINDS, COURSE


@pytest.fixture(scope="module")
def outline() -> Outline:
    return load_outline(ALLKINDS)


def test_it_adds_title_agenda_dividers_and_closing(outline: Outline) -> None:
    plan = make_plan(outline)
    kinds = [slide.kind for slide in plan.slides]
    content = sum(len(chapter.slides) for chapter in outline.chapters)
    assert len(plan.slides) == 2 + len(outline.chapters) + content + 1
    assert kinds[:3] == ["title", "agenda", "divider"]
    assert kinds[-1] == "closing"
    assert kinds.count("divider") == len(outline.chapters)


def test_it_numbers_slides_from_one_without_gaps(outline: Outline) -> None:
    plan = make_plan(outline)
    assert [slide.number for slide in plan.slides] == list(range(1, len(plan.slides) + 1))


def test_it_keeps_chapter_order_and_puts_each_slide_in_its_chapter(outline: Outline) -> None:
    plan = make_plan(outline)
    names = [section.name for section in plan.sections]
    assert names == ["开场", "01 文字版式", "02 图示版式", "结束"]
    for section in plan.chapter_sections():
        assert section.first.kind == "divider"
        assert [s.id for s in section.slides[1:]] == [s.id for s in section.chapter.slides]
    assert sum(len(section.slides) for section in plan.sections) == len(plan.slides)


def test_it_lists_the_chapters_on_the_agenda(outline: Outline) -> None:
    agenda = make_plan(outline).slides[1]
    assert [(item.number, item.title) for item in agenda.agenda] == [
        (1, "文字版式"),
        (2, "图示版式"),
    ]


def test_it_times_slides_from_the_start_and_breaks_move_the_clock(outline: Outline) -> None:
    plan = make_plan(outline)
    assert plan.start == dt.datetime(2024, 3, 1, 9, 30)
    for before, after in zip(plan.slides, plan.slides[1:], strict=False):
        gap = (after.start - before.end).total_seconds() / 60
        pause = [p for p in plan.pauses if p.start == before.end]
        assert gap == (pause[0].minutes if pause else 0)
    (pause,) = plan.pauses
    assert pause.after_chapter == 1
    assert pause.start == plan.sections[1].last.end
    assert plan.end == plan.slides[-1].end
    assert plan.teaching_minutes == sum(s.minutes for s in plan.slides) == 50


def test_it_records_where_each_slide_comes_from(outline: Outline) -> None:
    plan = make_plan(outline)
    assert plan.slides[3].path == "chapters[0].slides[0]"
    assert plan.slides[2].path == "chapters[0].divider"
    assert plan.slides[0].path == "course.title_slide"


def test_the_course_plan_has_the_seed_decks_32_pages() -> None:
    plan = make_plan(load_outline(COURSE))
    assert len(plan.slides) == 32
    assert [s.number for s in plan.slides if s.kind == "divider"] == [3, 8, 13, 18, 23, 27]
    assert plan.teaching_minutes == plan.course.duration


def test_a_long_course_gets_as_many_agenda_slides_as_it_needs(outline: Outline) -> None:
    plan = make_plan(outline, agenda_capacity=1)
    agendas = [slide for slide in plan.slides if slide.kind == "agenda"]
    assert [s.title for s in agendas] == ["目录（1/2）", "目录（2/2）"]
    assert [[i.number for i in s.agenda] for s in agendas] == [[1], [2]]
    assert [s.minutes for s in agendas] == [outline.course.agenda_slide.minutes, 0]
    assert plan.sections[0].slides[1:] == tuple(agendas)


def _with(outline: Outline, **changes: object) -> Outline:
    return Outline.model_validate({**outline.model_dump(), **changes})


def test_a_discussion_with_minutes_is_a_timed_slot_after_its_chapter(outline: Outline) -> None:
    data = outline.model_dump()
    data["chapters"][0]["discussion"]["minutes"] = 12
    plan = make_plan(Outline.model_validate(data))
    kinds = [slot.kind for slot in plan.timeline]
    assert kinds[:3] == ["section", "section", "discussion"]
    discussion = plan.timeline[2]
    assert discussion.start == plan.sections[1].last.end and discussion.minutes == 12
    following = plan.timeline[3]
    assert following.start == discussion.end  # the break after chapter 1 waits for it
    assert plan.teaching_minutes == make_plan(outline).teaching_minutes + 12


def test_quiz_numbers_follow_the_printed_groups_and_keep_a_stray_tag(outline: Outline) -> None:
    quiz = [q.model_dump() for q in outline.quiz]
    stray = {**quiz[0], "chapter": 99, "question": "stray"}
    plan = make_plan(_with(outline, quiz=[quiz[1], stray, quiz[0]]))
    assert [(g.chapter.number if g.chapter else None) for g in plan.quiz] == [1, 2, None]
    assert [q.number for q in plan.questions] == [1, 2, 3]
    assert plan.quiz[-1].questions[0].question == "stray"


def test_true_false_answers_are_the_editions_words(outline: Outline) -> None:
    from build_tools.locale import load_locale

    english = load_locale("en")
    question = next(q for q in make_plan(outline, english).questions if q.type == "truefalse")
    assert question.options == ("True", "False") and question.answer == ("True",)


def test_chapter_labels_are_formatted_once_for_the_agenda_and_dividers(outline: Outline) -> None:
    plan = make_plan(outline)
    assert [item.label for item in plan.slides[1].agenda] == ["01", "02"]
    assert [s.subtitle for s in plan.slides if s.kind == "divider"] == ["01", "02"]
