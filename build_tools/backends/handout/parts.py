"""Building blocks shared by the handout's front matter, back matter and layouts.

``Parts`` bundles what every part of the story needs (theme, styles, measurer, the page
numbers learnt by the previous pass) and makes the recurring pieces: measured paragraphs,
bullet lists, ruled lines for writing, headings that carry a bookmark, contents lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from build_tools.backends.handout.miniature import Kit
from build_tools.backends.handout.pages import Anchor, Mark, PageInfo
from build_tools.backends.handout.styles import Styles, colour
from build_tools.backends.handout.text import (
    LeanFlowable,
    MeasuredParagraph,
    Span,
    drafting,
    draw_spans,
    spans_width,
)
from build_tools.locale import Locale
from build_tools.outline import inline
from build_tools.outline.model import Point
from build_tools.plan import PlannedSlide
from build_tools.theme import Theme

BULLET = "■"


@dataclass
class Parts:
    """One story serves every pass of the build; ``info`` and ``draft`` change between
    passes, so flowables read them when they draw, never when they are made."""

    kit: Kit
    styles: Styles
    info: PageInfo
    frame_width: float
    frame_height: float
    draft: bool = False  # a pass that only learns page numbers: nothing is drawn

    @property
    def theme(self) -> Theme:
        return self.kit.theme

    @property
    def labels(self) -> Locale:
        return self.kit.plan.locale

    # --- text ----------------------------------------------------------------------------

    def para(
        self, spans: Sequence[Span], style: ParagraphStyle, bullet: str | None = None
    ) -> MeasuredParagraph:
        return MeasuredParagraph(spans, style, self.kit.breaker, bullet)

    def text(
        self, text: str, style: ParagraphStyle, bold: bool = False, colour_hex: str | None = None
    ) -> MeasuredParagraph:
        return self.para([Span(text, bold, colour_hex)], style)

    def paragraphs(self, text: str, style: ParagraphStyle) -> list[Flowable]:
        """Outline text as paragraphs: an author's line breaks start a new paragraph."""
        return [self.text(line, style) for line in inline.lines(text)]  # markup kept

    def point_spans(self, point: Point) -> list[Span]:
        spans: list[Span] = []
        if point.lead:
            separator = self.labels.lead_separator if point.text else ""
            spans.append(Span(point.lead + separator, True, self.theme.colours.primary))
        if point.text:
            spans.append(Span(point.text))
        return spans

    def points(self, points: Sequence[Point]) -> list[Flowable]:
        """Bullets: lead-in in bold, second-level points indented and muted."""
        styles = self.styles
        flowables: list[Flowable] = []
        for point in points:
            flowables.append(self.para(self.point_spans(point), styles.body_bullet, BULLET))
            flowables.extend(
                self.para([Span(sub)], styles.body_sub, BULLET) for sub in point.sub
            )
        return flowables

    def bullets(self, items: Sequence[str], style: ParagraphStyle | None = None) -> list[Flowable]:
        return [self.para([Span(item)], style or self.styles.body_bullet, BULLET)
                for item in items]

    # --- structure -----------------------------------------------------------------------

    def slide_label(self, slide: PlannedSlide) -> str:
        return self.labels.slide.format(number=slide.number)

    def bookmark(self, slide: PlannedSlide) -> str:
        return self.labels.bookmark.format(number=slide.number, title=slide.title)

    def slide_caption(self, slide: PlannedSlide, style: ParagraphStyle) -> MeasuredParagraph:
        colours = self.theme.colours
        spans = [Span(self.slide_label(slide), True, colours.accent), Span("  "),
                 Span(slide.title, True, colours.primary)]
        if slide.supplementary:
            spans += [Span("  "), Span(self.labels.supplementary, False, colours.muted)]
        return self.para(spans, style)

    def part_heading(self, key: str, title: str) -> list[Flowable]:
        """A front or back matter heading: bookmark, running head, contents target."""
        return [Anchor(Mark(key, title, 0, title)), self.text(title, self.styles.h1),
                Rule(self.theme.colours.accent, 1.6, 0.12)]

    def table(
        self, rows: list[list[Flowable]], widths: Sequence[float], header: bool = True,
        stripes: bool = True,
    ) -> Table:
        """A table in the theme: navy header row, pale stripes, hairline rules."""
        colours, fonts = self.theme.colours, self.styles.fonts
        commands: list[tuple[object, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, colour(colours.light)),
        ]
        if header:
            commands += [
                ("FONTNAME", (0, 0), (-1, 0), fonts.bold),
                ("BACKGROUND", (0, 0), (-1, 0), colour(colours.primary)),
            ]
        if stripes:
            start = 1 if header else 0
            commands.append(("ROWBACKGROUNDS", (0, start), (-1, -1),
                             [colour(colours.background), colour(colours.light)]))
        table = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0,
                      style=TableStyle(commands), hAlign="LEFT")
        return table

    def keep(self, *flowables: Flowable) -> KeepTogether:
        return KeepTogether(list(flowables))


