"""The plan owns every fact: edit the outline and all three outputs move together.

Each edit is one that used to make the outputs disagree: a quiz question moved to the end
(the handout printed a second "01" heading, the notes grouped it under chapter 1), a title
that repeats another (only the deck renamed it), a break added (two backends merged breaks
into the timeline each on their own).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pptx import Presentation
from pypdf import PdfReader

from build_tools.outline.loader import load_outline
from build_tools.pipeline import TARGETS, build
from build_tools.plan import DeckPlan, make_plan
from tests.conftest import COURSE

ADDED_BREAK = {"after": 1, "title": "早间休息", "minutes": 25}


def _edited(data: dict[str, Any]) -> dict[str, Any]:
    quiz = data["quiz"]
    quiz.append(quiz.pop(0))  # chapter 1's first question, now last in the outline
    second = data["chapters"][1]
    second["slides"][0]["title"] = second["title"]  # the same words as its divider
    data["course"]["breaks"].insert(0, ADDED_BREAK)
    return data


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[DeckPlan, Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("facts")
    source = root / "source" / "course.yaml"
    source.parent.mkdir()
    original = yaml.safe_load(COURSE.read_text(encoding="utf-8"))
    data = _edited(yaml.safe_load(COURSE.read_text(encoding="utf-8")))
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    build(source, root / "out", TARGETS)
    return make_plan(load_outline(source)), root / "out", original


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _handout(out: Path) -> str:
    return _squeeze("".join(p.extract_text() for p in PdfReader(out / "course-handout.pdf").pages))


def _notes(out: Path) -> str:
    return (out / "course-notes.html").read_text(encoding="utf-8")


def test_a_moved_question_keeps_its_chapter_and_number_everywhere(edited: Any) -> None:
    plan, out, original = edited
    moved = original["quiz"][0]["question"]
    first_group = plan.quiz[0]  # still chapter 1's: grouped by chapter, not by position
    assert first_group.chapter is not None and first_group.chapter.number == 1
    assert first_group.questions[-1].question == moved
    assert first_group.questions[-1].number == len(first_group.questions)
    handout, notes = _handout(out), _notes(out)
    numbered = re.findall(
        r'<li class="question-item" value="(\d+)">\s*<p class="q"><span class="qtype">'
        r"[^<]*</span> ([^<]*)</p>", notes)
    assert [(int(n), html.unescape(q)) for n, q in numbered] == [
        (q.number, q.question) for q in plan.questions]
    for question in plan.questions:
        assert re.search(re.escape(f"{question.number}.[") + r"[^\]]*\]"
                         + re.escape(_squeeze(question.question)[:12]), handout), question
    kinds = [f"[{word}]" for word in plan.locale.quiz_types.model_dump().values()]
    pages = [_squeeze(p.extract_text()) for p in PdfReader(out / "course-handout.pdf").pages]
    quiz_part = "".join(page for page in pages if any(kind in page for kind in kinds))
    for group in plan.quiz:  # one heading per chapter, never a second "01 …"
        assert group.name is not None
        assert quiz_part.count(_squeeze(group.name)) == 1, group.name


def test_a_repeated_title_is_renamed_once_for_every_output(edited: Any) -> None:
    plan, out, _ = edited
    renamed = plan.sections[2].slides[1]  # chapter 2: divider, then the edited slide
    assert renamed.title == plan.locale.duplicate_title.format(title=plan.chapters[1].title,
                                                               count=2)
    deck = Presentation(str(out / "course.pptx"))
    shown = deck.slides[renamed.number - 1].shapes.title.text_frame.text
    assert shown.replace("\v", "") == renamed.title
    assert f"<h3>{html.escape(renamed.title)}</h3>" in _notes(out)
    assert _squeeze(renamed.title) in _handout(out)
    assert [w.path for w in plan.notices] == [f"{renamed.path}.title"]


def test_an_added_break_moves_every_clock_the_same_way(edited: Any) -> None:
    plan, out, _ = edited
    breaks = [slot for slot in plan.timeline if slot.kind == "break"]
    assert breaks[0].name == ADDED_BREAK["title"] and breaks[0].minutes == 25
    notes = _notes(out)
    times = dict(re.findall(
        r'<article id="slide-(\d+)".*?<p class="slide-time"><time>(\d\d:\d\d)</time>', notes,
        flags=re.S))
    assert {int(n): t for n, t in times.items()} == {
        s.number: f"{s.start:%H:%M}" for s in plan.slides}
    handout = _handout(out)
    for slot in plan.timeline:
        when = plan.locale.time_range.format(start=f"{slot.start:%H:%M}",
                                             end=f"{slot.end:%H:%M}")
        assert _squeeze(when + slot.name) in handout, slot
        assert f"<time>{slot.start:%H:%M}</time>" in notes
    second_chapter = plan.sections[2].first
    assert second_chapter.start == plan.sections[1].last.end + (breaks[0].end - breaks[0].start)
