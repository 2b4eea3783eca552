"""The template's layouts as plain data: what the design layer may know about a template.

The deck reads the template in use (the house one or a customer's, see
``backends.deck.layouts.describe``) once per build and hands these objects to the design
layer, so slide geometry, placeholder positions and their text styles, backgrounds and
the layouts' own decorations come from the template, and the handout's miniatures and the
web deck draw exactly what a slide shows, also with ``--template``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.design.boxes import Box
from build_tools.design.geometry import Rect
from build_tools.design.palette import Scheme

TITLE_TYPES = ("title", "ctrTitle")
BODY_TYPES = ("body", "obj")


@dataclass(frozen=True)
class TextStyle:
    """A placeholder's inherited text look, resolved through layout, master and theme."""

    colour: str = "000000"
    bold: bool = False
    align: str = "l"
    anchor: str = "t"
    insets_pt: tuple[float, float, float, float] = (7.2, 3.6, 7.2, 3.6)
    size_pt: float | None = None  # the inherited size, if the template sets one
    font: str = "body"  # the spans' font role: "heading" in a title (the theme's major font)


@dataclass(frozen=True)
class Slot:
    """One placeholder of a layout: its type (OOXML ``p:ph/@type``), idx, rectangle, look."""

    type: str
    idx: int
    rect: Rect
    style: TextStyle = field(default_factory=TextStyle)


@dataclass(frozen=True)
class LayoutSpec:
    """The layout chosen for one slide role."""

    role: str
    name: str
    background: str  # hex RGB
    slots: tuple[Slot, ...]
    content: Rect  # where a slide's content goes
    # The layout's and master's own shapes and pictures (a logo, a band), as from_layout
    # boxes in drawing order: the deck inherits them, the handout and web deck draw them.
    decorations: tuple[Box, ...] = ()

    def slot(self, idx: int) -> Slot | None:
        return next((s for s in self.slots if s.idx == idx and s.type not in TITLE_TYPES),
                    None)

    def title(self) -> Slot | None:
        return next((s for s in self.slots if s.type in TITLE_TYPES), None)

    def subtitle(self) -> Slot | None:
        return next((s for s in self.slots if s.type == "subTitle"), None)

    def first_body(self, skip: set[int]) -> Slot | None:
        return next((s for s in self.slots if s.type in BODY_TYPES and s.idx not in skip),
                    None)

    def slot_or_body(self, idx: int, skip: set[int]) -> Slot | None:
        found = self.slot(idx)
        return found if found is not None else self.first_body(skip)

    def furniture(self) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if s.type in ("ftr", "sldNum"))


@dataclass(frozen=True)
class Layouts:
    """The slide size and a layout per role, with the layout map's slot numbers."""

    width_pt: float
    height_pt: float
    roles: dict[str, LayoutSpec]
    content_idx: int
    secondary_idx: int
    lead_idx: int
    # The template's theme (colour and font scheme) and whether it is a customer's
    # (``--template``, ``course.template``): then the design draws in its colours
    # (``design.palette``) and the deck writes its fonts.
    scheme: Scheme = field(default_factory=lambda: Scheme({}))
    customer: bool = False
