"""The three handout layouts, each a function from the plan to flowables.

- ``notes``: three slides a page, PowerPoint-style: the miniature next to lines for notes,
  the slide's handout text below. Sections start on a new page.
- ``article``: a reading handout: per chapter a banner and its objectives, per slide its
  title, key points (per kind) and handout text, flowing.
- ``grid``: six miniatures a page with a few lines under each.

All three follow the plan's order and numbers and emit the same marks (bookmarks, contents
targets, running heads); none reads speaker notes or trainer notes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, PageBreak, Spacer, Table

from build_tools import inputs
from build_tools.backends.handout.matter import Entry, section_key, slide_key
from build_tools.backends.handout.miniature import Miniature, draw_box
from build_tools.backends.handout.pages import Anchor, Mark, place_marks
from build_tools.backends.handout.parts import Parts, draw_ruled
from build_tools.backends.handout.styles import centred, colour
from build_tools.backends.handout.text import (
    Block,
    LeanFlowable,
    MeasuredParagraph,
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
    ProcessSlide,
    QuoteSlide,
    TableSlide,
    TimelineSlide,
)
from build_tools.plan import PlannedSlide, Section

LAYOUTS = ("notes", "article", "grid")
WHITE = "FFFFFF"


def section_marks(parts: Parts, index: int, section: Section, slide: PlannedSlide) -> list[Mark]:
    """Marks for a slide; the first slide of a section also marks the section."""
    marks = []
    if slide is section.first:
        marks.append(Mark(section_key(index), section.name, 0, section.name))
    marks.append(Mark(slide_key(slide.number), parts.bookmark(slide), 1, section.name))
    return marks


def slide_entries(parts: Parts) -> list[Entry]:
    """Contents entries for layouts that print every section (notes, grid)."""
    return [Entry(section.name, section_key(index), section.chapter is not None)
            for index, section in enumerate(parts.kit.plan.sections)]


def chapter_entries(parts: Parts) -> list[Entry]:
    return [Entry(section.name, section_key(index), True)
            for index, section in enumerate(parts.kit.plan.sections)
            if section.chapter is not None]


# --- notes -----------------------------------------------------------------------------------


class NotesEntry(LeanFlowable):
    """Caption, then the miniature beside ruled lines, then the handout text.

    At least ``min_height`` tall, so three entries share a page evenly; an entry too tall
    for a whole page gives up its text to flow on (``split``).
    """

    def __init__(
        self, parts: Parts, slide: PlannedSlide, marks: Sequence[Mark], min_height: float,
        texts: Sequence[Flowable],
    ) -> None:
        super().__init__()
        self.parts, self.slide, self.marks, self.min_height = parts, slide, marks, min_height
        styles = parts.styles
        self.caption = parts.slide_caption(slide, styles.h3)
        self.texts = list(texts)
        self.gap = styles.body_pt * 0.6
        self._heights: list[float] = []

    def _mini_width(self, width: float) -> float:
        return width * 0.44

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        kit = self.parts.kit
        self.miniature = Miniature(kit.design(self.slide.number), kit,
                                   self._mini_width(availWidth), self.parts.draft)
        heights = [self.caption.wrap(availWidth, availHeight)[1],
                   self.miniature.wrap(availWidth, availHeight)[1]]
        heights += [text.wrap(availWidth, availHeight)[1] for text in self.texts]
        self._heights = heights
        spaces = self.gap * (len(heights) - 1)
        self.height = max(self.min_height, sum(heights) + spaces + self.gap)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight + 1e-6 or self.height <= self.parts.frame_height:
            return []  # fits here, or on a fresh page
        head = NotesEntry(self.parts, self.slide, self.marks, 0, [])
        return [head, *self.texts]

    def draw(self) -> None:
        if drafting(self.canv):
            return
        canvas, parts = self.canv, self.parts
        colours, styles = parts.theme.colours, parts.styles
        y = self.height
        place_top = y
        y -= self._heights[0]
        self.caption.drawOn(canvas, 0, y)
        y -= self.gap * 0.5 + self._heights[1]
        self.miniature.drawOn(canvas, 0, y)
        lines_left = self.miniature.width + styles.body_pt * 1.5
        draw_ruled(canvas, colours.muted, lines_left, y,
                   self.width - lines_left, self._heights[1], styles.body_pt * 2.1)
        for text, height in zip(self.texts, self._heights[2:], strict=True):
            y -= self.gap + height
            text.drawOn(canvas, 0, y)
        if not self.texts:
            # No handout text (a generated slide): the room below is for notes too.
            spacing = styles.body_pt * 2.1
            room = y - self.gap - styles.body_pt
            if room >= spacing:
                draw_ruled(canvas, colours.muted, 0, y - self.gap - room, self.width, room,
                           spacing)
        canvas.saveState()
        canvas.setStrokeColor(colour(colours.light))
        canvas.setLineWidth(0.8)
        canvas.line(0, 1, self.width, 1)
        canvas.restoreState()
        place_marks(canvas, self.marks, place_top)


def notes_story(parts: Parts) -> tuple[list[Entry], list[Flowable]]:
    plan, styles = parts.kit.plan, parts.styles
    min_height = (parts.frame_height - 1) / 3
    story: list[Flowable] = []
    for index, section in enumerate(plan.sections):
        story.append(PageBreak())
        for slide in section.slides:
            texts = parts.paragraphs(slide.handout, styles.handout_text) if slide.handout else []
            story.append(NotesEntry(parts, slide, section_marks(parts, index, section, slide),
                                    min_height, texts))
    return slide_entries(parts), story


# --- grid ------------------------------------------------------------------------------------


class GridRow(LeanFlowable):
    """Up to ``columns`` slides side by side: caption, miniature, a few lines to write on."""

    def __init__(
        self, parts: Parts, slides: Sequence[tuple[PlannedSlide, Sequence[Mark]]],
        columns: int, height: float,
    ) -> None:
        super().__init__()
        self.parts, self.slides, self.columns = parts, list(slides), columns
        self.height = height
        self.marks = [mark for _, marks in slides for mark in marks]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return self.width, self.height

    def draw(self) -> None:
        if drafting(self.canv):
            return
        parts, canvas = self.parts, self.canv
        styles, colours = parts.styles, parts.theme.colours
        gap = styles.body_pt * 1.6
        cell = (self.width - gap * (self.columns - 1)) / self.columns
        for index, (slide, marks) in enumerate(self.slides):
            left = index * (cell + gap)
            canvas.saveState()
            canvas.translate(left, 0)
            caption = parts.slide_caption(slide, styles.small)
            caption_height = caption.wrap(cell, self.height)[1]
            top = self.height - styles.body_pt * 0.4
            caption.drawOn(canvas, 0, top - caption_height)
            miniature = Miniature(parts.kit.design(slide.number), parts.kit, cell, parts.draft)
            mini_top = top - caption_height - styles.body_pt * 0.3
            miniature.drawOn(canvas, 0, mini_top - miniature.height)
            lines_top = mini_top - miniature.height - styles.body_pt * 0.4
            draw_ruled(canvas, colours.muted, 0, styles.body_pt * 1.2, cell,
                       lines_top - styles.body_pt * 1.2, styles.body_pt * 2)
            place_marks(canvas, marks, top)
            canvas.restoreState()
        canvas.saveState()
        canvas.setStrokeColor(colour(colours.light))
        canvas.setLineWidth(0.8)
        canvas.line(0, 1, self.width, 1)
        canvas.restoreState()


def grid_story(parts: Parts, columns: int = 2, rows: int = 3) -> tuple[list[Entry],
                                                                       list[Flowable]]:
    """Six to a page, in plan order; a section starts on a new row, so its first slide
    carries its mark and its running head."""
    plan = parts.kit.plan
    height = (parts.frame_height - 1) / rows
    story: list[Flowable] = [PageBreak()]
    for index, section in enumerate(plan.sections):
        slides = [(slide, section_marks(parts, index, section, slide)) for slide in
                  section.slides]
        for start in range(0, len(slides), columns):
            story.append(GridRow(parts, slides[start:start + columns], columns, height))
    return slide_entries(parts), story


# --- article ---------------------------------------------------------------------------------


class ChapterBanner(LeanFlowable):
    """The chapter's opening: navy band, red number, white title, lead line."""

    def __init__(self, parts: Parts, slide: PlannedSlide, marks: Sequence[Mark]) -> None:
        super().__init__()
        self.parts, self.slide, self.marks = parts, slide, marks

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.parts.styles.heading_pt * 6.2
        return self.width, self.height

    def draw(self) -> None:
        if drafting(self.canv):
            return
        parts, canvas, slide = self.parts, self.canv, self.slide
        colours, kit = parts.theme.colours, parts.kit
        heading = parts.styles.heading_pt
        canvas.saveState()
        canvas.setFillColor(colour(colours.primary))
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canvas.setFillColor(colour(colours.accent))
        canvas.rect(0, 0, self.width, 4, stroke=0, fill=1)
        pad = heading * 1.1
        number_width = heading * 4.2
        if slide.subtitle:
            draw_blocks(canvas, kit.fonts, kit.breaker, [Block((Span(slide.subtitle, True),))],
                        (pad, pad, number_width, self.height - 2 * pad),
                        (heading * 3.2, heading * 2), colours.accent, valign="middle")
        blocks = [Block((Span(slide.title, True),))]
        chapter = slide.path.rsplit(".", 1)[0]  # "chapters[0].divider" -> "chapters[0]"
        field = f"{chapter}.title"
        if slide.lead:
            blocks.append(Block((Span(slide.lead, colour=colours.light),), 0.55))
            field = f"{slide.path}.lead"  # the title fits the deck's divider; the lead adds
        draw_blocks(canvas, kit.fonts, kit.breaker, blocks,
                    (pad + number_width, pad * 0.8, self.width - number_width - 2 * pad,
                     self.height - 1.6 * pad), (heading * 1.6, heading), WHITE, valign="middle",
                    field=field)
        canvas.restoreState()
        place_marks(canvas, self.marks, self.height)


