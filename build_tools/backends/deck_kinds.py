"""How each slide kind is drawn: native shapes, tables and charts inside the content area.

One function per kind, all driven by the planned slide and the theme; positions derive
from the layout's content area, never from fixed slide coordinates, so a customer
template with another geometry still works. Text goes through ``Page`` so it is fitted.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.parts.image import Image as PptxImage
from pptx.util import Emu, Pt

from build_tools.backends import ooxml
from build_tools.backends.deck_layouts import EMU_PER_PT, Rect
from build_tools.backends.deck_shapes import Page, pt
from build_tools.backends.deck_text import Block, Para, Span
from build_tools.backends.ooxml import Bullet
from build_tools.errors import Problem
from build_tools.locale import Locale
from build_tools.measure import Paragraph, Run, size_steps
from build_tools.outline.model import (
    BulletsSlide,
    ChartSlide,
    ComparisonSlide,
    ImageSlide,
    PillarsSlide,
    Point,
    ProcessSlide,
    QuoteSlide,
    TableSlide,
    TimelineSlide,
)
from build_tools.theme import Theme

GAP = 18.0  # points between sibling panels


class Look:
    """Sizes and paragraph shapes shared by every kind, all derived from the theme."""

    def __init__(self, theme: Theme, words: Locale) -> None:
        ts, c = theme.type_scale, theme.colours
        self.words = words  # the edition's punctuation and words (versus, quote source)
        self.c = c
        self.ts = ts
        self.body = tuple(size_steps(ts.body, ts.body_min))
        self.heading = tuple(size_steps(ts.heading, ts.body_min))
        self.small = tuple(size_steps(ts.small, ts.body_min))
        self.caption = tuple(size_steps(ts.caption, ts.footer))
        self.title = tuple(size_steps(ts.title, ts.heading))
        self.display = tuple(size_steps(ts.divider, ts.heading))
        self.subtitle = tuple(size_steps(ts.heading + 4, ts.body_min))
        self.footer = tuple(size_steps(ts.footer, ts.footer - 2))
        self.bullet = Bullet("■", c.accent, 70)
        self.sub_bullet = Bullet("–", c.muted, 100)
        self.sub_scale = ts.small / ts.body

    def point_paras(self, points: Sequence[Point], gap_em: float = 0.0) -> tuple[Para, ...]:
        """Bullets with a bold lead-in in the primary colour, then level-2 sub-points.

        ``gap_em`` adds air between top-level points (a full slide of bullets reads as
        groups, not as one list).
        """
        paras: list[Para] = []
        for point in points:
            spans: list[Span] = []
            if point.lead is not None:
                lead = point.lead + (self.words.lead_separator if point.text else "")
                spans.append(Span(lead, bold=True, colour=self.c.primary))
            if point.text is not None:
                spans.append(Span(point.text))
            paras.append(Para(tuple(spans), bullet=self.bullet, margin_pt=22, gap_em=gap_em))
            paras.extend(
                Para.text(sub, level=1, scale=self.sub_scale, bullet=self.sub_bullet,
                          margin_pt=46)
                for sub in point.sub
            )
        return tuple(paras)

    def list_paras(self, items: Sequence[str]) -> tuple[Para, ...]:
        return tuple(Para.text(item, bullet=self.bullet, margin_pt=22) for item in items)


# --- text-only kinds ------------------------------------------------------------------------


def draw_bullets(page: Page, look: Look, content: BulletsSlide, body: Any) -> None:
    """Points in the layout's body placeholder (editable as a normal bulleted list)."""
    points = content.points
    block = Block("points", "body", look.point_paras(points, gap_em=0.6), look.body, look.c.text)
    page.in_placeholder(body, block)


def _points_block(look: Look, points: Sequence[Point]) -> Block:
    return Block("points", "points", look.point_paras(points), look.body, look.c.text,
                 anchor="ctr", insets_pt=(20, 8, 14, 8))


def _points_height(page: Page, look: Look, points: Sequence[Point], width: int) -> float:
    """Height of the key-points panel under a diagram: its text at the largest size."""
    if not points:
        return 0.0
    return page.typesetter.natural_height_pt(_points_block(look, points), width / EMU_PER_PT)


