"""Front and back matter: cover, course information, contents; takeaways, glossary, quiz,
references.

Only attendee material goes here. Quiz answers and explanations, discussion hints, speaker
notes and trainer notes are trainer-only and are never read by this module; a quiz prints
its options with boxes to tick.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from build_tools.backends.handout.parts import ContentsLine, Parts, Rule, RuledLines
from build_tools.backends.handout.styles import colour
from build_tools.backends.handout.text import Block, Span, draw_blocks
from build_tools.outline import inline
from build_tools.plan import DeckPlan, PlannedQuestion, Section

WHITE = "FFFFFF"


@dataclass(frozen=True)
class Entry:
    """A contents entry: its title, the mark it links to, and whether it is a chapter."""

    title: str
    key: str
    chapter: bool


# --- keys: one name per place, shared by contents, bookmarks and the layouts -------------


def section_key(index: int) -> str:
    return f"section-{index}"


def slide_key(number: int) -> str:
    return f"slide-{number}"


INFO_KEY, CONTENTS_KEY = "course-info", "contents"
TAKEAWAYS_KEY, GLOSSARY_KEY, QUIZ_KEY, REFERENCES_KEY = (
    "takeaways", "glossary", "quiz", "references")


# --- cover ---------------------------------------------------------------------------------


def paint_cover(canvas: Canvas, parts: Parts, page_size: tuple[float, float]) -> None:
    """The cover, drawn on the page: navy field with the title, details below."""
    course, theme = parts.kit.plan.course, parts.theme
    colours, labels = theme.colours, parts.labels
    kit = parts.kit
    width, height = page_size
    margin = theme.handout.margin_mm * mm * 1.4
    heading = theme.handout.heading_pt
    field = height * 0.55
    canvas.saveState()
    canvas.setFillColor(colour(colours.primary))
    canvas.rect(0, height - field, width, field, stroke=0, fill=1)
    canvas.setFillColor(colour(colours.secondary))
    canvas.rect(width * 0.8, height - field, width * 0.2, field, stroke=0, fill=1)
    canvas.setFillColor(colour(colours.accent))
    canvas.rect(0, height - field - 5, width, 5, stroke=0, fill=1)
    text_width = width * 0.8 - 2 * margin
    draw_blocks(canvas, kit.fonts, kit.breaker, [Block((Span(labels.document, True),))],
                (margin, height - margin - heading, text_width, heading * 1.4),
                (heading * 0.8, heading * 0.8), colours.light)
    rule_y = height - field * 0.5
    canvas.setFillColor(colour(colours.accent))
    canvas.rect(margin, rule_y, 26 * mm, 3, stroke=0, fill=1)
    draw_blocks(canvas, kit.fonts, kit.breaker, [Block((Span(course.title, True),))],
                (margin, rule_y + heading, text_width, field * 0.5 - margin - heading * 3),
                (heading * 2.2, heading * 1.3), WHITE, valign="bottom", balance=True,
                field="course.title")
    if course.subtitle:
        draw_blocks(canvas, kit.fonts, kit.breaker, [Block((Span(course.subtitle),))],
                    (margin, rule_y - heading * 0.8 - heading * 3, text_width, heading * 3),
                    (heading * 1.1, heading * 0.8), colours.light, field="course.subtitle")
    rows = [(labels.presenter, course.presenter, "course.presenter"),
            (labels.organisation, course.organisation, "course.organisation"),
            (labels.date, parts.kit.date(course.date), None)]
    row_height = heading * 2.4
    top = height - field - 24 * mm
    for index, (label, value, source) in enumerate(rows):
        y = top - index * row_height
        draw_blocks(canvas, kit.fonts, kit.breaker, [Block((Span(label),))],
                    (margin, y, 34 * mm, row_height), (heading * 0.7, heading * 0.6),
                    colours.muted, valign="middle")
        draw_blocks(canvas, kit.fonts, kit.breaker, [Block((Span(value, True),))],
                    (margin + 36 * mm, y, width - 2 * margin - 36 * mm, row_height),
                    (heading * 0.95, heading * 0.7), colours.primary, valign="middle",
                    field=source)
        canvas.setStrokeColor(colour(colours.light))
        canvas.setLineWidth(0.8)
        canvas.line(margin, y, width - margin, y)
    canvas.restoreState()


# --- front matter ----------------------------------------------------------------------------


def front_matter(parts: Parts, entries: Sequence[Entry]) -> list[Flowable]:
    """Course information (with each chapter's objectives) and the contents."""
    plan = parts.kit.plan
    course, labels, styles = plan.course, parts.labels, parts.styles
    width = parts.frame_width
    story: list[Flowable] = [*parts.part_heading(INFO_KEY, labels.course_info)]
    facts = [
        (labels.presenter, course.presenter), (labels.organisation, course.organisation),
        (labels.date, parts.kit.date(course.date)), (labels.start, course.start),
        (labels.duration, labels.minutes.format(minutes=course.duration)),
        (labels.audience, course.audience),
    ]
    story.append(parts.table(
        [[parts.text(label, styles.cell, True, parts.theme.colours.primary),
          parts.text(value, styles.cell)] for label, value in facts],
        [width * 0.22, width * 0.78], header=False,
    ))
    story += [Spacer(1, styles.body_pt), parts.text(labels.schedule, styles.h2)]
    story.append(parts.table(
        [[parts.text(when, styles.cell), parts.text(what, styles.cell, bold)]
         for when, what, bold in schedule(parts, plan)],
        [width * 0.22, width * 0.78], header=False,
    ))
    story += objectives(parts, story)
    story += [PageBreak(), *parts.part_heading(CONTENTS_KEY, labels.contents)]
    for entry in entries:
        style = styles.contents_chapter if entry.chapter else styles.contents_entry
        story.append(ContentsLine(parts, [Span(entry.title)], entry.key, style,
                                  0 if entry.chapter else styles.body_pt * 1.5))
    return story


def objectives(parts: Parts, above: Sequence[Flowable]) -> list[Flowable]:
    """Every chapter's objectives, ending the course-information page that ``above`` begins.

    The contents start a new page, so what does not fit here would sit alone on an
    otherwise empty page (a 4-chapter course printed one chapter's objectives by
    themselves). So: a chapter's heading and its list are one block; the blocks stay in one
    column when the page holds them, go two to a row when only that fits, and otherwise
    start a page of their own (two to a row when one column overflows that page too), so
    the facts and schedule fill one page and the objectives the next.
    """
    styles, width, height = parts.styles, parts.frame_width, parts.frame_height
    heading: list[Flowable] = [Spacer(1, styles.body_pt), parts.text(parts.labels.objectives,
                                                                      styles.h2)]
    blocks = [[parts.text(section.name, styles.h3), *parts.bullets(section.chapter.objectives)]
              for section in parts.kit.plan.chapter_sections() if section.chapter is not None]
    column = [KeepTogether(block) for block in blocks]
    column_height = sum(stack_height(block, width, height) for block in blocks)
    paired = [_paired(parts, blocks)]
    room = height - stack_height(above, width, height) - stack_height(heading, width, height)
    if column_height <= room:
        return [*heading, *column]
    if stack_height(paired, width, height) <= room:
        return [*heading, *paired]
    if column_height <= height - stack_height(heading[1:], width, height):
        return [PageBreak(), *heading[1:], *column]
    return [PageBreak(), *heading[1:], *paired]


def _paired(parts: Parts, blocks: Sequence[Sequence[Flowable]]) -> Table:
    """The blocks two to a row, in reading order; a row never splits (a block keeps its
    heading), the table does between rows."""
    gap = parts.styles.body_pt * 1.5
    half = (parts.frame_width - gap) / 2
    rows = [[list(blocks[index]), list(blocks[index + 1]) if index + 1 < len(blocks) else ""]
            for index in range(0, len(blocks), 2)]
    return Table(rows, colWidths=[half + gap, half], hAlign="LEFT", style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), gap),
        ("RIGHTPADDING", (1, 0), (1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), parts.styles.body_pt * 0.5),
    ]))


