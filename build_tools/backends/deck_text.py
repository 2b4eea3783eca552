"""Text for the deck: what goes in a box, the size it fits at, and writing it.

Sizes are decided here at build time, never by autofit (PowerPoint applies autofit only
when text is edited, LibreOffice at render time: the two disagree, field notes). Every
box is measured with the shared ``Measurer`` against its text area (the box minus its
insets, or a preset shape's text rectangle), trying the theme's sizes from largest to
smallest. What is written then matches what was measured: exact line spacing of
``LINE_HEIGHT`` x size and ``PARAGRAPH_SPACE`` x size before each paragraph but the first,
explicit indents and bullets, so neither the template nor the renderer can reflow it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from build_tools.backends import ooxml
from build_tools.backends.deck_layouts import Rect
from build_tools.backends.ooxml import Bullet
from build_tools.errors import Problem
from build_tools.measure import LINE_HEIGHT, PARAGRAPH_SPACE, Measurer, Paragraph, Run
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
    bullet: Bullet | None = None
    margin_pt: float = 0.0  # left margin; a bullet hangs into it
    align: str | None = None  # "l", "ctr", "r"; None: inherit (left in a text box)
    gap_em: float = 0.0  # extra space before (not on the first paragraph), x its size

    @classmethod
    def text(cls, text: str, **kwargs: object) -> Para:
        return cls((Span(text),), **kwargs)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Block:
    """The text of one box: where it comes from, what it says, the sizes it may take."""

    field: str  # the outline field under the slide's path ("points"), or "course.…"
    box: str  # the box's name in messages and in the shape name
    paras: tuple[Para, ...]
    sizes: tuple[float, ...]  # largest first
    colour: str | None = None  # hex RGB; None: inherit (placeholders follow the template)
    bold: bool = False
    anchor: str | None = None  # "t", "ctr", "b"; None: inherit (top in a text box)
    insets_pt: tuple[float, float, float, float] = INSETS_PT


@dataclass(frozen=True)
class Placed:
    """A block with the rectangle its text must fit in (text rectangle, before insets)."""

    block: Block
    text_rect: Rect


@dataclass
class Verdict:
    size: float
    overflow_pt: float
    fits: bool


@dataclass
class Typesetter:
    """Fits and writes blocks; collects overflow problems for the slide being built."""

    measurer: Measurer
    script: ooxml.Script
    code_typeface: str = "Courier New"  # `code` spans (the theme's fonts.mono)
    problems: list[Problem] = field(default_factory=list)
    writer: ooxml.TextWriter = field(init=False, repr=False)
    # fit_again's outcomes: (id(block), box) -> (block, size, overflowing blocks).
    _again: dict[tuple[int, Rect], tuple[Block, float, list[tuple[Block, float]]]] = field(
        default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.writer = ooxml.TextWriter(self.script)

    def paragraphs(self, block: Block) -> list[Paragraph]:
        return [
            Paragraph(tuple(Run(piece.text, span.bold or block.bold or piece.bold, piece.code)
                            for span in para.spans for piece in spans_of(span.text)),
                      para.scale, para.margin_pt)
            for para in block.paras
        ]

    @staticmethod
    def extra_space_pt(block: Block, size: float) -> float:
        """Space the measurer does not know about: the extra gaps between paragraphs."""
        return sum(p.gap_em * size * p.scale for p in block.paras[1:])

    def verdict(self, placed: Placed, size: float) -> Verdict:
        return self._verdict(placed, self.paragraphs(placed.block), size)

    def _verdict(self, placed: Placed, paragraphs: list[Paragraph], size: float) -> Verdict:
        block = placed.block
        left, top, right, bottom = block.insets_pt
        width = placed.text_rect.w_pt - left - right
        height = placed.text_rect.h_pt - top - bottom - self.extra_space_pt(block, size)
        fit = self.measurer.fit(paragraphs, width, height, [size])
        overflow = max(fit.overflow_pt, fit.measurement.width_pt - width, 0.0)
        return Verdict(size, overflow, fit.fits)

    def natural_height_pt(self, block: Block, width_pt: float) -> float:
        """Height the block takes at its largest size in a box ``width_pt`` wide, insets in."""
        left, top, right, bottom = block.insets_pt
        measured = self.measurer.measure(self.paragraphs(block), width_pt - left - right,
                                         block.sizes[0])
        return measured.height_pt + top + bottom + self.extra_space_pt(block, block.sizes[0])

    def fit_group(self, placed: Sequence[Placed], where: str, path: str) -> float:
        """The largest size at which every block of the group fits (one size, one look).

        Blocks in a group share their size list. If none fits, the smallest size is used
        and each block still too big becomes a problem naming the slide and the box.
        """
        size, overflowing = self._fit(placed)
        self._report(overflowing, size, where, path)
        return size

    def fit_again(self, placed: Placed, where: str, path: str) -> float:
        """``fit_group([placed], …)`` for a block fitted alone in the same box on every slide
        (the footer): the same object each time, so its outcome is kept by identity."""
        key = (id(placed.block), placed.text_rect)
        found = self._again.get(key)
        if found is None or found[0] is not placed.block:
            found = self._again[key] = (placed.block, *self._fit([placed]))
        _, size, overflowing = found
        self._report(overflowing, size, where, path)
        return size

    def _fit(self, placed: Sequence[Placed]) -> tuple[float, list[tuple[Block, float]]]:
        """The group's size, and the blocks that overflow at it (if it is the smallest) with
        their overflow."""
        if not placed:
            return 0.0, []
        measured = [(p, self.paragraphs(p.block)) for p in placed]
        sizes = placed[0].block.sizes
        for size in sizes:
            if all(self._verdict(p, paragraphs, size).fits for p, paragraphs in measured):
                return size, []
        smallest = sizes[-1]
        overflowing = []
        for p, paragraphs in measured:
            verdict = self._verdict(p, paragraphs, smallest)
            if not verdict.fits:
                overflowing.append((p.block, verdict.overflow_pt))
        return smallest, overflowing

    def _report(self, overflowing: list[tuple[Block, float]], size: float, where: str,
                path: str) -> None:
        for block, overflow_pt in overflowing:
            field = block.field
            self.problems.append(Problem(
                field if field.startswith("course.") else f"{path}.{field}",
                f"{where}: text overflows box '{block.box}' by "
                f"{max(overflow_pt, 0.1):.1f} pt at the smallest size {size:g} pt",
            ))

    def write(self, txBody: Any, block: Block, size: float, frame_settings: bool = True,
              base: Any = None, prepared: bool = False) -> Any:
        """Replace the frame's text with the block at ``size``; everything explicit.

        Table cells keep margins and anchoring on the cell, so they skip frame settings.
        ``base``: the body is an untouched copy of ``base`` (a prototype's), so the result
        is made from a prototype too (``TextWriter.replace``) and takes the body's place;
        ``prepared``: ``base`` is an ``ooxml.prepared_body`` for this block's insets and
        anchor already. Returns the text body, now in the tree.
        """
        paragraphs = []
        for index, para in enumerate(block.paras):
            para_size = size * para.scale
            before = (PARAGRAPH_SPACE + para.gap_em) * para_size if index else 0.0
            hanging = -min(para.margin_pt, para_size * 1.1) if para.bullet else 0.0
            runs = tuple(
                ooxml.RunSpec(piece.text, para_size,
                              # Not bold: inherit, so a layout's bold title style applies.
                              True if span.bold or block.bold or piece.bold else None,
                              span.colour or block.colour,
                              # The outline's inline markup (outline/inline.py).
                              True if piece.italic else None,
                              self.code_typeface if piece.code else None,
                              piece.href)
                for span in para.spans for piece in spans_of(span.text)
            )
            paragraphs.append(ooxml.ParagraphSpec(
                runs, para_size, LINE_HEIGHT * para_size, before, para.margin_pt, hanging,
                para.bullet, para.align, para.level,
            ))
        if base is not None:
            frame = (block.insets_pt, block.anchor) if frame_settings and not prepared else None
            return self.writer.replace(txBody, base, paragraphs, frame)
        if frame_settings:
            ooxml.set_body(txBody.find(_BODY_PR), block.insets_pt, block.anchor)
        self.writer.write(txBody, paragraphs)
        return txBody

    def write_plain(self, txBody: Any, lines: Sequence[str]) -> None:
        """Paragraphs that inherit every style (speaker notes): text, fonts and lang only."""
        self.writer.write_plain(txBody, lines)


_BODY_PR = "{http://schemas.openxmlformats.org/drawingml/2006/main}bodyPr"
