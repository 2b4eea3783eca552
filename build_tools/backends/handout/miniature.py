"""Vector slide miniatures: each slide's designed boxes, drawn small.

A miniature is the slide in small: the same ``SlideDesign`` objects the deck draws (the
layout's background and decorations, every box at its rectangle, the text at the size
and with the line breaks the design layer's fit check chose), scaled to the miniature's
width. Vector, not a rendered picture of the deck: the handout must build without
LibreOffice (field notes: rendering is for validation only) and stay searchable. Text
that overflows its box (only with ``--allow-overflow``) is drawn whole, as the slide
shows it, never cut.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from build_tools.backends.handout.charts import draw_marks
from build_tools.backends.handout.styles import colour
from build_tools.backends.handout.text import (
    Breaker,
    CanvasFonts,
    LeanFlowable,
    Span,
    drafting,
    draw_spans,
    face_of,
    split_lines,
)
from build_tools.design import DeckDesign, SlideDesign, boxes
from build_tools.design.pictures import picture_bytes
from build_tools.plan import DeckPlan
from build_tools.theme import Theme

# Where a line's glyphs sit in its line box: CJK glyphs centre about 0.38 em above the
# baseline (Noto Sans CJK), and the deck's lines are exact (line height x size) boxes.
GLYPH_CENTRE_EM = 0.38


@dataclass(frozen=True)
class Kit:
    """Everything a drawing needs besides the slide: theme, fonts, line breaking, assets,
    and the slides' designs (the same objects the deck draws)."""

    theme: Theme
    breaker: Breaker
    fonts: CanvasFonts
    plan: DeckPlan
    image_path: Callable[[str], Path]
    designs: DeckDesign | None = None

    def design(self, number: int) -> SlideDesign:
        assert self.designs is not None, "the handout is rendered from a designed context"
        return self.designs.of(number)

    def date(self, day: dt.date) -> str:
        return self.plan.locale.format_date(day)


class Miniature(LeanFlowable):
    """A designed slide at ``width`` points wide, framed."""

    def __init__(self, design: SlideDesign, kit: Kit, width: float, draft: bool = False) -> None:
        super().__init__()
        self.draft = draft
        self.design = design
        self.kit = kit
        self.width = width
        self.height = width * design.height_pt / design.width_pt

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        if self.draft or drafting(self.canv):
            return
        canvas = self.canv
        canvas.saveState()
        path = canvas.beginPath()
        path.rect(0, 0, self.width, self.height)
        canvas.clipPath(path, stroke=0, fill=0)
        scale = self.width / self.design.width_pt
        canvas.scale(scale, scale)
        draw_design(canvas, self.design, self.kit)
        canvas.restoreState()
        canvas.saveState()
        canvas.setStrokeColor(colour(self.kit.theme.colours.muted))
        canvas.setLineWidth(0.4)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.restoreState()


def draw_design(canvas: Canvas, design: SlideDesign, kit: Kit) -> None:
    """The slide in slide points (the canvas scaled by the caller), origin bottom left."""
    height = design.height_pt
    canvas.setFillColor(colour(design.background))
    canvas.rect(0, 0, design.width_pt, height, stroke=0, fill=1)
    for box in design.boxes:
        draw_box(canvas, box, height, kit)


def draw_box(canvas: Canvas, box: boxes.Box, height: float, kit: Kit) -> None:
    if box.geometry is not None and (box.fill is not None or box.line is not None):
        _shape(canvas, box, height)
    if box.table is not None:
        _table(canvas, box, box.table, height, kit)
    elif box.chart is not None:
        draw_marks(canvas, box.chart.marks, height, kit.fonts)
    elif box.image is not None:
        # A slide's picture, or a template's (a logo on the master): drawn as the slide
        # shows it. reportlab embeds each distinct picture once, however many miniatures.
        data = picture_bytes(box.image, kit.image_path(box.image.path))
        reader = ImageReader(io.BytesIO(data))
        canvas.drawImage(reader, box.x_pt, height - box.y_pt - box.height_pt, box.width_pt,
                         box.height_pt, mask="auto")
    if box.text is not None:
        draw_text(canvas, box.text, box.text_area, height, kit.fonts)