def stack_height(flowables: Sequence[Flowable], width: float, height: float) -> float:
    """The height ``flowables`` take in a frame ``width`` wide, spaces included: an upper
    bound (a frame drops the space before its first flowable), so what fits by this
    measure fits on the page. Wrapping here is safe: the build wraps every flowable again.
    """
    return sum(flowable.wrap(width, height)[1] + flowable.getSpaceBefore()
               + flowable.getSpaceAfter() for flowable in flowables)


def schedule(parts: Parts, plan: DeckPlan) -> list[tuple[str, str, bool]]:
    """(time range, what, is a chapter): the plan's timeline (sections, discussions, breaks)."""
    words = parts.labels
    return [
        (_range(parts, slot.start, slot.end),
         slot.name if slot.kind != "discussion" else words.discussion,
         slot.kind == "section" and slot.chapter is not None)
        for slot in plan.timeline
    ]


def _range(parts: Parts, start: dt.datetime, end: dt.datetime) -> str:
    return parts.labels.time_range.format(start=f"{start:%H:%M}", end=f"{end:%H:%M}")


# --- back matter -----------------------------------------------------------------------------


def back_entries(parts: Parts) -> list[Entry]:
    plan, labels = parts.kit.plan, parts.labels
    entries = [Entry(labels.takeaways, TAKEAWAYS_KEY, True)]
    if plan.glossary:
        entries.append(Entry(labels.glossary, GLOSSARY_KEY, True))
    if plan.quiz:
        entries.append(Entry(labels.quiz, QUIZ_KEY, True))
    if plan.references:
        entries.append(Entry(labels.references, REFERENCES_KEY, True))
    return entries


