"""Shapes: placeholders cloned from layouts, slide numbers, autoshape and cell styles,
alt text, and the per-build shape prototypes (``ShapeKit``).

python-pptx skips the slide-number and footer placeholders on new slides (field notes):
they are cloned here, with their field and a fresh id. ``ShapeKit`` makes each kind of
shape once through python-pptx and copies it afterwards (speed at thousands of slides).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from lxml import etree
from pptx.util import Pt

from build_tools.backends.ooxml import internals
from build_tools.backends.ooxml.ids import Ids, next_shape_id, stable_guid
from build_tools.backends.ooxml.runs import Script, localise
from build_tools.backends.ooxml.schema import A, element, insert, qn
from build_tools.backends.ooxml.text import Body, prepared_body

if TYPE_CHECKING:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.slide import Slide


def _rgb(hex_rgb: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_rgb)


def clone_placeholder(slide: Slide, layout_sp: Any) -> Any:
    """Copy a layout placeholder (slide number, footer) onto a slide with a fresh shape id.

    Position stays inherited (empty ``p:spPr``); the text body, with its ``slidenum``
    field, is kept.
    """
    spTree = internals.shape_tree(slide)
    sp = copy.deepcopy(layout_sp)
    sp.find(_NV_SP_PR).find(_C_NV_PR).set("id", str(next_shape_id(spTree)))
    _clear_shape_properties(sp)
    insert(spTree, sp)
    return sp


def place_shape(sp: Any, x: int, y: int, cx: int, cy: int) -> None:
    """Give a shape its own offset and extent (EMU) in ``p:spPr/a:xfrm``, made in schema
    order if missing: what python-pptx's ``get_or_add_xfrm`` and ``x``/``y``/``cx``/``cy``
    setters write, without them."""
    spPr = sp.find(_SP_PR)
    xfrm = spPr.find(_XFRM)
    if xfrm is None:
        xfrm = etree.Element(_XFRM)
        spPr.insert(0, xfrm)  # a:xfrm is the first child of p:spPr
    for tag, names, values in (("a:off", ("x", "y"), (x, y)),
                               ("a:ext", ("cx", "cy"), (cx, cy))):
        child = xfrm.find(qn(tag))
        if child is None:
            child = etree.Element(qn(tag))
            insert(xfrm, child)
        for name, value in zip(names, values, strict=True):
            child.set(name, str(int(value)))


_SP_PR = qn("p:spPr")
_XFRM = qn("a:xfrm")


def _clear_shape_properties(sp: Any) -> None:
    spPr = sp.find(qn("p:spPr"))
    if spPr is not None:
        for child in list(spPr):
            spPr.remove(child)


def set_slide_number_field(sp: Any, number: int | str) -> None:
    """Ensure the placeholder holds exactly one ``slidenum`` field showing ``number``.

    The cached text matters: viewers that do not evaluate fields show it as is.
    """
    txBody = internals.text_body(sp)
    fields = [f for f in txBody.iter(qn("a:fld")) if f.get("type") == "slidenum"]
    if fields:
        field = fields[0]
        paragraph = field.getparent()
    else:
        field = element("a:fld", id=stable_guid("slidenum"), type="slidenum")
        paragraph = txBody.find(qn("a:p"))
        if paragraph is None:
            paragraph = internals.add_paragraph(txBody)
    for other in txBody.findall(qn("a:p")):
        if other is not paragraph:
            txBody.remove(other)
    for child in list(paragraph):
        if child.tag in (qn("a:r"), qn("a:br"), qn("a:fld")):
            paragraph.remove(child)
    end = paragraph.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(field)
    else:
        paragraph.append(field)
    text = field.find(qn("a:t"))
    if text is None:
        text = etree.SubElement(field, qn("a:t"))
    text.text = str(number)


_PH_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"


def placeholder_kind(sp: Any) -> tuple[str, int] | None:
    """A shape element's placeholder type and idx (schema defaults: "obj", 0), or None."""
    ph = sp.find(_PH_PATH)
    if ph is None:
        return None
    return ph.get("type", "obj"), int(ph.get("idx", "0"))


