"""Charts drawn as vectors in the handout's font: the handout's chart figures and the
slide miniatures' chart boxes.

Drawn with plain canvas calls rather than reportlab.graphics, whose default label font
is a non-embedded Helvetica.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reportlab.pdfgen.canvas import Canvas

from build_tools.backends.handout.styles import colour
from build_tools.backends.handout.text import Block, Span, draw_blocks

if TYPE_CHECKING:
    from build_tools.backends.handout.miniature import Kit

WHITE = "FFFFFF"
Box = tuple[float, float, float, float]  # x, bottom y, width, height


def _fill(canvas: Canvas, hex_rgb: str, box: Box) -> None:
    canvas.setFillColor(colour(hex_rgb))
    canvas.rect(*box, stroke=0, fill=1)


def _text(
    canvas: Canvas, kit: Kit, blocks: Sequence[Block], box: Box, sizes: tuple[float, float],
    hex_rgb: str, align: str = "left", valign: str = "top",
) -> None:
    draw_blocks(canvas, kit.fonts, kit.breaker, blocks, box, sizes, hex_rgb, align, valign)


def _line(text: str, bold: bool = False, hex_rgb: str | None = None) -> Block:
    return Block((Span(text, bold, hex_rgb),))




def _axis(low: float, high: float) -> tuple[float, float, float]:
    """A value axis as charting programs choose it: a round step (1, 2, 2.5 or 5 x 10^n)
    giving about eight intervals, the ends on whole steps."""
    span = (high - low) or 1.0
    raw = span / 8
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def draw_chart(canvas: Canvas, chart: Any, box: Box, kit: Kit, size: float) -> None:
    """Column, bar, line or pie chart in ``box``, labelled in the handout font.

    Drawn with plain canvas calls rather than reportlab.graphics, whose default label font
    is a non-embedded Helvetica.
    """
    x, y, width, height = box
    colours, labels = kit.theme.colours, kit.plan.locale
    series_colours = colours.series
    header = size * 1.6
    source = getattr(chart, "source", None)  # a slide's chart box has its source as caption
    footer = size * 1.6 if source else 0
    if chart.unit:
        _text(canvas, kit, [_line(labels.chart_unit.format(unit=chart.unit))],
              (x, y + height - header, width / 2, header), (size, size * 0.7), colours.muted)
    if len(chart.series) > 1 or chart.type == "pie":
        names = (
            [(c, series_colours[i % len(series_colours)]) for i, c in enumerate(chart.categories)]
            if chart.type == "pie"
            else [(s.name, series_colours[i % len(series_colours)])
                  for i, s in enumerate(chart.series)]
        )
        _legend(canvas, kit, names, (x + width / 2, y + footer, width / 2,
                height - header - footer), size)
    if source:
        _text(canvas, kit, [_line(labels.chart_source.format(source=source))],
              (x, y, width, footer), (size * 0.85, size * 0.6), colours.muted)
    plot_width = width / 2 - size if (chart.type == "pie" or len(chart.series) > 1) else width
    plot: Box = (x, y + footer + size * 0.4, plot_width, height - header - footer - size * 0.4)
    if chart.type == "pie":
        _pie(canvas, chart, plot, series_colours)
    else:
        _axes_chart(canvas, chart, plot, kit, size)


def _legend(
    canvas: Canvas, kit: Kit, names: Sequence[tuple[str, str]], box: Box, size: float
) -> None:
    x, y, width, height = box
    row = min(size * 1.8, height / max(len(names), 1))
    top = y + height - (height - row * len(names)) / 2
    for index, (name, hex_rgb) in enumerate(names):
        baseline = top - (index + 1) * row
        _fill(canvas, hex_rgb, (x + size, baseline + row * 0.25, size * 0.8, size * 0.8))
        _text(canvas, kit, [_line(name)], (x + size * 2.4, baseline, width - size * 2.4, row),
              (size, size * 0.6), kit.theme.colours.text, valign="middle")


def _pie(canvas: Canvas, chart: Any, box: Box, series_colours: Sequence[str]) -> None:
    x, y, width, height = box
    values = chart.series[0].values
    total = sum(values) or 1.0
    radius = min(width, height) / 2 * 0.9
    centre_x, centre_y = x + width / 2, y + height / 2
    angle = 90.0
    for index, value in enumerate(values):
        extent = -360.0 * value / total
        canvas.setFillColor(colour(series_colours[index % len(series_colours)]))
        canvas.setStrokeColor(colour(WHITE))
        canvas.wedge(centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius,
                     angle, extent, stroke=1, fill=1)
        angle += extent


def _axes_chart(canvas: Canvas, chart: Any, box: Box, kit: Kit, size: float) -> None:
    x, y, width, height = box
    colours = kit.theme.colours
    series_colours = colours.series
    values = [v for s in chart.series for v in s.values]
    low_value, top_value, step = _axis(min(min(values), 0.0), max(max(values), 0.0))
    span = top_value - low_value or 1.0
    horizontal = chart.type == "bar"
    label_band = size * 1.8 if not horizontal else width * 0.22
    axis_band = size * 2.6  # the value axis's numbers, as PowerPoint and LibreOffice show
    if horizontal:
        px, py, pw, ph = (x + label_band, y + size * 1.6, width - label_band - size * 2,
                          height - size * 1.6)
    else:
        px, py, pw, ph = (x + axis_band, y + label_band, width - axis_band - size,
                          height - label_band - size)
    ticks = round(span / step)
    for tick in range(ticks + 1):
        fraction = tick / ticks
        canvas.setStrokeColor(colour(colours.light))
        canvas.setLineWidth(max(size * 0.06, 0.5))
        label = [_line(_number(low_value + tick * step))]
        if horizontal:
            canvas.line(px + pw * fraction, py, px + pw * fraction, py + ph)
            _text(canvas, kit, label, (px + pw * fraction - size * 2, y, size * 4, size * 1.4),
                  (size, size * 0.6), colours.text, "center")
        else:
            canvas.line(px, py + ph * fraction, px + pw, py + ph * fraction)
            _text(canvas, kit, label, (x, py + ph * fraction - size * 0.7, axis_band - size * 0.4,
                  size * 1.4), (size, size * 0.6), colours.text, "right", "middle")
    categories = chart.categories
    slot = (ph if horizontal else pw) / len(categories)
    zero = (0 - low_value) / span

    def position(value: float) -> float:
        return (value - low_value) / span * (pw if horizontal else ph)

    for c, category in enumerate(categories):
        start = c * slot
        if horizontal:
            _text(canvas, kit, [_line(category)], (x, py + ph - start - slot, label_band - size *
                  0.5, slot), (size, size * 0.6), colours.text, "right", "middle")
        else:
            _text(canvas, kit, [_line(category)], (px + start, y, slot, label_band),
                  (size, size * 0.6), colours.text, "center", "middle")
        if chart.type == "line":
            continue
        bar = slot / 1.7 / len(chart.series)  # the deck's gap width of 70 %
        for s, series in enumerate(chart.series):
            value = series.values[c]
            begin = min(position(value), zero * (pw if horizontal else ph))
            length = abs(position(value) - zero * (pw if horizontal else ph))
            canvas.setFillColor(colour(series_colours[s % len(series_colours)]))
            offset = start + (slot - bar * len(chart.series)) / 2 + s * bar
            if horizontal:
                canvas.rect(px + begin, py + ph - offset - bar, length, bar * 0.92, stroke=0,
                            fill=1)
            else:
                canvas.rect(px + offset, py + begin, bar * 0.92, length, stroke=0, fill=1)
                if len(chart.series) == 1:
                    _text(canvas, kit, [_line(_number(value))],
                          (px + offset - size, py + begin + length, bar + 2 * size, size * 1.4),
                          (size * 0.85, size * 0.5), colours.primary, "center")
    if chart.type == "line":
        for s, series in enumerate(chart.series):
            hex_rgb = series_colours[s % len(series_colours)]
            canvas.setStrokeColor(colour(hex_rgb))
            canvas.setFillColor(colour(hex_rgb))
            canvas.setLineWidth(max(size * 0.2, 1))
            points = [(px + slot * (c + 0.5), py + position(v)) for c, v in
                      enumerate(series.values)]
            for (x1, y1), (x2, y2) in itertools.pairwise(points):
                canvas.line(x1, y1, x2, y2)
            for px1, py1 in points:
                canvas.circle(px1, py1, size * 0.3, stroke=0, fill=1)
    canvas.setStrokeColor(colour(colours.muted))
    canvas.setLineWidth(max(size * 0.08, 0.6))
    if horizontal:
        canvas.line(px + zero * pw, py, px + zero * pw, py + ph)
    else:
        canvas.line(px, py + zero * ph, px + pw, py + zero * ph)
