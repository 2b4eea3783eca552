"""Course fields, notes within bounds, unique titles and placeholders marked TODO."""

from __future__ import annotations

import datetime as dt

from build_tools.importer.assemble import assemble
from build_tools.importer.deck import Box, DeckData, Paragraph, Run, SlideData, TextItem
from build_tools.outline.model import MAX_TEXT, Outline


def text(value: str, role: str = "text") -> TextItem:
    paragraphs = tuple(Paragraph((Run(line),)) for line in value.split("\n"))
    return TextItem("Text", role, paragraphs, Box())


def slide(number: int, title: str, *items: TextItem, notes: str = "") -> SlideData:
    return SlideData(number, 255 + number, "Blank", (text(title, "title"), *items), notes)


def test_title_slide_details_and_properties_fill_the_course() -> None:
    deck = DeckData((slide(1, "Course", text("A subtitle\nAnn | Team\n2023年5月17日",
                                             "subtitle")),
                     slide(2, "One", text("point", "body"), notes="Say this.")),
                    keywords="alpha, beta；gamma")
    data = assemble(deck, "deck").data
    course = data["course"]
    assert (course["title"], course["subtitle"], course["presenter"],
            course["organisation"]) == ("Course", "A subtitle", "Ann", "Team")
    assert course["date"] == dt.date(2023, 5, 17)
    assert course["keywords"] == ["alpha", "beta", "gamma"]
    Outline.model_validate(data)


def test_missing_facts_become_placeholders_marked_todo() -> None:
    deck = DeckData((slide(1, "Only slide", text("a point", "body")),),
                    author="", created=dt.date(2020, 1, 2))
    imported = assemble(deck, "deck")
    course = imported.data["course"]
    assert course["title"] == "deck"  # no title slide, no title property: the file name
    assert course["date"] == dt.date(2020, 1, 2)
    assert any(c.startswith("TODO") for c in imported.comments[("course", "presenter")])
    assert any(c.startswith("TODO") for c in
               imported.comments[("chapters", 0, "slides", 0, "notes")])
    Outline.model_validate(imported.data)


def test_long_notes_are_split_into_trainer_notes_and_said_so() -> None:
    notes = "句子。" * 1500  # 4,500 characters
    deck = DeckData((slide(1, "One", text("a point", "body"), notes=notes),))
    imported = assemble(deck, "deck")
    content = imported.data["chapters"][0]["slides"][0]
    assert len(content["notes"]) <= MAX_TEXT
    assert content["notes"] + "".join(t["text"] for t in content["trainer"]) == notes
    assert {t["label"] for t in content["trainer"]} == {"tip"}
    assert any("split" in n for row in imported.rows for n in row.notes)
    Outline.model_validate(imported.data)


def test_repeated_titles_are_made_unique_and_ids_stay_unique() -> None:
    deck = DeckData(tuple(slide(n, "Same", text(f"point {n}", "body")) for n in (1, 2, 3)))
    slides = assemble(deck, "deck").data["chapters"][0]["slides"]
    assert [s["title"] for s in slides] == ["Same", "Same (2)", "Same (3)"]
    assert len({s["id"] for s in slides}) == 3


def test_more_than_eight_points_continue_on_a_second_slide() -> None:
    body = text("\n".join(f"point {i}" for i in range(11)), "body")
    deck = DeckData((slide(1, "Many", body),))
    slides = assemble(deck, "deck").data["chapters"][0]["slides"]
    assert [len(s["points"]) for s in slides] == [8, 3]
    assert slides[1]["title"] == "Many（续2）"


def test_a_divider_with_nothing_after_it_becomes_the_chapters_slide() -> None:
    deck = DeckData((slide(1, "Part A", text("01")), slide(2, "Part B", text("02")),
                     slide(3, "Body", text("point", "body"))))
    chapters = assemble(deck, "deck").data["chapters"]
    assert [c["title"] for c in chapters] == ["Part A", "Part B"]
    assert [s["title"] for s in chapters[0]["slides"]] == ["Part A"]
    assert [s["title"] for s in chapters[1]["slides"]] == ["Body"]


def test_a_deck_of_a_title_slide_alone_still_gives_a_valid_outline() -> None:
    deck = DeckData((slide(1, "Only a title", text("Sub", "subtitle")),))
    imported = assemble(deck, "deck")
    Outline.model_validate(imported.data)
    (chapter,) = imported.data["chapters"]
    assert [s["kind"] for s in chapter["slides"]] == ["bullets"]
    assert any("no content slides" in note for note in imported.general)
