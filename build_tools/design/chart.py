"""A chart's interior laid out once: axis, gridlines, bars, lines, slices, labels, legend.

``lay_out`` turns a chart payload and its box into positioned marks
(``design.chart_marks``), stored on the payload (``Chart.marks``); the web deck and the
handout only draw them. The deck's native chart cannot take marks, so it is told the same
choices instead: the value axis (``Chart.axis``: minimum, maximum, major unit), the number
formats, the category order, the legend and the colours; LibreOffice and PowerPoint then
draw what the marks show.

Hand-written (not a charting library) because no Python library lays a chart out in a
box *as PowerPoint/LibreOffice draw a native chart* and hands back plain positioned
primitives: matplotlib and reportlab.graphics draw into their own canvases with their own
fonts and axis choices. The placement follows LibreOffice's render of the deck's chart
(measured on the every-kind fixture: ticks at a round step giving about eight intervals,
category labels under the plot, data labels outside the bar end, legend centred below).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from build_tools.design.chart_marks import (
    ChartDot,
    ChartLine,
    ChartPolyline,
    ChartRect,
    ChartText,
    ChartWedge,
    Mark,
)
from build_tools.design.geometry import Rect

GAP_WIDTH = 70  # % of a bar: the gap between category groups (the deck's plot.gap_width)
OVERLAP = -10  # % of a bar: negative leaves this much space between a group's bars
LINE_WIDTH_PT = 2.5  # a line series' stroke
MARKER_SIZE_PT = 7  # a line series' marker diameter (the deck's marker.size)
AXIS_PT = 1.0  # the category axis line
GRID_PT = 0.75  # a gridline
SLICE_LINE = "FFFFFF"  # the outline between pie slices
SLICE_LINE_PT = 0.75
NUMBER_FORMAT = "General"  # data labels and value axis, in the deck as in the marks
PERCENT_FORMAT = "0%"  # a pie slice's share
BASELINE_EM = 0.36  # a line's baseline sits this far below the middle of its glyphs


class Widths(Protocol):
    """What laying out labels needs from the measure (``build_tools.measure.Measurer``)."""

    def width_pt(self, text: str, size_pt: float, bold: bool = False) -> float: ...


@dataclass(frozen=True)
class Axis:
    """A value axis: its ends and the step between ticks (the deck writes the same)."""

    low: float
    high: float
    step: float

    @property
    def ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        return [self.low + self.step * index for index in range(count + 1)]


def value_axis(values: Sequence[float]) -> Axis:
    """Zero and every value inside; a round step (1, 2, 2.5 or 5 x 10^n) giving about eight
    intervals, the ends on whole steps: what LibreOffice picks for the deck's charts."""
    low, high = min(min(values, default=0.0), 0.0), max(max(values, default=0.0), 0.0)
    if high == low:  # every value zero: an axis from 0 to 1, never an empty one
        high = low + 1.0
    raw = (high - low) / 8
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return Axis(math.floor(low / step) * step, math.ceil(high / step) * step, step)


def number(value: float) -> str:
    """A value as the ``General`` number format shows it: no grouping, no trailing zeros."""
    text = f"{round(value, 10):.10f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def percent(share: float) -> str:
    """A share as the ``0%`` number format shows it."""
    return f"{round(share * 100):d}%"


