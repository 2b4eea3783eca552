"""The slide deck (PPTX): every planned slide, natively drawn, fitted, reproducible.

Reads top to bottom as the build: pick the template and check its contract, check the
assets, draw each planned slide in order (content, notes, footer and number), then
sections and properties, then save and normalise the zip. Overflow found while drawing
is collected over the whole deck and raised once (or returned as warnings with
``allow_overflow``). Kinds are drawn in ``deck_kinds``/``deck_generated``, text fitted in
``deck_text``, raw XML touched only in ``ooxml``.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from build_tools.backends import ooxml
from build_tools.backends.base import Context, Output, Result
from build_tools.backends.deck_generated import (
    draw_agenda,
    draw_closing,
    draw_divider,
    draw_title,
)
from build_tools.backends.deck_kinds import (
    Look,
    draw_bullets,
    draw_chart,
    draw_comparison,
    draw_image,
    draw_pillars,
    draw_process,
    draw_quote,
    draw_table,
    draw_timeline,
)
from build_tools.backends.deck_layouts import LayoutMap, Template, open_template
from build_tools.backends.deck_shapes import Page
from build_tools.backends.deck_text import Block, Para, Typesetter
from build_tools.errors import BuildFailure, InputError, Problem
from build_tools.locale import LANGUAGES, Locale, load_locale
from build_tools.outline.model import (
    BulletsSlide,
    ChartSlide,
    ComparisonSlide,
    ImageSlide,
    PillarsSlide,
    ProcessSlide,
    QuoteSlide,
    TableSlide,
    TimelineSlide,
)
from build_tools.plan import PlannedSlide
from build_tools.reproducible import build_time

APPLICATION = "courseware-build-tools"
FOOTER_SEPARATOR = " · "


def template_path(context: Context) -> Path:
    """The customer's template (option, then outline) or the house one from the theme."""
    if context.options.template is not None:
        return context.options.template
    if context.plan.course.template is not None:
        return context.asset(context.plan.course.template)
    return context.theme.path(context.theme.deck.template)


def prompt_replacements(locale: Locale) -> dict[str, str]:
    """Every house prompt in another language -> this edition's prompt."""
    wanted = locale.prompts
    replacements: dict[str, str] = {}
    for language in LANGUAGES:
        other = load_locale(language).prompts
        replacements.update({other.title: wanted.title, other.text: wanted.text})
    return {old: new for old, new in replacements.items() if old != new}


def footer_block(context: Context, look: Look) -> Block:
    """The footer: "course title · date"."""
    course = context.plan.course
    text = f"{course.title}{FOOTER_SEPARATOR}{context.locale.format_date(course.date)}"
    return Block("course.title", "footer", (Para.text(text),), look.footer)


def check_assets(context: Context) -> None:
    """Every picture the deck needs exists and is readable, before anything is built."""
    problems = []
    for slide in context.plan.slides:
        content = slide.content
        if content is not None and content.kind == "image":
            path = context.asset(content.image.path)
            if not path.is_file():
                problems.append(Problem(f"{slide.path}.image.path", (
                    f"expected an image file at {content.image.path!r} (relative to "
                    f"{context.project}); found none")))
    if problems:
        raise InputError(problems)


@contextmanager
def _collector_set_aside() -> Iterator[None]:
    """Keep the cyclic garbage collector off what existed before the deck was built.

    Building 3,200 slides allocates enough for the collector to run hundreds of times,
    and each full pass walks the loaded outline and plan again (about 0.2 s in all).
    ``gc.freeze`` sets those objects aside for the build and ``gc.unfreeze`` hands them
    back. Only in the main process, and only if nothing is frozen already: a forked
    worker (``build all``) shares those objects with its parent and is left as it is.
    """
    if (gc.get_freeze_count() or not gc.isenabled()
            or multiprocessing.parent_process() is not None):
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@dataclass(frozen=True)
class _Build:
    """What every slide of one build shares."""

    context: Context
    template: Template
    adder: ooxml.SlideAdder
    kit: ooxml.ShapeKit
    typesetter: Typesetter
    look: Look
    script: ooxml.Script
    footer: Block  # the same on every slide, so made once


