"""A build session gives the same designs a cold build does, re-designing only what changed."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from build_tools import inputs
from build_tools.backends.base import Context
from build_tools.pipeline import designed, prepare
from build_tools.plan import make_plan
from build_tools.warm import Session
from tests.conftest import ALLKINDS


def _edited(context: Context, title: str) -> Context:
    """The context with the first content slide's title changed, planned again."""
    outline = context.plan.outline
    chapter = outline.chapters[0]
    slide = chapter.slides[0].model_copy(update={"title": title})
    chapter = chapter.model_copy(update={"slides": [slide, *chapter.slides[1:]]})
    outline = outline.model_copy(update={"chapters": [chapter, *outline.chapters[1:]]})
    plan = make_plan(outline, context.plan.locale, context.theme.deck.agenda_capacity)
    return replace(context, plan=plan, designs=None, layouts=None)


def test_a_session_designs_what_a_cold_build_designs_and_keeps_the_rest() -> None:
    session = Session()
    base = prepare(ALLKINDS)
    first = session.designed(base)
    assert first.designs == designed(base).designs
    edited = _edited(base, "改过的标题")
    warm = session.designed(edited)
    cold = designed(edited)
    assert warm.designs == cold.designs
    assert first.designs is not None and warm.designs is not None
    changed = [n for n, (a, b) in enumerate(zip(first.designs.slides, warm.designs.slides,
                                                strict=True), start=1) if a is not b]
    number = edited.plan.content_slides[0].number  # that slide alone is designed again
    assert changed == [number]


def test_a_kept_theme_is_read_again_when_its_content_changes_in_the_same_clock_tick(
        tmp_path: Path) -> None:
    theme = tmp_path / "assets" / "theme.yaml"
    theme.parent.mkdir()
    theme.write_text('colours:\n  accent: "C8102E"\n', encoding="utf-8")
    session = Session()
    assert session.theme(tmp_path).colours.accent == "C8102E"
    stamp = theme.stat().st_mtime_ns
    theme.write_text('colours:\n  accent: "00A0B0"\n', encoding="utf-8")
    os.utime(theme, ns=(stamp, stamp))  # same size, same mtime: only the content differs
    assert session.theme(tmp_path).colours.accent == "00A0B0"


def test_a_kept_result_replays_what_it_read_so_the_manifest_lists_it() -> None:
    session = Session()
    base = prepare(ALLKINDS)
    with inputs.recording() as cold:
        session.designed(base)
    with inputs.recording() as warm:
        session.designed(replace(base, designs=None, layouts=None))
    assert any(name.endswith("template.pptx") for name in cold)
    assert warm == cold


def test_a_session_designs_again_when_only_the_markup_changed() -> None:
    """``**互联网金融**`` has the plain text of ``互联网金融``: the change check must see the
    markup (found in a trial course: `course serve` kept showing the slide without bold)."""
    from build_tools.outline.inline import parse

    session = Session()
    base = prepare(ALLKINDS)
    session.designed(base)
    outline = base.plan.outline
    chapter = outline.chapters[0]
    slide = chapter.slides[0]
    point = slide.points[0]  # type: ignore[union-attr]
    marked = point.model_copy(update={"text": parse(f"**{point.text}**")})
    slide = slide.model_copy(update={"points": [marked, *slide.points[1:]]})  # type: ignore[union-attr]
    chapter = chapter.model_copy(update={"slides": [slide, *chapter.slides[1:]]})
    outline = outline.model_copy(update={"chapters": [chapter, *outline.chapters[1:]]})
    plan = make_plan(outline, base.plan.locale, base.theme.deck.agenda_capacity)
    edited = replace(base, plan=plan, designs=None, layouts=None)
    assert session.designed(edited).designs == designed(edited).designs
