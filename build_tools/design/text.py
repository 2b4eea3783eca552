"""Text for the design layer: what goes in a box, and the fit check that sizes it.

Sizes are decided at build time, never by autofit (PowerPoint applies autofit only when
text is edited, LibreOffice at render time: the two disagree, field notes). Each block is
measured with the shared ``Measurer`` against its text area (the box minus its insets,
or a preset shape's text rectangle), trying its sizes from largest to smallest; blocks
in one group (three pillars' points) share a size. The chosen size and the measurer's
line breaks go into the ``TextBlock`` every backend draws, so what is drawn anywhere is
what was measured here, once.

Balanced blocks (titles, headings, centred captions) then get the narrowest text width
that keeps their line count (the deck widens the insets by as much), so no line ends
with one character alone and centred lines are even, not ragged.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from build_tools.design import boxes
from build_tools.design.geometry import Rect
from build_tools.design.layouts import TextStyle
from build_tools.design.palette import Palette
from build_tools.errors import Problem
from build_tools.measure import LINE_HEIGHT, PARAGRAPH_SPACE, Measurer, Paragraph, Run
from build_tools.outline.fieldpath import from_one, parse_path
from build_tools.outline.inline import spans_of

INSETS_PT = (7.2, 3.6, 7.2, 3.6)  # left, top, right, bottom: PowerPoint's defaults


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    colour: str | None = None  # hex RGB; None: the block's colour


@dataclass(frozen=True)
class Para:
    spans: tuple[Span, ...]
    level: int = 0
    scale: float = 1.0  # size relative to the block's size
    bullet: boxes.Bullet | None = None
    margin_pt: float = 0.0  # left margin; a bullet hangs into it
    align: str | None = None  # "l", "ctr", "r"; None: the slot's (left in a text box)
    gap_em: float = 0.0  # extra space before (not on the first paragraph), x its size

    @classmethod
    def text(cls, text: str, **kwargs: object) -> Para:
        return cls((Span(text),), **kwargs)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Block:
    """The text of one box before fitting: its source, its paragraphs, the sizes it may take."""

    field: str  # the outline field under the slide's path ("points"), or "course.…"
    box: str  # the box's name in messages and in the shape name
    paras: tuple[Para, ...]
    sizes: tuple[float, ...]  # largest first
    colour: str | None = None  # hex RGB; None: the slot's (placeholders) or the text colour
    bold: bool = False
    anchor: str | None = None  # "t", "ctr", "b"; None: the slot's (top in a text box)
    insets_pt: tuple[float, float, float, float] | None = None  # None: the slot's
    balance: bool = False  # even lines (titles, headings, centred captions)
    orphans: bool = False  # body text: no paragraph ends with one character alone


@dataclass(frozen=True)
class Placed:
    """A block with the rectangle its text must fit in (before insets) and its defaults."""

    block: Block
    area: Rect
    style: TextStyle


@dataclass
class Fitter:
    """Fits blocks; collects overflow problems for the whole deck."""

    measurer: Measurer
    problems: list[Problem] = field(default_factory=list)
    palette: Palette | None = None  # the colour of links (``Palette.link_in``); None: as text

    @staticmethod
    def insets(placed: Placed) -> tuple[float, float, float, float]:
        return placed.block.insets_pt or placed.style.insets_pt

    def paragraphs(self, placed: Placed) -> list[Paragraph]:
        block = placed.block
        bold = block.bold or placed.style.bold
        return [
            Paragraph(tuple(Run(piece.text, span.bold or bold or piece.bold, piece.code)
                            for span in para.spans for piece in spans_of(span.text)),
                      para.scale, para.margin_pt)
            for para in block.paras
        ]

    @staticmethod
    def extra_space_pt(block: Block, size: float) -> float:
        """Space the measurer does not know about: the extra gaps between paragraphs."""
        return sum(p.gap_em * size * p.scale for p in block.paras[1:])

    def _room(self, placed: Placed, size: float) -> tuple[float, float]:
        left, top, right, bottom = self.insets(placed)
        return (placed.area.w - left - right,
                placed.area.h - top - bottom - self.extra_space_pt(placed.block, size))

    def _fits(self, placed: Placed, paragraphs: list[Paragraph], size: float) -> float:
        """How far the block overflows at ``size`` (0: it fits)."""
        width, height = self._room(placed, size)
        fit = self.measurer.fit(paragraphs, width, height, [size])
        if fit.fits:
            return 0.0
        return max(fit.overflow_pt, fit.measurement.width_pt - width, 0.1)

    def natural_height(self, block: Block, width: float, style: TextStyle | None = None,
                       size: float | None = None) -> float:
        """Height the block takes at ``size`` (its largest) in a box ``width`` wide, insets in."""
        placed = Placed(block, Rect(0, 0, width, 0), style or TextStyle())
        left, top, right, bottom = self.insets(placed)
        size = block.sizes[0] if size is None else size
        measured = self.measurer.measure(self.paragraphs(placed), width - left - right, size)
        return measured.height_pt + top + bottom + self.extra_space_pt(block, size)

    def fit_group(self, group: Sequence[Placed], where: str, path: str) -> list[boxes.TextBlock]:
        """The largest size at which every block of the group fits (one size, one look).

        Blocks in a group share their size list. If none fits, the smallest size is used
        and each block still too big becomes a problem naming the slide and the box.
        """
        measured = [(p, self.paragraphs(p)) for p in group]
        sizes = group[0].block.sizes
        chosen = sizes[-1]
        for size in sizes:
            if all(not self._fits(p, paragraphs, size) for p, paragraphs in measured):
                chosen = size
                break
        results = []
        for p, paragraphs in measured:
            overflow = self._fits(p, paragraphs, chosen)
            if overflow:
                block = p.block
                self.problems.append(Problem(
                    block.field if block.field.startswith("course.") else f"{path}.{block.field}",
                    f"{where}: text overflows box '{from_one(parse_path(block.box))}' by "
                    f"{overflow:.1f} pt at the smallest size {chosen:g} pt: "
                    f"{_what_to_cut(paragraphs, self._room(p, chosen)[0], chosen, overflow)}",
                ))
            results.append(self._text_block(p, paragraphs, chosen, overflow))
        return results

    def _colour(self, colour: str, href: str | None) -> str:
        """A run's colour: a link's from the palette, the rest as the text's."""
        if href is None or self.palette is None:
            return colour
        return self.palette.link_in(colour)

    def _text_block(self, placed: Placed, paragraphs: list[Paragraph], size: float,
                    overflow: float) -> boxes.TextBlock:
        block, style = placed.block, placed.style
        left, top, right, bottom = self.insets(placed)
        width, _ = self._room(placed, size)
        align = block.paras[0].align or style.align if block.paras else style.align
        if (block.balance or block.orphans) and not overflow:
            narrower = self.measurer.balanced_width(paragraphs, width, size, block.balance)
            spare = width - narrower
            if spare > 0.5:
                if align == "ctr":
                    left, right = left + spare / 2, right + spare / 2
                elif align == "r":
                    left += spare
                else:
                    right += spare
                width = narrower
        measurement = self.measurer.measure(paragraphs, width, size)
        colour = block.colour or style.colour
        bold = block.bold or style.bold
        paras = []
        for index, para in enumerate(block.paras):
            para_size = size * para.scale
            before = (PARAGRAPH_SPACE + para.gap_em) * para_size if index else 0.0
            hanging = -min(para.margin_pt, para_size * 1.1) if para.bullet else 0.0
            paras.append(boxes.Paragraph(
                # The outline's inline markup (outline/inline.py) becomes spans of its own.
                tuple(boxes.Span(piece.text, span.bold or bold or piece.bold, piece.italic,
                                 self._colour(span.colour or colour, piece.href),
                                 "code" if piece.code else style.font,
                                 piece.href)
                      for span in para.spans for piece in spans_of(span.text)),
                para.level, para.scale, para.align or style.align, para.margin_pt, hanging,
                before, para.bullet))
        return boxes.TextBlock(tuple(paras), size, measurement.lines,
                               block.anchor or style.anchor, (left, top, right, bottom),
                               LINE_HEIGHT, overflow)

_PLAIN = TextStyle()


def plain_style(colour: str) -> TextStyle:
    """The look of a new text box or shape: the theme's text colour, top left."""
    return replace(_PLAIN, colour=colour)


def _what_to_cut(paragraphs: Sequence[Paragraph], width_pt: float, size_pt: float,
                 overflow_pt: float) -> str:
    """What an author can act on: about how many lines (and characters) to cut at the
    smallest size. Characters per line from the text's own mix: a CJK character is about
    1 em wide, a Latin one about 0.55 em (an estimate; the fit check itself measures)."""
    text = "".join(run.text for paragraph in paragraphs for run in paragraph.runs)
    wide = sum(1 for char in text if ord(char) >= 0x2E80)
    em_per_char = (wide + 0.55 * (len(text) - wide)) / len(text) if text else 1.0
    per_line = max(1, int(width_pt / (size_pt * em_per_char)))
    lines = max(1, math.ceil(overflow_pt / (LINE_HEIGHT * size_pt)))
    return (f"cut about {lines} line{'s' if lines > 1 else ''} "
            f"(~{lines * per_line} characters), or split the slide")
