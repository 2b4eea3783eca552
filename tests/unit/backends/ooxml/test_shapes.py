"""Specs for shapes: cloned placeholders, alt text, and kit shapes that are python-pptx's own
(and schema-valid)."""

from __future__ import annotations

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from build_tools.backends import ooxml
from tests.unit.backends.ooxml.helpers import (
    SCRIPT,
    assert_valid,
    blank_slide,
    house_template,
    layout_named,
    xml_of,
)


def test_it_clones_the_slide_number_with_its_field_and_a_fresh_id() -> None:
    prs = house_template()
    layout = layout_named(prs, "Bullets")
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


def test_it_writes_descr_on_the_picture(allkinds_path) -> None:  # type: ignore[no-untyped-def]
    prs = Presentation()
    image = allkinds_path.parent.parent / "assets" / "images" / "diagram.png"
    picture = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_picture(str(image), 0, 0)
    ooxml.set_alt_text(picture, "示意图")
    assert picture._element.nvPicPr.cNvPr.get("descr") == "示意图"


def test_kit_shapes_are_the_ones_python_pptx_makes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pptx.enum.shapes import MSO_SHAPE

    prs = Presentation()
    plain, fast = blank_slide(prs), blank_slide(prs)
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
    assert xml_of(fast.shapes._spTree) == xml_of(plain.shapes._spTree)
    assert_valid(prs, tmp_path)


def test_kit_shapes_with_a_prepared_body_are_set_body_on_the_plain_shape(tmp_path) -> None:  # type: ignore[no-untyped-def]
    prs = Presentation()
    plain, fast = blank_slide(prs), blank_slide(prs)
    box = plain.shapes.add_textbox(1, 2, 3, 4)
    box.name = "b 2"
    body = box.text_frame._txBody
    ooxml.set_body(body.bodyPr, (16, 6, 16, 14), "ctr")
    for p in body.findall(qn("a:p")):
        body.remove(p)
    shape = ooxml.ShapeKit(SCRIPT).textbox(fast.shapes._spTree, 2, "b 2", (1, 2, 3, 4),
                                           ((16, 6, 16, 14), "ctr"))
    assert xml_of(fast.shapes._spTree) == xml_of(plain.shapes._spTree)
    assert shape.base is not None and xml_of(shape.base) == xml_of(shape.txBody)
    for body in (shape.txBody, box.text_frame._txBody):  # a text body needs a paragraph
        ooxml.write_plain_paragraphs(body, ["文"], SCRIPT)
    assert_valid(prs, tmp_path)


def test_placing_a_shape_writes_what_python_pptx_setters_write(tmp_path) -> None:  # type: ignore[no-untyped-def]
    prs = house_template()
    layout = layout_named(prs, "Bullets")
    plain, _ = ooxml.SlideAdder(prs).add(layout)
    fast, _ = ooxml.SlideAdder(prs).add(layout)
    for slide, how in ((plain, "python-pptx"), (fast, "ooxml")):
        for index, shape in enumerate(slide.placeholders):
            sp = ooxml.element_of(shape)
            x, y, cx, cy = 100 * index, 200, 3000, 4000 + index
            if how == "ooxml":
                ooxml.place_shape(sp, x, y, cx, cy)
                ooxml.place_shape(sp, x, y, cx, cy)  # again: replaces, never adds
            else:
                shape.left, shape.top, shape.width, shape.height = x, y, cx, cy
    assert xml_of(fast.shapes._spTree) == xml_of(plain.shapes._spTree)
    assert_valid(prs, tmp_path)