def lay_out(kind: str, categories: Sequence[str],
            series: Sequence[tuple[str, Sequence[float], str]],
            point_colours: Sequence[str], legend: bool, box: Rect, size: float,
            colours: tuple[str, str, str], widths: Widths) -> tuple[Axis | None,
                                                                    tuple[Mark, ...]]:
    """The chart's marks in ``box``; ``series`` as (name, values, colour), ``colours`` as
    (text, gridlines, axis line). Returns the value axis (None for a pie) and the marks."""
    text, grid, axis_colour = colours
    marks: list[Mark] = []
    if legend:
        entries = (list(zip(categories, point_colours, strict=True)) if kind == "pie"
                   else [(name, colour) for name, _, colour in series])
        legend_h = _legend(marks, entries, box, size, text, widths)
        plot_box = Rect(box.x, box.y, box.w, box.h - legend_h)
    else:
        plot_box = box
    if kind == "pie":
        _pie(marks, categories, list(series[0][1]), point_colours, plot_box, size, text,
             widths)
        return None, tuple(marks)
    axis = value_axis([v for _, values, _ in series for v in values])
    _axes(marks, kind, categories, series, axis, plot_box, size, (text, grid, axis_colour),
          widths)
    return axis, tuple(marks)


def _baseline(middle: float, size: float) -> float:
    return middle + BASELINE_EM * size


def _legend(marks: list[Mark], entries: Sequence[tuple[str, str]], box: Rect, size: float,
            text: str, widths: Widths) -> float:
    """Keys and names in centred rows under the plot; returns the height they take."""
    key, gap, between, pitch = size * 0.6, size * 0.3, size * 1.2, size * 1.3
    room = box.w - size
    rows: list[list[tuple[str, str, float]]] = [[]]
    used = 0.0
    for name, colour in entries:
        width = key + gap + widths.width_pt(name, size)
        if rows[-1] and used + between + width > room:
            rows.append([])
            used = 0.0
        used += (between if rows[-1] else 0.0) + width
        rows[-1].append((name, colour, width))
    height = len(rows) * pitch + size * 0.6
    top = box.bottom - height + size * 0.3
    for index, row in enumerate(rows):
        total = sum(w for _, _, w in row) + between * (len(row) - 1)
        x = box.x + (box.w - total) / 2
        middle = top + pitch * (index + 0.5)
        for name, colour, width in row:
            marks.append(ChartRect(x, middle - key / 2, key, key, colour))
            marks.append(ChartText(x + key + gap, _baseline(middle, size), name, size, text,
                                   "start"))
            x += width + between
    return height


