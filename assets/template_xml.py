"""The raw XML ``make_template.py`` needs to draw the house template: list styles, new
layouts, placeholders, theme fonts and colours, the slide size.

These serve only the template script (the deck reads the template, it never makes one),
so they live beside it rather than in ``build_tools``. Elements are made and placed by
``build_tools.backends.ooxml.schema`` (required attributes, schema order); python-pptx
internals only through ``build_tools.backends.ooxml.internals``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lxml import etree
from pptx.util import Emu

from build_tools.backends.ooxml import internals
from build_tools.backends.ooxml.edition import edit_related_xml, set_theme_fonts
from build_tools.backends.ooxml.schema import NAMESPACES, A, P, R, element, insert, qn, sub
from build_tools.backends.ooxml.text import EMU_PER_PT, Bullet, autofit_off, set_body_insets

if TYPE_CHECKING:
    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.presentation import Presentation
    from pptx.slide import SlideLayout, SlideMaster


# --- list styles (masters, layouts, placeholders) -----------------------------------------


@dataclass(frozen=True)
class LevelStyle:
    """One level of a list style: what a paragraph at that level looks like by default."""

    size_pt: float
    colour: str
    bold: bool = False
    align: str = "l"
    margin_pt: float = 0.0
    indent_pt: float = 0.0
    bullet: Bullet | None = None
    line_pct: int = 100
    before_pt: float = 0.0
    major: bool = False  # heading font (+mj) instead of body font (+mn)


def level_properties(level: int, style: LevelStyle) -> Any:
    """An ``a:lvlNpPr`` element (N = level, 1-based) from a ``LevelStyle``."""
    pPr = element(
        f"a:lvl{level}pPr", marL=str(round(style.margin_pt * EMU_PER_PT)),
        indent=str(round(style.indent_pt * EMU_PER_PT)), algn=style.align, eaLnBrk="1",
        latinLnBrk="0", hangingPunct="1",
    )
    sub(sub(pPr, "a:lnSpc"), "a:spcPct", val=str(style.line_pct * 1000))
    sub(sub(pPr, "a:spcBef"), "a:spcPts", val=str(round(style.before_pt * 100)))
    if style.bullet is None:
        sub(pPr, "a:buNone")
    else:
        sub(sub(pPr, "a:buClr"), "a:srgbClr", val=style.bullet.colour)
        sub(pPr, "a:buSzPct", val=str(style.bullet.size_pct * 1000))
        sub(pPr, "a:buFont", typeface="Arial")
        sub(pPr, "a:buChar", char=style.bullet.char)
    rPr = sub(pPr, "a:defRPr", sz=str(round(style.size_pt * 100)),
              b="1" if style.bold else "0", kern="1200")
    sub(sub(rPr, "a:solidFill"), "a:srgbClr", val=style.colour.upper())
    prefix = "+mj" if style.major else "+mn"
    for tag, suffix in (("a:latin", "lt"), ("a:ea", "ea"), ("a:cs", "cs")):
        sub(rPr, tag, typeface=f"{prefix}-{suffix}")
    return pPr


def set_list_style(container: Any, levels: Sequence[LevelStyle]) -> None:
    """Fill ``a:lstStyle`` (or a ``p:titleStyle``/``p:bodyStyle``) with levels 1…n; an
    extension list it holds stays, last."""
    for child in list(container):
        if child.tag != _EXT_LST:
            container.remove(child)
    for index, style in enumerate(levels, start=1):
        insert(container, level_properties(index, style))


_EXT_LST = qn("a:extLst")


def placeholder_list_style(sp: Any, levels: Sequence[LevelStyle]) -> None:
    txBody = internals.text_body(sp)
    lstStyle = txBody.find(qn("a:lstStyle"))
    if lstStyle is None:
        lstStyle = sub(txBody, "a:lstStyle")
    set_list_style(lstStyle, levels)


def master_text_styles(master: SlideMaster, title: Sequence[LevelStyle],
                       body: Sequence[LevelStyle], other: Sequence[LevelStyle]) -> None:
    """Rewrite the master's ``p:txStyles`` (title, body and other text defaults)."""
    txStyles = internals.element_of(master).find(qn("p:txStyles"))
    for tag, levels in (("p:titleStyle", title), ("p:bodyStyle", body), ("p:otherStyle", other)):
        set_list_style(txStyles.find(qn(tag)), levels)


def set_body_anchor(sp: Any, anchor: str, insets_pt: tuple[float, float, float, float]) -> None:
    bodyPr = internals.text_body(sp).find(qn("a:bodyPr"))
    bodyPr.set("wrap", "square")
    bodyPr.set("anchor", anchor)
    set_body_insets(bodyPr, insets_pt)
    autofit_off(bodyPr)


def set_prompt(sp: Any, text: str) -> None:
    """The grey prompt a layout placeholder shows in PowerPoint's editing view."""
    txBody = internals.text_body(sp)
    for p in txBody.findall(qn("a:p")):
        txBody.remove(p)
    run = sub(internals.add_paragraph(txBody), "a:r")
    sub(run, "a:t").text = text


# --- shapes ----------------------------------------------------------------------------------


def set_shape_alpha(shape: Any, alpha_pct: int) -> None:
    """Transparency of a solid fill, for decoration that sits behind text."""
    spPr = internals.element_of(shape).find(qn("p:spPr"))
    colour = spPr.find(qn("a:solidFill"))[0]
    for old in colour.findall(qn("a:alpha")):
        colour.remove(old)
    sub(colour, "a:alpha", val=str(alpha_pct * 1000))


