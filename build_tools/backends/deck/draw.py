"""Drawing one slide's designed boxes as native PowerPoint placeholders and shapes.

The backend draws boxes, not slide kinds: every position, size and line break comes from
the design layer (``build_tools.design``). Text boxes in a layout's placeholder go into
that placeholder (the slide stays editable like a normal one); tables and charts are
native and editable; pictures carry their alt text.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu, Pt

from build_tools import inputs
from build_tools.backends import ooxml
from build_tools.backends.deck.layouts import Rect
from build_tools.backends.deck.shapes import Page
from build_tools.design import boxes


def rect_of(box: boxes.Box) -> Rect:
    return Rect.pt(box.x_pt, box.y_pt, box.width_pt, box.height_pt)


def draw_box(page: Page, box: boxes.Box, project: Path, script: ooxml.Script) -> None:
    """One box, by what it holds (the design's roles need no more than this)."""
    if box.from_layout:
        return  # the layout draws it
    if box.placeholder_idx is not None:
        _placeholder(page, box)
    elif box.table is not None:
        draw_table(page, box, box.table)
    elif box.chart is not None:
        draw_chart(page, box, box.chart, script)
    elif box.image is not None:
        draw_image(page, box, box.image, project)
    elif box.geometry is not None:
        page.shape(box.geometry, rect_of(box), box.fill, box.line, box.line_pt, box.text,
                   box.adjust, box.name)
    elif box.text is not None:
        page.textbox(rect_of(box), box.text, box.name)


def _placeholder(page: Page, box: boxes.Box) -> None:
    text = box.text
    if box.role in ("footer", "number"):
        for kind, idx, element in page.chosen.furniture:
            if idx != box.placeholder_idx:
                continue
            if kind == PP_PLACEHOLDER.SLIDE_NUMBER:
                page.furniture(element, page.planned.number)
            elif text is not None:
                page.footer(element, text)
        return
    if box.placeholder_type in ("title", "ctrTitle"):
        sp = page.title_placeholder()
    else:
        sp = page.placeholder(box.placeholder_idx)  # type: ignore[arg-type]
    if sp is not None and text is not None:
        inherited = page.chosen.rects.get(box.placeholder_idx)  # type: ignore[arg-type]
        rect = rect_of(box)
        if inherited is not None and max(abs(a - b) for a, b in zip(
                (rect.x, rect.y, rect.w, rect.h), (inherited.x, inherited.y, inherited.w,
                                                   inherited.h), strict=True)) > 6350:
            page.place(sp, rect)  # moved or resized by the design (more than half a point)
        page.in_placeholder(sp, text)


def draw_table(page: Page, box: boxes.Box, table: boxes.Table) -> None:
    """A native table: the design's column widths, row heights, cell text and each
    cell's vertical anchor (as the handout's miniature and the web deck draw it)."""
    rows, cols = len(table.cells), len(table.column_widths_pt)
    frame = page.native().add_table(rows, cols, *rect_of(box).emu())
    frame.name = f"Table {frame.shape_id}"
    native = frame.table
    for c, width in enumerate(table.column_widths_pt):
        native.columns[c].width = Emu(round(width * 12700))
    for r, height in enumerate(table.row_heights_pt):
        native.rows[r].height = Emu(round(height * 12700))
    pad_x, pad_y = table.padding_pt
    rows_of_tcs = ooxml.table_cells(native)
    for r, row in enumerate(table.cells):
        tcs = rows_of_tcs[r]
        for c, cell in enumerate(row):
            kit_cell = page.kit.table_cell(tcs[c], cell.fill, pad_x, pad_y,
                                            cell.text.anchor)
            # Queued like every text: the page then knows the body is written (and
            # localised), so its final font pass leaves a `code` run's monospace face.
            page.text(kit_cell.txBody, cell.text, cell=True, base=kit_cell.base)


def draw_image(page: Page, box: boxes.Box, image: boxes.Image, project: Path) -> None:
    """The picture at the design's rectangle, with its alt text."""
    blob = inputs.read(project / image.path)
    picture = page.native().add_picture(io.BytesIO(blob), *rect_of(box).emu())
    picture.name = f"Picture {picture.shape_id}"
    ooxml.set_alt_text(picture, image.alt)


_CHART_TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
}


