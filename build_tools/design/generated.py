"""The slides the plan generates around the content: title, agenda, chapter divider, closing.

Their text goes into the layout's slots when the layout has them (the house template has
them all); a customer layout without one still gets every piece of text, in the nearest
slot it does have, never silently dropped.
"""

from __future__ import annotations

from build_tools.design.geometry import Rect
from build_tools.design.kinds import Look, optical_top
from build_tools.design.sketch import Sketch
from build_tools.design.text import Block, Para, Span
from build_tools.plan import DeckPlan, PlannedSlide, chapter_label

NUMBER_SCALE = 3.0  # the divider's chapter number, relative to the divider title size


def presenter_line(look: Look, plan: DeckPlan) -> str:
    """"presenter | organisation", punctuated as the edition's language does it."""
    course = plan.course
    return look.words.presenter_line.format(presenter=course.presenter,
                                            organisation=course.organisation)


def _title(sketch: Sketch, text: str, sizes: tuple[float, ...]) -> None:
    slot = sketch.title_slot()
    block = Block("title", "title", (Para.text(text),), sizes, balance=True)
    if slot is not None:
        sketch.in_slot(slot, block)
    else:  # pragma: no cover - the template contract requires a title
        sketch.textbox(sketch.content.top_part(80), block, role="title")


def draw_title(sketch: Sketch, look: Look, plan: DeckPlan, planned: PlannedSlide,
               secondary: int, title_text: str) -> None:
    course = plan.course
    _title(sketch, title_text, look.display)
    details = tuple(
        Para.text(line)
        for line in (presenter_line(look, plan), look.words.format_date(course.date))
    )
    subtitle = sketch.subtitle_slot()
    slot = sketch.slot(secondary)
    subtitle_paras: tuple[Para, ...] = (Para.text(planned.subtitle),) if planned.subtitle else ()
    if slot is not None:
        sketch.in_slot(slot, Block("course.presenter", "details", details, look.small))
    else:
        subtitle_paras += tuple(Para(p.spans, scale=look.ts.small / look.ts.heading)
                                for p in details)
    if subtitle is not None and subtitle_paras:
        sketch.in_slot(subtitle, Block("subtitle", "subtitle", subtitle_paras, look.subtitle))


def draw_closing(sketch: Sketch, look: Look, plan: DeckPlan, planned: PlannedSlide,
                 secondary: int, title_text: str) -> None:
    sizes = tuple(s * 1.5 for s in look.display)
    _title(sketch, title_text, sizes)
    details = (Para.text(presenter_line(look, plan), align="ctr"),)
    subtitle = sketch.subtitle_slot()
    slot = sketch.slot(secondary)
    subtitle_paras: tuple[Para, ...] = (
        (Para.text(planned.subtitle, align="ctr"),) if planned.subtitle else ())
    if slot is not None:
        sketch.in_slot(slot, Block("course.presenter", "details", details, look.small))
    else:
        subtitle_paras += details
    target = subtitle if subtitle is not None else sketch.first_body({secondary})
    if target is not None and subtitle_paras:
        sketch.in_slot(target, Block("subtitle", "subtitle", subtitle_paras, look.subtitle))
    elif subtitle_paras:
        area = sketch.content
        sketch.textbox(Rect(area.x, area.y, area.w, 80),
                       Block("subtitle", "subtitle", subtitle_paras, look.heading,
                             look.c.muted))


def draw_agenda(sketch: Sketch, look: Look, planned: PlannedSlide, secondary: int,
                title_text: str) -> None:
    """Chapters as numbered rows (01, 02 …) with hairlines; two columns past seven; the
    rows on the area's optical centre."""
    _title(sketch, title_text, look.display)
    area = sketch.content
    slot = sketch.slot(secondary)
    if planned.subtitle:
        if slot is not None:
            sketch.in_slot(slot, Block("subtitle", "subtitle", (Para.text(planned.subtitle),),
                                       look.small))
        else:
            sketch.textbox(area.top_part(30), Block("subtitle", "subtitle",
                                                    (Para.text(planned.subtitle),), look.small,
                                                    look.c.muted))
            area = area.rest_below(area.y + 30)
    items = planned.agenda
    columns = area.columns(2, 24) if len(items) > 7 else [area]
    per_column = -(-len(items) // len(columns))
    row_h = min(area.h / per_column, 76.0)
    top = optical_top(area, row_h * per_column, look)
    for index, item in enumerate(items):
        column = columns[index // per_column]
        row = index % per_column
        y = top + row * row_h
        number = Block(f"agenda[{index}].number", f"agenda[{index}].number",
                       (Para.text(item.label),),
                       (look.ts.divider, look.ts.title, look.ts.heading),
                       look.ink(look.c.accent, sketch.layout.background), bold=True, anchor="ctr")
        sketch.textbox(Rect(column.x, y, 84, row_h), number, group="numbers")
        title = Block(f"agenda[{index}].title", f"agenda[{index}].title",
                      (Para.text(item.title),), look.subtitle,
                      look.ink(look.c.primary, sketch.layout.background), anchor="ctr",
                      balance=True)
        sketch.textbox(Rect(column.x + 90, y, column.w - 90, row_h), title, group="titles")
        if row < per_column - 1 and index < len(items) - 1:
            sketch.shape("rect", Rect(column.x + 8, y + row_h - 0.5, column.w - 8, 1),
                         look.c.light, name="Agenda rule")


def draw_divider(sketch: Sketch, look: Look, planned: PlannedSlide, secondary: int,
                 lead_idx: int, content_idx: int, title_text: str) -> None:
    """A large chapter number, the chapter title, its lead line and learning objectives
    (at a size read from the back of the room)."""
    chapter = planned.chapter
    assert chapter is not None
    number_text = planned.subtitle or chapter_label(chapter)
    number_slot = sketch.slot(secondary)
    if number_slot is None:
        title_text = f"{number_text}  {title_text}"
    _title(sketch, title_text, look.display)
    if number_slot is not None:
        largest = look.display[0] * NUMBER_SCALE
        sizes = (largest, largest * 5 / 6, largest * 2 / 3)
        # The layout's colour for the number (the accent), made legible on the layout's
        # background if it is not (the house red on navy: 2:1, WCAG wants 3:1 for large text).
        colour = look.palette.legible(number_slot.style.colour or look.c.accent,
                                      sketch.layout.background)
        sketch.in_slot(number_slot, Block("number", "number", (Para.text(number_text),),
                                          sizes, colour, bold=True), role="subtitle")
    objectives = sketch.slot_or_body(content_idx, {secondary, lead_idx})
    lead_slot = sketch.slot(lead_idx)
    lead = (Para((Span(planned.lead),)),) if planned.lead else ()
    if lead and lead_slot is not None:
        sketch.in_slot(lead_slot, Block("divider.lead", "lead", lead, look.heading,
                                        balance=True), role="subtitle")
        lead = ()
    paras = lead + look.list_paras(chapter.objectives)
    block = Block("objectives", "objectives", paras, look.objectives, balance=True)
    if objectives is not None:
        # The objectives may use the space down to the footer: read from the back of the
        # room, they need the size more than the layout's margin.
        floor = min((s.rect.y for s in sketch.layout.furniture()
                     if s.rect.y > objectives.rect.bottom), default=objectives.rect.bottom)
        rect = objectives.rect
        sketch.in_slot(objectives, block, rect=Rect(rect.x, rect.y, rect.w,
                                                    max(rect.h, floor - 8 - rect.y)))
    else:
        sketch.textbox(sketch.content, Block(block.field, block.box, paras, look.objectives,
                                             look.c.text))
