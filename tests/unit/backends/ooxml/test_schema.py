"""Specs for the declared schema facts: elements are placed in schema order and made with
the attributes the schema requires."""

from __future__ import annotations

import pytest
from lxml import etree

from build_tools.backends.ooxml import schema


def _names(parent) -> list[str]:  # type: ignore[no-untyped-def]
    return [etree.QName(child).localname for child in parent]


def test_it_refuses_an_offset_without_x_and_y() -> None:
    with pytest.raises(ValueError, match="<a:off> requires x, y"):
        schema.element("a:off", cx="0", cy="0")
    xfrm = schema.element("a:xfrm")
    with pytest.raises(ValueError, match="requires cy"):
        schema.sub(xfrm, "a:ext", cx="0")


def test_it_inserts_children_in_schema_order() -> None:
    rPr = schema.element("a:rPr")
    schema.sub(rPr, "a:extLst")
    schema.sub(rPr, "a:cs", typeface="x")
    schema.sub(rPr, "a:latin", typeface="x")
    schema.sub(rPr, "a:solidFill")
    schema.sub(rPr, "a:ea", typeface="x")
    assert _names(rPr) == ["solidFill", "latin", "ea", "cs", "extLst"]


def test_list_levels_go_before_the_extension_list_of_any_list_style() -> None:
    for tag in ("a:lstStyle", "p:bodyStyle"):
        style = schema.element(tag)
        schema.sub(style, "a:extLst")
        schema.sub(style, "a:lvl2pPr")
        schema.sub(style, "a:lvl1pPr")
        assert _names(style) == ["lvl1pPr", "lvl2pPr", "extLst"]


def test_successors_and_choices_come_from_the_declaration() -> None:
    after_ea = {etree.QName(tag).localname for tag in schema.successors("a:rPr", "a:ea")}
    assert after_ea == {"cs", "sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst"}
    autofit = {etree.QName(tag).localname for tag in schema.members("a:bodyPr", "a:noAutofit")}
    assert autofit == {"noAutofit", "normAutofit", "spAutoFit"}


def test_an_extension_list_ends_the_presentation() -> None:
    presentation = schema.element("p:presentation")
    schema.sub(presentation, "p:sldSz", cx="1", cy="1")
    schema.insert(presentation, schema.element("p:extLst"))
    schema.sub(presentation, "p:sldIdLst")
    schema.sub(presentation, "p:notesSz", cx="1", cy="1")
    assert _names(presentation) == ["sldIdLst", "sldSz", "notesSz", "extLst"]


def test_relationship_ids_are_written_in_their_namespace() -> None:
    entry = schema.element("p:sldId", id="256", r_id="rId7")
    assert entry.get(f"{{{schema.R}}}id") == "rId7"
    with pytest.raises(ValueError, match="requires r:id"):
        schema.element("p:sldId", id="256")
