"""Generated slides are recognised, and chapters come from sections, dividers or neither."""

from __future__ import annotations

from build_tools.importer.deck import (
    Box,
    DeckData,
    Paragraph,
    Run,
    SectionData,
    SlideData,
    TextItem,
)
from build_tools.importer.structure import find_structure, section_title


def text(value: str, role: str = "text", name: str = "Text") -> TextItem:
    return TextItem(name, role, (Paragraph((Run(value),)),), Box())


def slide(number: int, title: str, *items: TextItem, layout: str = "Blank") -> SlideData:
    return SlideData(number, 255 + number, layout, (text(title, "title"), *items))


def content(number: int, title: str) -> SlideData:
    return slide(number, title, text("a point", "body"), layout="Title and Content")


def test_title_agenda_dividers_and_closing_by_words_and_shapes() -> None:
    deck = DeckData((
        slide(1, "Course", text("Subtitle", "subtitle")),
        slide(2, "目录（1/2）"),
        slide(3, "Basics", text("01")),
        content(4, "One"),
        slide(5, "Next", text("第二章")),
        content(6, "Two"),
        slide(7, "Thank you!"),
    ))
    found = find_structure(deck)
    assert found.title is deck.slides[0] and found.agendas == [deck.slides[1]]
    assert found.closing is deck.slides[6]
    assert found.source == "dividers"
    assert [(c.title, [s.title for s in c.slides]) for c in found.chapters] == [
        ("Basics", ["One"]), ("Next", ["Two"])]


def test_sections_win_and_the_opening_and_closing_sections_disappear() -> None:
    slides = (slide(1, "Course", text("Sub", "subtitle")), slide(2, "Agenda"),
              content(3, "One"), content(4, "Two"), content(5, "Three"), slide(6, "谢谢"))
    sections = (SectionData("开场", (256, 257)), SectionData("01 Basics", (258, 259)),
                SectionData("Part 2", (260,)), SectionData("结束", (261,)))
    found = find_structure(DeckData(slides, sections))
    assert found.source == "sections"
    assert [(c.title, c.divider, len(c.slides)) for c in found.chapters] == [
        ("Basics", None, 2), ("Part 2", None, 1)]


def test_a_deck_without_structure_is_one_chapter() -> None:
    found = find_structure(DeckData((content(1, "One"), content(2, "Two"))))
    assert found.title is None and found.closing is None
    assert found.source == "one chapter"
    assert [s.title for s in found.chapters[0].slides] == ["One", "Two"]


def test_content_before_the_first_divider_is_a_chapter_of_its_own() -> None:
    found = find_structure(DeckData((content(1, "Intro"), slide(2, "Part", text("2")),
                                     content(3, "Body")), ))
    assert [(c.title, [s.title for s in c.slides]) for c in found.chapters] == [
        ("", ["Intro"]), ("Part", ["Body"])]


def test_layout_names_mark_dividers_in_english_and_chinese() -> None:
    found = find_structure(DeckData((slide(1, "A", layout="节标题"), content(2, "x"),
                                     slide(3, "B", layout="Section Header"), content(4, "y"))))
    assert [c.title for c in found.chapters] == ["A", "B"]


def test_layout_types_mark_title_and_dividers_whatever_the_layouts_are_called() -> None:
    opening = SlideData(1, 256, "表紙", (text("Course", "title"),), layout_type="title")
    divider = SlideData(2, 257, "セクション見出し", (text("Part", "title"),),
                        layout_type="secHead")
    found = find_structure(DeckData((opening, divider, content(3, "Body"))))
    assert found.title is opening
    assert [(c.title, [s.title for s in c.slides]) for c in found.chapters] == [
        ("Part", ["Body"])]


def test_section_names_lose_their_numbers() -> None:
    assert section_title("01 互联网金融概述") == "互联网金融概述"
    assert section_title("第3章 风险") == "风险"
    assert section_title("2024 plan") == "2024 plan"  # a year, not a chapter number
    assert section_title("Default Section") == ""  # PowerPoint's, not the author's
    assert section_title("Basics") == "Basics"