def _points_panel(page: Page, look: Look, area: Rect, points: Sequence[Point]) -> None:
    """The optional key points under a diagram: a pale panel with a red edge."""
    if not points or area.h <= 0:
        return
    page.shape(MSO_SHAPE.RECTANGLE, area, look.c.light, name="Points panel")
    page.shape(MSO_SHAPE.RECTANGLE, Rect(area.x, area.y, pt(5), area.h), look.c.accent,
               name="Points edge")
    page.textbox(area, _points_block(look, points))


def _stack(area: Rect, diagram_pt: float, gap_pt: float, panel_pt: float) -> tuple[int, Rect]:
    """Centre a diagram and the panel under it in the area; the panel takes what is left.

    Returns the diagram's top and the panel's rectangle.
    """
    total = diagram_pt + (gap_pt + panel_pt if panel_pt else 0)
    spare = max(0.0, area.h_pt - total)
    top = area.y + pt(spare / 2)
    panel_top = top + pt(diagram_pt + gap_pt)
    panel = Rect(area.x, panel_top, area.w, max(0, min(pt(panel_pt), area.bottom - panel_top)))
    return top, panel


def _panel_height(natural: float, available: float) -> float:
    """Panels hug their text, but never shrink below half the space (a steady look)."""
    return min(available, max(natural + 12, available * 0.55))