def article_story(parts: Parts) -> tuple[list[Entry], list[Flowable]]:
    plan, styles, labels = parts.kit.plan, parts.styles, parts.labels
    story: list[Flowable] = []
    for index, section in enumerate(plan.sections):
        chapter = section.chapter
        if chapter is None:
            continue  # the title and agenda are the cover and contents; closing has no text
        divider = section.first
        story += [PageBreak(), ChapterBanner(parts, divider, [
            Mark(section_key(index), section.name, 0, section.name),
            Mark(slide_key(divider.number), None, 1, section.name),
        ]), Spacer(1, styles.body_pt)]
        story.append(KeepTogether([
            parts.text(labels.objectives, styles.kicker), *parts.bullets(chapter.objectives),
        ]))
        for slide in section.slides:
            if slide.generated:
                continue
            mark = Mark(slide_key(slide.number), parts.bookmark(slide), 1, section.name)
            body = key_points(parts, slide)
            if slide.handout:
                body += [Spacer(1, styles.body_pt * 0.7),
                         *parts.paragraphs(slide.handout, styles.body)]
            head = [Anchor(mark), Spacer(1, styles.body_pt * 0.8),
                    parts.slide_caption(slide, styles.h2)]
            story.append(KeepTogether(head + body[:1]))
            story += body[1:]
    return chapter_entries(parts), story


