"""What the reader takes from a real .pptx: runs, levels, groups, SmartArt, alt text."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.util import Inches

from build_tools.importer.deck import PictureItem, TextItem
from build_tools.importer.reader import read_deck
from tests.conftest import ALLKINDS

DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def _data_part(package: object, words: list[str]) -> bytes:
    points = "".join(
        f'<dgm:pt modelId="{i + 1}"><dgm:t><a:bodyPr/><a:p><a:r><a:t>{w}</a:t></a:r></a:p>'
        f"</dgm:t></dgm:pt>" for i, w in enumerate(words))
    return (f'<dgm:dataModel xmlns:dgm="{DGM}" xmlns:a="{A}"><dgm:ptLst>'
            f'<dgm:pt modelId="0" type="doc"><dgm:t><a:bodyPr/><a:p/></dgm:t></dgm:pt>'
            f'{points}<dgm:pt modelId="9" type="sibTrans"><dgm:t><a:bodyPr/><a:p><a:r>'
            f"<a:t>not text</a:t></a:r></a:p></dgm:t></dgm:pt></dgm:ptLst></dgm:dataModel>"
            ).encode()


def _smartart_deck(path: Path) -> None:
    """A SmartArt graphic as PowerPoint stores it: a graphic frame naming a data part."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Cycle"
    part = Part(PackURI("/ppt/diagrams/data1.xml"),
                "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml",
                slide.part.package, _data_part(slide.part.package, ["Plan", "Do", "Check"]))
    r_id = slide.part.relate_to(part, RT.DIAGRAM_DATA)
    frame = etree.fromstring(
        f'<p:graphicFrame xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:nvGraphicFramePr>'
        f'<p:cNvPr id="9" name="Diagram 1"/><p:cNvGraphicFramePr/><p:nvPr/>'
        f'</p:nvGraphicFramePr><p:xfrm><a:off x="914400" y="1828800"/>'
        f'<a:ext cx="5486400" cy="2743200"/></p:xfrm><a:graphic><a:graphicData uri="{DGM}">'
        f'<dgm:relIds xmlns:dgm="{DGM}" r:dm="{r_id}" r:lo="" r:qs="" r:cs=""/>'
        f"</a:graphicData></a:graphic></p:graphicFrame>")
    slide.shapes.element.append(frame)
    prs.save(str(path))


def test_smartart_text_is_read_in_node_order(tmp_path: Path) -> None:
    deck = tmp_path / "smartart.pptx"
    _smartart_deck(deck)
    slide = read_deck(deck).slides[0]
    (art,) = [i for i in slide.items if isinstance(i, TextItem) and i.origin == "smartart"]
    assert [p.text for p in art.paragraphs] == ["Plan", "Do", "Check"]


def test_runs_levels_groups_notes_and_alt_text(tmp_path: Path) -> None:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Title"
    frame = slide.placeholders[1].text_frame
    run = frame.paragraphs[0].add_run()
    run.text, run.font.bold = "Lead: ", True
    frame.paragraphs[0].add_run().text = "text"
    sub = frame.add_paragraph()
    sub.text, sub.level = "deeper", 1
    group = slide.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(5), Inches(6), Inches(1), Inches(1)).text_frame.text = "B"
    group.shapes.add_textbox(Inches(1), Inches(6), Inches(1), Inches(1)).text_frame.text = "A"
    image = ALLKINDS.parent.parent / "assets" / "images" / "diagram.png"
    named = slide.shapes.add_picture(str(image), Inches(1), Inches(4), Inches(1))
    named.element.nvPicPr.cNvPr.set("descr", "A box")
    slide.shapes.add_picture(str(image), Inches(3), Inches(4), Inches(1))  # descr: file name
    slide.notes_slide.notes_text_frame.text = "first\vsecond"
    path = tmp_path / "deck.pptx"
    prs.save(str(path))
    read = read_deck(path).slides[0]
    body = read.texts("body")[0]
    assert [(p.text, p.level) for p in body.paragraphs] == [("Lead: text", 0), ("deeper", 1)]
    assert [r.bold for r in body.paragraphs[0].runs] == [True, False]
    grouped = [i.text for i in read.items if isinstance(i, TextItem) and i.origin == "group"]
    assert grouped == ["A", "B"]
    assert [p.alt for p in read.items if isinstance(p, PictureItem)] == ["A box", ""]
    assert read.notes == "first\nsecond"
