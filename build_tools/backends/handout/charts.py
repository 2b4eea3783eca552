"""A chart box on the PDF canvas: the design's marks (``Chart.marks``), drawn as they are.

The design layer lays the chart's interior out once (``design.chart``); the miniatures
and the article layout's chart figures draw those marks in slide points (the caller
scales the canvas), flipping y for PDF's bottom-left origin. Text is set in the handout's
embedded faces through ``draw_spans`` (never reportlab.graphics, whose default label font
is a non-embedded Helvetica). Nothing is positioned here.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from build_tools.backends.handout.styles import colour
from build_tools.backends.handout.text import CanvasFonts, Span, draw_spans, face_of
from build_tools.design.chart_marks import (
    ChartDot,
    ChartLine,
    ChartPolyline,
    ChartRect,
    ChartText,
    ChartWedge,
    Mark,
)


def draw_marks(canvas: Canvas, marks: Sequence[Mark], height: float,
               fonts: CanvasFonts) -> None:
    """Every mark, in order, on a canvas in slide points whose page is ``height`` high."""
    canvas.saveState()
    canvas.setLineCap(0)
    canvas.setLineJoin(1)
    for mark in marks:
        _draw(canvas, mark, height, fonts)
    canvas.restoreState()


def _draw(canvas: Canvas, mark: Mark, height: float, fonts: CanvasFonts) -> None:
    match mark:
        case ChartRect():
            canvas.setFillColor(colour(mark.fill))
            canvas.rect(mark.x, height - mark.y - mark.h, mark.w, mark.h, stroke=0, fill=1)
        case ChartLine():
            canvas.setStrokeColor(colour(mark.colour))
            canvas.setLineWidth(mark.width_pt)
            canvas.line(mark.x1, height - mark.y1, mark.x2, height - mark.y2)
        case ChartPolyline():
            canvas.setStrokeColor(colour(mark.colour))
            canvas.setLineWidth(mark.width_pt)
            path = canvas.beginPath()
            (x0, y0), *rest = mark.points
            path.moveTo(x0, height - y0)
            for x, y in rest:
                path.lineTo(x, height - y)
            canvas.drawPath(path, stroke=1, fill=0)
        case ChartDot():
            canvas.setFillColor(colour(mark.fill))
            canvas.circle(mark.cx, height - mark.cy, mark.r, stroke=0, fill=1)
        case ChartWedge():
            canvas.setFillColor(colour(mark.fill))
            canvas.setStrokeColor(colour(mark.line))
            canvas.setLineWidth(mark.line_pt)
            cx, cy, r = mark.cx, height - mark.cy, mark.r
            stroke = int(mark.line_pt > 0)
            if mark.sweep_deg >= 359.99:
                canvas.circle(cx, cy, r, stroke=stroke, fill=1)
            else:  # reportlab: counter-clockwise from three o'clock
                canvas.wedge(cx - r, cy - r, cx + r, cy + r, 90 - mark.start_deg,
                             -mark.sweep_deg, stroke=stroke, fill=1)
        case ChartText():
            spans = [Span(mark.text, False, mark.colour)]
            width = stringWidth(mark.text, face_of(fonts, spans[0]), mark.size_pt)
            shift = {"start": 0.0, "middle": width / 2, "end": width}[mark.anchor]
            draw_spans(canvas, fonts, mark.x - shift, height - mark.y, spans, mark.size_pt,
                       mark.colour)
