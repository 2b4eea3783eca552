"""What a long-lived build process (``course serve``, ``course watch``) keeps between builds.

A cold build pays for imports, the theme, the template's layouts and the design of every
slide. A warm process pays for them once: each kept result is stored with the record of
the files it read (``inputs.recording``) and reused only while every one of them has the
same content, and each slide's design is also keyed by everything that design reads from
the plan (the planned slide, its chapter's own fields, the course fields, its display
title), so a one-slide edit re-designs that slide only. A reused result replays its record,
so the manifest lists the same inputs as after a cold build; the results are the same
objects a cold build makes; only the time differs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_tools import inputs
from build_tools.errors import Problem

if TYPE_CHECKING:
    from build_tools.backends.base import Context
    from build_tools.design import DeckDesign
    from build_tools.design.boxes import SlideDesign
    from build_tools.design.layouts import Layouts
    from build_tools.plan import PlannedSlide
    from build_tools.theme import Theme


@dataclass
class _Kept:
    key: Any
    record: inputs.Record
    value: Any


@dataclass
class Session:
    """Caches for one process; every lookup checks the files its result was made from."""

    _theme: _Kept | None = None
    _layouts: _Kept | None = None
    _designs: dict[Any, tuple[inputs.Record, SlideDesign, tuple[Problem, ...]]] = field(
        default_factory=dict
    )

    def theme(self, project: Path | None = None) -> Theme:
        """``load_theme(project)``, kept while the house and the project theme files are."""
        from build_tools.theme import load_theme

        kept = self._theme
        if kept is not None and kept.key == project and inputs.unchanged(kept.record):
            inputs.replay(kept.record)
            return kept.value  # type: ignore[no-any-return]
        with inputs.recording() as record:
            theme = load_theme(project)
        self._theme = _Kept(project, record, theme)
        self._layouts = None
        self._designs.clear()
        return theme

    def designed(self, context: Context) -> Context:
        """As ``pipeline.designed``, with the layouts and the unchanged slides kept."""
        if context.designs is not None:
            return context
        from build_tools.backends.deck.backend import (
            check_assets,
            customer_template,
            template_path,
        )
        from build_tools.backends.deck.layouts import LayoutMap, describe, open_template
        from build_tools.design.palette import themed

        margin = round(context.theme.deck.margin_in * 914400)
        template_file = template_path(context)
        key = (str(template_file), str(context.project), margin)
        kept = self._layouts
        if kept is not None and kept.key == key and inputs.unchanged(kept.record):
            inputs.replay(kept.record)
            layouts = kept.value
        else:
            with inputs.recording() as record:
                layout_map = LayoutMap.load(project=context.project)
                layouts = describe(open_template(template_file, layout_map, margin),
                                   customer_template(context))
            self._layouts = _Kept(key, record, layouts)
            self._designs.clear()
        check_assets(context)
        designs = self._design_deck(context, layouts)
        return replace(context, layouts=layouts, designs=designs,
                       theme=themed(context.theme, designs.palette))

    def _design_deck(self, context: Context, layouts: Layouts) -> DeckDesign:
        """``design.design_deck``, slide by slide through the cache (same results)."""
        from build_tools.design import DeckDesign, Designer

        plan = context.plan
        designer = Designer(plan, context.theme, layouts, context.measurer, context.project)
        course = repr(plan.course) + repr(plan.locale)  # words and dates every slide shows
        kept: dict[Any, tuple[inputs.Record, SlideDesign, tuple[Problem, ...]]] = {}
        slides: list[SlideDesign] = []
        problems: list[Problem] = []
        for planned in plan.slides:
            key = (_slide_key(planned), course)  # the planned slide holds its display title
            found = self._designs.get(key)
            if found is not None and inputs.unchanged(found[0]):
                inputs.replay(found[0])
            else:
                before = len(designer.fitter.problems)
                with inputs.recording() as record:  # pictures the slide's design reads
                    design = designer.design(planned)
                found = (record, design, tuple(designer.fitter.problems[before:]))
            kept[key] = found
            slides.append(found[1])
            problems += found[2]
        self._designs = kept
        return DeckDesign(tuple(slides), tuple(problems), plan.notices, designer.palette)


def _slide_key(planned: PlannedSlide) -> str:
    """Everything of a planned slide its design may read, as text: the slide itself, its
    content, and its chapter without the chapter's other slides (a divider shows the
    objectives). pydantic serialises the models (in Rust: ~10x faster than their repr)."""
    chapter, content = planned.chapter, planned.content
    own = repr(replace(planned, chapter=None, content=None))
    return (own + (content.model_dump_json() if content is not None else "")
            + (chapter.model_dump_json(exclude={"slides"}) if chapter is not None else ""))