def _axes(marks: list[Mark], kind: str, categories: Sequence[str],
          series: Sequence[tuple[str, Sequence[float], str]], axis: Axis, box: Rect,
          size: float, colours: tuple[str, str, str], widths: Widths) -> None:
    """Column, bar (categories top to bottom) and line charts."""
    text, grid, axis_colour = colours
    horizontal = kind == "bar"
    ticks = axis.ticks
    labels = [number(t) for t in ticks]
    if horizontal:
        band = min(max((widths.width_pt(c, size) for c in categories), default=0.0),
                   box.w * 0.35)
        left = box.x + size * 1.4 + band + size * 0.5
        right = box.right - size * 1.2 - widths.width_pt(labels[-1], size) / 2
        top = box.y + size * 0.5
        bottom = box.bottom - size * 2.25
    else:  # LibreOffice keeps about 1.4 em clear left of the tick labels
        left = box.x + size * 1.4 + max(widths.width_pt(label, size) for label in labels) \
            + size * 0.3
        right = box.right - size * 0.8
        top = box.y + size * (1.5 if kind == "line" else 1.3)  # a label over the highest
        bottom = box.bottom - size * 2.5
    span = axis.high - axis.low
    length = (right - left) if horizontal else (bottom - top)

    def at(value: float) -> float:
        """A value's position along the value axis (x for bars, y otherwise)."""
        offset = (value - axis.low) / span * length
        return left + offset if horizontal else bottom - offset

    for tick, label in zip(ticks, labels, strict=True):
        p = at(tick)
        if horizontal:
            marks.append(ChartLine(p, top, p, bottom, grid, GRID_PT))
            marks.append(ChartText(p, _baseline(bottom + size * 0.8, size), label, size, text))
        else:
            marks.append(ChartLine(left, p, right, p, grid, GRID_PT))
            marks.append(ChartText(left - size * 0.3, _baseline(p, size), label, size, text,
                                   "end"))
    count = max(len(categories), 1)
    slot = ((bottom - top) if horizontal else (right - left)) / count
    start = top if horizontal else left
    zero = at(min(max(0.0, axis.low), axis.high))
    for index, category in enumerate(categories):
        middle = start + slot * (index + 0.5)
        if horizontal:
            marks.append(ChartText(left - size * 0.4, _baseline(middle, size), category, size,
                                   text, "end"))
        else:
            marks.append(ChartText(middle, _baseline(bottom + size * 1.25, size), category,
                                   size, text))
    if kind == "line":
        for _, values, colour in series:
            points = tuple((start + slot * (i + 0.5), at(v)) for i, v in enumerate(values))
            marks.append(ChartPolyline(points, colour, LINE_WIDTH_PT))
            for x, y in points:
                marks.append(ChartDot(x, y, MARKER_SIZE_PT / 2, colour))
        for _, values, _ in series:
            for i, value in enumerate(values):
                x, y = start + slot * (i + 0.5), at(value)
                marks.append(ChartText(x, y - size * 0.55, number(value), size, text))
    else:
        n = max(len(series), 1)
        bar = slot / (n + GAP_WIDTH / 100 - OVERLAP / 100 * (n - 1))
        step = bar * (1 - OVERLAP / 100)
        for index in range(len(categories)):
            first = start + slot * index + bar * GAP_WIDTH / 200
            for s, (_, values, colour) in enumerate(series):
                value = values[index]
                end = at(value)
                across = first + step * s
                if horizontal:
                    x0, x1 = sorted((zero, end))
                    marks.append(ChartRect(x0, across, x1 - x0, bar, colour))
                    beyond = end + size * 0.3 if value >= 0 else end - size * 0.3
                    marks.append(ChartText(beyond, _baseline(across + bar / 2, size),
                                           number(value), size, text,
                                           "start" if value >= 0 else "end"))
                else:
                    y0, y1 = sorted((zero, end))
                    marks.append(ChartRect(across, y0, bar, y1 - y0, colour))
                    baseline = end - size * 0.35 if value >= 0 else end + size * 1.05
                    marks.append(ChartText(across + bar / 2, baseline, number(value), size,
                                           text))
    if horizontal:
        marks.append(ChartLine(zero, top, zero, bottom, axis_colour, AXIS_PT))
    else:
        marks.append(ChartLine(left, zero, right, zero, axis_colour, AXIS_PT))


def _pie(marks: list[Mark], categories: Sequence[str], values: list[float],
         point_colours: Sequence[str], box: Rect, size: float, text: str,
         widths: Widths) -> None:
    """Slices clockwise from twelve o'clock; name and share outside each slice."""
    total = sum(values) or 1.0
    label_w = max((widths.width_pt(c, size) for c in categories), default=0.0)
    pitch = size * 1.2
    radius = max(min((box.w - 2 * (label_w + size)) / 2, (box.h - 2 * (pitch * 2 + size)) / 2),
                 size)
    cx, cy = box.centre_x, box.y + box.h / 2
    angle = 0.0
    for category, value, colour in zip(categories, values, point_colours, strict=True):
        sweep = 360.0 * value / total
        marks.append(ChartWedge(cx, cy, radius, angle, sweep, colour, SLICE_LINE,
                                SLICE_LINE_PT))
        middle = math.radians(angle + sweep / 2)
        dx, dy = math.sin(middle), -math.cos(middle)
        px, py = cx + dx * (radius + size * 0.5), cy + dy * (radius + size * 0.5)
        anchor = "start" if dx > 0.2 else "end" if dx < -0.2 else "middle"
        centre = py + dy * pitch  # the two lines' middle, pushed away from the pie
        first = _baseline(centre - pitch / 2, size)
        marks.append(ChartText(px, first, category, size, text, anchor))
        marks.append(ChartText(px, first + pitch, percent(value / total), size, text, anchor))
        angle += sweep