def placeholder_element(
    shape_id: int, name: str, ph_type: PP_PLACEHOLDER, idx: int,
    rect: tuple[int, int, int, int],
) -> Any:
    """A new placeholder ``p:sp`` at ``rect`` (EMU), for template layouts and masters."""
    sp = internals.new_placeholder_sp(shape_id, name, ph_type, "horz", "full", idx)
    if sp.find(qn("p:txBody")) is None:
        sp.append(internals.new_text_body())
    x, y, cx, cy = rect
    spPr = sp.find(qn("p:spPr"))
    xfrm = spPr.find(qn("a:xfrm"))
    if xfrm is None:
        xfrm = etree.SubElement(spPr, qn("a:xfrm"))
        spPr.insert(0, xfrm)  # a:xfrm is the first child of p:spPr
    sub(xfrm, "a:off", x=str(Emu(x)), y=str(Emu(y)))
    sub(xfrm, "a:ext", cx=str(Emu(cx)), cy=str(Emu(cy)))
    return sp


def clear_shapes(container: Any) -> None:
    """Remove every shape from a master's, layout's or slide's shape tree."""
    spTree = internals.shape_tree(container)
    for shape in list(internals.shape_elements(spTree)):
        spTree.remove(shape)


def drawing_shapes(container: Any) -> Any:
    """A shape collection that can add shapes to a master or layout."""
    return internals.drawing_shapes(container)


def shape_tree(container: Any) -> Any:
    return internals.shape_tree(container)


def element_of(proxy: Any) -> Any:
    """The element behind a master, layout or notes master, for tree-wide edits."""
    return internals.element_of(proxy)


# --- layouts and masters -------------------------------------------------------------------


def hide_master_shapes(layout: SlideLayout) -> None:
    """The layout draws its own background art; the master's decoration stays off."""
    internals.element_of(layout).set("showMasterSp", "0")


def new_layout(master: SlideMaster, name: str) -> SlideLayout:
    """Add an empty, named layout to ``master`` (a new part, related both ways)."""
    layout_element = element("p:sldLayout", nsmap={"a": A, "r": R, "p": P},
                             preserve="1", userDrawn="1")
    cSld = sub(layout_element, "p:cSld", name=name)
    spTree = sub(cSld, "p:spTree")
    nvGrpSpPr = sub(spTree, "p:nvGrpSpPr")
    sub(nvGrpSpPr, "p:cNvPr", id="1", name="")
    sub(nvGrpSpPr, "p:cNvGrpSpPr")
    sub(nvGrpSpPr, "p:nvPr")
    xfrm = sub(sub(spTree, "p:grpSpPr"), "a:xfrm")
    sub(xfrm, "a:off", x="0", y="0")
    sub(xfrm, "a:ext", cx="0", cy="0")
    sub(xfrm, "a:chOff", x="0", y="0")
    sub(xfrm, "a:chExt", cx="0", cy="0")
    sub(sub(layout_element, "p:clrMapOvr"), "a:masterClrMapping")
    # Parsed again so that python-pptx's element classes are bound (its layout part
    # expects them).
    layout, rId = internals.new_layout_part(
        master, internals.custom_element(etree.tostring(layout_element)))
    master_element = internals.element_of(master)
    id_list = master_element.find(qn("p:sldLayoutIdLst"))
    if id_list is None:
        id_list = insert(master_element, element("p:sldLayoutIdLst"))
    presentation = internals.master_presentation_element(master)
    used = [int(entry.get("id")) for entry in presentation.iter(qn("p:sldMasterId"))]
    used += [int(entry.get("id")) for entry in id_list.iterfind(qn("p:sldLayoutId"))]
    sub(id_list, "p:sldLayoutId", id=str(max([2147483648, *used]) + 1), r_id=rId)
    return layout


def set_slide_size(prs: Presentation, width: int, height: int) -> None:
    """Set the slide size and drop ``type="screen4x3"``, which would contradict it."""
    prs.slide_width = Emu(width)
    prs.slide_height = Emu(height)
    sldSz = internals.presentation_element(prs).find(qn("p:sldSz"))
    if "type" in sldSz.attrib:
        del sldSz.attrib["type"]


def set_theme_colours(theme: Any, name: str, colours: dict[str, str]) -> None:
    """Replace scheme colours (``dk1``, ``accent1``…) with explicit RGB values."""
    scheme = theme.find(".//" + qn("a:clrScheme"))
    scheme.set("name", name)
    for slot, value in colours.items():
        slot_element = scheme.find(qn(f"a:{slot}"))
        for child in list(slot_element):
            slot_element.remove(child)
        sub(slot_element, "a:srgbClr", val=value.upper())
    theme.set("name", name)


__all__ = [
    "NAMESPACES",
    "LevelStyle",
    "clear_shapes",
    "drawing_shapes",
    "edit_related_xml",
    "element_of",
    "hide_master_shapes",
    "level_properties",
    "master_text_styles",
    "new_layout",
    "placeholder_element",
    "placeholder_list_style",
    "set_body_anchor",
    "set_list_style",
    "set_prompt",
    "set_shape_alpha",
    "set_slide_size",
    "set_theme_colours",
    "set_theme_fonts",
    "shape_tree",
]
