"""How each content kind is laid out: boxes inside the layout's content area.

One function per kind, all driven by the planned slide, the theme and the layout; every
position derives from the layout's content area, never from fixed slide coordinates, so
a customer template with another geometry still works. The space is used as a designer
would: text sizes step up on sparse slides as well as down on full ones, content blocks
sit on the optical centre of the area (a little above the middle), and tables, processes
and timelines take the width they need rather than all there is.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from build_tools import inputs
from build_tools.design import boxes
from build_tools.design import chart as chart_layout
from build_tools.design.chart_marks import ChartText
from build_tools.design.geometry import Rect
from build_tools.design.palette import Palette, house
from build_tools.design.sketch import Sketch, text_rect
from build_tools.design.text import Block, Para, Span
from build_tools.errors import Problem
from build_tools.locale import Locale
from build_tools.measure import Paragraph, Run, size_steps
from build_tools.outline.inline import spans_of
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
    """Sizes and paragraph shapes shared by every kind, derived from the theme; colours
    from the palette (the house theme's, or a customer template's scheme), text colours
    on fills by contrast (``on``, ``ink``)."""

    def __init__(self, theme: Theme, words: Locale, palette: Palette | None = None) -> None:
        self.words = words  # the edition's punctuation and words (versus, quote source)
        self.palette = palette or house(theme)
        ts, c, rules = theme.type_scale, self.palette.colours, theme.design
        self.c = c
        self.ts = ts
        self.rules = rules
        self.body = tuple(size_steps(max(rules.body_max, ts.body), ts.body_min))
        self.panel_body = tuple(size_steps(max(rules.body_max - 4, ts.body), ts.body_min))
        self.heading = tuple(size_steps(max(rules.heading_max, ts.heading), ts.body_min))
        self.small = tuple(size_steps(ts.small, ts.body_min))
        self.caption = tuple(size_steps(ts.caption, ts.footer))
        self.title = tuple(size_steps(ts.title, ts.heading))
        self.display = tuple(size_steps(ts.divider, ts.heading))
        self.subtitle = tuple(size_steps(ts.heading + 4, ts.body_min))
        self.objectives = tuple(size_steps(rules.objectives_max, rules.objectives_min))
        self.footer = tuple(size_steps(ts.footer, ts.footer - 2))
        self.bullet = boxes.Bullet("■", c.accent, 70)
        self.sub_bullet = boxes.Bullet("–", c.muted, 100)
        self.sub_scale = ts.small / ts.body

    def on(self, fill: str) -> str:
        """Text on a ``fill``: the text or background colour that contrasts more."""
        return self.palette.on(fill)

    def ink(self, colour: str, ground: str | None = None) -> str:
        """A brand colour for text on ``ground`` (the slide's background), or the
        contrasting text colour where it would not stand out (a customer's pale accent)."""
        return self.palette.readable(colour, self.c.background if ground is None else ground)

    def point_paras(self, points: Sequence[Point], gap_em: float = 0.0,
                    size: float | None = None) -> tuple[Para, ...]:
        """Bullets with a bold lead-in in the primary colour, then level-2 sub-points.

        ``gap_em`` adds air between top-level points (a full slide of bullets reads as
        groups, not as one list); the indents grow with the text ``size`` (the bullet
        must not touch large text).
        """
        grow = max(1.0, (size or self.ts.body) / self.ts.body)
        paras: list[Para] = []
        for point in points:
            spans: list[Span] = []
            if point.lead is not None:
                lead = point.lead + (self.words.lead_separator if point.text else "")
                spans.append(Span(lead, bold=True, colour=self.ink(self.c.primary)))
            if point.text is not None:
                spans.append(Span(point.text))
            paras.append(Para(tuple(spans), bullet=self.bullet, margin_pt=22 * grow,
                              gap_em=gap_em))
            paras.extend(
                Para.text(sub, level=1, scale=self.sub_scale, bullet=self.sub_bullet,
                          margin_pt=46 * grow)
                for sub in point.sub
            )
        return tuple(paras)

    def list_paras(self, items: Sequence[str]) -> tuple[Para, ...]:
        return tuple(Para.text(item, bullet=self.bullet, margin_pt=22) for item in items)


def optical_top(area: Rect, height: float, look: Look) -> float:
    """Where a block ``height`` tall starts to sit on the area's optical centre."""
    return area.y + max(0.0, area.h - height) * look.rules.optical_centre


# --- text-only kinds ------------------------------------------------------------------------


def draw_bullets(sketch: Sketch, look: Look, content: BulletsSlide, body_idx: int,
                 skip: set[int]) -> None:
    """Points in the layout's body placeholder (editable as a normal bulleted list), as
    large as the area allows, the block balanced on the area's optical centre."""
    block = Block("points", "body", look.point_paras(content.points, gap_em=0.6), look.body,
                  look.c.text)
    slot = sketch.slot_or_body(body_idx, skip)
    area = slot.rect if slot is not None else sketch.content
    size = _largest_fitting(sketch, block, area)
    block = Block(block.field, block.box, look.point_paras(content.points, 0.6, size),
                  look.body, look.c.text)
    size = _largest_fitting(sketch, block, area)
    height = sketch.natural_height(block, area.w, size)
    drop = optical_top(area, height, look) - area.y
    sizes = (size, *_below(look.body, size))
    if slot is not None:
        left, top, right, bottom = slot.style.insets_pt
        sketch.in_slot(slot, Block(block.field, block.box, block.paras, sizes, block.colour,
                                   anchor="t", insets_pt=(left, top + drop, right, bottom),
                                   orphans=True))
    else:
        sketch.textbox(Rect(area.x, area.y + drop, area.w, area.h - drop),
                       Block(block.field, block.box, block.paras, sizes, block.colour,
                             orphans=True))


def _below(sizes: tuple[float, ...], size: float) -> tuple[float, ...]:
    return tuple(s for s in sizes if s < size)


def _largest_fitting(sketch: Sketch, block: Block, area: Rect) -> float:
    """The largest of the block's sizes whose natural height fits ``area`` (else the
    smallest: the fit check then reports it)."""
    for size in block.sizes:
        if sketch.natural_height(block, area.w, size) <= area.h:
            return size
    return block.sizes[-1]


def _points_block(look: Look, points: Sequence[Point]) -> Block:
    return Block("points", "points", look.point_paras(points), look.panel_body, look.c.text,
                 anchor="ctr", insets_pt=(20, 8, 14, 8), orphans=True)


def _points_height(sketch: Sketch, look: Look, points: Sequence[Point], width: float,
                   size: float | None = None) -> float:
    """Height of the key-points panel under a diagram: its text at ``size``."""
    if not points:
        return 0.0
    block = _points_block(look, points)
    return sketch.natural_height(block, width, size or look.ts.body)


def _points_panel(sketch: Sketch, look: Look, area: Rect, points: Sequence[Point]) -> None:
    """The optional key points under a diagram: a pale panel with a red edge."""
    if not points or area.h <= 0:
        return
    sketch.shape("rect", area, look.c.light, name="Points panel")
    sketch.shape("rect", Rect(area.x, area.y, 5, area.h), look.c.accent, name="Points edge")
    sketch.textbox(area, _points_block(look, points))


def _stack(area: Rect, diagram: float, gap: float, panel: float,
           look: Look) -> tuple[float, Rect]:
    """A diagram and the panel under it, together on the area's optical centre.

    Returns the diagram's top and the panel's rectangle.
    """
    total = diagram + (gap + panel if panel else 0)
    top = optical_top(area, total, look)
    panel_top = top + diagram + gap
    return top, Rect(area.x, panel_top, area.w, max(0.0, min(panel, area.bottom - panel_top)))


def _panel_height(natural: float, available: float) -> float:
    """Panels hug their text, but never shrink below half the space (a steady look)."""
    return min(available, max(natural + 12, available * 0.55))


def draw_comparison(sketch: Sketch, look: Look, content: ComparisonSlide) -> None:
    area = sketch.content
    gap = 86.0 if content.versus else GAP
    columns = area.columns(2, gap)
    fills = (look.c.primary, look.c.secondary)
    heading_h = 54.0
    blocks = [
        Block(f"columns[{i}].points", f"columns[{i}].points", look.list_paras(column.points),
              look.panel_body, look.c.text, insets_pt=(16, 14, 16, 10), orphans=True)
        for i, column in enumerate(content.columns)
    ]
    size = min(_largest_fitting(sketch, b, Rect(0, 0, columns[0].w, area.h - heading_h))
               for b in blocks)
    natural = max(sketch.natural_height(b, columns[0].w, size) for b in blocks)
    panel_h = _panel_height(natural, area.h - heading_h)
    top = optical_top(area, heading_h + panel_h, look)
    for index, (column, rect) in enumerate(zip(content.columns, columns, strict=True)):
        field = f"columns[{index}]"
        head = Rect(rect.x, top, rect.w, heading_h)
        heading = Block(f"{field}.heading", f"{field}.heading",
                        (Para.text(column.heading, align="ctr"),), look.heading,
                        look.on(fills[index]), bold=True, anchor="ctr", balance=True)
        sketch.shape("rect", head, fills[index], block=heading, group="headings")
        panel = head.below(panel_h)
        sketch.shape("rect", panel, look.c.light, name="Panel")
        sketch.shape("rect", Rect(panel.x, panel.bottom - 3, panel.w, 3), fills[index],
                     name="Panel edge")
        sketch.textbox(panel, blocks[index], group="points")
    if content.versus:
        size_pt = 64.0
        middle = Rect(columns[0].right + (columns[1].x - columns[0].right - size_pt) / 2,
                      top + (heading_h + panel_h) / 2 - size_pt / 2, size_pt, size_pt)
        versus = (Para.text(look.words.versus, align="ctr"),)
        badge = Block("versus", "versus", versus, (look.ts.heading,),
                      look.on(look.c.accent), bold=True, anchor="ctr", insets_pt=(0, 0, 0, 0))
        sketch.shape("ellipse", middle, look.c.accent, look.c.background, 3, badge)


def draw_pillars(sketch: Sketch, look: Look, content: PillarsSlide) -> None:
    area = sketch.content
    columns = area.columns(3, GAP)
    top_h = 130.0  # strip, number, heading and rule
    blocks = [
        Block(f"pillars[{i}].points", f"pillars[{i}].points", look.list_paras(pillar.points),
              look.panel_body, look.c.text, insets_pt=(16, 6, 16, 14), orphans=True)
        for i, pillar in enumerate(content.pillars)
    ]
    size = min(_largest_fitting(sketch, b, Rect(0, 0, columns[0].w, area.h - top_h))
               for b in blocks)
    natural = max(sketch.natural_height(b, columns[0].w, size) for b in blocks)
    height = top_h + _panel_height(natural, area.h - top_h)
    top = optical_top(area, height, look)
    for index, (pillar, column) in enumerate(zip(content.pillars, columns, strict=True)):
        field = f"pillars[{index}]"
        rect = Rect(column.x, top, column.w, height)
        sketch.shape("rect", rect, look.c.light, name="Pillar")
        sketch.shape("rect", rect.top_part(5), look.c.primary, name="Pillar top")
        number = Block(f"{field}.number", f"{field}.number", (Para.text(f"{index + 1:02d}"),),
                       (look.ts.title,), look.ink(look.c.accent, look.c.light), bold=True,
                       anchor="b",
                       insets_pt=(16, 0, 16, 0))
        sketch.textbox(Rect(rect.x, rect.y + 14, rect.w, 44), number, group="numbers")
        heading = Block(f"{field}.heading", f"{field}.heading", (Para.text(pillar.heading),),
                        look.heading, look.ink(look.c.primary, look.c.light), bold=True,
                        anchor="ctr", insets_pt=(16, 2, 16, 2), balance=True)
        heading_rect = Rect(rect.x, rect.y + 60, rect.w, 54)
        sketch.textbox(heading_rect, heading, group="headings")
        sketch.shape("rect", Rect(rect.x + 16, heading_rect.bottom + 4, 36, 3), look.c.accent,
                     name="Pillar rule")
        sketch.textbox(rect.rest_below(rect.y + top_h), blocks[index], group="points")


def draw_quote(sketch: Sketch, look: Look, content: QuoteSlide) -> None:
    area = sketch.content
    below = _points_height(sketch, look, content.points, area.w)
    quote_h = area.h - (below + 16 if below else 0)
    quote_h = max(quote_h, min(area.h, 200.0))
    top, points_rect = _stack(area, quote_h, 16, below, look)
    panel = Rect(area.x, top, area.w, quote_h)
    sketch.shape("rect", panel, look.c.light, name="Quote panel")
    sketch.shape("rect", Rect(panel.x, panel.y, 8, panel.h), look.c.accent, name="Quote edge")
    mark = Block("quote.mark", "quote mark", (Para.text("“"),), (look.ts.divider * 2,),
                 look.ink(look.c.accent, look.c.light), bold=True, insets_pt=(0, 0, 0, 0))
    sketch.textbox(Rect(panel.x + 30, panel.y + 8, 80, 100), mark)
    source_h = 40.0 if content.quote.source else 0.0
    text_rect = panel.inset(100, 30, 60, 24 + source_h)
    quote = Block("quote.text", "quote", (Para.text(content.quote.text),),
                  tuple(size_steps(look.ts.title + 4, look.ts.body_min)),
                  look.ink(look.c.primary, look.c.light), bold=True, anchor="ctr", balance=True)
    sketch.textbox(text_rect, quote)
    if content.quote.source:
        source = Block("quote.source", "quote source",
                       (Para.text(look.words.quote_source.format(source=content.quote.source),
                                  align="r"),), look.small,
                       look.c.muted, anchor="t")
        sketch.textbox(Rect(text_rect.x, text_rect.bottom, text_rect.w, source_h), source)
    _points_panel(sketch, look, points_rect, content.points)


# --- table ---------------------------------------------------------------------------------


def draw_table(sketch: Sketch, look: Look, content: TableSlide) -> None:
    """A real table: one size for every cell (the largest that fits), columns as wide as
    their text needs, the table centred on the area's optical centre."""
    table_data = content.table
    area = sketch.content
    measurer = sketch.fitter.measurer
    pad_x, pad_y = 10.0, 8.0
    n_cols = len(table_data.columns)
    grid = [list(table_data.columns), *table_data.rows]
    sizes = look.panel_body

    def one_line(text: str, size: float, bold: bool) -> float:
        """The cell's one-line width; `code` at the monospace width the lines break at."""
        pieces = spans_of(text)
        if not any(p.code for p in pieces):
            return measurer.width_pt(text, size, bold=bold)
        runs = tuple(Run(p.text, bold or p.bold, p.code) for p in pieces)
        return measurer.measure([Paragraph(runs)], 1e6, size).width_pt

    def layout(size: float) -> tuple[list[float], list[float]]:
        natural = [
            max(one_line(row[c], size, r == 0 or c == 0) for r, row in enumerate(grid))
            + 2 * pad_x
            for c in range(n_cols)
        ]
        wanted = sum(natural) * look.rules.table_width_slack
        total = min(area.w, max(wanted, area.w * 0.5))
        weights = [min(max(w, total * 0.14), total * 0.62) for w in natural]
        widths = [total * w / sum(weights) for w in weights]
        rows = []
        for r, row in enumerate(grid):
            tallest = 0.0
            for c, text in enumerate(row):
                para = Paragraph(tuple(Run(p.text, r == 0 or c == 0 or p.bold, p.code)
                                       for p in spans_of(text)))
                m = measurer.measure([para], widths[c] - 2 * pad_x, size)
                tallest = max(tallest, m.height_pt)
            rows.append(tallest + 2 * pad_y)
        return widths, rows

    chosen = sizes[-1]
    widths, row_heights = layout(chosen)
    for size in sizes:
        candidate = layout(size)
        if sum(candidate[1]) <= area.h:
            chosen, (widths, row_heights) = size, candidate
            break
    else:
        sketch.fitter.problems.append(Problem(
            f"{sketch.planned.path}.table",
            f"{sketch.where}: text overflows box 'table' by "
            f"{sum(row_heights) - area.h:.1f} pt at the smallest size {chosen:g} pt",
        ))
    width, height = sum(widths), sum(row_heights)
    rect = Rect(area.x + (area.w - width) / 2, optical_top(area, height, look), width, height)
    cells = []
    for r, row in enumerate(grid):
        line = []
        for c, text in enumerate(row):
            header, first = r == 0, c == 0
            fill = look.c.primary if header else (look.c.light if r % 2 == 0 else look.c.background)
            colour = (look.on(fill) if header else
                      look.ink(look.c.primary, fill) if first else look.c.text)
            pieces = spans_of(text)  # the outline's inline markup
            runs = tuple(Run(p.text, header or first or p.bold, p.code) for p in pieces)
            lines = tuple(measurer.break_lines(Paragraph(runs), widths[c] - 2 * pad_x, chosen))
            spans = tuple(boxes.Span(p.text, header or first or p.bold, p.italic,
                                     look.palette.link_in(colour) if p.href else colour,
                                     "code" if p.code else "body", p.href) for p in pieces)
            line.append(boxes.TableCell(
                boxes.TextBlock((boxes.Paragraph(spans),), chosen, (lines,), "t",
                                (pad_x, pad_y, pad_x, pad_y)), fill))
        cells.append(tuple(line))
    sketch.add(boxes.Box("table", rect.x, rect.y, rect.w, rect.h, name="Table", field="table",
                         table=boxes.Table(tuple(widths), tuple(row_heights), tuple(cells),
                                           (pad_x, pad_y))))


# --- diagrams ------------------------------------------------------------------------------


def draw_process(sketch: Sketch, look: Look, content: ProcessSlide) -> None:
    """Steps as a row of chevrons (the first flat-backed), their notes beneath; the row as
    wide as the step titles need (never wider than the area), centred."""
    area = sketch.content
    steps = content.steps
    n = len(steps)
    height = 84.0
    has_text = any(step.text for step in steps)
    text_h = 74.0 if has_text else 0.0
    diagram = height + (10 + text_h if has_text else 0)
    below = _points_height(sketch, look, content.points, area.w)
    top, points_rect = _stack(area, diagram, 28, below, look)
    adjust = 0.32
    point = height * adjust
    overlap = point - 5.0
    measurer = sketch.fitter.measurer
    need = max(measurer.width_pt(step.title, look.heading[0], bold=True) for step in steps)
    # A step's note sits under it in two balanced lines where it can: a step is as wide as
    # its title or half its note needs (notes were squeezed into many short lines).
    note_need = max((measurer.width_pt(step.text, look.small[0]) / 2 + 28
                     for step in steps if step.text), default=0.0)
    step_w = max(look.rules.step_width_min, need + 2 * point + 24, note_need + overlap)
    full = (area.w + (n - 1) * overlap) / n
    width = min(full, step_w)
    row = n * width - (n - 1) * overlap
    left = area.x + (area.w - row) / 2
    fills = (look.c.primary, look.c.secondary)
    for index, step in enumerate(steps):
        x = left + index * (width - overlap)
        rect = Rect(x, top, width, height)
        preset = "homePlate" if index == 0 else "chevron"
        fill = fills[index % 2]
        label = Block(
            f"steps[{index}].title", f"steps[{index}]",
            (Para((Span(f"{index + 1:02d}", colour=look.ink(look.c.light, fill)),), scale=0.7,
                  align="ctr"),
             Para.text(step.title, align="ctr")),
            look.heading, look.on(fill), bold=True, anchor="ctr", insets_pt=(4, 2, 4, 2),
            balance=True,
        )
        sketch.shape(preset, rect, fill, block=label, group="steps", adjust=adjust)
        if step.text:
            # Centred under the step's label (the shape's text rectangle: a chevron's is
            # inset by its point at both ends, the first step's only at its tip), as wide
            # as the step's share of the row.
            label_rect = text_rect(preset, rect, adjust)
            centre = label_rect.x + label_rect.w / 2
            note_w = width - overlap - 4
            inner = Rect(centre - note_w / 2, rect.bottom + 10, note_w, text_h)
            note = Block(f"steps[{index}].text", f"steps[{index}].text",
                         (Para.text(step.text, align="ctr"),), look.small, look.c.text,
                         insets_pt=(4, 2, 4, 2), balance=True)
            sketch.textbox(inner, note, group="step texts")
    _points_panel(sketch, look, points_rect, content.points)


def draw_timeline(sketch: Sketch, look: Look, content: TimelineSlide) -> None:
    """Events on a line with circle markers: label above, title and text below; as wide
    as the events need, centred."""
    area = sketch.content
    events = content.events
    has_text = any(event.text for event in events)
    label_h, title_h = 40.0, 56.0
    text_h = 64.0 if has_text else 0.0
    diagram = label_h + 32 + title_h + text_h
    below = _points_height(sketch, look, content.points, area.w)
    top, points_rect = _stack(area, diagram, 24, below, look)
    column_w = min((area.w + 12) / len(events) - 12, 260.0)
    width = len(events) * (column_w + 12) - 12
    band = Rect(area.x + (area.w - width) / 2, top, width, diagram)
    line_y = top + label_h + 12
    sketch.shape("rect", Rect(band.x, line_y - 1.5, band.w, 3), look.c.secondary,
                 name="Timeline")
    columns = band.columns(len(events), 12)
    marker = 22.0
    for index, (event, column) in enumerate(zip(events, columns, strict=True)):
        field = f"events[{index}]"
        centre = column.x + column.w / 2
        sketch.shape("ellipse", Rect(centre - marker / 2, line_y - marker / 2, marker, marker),
                     look.c.accent, look.c.background, 3, name="Marker", role="shape")
        label = Block(f"{field}.label", f"{field}.label", (Para.text(event.label, align="ctr"),),
                      look.heading, look.ink(look.c.accent), bold=True, anchor="b")
        sketch.textbox(Rect(column.x, top, column.w, label_h), label, group="labels")
        title = Block(f"{field}.title", f"{field}.title", (Para.text(event.title, align="ctr"),),
                      look.heading, look.ink(look.c.primary), bold=True, balance=True)
        title_rect = Rect(column.x, line_y + 20, column.w, title_h)
        sketch.textbox(title_rect, title, group="titles")
        if event.text:
            text = Block(f"{field}.text", f"{field}.text", (Para.text(event.text, align="ctr"),),
                         look.small, look.c.muted, balance=True)
            sketch.textbox(title_rect.below(text_h), text, group="texts")
    _points_panel(sketch, look, points_rect, content.points)


# --- pictures and charts ----------------------------------------------------------------------


def draw_image(sketch: Sketch, look: Look, content: ImageSlide, project: Path) -> None:
    """The picture scaled to fit (never cropped), centred, with alt text and a caption."""
    from PIL import Image as PILImage  # a dependency of python-pptx and reportlab

    area = sketch.content
    image = content.image
    caption_h = 34.0 if image.caption else 0.0
    box = Rect(area.x, area.y, area.w, area.h - caption_h)
    with PILImage.open(io.BytesIO(inputs.read(project / image.path))) as opened:
        width_px, height_px = opened.size
    scale = min(box.w / width_px, box.h / height_px)
    w, h = width_px * scale, height_px * scale
    x, y = box.x + (box.w - w) / 2, box.y + (box.h - h) / 2
    sketch.add(boxes.Box("image", x, y, w, h, name="Picture", field="image",
                         image=boxes.Image(image.path, image.alt, width_px, height_px)))
    if image.caption:
        caption = Block("image.caption", "caption", (Para.text(image.caption, align="ctr"),),
                        look.caption, look.c.muted, anchor="t")
        sketch.textbox(Rect(area.x, y + h + 6, area.w, caption_h - 6), caption)


def draw_chart(sketch: Sketch, look: Look, content: ChartSlide) -> None:
    """A chart from the outline's numbers, in the theme's series colours: its unit as a
    labelled line above it (not a rotated axis title), its interior laid out once
    (``design.chart``), its source as a labelled caption below."""
    area = sketch.content
    spec = content.chart
    words = look.words
    size = look.ts.body_min
    unit_h = round(size * 1.2 + 7.2, 1) if spec.unit else 0.0
    caption_h = 30.0 if spec.source else 0.0
    rect = Rect(area.x, area.y + unit_h, area.w, area.h - unit_h - caption_h)
    series = [(s.name, tuple(s.values), colour)
              for s, colour in zip(spec.series, look.palette.series(len(spec.series)),
                                   strict=True)]
    point_colours = look.palette.series(len(spec.categories))
    legend = spec.type == "pie" or len(spec.series) > 1
    axis, marks = chart_layout.lay_out(
        spec.type, spec.categories, series, point_colours, legend, rect, size,
        (look.c.text, look.c.light, look.c.muted), sketch.fitter.measurer)
    chart = boxes.Chart(
        spec.type, tuple(spec.categories),
        tuple(boxes.Series(name, values, colour) for name, values, colour in series),
        point_colours, spec.unit, size, look.c.text, look.c.light, look.c.muted, legend,
        axis=None if axis is None else (axis.low, axis.high, axis.step),
        number_format=chart_layout.NUMBER_FORMAT, percent_format=chart_layout.PERCENT_FORMAT,
        category_label_deg=next((m.rotate_deg for m in marks
                                 if isinstance(m, ChartText) and m.rotate_deg), 0.0),
        marks=marks)
    if spec.unit:
        unit = Block("chart.unit", "unit", (Para.text(words.chart_unit.format(unit=spec.unit)),),
                     (size,), look.c.muted, anchor="b")
        sketch.textbox(Rect(area.x, area.y, area.w, unit_h), unit)
    sketch.add(boxes.Box("chart", rect.x, rect.y, rect.w, rect.h, name="Chart", field="chart",
                         chart=chart))
    if spec.source:
        caption = Block("chart.source", "caption",
                        (Para.text(words.chart_source.format(source=spec.source)),),
                        look.caption, look.c.muted, anchor="t")
        sketch.textbox(Rect(area.x, rect.bottom + 4, area.w, caption_h - 4), caption)
