"""Writing designed text into the deck: a ``TextBlock`` at the size the design layer chose.

Sizes and line breaks are decided by the design layer's fit check (``design.text``), never
by autofit (PowerPoint applies autofit only when text is edited, LibreOffice at render
time: the two disagree, field notes). What is written matches what was measured: exact
line spacing, explicit space before paragraphs, indents, bullets, insets and anchor, so
neither the template nor the renderer can reflow it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from build_tools.backends import ooxml
from build_tools.design import boxes
from build_tools.outline import inline


def paragraph_specs(text: boxes.TextBlock, code_typeface: str | None = None,
                    heading_typeface: str | None = None) -> list[ooxml.ParagraphSpec]:
    """The block's paragraphs as the ooxml writer takes them, every property explicit.

    ``code_typeface``: the Latin typeface of ``code`` spans (the theme's fonts.mono);
    ``heading_typeface``: of ``heading`` spans (titles: a customer theme's major font)."""
    typefaces = {"code": code_typeface, "heading": heading_typeface}
    specs = []
    for para in text.paragraphs:
        size = text.size_pt * para.scale
        bullet = None if para.bullet is None else ooxml.Bullet(
            para.bullet.char, para.bullet.colour, para.bullet.size_percent)
        runs = tuple(
            # Not bold: inherit, so a layout's bold title style applies.
            ooxml.RunSpec(span.text, size, True if span.bold else None, span.colour,
                          True if span.italic else None,
                          typefaces.get(span.font), span.link)
            for span in para.spans
        )
        specs.append(ooxml.ParagraphSpec(
            runs, size, text.line_height * size, para.space_before_pt, para.margin_pt,
            para.indent_pt, bullet, para.align, para.level,
        ))
    return specs


@dataclass
class Typesetter:
    """Writes designed text blocks into text bodies (the fit check ran in the design)."""

    script: ooxml.Script
    code_typeface: str | None = None  # `code` spans (the theme's fonts.mono)
    heading_typeface: str | None = None  # titles' Latin face (None: the script's)
    writer: ooxml.TextWriter = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.writer = ooxml.TextWriter(self.script)

    def write(self, txBody: Any, text: boxes.TextBlock, frame_settings: bool = True,
              base: Any = None, prepared: bool = False) -> Any:
        """Replace the frame's text with the block; everything explicit.

        Table cells keep margins and anchoring on the cell, so they skip frame settings.
        ``base``: the body is an untouched copy of ``base`` (a prototype's), so the result
        is made from a prototype too (``TextWriter.replace``) and takes the body's place;
        ``prepared``: ``base`` is an ``ooxml.prepared_body`` for this block's insets and
        anchor already. Returns the text body, now in the tree.
        """
        paragraphs = paragraph_specs(text, self.code_typeface, self.heading_typeface)
        if base is not None:
            frame = (text.insets_pt, text.anchor) if frame_settings and not prepared else None
            return self.writer.replace(txBody, base, paragraphs, frame)
        if frame_settings:
            ooxml.set_body(txBody.find(_BODY_PR), text.insets_pt, text.anchor)
        self.writer.write(txBody, paragraphs)
        return txBody

    def notes_lines(self, notes: str) -> list[ooxml.PlainLine]:
        """Speaker notes as paragraphs (one per non-blank line) of runs that inherit the
        notes master's style, bold, italic, code and links kept from the markup."""
        lines: list[ooxml.PlainLine] = []
        for line in inline.lines(notes) or [notes]:
            spans = inline.spans_of(line)
            if len(spans) == 1 and spans[0] == inline.Inline(spans[0].text):
                lines.append(spans[0].text)  # unstyled: the common case, one plain run
                continue
            lines.append(tuple(
                ooxml.PlainRun(span.text, span.bold, span.italic,
                               self.code_typeface if span.code else None, span.href)
                for span in spans))
        return lines


_BODY_PR = "{http://schemas.openxmlformats.org/drawingml/2006/main}bodyPr"