def draw_comparison(page: Page, look: Look, content: ComparisonSlide) -> None:
    area = page.content
    gap = 86.0 if content.versus else GAP
    columns = area.columns(2, gap)
    fills = (look.c.primary, look.c.secondary)
    heading_h = 46.0
    blocks = [
        Block(f"columns[{i}].points", f"columns[{i}].points", look.list_paras(column.points),
              look.body, look.c.text, insets_pt=(16, 14, 16, 10))
        for i, column in enumerate(content.columns)
    ]
    natural = max(page.typesetter.natural_height_pt(b, columns[0].w_pt) for b in blocks)
    panel_h = _panel_height(natural, area.h_pt - heading_h)
    for index, (column, rect) in enumerate(zip(content.columns, columns, strict=True)):
        field = f"columns[{index}]"
        head = rect.top_part(heading_h)
        heading = Block(f"{field}.heading", f"{field}.heading",
                        (Para.text(column.heading, align="ctr"),), look.heading,
                        look.c.background, bold=True, anchor="ctr")
        page.shape(MSO_SHAPE.RECTANGLE, head, fills[index], block=heading, group="headings")
        panel = head.below(panel_h)
        page.shape(MSO_SHAPE.RECTANGLE, panel, look.c.light, name="Panel")
        page.shape(MSO_SHAPE.RECTANGLE, Rect(panel.x, panel.bottom - pt(3), panel.w, pt(3)),
                   fills[index], name="Panel edge")
        page.textbox(panel, blocks[index], group="points")
    if content.versus:
        size = pt(64)
        middle = Rect(columns[0].right + (columns[1].x - columns[0].right - size) // 2,
                      area.y + pt((heading_h + panel_h) / 2) - size // 2, size, size)
        versus = (Para.text(look.words.versus, align="ctr"),)
        badge = Block("versus", "versus", versus, (look.ts.heading,),
                      look.c.background, bold=True, anchor="ctr", insets_pt=(0, 0, 0, 0))
        page.shape(MSO_SHAPE.OVAL, middle, look.c.accent, look.c.background, 3, badge)


def draw_pillars(page: Page, look: Look, content: PillarsSlide) -> None:
    area = page.content
    columns = area.columns(3, GAP)
    top_h = 130.0  # strip, number, heading and rule
    blocks = [
        Block(f"pillars[{i}].points", f"pillars[{i}].points", look.list_paras(pillar.points),
              look.body, look.c.text, insets_pt=(16, 6, 16, 14))
        for i, pillar in enumerate(content.pillars)
    ]
    natural = max(page.typesetter.natural_height_pt(b, columns[0].w_pt) for b in blocks)
    height = top_h + _panel_height(natural, area.h_pt - top_h)
    for index, (pillar, column) in enumerate(zip(content.pillars, columns, strict=True)):
        field = f"pillars[{index}]"
        rect = column.top_part(height)
        page.shape(MSO_SHAPE.RECTANGLE, rect, look.c.light, name="Pillar")
        page.shape(MSO_SHAPE.RECTANGLE, rect.top_part(5), look.c.primary, name="Pillar top")
        number = Block(f"{field}.number", f"{field}.number", (Para.text(f"{index + 1:02d}"),),
                       (look.ts.title,), look.c.accent, bold=True, anchor="b",
                       insets_pt=(16, 0, 16, 0))
        page.textbox(Rect(rect.x, rect.y + pt(14), rect.w, pt(44)), number, group="numbers")
        heading = Block(f"{field}.heading", f"{field}.heading", (Para.text(pillar.heading),),
                        look.heading, look.c.primary, bold=True, anchor="ctr",
                        insets_pt=(16, 2, 16, 2))
        heading_rect = Rect(rect.x, rect.y + pt(60), rect.w, pt(54))
        page.textbox(heading_rect, heading, group="headings")
        page.shape(MSO_SHAPE.RECTANGLE, Rect(rect.x + pt(16), heading_rect.bottom + pt(4),
                                             pt(36), pt(3)), look.c.accent, name="Pillar rule")
        page.textbox(rect.rest_below(rect.y + pt(top_h)), blocks[index], group="points")


def draw_quote(page: Page, look: Look, content: QuoteSlide) -> None:
    area = page.content
    below = _points_height(page, look, content.points, area.w)
    quote_h = area.h_pt - (below + 16 if below else 0)
    quote_h = max(quote_h, min(area.h_pt, 200.0))
    top, points_rect = _stack(area, quote_h, 16, below)
    panel = Rect(area.x, top, area.w, pt(quote_h))
    page.shape(MSO_SHAPE.RECTANGLE, panel, look.c.light, name="Quote panel")
    page.shape(MSO_SHAPE.RECTANGLE, Rect(panel.x, panel.y, pt(8), panel.h), look.c.accent,
               name="Quote edge")
    mark = Block("quote.mark", "quote mark", (Para.text("“"),), (look.ts.divider * 2,),
                 look.c.accent, bold=True, insets_pt=(0, 0, 0, 0))
    page.textbox(Rect(panel.x + pt(30), panel.y + pt(8), pt(80), pt(100)), mark)
    source_h = 40.0 if content.quote.source else 0.0
    text_rect = panel.inset(100, 30, 60, 24 + source_h)
    quote = Block("quote.text", "quote", (Para.text(content.quote.text),),
                  tuple(size_steps(look.ts.title, look.ts.body_min)), look.c.primary, bold=True,
                  anchor="ctr")
    page.textbox(text_rect, quote)
    if content.quote.source:
        source = Block("quote.source", "quote source",
                       (Para.text(look.words.quote_source.format(source=content.quote.source),
                                  align="r"),), look.small,
                       look.c.muted, anchor="t")
        page.textbox(Rect(text_rect.x, text_rect.bottom, text_rect.w, pt(source_h)), source)
    _points_panel(page, look, points_rect, content.points)


# --- table ---------------------------------------------------------------------------------


def draw_table(page: Page, look: Look, content: TableSlide) -> None:
    """A real table: widths from the text, one size for every cell, rows sized to fit."""
    table_data = content.table
    area = page.content
    measurer = page.typesetter.measurer
    pad_x, pad_y = 10.0, 8.0
    n_cols = len(table_data.columns)
    grid = [list(table_data.columns), *table_data.rows]
    natural = [
        max(measurer.width_pt(row[c], look.ts.body, bold=(r == 0 or c == 0))
            for r, row in enumerate(grid)) + 2 * pad_x
        for c in range(n_cols)
    ]
    total_w = area.w_pt
    weights = [min(max(w, total_w * 0.14), total_w * 0.62) for w in natural]
    widths = [total_w * w / sum(weights) for w in weights]

    def heights(size: float) -> list[float]:
        rows = []
        for r, row in enumerate(grid):
            tallest = 0.0
            for c, text in enumerate(row):
                bold = r == 0 or c == 0
                para = Paragraph((Run(text, bold),))
                m = measurer.measure([para], widths[c] - 2 * pad_x, size)
                tallest = max(tallest, m.height_pt)
            rows.append(tallest + 2 * pad_y)
        return rows

    chosen = look.body[-1]
    row_heights = heights(chosen)
    for size in look.body:
        candidate = heights(size)
        if sum(candidate) <= area.h_pt:
            chosen, row_heights = size, candidate
            break
    else:
        page.typesetter.problems.append(Problem(
            f"{page.planned.path}.table",
            f"{page.where}: text overflows box 'table' by "
            f"{sum(row_heights) - area.h_pt:.1f} pt at the smallest size {chosen:g} pt",
        ))
    frame = page.native().add_table(len(grid), n_cols, Emu(area.x), Emu(area.y),
                                        Emu(area.w), Emu(pt(sum(row_heights))))
    frame.name = f"Table {frame.shape_id}"
    table = frame.table
    for c, width in enumerate(widths):
        table.columns[c].width = pt(width)
    for r, height in enumerate(row_heights):
        table.rows[r].height = pt(height)
    rows = table._tbl.tr_lst  # table.cell(r, c) looks each cell up through both lists
    for r, row in enumerate(grid):
        cells = rows[r].tc_lst
        for c, text in enumerate(row):
            header, first = r == 0, c == 0
            fill = look.c.primary if header else (look.c.light if r % 2 == 0 else look.c.background)
            cell = page.kit.table_cell(cells[c], fill, pad_x, pad_y)
            colour = look.c.background if header else (look.c.primary if first else look.c.text)
            field = "table.columns" if header else f"table.rows[{r - 1}]"
            block = Block(f"{field}[{c}]", "table",
                          (Para.text(text),), (chosen,), colour, bold=header or first)
            page.typesetter.write(cell.txBody, block, chosen, frame_settings=False,
                                  base=cell.base)


# --- diagrams ------------------------------------------------------------------------------


def draw_process(page: Page, look: Look, content: ProcessSlide) -> None:
    """Steps as a row of native chevrons (the first flat-backed), their notes beneath."""
    area = page.content
    steps = content.steps
    n = len(steps)
    height = 84.0
    has_text = any(step.text for step in steps)
    text_h = 70.0 if has_text else 0.0
    diagram = height + (10 + text_h if has_text else 0)
    below = _points_height(page, look, content.points, area.w)
    top, points_rect = _stack(area, diagram, 28, below)
    adjust = 0.32
    point = height * adjust
    overlap = point - 5.0
    width = (area.w_pt + (n - 1) * overlap) / n
    fills = (look.c.primary, look.c.secondary)
    for index, step in enumerate(steps):
        x = area.x + pt(index * (width - overlap))
        rect = Rect(x, top, pt(width), pt(height))
        preset = MSO_SHAPE.PENTAGON if index == 0 else MSO_SHAPE.CHEVRON
        label = Block(
            f"steps[{index}].title", f"steps[{index}]",
            (Para((Span(f"{index + 1:02d}", colour=look.c.light),), scale=0.7, align="ctr"),
             Para.text(step.title, align="ctr")),
            look.heading, look.c.background, bold=True, anchor="ctr", insets_pt=(4, 2, 4, 2),
        )
        page.shape(preset, rect, fills[index % 2], block=label, group="steps", adjust=adjust)
        if step.text:
            inner = Rect(x + (pt(point) if index else 0), rect.bottom + pt(10),
                         pt(width - point - (0 if index else point / 2)), pt(text_h))
            note = Block(f"steps[{index}].text", f"steps[{index}].text",
                         (Para.text(step.text, align="ctr"),), look.small, look.c.text,
                         insets_pt=(4, 2, 4, 2))
            page.textbox(inner, note, group="step texts")
    _points_panel(page, look, points_rect, content.points)


def draw_timeline(page: Page, look: Look, content: TimelineSlide) -> None:
    """Events on a native line with circle markers: label above, title and text below."""
    area = page.content
    events = content.events
    has_text = any(event.text for event in events)
    label_h, title_h = 40.0, 56.0
    text_h = 60.0 if has_text else 0.0
    diagram = label_h + 32 + title_h + text_h
    below = _points_height(page, look, content.points, area.w)
    top, points_rect = _stack(area, diagram, 24, below)
    line_y = top + pt(label_h + 12)
    page.shape(MSO_SHAPE.RECTANGLE, Rect(area.x, line_y - pt(1.5), area.w, pt(3)),
               look.c.secondary, name="Timeline")
    columns = Rect(area.x, top, area.w, pt(diagram)).columns(len(events), 12)
    marker = 22.0
    for index, (event, column) in enumerate(zip(events, columns, strict=True)):
        field = f"events[{index}]"
        centre = column.x + column.w // 2
        page.shape(MSO_SHAPE.OVAL, Rect(centre - pt(marker / 2), line_y - pt(marker / 2),
                                        pt(marker), pt(marker)),
                   look.c.accent, look.c.background, 3, name="Marker")
        label = Block(f"{field}.label", f"{field}.label", (Para.text(event.label, align="ctr"),),
                      look.heading, look.c.accent, bold=True, anchor="b")
        page.textbox(Rect(column.x, top, column.w, pt(label_h)), label, group="labels")
        title = Block(f"{field}.title", f"{field}.title", (Para.text(event.title, align="ctr"),),
                      look.heading, look.c.primary, bold=True)
        title_rect = Rect(column.x, line_y + pt(20), column.w, pt(title_h))
        page.textbox(title_rect, title, group="titles")
        if event.text:
            text = Block(f"{field}.text", f"{field}.text", (Para.text(event.text, align="ctr"),),
                         look.small, look.c.muted)
            page.textbox(title_rect.below(text_h), text, group="texts")
    _points_panel(page, look, points_rect, content.points)


# --- pictures and charts ----------------------------------------------------------------------


def draw_image(page: Page, look: Look, content: ImageSlide, project: Path) -> None:
    """The picture scaled to fit (never cropped), centred, with alt text and a caption."""
    area = page.content
    image = content.image
    caption_h = 34.0 if image.caption else 0.0
    box = Rect(area.x, area.y, area.w, area.h - pt(caption_h))
    path = project / image.path
    width_px, height_px = PptxImage.from_file(str(path)).size
    scale = min(box.w / width_px, box.h / height_px)
    w, h = round(width_px * scale), round(height_px * scale)
    x, y = box.x + (box.w - w) // 2, box.y + (box.h - h) // 2
    picture = page.native().add_picture(str(path), Emu(x), Emu(y), Emu(w), Emu(h))
    picture.name = f"Picture {picture.shape_id}"
    ooxml.set_alt_text(picture, image.alt)
    if image.caption:
        caption = Block("image.caption", "caption", (Para.text(image.caption, align="ctr"),),
                        look.caption, look.c.muted, anchor="t")
        page.textbox(Rect(area.x, y + h + pt(6), area.w, pt(caption_h - 6)), caption)


_CHART_TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
}


