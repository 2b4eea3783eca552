"""Which slides the build generates (title, agenda, chapter dividers, closing) and where
the chapters are: PowerPoint sections first, else divider slides, else one chapter.

The generated slides are recognised so that importing one of our decks does not turn them
into content (the build would generate them again): by layout name where the deck keeps
it, else by position and title words (``words.yaml``), else by shape (a divider is a
title with one large chapter number, as our dividers and most hand-made ones are).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_tools.importer.deck import ChartItem, DeckData, PictureItem, SlideData, TableItem
from build_tools.importer.words import key, strip_page_suffix, words

_CHAPTER_NUMBER = re.compile(
    r"^(\d{1,3}|第[一二三四五六七八九十百零\d]+[章部分节篇]|(chapter|part|section|module)\s*\d+)$",
    re.IGNORECASE,
)
_SECTION_NUMBER = re.compile(
    r"^\s*(\d{1,3}[.、．]?\s+|第[一二三四五六七八九十百零\d]+[章部分节篇]\s*)"
)


@dataclass
class ChapterData:
    title: str
    divider: SlideData | None
    slides: list[SlideData] = field(default_factory=list)


@dataclass
class Structure:
    title: SlideData | None
    agendas: list[SlideData]
    closing: SlideData | None
    chapters: list[ChapterData]
    source: str  # "sections", "dividers" or "one chapter"
    roles: dict[int, str] = field(default_factory=dict)  # slide number -> role


def find_structure(deck: DeckData) -> Structure:
    slides = list(deck.slides)
    roles: dict[int, str] = {}
    title = slides[0] if slides and is_title_slide(slides[0]) else None
    if title is not None:
        roles[title.number] = "title"
    agendas = []
    start = 1 if title is not None else 0
    for slide in slides[start:]:
        if not is_agenda_slide(slide):
            break
        agendas.append(slide)
        roles[slide.number] = "agenda"
    closing = slides[-1] if len(slides) > 1 and is_closing_slide(slides[-1]) else None
    if closing is not None and closing.number not in roles:
        roles[closing.number] = "closing"
    else:
        closing = None
    for slide in slides:
        if slide.number not in roles and is_divider_slide(slide):
            roles[slide.number] = "divider"
    body = [s for s in slides if roles.get(s.number) not in ("title", "agenda", "closing")]
    chapters = _from_sections(deck, body, roles)
    source = "sections"
    if not chapters:
        chapters, source = _from_dividers(body, roles), "dividers"
    if not chapters:
        chapters, source = [ChapterData("", None, body)], "one chapter"
    for slide in body:
        roles.setdefault(slide.number, "content")
    return Structure(title, agendas, closing, chapters, source, roles)


def _layout(slide: SlideData) -> str:
    return key(slide.layout)


def is_title_slide(slide: SlideData) -> bool:
    if _layout(slide) in words().title_layouts or slide.layout_type == "title":
        return True
    has_subtitle = bool(slide.texts("subtitle"))
    busy = slide.of(TableItem) or slide.of(ChartItem)
    return has_subtitle and not busy


def is_agenda_slide(slide: SlideData) -> bool:
    if _layout(slide) in words().agenda_layouts:
        return True
    return key(strip_page_suffix(slide.title)) in words().agenda_titles


def is_closing_slide(slide: SlideData) -> bool:
    if _layout(slide) in words().closing_layouts:
        return True
    return bool(slide.title) and key(slide.title) in words().closing_titles


def chapter_number(slide: SlideData) -> str | None:
    """The one bare chapter number ('01', '第一章', 'Part 2') on a slide, if exactly one."""
    found = [t.text.strip() for t in slide.texts() if t.role not in ("title", "date")
             and _CHAPTER_NUMBER.match(t.text.strip())]
    return found[0] if len(found) == 1 else None


def is_divider_slide(slide: SlideData) -> bool:
    if slide.of(TableItem) or slide.of(ChartItem) or slide.of(PictureItem):
        return False
    if _layout(slide) in words().divider_layouts or slide.layout_type == "secHead":
        return True
    return bool(slide.title) and chapter_number(slide) is not None


def _from_sections(deck: DeckData, body: list[SlideData],
                   roles: dict[int, str]) -> list[ChapterData]:
    """One chapter per section that holds a divider or content; the opening and closing
    sections of our decks hold only generated slides and disappear."""
    if not deck.sections:
        return []
    by_id = {slide.slide_id: slide for slide in body}
    chapters = []
    placed: set[int] = set()
    for section in deck.sections:
        members = [by_id[i] for i in section.slide_ids if i in by_id]
        if not members:
            continue
        divider = members[0] if roles.get(members[0].number) == "divider" else None
        # A divider anywhere but first is read as content: the section is the chapter.
        for slide in members[1:]:
            if roles.get(slide.number) == "divider":
                roles[slide.number] = "content"
        title = divider.title if divider is not None else section_title(section.name)
        content = members[1:] if divider is not None else members
        chapters.append(ChapterData(title, divider, content))
        placed.update(s.number for s in members)
    stray = [s for s in body if s.number not in placed]
    if stray and chapters:  # slides in no section (a broken list): keep them, at the end
        chapters[-1].slides.extend(stray)
    return chapters


def section_title(name: str) -> str:
    """'01 互联网金融概述' -> '互联网金融概述': the plan puts the number back. PowerPoint's
    own 'Default Section' names nothing: '' (the outline gets a placeholder)."""
    if key(name) in words().default_sections:
        return ""
    return _SECTION_NUMBER.sub("", name).strip() or name.strip()


def _from_dividers(body: list[SlideData], roles: dict[int, str]) -> list[ChapterData]:
    if not any(roles.get(s.number) == "divider" for s in body):
        return []
    chapters: list[ChapterData] = []
    for slide in body:
        if roles.get(slide.number) == "divider":
            chapters.append(ChapterData(slide.title, slide))
        elif chapters:
            chapters[-1].slides.append(slide)
        else:  # content before the first divider: an opening chapter of its own
            chapters.append(ChapterData("", None, [slide]))
    return chapters