def _shape(canvas: Canvas, box: boxes.Box, height: float) -> None:
    """A DrawingML preset as a path (the presets the design layer uses)."""
    x, w, h = box.x_pt, box.width_pt, box.height_pt
    y = height - box.y_pt - h  # bottom
    canvas.saveState()
    if box.fill is not None:
        canvas.setFillColor(colour(box.fill))
        if box.fill_alpha < 1:
            canvas.setFillAlpha(box.fill_alpha)
    if box.line is not None:
        canvas.setStrokeColor(colour(box.line))
        canvas.setLineWidth(box.line_pt)
    fill, stroke = int(box.fill is not None), int(box.line is not None and box.line_pt > 0)
    geometry = box.geometry
    short = min(w, h)
    if geometry == "ellipse":
        canvas.ellipse(x, y, x + w, y + h, stroke=stroke, fill=fill)
    elif geometry == "roundRect":
        canvas.roundRect(x, y, w, h, short * (box.adjust or 0.16667), stroke=stroke, fill=fill)
    elif geometry in ("chevron", "homePlate"):
        depth = short * (box.adjust if box.adjust is not None else 0.5)
        path = canvas.beginPath()
        path.moveTo(x, y + h)
        path.lineTo(x + w - depth, y + h)
        path.lineTo(x + w, y + h / 2)
        path.lineTo(x + w - depth, y)
        path.lineTo(x, y)
        if geometry == "chevron":
            path.lineTo(x + depth, y + h / 2)
        path.close()
        canvas.drawPath(path, stroke=stroke, fill=fill)
    else:
        canvas.rect(x, y, w, h, stroke=stroke, fill=fill)
    canvas.restoreState()


def _table(canvas: Canvas, box: boxes.Box, table: boxes.Table, height: float,
           kit: Kit) -> None:
    top = box.y_pt
    for row, row_h in zip(table.cells, table.row_heights_pt, strict=True):
        left = box.x_pt
        for cell, col_w in zip(row, table.column_widths_pt, strict=True):
            canvas.setFillColor(colour(cell.fill))
            canvas.rect(left, height - top - row_h, col_w, row_h, stroke=0, fill=1)
            draw_text(canvas, cell.text, (left, top, col_w, row_h), height, kit.fonts)
            left += col_w
        top += row_h


def draw_text(canvas: Canvas, text: boxes.TextBlock,
              area: tuple[float, float, float, float], height: float,
              fonts: CanvasFonts) -> None:
    """A designed text block in its area (slide points, top-left origin), with the design's
    size and line breaks; every line drawn, none cut."""
    x, y, w, h = area
    left_in, top_in, right_in, bottom_in = text.insets_pt
    inner_left, inner_w = x + left_in, w - left_in - right_in
    total = 0.0
    for index, (para, lines) in enumerate(zip(text.paragraphs, text.lines, strict=True)):
        size = text.size_pt * para.scale
        total += (para.space_before_pt if index else 0.0) + len(lines) * text.line_height * size
    top, room = y + top_in, h - top_in - bottom_in
    if text.anchor == "ctr":
        top += (room - total) / 2
    elif text.anchor == "b":
        top += room - total
    cursor = top
    for index, (para, lines) in enumerate(zip(text.paragraphs, text.lines, strict=True)):
        size = text.size_pt * para.scale
        pitch = text.line_height * size
        if index:
            cursor += para.space_before_pt
        spans = [Span(s.text, s.bold, s.colour, code=s.font == "code", href=s.link)
                 for s in para.spans]
        pieces = split_lines(spans, lines) if lines else []
        for line_index, line in enumerate(pieces):
            baseline = height - (cursor + pitch / 2) - GLYPH_CENTRE_EM * size
            start = inner_left + para.margin_pt
            width = _width(fonts, line, size, canvas)
            if para.align == "ctr":
                start += (inner_w - para.margin_pt - width) / 2
            elif para.align == "r":
                start += inner_w - para.margin_pt - width
            if para.bullet is not None and line_index == 0:
                _bullet(canvas, fonts, para.bullet, inner_left + para.margin_pt + para.indent_pt,
                        baseline, size)
            draw_spans(canvas, fonts, start, baseline, line, size, "000000")
            cursor += pitch


def _width(fonts: CanvasFonts, line: Sequence[Span], size: float, canvas: Canvas) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(s.text, face_of(fonts, s), size) for s in line)


def _bullet(canvas: Canvas, fonts: CanvasFonts, bullet: boxes.Bullet, x: float,
            baseline: float, size: float) -> None:
    """The bullet character at the hanging indent, in its colour and relative size."""
    bullet_size = size * bullet.size_percent / 100
    if bullet.char == "■":  # drawn as a square: crisper small than the glyph
        side = bullet_size * 0.62
        canvas.setFillColor(colour(bullet.colour))
        canvas.rect(x + bullet_size * 0.1, baseline + size * GLYPH_CENTRE_EM - side / 2, side,
                    side, stroke=0, fill=1)
        return
    draw_spans(canvas, fonts, x, baseline + (size - bullet_size) * GLYPH_CENTRE_EM,
               [Span(bullet.char, False, bullet.colour)], bullet_size, bullet.colour)
