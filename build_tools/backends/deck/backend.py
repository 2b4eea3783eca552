"""The slide deck (PPTX): every designed slide, natively drawn, reproducible.

Reads top to bottom as the build: open the template, draw each slide's designed boxes in
order (content, then footer and number, then notes), then sections and properties, then
save and normalise the zip. The design layer (``build_tools.design``, run once by the
pipeline for every backend) placed and fitted everything; overflow it found is raised
here once for the deck (or returned as warnings with ``allow_overflow``). Boxes are drawn
in ``draw``, text written in ``text``, raw XML touched only in ``ooxml``.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from build_tools.backends import ooxml
from build_tools.backends.base import Context, Output, Result
from build_tools.backends.deck.draw import draw_box
from build_tools.backends.deck.layouts import LayoutMap, Template, deck_faces, open_template
from build_tools.backends.deck.shapes import Page
from build_tools.backends.deck.text import Typesetter
from build_tools.design import SlideDesign
from build_tools.errors import BuildFailure, InputError, Problem
from build_tools.locale import LANGUAGES, Locale, load_locale
from build_tools.plan import PlannedSlide
from build_tools.reproducible import build_time

APPLICATION = "courseware-build-tools"


def template_path(context: Context) -> Path:
    """The customer's template (option, then outline) or the house one from the theme."""
    if context.options.template is not None:
        return context.options.template
    if context.plan.course.template is not None:
        return context.asset(context.plan.course.template)
    return context.theme.path(context.theme.deck.template)


def customer_template(context: Context) -> bool:
    """Whether the template in use is a customer's (``--template``, ``course.template``),
    not the house one (the package's or the project's own ``assets/template.pptx``, made
    from ``theme.yaml``): the slides then take its colours and fonts."""
    return template_path(context) != context.theme.path(context.theme.deck.template)


def prompt_replacements(locale: Locale) -> dict[str, str]:
    """Every house prompt in another language -> this edition's prompt."""
    wanted = locale.prompts
    replacements: dict[str, str] = {}
    for language in LANGUAGES:
        other = load_locale(language).prompts
        replacements.update({other.title: wanted.title, other.text: wanted.text})
    return {old: new for old, new in replacements.items() if old != new}


def check_assets(context: Context) -> None:
    """Every picture the deck needs exists and is readable, before anything is built."""
    problems = []
    for slide in context.plan.slides:
        content = slide.content
        if content is not None and content.kind == "image":
            path = context.asset(content.image.path)
            if not path.is_file():
                # Validation's words (outline/rules.py): one message for one fault.
                problems.append(Problem(f"{slide.path}.image.path", (
                    f"expected an image file; {content.image.path!r} does not exist")))
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
    script: ooxml.Script


class DeckBackend:
    """Builds ``<stem>.pptx`` from the deck plan."""

    name: ClassVar[str] = "slides"
    format: ClassVar[str] = "pptx"

    def render(self, context: Context) -> Result:
        with _collector_set_aside():
            return self._render(context)

    def _render(self, context: Context) -> Result:
        from build_tools.pipeline import designed  # the pipeline designs before rendering

        context = designed(context)
        assert context.designs is not None
        theme = context.theme
        path = template_path(context)
        layout_map = LayoutMap.load(project=context.project)
        margin = round(theme.deck.margin_in * 914400)
        template = open_template(path, layout_map, margin)
        prs = template.prs
        ooxml.delete_all_slides(prs)
        ooxml.drop_thumbnail(prs)
        assert context.layouts is not None
        faces = deck_faces(context.layouts, theme.fonts.deck_latin, theme.fonts.deck_east_asian,
                           context.plan.language, bool(context.edition))
        script = ooxml.Script(faces.latin, faces.east_asian, context.plan.language)
        ooxml.reword_prompts(prs, prompt_replacements(context.locale))
        if not context.layouts.customer:
            # The house template's theme: its fonts follow the edition (another script),
            # its name the theme's (no word of another language left in it). A customer's
            # theme stays theirs, fonts and names (``deck_faces`` picks an edition's face).
            ooxml.restyle_theme(prs, theme.fonts.deck_latin, theme.fonts.deck_east_asian,
                                theme.name)
        typesetter = Typesetter(script, theme.fonts.mono, faces.heading)
        warnings = list(context.designs.warnings)
        slide_ids: dict[int, int] = {}
        with ooxml.fast_parts(prs) as adder:
            build = _Build(context, template, adder, ooxml.ShapeKit(script), typesetter, script)
            for planned in context.plan.slides:
                slide_ids[planned.number] = self._slide(build, planned,
                                                        context.designs.of(planned.number))
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
        problems = list(context.designs.problems)
        if problems:
            if not context.options.allow_overflow:
                raise BuildFailure(problems)
            warnings.extend(problems)
        data = ooxml.save_normalised(prs, when, adder.sealed)
        output = Output(context.output_name("", "pptx"), data, len(context.plan.slides), "slides")
        return Result([output], warnings)

    def _slide(self, build: _Build, planned: PlannedSlide, design: SlideDesign) -> int:
        """Draw one slide's boxes (then serialise it: see ``SlideAdder.seal``); returns its
        slide id (for the sections)."""
        context, template = build.context, build.template
        chosen = template.layouts[planned.kind]
        new = build.adder.add_slide(chosen.layout)
        slide = new.slide
        page = Page(slide, new.spTree, planned, chosen, context.theme, build.typesetter,
                    build.kit, new.placeholders, {id(body.sp): body for body in new.bodies},
                    ooxml.ShapeIds(new.spTree, new.ids))
        furniture = []
        for box in design.boxes:
            if box.role in ("footer", "number"):
                furniture.append(box)  # after the content's placeholders are settled
            else:
                draw_box(page, box, context.project, build.script)
        page.finish()
        for box in furniture:
            draw_box(page, box, context.project, build.script)
        page.finish()
        palette = context.designs.palette if context.designs is not None else None
        if palette is not None and palette.refs:  # a customer template: its scheme colours
            ooxml.scheme_colours(new.spTree, palette.refs)
            ooxml.scheme_colours_of_charts(slide, palette.refs)
        notes = self._notes(build.adder, slide, planned.notes, build.typesetter)
        page.localise(build.script)
        ooxml.link_hyperlinks(slide)
        build.adder.seal(slide, notes)
        return new.slide_id

    def _notes(self, adder: ooxml.SlideAdder, slide, notes: str,  # type: ignore[no-untyped-def]
               typesetter: Typesetter) -> Any:
        """Speaker notes, one paragraph per line; styles come from the notes master, bold,
        italic, code and links from the markup. Returns the notes part."""
        return adder.add_notes(slide, typesetter.notes_lines(notes), typesetter.writer)
