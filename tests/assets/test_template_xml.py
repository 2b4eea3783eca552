"""Specs for the template script's XML helpers (assets/template_xml.py)."""

from __future__ import annotations

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from tests.assets.test_make_template import load_make_template

load_make_template()  # puts assets/ on the path, as the script itself does
import template_xml as tx  # noqa: E402


def test_it_sets_latin_east_asian_and_the_hans_script_font() -> None:
    prs = Presentation()
    master = prs.slide_master

    def edit(theme) -> None:  # type: ignore[no-untyped-def]
        tx.set_theme_fonts(theme, "Microsoft YaHei", "Microsoft YaHei", "t")

    tx.edit_related_xml(master, RT.THEME, edit)
    theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    for tag in ("a:majorFont", "a:minorFont"):
        font = theme.find(".//" + qn(tag))
        assert font.find(qn("a:ea")).get("typeface") == "Microsoft YaHei"
        hans = [f for f in font.findall(qn("a:font")) if f.get("script") == "Hans"]
        assert [f.get("typeface") for f in hans] == ["Microsoft YaHei"]


def test_list_styles_come_before_an_existing_extension_list() -> None:
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    container = parse_xml(f'<a:lstStyle {nsdecls("a")}><a:lvl1pPr/><a:extLst/></a:lstStyle>')
    tx.set_list_style(container, [tx.LevelStyle(20, "000000")] * 2)
    assert [etree.QName(child).localname for child in container] == [
        "lvl1pPr", "lvl2pPr", "extLst"]


def test_a_new_layout_has_a_group_offset_with_x_and_y() -> None:
    prs = Presentation()
    layout = tx.new_layout(prs.slide_master, "Bullets")
    xfrm = tx.element_of(layout).find(".//" + qn("p:grpSpPr")).find(qn("a:xfrm"))
    assert [(etree.QName(c).localname, dict(c.attrib)) for c in xfrm] == [
        ("off", {"x": "0", "y": "0"}), ("ext", {"cx": "0", "cy": "0"}),
        ("chOff", {"x": "0", "y": "0"}), ("chExt", {"cx": "0", "cy": "0"})]
    assert layout.name == "Bullets" and layout in list(prs.slide_master.slide_layouts)
