"""A chart payload as SVG primitives, inside the box the design gave it.

The deck hands its chart to PowerPoint, which draws axes and bars itself; a browser has
no chart engine, so the web deck draws the same data as plain vectors: value axis from
zero to a rounded maximum, one group per category, legend below when the design asks for
one. Coordinates are points inside the chart's box.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from build_tools.design.boxes import Box, Chart


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 0.75


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    colour: str


@dataclass(frozen=True)
class Path:
    d: str
    stroke: str
    fill: str | None = None
    width: float = 2.0


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    size: float
    colour: str
    anchor: str = "middle"


@dataclass
class Drawing:
    label: str
    lines: list[Line] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)


def nice_max(value: float) -> float:
    """The axis maximum: 1, 2, 2.5 or 5 times a power of ten, at least the value."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return float(step * power)
    return float(10 * power)


def _number(value: float) -> str:
    return f"{value:g}"


def draw(box: Box) -> Drawing:
    chart = box.chart
    assert chart is not None
    drawing = Drawing(" / ".join(s.name for s in chart.series))
    size = chart.label_size_pt
    legend_h = size * 2.2 if chart.legend else 0.0
    if chart.type == "pie":
        _pie(drawing, chart, box.width_pt, box.height_pt - legend_h)
    else:
        _axes(drawing, chart, box.width_pt, box.height_pt - legend_h)
    if chart.legend:
        _legend(drawing, chart, box.width_pt, box.height_pt - legend_h / 2)
    return drawing


def _axes(drawing: Drawing, chart: Chart, width: float, height: float) -> None:
    size = chart.label_size_pt
    top = size * (2.4 if chart.unit else 1.2)
    values = [v for s in chart.series for v in s.values] or [0.0]
    high = nice_max(max(values))
    left = size * (len(_number(high)) * 0.6 + 1.2)
    bottom = height - size * 2.0
    plot_w, plot_h = width - left - size, bottom - top
    horizontal = chart.type == "bar"
    for tick in range(5):
        value = high * tick / 4
        if horizontal:
            x = left + plot_w * tick / 4
            drawing.lines.append(Line(x, top, x, bottom, chart.grid_colour))
            drawing.labels.append(Label(x, bottom + size * 1.3, _number(value), size,
                                        chart.text_colour))
        else:
            y = bottom - plot_h * tick / 4
            drawing.lines.append(Line(left, y, left + plot_w, y, chart.grid_colour))
            drawing.labels.append(Label(left - size * 0.4, y + size * 0.35, _number(value),
                                        size, chart.text_colour, "end"))
    count = max(len(chart.categories), 1)
    series = chart.series
    if chart.type == "line":
        step = plot_w / count
        for s in series:
            points = [
                (left + step * (i + 0.5), bottom - plot_h * v / high)
                for i, v in enumerate(s.values)
            ]
            d = " ".join(f"{'M' if i == 0 else 'L'}{x:.2f},{y:.2f}"
                         for i, (x, y) in enumerate(points))
            drawing.paths.append(Path(d, s.colour, None, max(size / 6, 1.5)))
            for (x, y), value in zip(points, s.values, strict=False):
                drawing.labels.append(Label(x, y - size * 0.6, _number(value), size,
                                            chart.text_colour))
    else:
        slot = (plot_h if horizontal else plot_w) / count
        bar = slot * 0.7 / max(len(series), 1)
        for i, _ in enumerate(chart.categories):
            for j, s in enumerate(series):
                value = s.values[i] if i < len(s.values) else 0.0
                offset = slot * i + slot * 0.15 + bar * j
                if horizontal:
                    length = plot_w * value / high
                    drawing.bars.append(Bar(left, top + offset, length, bar, s.colour))
                    drawing.labels.append(Label(left + length + size * 0.3,
                                                top + offset + bar / 2 + size * 0.35,
                                                _number(value), size, chart.text_colour,
                                                "start"))
                else:
                    length = plot_h * value / high
                    drawing.bars.append(Bar(left + offset, bottom - length, bar, length,
                                            s.colour))
                    drawing.labels.append(Label(left + offset + bar / 2,
                                                bottom - length - size * 0.4, _number(value),
                                                size, chart.text_colour))
    for i, category in enumerate(chart.categories):
        if horizontal:
            y = top + plot_h / count * (i + 0.5) + size * 0.35
            drawing.labels.append(Label(left - size * 0.4, y, category, size,
                                        chart.text_colour, "end"))
        else:
            x = left + plot_w / count * (i + 0.5)
            drawing.labels.append(Label(x, bottom + size * 1.3, category, size,
                                        chart.text_colour))
    axis = (left, top, left, bottom) if horizontal else (left, bottom, left + plot_w, bottom)
    drawing.lines.append(Line(*axis, chart.axis_colour, 1.0))
    if chart.unit:  # the unit, set level above the value axis (not a tiny rotated title)
        x, anchor = (left + plot_w, "end") if horizontal else (left, "start")
        drawing.labels.append(Label(x, top - size * 0.5, chart.unit, size, chart.text_colour,
                                    anchor))


def _pie(drawing: Drawing, chart: Chart, width: float, height: float) -> None:
    values = list(chart.series[0].values) if chart.series else []
    whole = sum(values) or 1.0
    radius = min(width, height) / 2 * 0.85
    cx, cy = width / 2, height / 2
    angle = -math.pi / 2
    for i, value in enumerate(values):
        sweep = 2 * math.pi * value / whole
        end = angle + sweep
        x1, y1 = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        x2, y2 = cx + radius * math.cos(end), cy + radius * math.sin(end)
        large = 1 if sweep > math.pi else 0
        colour = chart.point_colours[i % len(chart.point_colours)] if chart.point_colours \
            else chart.series[0].colour
        d = (f"M{cx:.2f},{cy:.2f} L{x1:.2f},{y1:.2f} "
             f"A{radius:.2f},{radius:.2f} 0 {large} 1 {x2:.2f},{y2:.2f} Z")
        drawing.paths.append(Path(d, "FFFFFF", colour, 1.0))
        angle = end


def _legend(drawing: Drawing, chart: Chart, width: float, middle: float) -> None:
    size = chart.label_size_pt
    if chart.type == "pie":
        entries = list(zip(chart.categories, chart.point_colours, strict=False))
    else:
        entries = [(s.name, s.colour) for s in chart.series]
    pitch = width / max(len(entries), 1)
    for i, (name, colour) in enumerate(entries):
        x = pitch * (i + 0.5)
        drawing.bars.append(Bar(x - size * 3, middle - size * 0.4, size * 0.8, size * 0.8,
                                colour))
        drawing.labels.append(Label(x - size * 2, middle + size * 0.35, name, size,
                                    chart.text_colour, "start"))