class Rule(LeanFlowable):
    """A short coloured rule under a heading (the deck's red accent line)."""

    def __init__(self, hex_rgb: str, thickness: float, fraction: float, space: float = 8) -> None:
        super().__init__()
        self.hex_rgb, self.thickness, self.fraction, self.space = (
            hex_rgb, thickness, fraction, space)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.thickness + self.space
        return self.width, self.height

    def draw(self) -> None:
        if drafting(self.canv):
            return
        self.canv.setStrokeColor(colour(self.hex_rgb))
        self.canv.setLineWidth(self.thickness)
        top = self.height - self.thickness / 2
        self.canv.line(0, top, self.width * self.fraction, top)


class RuledLines(LeanFlowable):
    """``count`` lines to write on, ``spacing`` apart (answers to a discussion question)."""

    def __init__(self, hex_rgb: str, spacing: float, count: int) -> None:
        super().__init__()
        self.hex_rgb, self.spacing, self.count = hex_rgb, spacing, count

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.spacing * self.count
        return self.width, self.height

    def draw(self) -> None:
        if drafting(self.canv):
            return
        draw_ruled(self.canv, self.hex_rgb, 0, 0, self.width, self.height, self.spacing)


def draw_ruled(
    canvas: Canvas, hex_rgb: str, x: float, y: float, width: float, height: float,
    spacing: float,
) -> None:
    """Horizontal writing lines from the top of the box down, ``spacing`` apart; drawn
    half-transparent so they guide a pen without competing with the print."""
    canvas.saveState()
    canvas.setStrokeColor(colour(hex_rgb))
    canvas.setLineWidth(0.5)
    canvas.setStrokeAlpha(0.45)
    line_y = y + height - spacing
    while line_y >= y - 0.01:
        canvas.line(x, line_y, x + width, line_y)
        line_y -= spacing
    canvas.restoreState()


class ContentsLine(LeanFlowable):
    """One contents entry: title, dot leader, page number; the whole line is a link."""

    def __init__(
        self, parts: Parts, spans: Sequence[Span], key: str, style: ParagraphStyle,
        indent: float = 0,
    ) -> None:
        super().__init__()
        self.parts, self.spans, self.key, self.style, self.indent = (
            parts, tuple(spans), key, style, indent)
        self._lines: list[list[Span]] = []

    @property
    def page(self) -> str:
        """The page the previous pass found the target on ("0" before any pass)."""
        page = self.parts.info.page_of(self.key)
        return str(page) if page is not None else "0"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        size = self.style.fontSize
        number_space = size * 4
        self._lines = self.parts.kit.breaker.break_spans(
            self.spans, availWidth - self.indent - number_space, size)
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading + size * 0.5
        return self.width, self.height

    def draw(self) -> None:
        if drafting(self.canv):
            return
        canvas, style = self.canv, self.style
        fonts, size = self.parts.kit.fonts, style.fontSize
        text_hex = style.textColor.hexval()[2:]
        y = self.height - size * 1.05
        last = y
        end = self.indent
        for line in self._lines:
            end = self.indent + draw_spans(canvas, fonts, self.indent, y, line, size, text_hex)
            last = y
            y -= style.leading
        font = fonts.bold if style.fontName == self.parts.styles.fonts.bold else fonts.regular
        number = [Span(self.page, font == fonts.bold)]
        number_width = spans_width(fonts, number, size)
        draw_spans(canvas, fonts, self.width - number_width, last, number, size, text_hex)
        canvas.saveState()
        canvas.setStrokeColor(colour(self.parts.theme.colours.muted))
        canvas.setLineWidth(0.8)
        canvas.setDash(0.8, 3)
        start, stop = end + size * 0.6, self.width - number_width - size * 0.6
        if stop > start:
            canvas.line(start, last + size * 0.15, stop, last + size * 0.15)
        canvas.restoreState()
        canvas.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)