def slide_placeholders(spTree: Any) -> list[Any]:
    """Placeholder ``p:sp`` elements of a shape tree, by plain lxml (python-pptx uses xpath
    per shape, the slowest part of a large build)."""
    return [sp for sp in spTree.iterchildren(qn("p:sp")) if sp.find(_PH_PATH) is not None]


def text_body(sp: Any) -> Any:
    """A shape's ``p:txBody``, added if it has none."""
    return internals.text_body(sp)


def has_text(sp: Any) -> bool:
    return any((t.text or "").strip() for t in sp.iter(qn("a:t")))


def remove_element(element: Any) -> None:
    element.getparent().remove(element)


def style_autoshape(shape: Any, fill: str | None, line: str | None, line_pt: float,
                    adjust: float | None) -> None:
    """An autoshape's look, every colour explicit: no theme style, solid or no fill, a
    solid line of ``line_pt`` or none, and the first adjustment (a chevron's point)."""
    remove_style(shape)
    if adjust is not None:
        shape.adjustments[0] = adjust
    if fill is None:
        shape.fill.background()
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(fill)
    if line is None:
        shape.line.fill.background()
    else:
        shape.line.color.rgb = _rgb(line)
        shape.line.width = Pt(line_pt)


def remove_style(shape: Any) -> None:
    """Drop an autoshape's ``p:style`` (theme line, fill and shadow references).

    Every colour is then explicit, so a customer theme cannot add outlines or shadows.
    """
    sp = internals.element_of(shape)
    style = sp.find(qn("p:style"))
    if style is not None:
        sp.remove(style)


def set_alt_text(shape: Any, text: str) -> None:
    """Alt text (``descr``) for screen readers and accessibility checkers."""
    nv = internals.element_of(shape)[0]  # p:nvSpPr, p:nvPicPr, p:nvGraphicFramePr …
    nv.find(_C_NV_PR).set("descr", text)


