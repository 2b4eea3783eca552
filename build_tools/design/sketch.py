"""One slide being designed: boxes queued with their text, then fitted group by group.

The kind functions (``kinds``, ``generated``) place text in a layout's slots, in text
boxes and in preset shapes, much as a designer would on a canvas; ``finish`` fits each
group of text at one size (sibling boxes, e.g. the three pillars, share a size and look
alike) and returns the boxes in drawing order.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from build_tools.design import boxes
from build_tools.design.geometry import Rect
from build_tools.design.layouts import LayoutSpec, Slot, TextStyle
from build_tools.design.text import Block, Fitter, Placed, plain_style
from build_tools.plan import PlannedSlide
from build_tools.theme import Theme

# Presets whose text rectangle is narrower than the shape (DrawingML presetShapeDefinitions).
_DEFAULT_ADJ = {"chevron": 0.5, "homePlate": 0.5, "roundRect": 0.16667}


def text_rect(preset: str, rect: Rect, adjust: float | None = None) -> Rect:
    """The text rectangle DrawingML gives a preset shape, as its definition computes it."""
    adj = _DEFAULT_ADJ.get(preset, 0.0) if adjust is None else adjust
    short = min(rect.w, rect.h)
    if preset == "chevron":
        x1 = short * adj
        return Rect(rect.x + x1, rect.y, rect.w - 2 * x1, rect.h) if rect.w > 2 * x1 else rect
    if preset == "homePlate":  # text stops halfway into the point
        return Rect(rect.x, rect.y, rect.w - short * adj / 2, rect.h)
    if preset == "ellipse":
        ix, iy = rect.w * 0.14645, rect.h * 0.14645  # (1 - cos 45°) / 2
        return Rect(rect.x + ix, rect.y + iy, rect.w - 2 * ix, rect.h - 2 * iy)
    if preset == "roundRect":
        inset = short * adj * 0.29289
        return Rect(rect.x + inset, rect.y + inset, rect.w - 2 * inset, rect.h - 2 * inset)
    return rect


@dataclass
class _Queued:
    box: boxes.Box
    placed: Placed | None = None
    group: str | None = None


@dataclass
class Sketch:
    """The boxes of one slide, in order, and the text waiting to be fitted."""

    planned: PlannedSlide
    layout: LayoutSpec
    theme: Theme
    fitter: Fitter
    _queue: list[_Queued] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"slide {self.planned.number} '{self.planned.title}'"

    @property
    def content(self) -> Rect:
        return self.layout.content

    # -- slots
    def title_slot(self) -> Slot | None:
        return self.layout.title()

    def subtitle_slot(self) -> Slot | None:
        return self.layout.subtitle()

    def slot(self, idx: int) -> Slot | None:
        return self.layout.slot(idx)

    def slot_or_body(self, idx: int, skip: set[int]) -> Slot | None:
        return self.layout.slot_or_body(idx, skip)

    def first_body(self, skip: set[int]) -> Slot | None:
        return self.layout.first_body(skip)

    # -- boxes
    def _queue_text(self, box: boxes.Box, block: Block, area: Rect, style: TextStyle,
                    group: str | None) -> None:
        key = group or f"{block.field}:{len(self._queue)}"
        self._queue.append(_Queued(box, Placed(block, area, style), key))

    def in_slot(self, slot: Slot, block: Block, group: str | None = None,
                role: str | None = None, rect: Rect | None = None) -> None:
        """Text into a layout placeholder (the slide inherits its rectangle and look)."""
        role = role or ("title" if slot.type in ("title", "ctrTitle") else
                        "subtitle" if slot.type == "subTitle" else "body")
        area = rect or slot.rect
        box = boxes.Box(role, area.x, area.y, area.w, area.h, name=block.box,
                        field=block.field, placeholder_idx=slot.idx,
                        placeholder_type=slot.type)
        self._queue_text(box, block, area, slot.style, group)

    def textbox(self, rect: Rect, block: Block, group: str | None = None,
                role: str = "body") -> None:
        box = boxes.Box(role, rect.x, rect.y, rect.w, rect.h, name=block.box, field=block.field)
        self._queue_text(box, block, rect, plain_style(self.theme.colours.text), group)

    def shape(self, preset: str, rect: Rect, fill: str | None, line: str | None = None,
              line_pt: float = 0.0, block: Block | None = None, group: str | None = None,
              adjust: float | None = None, name: str | None = None,
              role: str | None = None) -> None:
        """A preset shape, explicitly coloured; with text fitted to its text rectangle."""
        role = role or ("shape" if block is not None or preset != "rect" else "panel")
        inner = text_rect(preset, rect, adjust)
        box = boxes.Box(role, rect.x, rect.y, rect.w, rect.h,
                        name=name or (block.box if block else "Shape"),
                        field=block.field if block else "", geometry=preset, adjust=adjust,
                        fill=fill, line=line, line_pt=line_pt,
                        text_rect=None if inner == rect else inner.tuple())
        if block is None:
            self._queue.append(_Queued(box))
        else:
            self._queue_text(box, block, inner, plain_style(self.theme.colours.text), group)

    def add(self, box: boxes.Box) -> None:
        """A finished box (table, chart, picture, furniture)."""
        self._queue.append(_Queued(box))

    def natural_height(self, block: Block, width: float, size: float | None = None) -> float:
        return self.fitter.natural_height(block, width, plain_style(self.theme.colours.text),
                                          size)

    def finish(self) -> tuple[boxes.Box, ...]:
        """Fit every group of text at one size; the boxes in drawing order."""
        groups: dict[str, list[_Queued]] = {}
        for queued in self._queue:
            if queued.placed is not None and queued.group is not None:
                groups.setdefault(queued.group, []).append(queued)
        fitted: dict[int, boxes.TextBlock] = {}
        for members in groups.values():
            texts = self.fitter.fit_group([m.placed for m in members if m.placed],
                                          self.where, self.planned.path)
            for member, text in zip(members, texts, strict=True):
                fitted[id(member)] = text
        return tuple(
            replace(q.box, text=fitted[id(q)]) if id(q) in fitted else q.box
            for q in self._queue
        )
