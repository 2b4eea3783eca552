"""Specs for shape ids followed as a slide is built."""

from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from build_tools.backends import ooxml
from tests.unit.backends.ooxml.helpers import SCRIPT, house_template, layout_named


def test_shape_ids_follow_the_slide_without_searching_it() -> None:
    from pptx.enum.shapes import MSO_SHAPE

    prs = house_template()
    slide, _ = ooxml.SlideAdder(prs).add(layout_named(prs, "Bullets"))
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
    number = next(p for p in layout_named(prs, "Bullets").placeholders
                  if p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER)
    clone_id = ids.next_clone_id()
    furniture = kit.furniture(spTree, number._element, 4, shape_id=clone_id)
    ids.added(furniture.ids, clone_id)
    check()
    slide.shapes.add_textbox(0, 0, 1, 1)  # not reported: counted again
    ids.stale()
    check()