def back_matter(parts: Parts) -> list[Flowable]:
    plan = parts.kit.plan
    labels, styles = parts.labels, parts.styles
    story: list[Flowable] = [PageBreak(), *parts.part_heading(TAKEAWAYS_KEY, labels.takeaways)]
    for section in plan.chapter_sections():
        story += _takeaways(parts, section)
    if plan.glossary:
        width = parts.frame_width
        story += [PageBreak(), *parts.part_heading(GLOSSARY_KEY, labels.glossary)]
        rows = [[parts.text(labels.term, styles.cell_head), parts.text(labels.definition,
                                                                          styles.cell_head)]]
        rows += [[parts.text(t.term, styles.cell, True, parts.theme.colours.primary),
                  parts.text(t.definition, styles.cell)] for t in plan.glossary]
        story.append(parts.table(rows, [width * 0.26, width * 0.74]))
    if plan.quiz:
        story += [PageBreak(), *parts.part_heading(QUIZ_KEY, labels.quiz)]
        story += _quiz(parts, plan)
    if plan.references:
        story += [PageBreak(), *parts.part_heading(REFERENCES_KEY, labels.references)]
        for index, ref in enumerate(plan.references, 1):
            pattern = labels.reference + (labels.reference_note if ref.note else "")
            text = inline.format_rich(pattern, title=ref.title, issuer=ref.issuer,
                                      year=ref.year, note=ref.note)
            story.append(parts.para([Span(text)], styles.body_bullet, f"[{index}]"))
    return story


SHORT_TAKEAWAYS = 6  # a chapter block with this many takeaways or fewer is never split


def _takeaways(parts: Parts, section: Section) -> list[Flowable]:
    chapter, labels, styles = section.chapter, parts.labels, parts.styles
    assert chapter is not None
    colours = parts.theme.colours
    head = [parts.text(section.name, styles.h2), Rule(colours.primary, 0.6, 1.0, 4)]
    items = parts.bullets(chapter.takeaways)
    discussion = [
        Spacer(1, styles.body_pt * 0.4),
        parts.para([Span(labels.discussion + labels.lead_separator, True, colours.accent),
                    Span(chapter.discussion.question)], styles.body),
        RuledLines(colours.muted, styles.body_pt * 2.2, 3),
    ]
    # A chapter's block is short: kept whole on one page, its discussion question with its
    # takeaways (it used to start the next page alone). A long one keeps its heading with
    # the first two takeaways and its last takeaway with the question.
    if len(items) <= SHORT_TAKEAWAYS:
        return [parts.keep(*head, *items, *discussion)]
    return [parts.keep(*head, *items[:2]), *items[2:-1], parts.keep(items[-1], *discussion)]


def _quiz(parts: Parts, plan: DeckPlan) -> list[Flowable]:
    """The plan's groups and numbers, as the notes print them (answers never shown)."""
    story: list[Flowable] = []
    for group in plan.quiz:
        for position, question in enumerate(group.questions):
            heading: list[Flowable] = []
            if position == 0 and group.name is not None:
                heading = [parts.text(group.name, parts.styles.h3)]
            story.append(parts.keep(*heading, *_question(parts, question)))
    return story


def _question(parts: Parts, question: PlannedQuestion) -> list[Flowable]:
    labels, styles, colours = parts.labels, parts.styles, parts.theme.colours
    kind = getattr(labels.quiz_types, question.type)
    lines: list[Flowable] = [parts.para(
        [Span(f"{question.number}. ", True, colours.primary),
         Span(f"[{kind}] ", False, colours.accent), Span(question.question)], styles.body)]
    for index, option in enumerate(question.options):
        letter = labels.option.format(letter=chr(ord("A") + index))
        lines.append(parts.para([Span(f"{letter} ", True), Span(option)], styles.option, "□"))
    lines.append(Spacer(1, styles.body_pt * 0.6))
    return lines
