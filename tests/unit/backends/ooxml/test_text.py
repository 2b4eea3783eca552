"""Specs for paragraphs and text bodies: the text writer writes what the plain path writes,
and both are schema-valid."""

from __future__ import annotations

from pptx import Presentation
from pptx.oxml.ns import qn

from build_tools.backends import ooxml
from tests.unit.backends.ooxml.helpers import SCRIPT, assert_valid, blank_slide, xml_of


def test_it_replaces_normautofit_with_noautofit() -> None:
    prs = Presentation()  # python-pptx's master has normAutofit on title and body
    master = prs.slide_master._element
    assert master.findall(".//" + qn("a:normAutofit"))
    ooxml.autofit_off_everywhere(master)
    assert not master.findall(".//" + qn("a:normAutofit"))
    assert master.findall(".//" + qn("a:noAutofit"))


def _specs() -> list[list[ooxml.ParagraphSpec]]:
    bullet = ooxml.Bullet("■", "c8102e", 70)
    lead = ooxml.RunSpec("要点：", 20, True, "1F3A5F")
    text = ooxml.RunSpec("P2P & <网贷>", 20, None, None)
    return [
        [ooxml.ParagraphSpec((text,), 30, 36, 0)],
        [ooxml.ParagraphSpec((lead, text), 20, 24, 0, 22, -22, bullet),
         ooxml.ParagraphSpec((ooxml.RunSpec("", 16, False, "1a1a1a"),), 16.5, 19.8, 3.3, 46,
                             -17.6, ooxml.Bullet("–", "888888"), "ctr", 1)],
        [ooxml.ParagraphSpec((lead, text), 20, 24, 0, 22, -22, bullet),
         ooxml.ParagraphSpec((text, lead, text), 20, 24, 4, 22, -22, bullet, "r")],
    ]


def test_the_text_writer_writes_what_write_paragraphs_writes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    writer = ooxml.TextWriter(SCRIPT)
    prs = Presentation()
    slide = blank_slide(prs)
    for specs in _specs() * 2:  # twice: built, then from the prototypes
        plain = slide.shapes.add_textbox(0, 0, 10, 10).text_frame._txBody
        fast = slide.shapes.add_textbox(0, 0, 10, 10).text_frame._txBody
        ooxml.write_paragraphs(plain, specs, SCRIPT)
        writer.write(fast, specs)
        assert xml_of(fast) == xml_of(plain)
        # A body replaced whole, from an untouched copy of a base, with its frame set up.
        base = slide.shapes.add_textbox(0, 0, 10, 10).text_frame._txBody
        copy_of_base = slide.shapes.add_textbox(0, 0, 10, 10).text_frame._txBody
        replaced = writer.replace(copy_of_base, base, specs, ((7.2, 3.6, 7.2, 3.6), "b"))
        ooxml.set_body(base.bodyPr, (7.2, 3.6, 7.2, 3.6), "b")
        ooxml.write_paragraphs(base, specs, SCRIPT)
        assert xml_of(replaced) == xml_of(base)
        assert replaced.getparent() is not None
    assert_valid(prs, tmp_path)


def test_plain_paragraphs_from_the_writer_are_write_plain_paragraphs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    prs = Presentation()
    slide = blank_slide(prs)
    plain = slide.shapes.add_textbox(0, 0, 10, 10).text_frame._txBody
    fast = slide.shapes.add_textbox(0, 0, 10, 10).text_frame._txBody
    styled = (ooxml.PlainRun("先讲"), ooxml.PlainRun("定义", bold=True),
              ooxml.PlainRun("与", italic=True), ooxml.PlainRun("a.cn", typeface="Courier New"))
    lines: list[ooxml.PlainLine] = ["第一行", "", styled, "third & <last>", styled]
    writer = ooxml.TextWriter(SCRIPT)
    for _ in range(2):  # built, then from the prototypes
        ooxml.write_plain_paragraphs(plain, lines, SCRIPT)
        writer.write_plain(fast, lines)
        assert xml_of(fast) == xml_of(plain)
    runs = fast.findall(f"{qn('a:p')}/{qn('a:r')}")
    assert [r.findtext(qn("a:t")) for r in runs[2:6]] == ["先讲", "定义", "与", "a.cn"]
    assert [(r[0].get("b"), r[0].get("i")) for r in runs[2:5]] == [
        (None, None), ("1", None), (None, "1")]
    assert runs[5][0].find(qn("a:latin")).get("typeface") == "Courier New"
    assert runs[0][0].get("sz") is None  # size and colour inherit from the placeholder
    assert_valid(prs, tmp_path)