def key_points(parts: Parts, slide: PlannedSlide) -> list[Flowable]:
    """A content slide's key points as flowing text, per kind."""
    content, styles, colours = slide.content, parts.styles, parts.theme.colours
    width = parts.frame_width
    if isinstance(content, BulletsSlide):
        return parts.points(content.points)
    if isinstance(content, ComparisonSlide | PillarsSlide):
        columns = content.columns if isinstance(content, ComparisonSlide) else content.pillars
        header = [parts.text(c.heading, styles.cell_head) for c in columns]
        body = [parts.bullets(c.points, styles.body_bullet) for c in columns]
        return [parts.table([header, body], [width / len(columns)] * len(columns),
                            stripes=False)]
    if isinstance(content, TableSlide):
        table = content.table
        weights = [max(parts.kit.breaker.width_em(row[i]) for row in [table.columns,
                   *table.rows]) for i in range(len(table.columns))]
        weights = [min(max(w, 4.0), 30.0) for w in weights]
        rows: list[list[Flowable]] = [[parts.text(c, styles.cell_head) for c in table.columns]]
        rows += [[parts.text(cell, styles.cell, bold=i == 0) for i, cell in enumerate(row)]
                 for row in table.rows]
        return [parts.table(rows, [width * w / sum(weights) for w in weights])]
    if isinstance(content, ProcessSlide):
        steps = [
            parts.para([Span(step.title, True, colours.primary),
                        *([Span(parts.labels.lead_separator + step.text)] if step.text else [])],
                       styles.numbered, f"{number}")
            for number, step in enumerate(content.steps, 1)
        ]
        return steps + parts.points(content.points)
    if isinstance(content, TimelineSlide):
        events = [
            parts.para([Span(event.label, True, colours.accent), Span("  "),
                        Span(event.title, True, colours.primary),
                        *([Span(parts.labels.lead_separator + event.text)] if event.text
                          else [])], styles.body_bullet, "●")
            for event in content.events
        ]
        return events + parts.points(content.points)
    if isinstance(content, QuoteSlide):
        quote: list[Flowable] = [parts.text(content.quote.text, styles.quote, True,
                                            colours.primary)]
        if content.quote.source:
            quote.append(parts.text(
                parts.labels.quote_source.format(source=content.quote.source), styles.small))
        box = Table([[quote]], colWidths=[width], style=[
            ("BACKGROUND", (0, 0), (-1, -1), colour(colours.light)),
            ("LINEBEFORE", (0, 0), (0, -1), 3, colour(colours.accent)),
            ("FONTNAME", (0, 0), (-1, -1), styles.fonts.regular),
            ("LEFTPADDING", (0, 0), (-1, -1), 12), ("TOPPADDING", (0, 0), (-1, -1), 8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ])
        return [box, Spacer(1, styles.body_pt * 0.5), *parts.points(content.points)]
    if isinstance(content, ImageSlide):
        path = parts.kit.image_path(content.image.path)
        image = Image(io.BytesIO(inputs.read(path)))
        ratio = min(width * 0.7 / image.imageWidth, 70 * mm / image.imageHeight)
        image.drawWidth, image.drawHeight = image.imageWidth * ratio, image.imageHeight * ratio
        image.hAlign = "CENTER"
        caption = content.image.caption or content.image.alt
        return [KeepTogether([image, parts.text(caption, centred(styles.caption, "figure"))])]
    if isinstance(content, ChartSlide):
        return [ChartFlowable(parts, slide.number, width, 85 * mm),
                *data_table(parts, content.chart)]
    return []


class ChartFlowable(LeanFlowable):
    """The slide's chart as a figure: its unit line, chart box and source caption as the
    design laid them out (the very boxes the deck and the miniature draw), scaled to fit."""

    def __init__(self, parts: Parts, number: int, width: float, height: float) -> None:
        super().__init__()
        self.parts, self.number = parts, number
        design = parts.kit.design(number)
        self.boxes = [b for b in design.boxes if b.field.split(".")[0] == "chart"]
        x0 = min(b.x_pt for b in self.boxes)
        y0 = min(b.y_pt for b in self.boxes)
        x1 = max(b.x_pt + b.width_pt for b in self.boxes)
        y1 = max(b.y_pt + b.height_pt for b in self.boxes)
        self.area = (x0, y0, x1 - x0, y1 - y0)
        self.page_height = design.height_pt
        self.scale = min(width / self.area[2], height / self.area[3])
        self.width, self.height = self.area[2] * self.scale, self.area[3] * self.scale
        self.hAlign = "CENTER"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        if drafting(self.canv):
            return
        canvas = self.canv
        x, y, _, h = self.area
        canvas.saveState()
        canvas.scale(self.scale, self.scale)
        canvas.translate(-x, -(self.page_height - y - h))
        for box in self.boxes:
            draw_box(canvas, box, self.page_height, self.parts.kit)
        canvas.restoreState()


def data_table(parts: Parts, chart: Chart) -> list[Flowable]:
    """The chart's numbers as a table: readable in print and by a screen reader."""
    styles = parts.styles
    header: list[Flowable] = [parts.text(chart.unit or "", styles.cell_head)] if chart.unit \
        else [MeasuredParagraph([], styles.cell_head, parts.kit.breaker)]
    header += [parts.text(category, styles.cell_head) for category in chart.categories]
    rows: list[list[Flowable]] = [header]
    for series in chart.series:
        rows.append([parts.text(series.name, styles.cell, True)] + [
            parts.text(f"{value:g}", styles.cell) for value in series.values])
    count = len(chart.categories) + 1
    return [Spacer(1, styles.body_pt * 0.4), parts.table(rows, [parts.frame_width / count] *
                                                         count)]
