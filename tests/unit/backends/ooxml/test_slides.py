"""Specs for adding slides and notes pages fast, and sealing finished ones."""

from __future__ import annotations

import io
import zipfile

from pptx import Presentation

from build_tools.backends import ooxml
from tests.package_checks import problems
from tests.unit.backends.ooxml.helpers import SCRIPT, WHEN, house_template, layout_named


def test_it_names_parts_uniquely_and_relates_every_one() -> None:
    prs = house_template()
    layout = layout_named(prs, "Bullets")
    with ooxml.fast_parts(prs) as adder:
        for _ in range(30):
            slide, _ = adder.add(layout)
            adder.notes_body(slide)
    stream = io.BytesIO()
    prs.save(stream)
    names = zipfile.ZipFile(stream).namelist()
    assert len(names) == len(set(names))
    assert sum(n.startswith("ppt/slides/slide") for n in names) == 30
    assert sum(n.startswith("ppt/notesSlides/notesSlide") for n in names) == 30
    reopened = Presentation(stream)
    assert len(reopened.slides) == 30
    assert all(slide.has_notes_slide for slide in reopened.slides)
    ids = [slide.slide_id for slide in reopened.slides]
    assert ids == sorted(set(ids))


def test_it_restores_the_package_afterwards() -> None:
    prs = house_template()
    package = prs.part.package
    with ooxml.fast_parts(prs):
        assert "next_partname" in vars(package)
    assert "next_partname" not in vars(package)


def test_sealed_slides_are_saved_as_they_were_when_sealed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    def build(seal: bool) -> bytes:
        prs = house_template()
        with ooxml.fast_parts(prs) as adder:
            for index in range(3):
                slide, _ = adder.add(layout_named(prs, "Bullets"))
                notes = adder.add_notes(slide, [f"第{index}页", "second"],
                                        ooxml.TextWriter(SCRIPT))
                if seal:
                    adder.seal(slide, notes if index else None)
        return ooxml.save_normalised(prs, WHEN, adder.sealed)

    sealed = build(True)
    assert sealed == build(False)
    assert len(zipfile.ZipFile(io.BytesIO(sealed)).namelist()) > 10
    (tmp_path / "deck.pptx").write_bytes(sealed)
    assert problems(tmp_path / "deck.pptx") == []


def test_links_in_notes_become_hyperlink_relationships_of_the_notes_page(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = "https://example.com/a_b?x=1&y=2"
    line = (ooxml.PlainRun("见"), ooxml.PlainRun("手册", href=url))
    prs = house_template()
    with ooxml.fast_parts(prs) as adder:
        for index in range(3):  # the first page by python-pptx, the rest from a prototype
            slide, _ = adder.add(layout_named(prs, "Bullets"))
            adder.seal(slide, adder.add_notes(slide, [f"第{index}页", line],
                                              ooxml.TextWriter(SCRIPT)))
    (tmp_path / "deck.pptx").write_bytes(ooxml.save_normalised(prs, WHEN, adder.sealed))
    assert problems(tmp_path / "deck.pptx") == []
    reopened = Presentation(str(tmp_path / "deck.pptx"))
    for slide in reopened.slides:
        runs = slide.notes_slide.notes_text_frame.paragraphs[1].runs
        assert [run.text for run in runs] == ["见", "手册"]
        assert runs[1].hyperlink.address == url
        assert runs[0].hyperlink.address is None
