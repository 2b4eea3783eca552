"""Paths as an author reads them: counted from 1, the slide named by its deck number."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from build_tools.outline.fieldpath import format_path, parse_path, shown_path
from build_tools.outline.loader import load
from build_tools.plan import make_plan
from build_tools.theme import load_theme
from tests.conftest import COURSE, ROOT


def test_the_codes_path_reads_back() -> None:
    path = ("chapters", 3, "slides", 6, "points", 0, "text")
    assert format_path(path) == "chapters[3].slides[6].points[0].text"
    assert parse_path(format_path(path)) == path


def test_indices_count_from_one_outside_slides() -> None:
    assert shown_path(("quiz", 0, "options", 2), {}) == "quiz[1].options[3]"
    assert shown_path(("course", "breaks", 1, "after"), {}) == "course.breaks[2].after"


@pytest.mark.parametrize("chapters", [None, [], "x", [{"slides": "x"}]])
def test_a_broken_outline_still_gets_a_path(chapters: object) -> None:
    assert shown_path(("chapters", 0, "slides", 0), {"chapters": chapters}) == (
        "chapters[1].slides[1]"
    )


def _outline(tmp_path: Path, slides: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from make_outline import make

    return make(slides, tmp_path / "source" / "course.yaml")  # type: ignore[no-any-return]


@pytest.mark.parametrize("slides", [0, 320])  # the course; a course with two agenda slides
def test_every_slide_is_named_by_the_plans_number_and_title(tmp_path: Path, slides: int) -> None:
    source = COURSE if slides == 0 else _outline(tmp_path, slides)
    outline, located = load(source)
    theme = load_theme()
    plan = make_plan(outline, agenda_capacity=theme.deck.agenda_capacity)
    if slides:
        assert len([s for s in plan.slides if s.kind == "agenda"]) > 1
    checked = 0
    for slide in plan.slides:
        if slide.kind in ("title", "agenda", "closing"):
            continue
        shown = shown_path(parse_path(slide.path), located.data)
        title = slide.title.strip()
        title = title if len(title) <= 30 else title[:29] + "…"
        assert shown.endswith(f" (slide {slide.number} {title!r})"), (slide.path, shown)
        checked += 1
    assert checked == len([s for s in plan.slides if s.kind not in ("title", "agenda", "closing")])