class ShapeKit:
    """The shapes a deck draws over and over, made from per-build prototypes.

    python-pptx builds every new shape by formatting and parsing an XML template, finds
    its id by an XPath over the whole slide, and styles it through setters that look
    every element up by name. Here each kind of shape (a text box; an autoshape per
    preset, colours, line and adjustment) is made once by exactly those python-pptx calls
    (so the XML is python-pptx's own) and then copied, with only the id, name, position
    and size written per shape. Shape ids are the caller's: see ``max_shape_id``.
    """

    def __init__(self, script: Script) -> None:
        self.script = script
        self._textbox = _kit_entry(internals.new_textbox_sp())
        self._textboxes: dict[Body, _KitEntry] = {}
        self._autoshapes: dict[tuple[object, ...], _KitEntry] = {}
        self._clones: dict[tuple[object, ...], _Clone] = {}
        self._cells: dict[tuple[str, float, float, str], _KitEntry] = {}

    def textbox(self, spTree: Any, shape_id: int, name: str, rect: tuple[int, int, int, int],
                body: Body | None = None) -> KitShape:
        """As ``shapes.add_textbox`` followed by ``shape.name = name``.

        With ``body`` (insets, anchor) its text body is already as ``prepared_body`` makes
        it, an untouched copy of ``KitShape.base``: ready for ``TextWriter.replace``.
        """
        entry = self._textbox
        if body is not None:
            found = self._textboxes.get(body)
            if found is None:
                found = self._textboxes[body] = _kit_entry(_with_body(self._textbox[0], body))
            entry = found
        return _new_shape(spTree, entry, shape_id, name, rect, body is not None)

    def autoshape(self, spTree: Any, shape_id: int, name: str, preset: MSO_SHAPE,
                  rect: tuple[int, int, int, int], fill: str | None, line: str | None,
                  line_pt: float, adjust: float | None, body: Body | None = None) -> KitShape:
        """As ``shapes.add_shape``, ``style_autoshape`` and ``shape.name = name`` (and a text
        body prepared for ``body``, as for ``textbox``)."""
        key = (preset, fill, line, line_pt, adjust, body)
        entry = self._autoshapes.get(key)
        if entry is None:
            prototype, shape = internals.new_autoshape(preset)
            style_autoshape(shape, fill, line, line_pt, adjust)
            if body is not None:
                prototype = _with_body(prototype, body)
            entry = self._autoshapes[key] = _kit_entry(prototype)
        return _new_shape(spTree, entry, shape_id, name, rect, body is not None)

    def furniture(self, spTree: Any, layout_sp: Any, number: int | None = None,
                  text: tuple[Hashable, Callable[[Any], None]] | None = None,
                  shape_id: int | None = None) -> Furniture:
        """As ``clone_placeholder``, then ``set_slide_number_field`` when ``number`` is given,
        or the text written by ``text`` (a cache key and a writer for the text body).

        The copy with its properties cleared (and its field set up, or its text written)
        is made once per layout placeholder (and text); each slide gets a copy of it with
        its own id (``shape_id``, else ``next_shape_id``) and number. A slide number's runs
        are localised in the prototype
        already (``localise`` touches nothing but run properties, so before or after the
        copy is the same), and written text is localised by its writer: the text body
        comes back as ``Furniture.done`` for the caller to skip.
        """
        key = (id(layout_sp), number is not None, None if text is None else text[0])
        clone = self._clones.get(key)
        if clone is None:
            prototype = copy.deepcopy(layout_sp)
            _clear_shape_properties(prototype)
            id_path = path(prototype, prototype.find(_NV_SP_PR).find(_C_NV_PR))
            body_path = text_path = None
            if number is not None:
                set_slide_number_field(prototype, 0)
                txBody = text_body(prototype)
                localise(txBody, self.script)
                field = next(f for f in txBody.iter(_FLD) if f.get("type") == "slidenum")
                text_path = path(prototype, field.find(_AT))
                body_path = path(prototype, txBody)
            elif text is not None:
                txBody = text_body(prototype)
                text[1](txBody)
                body_path = path(prototype, txBody)
            own = int(follow(prototype, id_path).get("id"))
            clone = self._clones[key] = _Clone(
                layout_sp, prototype, placeholder_kind(prototype), id_path, body_path, text_path,
                Ids.of(prototype).without_shape_id(own))
        sp = clone.prototype.__copy__()
        if shape_id is None:
            shape_id = next_shape_id(spTree)
        follow(sp, clone.id_path).set("id", str(shape_id))
        insert(spTree, sp)
        if clone.text_path is not None:
            follow(sp, clone.text_path).text = str(number)
        done = None if clone.body_path is None else follow(sp, clone.body_path)
        return Furniture(sp, clone.kind, done, clone.ids)


    def table_cell(self, tc: Any, fill: str, pad_x_pt: float, pad_y_pt: float,
                   anchor: str = "t") -> KitShape:
        """Replace a new table's cell (untouched since python-pptx made it) with one styled
        by ``style_cell``; returns the new ``a:tc``, its text body and that of the
        prototype (which the new one is an untouched copy of)."""
        key = (fill, pad_x_pt, pad_y_pt, anchor)
        entry = self._cells.get(key)
        if entry is None:
            prototype, cell = internals.new_table_cell()
            style_cell(cell, fill, pad_x_pt, pad_y_pt, anchor)
            txBody = cell_text_body(prototype)
            entry = self._cells[key] = (prototype, path(prototype, txBody), Ids.of(prototype),
                                        inert(txBody))
        prototype, body_path, _, _ = entry
        cell = prototype.__copy__()
        tc.getparent().replace(tc, cell)
        return KitShape(cell, follow(cell, body_path), follow(prototype, body_path))


def style_cell(cell: Any, fill: str, pad_x_pt: float, pad_y_pt: float,
               anchor: str = "t") -> None:
    """A table cell's fill, padding and vertical anchor (the design's: ``t``, ``ctr`` or
    ``b``, written as ``a:tcPr/@anchor``), through python-pptx."""
    from pptx.enum.text import MSO_ANCHOR

    cell.fill.solid()
    cell.fill.fore_color.rgb = _rgb(fill)
    cell.margin_left = cell.margin_right = Pt(pad_x_pt)
    cell.margin_top = cell.margin_bottom = Pt(pad_y_pt)
    cell.vertical_anchor = {"t": MSO_ANCHOR.TOP, "ctr": MSO_ANCHOR.MIDDLE,
                            "b": MSO_ANCHOR.BOTTOM}[anchor]


_ATX_BODY = qn("a:txBody")


def cell_text_body(tc: Any) -> Any:
    """A table cell's ``a:txBody`` (python-pptx's ``cell.text_frame._txBody``)."""
    txBody = tc.find(_ATX_BODY)
    return txBody if txBody is not None else internals.text_body(tc)


