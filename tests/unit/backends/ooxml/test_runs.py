"""Specs for runs: the east-asian font slot and the language on every run."""

from __future__ import annotations

from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn

from build_tools.backends import ooxml
from tests.unit.backends.ooxml.helpers import SCRIPT, xml_of


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
    assert xml_of(fast) == xml_of(plain)
