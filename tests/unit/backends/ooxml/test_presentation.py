"""Specs for sections and document properties."""

from __future__ import annotations

import io

from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn

from build_tools.backends import ooxml
from tests.unit.backends.ooxml.helpers import WHEN, house_template


def test_it_writes_one_section_list_as_the_last_extension() -> None:
    prs = house_template()
    ids = [ooxml.SlideAdder(prs).add(prs.slide_layouts[3])[1]]
    ooxml.write_sections(prs, [("开场", ids)])
    ooxml.write_sections(prs, [("开场", ids), ("结束", [])])  # replaces, never adds
    presentation = prs.part._element
    assert presentation[-1].tag == qn("p:extLst")
    assert len(presentation.findall(qn("p:extLst"))) == 1
    assert ooxml.read_sections(prs) == [("开场", ids), ("结束", [])]


def test_it_survives_a_round_trip() -> None:
    prs = house_template()
    ids = [ooxml.SlideAdder(prs).add(prs.slide_layouts[3])[1]]
    ooxml.write_sections(prs, [("第一节", ids)])
    stream = io.BytesIO()
    prs.save(stream)
    assert ooxml.read_sections(Presentation(stream)) == [("第一节", ids)]


def test_it_sets_core_properties_and_rewrites_app_properties() -> None:
    prs = house_template()
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
