"""Drawing on one slide: placeholders, text boxes, shapes, and writing their designed text.

A ``Page`` wraps one python-pptx slide while its boxes are drawn. Text is queued with the
text body it goes into; ``finish`` writes it (at the size the design layer chose) and
removes placeholders that stayed empty (an empty placeholder shows "Click to add text").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pptx.enum.shapes import MSO_SHAPE
from pptx.slide import Slide

from build_tools.backends import ooxml
from build_tools.backends.deck.layouts import EMU_PER_PT, ChosenLayout, Rect
from build_tools.backends.deck.text import Typesetter
from build_tools.design import boxes
from build_tools.plan import PlannedSlide
from build_tools.theme import Theme

# DrawingML preset names (the design's geometry) as python-pptx's shape types.
PRESETS = {
    "rect": MSO_SHAPE.RECTANGLE, "ellipse": MSO_SHAPE.OVAL, "chevron": MSO_SHAPE.CHEVRON,
    "homePlate": MSO_SHAPE.PENTAGON, "roundRect": MSO_SHAPE.ROUNDED_RECTANGLE,
}


@dataclass
class _Pending:
    txBody: Any
    text: boxes.TextBlock
    cell: bool
    base: Any = None  # a body the text body is an untouched copy of (see ``Typesetter.write``)
    prepared: bool = True  # whether ``base`` is set up for the block already (``textbox``)


_TITLE_TYPES = ("title", "ctrTitle")
_BODY_TYPES = ("body", "obj")


@dataclass
class Page:
    """One slide being built. Placeholders are handled as elements (``p:sp``): python-pptx's
    placeholder proxies rescan the tree with xpath on every access.

    Text boxes and autoshapes come from the build's ``ShapeKit``. Their ids are what
    python-pptx would give (one more than the largest id on the slide): ``ids`` follows
    the slide's ids as shapes are added and removed here, and counts them again after
    anything else changed the tree (python-pptx adding tables, pictures, charts).

    The placeholders (type, idx, ``p:sp``, in tree order) start as the ones the slide was
    made with and are kept up to date here: only ``Page`` adds (furniture) or removes
    placeholders, so the list never has to be searched for in the tree. All changes to
    the slide go through ``Page`` (or ``native`` for python-pptx's own shapes).
    """

    slide: Slide
    spTree: Any  # the slide's p:spTree
    planned: PlannedSlide
    chosen: ChosenLayout
    theme: Theme
    typesetter: Typesetter
    kit: ooxml.ShapeKit
    placeholders: list[ooxml.Placeholder]
    # The placeholders as the slide was made, by id(p:sp): with their text bodies (each
    # an untouched copy of a base) and the ids they hold.
    bodies: dict[int, ooxml.KitShape] = field(default_factory=dict)
    ids: ooxml.ShapeIds | None = None  # the slide's ids (None: counted when first needed)
    _pending: list[_Pending] = field(default_factory=list)
    # Text bodies written by the typesetter, or that hold nothing to localise (kept
    # alive, so their ids stay theirs), and those the typesetter replaced (see
    # ``Typesetter.write``): the old body, the new one.
    _written: dict[int, Any] = field(default_factory=dict)
    _replaced: dict[int, tuple[Any, Any]] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"slide {self.planned.number} '{self.planned.title}'"

    @property
    def content(self) -> Rect:
        return self.chosen.content

    # -- placeholders (elements)
    def _placeholders(self) -> list[ooxml.Placeholder]:
        return self.placeholders

    def placeholder(self, idx: int) -> Any:
        return next((sp for _, i, sp in self._placeholders() if i == idx), None)

    def title_placeholder(self) -> Any:
        return next((sp for t, _, sp in self._placeholders() if t in _TITLE_TYPES), None)

    def subtitle_placeholder(self) -> Any:
        return next((sp for t, _, sp in self._placeholders() if t == "subTitle"), None)

    def first_body(self, skip: set[int]) -> Any:
        """The first text/content placeholder outside the named slots (a template's body)."""
        return next((sp for t, i, sp in self._placeholders()
                     if t in _BODY_TYPES and i not in skip), None)

    def slot_or_body(self, idx: int, skip: set[int]) -> Any:
        """The placeholder with ``idx``, else the first other body placeholder, else None."""
        found = self.placeholder(idx)
        return found if found is not None else self.first_body(skip)

    def __post_init__(self) -> None:
        if self.ids is None:
            self.ids = ooxml.ShapeIds(self.spTree)

    @property
    def _ids(self) -> ooxml.ShapeIds:
        assert self.ids is not None
        return self.ids

    def place(self, sp: Any, rect: Rect) -> None:
        """Give a placeholder its own rectangle on this slide (the design moved it)."""
        ooxml.place_shape(sp, rect.x, rect.y, rect.w, rect.h)

    def forget(self, element: Any) -> None:
        """Remove a placeholder the slide does not use."""
        ooxml.remove_element(element)
        self.placeholders = [p for p in self.placeholders if p[2] is not element]
        known = self.bodies.get(id(element))
        self._ids.removed(known.ids if known is not None and known.sp is element else None)

    # -- shapes
    def native(self) -> Any:
        """python-pptx's shape collection, for what it adds itself (tables, pictures, charts)."""
        self._ids.stale()
        return self.slide.shapes

    def furniture(self, layout_sp: Any, number: int | None = None) -> Any:
        """A layout's slide number (with ``number``), or other placeholder, cloned onto the
        slide."""
        shape_id = self._ids.next_clone_id()
        return self._furnish(self.kit.furniture(self.spTree, layout_sp, number,
                                                shape_id=shape_id), shape_id)

    def footer(self, layout_sp: Any, text: boxes.TextBlock) -> Any:
        """A layout's footer cloned onto the slide with its designed text.

        The footer is the same on every slide, so it is written once per layout and text
        (the text block is the cache key)."""

        def write(txBody: Any) -> None:
            self.typesetter.write(txBody, text)

        shape_id = self._ids.next_clone_id()
        return self._furnish(self.kit.furniture(
            self.spTree, layout_sp, text=(text, write), shape_id=shape_id), shape_id)

    def _furnish(self, furniture: ooxml.Furniture, shape_id: int) -> Any:
        self._ids.added(furniture.ids, shape_id)
        self.bodies[id(furniture.sp)] = ooxml.KitShape(
            furniture.sp, None, None, ooxml.Ids(furniture.ids.every + Counter([shape_id]),
                                                furniture.ids.cnvpr + Counter([shape_id])))
        if furniture.kind is not None:
            self.placeholders.append((furniture.kind[0], furniture.kind[1], furniture.sp))
        if furniture.done is not None:
            self._written[id(furniture.done)] = furniture.done
        return furniture.sp

    # -- text
    def text(self, txBody: Any, text: boxes.TextBlock, cell: bool = False, base: Any = None,
             prepared: bool = True) -> None:
        """Queue a designed text block for a text body (written by ``finish``)."""
        self._pending.append(_Pending(txBody, text, cell, base, prepared))

    def in_placeholder(self, sp: Any, text: boxes.TextBlock) -> None:
        """Text into a placeholder (the slide inherits its rectangle from the layout)."""
        body = self.bodies.get(id(sp))
        if body is not None and body.sp is sp and body.txBody is not None:
            self.text(body.txBody, text, base=body.base, prepared=False)
        else:
            self.text(ooxml.text_body(sp), text)

    def textbox(self, rect: Rect, text: boxes.TextBlock, name: str) -> None:
        """A text box. Its text body comes set up for the block (insets, anchor, autofit
        off: all ``Typesetter.write`` would set), so ``finish`` only adds the paragraphs."""
        shape_id = self._ids.next_id()
        shape = self.kit.textbox(self.spTree, shape_id, f"{name} {shape_id}", rect.emu(),
                                 (text.insets_pt, text.anchor))
        self._ids.added(shape.ids, shape_id)
        self.text(shape.txBody, text, base=shape.base)

    def shape(self, preset: str, rect: Rect, fill: str | None, line: str | None = None,
              line_pt: float = 0.0, text: boxes.TextBlock | None = None,
              adjust: float | None = None, name: str = "Shape") -> Any:
        """A native autoshape, explicitly coloured, with its designed text."""
        shape_id = self._ids.next_id()
        label = f"{name} {shape_id}"
        body = None if text is None else (text.insets_pt, text.anchor)
        shape = self.kit.autoshape(self.spTree, shape_id, label, PRESETS[preset], rect.emu(),
                                   fill, line, line_pt, adjust, body)
        self._ids.added(shape.ids, shape_id)
        if text is not None:
            self.text(shape.txBody, text, base=shape.base)
        elif shape.inert:  # no text, and never written: nothing for ``localise`` to do
            self._written[id(shape.txBody)] = shape.txBody
        return shape.sp

    # -- completion
    def localise(self, script: ooxml.Script) -> None:
        """``ooxml.localise`` of the whole slide, done where it can change anything.

        Runs, fields and paragraph ends only occur in text bodies, and a body the
        typesetter wrote is localised already (its paragraphs are all new, built with the
        script), as is an empty one never written (a plain shape's); so only the others
        (cloned furniture, anything python-pptx wrote) are visited.
        """
        written = self._written
        for txBody in self.spTree.iter(*_TEXT_BODIES):
            if written.get(id(txBody)) is not txBody:
                ooxml.localise(txBody, script)

    def finish(self) -> None:
        """Write every queued text, then drop placeholders left empty."""
        for item in self._pending:
            txBody, base = item.txBody, item.base
            if id(txBody) in self._replaced:  # a body written before (and replaced)
                txBody = self._replaced[id(txBody)][1]
            if id(txBody) in self._written:  # no longer an untouched copy of its base
                base = None
            if base is None:  # written in place: what it removes is not followed
                self._ids.stale()
            written = self.typesetter.write(txBody, item.text, not item.cell, base,
                                            item.prepared)
            if written is not txBody:
                self._replaced[id(item.txBody)] = (item.txBody, written)
            self._written[id(written)] = written
        self._pending.clear()
        if self.typesetter.writer.moved_ids:
            self._ids.stale()
        for _, _, sp in list(self.placeholders):
            if not ooxml.has_text(sp):
                self.forget(sp)


def pt(value: float) -> int:
    """Points to EMU."""
    return round(value * EMU_PER_PT)


_TEXT_BODIES = (
    "{http://schemas.openxmlformats.org/presentationml/2006/main}txBody",
    "{http://schemas.openxmlformats.org/drawingml/2006/main}txBody",
)