def draw_chart(page: Page, look: Look, content: ChartSlide, script: ooxml.Script) -> None:
    """A native, editable chart from the outline's numbers, in the theme's series colours."""
    area = page.content
    spec = content.chart
    pie = spec.type == "pie"
    caption_parts = [part for part in ((spec.unit if pie else None), spec.source) if part]
    caption_h = 30.0 if caption_parts else 0.0
    # Imported here: it pulls in XlsxWriter (~70 ms), which only decks with charts need.
    from pptx.chart.data import CategoryChartData

    data = CategoryChartData(number_format="General")
    data.categories = spec.categories
    for series in spec.series:
        data.add_series(series.name, series.values)
    rect = Rect(area.x, area.y, area.w, area.h - pt(caption_h))
    frame: Any = page.native().add_chart(_CHART_TYPES[spec.type], *rect.emu(), data)  # type: ignore[arg-type]
    frame.name = f"Chart {frame.shape_id}"
    chart = frame.chart
    chart.has_title = False
    colours = look.c.series
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.size = Pt(look.ts.body_min)
    if pie:
        labels.show_percentage = True
        labels.show_value = False
        labels.show_category_name = True
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        for index, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = RGBColor.from_string(colours[index % len(colours)])
    else:
        labels.show_value = True
        labels.position = (XL_LABEL_POSITION.ABOVE if spec.type == "line"
                           else XL_LABEL_POSITION.OUTSIDE_END)
        if spec.type != "line":
            plot.gap_width = 70
            plot.overlap = -10
        for index, series in enumerate(plot.series):
            colour = RGBColor.from_string(colours[index % len(colours)])
            if spec.type == "line":
                series.format.line.color.rgb = colour
                series.format.line.width = Pt(2.5)
                series.smooth = False
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = colour
            else:
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = colour
        value_axis = chart.value_axis
        value_axis.has_major_gridlines = True
        value_axis.major_gridlines.format.line.color.rgb = RGBColor.from_string(look.c.light)
        value_axis.format.line.fill.background()
        category_axis = chart.category_axis
        category_axis.format.line.color.rgb = RGBColor.from_string(look.c.muted)
        if spec.unit:
            value_axis.has_title = True
            value_axis.axis_title.text_frame.text = spec.unit
    chart.has_legend = pie or len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    ooxml.chart_text(chart, script, look.ts.body_min, look.c.text)
    if caption_parts:
        caption = Block("chart.source", "caption", (Para.text(" · ".join(caption_parts)),),
                        look.caption, look.c.muted, anchor="t")
        page.textbox(Rect(area.x, rect.bottom + pt(4), area.w, pt(caption_h - 4)), caption)
