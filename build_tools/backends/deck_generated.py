"""The slides the plan generates around the content: title, agenda, chapter divider, closing.

Their text goes into the layout's placeholders when the layout has the slot (the house
template has them all); a customer layout without one still gets every piece of text,
in the nearest placeholder it does have, never silently dropped.
"""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE

from build_tools.backends.deck_kinds import Look
from build_tools.backends.deck_layouts import Rect
from build_tools.backends.deck_shapes import Page, pt
from build_tools.backends.deck_text import Block, Para, Span
from build_tools.plan import DeckPlan, PlannedSlide, chapter_label

NUMBER_SCALE = 3.0  # the divider's chapter number, relative to the divider title size


def presenter_line(look: Look, plan: DeckPlan) -> str:
    course = plan.course
    return look.words.presenter_line.format(presenter=course.presenter,
                                            organisation=course.organisation)


def _title(page: Page, text: str, sizes: tuple[float, ...]) -> None:
    title = page.title_placeholder()
    page.in_placeholder(title, Block("title", "title", (Para.text(text),), sizes))


def draw_title(page: Page, look: Look, plan: DeckPlan, planned: PlannedSlide, secondary: int,
               title_text: str) -> None:
    course = plan.course
    _title(page, title_text, look.display)
    details = tuple(
        Para.text(line)
        for line in (presenter_line(look, plan), look.words.format_date(course.date))
    )
    subtitle = page.subtitle_placeholder()
    slot = page.placeholder(secondary)
    subtitle_paras: tuple[Para, ...] = (Para.text(planned.subtitle),) if planned.subtitle else ()
    if slot is not None:
        page.in_placeholder(slot, Block("course.presenter", "details", details, look.small))
    else:
        subtitle_paras += tuple(Para(p.spans, scale=look.ts.small / look.ts.heading)
                                for p in details)
    if subtitle is not None and subtitle_paras:
        page.in_placeholder(subtitle, Block("subtitle", "subtitle", subtitle_paras,
                                            look.subtitle))


def draw_closing(page: Page, look: Look, plan: DeckPlan, planned: PlannedSlide, secondary: int,
                 title_text: str) -> None:
    sizes = tuple(s * 1.5 for s in look.display)
    _title(page, title_text, sizes)
    details = (Para.text(presenter_line(look, plan), align="ctr"),)
    subtitle = page.subtitle_placeholder()
    slot = page.placeholder(secondary)
    subtitle_paras: tuple[Para, ...] = (
        (Para.text(planned.subtitle, align="ctr"),) if planned.subtitle else ())
    if slot is not None:
        page.in_placeholder(slot, Block("course.presenter", "details", details, look.small))
    else:
        subtitle_paras += details
    target = subtitle if subtitle is not None else page.first_body({secondary})
    if target is not None and subtitle_paras:
        page.in_placeholder(target, Block("subtitle", "subtitle", subtitle_paras, look.subtitle))
    elif subtitle_paras:
        area = page.content
        page.textbox(Rect(area.x, area.y, area.w, pt(80)),
                     Block("subtitle", "subtitle", subtitle_paras, look.heading, look.c.muted))


def draw_agenda(page: Page, look: Look, planned: PlannedSlide, secondary: int, content_idx: int,
                title_text: str) -> None:
    """Chapters as numbered rows (01, 02 …) with hairlines; two columns past seven."""
    _title(page, title_text, look.display)
    area = page.content
    slot = page.placeholder(secondary)
    if planned.subtitle:
        if slot is not None:
            page.in_placeholder(slot, Block("subtitle", "subtitle",
                                            (Para.text(planned.subtitle),), look.small))
        else:
            page.textbox(area.top_part(30), Block("subtitle", "subtitle",
                                                  (Para.text(planned.subtitle),), look.small,
                                                  look.c.muted))
            area = area.rest_below(area.y + pt(30))
    items = planned.agenda
    columns = area.columns(2, 24) if len(items) > 7 else [area]
    per_column = -(-len(items) // len(columns))
    row_h = min(area.h_pt / per_column, 76.0)
    for index, item in enumerate(items):
        column = columns[index // per_column]
        row = index % per_column
        top = column.y + (column.h - pt(row_h * per_column)) // 2 + pt(row * row_h)
        number = Block(f"agenda[{index}].number", f"agenda[{index}].number",
                       (Para.text(item.label),),
                       (look.ts.divider, look.ts.title, look.ts.heading), look.c.accent,
                       bold=True, anchor="ctr")
        page.textbox(Rect(column.x, top, pt(84), pt(row_h)), number, group="numbers")
        title = Block(f"agenda[{index}].title", f"agenda[{index}].title",
                      (Para.text(item.title),), look.subtitle,
                      look.c.primary, anchor="ctr")
        page.textbox(Rect(column.x + pt(90), top, column.w - pt(90), pt(row_h)), title,
                     group="titles")
        if row < per_column - 1 and index < len(items) - 1:
            page.shape(MSO_SHAPE.RECTANGLE,
                       Rect(column.x + pt(8), top + pt(row_h) - pt(0.5), column.w - pt(8), pt(1)),
                       look.c.light, name="Agenda rule")
    body = page.placeholder(content_idx)
    if body is not None:
        page.forget(body)


def draw_divider(page: Page, look: Look, planned: PlannedSlide, secondary: int, lead_idx: int,
                 content_idx: int, title_text: str) -> None:
    """A large chapter number, the chapter title, its lead line and learning objectives."""
    chapter = planned.chapter
    assert chapter is not None
    number_text = planned.subtitle or chapter_label(chapter)
    number_slot = page.placeholder(secondary)
    if number_slot is None:
        title_text = f"{number_text}  {title_text}"
    _title(page, title_text, look.display)
    if number_slot is not None:
        largest = look.display[0] * NUMBER_SCALE
        sizes = (largest, largest * 5 / 6, largest * 2 / 3)
        page.in_placeholder(number_slot, Block("number", "number", (Para.text(number_text),),
                                               sizes, bold=True))
    objectives = page.slot_or_body(content_idx, {secondary, lead_idx})
    lead_slot = page.placeholder(lead_idx)
    lead = (Para((Span(planned.lead),)),) if planned.lead else ()
    if lead and lead_slot is not None:
        page.in_placeholder(lead_slot, Block("divider.lead", "lead", lead, look.heading))
        lead = ()
    paras = lead + look.list_paras(chapter.objectives)
    block = Block("objectives", "objectives", paras, look.small)
    if objectives is not None:
        page.in_placeholder(objectives, block)
    else:
        page.textbox(page.content, Block(block.field, block.box, paras, look.small,
                                         look.c.text))