class Furniture(NamedTuple):
    sp: Any
    kind: tuple[str, int] | None  # as placeholder_kind
    done: Any  # its text body, if final and localised; else None
    ids: Ids  # the ids it holds besides its shape id


@dataclass(frozen=True)
class _Clone:
    layout_sp: Any  # kept, so that its id() (the cache key) stays unique
    prototype: Any
    kind: tuple[str, int] | None
    id_path: tuple[int, ...]  # child indexes to the cNvPr, the field's a:t, the text body
    body_path: tuple[int, ...] | None
    text_path: tuple[int, ...] | None
    ids: Ids  # those of the prototype but its shape id


def path(root: Any, element: Any) -> tuple[int, ...]:
    """Child indexes from ``root`` down to ``element``: the same place in any copy."""
    steps = []
    while element is not root:
        parent = element.getparent()
        steps.append(parent.index(element))
        element = parent
    return tuple(reversed(steps))


def follow(root: Any, path: tuple[int, ...]) -> Any:
    element = root
    for index in path:
        element = element[index]
    return element


_NV_SP_PR = qn("p:nvSpPr")
SP_TREE = qn("p:spTree")
_C_NV_PR = qn("p:cNvPr")
TX_BODY = qn("p:txBody")
_FLD = qn("a:fld")
_AT = qn("a:t")


def _with_body(sp: Any, body: Body) -> Any:
    """A copy of ``sp`` whose text body is ``prepared_body`` of its own."""
    copied = sp.__copy__()
    txBody = copied.find(TX_BODY)
    copied.replace(txBody, prepared_body(txBody, *body))
    return copied


class KitShape(NamedTuple):
    sp: Any
    txBody: Any  # its p:txBody
    base: Any  # the prototype's prepared text body, if the shape was made with one; or None
    ids: Ids | None = None  # the ids it holds besides its own shape id (None: not known)
    inert: bool = False  # its text body holds nothing ``localise`` would touch (yet)


# A prototype p:sp, the path to its p:txBody, the ids it holds besides its shape id, and
# whether that text body is inert (see KitShape).
_KitEntry = tuple[Any, tuple[int, ...], Ids, bool]


def _kit_entry(prototype: Any) -> _KitEntry:
    own = int(prototype[0][0].get("id"))  # p:nvSpPr/p:cNvPr, replaced in every copy
    txBody = prototype.find(TX_BODY)
    return (prototype, path(prototype, txBody), Ids.of(prototype).without_shape_id(own),
            inert(txBody))


def inert(txBody: Any) -> bool:
    """Whether a text body has no run, field or paragraph end: nothing to localise."""
    return not _RUNS_AND_ENDS(txBody)


_RUNS_AND_ENDS = etree.XPath(
    "descendant-or-self::a:r | descendant-or-self::a:fld | descendant-or-self::a:endParaRPr",
    namespaces={"a": A},
)


def _new_shape(spTree: Any, entry: _KitEntry, shape_id: int, name: str,
               rect: tuple[int, int, int, int], prepared: bool) -> KitShape:
    prototype, body_path, ids, is_inert = entry
    sp = prototype.__copy__()
    _place(sp, shape_id, name, rect)
    _add_shape(spTree, sp)
    base = follow(prototype, body_path) if prepared else None
    return KitShape(sp, follow(sp, body_path), base, ids, is_inert)


def _place(sp: Any, shape_id: int, name: str, rect: tuple[int, int, int, int]) -> None:
    """Id, name, offset and extent of a new shape, as python-pptx writes them (``"%d" % v``,
    which is ``str(int(v))``)."""
    cNvPr = sp[0][0]
    cNvPr.set("id", str(int(shape_id)))
    cNvPr.set("name", name)
    xfrm = sp[1][0]
    x, y, cx, cy = rect
    off, ext = xfrm[0], xfrm[1]
    off.set("x", str(int(x)))
    off.set("y", str(int(y)))
    ext.set("cx", str(int(cx)))
    ext.set("cy", str(int(cy)))


def _add_shape(spTree: Any, sp: Any) -> None:
    """Where python-pptx puts a new shape: last, but before any ``p:extLst``."""
    insert(spTree, sp)
