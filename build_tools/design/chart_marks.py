"""The closed set of marks a chart's interior is drawn with, positioned by the design layer.

``design.chart.lay_out`` turns a chart payload and its box into these marks, once per
chart box; the web deck (SVG) and the handout's miniatures (PDF canvas) only draw them,
so the two can never place an axis, a bar or a label differently. The deck keeps its
native, editable chart and is told the same axis, colours and labels (see
``backends/deck/draw.py``).

Like every design length: points on the slide, origin top left, y downwards; colours hex
RGB without ``#``. A text mark is a single line set in the body font at ``size_pt``, its
``y`` the baseline and ``anchor`` the point ``x`` names on it (SVG's ``text-anchor``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

TEXT_ANCHORS = ("start", "middle", "end")


@dataclass(frozen=True)
class ChartRect:
    """A filled rectangle: a bar, a legend key."""

    x: float
    y: float
    w: float
    h: float
    fill: str
    kind: str = field(default="rect", init=False)  # names the mark in the JSON form


@dataclass(frozen=True)
class ChartLine:
    """A straight stroke: a gridline, an axis."""

    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width_pt: float
    kind: str = field(default="line", init=False)


@dataclass(frozen=True)
class ChartPolyline:
    """A line series: its points joined, unfilled, round joins."""

    points: tuple[tuple[float, float], ...]
    colour: str
    width_pt: float
    kind: str = field(default="polyline", init=False)


@dataclass(frozen=True)
class ChartDot:
    """A filled circle: a line series' marker."""

    cx: float
    cy: float
    r: float
    fill: str
    kind: str = field(default="dot", init=False)


@dataclass(frozen=True)
class ChartWedge:
    """A pie slice: centre, radius, start angle and sweep in degrees, clockwise from
    twelve o'clock (as PowerPoint and LibreOffice start a pie), outlined in ``line``."""

    cx: float
    cy: float
    r: float
    start_deg: float
    sweep_deg: float
    fill: str
    line: str
    line_pt: float
    kind: str = field(default="wedge", init=False)


@dataclass(frozen=True)
class ChartText:
    """One line of label text; ``y`` is its baseline."""

    x: float
    y: float
    text: str
    size_pt: float
    colour: str
    anchor: str = "middle"  # one of TEXT_ANCHORS
    kind: str = field(default="text", init=False)


Mark = ChartRect | ChartLine | ChartPolyline | ChartDot | ChartWedge | ChartText
