"""Specs for writing the package: normalised zips, relationships and content types as
python-pptx writes them, and schema-valid."""

from __future__ import annotations

import io
import zipfile

from build_tools.backends import ooxml
from build_tools.reproducible import rewrite_zip
from tests.package_checks import problems
from tests.unit.backends.ooxml.helpers import WHEN, house_template, layout_named


def test_it_gives_identical_bytes_for_identical_content() -> None:
    prs = house_template()
    first, second = io.BytesIO(), io.BytesIO()
    prs.save(first)
    prs.save(second)
    assert (ooxml.normalise_package(first.getvalue(), WHEN)
            == ooxml.normalise_package(second.getvalue(), WHEN))


def test_it_puts_content_types_first_and_fixes_timestamps() -> None:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("b.xml", "<b/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    rewritten = zipfile.ZipFile(io.BytesIO(rewrite_zip(stream.getvalue(), WHEN)))
    assert rewritten.namelist() == ["[Content_Types].xml", "b.xml"]
    assert {info.date_time for info in rewritten.infolist()} == {(2024, 3, 1, 0, 0, 0)}


def _saved_deck():  # type: ignore[no-untyped-def]
    """A template deck with slides, notes and an external link: every kind of relationship."""
    prs = house_template()
    with ooxml.fast_parts(prs) as adder:
        for _ in range(3):
            slide, _ = adder.add(layout_named(prs, "Bullets"))
            adder.notes_body(slide)
    box = prs.slides[0].shapes.add_textbox(0, 0, 10, 10)
    box.text_frame.text = "link"
    box.text_frame.paragraphs[0].runs[0].hyperlink.address = "https://example.com/a?b=c&d"
    return prs


def test_relationships_and_content_types_are_python_pptx_bytes() -> None:
    from pptx.opc.oxml import serialize_part_xml
    from pptx.opc.serialized import _ContentTypesItem

    prs = _saved_deck()
    parts = list(prs.part.package.iter_parts())
    for part in parts:
        if part._rels:
            assert ooxml.relationships_xml(part._rels, part._rels._base_uri) == part.rels.xml
            assert ooxml.relationships_xml(part._rels) == part.rels.xml
    assert ooxml.content_types_xml(parts) == serialize_part_xml(_ContentTypesItem.xml_for(parts))


def test_relative_references_are_packuris() -> None:
    from pptx.opc.packuri import PackURI

    names = ["/ppt/slides/slide1.xml", "/ppt/slides/x/slides", "/slides", "/ppt/ppt",
             "/ppt/media/image1.png", "/docProps/app.xml", "/a/b/../c.xml", "/ppt/./d.xml"]
    bases = ["/", "/ppt", "/ppt/slides", "/ppt/notesSlides", "/slides", "/ppt/slides/x",
             "/a/b", "/ppt/ppt"]
    for name in names:
        for base in bases:
            assert ooxml.relative_ref(name, base) == PackURI(name).relative_ref(base)


def test_saving_gives_the_bytes_of_a_saved_and_normalised_deck(tmp_path) -> None:  # type: ignore[no-untyped-def]
    prs = _saved_deck()
    stream = io.BytesIO()
    prs.save(stream)
    saved = ooxml.save_normalised(prs, WHEN)
    assert saved == ooxml.normalise_package(stream.getvalue(), WHEN)
    (tmp_path / "deck.pptx").write_bytes(saved)
    assert problems(tmp_path / "deck.pptx") == []


def test_a_zip_written_directly_is_the_one_zipfile_writes() -> None:
    from build_tools.reproducible import Deflated, write_zip

    members: dict[str, bytes | Deflated] = {
        "ppt/slides/slide1.xml": b"<a/>" * 5000, "[Content_Types].xml": b"<Types/>",
        "_rels/.rels": b"", "docProps/说明.xml": "中文".encode() * 100,
        "ppt/media/image1.png": bytes(range(256)) * 40,
        "ppt/slides/slide2.xml": Deflated.of(b"<b/>" * 3000),
    }
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content.content() if isinstance(content, Deflated)
                             else content)
    assert write_zip(members, WHEN) == rewrite_zip(stream.getvalue(), WHEN)
