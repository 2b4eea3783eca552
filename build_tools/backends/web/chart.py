"""A chart box as SVG: the design's marks (``Chart.marks``), drawn as they are.

The design layer lays the chart's interior out once (``design.chart``); the browser has
no chart engine, so each mark becomes one SVG element in slide points (the viewBox is
the box's own rectangle on the slide). Nothing is positioned here.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from build_tools.design.boxes import Box
from build_tools.design.chart_marks import (
    ChartDot,
    ChartLine,
    ChartPolyline,
    ChartRect,
    ChartText,
    ChartWedge,
    Mark,
)


def _f(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _point(cx: float, cy: float, r: float, degrees: float) -> tuple[float, float]:
    """A point on a circle, ``degrees`` clockwise from twelve o'clock."""
    angle = math.radians(degrees)
    return cx + r * math.sin(angle), cy - r * math.cos(angle)


def element(mark: Mark) -> str:
    """One mark as one SVG element."""
    match mark:
        case ChartRect():
            return (f'<rect x="{_f(mark.x)}" y="{_f(mark.y)}" width="{_f(mark.w)}" '
                    f'height="{_f(mark.h)}" fill="#{mark.fill}"/>')
        case ChartLine():
            return (f'<line x1="{_f(mark.x1)}" y1="{_f(mark.y1)}" x2="{_f(mark.x2)}" '
                    f'y2="{_f(mark.y2)}" stroke="#{mark.colour}" '
                    f'stroke-width="{_f(mark.width_pt)}"/>')
        case ChartPolyline():
            points = " ".join(f"{_f(x)},{_f(y)}" for x, y in mark.points)
            return (f'<polyline points="{points}" fill="none" stroke="#{mark.colour}" '
                    f'stroke-width="{_f(mark.width_pt)}" stroke-linejoin="round"/>')
        case ChartDot():
            return (f'<circle cx="{_f(mark.cx)}" cy="{_f(mark.cy)}" r="{_f(mark.r)}" '
                    f'fill="#{mark.fill}"/>')
        case ChartWedge():
            paint = (f'fill="#{mark.fill}" stroke="#{mark.line}" '
                     f'stroke-width="{_f(mark.line_pt)}"')
            if mark.sweep_deg >= 359.99:  # one slice: the whole disc (an arc cannot close)
                return (f'<circle cx="{_f(mark.cx)}" cy="{_f(mark.cy)}" r="{_f(mark.r)}" '
                        f'{paint}/>')
            x1, y1 = _point(mark.cx, mark.cy, mark.r, mark.start_deg)
            x2, y2 = _point(mark.cx, mark.cy, mark.r, mark.start_deg + mark.sweep_deg)
            large = 1 if mark.sweep_deg > 180 else 0
            return (f'<path d="M{_f(mark.cx)},{_f(mark.cy)} L{_f(x1)},{_f(y1)} '
                    f'A{_f(mark.r)},{_f(mark.r)} 0 {large} 1 {_f(x2)},{_f(y2)} Z" {paint}/>')
        case ChartText():
            return (f'<text x="{_f(mark.x)}" y="{_f(mark.y)}" font-size="{_f(mark.size_pt)}" '
                    f'fill="#{mark.colour}" text-anchor="{mark.anchor}">'
                    f'{escape(mark.text)}</text>')
    raise TypeError(f"not a chart mark: {mark!r}")  # pragma: no cover - the set is closed


def svg(box: Box) -> Markup:
    """The chart box's marks as one SVG, its viewBox the box's rectangle on the slide."""
    chart = box.chart
    assert chart is not None
    label = escape(" / ".join(s.name for s in chart.series))
    view = " ".join(_f(v) for v in box.rect)
    body = "".join(element(mark) for mark in chart.marks)
    return Markup(f'<svg class="chart" viewBox="{view}" role="img" aria-label="{label}">'
                  f'{body}</svg>')