class DeckBackend:
    """Builds ``<stem>.pptx`` from the deck plan."""

    name: ClassVar[str] = "slides"
    format: ClassVar[str] = "pptx"

    def render(self, context: Context) -> Result:
        with _collector_set_aside():
            return self._render(context)

    def _render(self, context: Context) -> Result:
        theme = context.theme
        path = template_path(context)
        layout_map = LayoutMap.load()
        margin = round(theme.deck.margin_in * 914400)
        template = open_template(path, layout_map, margin)
        check_assets(context)
        prs = template.prs
        ooxml.delete_all_slides(prs)
        ooxml.drop_thumbnail(prs)
        script = ooxml.Script(theme.fonts.deck_latin, theme.fonts.deck_east_asian,
                              context.plan.language)
        ooxml.set_layout_prompts(prs, prompt_replacements(context.locale))
        if context.edition or path == context.theme.path(theme.deck.template):
            # The house template's theme part: its fonts follow the edition (another
            # script), its name the theme's (no words of another language left in it).
            def restyle(element: Any) -> None:
                ooxml.set_theme_fonts(element, theme.fonts.deck_latin,
                                      theme.fonts.deck_east_asian, theme.name)
                ooxml.set_theme_name(element, theme.name)

            for owner in (prs.slide_masters[0].part, prs.notes_master.part):
                ooxml.edit_related_xml(owner, RT.THEME, restyle)
        typesetter = Typesetter(context.measurer, script)
        look = Look(theme, context.locale)
        warnings = list(context.plan.notices)  # titles the plan made unique
        slide_ids: dict[int, int] = {}
        with ooxml.fast_parts(prs) as adder:
            build = _Build(context, template, adder, ooxml.ShapeKit(script), typesetter, look,
                           script, footer_block(context, look))
            for planned in context.plan.slides:
                slide_ids[planned.number] = self._slide(build, planned, planned.title)
        ooxml.write_sections(prs, [
            (section.name, [slide_ids[s.number] for s in section.slides])
            for section in context.plan.sections
        ])
        course = context.plan.course
        when = build_time(context.options.epoch, course.date)
        ooxml.set_properties(prs, ooxml.Properties(
            title=course.title, subject=course.subtitle or course.title,
            author=course.presenter, keywords=", ".join(course.keywords),
            language=context.plan.language, company=course.organisation, when=when,
            application=APPLICATION,
        ), slides=len(context.plan.slides), notes=len(context.plan.slides))
        if typesetter.problems:
            if not context.options.allow_overflow:
                raise BuildFailure(typesetter.problems)
            warnings.extend(typesetter.problems)
        data = ooxml.save_normalised(prs, when, adder.sealed)
        output = Output(context.output_name("", "pptx"), data, len(context.plan.slides), "slides")
        return Result([output], warnings)

    def _slide(self, build: _Build, planned: PlannedSlide, title: str) -> int:
        """Build one slide (then serialise it: see ``SlideAdder.seal``); returns its slide id
        (for the sections)."""
        context, template, look = build.context, build.template, build.look
        role = planned.kind
        chosen = template.layouts[role]
        slots = template.map
        new = build.adder.add_slide(chosen.layout)
        slide = new.slide
        page = Page(slide, new.spTree, planned, chosen, context.theme, build.typesetter,
                    build.kit, new.placeholders, {id(body.sp): body for body in new.bodies},
                    ooxml.ShapeIds(new.spTree, new.ids))
        content = planned.content
        if role == "title":
            draw_title(page, look, context.plan, planned, slots.secondary_idx, title)
        elif role == "closing":
            draw_closing(page, look, context.plan, planned, slots.secondary_idx, title)
        elif role == "agenda":
            draw_agenda(page, look, planned, slots.secondary_idx, slots.content_idx, title)
        elif role == "divider":
            draw_divider(page, look, planned, slots.secondary_idx, slots.lead_idx,
                         slots.content_idx, title)
        else:
            title_shape = page.title_placeholder()
            page.in_placeholder(title_shape, Block("title", "title", (Para.text(title),),
                                                   look.title))
            body = page.slot_or_body(slots.content_idx, {slots.secondary_idx, slots.lead_idx})
            if body is not None and not isinstance(content, BulletsSlide):
                page.forget(body)
            match content:
                case BulletsSlide():
                    draw_bullets(page, look, content, body)
                case ComparisonSlide():
                    draw_comparison(page, look, content)
                case PillarsSlide():
                    draw_pillars(page, look, content)
                case TableSlide():
                    draw_table(page, look, content)
                case ProcessSlide():
                    draw_process(page, look, content)
                case TimelineSlide():
                    draw_timeline(page, look, content)
                case QuoteSlide():
                    draw_quote(page, look, content)
                case ImageSlide():
                    draw_image(page, look, content, context.project)
                case ChartSlide():
                    draw_chart(page, look, content, build.script)
                case _:  # pragma: no cover - the model's kinds are closed
                    raise ValueError(f"no drawing for slide kind {role!r}")
        page.finish()
        if role != "title":
            self._furniture(page, build.footer)
        notes = self._notes(build.adder, slide, planned.notes, build.typesetter)
        page.localise(build.script)
        build.adder.seal(slide, notes)
        return new.slide_id

    def _furniture(self, page: Page, footer: Block) -> None:
        """Footer ("course title · date") and slide number, cloned from the layout."""
        for kind, idx, element in page.chosen.furniture:
            if kind == PP_PLACEHOLDER.SLIDE_NUMBER:
                page.furniture(element, page.planned.number)
            else:
                page.footer(element, page.chosen.rects[idx], footer)
        page.finish()

    def _notes(self, adder: ooxml.SlideAdder, slide, notes: str,  # type: ignore[no-untyped-def]
               typesetter: Typesetter) -> Any:
        """Speaker notes, one paragraph per line; styles come from the notes master.
        Returns the notes part."""
        lines = [line.strip() for line in notes.splitlines() if line.strip()] or [notes]
        return adder.add_notes(slide, lines, typesetter.writer)
