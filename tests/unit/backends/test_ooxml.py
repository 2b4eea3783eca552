"""Specs for the raw-OOXML helpers: each guards a gap the field notes measured."""

from __future__ import annotations

import copy
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
from tests.package_checks import problems

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


# --- the fast paths write what the plain ones write ------------------------------------------
# The deck builds shapes, text and the package from prototypes and caches (speed at 3,200
# slides); each must give the XML python-pptx or the plain helper gives, byte for byte.


def _xml(element) -> bytes:  # type: ignore[no-untyped-def]
    """The element's XML, with the namespace declarations it uses on itself (a copy), so
    that elements in different documents compare by content."""
    return etree.tostring(copy.deepcopy(element))


def _blank_slide(prs):  # type: ignore[no-untyped-def]
    return prs.slides.add_slide(prs.slide_layouts[6])


def _assert_valid(prs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Equal to the plain path is not enough (a slip both share passes): the saved deck
    must also pass the schema and the package checks."""
    path = tmp_path / "deck.pptx"
    prs.save(str(path))
    assert problems(path) == []


def test_kit_shapes_are_the_ones_python_pptx_makes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pptx.enum.shapes import MSO_SHAPE

    prs = Presentation()
    plain, fast = _blank_slide(prs), _blank_slide(prs)
    kit = ooxml.ShapeKit(SCRIPT)
    box = plain.shapes.add_textbox(10, 20, 300, 40)
    box.name = "box 2"
    kit.textbox(fast.shapes._spTree, 2, "box 2", (10, 20, 300, 40))
    cases = [
        (MSO_SHAPE.RECTANGLE, "1F3A5F", None, 0.0, None),
        (MSO_SHAPE.OVAL, "C8102E", "FFFFFF", 3, None),
        (MSO_SHAPE.CHEVRON, "1F3A5F", None, 0.0, 0.32),
        (MSO_SHAPE.PENTAGON, None, "000000", 1.5, 0.32),
    ]
    for shape_id, (preset, fill, line, line_pt, adjust) in enumerate(cases, start=3):
        shape = plain.shapes.add_shape(preset, 5, 6, 70, 80)
        ooxml.style_autoshape(shape, fill, line, line_pt, adjust)
        shape.name = f"s {shape_id}"
        kit.autoshape(fast.shapes._spTree, shape_id, f"s {shape_id}", preset, (5, 6, 70, 80),
                      fill, line, line_pt, adjust)
    assert _xml(fast.shapes._spTree) == _xml(plain.shapes._spTree)
    _assert_valid(prs, tmp_path)


def test_kit_shapes_with_a_prepared_body_are_set_body_on_the_plain_shape(tmp_path) -> None:  # type: ignore[no-untyped-def]
    prs = Presentation()
    plain, fast = _blank_slide(prs), _blank_slide(prs)
    box = plain.shapes.add_textbox(1, 2, 3, 4)
    box.name = "b 2"
    body = box.text_frame._txBody
    ooxml.set_body(body.bodyPr, (16, 6, 16, 14), "ctr")
    for p in body.findall(qn("a:p")):
        body.remove(p)
    shape = ooxml.ShapeKit(SCRIPT).textbox(fast.shapes._spTree, 2, "b 2", (1, 2, 3, 4),
                                           ((16, 6, 16, 14), "ctr"))
    assert _xml(fast.shapes._spTree) == _xml(plain.shapes._spTree)
    assert shape.base is not None and _xml(shape.base) == _xml(shape.txBody)
    for body in (shape.txBody, box.text_frame._txBody):  # a text body needs a paragraph
        ooxml.write_plain_paragraphs(body, ["文"], SCRIPT)
    _assert_valid(prs, tmp_path)


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
    slide = _blank_slide(prs)
    for specs in _specs() * 2:  # twice: built, then from the prototypes
        plain = slide.shapes.add_textbox(0, 0, 10, 10).text_frame._txBody
        fast = slide.shapes.add_textbox(0, 0, 10, 10).text_frame._txBody
        ooxml.write_paragraphs(plain, specs, SCRIPT)
        writer.write(fast, specs)
        assert _xml(fast) == _xml(plain)
        # A body replaced whole, from an untouched copy of a base, with its frame set up.
        base = slide.shapes.add_textbox(0, 0, 10, 10).text_frame._txBody
        copy_of_base = slide.shapes.add_textbox(0, 0, 10, 10).text_frame._txBody
        replaced = writer.replace(copy_of_base, base, specs, ((7.2, 3.6, 7.2, 3.6), "b"))
        ooxml.set_body(base.bodyPr, (7.2, 3.6, 7.2, 3.6), "b")
        ooxml.write_paragraphs(base, specs, SCRIPT)
        assert _xml(replaced) == _xml(base)
        assert replaced.getparent() is not None
    _assert_valid(prs, tmp_path)


def test_plain_paragraphs_from_the_writer_are_write_plain_paragraphs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    prs = Presentation()
    slide = _blank_slide(prs)
    plain = slide.shapes.add_textbox(0, 0, 10, 10).text_frame._txBody
    fast = slide.shapes.add_textbox(0, 0, 10, 10).text_frame._txBody
    lines = ["第一行", "", "third & <last>"]
    ooxml.write_plain_paragraphs(plain, lines, SCRIPT)
    ooxml.TextWriter(SCRIPT).write_plain(fast, lines)
    assert _xml(fast) == _xml(plain)
    _assert_valid(prs, tmp_path)


def _reference_localise(element, script: ooxml.Script) -> None:  # type: ignore[no-untyped-def]
    """localise as first written: every run, field and paragraph end, unconditionally."""
    A = "http://schemas.openxmlformats.org/drawingml/2006/main"
    for run in element.iter(f"{{{A}}}r", f"{{{A}}}fld"):
        rPr = run.find(f"{{{A}}}rPr")
        if rPr is None:
            rPr = etree.Element(f"{{{A}}}rPr")
            run.insert(0, rPr)
        ooxml.set_run_script(rPr, script)
    for end in element.iter(f"{{{A}}}endParaRPr"):
        ooxml.set_run_script(end, script)


def test_localise_changes_what_setting_every_run_changes() -> None:
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    body = (
        f'<p:txBody {nsdecls("a", "p")}><a:bodyPr/><a:p>'
        '<a:r><a:t>no properties</a:t></a:r>'
        '<a:r><a:rPr lang="zh-CN" altLang="en-US"><a:latin typeface="Microsoft YaHei"/>'
        '<a:ea typeface="Microsoft YaHei"/></a:rPr><a:t>done already</a:t></a:r>'
        '<a:r><a:rPr lang="en-US"><a:ea typeface="Arial"/><a:latin typeface="Arial"/>'
        '<a:sym typeface="x"/></a:rPr><a:t>ea before latin</a:t></a:r>'
        '<a:r><a:rPr lang="zh-CN" altLang="en-US"><a:latin typeface="Microsoft YaHei"/>'
        '<a:latin typeface="Microsoft YaHei"/><a:ea typeface="Microsoft YaHei"/>'
        '<a:ea typeface="Microsoft YaHei"/></a:rPr><a:t>twice</a:t></a:r>'
        '<a:fld id="{1}" type="slidenum"><a:rPr b="1"/><a:t>3</a:t></a:fld>'
        '<a:endParaRPr sz="1200"/></a:p>'
        '<a:p><a:r><a:rPr lang="zh-CN" altLang="en-US"><a:solidFill/>'
        '<a:latin typeface="Microsoft YaHei"/><a:ea typeface="Microsoft YaHei"/></a:rPr>'
        '<a:t>fill first</a:t></a:r><a:endParaRPr lang="zh-CN" altLang="en-US">'
        '<a:latin typeface="Microsoft YaHei"/><a:ea typeface="SimSun"/></a:endParaRPr>'
        '</a:p></p:txBody>'
    )
    fast, plain = parse_xml(body), parse_xml(body)
    ooxml.localise(fast, SCRIPT)
    _reference_localise(plain, SCRIPT)
    assert _xml(fast) == _xml(plain)


def _saved_deck():  # type: ignore[no-untyped-def]
    """A template deck with slides, notes and an external link: every kind of relationship."""
    prs = _template()
    with ooxml.fast_parts(prs) as adder:
        for _ in range(3):
            slide, _ = adder.add(_layout(prs, "Bullets"))
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


def test_sealed_slides_are_saved_as_they_were_when_sealed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    def build(seal: bool) -> bytes:
        prs = _template()
        with ooxml.fast_parts(prs) as adder:
            for index in range(3):
                slide, _ = adder.add(_layout(prs, "Bullets"))
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


def test_shape_ids_follow_the_slide_without_searching_it() -> None:
    from pptx.enum.shapes import MSO_SHAPE

    prs = _template()
    slide, _ = ooxml.SlideAdder(prs).add(_layout(prs, "Bullets"))
    spTree = slide.shapes._spTree
    ids = ooxml.ShapeIds(spTree, ooxml.Ids.of(spTree, document=True))
    kit = ooxml.ShapeKit(SCRIPT)

    def check() -> None:
        assert ids.next_id() == ooxml.max_shape_id(spTree) + 1
        assert ids.next_clone_id() == ooxml.next_shape_id(spTree)

    check()
    shape = kit.autoshape(spTree, ids.next_id(), "s", MSO_SHAPE.RECTANGLE, (0, 0, 1, 1), "FFFFFF",
                          None, 0, None)
    ids.added(shape.ids, int(shape.sp[0][0].get("id")))
    check()
    first = next(sp for sp in spTree.iterchildren(qn("p:sp")) if sp.find(".//" + qn("p:ph"))
                 is not None)
    removed = ooxml.Ids.of(first)
    first.getparent().remove(first)
    ids.removed(removed)
    check()
    number = next(p for p in _layout(prs, "Bullets").placeholders
                  if p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)
    clone_id = ids.next_clone_id()
    furniture = kit.furniture(spTree, number._element, 4, shape_id=clone_id)
    ids.added(furniture.ids, clone_id)
    check()
    slide.shapes.add_textbox(0, 0, 1, 1)  # not reported: counted again
    ids.stale()
    check()


def test_chart_axis_ids_are_written_unsigned_and_still_paired(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    prs = _template()
    data = CategoryChartData()
    data.categories = ["甲", "乙"]
    data.add_series("一", (1.5, 2))
    slide, _ = ooxml.SlideAdder(prs).add(_layout(prs, "Chart"))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, 100, 100, data)
    before = [int(v) for v in frame.chart._chartSpace.xpath("//c:axId/@val")]
    assert min(before) < 0  # python-pptx's habit, which the schema rejects
    saved = ooxml.save_normalised(prs, WHEN)
    chart = etree.fromstring(zipfile.ZipFile(io.BytesIO(saved)).read("ppt/charts/chart1.xml"))
    C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    plot_ids = [int(e.get("val")) for e in chart.find(f".//{C}barChart").iter(f"{C}axId")]
    axes = {int(ax.find(f"{C}axId").get("val")): int(ax.find(f"{C}crossAx").get("val"))
            for ax in (chart.find(f".//{C}catAx"), chart.find(f".//{C}valAx"))}
    assert all(0 <= value < 2**32 for value in plot_ids)
    assert sorted(axes) == sorted(plot_ids) and len(set(plot_ids)) == 2
    assert {axes[a]: a for a in axes} == axes  # each axis crosses the other
    (tmp_path / "deck.pptx").write_bytes(saved)
    assert problems(tmp_path / "deck.pptx") == []


def test_list_styles_come_before_an_existing_extension_list() -> None:
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    container = parse_xml(f'<a:lstStyle {nsdecls("a")}><a:lvl1pPr/><a:extLst/></a:lstStyle>')
    ooxml.set_list_style(container, [ooxml.LevelStyle(20, "000000")] * 2)
    assert [etree.QName(child).localname for child in container] == [
        "lvl1pPr", "lvl2pPr", "extLst"]
