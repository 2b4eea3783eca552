"""Every use of reportlab's private or undocumented API, in one place.

"Private" here means names with a leading underscore, attributes reportlab sets on its own
objects (``canvas._doc``, a face's ``_ttf_data``), and the undocumented helpers of
``reportlab.platypus.paragraph`` and ``paraparser``. The handout needs them for speed (a
Paragraph that draws what reportlab's would, operator for operator, without its parser and
line breaker: the field notes measured most of the handout's time there), for a parsed-font
cache, and for reproducible files (a fixed creation date). Each was checked against
reportlab ``CHECKED_VERSION``; ``USES`` lists every private name touched, and
tests/unit/backends/test_handout_internals.py fails, naming the change, when an upgrade
moves or removes one (and asks for a re-check when the version changes at all). The
differential tests in tests/unit/backends/test_handout_text.py compare each fast path with
reportlab's own output.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from fnmatch import fnmatch
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.lib.colors import Color, toColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.rl_accel import escapePDF, fp_str, sameFrag
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import (
    _FK_BREAK,
    _FK_TEXT,
    _drawBullet,
    _getFragWords,
    _handleBulletWidth,
    _HSFrag,
    cleanBlockQuotedText,
    setXPos,
    split,
    strip,
)
from reportlab.platypus.paraparser import ParaFrag
from reportlab.rl_config import _FUZZ, paraFontSizeHeightOffset

if TYPE_CHECKING:
    from build_tools.backends.handout.text import Span

CHECKED_VERSION = "5.1.0"

# Every private name used below: "module:attribute" (a module-level name), or
# "module:Class#attribute" (an attribute reportlab's own code sets on instances of Class).
USES = (
    "reportlab.platypus.paragraph:_FK_BREAK",
    "reportlab.platypus.paragraph:_FK_TEXT",
    "reportlab.platypus.paragraph:_drawBullet",
    "reportlab.platypus.paragraph:_getFragWords",
    "reportlab.platypus.paragraph:_handleBulletWidth",
    "reportlab.platypus.paragraph:_HSFrag",
    "reportlab.platypus.paragraph:cleanBlockQuotedText",
    "reportlab.platypus.paragraph:setXPos",
    "reportlab.platypus.paragraph:split",
    "reportlab.platypus.paragraph:strip",
    "reportlab.platypus.paraparser:ParaFrag",
    "reportlab.rl_config:_FUZZ",
    "reportlab.pdfgen.canvas:Canvas#_doc",
    "reportlab.pdfgen.canvas:Canvas#_code",
    "reportlab.pdfgen.canvas:Canvas#_fontname",
    "reportlab.pdfgen.canvas:Canvas#_fontsize",
    "reportlab.pdfgen.canvas:Canvas#_leading",
    "reportlab.pdfgen.textobject:PDFTextObject#_code",
    "reportlab.pdfgen.textobject:PDFTextObject#_canvas",
    "reportlab.pdfgen.textobject:PDFTextObject#_fontname",
    "reportlab.pdfgen.textobject:PDFTextObject#_fontsize",
    "reportlab.pdfgen.textobject:PDFTextObject#_leading",
    "reportlab.pdfgen.textobject:PDFTextObject#_curSubset",
    "reportlab.pdfgen.textobject:PDFTextObject._setFont",
    "reportlab.pdfgen.textobject:PDFTextObject._textOut",
    "reportlab.pdfbase.pdfdoc:PDFDocument#_timeStamp",
    "reportlab.platypus.doctemplate:BaseDocTemplate#_multiBuildEdits",
    "reportlab.pdfbase.ttfonts:TTFont#_asciiReadable",
    "reportlab.pdfbase.ttfonts:TTFontFile#_ttf_data",
    "reportlab.pdfbase.ttfonts:TTFontFile#_pdfScale",
)

FUZZ = _FUZZ  # reportlab's tolerance in layout comparisons


# --- flowables ------------------------------------------------------------------------------


class LeanFlowable(Flowable):
    """A flowable whose ``canv`` and ``_frame`` are slots.

    reportlab sets both on every flowable it wraps or places and deletes them after; a
    deletion unshares an instance's attribute dictionary, which then costs ~650 bytes more
    per flowable, kept for the whole build (~40 MB at 3,200 slides). As slots they never
    touch the dictionary.
    """

    __slots__ = ("_frame", "canv")


# --- the counted paragraph: reportlab's drawing of plain lines, operator for operator --------


def counted_height(
    lines: Sequence[Sequence[Span]], style: ParagraphStyle, bullet: str | None,
    avail_width: float,
) -> float | None:
    """The height ``Paragraph("<br/>".join(lines' markup), style, bulletText=bullet)`` gets
    when wrapped at ``avail_width``, without making it; None when that is not certain.

    reportlab's height is (lines x leading), and its line breaking ends a line only at a
    ``<br/>`` when no line is wider than its room (the first line's room less any bullet
    overhang, ``_handleBulletWidth``). That is certain when every line is plain text (spaces
    the only whitespace) whose width, measured with reportlab's own widths and every space
    at the wider face's space, is under its room. Then, too, no line is stretched, so
    ``draw_counted`` can draw it.
    """
    if avail_width < _FUZZ or not lines:
        return None
    room = [
        avail_width - style.leftIndent - style.firstLineIndent - style.rightIndent,
        avail_width - style.leftIndent - style.rightIndent,
    ]
    _handleBulletWidth(bullet, style, room)
    regular, bold = _face_names(style)
    size = style.fontSize
    space = max(stringWidth(" ", regular, size), stringWidth(" ", bold, size))
    for index, line in enumerate(lines):
        width = 0.0
        visible = False
        for span in line:
            text = span.text
            spaces = text.count(" ")
            ink = text.replace(" ", "") if spaces else text
            if ink:
                if not ink.isprintable():
                    return None  # a tab, a no-break or soft hyphen...: reportlab's own rules
                visible = True
                width += stringWidth(ink, bold if span.bold else regular, size)
            width += spaces * space
        if not visible or width > room[min(index, 1)] - 1e-6:
            return None
    return len(lines) * style.leading


_FACE_NAMES: WeakKeyDictionary[ParagraphStyle, tuple[str, str]] = WeakKeyDictionary()


def _face_names(style: ParagraphStyle) -> tuple[str, str]:
    """The fonts reportlab draws a style's plain and ``<b>`` text in (as ``ParaParser``
    picks them: the style's family with the bold flag)."""
    found = _FACE_NAMES.get(style)
    if found is None:
        family, bold, italic = ps2tt(style.fontName)
        found = (tt2ps(family, bold, italic), tt2ps(family, 1, italic))
        _FACE_NAMES[style] = found
    return found


Run3 = tuple[str, Color, str]  # font name, colour, text: one text operator's worth


def draw_counted(
    canvas: Canvas, lines: Sequence[Sequence[Span]], style: ParagraphStyle,
    bullet: str | None, width: float, height: float,
) -> bool:
    """Draw what ``Paragraph(markup, style, bulletText=bullet)`` wrapped at ``width`` and
    drawn at (0, 0) draws, operator for operator, for a paragraph whose height was counted
    (``counted_height``: one reportlab line per measured line, none stretched).

    reportlab's Paragraph spends most of its time on generality the handout never uses
    (justification, hyphenation, links, underlines, images, shaping, right-to-left); this
    follows ``Paragraph.breakLines`` and ``drawPara`` for left-aligned plain text only,
    calling reportlab's own text object for every operator but the text itself
    (``text_out``). Returns False, having drawn nothing, for anything else: the caller then
    draws a real Paragraph.
    """
    if (style.alignment != TA_LEFT or style.backColor or (style.borderColor and style.borderWidth)
            or style.endDots or style.wordWrap or style.shaping
            or getattr(style, "autoLeading", "") not in ("", "off")
            or not paraFontSizeHeightOffset):
        return False
    runs = _plain_runs(lines, style)
    if runs is None:
        runs = _parsed_runs(lines, style, width)
        if runs is None:
            return False
    size, leading = style.fontSize, style.leading
    cur_y = height - size  # paraFontSizeHeightOffset: the first baseline is one size down
    canvas.saveState()  # Flowable.drawOn
    canvas.translate(0, 0)
    canvas.saveState()  # drawPara
    offset = style.firstLineIndent
    if bullet:
        offset = _drawBullet(canvas, offset, cur_y, bullet, style, rtl=False)
    if runs[1]:  # reportlab's "kind 0": a single fragment, a single line
        font, colour, text = runs[0][0][0]
        canvas.setFillColor(colour)
        tx = canvas.beginText(style.leftIndent, cur_y)
        tx.preformatted = False
        tx.setFont(font, size, leading)
        # _leftDrawParaLine; the line fits, so there is no word spacing to spread
        setXPos(tx, offset)
        text_out(tx, text, True)
        setXPos(tx, -offset)
    else:  # "kind 1": _leftDrawParaLineX around _putFragLine, line by line
        tx = canvas.beginText(style.leftIndent, cur_y)
        tx._leading = None
        tx._fontname, tx._fontsize = None, None
        text_colour = None
        for index, line in enumerate(runs[0]):
            line_offset = offset if index == 0 else 0
            setXPos(tx, line_offset)
            if tx._leading != leading:
                tx.setLeading(leading)
            last = len(line) - 1
            for position, (font, colour, text) in enumerate(line):
                if (tx._fontname, tx._fontsize) != (font, size):
                    tx._setFont(font, size)
                if text_colour != colour:
                    text_colour = colour
                    tx.setFillColor(colour)
                text_out(tx, text, position == last)
            setXPos(tx, -line_offset)
    canvas.drawText(tx)
    canvas.restoreState()
    canvas.restoreState()
    return True


_HEX6 = re.compile(r"[0-9A-Fa-f]{6}")


def _plain_runs(
    lines: Sequence[Sequence[Span]], style: ParagraphStyle
) -> tuple[list[list[Run3]], bool] | None:
    """The text operators of lines of plain spans, worked out without parsing: no span
    starts or ends with a space or has two in a row, none has a character that markup
    escapes, no two unstyled spans are neighbours. reportlab then draws every span as it
    is, one operator each, and ends every line but the last with the empty ``<br/>``
    fragment in the paragraph's own style.
    Returns (runs per line, whether it is a single fragment), or None for other text.
    """
    regular, bold = _face_names(style)
    base = style.textColor
    runs: list[list[Run3]] = []
    for index, line in enumerate(lines):
        if not line:
            return None
        out: list[Run3] = []
        unstyled = False  # two unstyled spans in a row are one piece of markup text
        for span in line:
            text = span.text
            if (not text or text[0] == " " or text[-1] == " " or "  " in text
                    or "&" in text or "<" in text or ">" in text
                    or (unstyled and not span.bold and span.colour is None)):
                return None
            unstyled = not span.bold and span.colour is None
            if span.colour is None:
                colour = base
            elif _HEX6.fullmatch(span.colour):
                colour = _parsed_colour("#" + span.colour)
            else:
                return None
            out.append((bold if span.bold else regular, colour, text))
        if index < len(lines) - 1:
            out.append((regular, base, ""))
        runs.append(out)
    return runs, len(lines) == 1 and len(lines[0]) == 1


def _parsed_runs(
    lines: Sequence[Sequence[Span]], style: ParagraphStyle, width: float
) -> tuple[list[list[Run3]], bool] | None:
    """The text operators as reportlab makes them: the markup parsed (``parse_markup``),
    split into words (``_getFragWords``) and joined into lines (``_fragment_lines``)."""
    from build_tools.backends.handout.text import line_markup  # text imports this module

    text = cleanBlockQuotedText("<br/>".join(line_markup(line) for line in lines))
    if "\xa0" in text or "\xad" in text:
        return None  # no-break and soft hyphens: reportlab's splitting rules differ
    frags = parse_markup(text, style)
    if not frags:
        return None
    if len(frags) == 1:
        frag = frags[0]
        words = split(strip(frag.text))
        if not words or len(lines) != 1:
            return None
        return [[(frag.fontName, frag.textColor, " ".join(words))]], True
    fragment_lines = _fragment_lines(_getFragWords(frags, width))
    if len(fragment_lines) != len(lines) or any(
            frag.fontSize != style.fontSize for line in fragment_lines for frag in line):
        return None
    return [[(frag.fontName, frag.textColor, frag.text) for frag in line]
            for line in fragment_lines], False


def text_out(tx: PDFTextObject, text: str, t_star: bool) -> None:
    """``tx._textOut(text, t_star)``: the same operators (``PDFTextObject._formatText``) for
    an unshaped TrueType font, without the generic machinery around them."""
    font = getFont(tx._fontname)
    if not isinstance(font, TTFont) or font.shapable:
        tx._textOut(text, t_star)
        return
    document = tx._canvas._doc
    code = []
    font_ops = ""
    for subset, chunk in font.splitString(text, document):
        if subset != tx._curSubset:
            if not font_ops:
                font_ops = f"{fp_str(tx._fontsize)} Tf {fp_str(tx._leading)} TL"
            code.append(f"{font.getSubsetInternalName(subset, document)} {font_ops}")
            tx._curSubset = subset
        code.append(f"({escapePDF(chunk)}) Tj")
    tx._code.append(" ".join(code) + (" T*" if t_star else ""))


def _fragment_lines(words: list[list[Any]]) -> list[list[ParaFrag]]:
    """The lines ``Paragraph.breakLines`` makes of ``_getFragWords``' words when no line is
    too wide (only ``<br/>`` ends a line): runs of one style joined, with the spaces
    between words, each line ending in its ``<br/>`` fragment."""
    lines: list[list[ParaFrag]] = []
    line: list[ParaFrag] = []
    space = 0.0
    last: ParaFrag | None = None
    for word in words:
        tail = word[-1][0]
        if not line:
            space = 0.0
        frag = word[1][0]
        if frag._fkind == _FK_BREAK:
            line.append(frag.clone())
            lines.append(line)
            line = []
            continue
        text = word[1][1]
        if not line or last is None:
            last = frag.clone()
            line = [last]
            last.text = text
        elif not sameFrag(last, frag):
            if space:
                for earlier in reversed(line):
                    if earlier._fkind == _FK_TEXT:
                        if not earlier.text.endswith(" "):
                            earlier.text += " "
                        break
            last = frag.clone()
            line.append(last)
            last.text = text
        elif space:
            last.text += text if last.text.endswith(" ") else " " + text
        else:
            last.text += text
        space = stringWidth(" ", tail.fontName, tail.fontSize) if isinstance(
            word, _HSFrag) else 0.0
        for piece_frag, piece in word[2:]:
            last = piece_frag.clone()
            last.text = piece
            line.append(last)
    if line:
        lines.append(line)
    return lines


def make_paragraph(markup: str, style: ParagraphStyle, bullet: str | None) -> Paragraph:
    """``Paragraph(markup, style, bulletText=bullet)``, without reportlab's HTML parser when
    the markup is only what ``line_markup`` writes (``parse_markup``)."""
    text = cleanBlockQuotedText(markup)
    frags = parse_markup(text, style)
    if frags is None:
        return Paragraph(markup, style, bulletText=bullet)
    return Paragraph(text, style, bulletText=bullet, frags=frags)


# What ``line_markup`` writes: bold, a colour, a line break, the three escaped characters.
_MARKUP = re.compile(r'<b>|</b>|<font color="(#[0-9A-Fa-f]{6})">|</font>|<br/>|&(amp|lt|gt);')
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}


@cache
def _parsed_colour(value: str) -> Color:
    """``toColor`` as ``ParaParser`` calls it for ``<font color>``; reportlab compares
    colours by value, so one instance per value serves every fragment."""
    return toColor(value)


def parse_markup(text: str, style: ParagraphStyle) -> list[ParaFrag] | None:
    """The fragments reportlab's ``ParaParser`` makes of ``text`` (markup already cleaned by
    ``cleanBlockQuotedText``), made directly: the parser is a third of a Paragraph's cost.

    Follows ``ParaParser`` step by step (the initial fragment, ``_push``/``_pop``, ``<br/>``
    as an empty fragment, an entity as a fragment of its own). Returns None for anything
    else, so that the caller falls back to the parser.
    """
    base = ParaFrag()
    base.rise = 0
    base.greek = 0
    base.link = []
    base.fontName, base.bold, base.italic = ps2tt(style.fontName)
    base.fontSize = style.fontSize
    base.textColor = style.textColor
    base.us_lines = []
    base.__tag__ = "para"
    stack = [base]
    frags: list[ParaFrag] = []
    faces: dict[tuple[str, int, int], str] = {}  # tt2ps, looked up once per face

    def copy(frag: ParaFrag) -> ParaFrag:  # what copy.copy (ParaParser) and clone() make
        made = ParaFrag.__new__(ParaFrag)
        made.__dict__.update(frag.__dict__)
        return made

    def push(tag: str, **attributes: object) -> ParaFrag:
        frag = copy(stack[-1])
        frag.__tag__ = tag
        frag.__dict__.update(attributes)
        stack.append(frag)
        return frag

    def data(chunk: str) -> None:
        frag = copy(stack[-1])
        face = (frag.fontName, frag.bold, frag.italic)
        name = faces.get(face)
        if name is None:
            name = faces[face] = tt2ps(*face)
        frag.fontName = name
        frag.text = chunk
        frags.append(frag)

    def text_between(start: int, end: int) -> bool:
        chunk = text[start:end]
        if "<" in chunk or "&" in chunk:
            return False  # markup this function does not know: leave it to the parser
        if chunk:
            data(chunk)
        return True

    position = 0
    for match in _MARKUP.finditer(text):
        if not text_between(position, match.start()):
            return None
        position = match.end()
        token = match.group()
        if token == "<b>":
            push("b", bold=1)
        elif token in ("</b>", "</font>"):
            if len(stack) < 2 or stack.pop().__tag__ != token[2:-1]:
                return None
        elif token == "<br/>":
            frag = push("br", _selfClosingTag="br", lineBreak=True, text="")
            del frag._selfClosingTag
            data("")
            stack.pop()
        elif match.group(1):
            push("font", textColor=_parsed_colour(match.group(1)))
        else:
            data(_ENTITIES[match.group(2)])
    if not text_between(position, len(text)) or len(stack) != 1:
        return None
    return frags


def draw_string(canvas: Canvas, x: float, y: float, text: str) -> None:
    """``canvas.drawString(x, y, text)`` in the canvas's current TrueType font, writing the
    very same operators without building a text object (and measuring the text) per call.

    Falls back to ``drawString`` for anything but a plain, unshaped TrueType font.
    """
    font = getFont(canvas._fontname)
    if not isinstance(font, TTFont) or font.shapable or not canvas.bottomup:
        canvas.drawString(x, y, text)
        return
    document = canvas._doc
    font_ops = f"{fp_str(canvas._fontsize)} Tf {fp_str(canvas._leading)} TL"
    code = []
    current = -1
    for subset, chunk in font.splitString(text, document):
        if subset != current:
            code.append(f"{font.getSubsetInternalName(subset, document)} {font_ops}")
            current = subset
        code.append(f"({escapePDF(chunk)}) Tj")
    canvas._code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {' '.join(code)} T* ET")


def collect_multibuild_edits(document: Any, collect: Callable[[Any], None]) -> None:
    """Have reportlab hand ``collect`` the undo of every mark it leaves on a flowable it
    moves to the next frame, so the same story can be laid out again (what ``multiBuild``
    does with ``_multiBuildEdits``, which ``handleFlowable`` reads)."""
    document._multiBuildEdits = collect


# --- reproducible files -----------------------------------------------------------------------


def fixed_timestamp(epoch: int) -> TimeStamp:
    """A reportlab TimeStamp for ``epoch`` (UTC), whatever the environment says."""
    stamp = TimeStamp(invariant=True)
    moment = time.gmtime(epoch)
    stamp.t = epoch
    stamp.lt = moment
    stamp.YMDhms = tuple(moment)[:6]
    stamp.dhh = stamp.dmm = 0
    stamp.tzname = "UTC"
    return stamp


def fix_identity(canvas: Canvas, epoch: int) -> None:
    """The creation date and file id of ``canvas``'s document depend on ``epoch`` only
    (``PDFDocument._timeStamp`` and ``signature``)."""
    document = canvas._doc
    document._timeStamp = fixed_timestamp(epoch)
    signature = hashlib.md5(usedforsecurity=False)
    signature.update(f"handout {epoch}".encode())
    document.signature = signature


# --- parsed fonts, cached ---------------------------------------------------------------------

_NOT_STORED = frozenset({"_ttf_data", "_pdfScale"})  # the file itself; a function


def cached_face(cached: Path, data: bytes, filename: str) -> TTFontFace | None:
    try:
        stored = marshal.loads(cached.read_bytes())
        state: dict[str, Any] = stored["state"]
        face = TTFontFace.__new__(TTFontFace)
        face.__dict__.update(state)
        for attribute, raw in stored["names"].items():
            setattr(face, attribute, TTFNameBytes(raw))
        face.filename = filename
        face._ttf_data = data
        face._pdfScale = _pdf_scale(face.unitsPerEm)
        return face
    except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError):
        return None


def store_face(cached: Path, face: TTFontFace) -> None:
    state: dict[str, Any] = {}
    names: dict[str, bytes] = {}
    for attribute, value in face.__dict__.items():
        if attribute in _NOT_STORED:
            continue
        if isinstance(value, TTFNameBytes):
            names[attribute] = bytes(value)
        else:
            state[attribute] = value
    try:
        payload = marshal.dumps({"state": state, "names": names})
        cached.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=cached.parent, prefix=".face-")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(payload)
            os.replace(temporary, cached)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        pass  # unwritable or unmarshallable: parse again next time


def _pdf_scale(units_per_em: int) -> Callable[[float], float]:
    """The face's font-units to PDF-units scale, as ``TTFontFile.extractInfo`` makes it."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def font_with_face(name: str, face: TTFontFace) -> TTFont:
    """What ``TTFont.__init__`` does, with a face already parsed."""
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, pattern) for pattern in rl_config.unShapedFontGlob)
    return font
