"""Specs for the raw-OOXML helpers: each guards a gap the field notes measured."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from build_tools.backends import ooxml
from build_tools.reproducible import rewrite_zip
from build_tools.theme import load_theme

SCRIPT = ooxml.Script("Microsoft YaHei", "Microsoft YaHei", "zh-CN")
WHEN = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)


def _template() -> Presentation:
    theme = load_theme()
    return Presentation(str(theme.path(theme.deck.template)))


def _layout(prs, name: str):  # type: ignore[no-untyped-def]
    return next(layout for layout in prs.slide_layouts if layout.name == name)


def test_it_puts_the_east_asian_font_right_after_latin_with_the_language() -> None:
    prs = Presentation()
    box = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(0, 0, 100, 100)
    run = box.text_frame.paragraphs[0].add_run()
    run.text = "金融"
    run.font.bold = True
    ooxml.localise(box._element, SCRIPT)
    rPr = run._r.rPr
    tags = [etree.QName(child).localname for child in rPr]
    assert tags[tags.index("latin") + 1] == "ea"
    assert rPr.find(qn("a:ea")).get("typeface") == "Microsoft YaHei"
    assert (rPr.get("lang"), rPr.get("altLang")) == ("zh-CN", "en-US")

def test_it_is_idempotent() -> None:
    prs = Presentation()
    box = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(0, 0, 100, 100)
    box.text_frame.text = "一"
    ooxml.localise(box._element, SCRIPT)
    ooxml.localise(box._element, SCRIPT)
    rPr = box.text_frame.paragraphs[0].runs[0]._r.rPr
    assert len(rPr.findall(qn("a:ea"))) == 1
    assert len(rPr.findall(qn("a:latin"))) == 1


def test_it_replaces_normautofit_with_noautofit() -> None:
    prs = Presentation()  # python-pptx's master has normAutofit on title and body
    master = prs.slide_master._element
    assert master.findall(".//" + qn("a:normAutofit"))
    ooxml.autofit_off_everywhere(master)
    assert not master.findall(".//" + qn("a:normAutofit"))
    assert master.findall(".//" + qn("a:noAutofit"))


def test_it_writes_one_section_list_as_the_last_extension() -> None:
    prs = _template()
    ids = [ooxml.SlideAdder(prs).add(prs.slide_layouts[3])[1]]
    ooxml.write_sections(prs, [("开场", ids)])
    ooxml.write_sections(prs, [("开场", ids), ("结束", [])])  # replaces, never adds
    presentation = prs.part._element
    assert presentation[-1].tag == qn("p:extLst")
    assert len(presentation.findall(qn("p:extLst"))) == 1
    assert ooxml.read_sections(prs) == [("开场", ids), ("结束", [])]

def test_it_survives_a_round_trip() -> None:
    prs = _template()
    ids = [ooxml.SlideAdder(prs).add(prs.slide_layouts[3])[1]]
    ooxml.write_sections(prs, [("第一节", ids)])
    stream = io.BytesIO()
    prs.save(stream)
    assert ooxml.read_sections(Presentation(stream)) == [("第一节", ids)]


def test_it_clones_the_slide_number_with_its_field_and_a_fresh_id() -> None:
    prs = _template()
    layout = _layout(prs, "Bullets")
    slide, _ = ooxml.SlideAdder(prs).add(layout)
    number = next(p for p in layout.placeholders
                  if p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)
    sp = ooxml.clone_placeholder(slide, number._element)
    ooxml.set_slide_number_field(sp, 7)
    fields = list(sp.iter(qn("a:fld")))
    assert [f.get("type") for f in fields] == ["slidenum"]
    assert fields[0].find(qn("a:t")).text == "7"
    ids = [int(i) for i in slide.shapes._spTree.xpath("//p:cNvPr/@id")]
    assert len(ids) == len(set(ids))
    assert sp.find(qn("p:spPr")) is not None and not len(sp.find(qn("p:spPr")))


def test_it_names_parts_uniquely_and_relates_every_one() -> None:
    prs = _template()
    layout = _layout(prs, "Bullets")
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
    prs = _template()
    package = prs.part.package
    with ooxml.fast_parts(prs):
        assert "next_partname" in vars(package)
    assert "next_partname" not in vars(package)


def test_it_sets_latin_east_asian_and_the_hans_script_font() -> None:
    prs = Presentation()
    master = prs.slide_master

    def edit(theme) -> None:  # type: ignore[no-untyped-def]
        ooxml.set_theme_fonts(theme, "Microsoft YaHei", "Microsoft YaHei", "t")

    ooxml.edit_related_xml(master.part, ooxml.RT.THEME, edit)
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    for tag in ("a:majorFont", "a:minorFont"):
        font = theme.find(".//" + qn(tag))
        assert font.find(qn("a:ea")).get("typeface") == "Microsoft YaHei"
        hans = [f for f in font.findall(qn("a:font")) if f.get("script") == "Hans"]
        assert [f.get("typeface") for f in hans] == ["Microsoft YaHei"]


def test_it_sets_core_properties_and_rewrites_app_properties() -> None:
    prs = _template()
    ooxml.set_properties(prs, ooxml.Properties(
        title="课程", subject="副标题", author="张老师", keywords="a, b", language="zh-CN",
        company="培训部", when=WHEN, application="test"), slides=3, notes=3)
    core = prs.core_properties
    assert (core.title, core.author, core.language) == ("课程", "张老师", "zh-CN")
    assert core.created == WHEN.replace(tzinfo=None)
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    app = etree.fromstring(prs.part.package.part_related_by(RT.EXTENDED_PROPERTIES).blob)
    values = {etree.QName(e).localname: e.text for e in app}
    assert values["Slides"] == "3" and values["Company"] == "培训部"


def test_it_gives_identical_bytes_for_identical_content() -> None:
    prs = _template()
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


def test_it_writes_descr_on_the_picture(allkinds_path) -> None:  # type: ignore[no-untyped-def]
    prs = Presentation()
    image = allkinds_path.parent.parent / "assets" / "images" / "diagram.png"
    picture = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_picture(str(image), 0, 0)
    ooxml.set_alt_text(picture, "示意图")
    assert picture._element.nvPicPr.cNvPr.get("descr") == "示意图"
