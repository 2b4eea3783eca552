"""What a long-lived build process (``course serve``, ``course watch``) keeps between builds.

A cold build pays for imports, the theme, the template's layouts and the design of every
slide. A warm process pays for them once: the theme and the layouts are kept while their
files are unchanged (by size and modification time), and each slide's design is kept
under a key made of everything that design reads (the planned slide, its chapter's own
fields, the course fields, its display title), so a one-slide edit re-designs that slide
only. The results are the same objects a cold build makes; only the time differs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_tools.errors import Problem

if TYPE_CHECKING:
    from build_tools.backends.base import Context
    from build_tools.design import DeckDesign
    from build_tools.design.boxes import SlideDesign
    from build_tools.design.layouts import Layouts
    from build_tools.plan import PlannedSlide
    from build_tools.theme import Theme


def stamp(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return (str(path.resolve()), stat.st_size, stat.st_mtime_ns)


@dataclass
class Session:
    """Caches for one process; every lookup checks the files it depends on."""

    _theme: tuple[Any, Theme] | None = None
    _layouts: dict[Any, Layouts] = field(default_factory=dict)
    _designs: dict[Any, tuple[SlideDesign, tuple[Problem, ...]]] = field(default_factory=dict)

    def theme(self) -> Theme:
        from build_tools.theme import THEME_FILE, load_theme

        key = stamp(THEME_FILE)
        if self._theme is None or self._theme[0] != key:
            self._theme = (key, load_theme())
            self._layouts.clear()
            self._designs.clear()
        return self._theme[1]

    def designed(self, context: Context) -> Context:
        """As ``pipeline.designed``, with the layouts and the unchanged slides kept."""
        if context.designs is not None:
            return context
        from build_tools.backends.deck.backend import check_assets, template_path
        from build_tools.backends.deck.layouts import (
            LAYOUT_MAP_FILE,
            LayoutMap,
            describe,
            open_template,
        )

        margin = round(context.theme.deck.margin_in * 914400)
        template_file = template_path(context)
        key = (stamp(template_file), stamp(LAYOUT_MAP_FILE), margin)
        layouts = self._layouts.get(key)
        if layouts is None:
            self._layouts.clear()
            self._designs.clear()
            template = open_template(template_file, LayoutMap.load(), margin)
            layouts = self._layouts[key] = describe(template)
        check_assets(context)
        designs = self._design_deck(context, layouts)
        return replace(context, layouts=layouts, designs=designs)

    def _design_deck(self, context: Context, layouts: Layouts) -> DeckDesign:
        """``design.design_deck``, slide by slide through the cache (same results)."""
        from build_tools.design import DeckDesign, Designer, unique_titles

        plan = context.plan
        designer = Designer(plan, context.theme, layouts, context.measurer, context.project)
        titles, warnings = unique_titles(plan)
        course = repr(plan.course)
        kept: dict[Any, tuple[SlideDesign, tuple[Problem, ...]]] = {}
        slides: list[SlideDesign] = []
        problems: list[Problem] = []
        for planned in plan.slides:
            key = (_slide_key(planned), course, titles[planned.number], str(context.project))
            found = self._designs.get(key)
            if found is None:
                before = len(designer.fitter.problems)
                design = designer.design(planned, titles[planned.number])
                found = (design, tuple(designer.fitter.problems[before:]))
            kept[key] = found
            slides.append(found[0])
            problems += found[1]
        self._designs = kept
        return DeckDesign(tuple(slides), tuple(problems), tuple(warnings))


def _slide_key(planned: PlannedSlide) -> str:
    """Everything of a planned slide its design may read, as text: the slide itself, its
    content, and its chapter without the chapter's other slides (a divider shows the
    objectives). pydantic serialises the models (in Rust: ~10x faster than their repr)."""
    chapter, content = planned.chapter, planned.content
    own = repr(replace(planned, chapter=None, content=None))
    return (own + (content.model_dump_json() if content is not None else "")
            + (chapter.model_dump_json(exclude={"slides"}) if chapter is not None else ""))
