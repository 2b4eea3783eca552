"""Vector slide miniatures: each planned slide drawn small, in the deck's look.

Why vector and not a rendered picture of the deck: the handout must build without
LibreOffice (field notes: rendering is for validation only) and stay searchable. The
miniature is drawn in slide coordinates (the deck's 16:9 size in points, the deck's type
scale) and scaled down, so proportions follow the theme. Content is simplified per kind:
what a reader needs to recognise the slide, with text fitted by the measurer.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from build_tools.backends.handout_styles import colour
from build_tools.backends.handout_text import (
    Block,
    Breaker,
    CanvasFonts,
    LeanFlowable,
    Span,
    drafting,
    draw_blocks,
)
from build_tools.outline.model import (
    BulletsSlide,
    Chart,
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
from build_tools.plan import DeckPlan, PlannedSlide
from build_tools.theme import Theme

TITLE_BAR_PT = 96.0  # in slide points (a 960 x 540 slide)
FOOTER_PT = 40.0
WHITE = "FFFFFF"

Box = tuple[float, float, float, float]  # x, bottom y, width, height


@dataclass(frozen=True)
class Kit:
    """Everything a drawing needs besides the slide: theme, fonts, line breaking, assets."""

    theme: Theme
    breaker: Breaker
    fonts: CanvasFonts
    plan: DeckPlan
    image_path: Callable[[str], Path]

    @property
    def width(self) -> float:
        return self.theme.deck.width_in * 72

    @property
    def height(self) -> float:
        return self.theme.deck.height_in * 72

    @property
    def margin(self) -> float:
        return self.theme.deck.margin_in * 72

    def date(self, day: dt.date) -> str:
        return self.plan.locale.format_date(day)


def point_blocks(points: Sequence[Point], kit: Kit, separator: str, indent: float) -> list[Block]:
    """Bullets as drawn blocks: bold lead-in, text, second-level points indented."""
    colours = kit.theme.colours
    blocks: list[Block] = []
    for point in points:
        spans: list[Span] = []
        if point.lead:
            spans.append(Span(point.lead + (separator if point.text else ""), True,
                              colours.primary))
        if point.text:
            spans.append(Span(point.text))
        blocks.append(Block(tuple(spans), 1.0, indent, colours.accent))
        blocks.extend(
            Block((Span(sub, colour=colours.muted),), 0.85, indent * 2, colours.muted)
            for sub in point.sub
        )
    return blocks


class Miniature(LeanFlowable):
    """A planned slide at ``width`` points wide (16:9 from the theme), framed."""

    def __init__(self, slide: PlannedSlide, kit: Kit, width: float, draft: bool = False) -> None:
        super().__init__()
        self.draft = draft
        self.slide = slide
        self.kit = kit
        self.width = width
        self.height = width * kit.height / kit.width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        if self.draft or drafting(self.canv):
            return
        canvas = self.canv
        kit = self.kit
        canvas.saveState()
        path = canvas.beginPath()
        path.rect(0, 0, self.width, self.height)
        canvas.clipPath(path, stroke=0, fill=0)
        scale = self.width / kit.width
        canvas.scale(scale, scale)
        draw_slide(canvas, self.slide, kit)
        canvas.restoreState()
        canvas.saveState()
        canvas.setStrokeColor(colour(kit.theme.colours.muted))
        canvas.setLineWidth(0.4)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.restoreState()


# --- slides ----------------------------------------------------------------------------


def draw_slide(canvas: Canvas, slide: PlannedSlide, kit: Kit) -> None:
    """Draw one slide in slide coordinates (origin bottom left)."""
    generated = {
        "title": _title_slide, "agenda": _agenda_slide, "divider": _divider_slide,
        "closing": _closing_slide,
    }
    if slide.kind in generated:
        generated[slide.kind](canvas, slide, kit)
        return
    content = _content_frame(canvas, slide, kit)
    drawers: dict[type, Callable[[Canvas, object, Box, Kit], None]] = {
        BulletsSlide: _bullets, ComparisonSlide: _comparison, PillarsSlide: _pillars,
        TableSlide: _table, ProcessSlide: _process, TimelineSlide: _timeline,
        QuoteSlide: _quote, ImageSlide: _image, ChartSlide: _chart_slide,
    }
    drawers[type(slide.content)](canvas, slide.content, content, kit)


def _fill(canvas: Canvas, hex_rgb: str, box: Box, radius: float = 0) -> None:
    canvas.setFillColor(colour(hex_rgb))
    if radius:
        canvas.roundRect(*box, radius, stroke=0, fill=1)
    else:
        canvas.rect(*box, stroke=0, fill=1)


def _text(
    canvas: Canvas, kit: Kit, blocks: Sequence[Block], box: Box, sizes: tuple[float, float],
    hex_rgb: str, align: str = "left", valign: str = "top",
) -> None:
    draw_blocks(canvas, kit.fonts, kit.breaker, blocks, box, sizes, hex_rgb, align, valign)


def _line(text: str, bold: bool = False, hex_rgb: str | None = None) -> Block:
    return Block((Span(text, bold, hex_rgb),))


def _content_frame(canvas: Canvas, slide: PlannedSlide, kit: Kit) -> Box:
    """White slide, navy title bar with a red rule, footer; returns the content box."""
    theme, scale = kit.theme, kit.theme.type_scale
    width, height, margin = kit.width, kit.height, kit.margin
    _fill(canvas, theme.colours.background, (0, 0, width, height))
    _fill(canvas, theme.colours.primary, (0, height - TITLE_BAR_PT, width, TITLE_BAR_PT))
    _fill(canvas, theme.colours.accent, (0, height - TITLE_BAR_PT - 6, width * 0.18, 6))
    badge = slide.supplementary
    title_width = width - 2 * margin - (170 if badge else 0)
    _text(canvas, kit, [_line(slide.title, True)],
          (margin, height - TITLE_BAR_PT + 10, title_width, TITLE_BAR_PT - 20),
          (scale.title, scale.body_min), WHITE, valign="middle")
    if badge:
        label = kit.plan.locale.supplementary
        box = (width - margin - 150, height - TITLE_BAR_PT / 2 - 16, 150, 32)
        canvas.setStrokeColor(colour(theme.colours.light))
        canvas.setLineWidth(1.5)
        canvas.roundRect(*box, 8, stroke=1, fill=0)
        _text(canvas, kit, [_line(label)], (box[0], box[1], box[2], box[3]),
              (scale.caption, scale.caption * 0.7), theme.colours.light, "center", "middle")
    footer = scale.footer * 1.4
    _text(canvas, kit, [_line(slide.section)], (margin, 12, width / 2, footer * 1.3),
          (footer, footer * 0.7), theme.colours.muted)
    _text(canvas, kit, [_line(str(slide.number), True)],
          (width - margin - 80, 12, 80, footer * 1.3), (footer, footer), theme.colours.muted,
          "right")
    return (margin, FOOTER_PT + 8, width - 2 * margin, height - TITLE_BAR_PT - FOOTER_PT - 40)


def _dark_background(canvas: Canvas, kit: Kit) -> None:
    colours = kit.theme.colours
    _fill(canvas, colours.primary, (0, 0, kit.width, kit.height))
    _fill(canvas, colours.secondary, (kit.width * 0.72, 0, kit.width * 0.28, kit.height))
    _fill(canvas, colours.accent, (0, 0, kit.width, 10))


def _title_slide(canvas: Canvas, slide: PlannedSlide, kit: Kit) -> None:
    course, theme = kit.plan.course, kit.theme
    scale, colours, margin = theme.type_scale, theme.colours, kit.margin
    _dark_background(canvas, kit)
    width = kit.width * 0.72 - 2 * margin
    _fill(canvas, colours.accent, (margin, 330, 90, 8))
    _text(canvas, kit, [_line(slide.title, True)], (margin, 350, width, 140),
          (scale.divider, scale.heading), WHITE, valign="middle")
    if slide.subtitle:
        _text(canvas, kit, [_line(slide.subtitle)], (margin, 250, width, 70),
              (scale.heading, scale.small), colours.light)
    people = [_line(course.presenter, True), _line(course.organisation),
              _line(kit.date(course.date))]
    _text(canvas, kit, people, (margin, 50, width, 120), (scale.small, scale.caption),
          colours.light)


def _agenda_slide(canvas: Canvas, slide: PlannedSlide, kit: Kit) -> None:
    x, y, width, height = _content_frame(canvas, slide, kit)
    colours, scale = kit.theme.colours, kit.theme.type_scale
    items = slide.agenda
    columns = 1 if len(items) <= 4 else 2
    rows = -(-len(items) // columns)
    row_height = min(height / max(rows, 1), 90)
    column_width = width / columns
    for index, item in enumerate(items):
        column, row = divmod(index, rows)
        left = x + column * column_width
        top = y + height - row * row_height
        label = item.label
        _fill(canvas, colours.primary, (left, top - row_height + 12, 64, row_height - 24), 6)
        _text(canvas, kit, [_line(label, True)], (left, top - row_height + 12, 64,
              row_height - 24), (scale.heading, scale.caption), WHITE, "center", "middle")
        _fill(canvas, colours.accent, (left + 64, top - row_height + 12, 5, row_height - 24))
        _text(canvas, kit, [_line(item.title, True)],
              (left + 84, top - row_height + 12, column_width - 110, row_height - 24),
              (scale.body, scale.caption), colours.primary, valign="middle")


def _divider_slide(canvas: Canvas, slide: PlannedSlide, kit: Kit) -> None:
    scale, colours, margin = kit.theme.type_scale, kit.theme.colours, kit.margin
    _dark_background(canvas, kit)
    width = kit.width * 0.72 - 2 * margin
    if slide.subtitle:
        _text(canvas, kit, [_line(slide.subtitle, True)], (margin, 300, width, 130),
              (scale.divider * 2.6, scale.divider), colours.accent)
    _fill(canvas, colours.accent, (margin, 285, 90, 8))
    _text(canvas, kit, [_line(slide.title, True)], (margin, 170, width, 105),
          (scale.divider, scale.heading), WHITE, valign="middle")
    if slide.lead:
        _text(canvas, kit, [_line(slide.lead)], (margin, 70, width, 90),
              (scale.heading, scale.caption), colours.light)


def _closing_slide(canvas: Canvas, slide: PlannedSlide, kit: Kit) -> None:
    scale, colours, margin = kit.theme.type_scale, kit.theme.colours, kit.margin
    _fill(canvas, colours.primary, (0, 0, kit.width, kit.height))
    _fill(canvas, colours.accent, (kit.width / 2 - 50, 250, 100, 8))
    _text(canvas, kit, [_line(slide.title, True)], (margin, 280, kit.width - 2 * margin, 140),
          (scale.divider * 1.4, scale.heading), WHITE, "center", "middle")
    if slide.subtitle:
        _text(canvas, kit, [_line(slide.subtitle)], (margin, 150, kit.width - 2 * margin, 80),
              (scale.title, scale.small), colours.light, "center", "middle")


# --- content kinds -----------------------------------------------------------------------


def _separator(kit: Kit) -> str:
    return kit.plan.locale.lead_separator


def _body_sizes(kit: Kit) -> tuple[float, float]:
    scale = kit.theme.type_scale
    return scale.body, scale.caption * 0.8


def _bullets(canvas: Canvas, content: object, box: Box, kit: Kit) -> None:
    assert isinstance(content, BulletsSlide)
    _text(canvas, kit, point_blocks(content.points, kit, _separator(kit), 30), box,
          _body_sizes(kit), kit.theme.colours.text)


def _panels(
    canvas: Canvas, kit: Kit, box: Box, headings: Sequence[str],
    points: Sequence[Sequence[str]], heads: Sequence[str], gap: float,
) -> list[Box]:
    x, y, width, height = box
    colours, scale = kit.theme.colours, kit.theme.type_scale
    count = len(headings)
    panel_width = (width - gap * (count - 1)) / count
    boxes = []
    for index, (heading, items) in enumerate(zip(headings, points, strict=True)):
        left = x + index * (panel_width + gap)
        _fill(canvas, colours.light, (left, y, panel_width, height), 8)
        _fill(canvas, heads[index], (left, y + height - 62, panel_width, 62), 8)
        _fill(canvas, heads[index], (left, y + height - 62, panel_width, 20))
        _text(canvas, kit, [_line(heading, True)], (left + 16, y + height - 58, panel_width - 32,
              54), (scale.heading, scale.caption), WHITE, "center", "middle")
        blocks = [Block((Span(item),), 1.0, 26, colours.accent) for item in items]
        _text(canvas, kit, blocks, (left + 18, y + 12, panel_width - 36, height - 62 - 26),
              (scale.small, scale.caption * 0.7), colours.text)
        boxes.append((left, y, panel_width, height))
    return boxes


def _comparison(canvas: Canvas, content: object, box: Box, kit: Kit) -> None:
    assert isinstance(content, ComparisonSlide)
    colours = kit.theme.colours
    heads = [colours.primary, colours.accent if content.versus else colours.secondary]
    gap = 90 if content.versus else 36
    panels = _panels(canvas, kit, box, [c.heading for c in content.columns],
                     [c.points for c in content.columns], heads, gap)
    if content.versus:
        left = panels[0]
        centre_x = left[0] + left[2] + gap / 2
        centre_y = box[1] + box[3] / 2
        canvas.setFillColor(colour(colours.accent))
        canvas.circle(centre_x, centre_y, 36, stroke=0, fill=1)
        _text(canvas, kit, [_line(kit.plan.locale.versus, True)],
              (centre_x - 34, centre_y - 20, 68, 40), (22, 14), WHITE, "center", "middle")


def _pillars(canvas: Canvas, content: object, box: Box, kit: Kit) -> None:
    assert isinstance(content, PillarsSlide)
    colours = kit.theme.colours
    _panels(canvas, kit, box, [p.heading for p in content.pillars],
            [p.points for p in content.pillars],
            [colours.primary, colours.secondary, colours.primary], 28)


def _table(canvas: Canvas, content: object, box: Box, kit: Kit) -> None:
    assert isinstance(content, TableSlide)
    x, y, width, height = box
    colours, scale, breaker = kit.theme.colours, kit.theme.type_scale, kit.breaker
    table = content.table
    rows = [table.columns, *table.rows]
    # Column widths in proportion to each column's longest text, within sensible bounds.
    weights = [
        max(breaker.width_em(row[i]) for row in rows) for i in range(len(table.columns))
    ]
    weights = [min(max(w, 4.0), 24.0) for w in weights]
    widths = [width * w / sum(weights) for w in weights]
    row_height = min(height / len(rows), 78)
    for r, row in enumerate(rows):
        top = y + height - r * row_height
        fill = colours.primary if r == 0 else (colours.light if r % 2 == 0 else WHITE)
        _fill(canvas, fill, (x, top - row_height, width, row_height))
        left = x
        for c, cell in enumerate(row):
            _text(canvas, kit, [_line(cell, bold=r == 0 or c == 0)],
                  (left + 10, top - row_height + 4, widths[c] - 20, row_height - 8),
                  (scale.small, scale.caption * 0.6), WHITE if r == 0 else colours.text,
                  valign="middle")
            left += widths[c]
    canvas.setStrokeColor(colour(colours.secondary))
    canvas.setLineWidth(1)
    canvas.line(x, y + height - len(rows) * row_height, x + width,
                y + height - len(rows) * row_height)


def _points_below(canvas: Canvas, points: Sequence[Point], box: Box, kit: Kit) -> None:
    if points:
        scale = kit.theme.type_scale
        _text(canvas, kit, point_blocks(points, kit, _separator(kit), 30), box,
              (scale.small, scale.caption * 0.7), kit.theme.colours.text)


def _process(canvas: Canvas, content: object, box: Box, kit: Kit) -> None:
    assert isinstance(content, ProcessSlide)
    x, y, width, height = box
    colours, scale = kit.theme.colours, kit.theme.type_scale
    count = len(content.steps)
    depth, chevron_height = 26.0, 92.0
    step_width = (width + depth * (count - 1) * 0.5) / count
    top = y + height
    for index, step in enumerate(content.steps):
        left = x + index * (step_width - depth * 0.5)
        path = canvas.beginPath()
        path.moveTo(left, top)
        path.lineTo(left + step_width - depth, top)
        path.lineTo(left + step_width, top - chevron_height / 2)
        path.lineTo(left + step_width - depth, top - chevron_height)
        path.lineTo(left, top - chevron_height)
        if index:
            path.lineTo(left + depth, top - chevron_height / 2)
        path.close()
        canvas.setFillColor(colour(colours.primary if index % 2 == 0 else colours.secondary))
        canvas.drawPath(path, stroke=0, fill=1)
        inset = depth + (depth if index else 8)
        _text(canvas, kit, [_line(step.title, True)],
              (left + inset - 4, top - chevron_height + 8, step_width - inset - depth,
               chevron_height - 16), (scale.small, scale.caption * 0.6), WHITE, "center",
              "middle")
        if step.text:
            _text(canvas, kit, [_line(step.text)],
                  (left + 6, top - chevron_height - 92, step_width - depth - 6, 84),
                  (scale.caption * 1.2, scale.caption * 0.6), colours.muted, "center")
    _points_below(canvas, content.points, (x, y, width, height - chevron_height - 110), kit)


def _timeline(canvas: Canvas, content: object, box: Box, kit: Kit) -> None:
    assert isinstance(content, TimelineSlide)
    x, y, width, height = box
    colours, scale = kit.theme.colours, kit.theme.type_scale
    count = len(content.events)
    slot = width / count
    axis = y + height - 58
    canvas.setStrokeColor(colour(colours.secondary))
    canvas.setLineWidth(5)
    canvas.line(x, axis, x + width, axis)
    for index, event in enumerate(content.events):
        centre = x + slot * (index + 0.5)
        canvas.setFillColor(colour(colours.accent))
        canvas.circle(centre, axis, 13, stroke=0, fill=1)
        _text(canvas, kit, [_line(event.label, True)], (centre - slot / 2 + 8, axis + 20,
              slot - 16, 36), (scale.small, scale.caption * 0.6), colours.accent, "center")
        blocks = [_line(event.title, True, colours.primary)]
        if event.text:
            blocks.append(Block((Span(event.text, colour=colours.muted),), 0.85))
        _text(canvas, kit, blocks, (centre - slot / 2 + 10, axis - 150, slot - 20, 128),
              (scale.small, scale.caption * 0.6), colours.text, "center")
    _points_below(canvas, content.points, (x, y, width, height - 58 - 170), kit)


def _quote(canvas: Canvas, content: object, box: Box, kit: Kit) -> None:
    assert isinstance(content, QuoteSlide)
    x, y, width, height = box
    colours, scale = kit.theme.colours, kit.theme.type_scale
    quote_height = height * (0.62 if content.points else 0.9)
    top = y + height
    _fill(canvas, colours.light, (x, top - quote_height, width, quote_height), 10)
    _fill(canvas, colours.accent, (x, top - quote_height, 10, quote_height))
    blocks = [_line(content.quote.text, True, colours.primary)]
    if content.quote.source:
        source = kit.plan.locale.quote_source.format(source=content.quote.source)
        blocks.append(Block((Span(source, colour=colours.muted),), 0.7))
    _text(canvas, kit, blocks, (x + 50, top - quote_height + 16, width - 90, quote_height - 32),
          (scale.title, scale.caption), colours.text, valign="middle")
    _points_below(canvas, content.points, (x, y, width, height - quote_height - 22), kit)


def _image(canvas: Canvas, content: object, box: Box, kit: Kit) -> None:
    assert isinstance(content, ImageSlide)
    x, y, width, height = box
    scale = kit.theme.type_scale
    caption = content.image.caption
    image_height = height - (44 if caption else 0)
    reader = ImageReader(str(kit.image_path(content.image.path)))
    pixels_w, pixels_h = reader.getSize()
    ratio = min(width / pixels_w, image_height / pixels_h)
    draw_w, draw_h = pixels_w * ratio, pixels_h * ratio
    canvas.drawImage(reader, x + (width - draw_w) / 2, y + height - draw_h, draw_w, draw_h,
                     mask="auto")
    if caption:
        _text(canvas, kit, [_line(caption)], (x, y, width, 36), (scale.caption * 1.3,
              scale.caption * 0.7), kit.theme.colours.muted, "center")


def _chart_slide(canvas: Canvas, content: object, box: Box, kit: Kit) -> None:
    assert isinstance(content, ChartSlide)
    draw_chart(canvas, content.chart, box, kit, kit.theme.type_scale.caption * 1.2)


# --- charts ------------------------------------------------------------------------------


def _nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 2.5, 5 x 10^n)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1.0
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return value


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def draw_chart(canvas: Canvas, chart: Chart, box: Box, kit: Kit, size: float) -> None:
    """Column, bar, line or pie chart in ``box``, labelled in the handout font.

    Drawn with plain canvas calls rather than reportlab.graphics, whose default label font
    is a non-embedded Helvetica.
    """
    x, y, width, height = box
    colours, labels = kit.theme.colours, kit.plan.locale
    series_colours = colours.series
    header = size * 1.6
    footer = size * 1.6 if chart.source else 0
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
    if chart.source:
        _text(canvas, kit, [_line(labels.chart_source.format(source=chart.source))],
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


def _pie(canvas: Canvas, chart: Chart, box: Box, series_colours: Sequence[str]) -> None:
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


def _axes_chart(canvas: Canvas, chart: Chart, box: Box, kit: Kit, size: float) -> None:
    x, y, width, height = box
    colours = kit.theme.colours
    series_colours = colours.series
    values = [v for s in chart.series for v in s.values]
    top_value = _nice_max(max(max(values), 0.0))
    low_value = min(min(values), 0.0)
    low_value = -_nice_max(-low_value) if low_value < 0 else 0.0
    span = top_value - low_value or 1.0
    horizontal = chart.type == "bar"
    label_band = size * 1.8 if not horizontal else width * 0.22
    if horizontal:
        px, py, pw, ph = x + label_band, y, width - label_band - size * 2, height
    else:
        px, py, pw, ph = x + size * 0.5, y + label_band, width - size, height - label_band - size
    canvas.setStrokeColor(colour(colours.muted))
    canvas.setLineWidth(max(size * 0.06, 0.5))
    for tick in range(5):
        fraction = tick / 4
        canvas.setStrokeColor(colour(colours.light))
        if horizontal:
            canvas.line(px + pw * fraction, py, px + pw * fraction, py + ph)
        else:
            canvas.line(px, py + ph * fraction, px + pw, py + ph * fraction)
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
        bar = slot * 0.7 / len(chart.series)
        for s, series in enumerate(chart.series):
            value = series.values[c]
            begin = min(position(value), zero * (pw if horizontal else ph))
            length = abs(position(value) - zero * (pw if horizontal else ph))
            canvas.setFillColor(colour(series_colours[s % len(series_colours)]))
            offset = start + slot * 0.15 + s * bar
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