def draw_chart(page: Page, box: boxes.Box, spec: boxes.Chart, script: ooxml.Script) -> None:
    """A native, editable chart from the design's data, colours and choices.

    The handout and the web deck draw the design's marks (``design.chart``); PowerPoint
    and LibreOffice are told what those marks show, so all three agree: the same value
    axis (minimum, maximum, major unit), number formats, colours, data labels, legend
    below, categories top to bottom in a bar chart, category labels under the plot. The
    unit and the source are the design's labelled text boxes around the chart (not a
    rotated axis title).
    """
    # Imported here: it pulls in XlsxWriter (~70 ms), which only decks with charts need.
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_MARKER_STYLE, XL_TICK_LABEL_POSITION

    from build_tools.design.chart import (
        AXIS_PT,
        GAP_WIDTH,
        GRID_PT,
        LINE_WIDTH_PT,
        MARKER_SIZE_PT,
        OVERLAP,
        SLICE_LINE,
        SLICE_LINE_PT,
    )

    pie = spec.type == "pie"
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = spec.categories
    for series in spec.series:
        data.add_series(series.name, series.values)
    frame: Any = page.native().add_chart(_CHART_TYPES[spec.type], *rect_of(box).emu(), data)  # type: ignore[arg-type]
    frame.name = f"Chart {frame.shape_id}"
    chart = frame.chart
    chart.has_title = False
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.size = Pt(spec.label_size_pt)
    if pie:
        labels.show_percentage = True
        labels.show_value = False
        labels.show_category_name = True
        labels.number_format = spec.percent_format
        labels.number_format_is_linked = False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        for index, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = RGBColor.from_string(spec.point_colours[index])
            point.format.line.color.rgb = RGBColor.from_string(SLICE_LINE)
            point.format.line.width = Pt(SLICE_LINE_PT)
    else:
        labels.show_value = True
        labels.number_format = spec.number_format
        labels.number_format_is_linked = False
        labels.position = (XL_LABEL_POSITION.ABOVE if spec.type == "line"
                           else XL_LABEL_POSITION.OUTSIDE_END)
        if spec.type != "line":
            plot.gap_width = GAP_WIDTH
            plot.overlap = OVERLAP
        for series, designed in zip(plot.series, spec.series, strict=True):
            colour = RGBColor.from_string(designed.colour)
            if spec.type == "line":
                series.format.line.color.rgb = colour
                series.format.line.width = Pt(LINE_WIDTH_PT)
                series.smooth = False
                series.marker.style = XL_MARKER_STYLE.CIRCLE
                series.marker.size = MARKER_SIZE_PT
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = colour
                series.marker.format.line.fill.background()
            else:
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = colour
        value_axis = chart.value_axis
        if spec.axis is not None:
            value_axis.minimum_scale, value_axis.maximum_scale, value_axis.major_unit = \
                spec.axis
        value_axis.tick_labels.number_format = spec.number_format
        value_axis.tick_labels.number_format_is_linked = False
        value_axis.has_major_gridlines = True
        gridlines = value_axis.major_gridlines.format.line
        gridlines.color.rgb = RGBColor.from_string(spec.grid_colour)
        gridlines.width = Pt(GRID_PT)
        value_axis.format.line.fill.background()
        value_axis.has_title = False
        category_axis = chart.category_axis
        category_axis.format.line.color.rgb = RGBColor.from_string(spec.axis_colour)
        category_axis.format.line.width = Pt(AXIS_PT)
        category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
        ooxml.turn_category_labels(chart, spec.category_label_deg, script,
                                   spec.label_size_pt, spec.text_colour)
        if spec.type == "bar":  # categories top to bottom, the value axis still below
            category_axis.reverse_order = True
            ooxml.value_axis_crosses_at_maximum(chart)
    chart.has_legend = spec.legend
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    ooxml.chart_text(chart, script, spec.label_size_pt, spec.text_colour)
