"""Page furniture and the document template: header, footer, anchors, bookmarks, dates.

Furniture is kept out of the content (reportlab's ``PageTemplate`` with ``onPageEnd``):
the header names the course and the section the page belongs to, the footer counts pages
("第 x 页 / 共 y 页"). Totals and the contents' page numbers are only known after a build,
so the backend builds until the numbers it used are the numbers it got (``PageInfo``).

Reproducibility: reportlab's ``invariant`` mode fixes object ids and the font subset
prefix; the creation date comes from ``Options.epoch`` or the course date instead of the
clock or a process-wide ``SOURCE_DATE_EPOCH``, so two builds give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from build_tools.backends.handout import internals
from build_tools.backends.handout.styles import colour
from build_tools.backends.handout.text import (
    CanvasFonts,
    DraftCanvas,
    LeanFlowable,
    Span,
    drafting,
    draw_spans,
    spans_width,
)
from build_tools.theme import Theme

PAGE_SIZES = {"A4": A4}
HEADER_GAP_PT = 8.0  # between the header rule and the text frame
FOOTER_GAP_PT = 6.0


@dataclass(frozen=True)
class PageInfo:
    """What one build learnt and the next one prints: total pages and where anchors landed."""

    pages: int = 0
    anchors: Mapping[str, int] = field(default_factory=dict)

    def page_of(self, key: str) -> int | None:
        return self.anchors.get(key)


@dataclass(frozen=True)
class Mark:
    """A place in the handout: link target ``key``, optional bookmark, optional running head.

    ``outline`` is the bookmark title (None: no bookmark) at ``level`` (0 = top);
    ``section`` is what the page header names from here on.
    """

    key: str
    outline: str | None = None
    level: int = 0
    section: str | None = None


def place_marks(canvas: Canvas, marks: Sequence[Mark], top: float) -> None:
    """Bind the marks to the current page at height ``top`` of the drawing flowable."""
    for mark in marks:
        canvas.bookmarkHorizontal(mark.key, 0, top)
        if mark.outline is not None:
            canvas.addOutlineEntry(mark.outline, mark.key, mark.level, closed=mark.level > 0)


class Anchor(LeanFlowable):
    """An invisible flowable carrying marks; kept inside the block it marks (``KeepTogether``)
    so it lands on the block's page. Any flowable with a ``marks`` attribute works the same.
    """

    def __init__(self, *marks: Mark) -> None:
        super().__init__()
        self.marks = marks
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if not drafting(self.canv):
            place_marks(self.canv, self.marks, 4)


def epoch_of(date: dt.date) -> int:
    return int(dt.datetime.combine(date, dt.time(), dt.UTC).timestamp())


def canvas_maker(epoch: int, draft: bool = False) -> Callable[..., Canvas]:
    """A canvas whose creation date and file id depend on ``epoch`` only; with ``draft``, a
    ``DraftCanvas`` that draws and writes nothing."""

    def make(*args: Any, **kwargs: Any) -> Canvas:
        canvas = (DraftCanvas if draft else Canvas)(*args, **kwargs)
        internals.fix_identity(canvas, epoch)
        return canvas

    return make


@dataclass(frozen=True)
class Furniture:
    """What the header and footer need, resolved from the theme and the course."""

    theme: Theme
    fonts: CanvasFonts
    course_title: str
    page_label: str  # "第 {page} 页 / 共 {pages} 页"


class HandoutDoc(BaseDocTemplate):
    """A4 pages: a bare cover, then body pages with header and footer.

    Records on which page each ``Anchor`` landed (for the contents and the next pass) and
    which section each page shows in its header: the one that fills most of the page (a
    grid page of one row of a chapter and two rows of the next names the next; naming the
    first mark's section named the chapter the page was leaving).
    """

    def __init__(
        self, file: Any, furniture: Furniture, info: PageInfo,
        cover: Callable[[Canvas, HandoutDoc], None], **kwargs: Any,
    ) -> None:
        theme = furniture.theme
        margin = theme.handout.margin_mm * mm
        super().__init__(
            file, pagesize=PAGE_SIZES[theme.handout.page], leftMargin=margin,
            rightMargin=margin, topMargin=margin, bottomMargin=margin,
            initialFontName=furniture.fonts.regular, invariant=1, **kwargs,
        )
        self.furniture = furniture
        self.info = info
        self.anchor_pages: dict[str, int] = {}
        # The story is reused by the next pass (as in reportlab's multiBuild): reportlab
        # marks a flowable it moved to the next frame, and asks here how to undo the mark.
        self._edits: list[tuple[Any, ...]] = []
        internals.collect_multibuild_edits(self, self._edits.append)
        self._running: str | None = None
        self._shares: dict[str, float] = {}  # section -> height it fills on this page
        width, height = self.pagesize
        body = Frame(
            margin, margin + FOOTER_GAP_PT, width - 2 * margin,
            height - 2 * margin - HEADER_GAP_PT - FOOTER_GAP_PT, id="body",
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
        )
        cover_frame = Frame(
            margin, margin, width - 2 * margin, height - 2 * margin, id="cover",
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
        )
        self.addPageTemplates([
            PageTemplate("cover", [cover_frame], onPage=lambda c, d: cover(c, self)),
            PageTemplate("body", [body], onPage=self._begin_page, onPageEnd=self._furnish),
        ])

    def build_pass(self, story: list[Flowable], canvasmaker: Callable[..., Canvas]) -> None:
        """Build from a copy of ``story`` and leave its flowables ready for another pass."""
        try:
            self.build(story[:], canvasmaker=canvasmaker)
        finally:
            for edit in self._edits:
                edit[0](*edit[1:])
            self._edits.clear()

    # --- bookkeeping ---------------------------------------------------------------------

    def _begin_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self._shares = {}

    def afterFlowable(self, flowable: Flowable) -> None:
        for mark in getattr(flowable, "marks", ()):
            self.anchor_pages.setdefault(mark.key, self.page)
            if mark.section is not None:
                self._running = mark.section
        if self._running is not None:  # a flowable belongs to the section its marks open
            height = getattr(flowable, "height", 0) or 0  # set by wrap; 0 for a bare mark
            self._shares[self._running] = self._shares.get(self._running, 0.0) + height

    def page_section(self) -> str | None:
        """The section filling most of this page (the first of equals), else the one
        running on from an earlier page."""
        if not self._shares:
            return self._running
        return max(self._shares, key=lambda section: self._shares[section])

    # --- furniture -----------------------------------------------------------------------

    def _furnish(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        if drafting(canvas):
            return
        furniture = self.furniture
        theme = furniture.theme
        fonts = furniture.fonts
        width, height = self.pagesize
        margin = self.leftMargin
        size = theme.handout.body_pt * 0.78
        muted = theme.colours.muted
        canvas.saveState()
        baseline = height - margin + size * 0.6
        left = [Span(furniture.course_title)]
        section = self.page_section()
        draw_spans(canvas, fonts, margin, baseline, left, size, muted)
        if section:
            right = [Span(section, bold=True, colour=theme.colours.primary)]
            draw_spans(
                canvas, fonts, width - margin - spans_width(fonts, right, size), baseline,
                right, size, muted,
            )
        canvas.setStrokeColor(colour(theme.colours.primary))
        canvas.setLineWidth(0.6)
        canvas.line(margin, baseline - size * 0.6, width - margin, baseline - size * 0.6)
        canvas.setStrokeColor(colour(theme.colours.accent))
        canvas.setLineWidth(1.6)
        canvas.line(margin, baseline - size * 0.6, margin + 18 * mm, baseline - size * 0.6)
        pages = self.info.pages or self.page
        footer = [Span(furniture.page_label.format(page=self.page, pages=pages))]
        footer_width = spans_width(fonts, footer, size)
        draw_spans(canvas, fonts, (width - footer_width) / 2, margin - size * 1.8, footer, size,
                   muted)
        canvas.restoreState()
