"""What the templates need from a design, in the shapes HTML wants them.

No geometry is decided here: rectangles, sizes, colours and line breaks come from the
design layer as they are. This module only translates: a text block's lines back onto
its spans (the design keeps both), a preset shape's outline as SVG points (what the
DrawingML preset definition draws), an image file as a data URI.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from build_tools.design.boxes import Box, Image, SlideDesign, Span, TextBlock
from build_tools.design.pictures import picture_bytes

ANCHOR = {"t": "flex-start", "ctr": "center", "b": "flex-end"}
ALIGN = {"l": "left", "ctr": "center", "r": "right"}


@dataclass(frozen=True)
class Piece:
    """Part of one line drawn with one span's look."""

    text: str
    span: Span


def lines_of(block: TextBlock, index: int) -> list[list[Piece]]:
    """Paragraph ``index``'s lines, each as pieces carrying their span's look.

    The design's lines concatenate to the paragraph's text; should a line breaker ever
    drop a space at a break, that space is skipped, so each piece is what the line shows.
    """
    paragraph = block.paragraphs[index]
    lines = block.lines[index] if index < len(block.lines) else (paragraph.text,)
    chars = [(char, span) for span in paragraph.spans for char in span.text]
    position = 0
    result: list[list[Piece]] = []
    for line in lines:
        pieces: list[Piece] = []
        for char in line:
            while (position < len(chars) and chars[position][0] != char
                   and chars[position][0].isspace()):
                position += 1
            if position < len(chars) and chars[position][0] == char:
                span = chars[position][1]
                position += 1
            else:  # a character the spans do not hold (a hyphen added at a break)
                span = pieces[-1].span if pieces else paragraph.spans[0]
            if pieces and pieces[-1].span is span:
                pieces[-1] = Piece(pieces[-1].text + char, span)
            else:
                pieces.append(Piece(char, span))
        result.append(pieces)
    return result


def outline_points(box: Box) -> str:
    """SVG polygon points of a preset shape in its own box (origin top left, points)."""
    w, h = box.width_pt, box.height_pt
    short = min(w, h)
    if box.geometry == "chevron":
        a = short * (0.5 if box.adjust is None else box.adjust)
        corners = [(0, 0), (w - a, 0), (w, h / 2), (w - a, h), (0, h), (a, h / 2)]
    elif box.geometry == "homePlate":
        a = short * (0.5 if box.adjust is None else box.adjust)
        corners = [(0, 0), (w - a, 0), (w, h / 2), (w - a, h), (0, h)]
    elif box.geometry == "triangle":
        corners = [(w / 2, 0), (w, h), (0, h)]
    elif box.geometry == "diamond":
        corners = [(w / 2, 0), (w, h / 2), (w / 2, h), (0, h / 2)]
    else:
        corners = [(0, 0), (w, 0), (w, h), (0, h)]
    return " ".join(f"{x:.2f},{y:.2f}" for x, y in corners)


def is_polygon(box: Box) -> bool:
    return box.geometry in ("chevron", "homePlate", "triangle", "diamond")


def corner_radius(box: Box) -> str:
    """CSS border-radius for the presets CSS draws itself."""
    if box.geometry == "ellipse":
        return "50%"
    if box.geometry == "roundRect":
        short = min(box.width_pt, box.height_pt)
        return f"{short * (0.16667 if box.adjust is None else box.adjust):.2f}pt"
    return "0"


def image_uri(project: Path, relative: str) -> str:
    path = project / relative
    stat = path.stat()
    return _image_uri(path, stat.st_size, stat.st_mtime_ns)


def picture_class(image: Image) -> str:
    """The CSS class of a template's picture (a logo on every slide): its data is written
    once, in a style rule (``template_pictures``), not once per slide."""
    return "tp-" + re.sub(r"[^A-Za-z0-9]+", "-", image.part or image.path).strip("-")


def template_pictures(designs: Sequence[SlideDesign], project: Path) -> list[tuple[str, str]]:
    """(class, data URI) of every distinct picture the template's layouts show."""
    found: dict[str, str] = {}
    for design in designs:
        for box in design.boxes:
            image = box.image
            if image is None or image.part is None:
                continue
            name = picture_class(image)
            if name not in found:
                kind = mimetypes.guess_type(image.part)[0] or "application/octet-stream"
                data = picture_bytes(image, project / image.path)
                found[name] = f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
    return sorted(found.items())


@cache
def _image_uri(path: Path, size: int, mtime_ns: int) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def used_text(block: TextBlock | None) -> tuple[str, str, str]:
    """(regular, bold, code) characters a text block draws: the font subsets need them.

    A `code` span's characters count for its body weight too: the code face has no Chinese,
    which falls back to the body face.
    """
    if block is None:
        return "", "", ""
    regular: list[str] = []
    bold: list[str] = []
    code: list[str] = []
    for paragraph in block.paragraphs:
        for span in paragraph.spans:
            (bold if span.bold else regular).append(span.text)
            if span.font == "code":
                code.append(span.text)
        if paragraph.bullet is not None:
            regular.append(paragraph.bullet.char)
    return "".join(regular), "".join(bold), "".join(code)
