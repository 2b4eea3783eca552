"""Drawing on one slide: boxes, text boxes, shapes with text, and the fit bookkeeping.

A ``Page`` wraps one python-pptx slide while it is built. Drawing code queues text with
the rectangle it must fit in; ``finish`` then fits each group at one size (so sibling
boxes, e.g. the three pillars, share a size and look alike), writes the text, and removes
placeholders that stayed empty (an empty placeholder shows "Click to add text").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pptx.enum.shapes import MSO_SHAPE
from pptx.slide import Slide

from build_tools.backends import ooxml
from build_tools.backends.deck.layouts import EMU_PER_PT, ChosenLayout, Rect
from build_tools.backends.deck.text import Block, Placed, Typesetter
from build_tools.plan import PlannedSlide
from build_tools.theme import Theme

# Presets whose text rectangle is narrower than the shape (DrawingML presetShapeDefinitions).
_DEFAULT_ADJ = {
    MSO_SHAPE.CHEVRON: 0.5, MSO_SHAPE.PENTAGON: 0.5, MSO_SHAPE.ROUNDED_RECTANGLE: 0.16667,
}


def text_rect(preset: MSO_SHAPE, rect: Rect, adjust: float | None = None) -> Rect:
    """The text rectangle DrawingML gives a preset shape, as its definition computes it."""
    adj = _DEFAULT_ADJ.get(preset, 0.0) if adjust is None else adjust
    short = min(rect.w, rect.h)
    if preset == MSO_SHAPE.CHEVRON:
        x1 = round(short * adj)
        if rect.w - 2 * x1 > 0:
            return Rect(rect.x + x1, rect.y, rect.w - 2 * x1, rect.h)
        return rect
    if preset == MSO_SHAPE.PENTAGON:  # "homePlate": text stops halfway into the point
        dx = round(short * adj)
        return Rect(rect.x, rect.y, rect.w - dx // 2, rect.h)
    if preset == MSO_SHAPE.OVAL:
        ix, iy = round(rect.w * 0.14645), round(rect.h * 0.14645)  # (1 - cos 45°) / 2
        return Rect(rect.x + ix, rect.y + iy, rect.w - 2 * ix, rect.h - 2 * iy)
    if preset == MSO_SHAPE.ROUNDED_RECTANGLE:
        inset = round(short * adj * 0.29289)
        return Rect(rect.x + inset, rect.y + inset, rect.w - 2 * inset, rect.h - 2 * inset)
    return rect


@dataclass
class _Pending:
    txBody: Any
    placed: Placed
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
    _groups: dict[str, list[_Pending]] = field(default_factory=dict)
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

    def footer(self, layout_sp: Any, rect: Rect, block: Block) -> Any:
        """A layout's footer cloned onto the slide with ``block`` in it, fitted to ``rect``.

        As cloning it and queueing the block (fitted and written alone, as its own group):
        the footer is the same on every slide, so it is written once per layout and size.
        """
        size = self.typesetter.fit_again(Placed(block, rect), self.where, self.planned.path)

        def write(txBody: Any) -> None:
            self.typesetter.write(txBody, block, size)

        shape_id = self._ids.next_clone_id()
        return self._furnish(self.kit.furniture(
            self.spTree, layout_sp, text=((block, size, type(size)), write),
            shape_id=shape_id), shape_id)

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
    def text(self, txBody: Any, rect: Rect, block: Block, group: str | None = None,
             cell: bool = False, base: Any = None, prepared: bool = True) -> None:
        """Queue a block for a text body; it must fit in ``rect`` (its text rectangle)."""
        key = group or f"{block.field}:{len(self._groups)}"
        self._groups.setdefault(key, []).append(
            _Pending(txBody, Placed(block, rect), cell, base, prepared))

    def in_placeholder(self, sp: Any, block: Block, group: str | None = None) -> None:
        """Text into a placeholder; its rectangle is the layout's (slides inherit it)."""
        idx = next((i for _, i, element in self.placeholders if element is sp), None)
        if idx is None:
            kind = ooxml.placeholder_kind(sp)
            idx = kind[1] if kind else None
        rect = self.chosen.rects.get(idx) if idx is not None else None
        body = self.bodies.get(id(sp))
        if body is not None and body.sp is sp and body.txBody is not None:
            self.text(body.txBody, rect or self.content, block, group, base=body.base,
                      prepared=False)
        else:
            self.text(ooxml.text_body(sp), rect or self.content, block, group)

    def textbox(self, rect: Rect, block: Block, group: str | None = None) -> None:
        """A text box for ``block``. Its text body comes set up for the block (insets,
        anchor, autofit off: all ``Typesetter.write`` would set), so ``finish`` only adds
        the paragraphs."""
        shape_id = self._ids.next_id()
        shape = self.kit.textbox(self.spTree, shape_id, f"{block.box} {shape_id}", rect.emu(),
                                 (block.insets_pt, block.anchor))
        self._ids.added(shape.ids, shape_id)
        self.text(shape.txBody, rect, block, group, base=shape.base)

    def shape(self, preset: MSO_SHAPE, rect: Rect, fill: str | None, line: str | None = None,
              line_pt: float = 0.0, block: Block | None = None, group: str | None = None,
              adjust: float | None = None, name: str | None = None) -> Any:
        """A native autoshape, explicitly coloured; with text fitted to its text rectangle."""
        shape_id = self._ids.next_id()
        label = f"{name or (block.box if block else 'Shape')} {shape_id}"
        body = None if block is None else (block.insets_pt, block.anchor)
        shape = self.kit.autoshape(self.spTree, shape_id, label, preset, rect.emu(), fill,
                                   line, line_pt, adjust, body)
        self._ids.added(shape.ids, shape_id)
        if block is not None:
            self.text(shape.txBody, text_rect(preset, rect, adjust), block, group,
                      base=shape.base)
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
        """Fit and write every queued group, then drop placeholders left empty."""
        for pending in self._groups.values():
            size = self.typesetter.fit_group([p.placed for p in pending], self.where,
                                             self.planned.path)
            for item in pending:
                txBody, base = item.txBody, item.base
                if id(txBody) in self._replaced:  # a body written before (and replaced)
                    txBody = self._replaced[id(txBody)][1]
                if id(txBody) in self._written:  # no longer an untouched copy of its base
                    base = None
                if base is None:  # written in place: what it removes is not followed
                    self._ids.stale()
                written = self.typesetter.write(txBody, item.placed.block, size,
                                                not item.cell, base, item.prepared)
                if written is not txBody:
                    self._replaced[id(item.txBody)] = (item.txBody, written)
                self._written[id(written)] = written
        self._groups.clear()
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
