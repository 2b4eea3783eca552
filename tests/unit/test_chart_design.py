"""Specs for a chart's interior as the design lays it out (``design/chart.py``): the value
axis, bars and points proportional to the values, pie angles, every label inside the box;
and that the web deck and the miniature draw the very marks the design made."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.design.chart import Axis, lay_out, number, percent, value_axis
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

BOX = Rect(40.0, 110.0, 880.0, 330.0)
SIZE = 14.0
COLOURS = ("1A1A1A", "E8EEF5", "5F6B7A")
SERIES = ("1F3A5F", "2E6DA4", "C8102E")


class Widths:
    """Half an em per Latin character, a whole em per other one (the real measure is
    tested in test_measure; this keeps the geometry independent of font files)."""

    def width_pt(self, text: str, size_pt: float, bold: bool = False) -> float:
        return sum(0.55 if ord(c) < 0x2E80 else 1.0 for c in text) * size_pt


def _chart(kind: str, values: list[list[float]], categories: list[str] | None = None,
           legend: bool | None = None) -> tuple[Axis | None, tuple[Mark, ...]]:
    categories = categories or [f"{2020 + i}" for i in range(len(values[0]))]
    series = [(f"系列{i}", v, SERIES[i % 3]) for i, v in enumerate(values)]
    legend = (kind == "pie" or len(values) > 1) if legend is None else legend
    return lay_out(kind, categories, series, [SERIES[i % 3] for i in range(len(categories))],
                   legend, BOX, SIZE, COLOURS, Widths())


def _bars(marks: tuple[Mark, ...]) -> list[ChartRect]:
    return [m for m in marks if isinstance(m, ChartRect) and m.w > SIZE]


# --- the value axis -------------------------------------------------------------------------


@given(st.lists(st.floats(-1e9, 1e9, allow_nan=False), min_size=1, max_size=12))
def test_the_axis_holds_every_value_and_zero_in_a_round_step(values: list[float]) -> None:
    axis = value_axis(values)
    assert axis.low <= min(*values, 0.0) and axis.high >= max(*values, 0.0)
    mantissa = axis.step / 10 ** math.floor(math.log10(axis.step))
    assert any(math.isclose(mantissa, m) for m in (1, 2, 2.5, 5))
    intervals = (axis.high - axis.low) / axis.step
    assert math.isclose(intervals, round(intervals)) and 1 <= round(intervals) <= 10


@pytest.mark.parametrize(("values", "expected"), [
    ([10, 12.5, 15], Axis(0, 16, 2)),  # LibreOffice's axis for the every-kind chart
    ([347, 432, 527, 499, 555], Axis(0, 600, 100)),
    ([120, 60, -10, 150], Axis(-20, 160, 20)),
])
def test_the_axis_is_the_one_libreoffice_picks(values: list[float], expected: Axis) -> None:
    assert value_axis(values) == expected


def test_numbers_are_written_as_the_general_format_shows_them() -> None:
    assert [number(v) for v in (0.0, -0.0, 12.5, 16.0, -20.0, 0.1 + 0.2, 1234567.0)] == \
        ["0", "0", "12.5", "16", "-20", "0.3", "1234567"]
    assert percent(0.125) == "12%" and percent(0.5) == "50%"


# --- bars, points, slices -------------------------------------------------------------------


def test_column_heights_are_proportional_to_the_values_from_the_zero_line() -> None:
    values = [10.0, 12.5, 15.0]
    axis, marks = _chart("column", [values])
    bars = _bars(marks)
    assert len(bars) == 3 and axis == Axis(0, 16, 2)
    bottoms = {round(b.y + b.h, 6) for b in bars}
    assert len(bottoms) == 1  # all standing on the category axis
    ratios = [b.h / v for b, v in zip(bars, values, strict=True)]
    assert max(ratios) - min(ratios) < 1e-9
    axis_line = next(m for m in marks if isinstance(m, ChartLine) and m.width_pt == 1.0)
    assert math.isclose(axis_line.y1, bottoms.pop())
    assert [b.x for b in bars] == sorted(b.x for b in bars)  # categories left to right


def test_a_negative_column_hangs_below_the_zero_line() -> None:
    _, marks = _chart("column", [[120.0, 60.0], [-10.0, 40.0]])
    bars = [m for m in marks if isinstance(m, ChartRect) and m.fill in SERIES and m.h > 0
            and m.w > SIZE]
    negative = bars[1]  # category 1, series 2
    zero = next(m for m in marks if isinstance(m, ChartLine) and m.width_pt == 1.0).y1
    assert math.isclose(negative.y, zero) and negative.h > 0
    assert math.isclose(bars[0].h / 120, negative.h / 10)


def test_bar_lengths_are_proportional_and_categories_run_top_to_bottom() -> None:
    values = [[55.0, 38.0, 4.5], [54.0, 39.0, 5.0]]
    _, marks = _chart("bar", values, ["支付宝", "微信支付", "其他"])
    bars = [m for m in marks if isinstance(m, ChartRect) and m.h > 5 and m.w > 5 and m.h < 60]
    bars = [b for b in bars if b.y < BOX.bottom - 3 * SIZE]  # not the legend keys
    assert len(bars) == 6
    ratios = [b.w / v for b, v in zip(bars, [55, 54, 38, 39, 4.5, 5], strict=True)]
    assert max(ratios) - min(ratios) < 1e-9
    assert [b.y for b in bars] == sorted(b.y for b in bars)
    labels = [m for m in marks if isinstance(m, ChartText) and m.text in ("支付宝", "其他")]
    assert labels[0].y < labels[1].y


def test_line_points_are_proportional_and_evenly_spaced() -> None:
    values = [347.0, 432.0, 527.0, 499.0, 555.0]
    axis, marks = _chart("line", [values])
    assert axis is not None
    (line,) = [m for m in marks if isinstance(m, ChartPolyline)]
    zero = next(m for m in marks if isinstance(m, ChartLine) and m.width_pt == 1.0).y1
    heights = [zero - y for _, y in line.points]
    ratios = [h / v for h, v in zip(heights, values, strict=True)]
    assert max(ratios) - min(ratios) < 1e-9
    xs = [x for x, _ in line.points]
    steps = [b - a for a, b in itertools.pairwise(xs)]
    assert max(steps) - min(steps) < 1e-9
    assert len([m for m in marks if isinstance(m, ChartDot)]) == len(values)


@given(st.lists(st.floats(0.01, 1e6), min_size=1, max_size=9))
def test_pie_slices_sum_to_a_full_turn_clockwise_from_twelve(values: list[float]) -> None:
    _, marks = _chart("pie", [values], [f"类{i}" for i in range(len(values))])
    wedges = [m for m in marks if isinstance(m, ChartWedge)]
    assert len(wedges) == len(values)
    assert math.isclose(sum(w.sweep_deg for w in wedges), 360.0)
    assert wedges[0].start_deg == 0.0
    for before, after in itertools.pairwise(wedges):
        assert math.isclose(before.start_deg + before.sweep_deg, after.start_deg)
    total = sum(values)
    for wedge, value in zip(wedges, values, strict=True):
        assert math.isclose(wedge.sweep_deg, 360 * value / total)


# --- labels stay in the box ----------------------------------------------------------------


def _extent(text: ChartText) -> tuple[float, float, float, float]:
    width = Widths().width_pt(text.text, text.size_pt)
    left = text.x - {"start": 0.0, "middle": width / 2, "end": width}[text.anchor]
    return left, text.y - text.size_pt * 0.88, left + width, text.y + text.size_pt * 0.12


CASES = [
    ("column", [[10.0, 12.5, 15.0]], None),
    ("column", [[120.0, 135.0, 150.0], [60.0, 72.0, 80.0], [-10.0, 40.0, 95.0]], None),
    ("bar", [[55.0, 38.0, 4.5, 2.5], [54.0, 39.0, 5.0, 2.0]],
     ["支付宝", "微信支付", "银联云闪付", "其他"]),
    ("line", [[347.0, 432.0, 527.0, 499.0, 555.0]], None),
    ("pie", [[50.0, 20.0, 18.0, 12.0]], ["网络支付", "网络借贷", "互联网保险", "其他"]),
    ("column", [[5.0]], ["唯一"]),  # a bar as high as the axis, its label above it
    ("line", [[1e15, -1e15]], None),
    ("column", [[-5.0, -12.0]], None),
    ("bar", [[-3.0, 4.0]], ["甲", "乙"]),
    ("column", [[0.0, 0.0]], None),
    ("pie", [[3.0]], ["全部"]),
]


@pytest.mark.parametrize(("kind", "values", "categories"), CASES)
def test_every_mark_stays_inside_the_chart_box(kind: str, values: list[list[float]],
                                               categories: list[str] | None) -> None:
    _, marks = _chart(kind, values, categories)
    texts = [m for m in marks if isinstance(m, ChartText)]
    assert texts
    for text in texts:
        x0, y0, x1, y1 = _extent(text)
        assert BOX.x <= x0 and x1 <= BOX.right and BOX.y <= y0 and y1 <= BOX.bottom, text
    for mark in marks:
        if isinstance(mark, ChartRect):
            assert BOX.x <= mark.x and mark.x + mark.w <= BOX.right + 1e-6
            assert BOX.y <= mark.y and mark.y + mark.h <= BOX.bottom + 1e-6
        if isinstance(mark, ChartWedge):
            assert BOX.x <= mark.cx - mark.r and mark.cx + mark.r <= BOX.right
            assert BOX.y <= mark.cy - mark.r and mark.cy + mark.r <= BOX.bottom


def test_the_legend_names_each_series_in_its_colour() -> None:
    _, marks = _chart("column", [[1.0, 2.0], [3.0, 4.0]])
    keys = [m for m in marks if isinstance(m, ChartRect) and m.w == m.h]
    names = [m for m in marks if isinstance(m, ChartText) and m.text.startswith("系列")]
    assert [k.fill for k in keys] == list(SERIES[:2])
    assert [n.text for n in names] == ["系列0", "系列1"]
    assert all(n.x > k.x + k.w for k, n in zip(keys, names, strict=True))


# --- one layout, every backend --------------------------------------------------------------


def test_web_deck_and_miniature_draw_the_very_marks_of_one_design(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from build_tools.backends.handout import miniature
    from build_tools.backends.handout.backend import HandoutBackend
    from build_tools.backends.web import chart as web_chart
    from build_tools.backends.web.backend import WebBackend
    from build_tools.options import Options
    from build_tools.pipeline import designed, prepare
    from tests.conftest import ALLKINDS

    context = designed(prepare(ALLKINDS, Options(layout="notes")))
    assert context.designs is not None
    (chart_box,) = [b for d in context.designs.slides for b in d.boxes if b.chart]
    assert chart_box.chart is not None and chart_box.chart.marks
    drawn_by_handout: list[object] = []
    drawn_by_web: list[object] = []
    handout_draw, web_element = miniature.draw_marks, web_chart.element

    def record_handout(canvas, marks, height, fonts):  # type: ignore[no-untyped-def]
        drawn_by_handout.append(marks)
        handout_draw(canvas, marks, height, fonts)

    def record_web(mark):  # type: ignore[no-untyped-def]
        drawn_by_web.append(mark)
        return web_element(mark)

    monkeypatch.setattr(miniature, "draw_marks", record_handout)
    monkeypatch.setattr(web_chart, "element", record_web)
    HandoutBackend().render(context)
    WebBackend().render(context)
    assert drawn_by_handout and all(m is chart_box.chart.marks for m in drawn_by_handout)
    assert len(drawn_by_web) == len(chart_box.chart.marks)
    assert all(a is b for a, b in zip(drawn_by_web, chart_box.chart.marks, strict=True))


def test_each_mark_names_its_kind_in_the_json_form() -> None:
    from build_tools.design.boxes import to_data

    _, marks = _chart("line", [[1.0, 3.0], [2.0, 1.0]])
    kinds = {item["kind"] for item in to_data(marks)}
    assert kinds == {"line", "polyline", "dot", "text", "rect"}
    _, marks = _chart("pie", [[1.0, 3.0]], ["甲", "乙"])
    assert "wedge" in {item["kind"] for item in to_data(marks)}
