"""The attendee handout: a PDF made with reportlab platypus.

Reads top to bottom like the build: pick the layout, check that the font can draw every
character and every picture exists (the author's problems, reported together), then build
until the page numbers it printed (contents, "共 y 页") are the ones it got. The pieces
live in ``handout_*`` modules, one job each.

Cost: the story is made once and laid out by every pass. The first pass only learns where
things land: it draws and writes nothing (``DraftCanvas``), and paragraphs count their
lines instead of making reportlab Paragraphs. The second pass draws, and usually settles.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import ClassVar

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

from build_tools.backends.base import Context, Output, Result
from build_tools.backends.handout.fonts import check_coverage, register_fonts
from build_tools.backends.handout.layouts import (
    LAYOUTS,
    article_story,
    grid_story,
    notes_story,
)
from build_tools.backends.handout.matter import (
    back_entries,
    back_matter,
    front_matter,
    paint_cover,
)
from build_tools.backends.handout.miniature import Kit
from build_tools.backends.handout.pages import (
    FOOTER_GAP_PT,
    HEADER_GAP_PT,
    PAGE_SIZES,
    Furniture,
    HandoutDoc,
    PageInfo,
    canvas_maker,
    epoch_of,
)
from build_tools.backends.handout.parts import Parts
from build_tools.backends.handout.styles import make_styles
from build_tools.backends.handout.text import Breaker, CanvasFonts
from build_tools.errors import BuildFailure, InputError, Problem

MAX_PASSES = 4  # the numbers settle on the second pass unless a number's width moves text


class HandoutBackend:
    name: ClassVar[str] = "handout"

    def render(self, context: Context) -> Result:
        from build_tools.pipeline import designed  # the pipeline designs before rendering

        layout = self.layout(context)
        context = designed(context)  # also checks every picture a slide shows exists
        check_coverage(context.plan, context.locale, context.measurer, context.theme)
        theme, course = context.theme, context.plan.course
        fonts = register_fonts(theme)
        styles = make_styles(theme, fonts)
        canvas_fonts = CanvasFonts(fonts.regular, fonts.bold)
        kit = Kit(theme, Breaker(context.measurer), canvas_fonts, context.plan, context.asset,
                  context.designs)
        furniture = Furniture(theme, canvas_fonts, course.title, context.locale.page)
        epoch = context.options.epoch if context.options.epoch is not None else epoch_of(
            course.date)
        page_width, page_height = PAGE_SIZES[theme.handout.page]
        margin = theme.handout.margin_mm * mm
        frame = (page_width - 2 * margin,
                 page_height - 2 * margin - HEADER_GAP_PT - FOOTER_GAP_PT)

        # One story for every pass, as reportlab's multiBuild does: the flowables keep their
        # line breaks and wraps, and read the page numbers learnt so far when they draw.
        parts = Parts(kit, styles, PageInfo(), *frame, draft=True)
        story = self._story(parts, layout)
        for attempt in range(MAX_PASSES):
            parts.draft = attempt == 0
            data, learnt = self._build(context, parts, story, furniture, epoch)
            if learnt == parts.info and not parts.draft:
                warnings = overflow_problems(kit.breaker, context.options.allow_overflow)
                return Result([Output(context.output_name("-handout", "pdf"), data, learnt.pages,
                                      "pages")], warnings)
            parts.info = learnt
        raise RuntimeError(f"handout page numbers did not settle in {MAX_PASSES} passes")

    @staticmethod
    def layout(context: Context) -> str:
        layout = context.options.layout or context.plan.course.handout_layout
        if layout not in LAYOUTS:
            raise InputError([Problem(
                "", f"expected a handout layout, one of {', '.join(LAYOUTS)}; got {layout!r}")])
        return layout

    @staticmethod
    def _story(parts: Parts, layout: str) -> list[Flowable]:
        stories = {"notes": notes_story, "article": article_story, "grid": grid_story}
        entries, body = stories[layout](parts)
        story: list[Flowable] = [NextPageTemplate("body"), Spacer(1, 1), PageBreak()]
        story += front_matter(parts, entries + back_entries(parts))
        story += body
        story += back_matter(parts)
        return story

    @staticmethod
    def _build(
        context: Context, parts: Parts, story: list[Flowable], furniture: Furniture, epoch: int
    ) -> tuple[bytes, PageInfo]:
        """One pass over (a copy of) the story; the draft pass draws and writes nothing."""
        course = context.plan.course
        buffer = BytesIO()
        labels = context.locale

        def cover(canvas: Canvas, doc: HandoutDoc) -> None:
            canvas.showOutline()
            if not parts.draft:
                paint_cover(canvas, parts, doc.pagesize)

        doc = HandoutDoc(
            buffer, furniture, parts.info, cover,
            title=course.title, author=course.presenter,
            subject=course.subtitle or labels.document, keywords=list(course.keywords),
            creator="build_tools handout", lang=context.plan.language,
        )
        with binary_streams():
            doc.build_pass(story, canvas_maker(epoch, parts.draft))
        return buffer.getvalue(), PageInfo(doc.page, dict(doc.anchor_pages))


def overflow_problems(breaker: Breaker, allow_overflow: bool) -> list[Problem]:
    """The handout's own boxes (cover, chapter banners) whose text did not fit: the build
    fails on them as it does on a slide's, or, with --allow-overflow, they are warnings
    (the text is drawn whole, past its box)."""
    problems = [Problem(field, f"handout: text overflows its box at the smallest size "
                               f"{size:g} pt: shorten it")
                for field, size in sorted(breaker.overflows.items())]
    if problems and not allow_overflow:
        raise BuildFailure(problems)
    return problems


@contextmanager
def binary_streams() -> Iterator[None]:
    """Compressed streams without reportlab's ASCII85 layer: 20% smaller, and the pure
    Python encoder is a fifth of the build time. reportlab reads this flag when it writes."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved
