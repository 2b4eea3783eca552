"""Text for reportlab: escaping, and line breaking decided by ``build_tools.measure``.

Two facts from the field notes drive this module. reportlab parses Paragraph text as markup,
so outline text is escaped here and markup (``<b>``, ``<font>``, ``<br/>``) is only ever
added by code. And reportlab's own CJK wrap lets ``，。`` start a line, so the measurer
breaks the lines (with 禁则, the same rules the deck's fit check uses) and reportlab only
draws them: ``MeasuredParagraph`` asks ``Measurer.break_lines`` for the lines at the width
it is given and hands reportlab one ``<br/>``-separated line each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from weakref import WeakKeyDictionary

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from build_tools.backends.handout.fonts import CODE_FACE  # monospace, 0.6 em (MONO_EM)
from build_tools.backends.handout.internals import (
    FUZZ,
    LeanFlowable,
    counted_height,
    draw_counted,
    draw_string,
    make_paragraph,
)
from build_tools.backends.handout.styles import colour
from build_tools.measure import LINE_HEIGHT, PARAGRAPH_SPACE, Measurer, Run, is_cjk, size_steps
from build_tools.measure import Paragraph as MeasuredText
from build_tools.outline.inline import Inline, Marks, marked, spans_of

# Measured widths add LibreOffice's CJK/Latin autospace, which reportlab does not draw, so a
# measured line is never wider than drawn; this slack also absorbs width rounding.
SLACK_PT = 1.0


@dataclass(frozen=True)
class Span:
    """A piece of text with the only styling the handout's code adds to outline text."""

    text: str
    bold: bool = False
    colour: str | None = None  # hex RGB, e.g. "1F3A5F"; None = the style's colour
    # The outline's inline markup (outline/inline.py), set by ``expand``.
    italic: bool = False
    code: bool = False
    href: str | None = None

    @property
    def rich(self) -> bool:
        """Drawn by reportlab's Paragraph (a link annotation, another face), never the
        counted fast path."""
        return self.italic or self.code or self.href is not None




def expand(spans: Sequence[Span]) -> tuple[Span, ...]:
    """Spans with the outline's inline markup as spans of their own.

    The code face has no Chinese: the CJK characters of a `code` span stay in the body face.
    """
    out: list[Span] = []
    for span in spans:
        pieces = spans_of(span.text)
        if len(pieces) == 1 and not pieces[0].bold and pieces[0] == Inline(pieces[0].text):
            out.append(span)
            continue
        for piece in pieces:
            for text, code in _code_pieces(piece.text) if piece.code else ((piece.text, False),):
                out.append(Span(text, span.bold or piece.bold, span.colour, piece.italic, code,
                                piece.href))
    return tuple(out)


def _code_pieces(text: str) -> list[tuple[str, bool]]:
    pieces: list[tuple[str, bool]] = []
    for char in text:
        code = not is_cjk(char)
        if pieces and pieces[-1][1] == code:
            pieces[-1] = (pieces[-1][0] + char, code)
        else:
            pieces.append((char, code))
    return pieces


def escape_text(text: str) -> str:
    """Outline text made safe for reportlab markup: ``R&D <b>`` shows as typed.

    What ``xml.sax.saxutils.escape`` does, without importing it (it pulls in urllib)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


# reportlab's paragraph markup for each style (the link underlined, as on the slide).
MARKS = Marks(f'<font face="{CODE_FACE}">{{}}</font>', "<i>{}</i>", "<b>{}</b>",
              '<a href="{href}"><u>{}</u></a>')


def span_markup(span: Span) -> str:
    markup = marked(escape_text(span.text), span, MARKS,
                    escape_text(span.href) if span.href else None)
    if span.colour:
        markup = f'<font color="#{span.colour}">{markup}</font>'
    return markup


def line_markup(spans: Sequence[Span]) -> str:
    return "".join(span_markup(span) for span in spans if span.text)


def split_lines(spans: Sequence[Span], lines: Sequence[str]) -> list[list[Span]]:
    """Give each measured line back its styling.

    ``break_lines`` returns plain strings (breaking spaces dropped, lines right-stripped);
    walking the original text alongside them recovers which span each character came from,
    so bold lead-ins and colours survive the line breaking. Adjacent pieces of one style
    make one span.
    """
    text = "".join(span.text for span in spans)
    runs = []  # (end, the span) of each span with text, in order
    end = 0
    for span in spans:
        if span.text:
            end += len(span.text)
            runs.append((end, span))
    cursor = 0
    run = 0
    result: list[list[Span]] = []
    for line in lines:
        if not line[:1].isspace():
            while cursor < len(text) and text[cursor].isspace():
                cursor += 1
        stop = cursor + len(line)
        cut = ""  # the hyphen the measurer adds where it cuts a long Latin word
        if text[cursor:stop] != line and line.endswith("-") and (
                text[cursor:stop - 1] == line[:-1]):
            stop, cut = stop - 1, "-"
        if text[cursor:stop] != line[:len(line) - len(cut)]:
            # Cannot happen with the measurer's contract; keep the text, drop styling.
            return [[Span(line_text)] for line_text in lines]
        pieces: list[Span] = []
        while run < len(runs) and runs[run][0] <= cursor:
            run += 1
        index = run
        while cursor < stop:
            run_end, style = runs[index]
            piece = text[cursor:min(run_end, stop)]
            if pieces and replace(pieces[-1], text="") == replace(style, text=""):
                pieces[-1] = replace(style, text=pieces[-1].text + piece)
            else:
                pieces.append(replace(style, text=piece))
            cursor += len(piece)
            index += 1
        if cut and pieces:
            pieces[-1] = Span(pieces[-1].text + cut, pieces[-1].bold, pieces[-1].colour)
        result.append(pieces)
    return result


class Breaker:
    """The measurer's line breaking and fitting, remembered for the length of one render.

    The handout is built twice or more (page numbers settle on the second pass); flowables
    keep their own answers across passes, and this keeps answers keyed by text, style and
    width for the questions asked again (a contents line on every wrap, repeated text).
    """

    def __init__(self, measurer: Measurer) -> None:
        self.measurer = measurer
        self._lines: dict[tuple[object, ...], list[list[Span]]] = {}
        self._fits: dict[tuple[object, ...], Placed] = {}
        # Outline fields whose text overflowed a box drawn by ``draw_blocks`` (the cover, a
        # chapter banner), with the smallest size tried: the backend fails the build on
        # them as the deck does (or warns, with --allow-overflow).
        self.overflows: dict[str, float] = {}

    def width_em(self, text: str, bold: bool = False) -> float:
        return self.measurer.width_em(text, bold)

    def break_spans(
        self, spans: Sequence[Span], width_pt: float, size_pt: float
    ) -> list[list[Span]]:
        """The measurer's lines (禁则 applied) for ``spans`` at ``width_pt``, styling kept."""
        key = (tuple(spans), round(width_pt, 3), size_pt)
        if key not in self._lines:
            text = MeasuredText(tuple(Run(span.text, span.bold, span.code) for span in spans))
            lines = self.measurer.break_lines(text, max(width_pt - SLACK_PT, size_pt), size_pt)
            self._lines[key] = split_lines(spans, lines)
        return self._lines[key]

    def fit_blocks(
        self, blocks: Sequence[Block], width_pt: float, height_pt: float, largest_pt: float,
        smallest_pt: float,
    ) -> Placed:
        """The largest size (1 pt steps) at which the blocks fit, as lines with styling."""
        key = (tuple(blocks), round(width_pt, 3), round(height_pt, 3), largest_pt, smallest_pt)
        if key not in self._fits:
            self._fits[key] = fit_blocks(self.measurer, blocks, width_pt, height_pt,
                                         largest_pt, smallest_pt)
        return self._fits[key]


class DraftCanvas(Canvas):
    """The canvas of a pass that only learns where things land (page numbers, anchors).

    Layout never depends on drawing, so the handout's flowables skip ``draw`` on it
    (``drafting``) and nothing is serialised: the pass costs the wraps and page breaks only.
    """

    def save(self) -> None:
        """Nothing to write: the draft's bytes are never used."""

    def drawImage(self, *args: object, **kwargs: object) -> tuple[float, float]:
        return 0, 0


def drafting(canvas: Canvas) -> bool:
    """True on the draft pass's canvas: draw nothing, only take up room."""
    return isinstance(canvas, DraftCanvas)


class MeasuredParagraph(LeanFlowable):
    """A reportlab Paragraph whose line breaks are decided by the measurer.

    The breaking happens in ``wrap`` because only then is the width known (a table cell, a
    column, a frame). Splitting across pages is reportlab's, at the measured line breaks.

    The same flowable serves every pass of the build, and most passes only need its height:
    reportlab gives a Paragraph of n lines the height n x leading, and draws one line per
    measured line as long as none is wider than its room, so ``wrap`` counts lines instead
    of building the Paragraph (``_counted_height``). The Paragraph itself is made when it
    is drawn (and let go after), or when reportlab needs it to split across pages.
    """

    def __init__(
        self,
        spans: Sequence[Span],
        style: ParagraphStyle,
        breaker: Breaker,
        bullet: str | None = None,
    ) -> None:
        super().__init__()
        self.spans = tuple(span for span in expand(spans) if span.text)
        self.style = style
        self.breaker = breaker
        self.bullet = bullet
        self._lines: list[list[Span]] = []
        self._lines_width: float | None = None  # the width ``_lines`` were broken for
        # The last wrap: its width, its height, and whether the height was counted.
        self._wrap: tuple[float, float, bool] | None = None
        self._paragraph: Paragraph | None = None
        self._paragraph_width: float | None = None

    def _lines_at(self, avail_width: float) -> list[list[Span]]:
        if self._lines_width != avail_width:
            text_width = avail_width - self.style.leftIndent - self.style.rightIndent
            self._lines = self.breaker.break_spans(self.spans, text_width, self.style.fontSize)
            self._lines_width = avail_width
        return self._lines

    def _build(self, avail_width: float) -> Paragraph:
        if self._paragraph is None or self._paragraph_width != avail_width:
            markup = "<br/>".join(line_markup(line) for line in self._lines_at(avail_width))
            self._paragraph = make_paragraph(markup, _drawing_only(self.style),
                                             self._bullet_text())
            self._paragraph_width = avail_width
        return self._paragraph

    def _bullet_text(self) -> str | None:
        return escape_text(self.bullet) if self.bullet is not None else None

    def _counted_height(self, avail_width: float) -> float | None:
        if avail_width < FUZZ or not self.spans or any(span.rich for span in self.spans):
            return None
        return counted_height(self._lines_at(avail_width), _drawing_only(self.style),
                              self._bullet_text(), avail_width)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrap is None or self._wrap[0] != availWidth:
            height = self._counted_height(availWidth)
            counted = height is not None
            if height is None:
                width, height = self._build(availWidth).wrap(availWidth, availHeight)
                if width != availWidth:  # no room at all: reportlab's answer, not kept
                    self.width, self.height = width, height
                    return width, height
            self._wrap = (availWidth, height, counted)
        self.width, self.height = availWidth, self._wrap[1]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return self._build(availWidth).split(availWidth, availHeight)

    def draw(self) -> None:
        if drafting(self.canv):
            return
        if self._wrap == (self.width, self.height, True) and draw_counted(
            self.canv, self._lines_at(self.width), _drawing_only(self.style),
            self._bullet_text(), self.width, self.height,
        ):
            return
        paragraph = self._build(self.width)
        # A fresh Paragraph, or one whose split gave up (widow/orphan rules) and dropped its
        # lines, is wrapped here; its height is the one the layout used.
        if not hasattr(paragraph, "blPara") or paragraph.width != self.width:
            paragraph.wrap(self.width, self.height)
        if paragraph.height != self.height:
            raise RuntimeError(f"handout: a paragraph's drawn height {paragraph.height} is not "
                               f"its laid-out height {self.height}: {self.text[:40]!r}")
        paragraph.drawOn(self.canv, 0, 0)
        self._paragraph = None  # drawn; the memory is better spent on the pages

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


_DRAWING_ONLY: WeakKeyDictionary[ParagraphStyle, ParagraphStyle] = WeakKeyDictionary()


def _drawing_only(style: ParagraphStyle) -> ParagraphStyle:
    """The style with reportlab's CJK wrap off: the lines are already broken, and its CJK
    pass (slow, and blind to 禁则) would only ever re-break a line the measurer got wrong.
    """
    found = _DRAWING_ONLY.get(style)
    if found is None:
        found = ParagraphStyle(f"{style.name}-measured", parent=style, wordWrap=None)
        _DRAWING_ONLY[style] = found
    return found


@dataclass(frozen=True)
class CanvasFonts:
    regular: str
    bold: str


def draw_spans(
    canvas: Canvas, fonts: CanvasFonts, x: float, y: float, spans: Sequence[Span],
    size: float, hex_rgb: str,
) -> float:
    """Draw one already-broken line at baseline ``y``; returns its width.

    For drawings (slide miniatures, the cover) where text is placed, not flowed.
    """
    start = x
    for span in spans:
        font = face_of(fonts, span)
        canvas.setFont(font, size)
        canvas.setFillColor(colour(span.colour or hex_rgb))
        draw_string(canvas, x, y, span.text)
        width = stringWidth(span.text, font, size)
        if span.href:  # a real link, as in the flowing text
            # relative=1: the area in the canvas's current coordinates (a miniature is
            # drawn scaled and moved), as the text itself is.
            canvas.linkURL(span.href, (x, y - size * 0.25, x + width, y + size * 0.9),
                           relative=1)
            # Underlined in its colour, as the slide shows a hyperlink.
            canvas.setStrokeColor(colour(span.colour or hex_rgb))
            canvas.setLineWidth(size * 0.06)
            canvas.line(x, y - size * 0.12, x + width, y - size * 0.12)
        x += width
    return x - start


def face_of(fonts: CanvasFonts, span: Span) -> str:
    """The face a placed span is drawn in: the code face for `code` without Chinese (the
    code face has none), else the body face of its weight."""
    if span.code and not any(is_cjk(char) for char in span.text):
        return CODE_FACE
    return fonts.bold if span.bold else fonts.regular


def spans_width(fonts: CanvasFonts, spans: Sequence[Span], size: float) -> float:
    return sum(
        stringWidth(span.text, fonts.bold if span.bold else fonts.regular, size) for span in spans
    )


# --- placed text (drawings) --------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A paragraph placed in a drawing: spans, size relative to the box's size, indent.

    ``marker`` is the hex colour of a square bullet drawn in the indent, or None.
    """

    spans: tuple[Span, ...]
    scale: float = 1.0
    indent_pt: float = 0.0
    marker: str | None = None


@dataclass(frozen=True)
class Placed:
    """The outcome of fitting blocks into a box: size used, lines per block, height."""

    size_pt: float
    lines: tuple[tuple[tuple[Span, ...], ...], ...]
    height_pt: float
    fits: bool


def fit_blocks(
    measurer: Measurer, blocks: Sequence[Block], width_pt: float, height_pt: float,
    largest_pt: float, smallest_pt: float,
) -> Placed:
    """The largest size (1 pt steps) at which the blocks fit, as measured lines with styling."""
    texts = [
        MeasuredText(tuple(Run(s.text, s.bold) for s in block.spans), block.scale, block.indent_pt)
        for block in blocks
    ]
    sizes = size_steps(largest_pt, min(smallest_pt, largest_pt))
    fit = measurer.fit(texts, max(width_pt - SLACK_PT, 1.0), height_pt, sizes)
    lines = tuple(
        tuple(tuple(line) for line in split_lines(block.spans, block_lines))
        for block, block_lines in zip(blocks, fit.measurement.lines, strict=True)
    )
    return Placed(fit.size_pt, lines, fit.measurement.height_pt, fit.fits)


def draw_blocks(
    canvas: Canvas, fonts: CanvasFonts, breaker: Breaker, blocks: Sequence[Block],
    box: tuple[float, float, float, float], sizes: tuple[float, float], hex_rgb: str,
    align: str = "left", valign: str = "top", balance: bool = False, field: str | None = None,
) -> Placed:
    """Fit ``blocks`` into ``box`` (x, y, width, height; y is the bottom) and draw them.

    ``balance``: break the lines evenly (``Measurer.balanced_width``), for display text
    such as the cover's title, so no word is split with one character left alone.

    Text that does not fit at the smallest size is drawn whole, never cut; with ``field``
    (the outline field it comes from) it is recorded in ``breaker.overflows``, and the
    build fails on it as the deck does (or warns, with --allow-overflow). Without a field
    the text is the house's own words (a label, a date), sized for its box by the theme.
    """
    x, y, width, height = box
    placed = breaker.fit_blocks(blocks, width, height, *sizes)
    if field is not None and not placed.fits:
        breaker.overflows[field] = placed.size_pt
    if balance and placed.fits:
        texts = [MeasuredText(tuple(Run(s.text, s.bold) for s in block.spans), block.scale,
                              block.indent_pt) for block in blocks]
        narrower = breaker.measurer.balanced_width(texts, max(width - SLACK_PT, 1.0),
                                                   placed.size_pt) + SLACK_PT
        placed = breaker.fit_blocks(blocks, min(width, narrower), height, placed.size_pt,
                                    placed.size_pt)
    top = y + height
    if valign == "middle" and placed.fits:
        top -= (height - placed.height_pt) / 2
    elif valign == "bottom" and placed.fits:
        top = y + placed.height_pt
    cursor = top
    for index, (block, lines) in enumerate(zip(blocks, placed.lines, strict=True)):
        size = placed.size_pt * block.scale
        if index:
            cursor -= PARAGRAPH_SPACE * size
        for line_index, line in enumerate(lines):
            baseline = cursor - size
            left = x + block.indent_pt
            if align != "left":
                spare = width - block.indent_pt - spans_width(fonts, line, size)
                left += spare / 2 if align == "center" else spare
            if block.marker and line_index == 0:
                side = size * 0.32
                canvas.setFillColor(colour(block.marker))
                canvas.rect(left - size * 0.85, baseline + size * 0.3, side, side, stroke=0,
                            fill=1)
            draw_spans(canvas, fonts, left, baseline, line, size, hex_rgb)
            cursor -= LINE_HEIGHT * size
    return placed
