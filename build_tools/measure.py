"""Text measurement and line breaking (Chinese and Latin): the only module that knows widths.

Hand-written because no maintained library breaks mixed Chinese/Latin text with font
metrics and the Chinese line-breaking rules (禁则): python-pptx's ``fit_text`` breaks at
spaces only, reportlab's CJK wrap lets closing punctuation start a line, and uniseg/ICU
bindings give break opportunities but no widths. Widths come from the font's ``hmtx``
table via fontTools. Calibration (line height 1.2, paragraph space 0.2 em, ~0.24 em of
automatic space between CJK and Latin) follows LibreOffice renders (field notes), so a
verdict here matches what a trainer sees.

Latin-script editions (``Measurer.latin``) break as English typesetting does: between
words, after a hyphen inside a word, in a URL after "/" or "."; a word wider than the
line is cut with a hyphen added, and a measurement that had to cut one does not count as
fitting (the fit check tries a smaller size, then reports it).
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

from build_tools import inputs

LINE_HEIGHT = 1.2  # x size
PARAGRAPH_SPACE = 0.2  # x size, before every paragraph but the first
CJK_LATIN_GAP = 0.24  # em, added where CJK meets Latin letters or digits

# 禁则: characters that may not start a line, and ones that may not end one.
NO_START = frozenset(
    "，。、；：？！）」』》〉】〕〗”’…—–·%‰,.;:?!)]}>"
    "・ー々〻ぁぃぅぇぉっゃゅょァィゥェォッャュョ"
)
NO_END = frozenset("（「『《〈【〔〖“‘([{<")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    mono: bool = False  # `code`: a monospace face for Latin characters (MONO_EM each)


MONO_EM = 0.6  # advance of every character of Courier New / Liberation Mono / Courier
_MONO = 2  # a run's face in a token: False regular, True bold, _MONO monospace

@dataclass(frozen=True)
class Paragraph:
    """A paragraph to measure: its runs, its size relative to the box's base size, indent."""

    runs: tuple[Run, ...]
    scale: float = 1.0
    indent_pt: float = 0.0

    @classmethod
    def plain(cls, text: str, scale: float = 1.0, bold: bool = False) -> Paragraph:
        return cls((Run(text, bold),), scale)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Measurement:
    size_pt: float
    lines: tuple[tuple[str, ...], ...]  # per paragraph, its lines
    height_pt: float
    width_pt: float  # the widest line
    cuts: int = 0  # Latin words cut with a hyphen because they are wider than a line


@dataclass(frozen=True)
class Fit:
    """The outcome of fitting text into a box: the size used and whether it fits."""

    measurement: Measurement
    box_height_pt: float
    fits: bool

    @property
    def size_pt(self) -> float:
        return self.measurement.size_pt

    @property
    def overflow_pt(self) -> float:
        return max(0.0, self.measurement.height_pt - self.box_height_pt)


@dataclass
class Font:
    """Advance widths of one TrueType face, in font units, keyed by code point."""

    path: Path
    units_per_em: int
    advances: dict[int, int] = field(repr=False)
    # advance_em by character, filled as characters are met (the same division, done once).
    _em: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def covers(self, char: str) -> bool:
        return ord(char) in self.advances

    def advance_em(self, char: str) -> float:
        em = self._em.get(char)
        if em is None:
            units = self.advances.get(ord(char))
            # Not in the font: the handout's coverage check reports it; here assume a
            # full-width glyph so the fit check errs on the safe side.
            em = self._em[char] = 1.0 if units is None else units / self.units_per_em
        return em


METRICS_FORMAT = 2


def load_font(path: Path) -> Font:
    """The face's advance widths. The font is read (and recorded as an input of the build)
    on every call; its metrics come from memory, else from the compact on-disk cache (a
    marshal of units per em and the code point -> advance map, ~80 KB, ~5 ms), else, the
    first time, from fontTools (~0.3 s with its import, on a cold process). Both caches are
    keyed by the font's content hash, so an edited font is never measured with stale
    widths; marshal holds plain numbers only (nothing in it can run code), and anything
    unexpected falls back to reading the font: the caches only ever save time."""
    data = inputs.read(path)
    return _font(path, hashlib.sha256(data).hexdigest(), data)


@cache
def _font(path: Path, sha: str, data: bytes) -> Font:
    import marshal
    import sys

    from fontTools import version  # the package's __init__ only (~10 ms), not ttLib

    # Keyed by the library that parsed the font too: a fontTools upgrade re-reads it.
    cached = _metrics_folder() / (
        f"metrics-{METRICS_FORMAT}-fonttools{version}-py{sys.version_info[0]}"
        f"{sys.version_info[1]}-{sha[:32]}.marshal")
    try:
        units_per_em, advances = marshal.loads(cached.read_bytes())
        if isinstance(units_per_em, int) and isinstance(advances, dict):
            return Font(path, units_per_em, advances)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    font = _read_font(path, data)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_name(f".{cached.name}.{os.getpid()}")
        temporary.write_bytes(marshal.dumps((font.units_per_em, font.advances)))
        os.replace(temporary, cached)
    except OSError:
        pass
    return font


def _metrics_folder() -> Path:
    from build_tools.resources import cache_folder

    return cache_folder()


def _read_font(path: Path, data: bytes) -> Font:
    from fontTools.ttLib import TTFont  # ~0.13 s to import: only when the cache misses

    font = TTFont(io.BytesIO(data), lazy=True)
    # Glyphs are matched to code points (cmap) and widths (hmtx) by index; fontTools names
    # them from the 'post' table first, which takes longer than the rest (tens of ms per
    # CJK font). Plain numbered names give the same code point -> width mapping.
    font.setGlyphOrder([f"glyph{index:05d}" for index in range(font["maxp"].numGlyphs)])
    metrics = font["hmtx"].metrics
    advances = {code: metrics[name][0] for code, name in font.getBestCmap().items()}
    return Font(path, font["head"].unitsPerEm, advances)


@dataclass(frozen=True)
class Measurer:
    """Measures with a regular and a bold face; built once per build from the theme."""

    regular: Font
    bold: Font
    # Tokenised paragraphs with their widths in em: a fit tries several sizes, and widths
    # scale linearly with size, so each paragraph is tokenised and measured once.
    _units: dict[Paragraph, list[_Unit]] = field(default_factory=dict, compare=False, repr=False)
    # Measurements by (paragraphs, width, size, type of size): a deck fits the same text
    # in the same box again and again (footers, repeated layouts, several size steps).
    _measured: dict[tuple[object, ...], Measurement] = field(
        default_factory=dict, compare=False, repr=False)
    # Balanced widths by (paragraphs, width, size): titles and headings repeat.
    _balanced: dict[tuple[object, ...], float] = field(
        default_factory=dict, compare=False, repr=False)

    # Latin-script editions: words break only at spaces and hyphens, URLs after "/" or ".",
    # and a word cut because it is wider than a line gets a hyphen.
    latin: bool = False

    @classmethod
    def from_paths(cls, regular: Path, bold: Path, latin: bool = False) -> Measurer:
        return cls(load_font(regular), load_font(bold), latin=latin)

    def missing(self, text: str) -> list[str]:
        """Characters neither face can draw (whitespace aside), in order of appearance."""
        seen: dict[str, None] = {}
        for char in text:
            if not char.isspace() and not self.regular.covers(char):
                seen.setdefault(char)
        return list(seen)

    def width_em(self, text: str, bold: bool = False) -> float:
        font = self.bold if bold else self.regular
        ems = font._em
        total = 0.0
        previous = ""
        for char in text:
            em = ems.get(char)
            total += font.advance_em(char) if em is None else em
            if previous and _gap_between(previous, char):
                total += CJK_LATIN_GAP
            previous = char
        return total

    def _mono_width_em(self, text: str) -> float:
        """Width if every Latin character were set in the monospace face."""
        return sum(self.regular.advance_em(c) if _is_cjk(c) else MONO_EM for c in text)

    def width_pt(self, text: str, size_pt: float, bold: bool = False) -> float:
        return self.width_em(text, bold) * size_pt

    def units(self, paragraph: Paragraph) -> list[_Unit]:
        cached = self._units.get(paragraph)
        if cached is None:
            cached = [self._unit(token) for token in _tokens(paragraph.runs, self.latin)]
            self._units[paragraph] = cached
        return cached

    def _unit(self, token: _Token) -> _Unit:
        regular, bold_font = self.regular, self.bold
        regular_em, bold_em = regular._em, bold_font._em
        chars = token.chars
        if len(chars) == 1:  # most units: one CJK character
            char, bold = chars[0]
            width = (bold_em if bold else regular_em).get(char)
            if bold is _MONO and not _is_cjk(char):
                width = MONO_EM
            if width is None:
                width = (bold_font if bold else regular).advance_em(char)
            return _Unit(char, sum((width,)), token.is_space, (width,))
        widths = []
        previous = ""
        for char, bold in chars:
            width = (bold_em if bold else regular_em).get(char)
            if bold is _MONO and not _is_cjk(char):
                width = MONO_EM
            if width is None:
                width = (bold_font if bold else regular).advance_em(char)
            if previous and _gap_between(previous, char):
                width += CJK_LATIN_GAP
            widths.append(width)
            previous = char
        return _Unit("".join([c for c, _ in chars]), sum(widths), token.is_space, tuple(widths))

    def break_lines(self, paragraph: Paragraph, width_pt: float, size_pt: float) -> list[str]:
        """Greedy line breaking with 禁则; Latin words stay whole unless wider than a line."""
        return self._break(paragraph, width_pt, size_pt)[0]

    def _break(self, paragraph: Paragraph, width_pt: float, size_pt: float
               ) -> tuple[list[str], int]:
        """The lines, and how many words had to be cut (with a hyphen, in Latin mode)."""
        hyphen = self.regular.advance_em("-") if self.latin else 0.0
        cuts = 0
        size = size_pt * paragraph.scale
        available = max(width_pt - paragraph.indent_pt, size) / size + 1e-9  # in em
        lines: list[str] = []
        line: list[str] = []
        used = 0.0
        last = ""
        for unit in self.units(paragraph):
            gap = CJK_LATIN_GAP if last and _gap_between(last, unit.text[0]) else 0.0
            if line and used + gap + unit.em > available:
                lines.append("".join(line))
                line, used, last = [], 0.0, ""
                if unit.space:
                    continue
                gap = 0.0
            if unit.em > available and not unit.space:
                # A word longer than the line: cut it by characters, as renderers do (in a
                # Latin edition with a hyphen, and counted: the fit check will not pass it).
                cuts += 1
                for char, width in zip(unit.text, unit.widths, strict=True):
                    if line and used + width + hyphen > available:
                        lines.append("".join(line) + ("-" if hyphen else ""))
                        line, used = [], 0.0
                    line.append(char)
                    used += width
                last = unit.text[-1]
                continue
            line.append(unit.text)
            used += gap + unit.em
            last = unit.text[-1]
        if line or not lines:
            lines.append("".join(line))
        return [text.rstrip() for text in lines], cuts

    def measure(
        self, paragraphs: Sequence[Paragraph], width_pt: float, size_pt: float
    ) -> Measurement:
        key = (tuple(paragraphs), width_pt, size_pt, type(size_pt))
        found = self._measured.get(key)
        if found is None:
            found = self._measured[key] = self._measure(paragraphs, width_pt, size_pt)
        return found

    def _measure(
        self, paragraphs: Sequence[Paragraph], width_pt: float, size_pt: float
    ) -> Measurement:
        per_paragraph: list[tuple[str, ...]] = []
        height = 0.0
        widest = 0.0
        cuts = 0
        for index, paragraph in enumerate(paragraphs):
            size = size_pt * paragraph.scale
            lines, cut = self._break(paragraph, width_pt, size_pt)
            cuts += cut
            per_paragraph.append(tuple(lines))
            height += len(lines) * LINE_HEIGHT * size
            if index:
                height += PARAGRAPH_SPACE * size
            bold = all(run.bold for run in paragraph.runs)
            mono = any(run.mono for run in paragraph.runs)
            for line in lines:
                width = self.width_pt(line, size, bold)
                if mono:  # the line's Latin may be `code`: the wider of the two, to be safe
                    width = max(width, self._mono_width_em(line) * size)
                widest = max(widest, width + paragraph.indent_pt)
        return Measurement(size_pt, tuple(per_paragraph), height, widest,
                           cuts if self.latin else 0)

    def fit(
        self,
        paragraphs: Sequence[Paragraph],
        width_pt: float,
        height_pt: float,
        sizes: Iterable[float],
    ) -> Fit:
        """Try sizes from largest to smallest; the first that fits wins, else the last."""
        measurement: Measurement | None = None
        for size in sorted(set(sizes), reverse=True):
            measurement = self.measure(paragraphs, width_pt, size)
            fits_height = measurement.height_pt <= height_pt + 1e-6
            if fits_height and measurement.width_pt <= width_pt + 1e-6 and not measurement.cuts:
                return Fit(measurement, height_pt, True)
        if measurement is None:
            raise ValueError("expected at least one size to try")
        return Fit(measurement, height_pt, False)


    def balanced_width(
        self, paragraphs: Sequence[Paragraph], width_pt: float, size_pt: float,
        even: bool = True,
    ) -> float:
        """A width at which greedy breaking (with 禁则) gives the best-balanced lines.

        What CSS calls ``text-wrap: balance``, with Chinese in mind: among the ways to
        break the paragraphs into as many lines as at ``width_pt``, prefer (in this order)
        no last line with one character alone, no break inside a common word (a list,
        ``assets/words``: "2024年互联网 / 金融培训资料", not "…互联网金 / 融培训资料"),
        then lines of even width (centred captions are not ragged). Returns the middle of
        the widths that give the chosen breaks, so a renderer measuring a little off this
        module still breaks there.

        ``even=False`` (body text): only avoid lone last characters, keeping the widest
        width that does (the full width when no paragraph ends with one).
        """
        key = (tuple(paragraphs), width_pt, size_pt, even)
        found = self._balanced.get(key)
        if found is None:
            found = self._balanced[key] = self._balanced_width(paragraphs, width_pt, size_pt,
                                                               even)
        return found

    def _balanced_width(
        self, paragraphs: Sequence[Paragraph], width_pt: float, size_pt: float, even: bool
    ) -> float:
        counts = [len(self.break_lines(p, width_pt, size_pt)) for p in paragraphs]
        if max(counts, default=1) < 2:
            return width_pt
        step = size_pt / 4
        spans: dict[tuple[tuple[str, ...], ...], tuple[float, float]] = {}
        width = width_pt
        while width > size_pt:
            lines = tuple(tuple(self.break_lines(p, width, size_pt)) for p in paragraphs)
            if any(len(found) > count for found, count in zip(lines, counts, strict=True)):
                break
            low, high = spans.get(lines, (width, width))
            spans[lines] = (min(low, width), max(high, width))
            width -= step
        if not even:
            orphans = {lines: _orphans(lines) for lines in spans}
            widest = next(iter(spans))  # the greedy breaks at the full width
            if not orphans[widest]:
                return width_pt
            best = min(spans, key=lambda lines: (orphans[lines], -spans[lines][1]))
        else:
            best = min(spans, key=lambda lines: self._balance_cost(paragraphs, lines, size_pt))
        low, high = spans[best]
        return min(width_pt, (low + high) / 2 + step / 2)

    def _balance_cost(self, paragraphs: Sequence[Paragraph],
                      lines: tuple[tuple[str, ...], ...], size_pt: float) -> float:
        words = common_words()
        cost = 0.0
        for paragraph, found in zip(paragraphs, lines, strict=True):
            bold = all(run.bold for run in paragraph.runs)
            size = size_pt * paragraph.scale
            widths = [self.width_pt(line, size, bold) for line in found]
            cost += (max(widths) - min(widths)) / size  # raggedness, in em
            cost += 100 * _orphans((found,))  # a lone character
            for before, after in itertools.pairwise(found):
                if _splits_word(before, after, words):
                    cost += 20
        return cost


def _orphans(lines: tuple[tuple[str, ...], ...]) -> int:
    """Paragraphs (of several lines) whose last line holds one character alone (with at
    most its closing punctuation)."""
    count = 0
    for found in lines:
        last = found[-1].strip()
        if len(found) > 1 and (len(last) == 1 or (len(last) == 2 and last[1] in NO_START)):
            count += 1
    return count


def _splits_word(before: str, after: str, words: frozenset[str]) -> bool:
    """Whether the break between two lines falls inside a common word."""
    for left in range(1, 4):
        for right in range(1, 5 - left):
            if len(before) >= left and len(after) >= right and (
                    before[-left:] + after[:right]) in words:
                return True
    return False


def common_words() -> frozenset[str]:
    """Common Chinese words of 2-4 characters (``words/zh-common.txt``, package assets); recorded as
    an input of every build that balances a line, parsed once while it is unchanged."""
    from build_tools.resources import package_assets

    path = package_assets() / "words" / "zh-common.txt"
    return inputs.parsed(path, _words) if path.is_file() else frozenset()


def _words(data: bytes) -> frozenset[str]:
    text = data.decode("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def size_steps(largest_pt: float, smallest_pt: float, step_pt: float = 1.0) -> list[float]:
    """The sizes the fit check may use, largest first."""
    steps = []
    size = largest_pt
    while size >= smallest_pt - 1e-9:
        steps.append(round(size, 2))
        size -= step_pt
    return steps


# --- tokens ----------------------------------------------------------------------------


class _Token:
    """A unit being formed: its characters (with boldness) and whether it is white space."""

    __slots__ = ("chars", "is_space")

    def __init__(self, chars: list[tuple[str, bool | int]], is_space: bool = False) -> None:
        self.chars = chars
        self.is_space = is_space

    @property
    def text(self) -> str:
        return "".join(c for c, _ in self.chars)


def is_cjk(char: str) -> bool:
    """A Chinese, Japanese or Korean character (or full-width form)."""
    return _is_cjk(char)


@cache
def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
    )


def _gap_applies(left: str, right: str) -> bool:
    """LibreOffice's autospace: only between CJK and Latin letters or digits."""
    other = right if _is_cjk(left) else left
    return other.isalnum() and unicodedata.category(other)[0] in "LN" and not _is_cjk(other)


def _tokens(runs: Iterable[Run], latin: bool = False) -> list[_Token]:
    """Split into unbreakable units: each CJK character, each Latin word, each space run.

    Then apply 禁则 by gluing: a no-start character joins the unit before it, a no-end
    character joins the unit after it. In Latin mode, ASCII punctuation belongs to its word
    and words are split after inner hyphens (and URLs after "/" or ".").
    """
    units: list[_Token] = []
    kind_of = _latin_kind if latin else _kind
    last_kind = _SPACE  # of the last character added: the last character of the last unit
    for run in runs:
        bold: bool | int = _MONO if run.mono else run.bold
        for char in run.text:
            kind = kind_of(char)
            if kind == _SPACE:
                if units and units[-1].is_space:
                    units[-1].chars.append((char, bold))
                else:
                    units.append(_Token([(char, bold)], is_space=True))
            elif kind == _ALONE:
                units.append(_Token([(char, bold)]))
            elif units and last_kind == _WORD:  # a unit ending in a word character
                units[-1].chars.append((char, bold))
            else:
                units.append(_Token([(char, bold)]))
            last_kind = kind
    if latin:
        units = [piece for unit in units for piece in _split_word(unit)]
    glued: list[_Token] = []
    pending_open: list[tuple[str, bool | int]] = []
    for unit in units:
        first = unit.chars[0][0]
        if pending_open and not unit.is_space:
            unit = _Token(pending_open + unit.chars)
            pending_open = []
        if not unit.is_space and len(unit.chars) == 1 and first in NO_END:
            pending_open = list(unit.chars)
            continue
        if not unit.is_space and first in NO_START and glued and not glued[-1].is_space:
            glued[-1].chars.extend(unit.chars)
            continue
        glued.append(unit)
    if pending_open:
        glued.append(_Token(pending_open))
    return glued


class _Unit(NamedTuple):
    """An unbreakable piece of a line and its width in em (per character, for cutting)."""

    text: str
    em: float
    space: bool
    widths: tuple[float, ...]


_SPACE, _ALONE, _WORD = 0, 1, 2


@cache
def _kind(char: str) -> int:
    """White space; a unit of its own (CJK, or 禁则 punctuation, glued later); or part of a
    word (joins a word character before it)."""
    if char.isspace():
        return _SPACE
    if _is_cjk(char) or char in NO_START or char in NO_END:
        return _ALONE
    return _WORD


@cache
def _latin_kind(char: str) -> int:
    """As ``_kind``, but only CJK characters and full-width punctuation stand alone: a
    comma, a bracket or a quote mark belongs to the Latin word it touches."""
    if char.isspace():
        return _SPACE
    if _is_cjk(char) or (ord(char) >= 0x3000 and (char in NO_START or char in NO_END)):
        return _ALONE
    return _WORD


_HYPHENS = "-\u2010"


def _split_word(unit: _Token) -> list[_Token]:
    """A word's break opportunities: after an inner hyphen ("well-|known"), and in a URL
    after "/" (not inside "//") or "."."""
    chars = unit.chars
    if unit.is_space or len(chars) < 3:
        return [unit]
    text = unit.text
    url = "://" in text or text.startswith("www.")
    pieces: list[_Token] = []
    start = 0
    for index in range(1, len(chars) - 1):
        char, before, after = text[index], text[index - 1], text[index + 1]
        inner_hyphen = char in _HYPHENS and before.isalnum() and after.isalnum()
        url_break = url and ((char == "/" and after != "/" and before != ":")
                             or (char == "." and after.isalnum()))
        if inner_hyphen or url_break:
            pieces.append(_Token(chars[start:index + 1]))
            start = index + 1
    pieces.append(_Token(chars[start:]))
    return pieces


@cache
def _gap_between(left: str, right: str) -> bool:
    return _is_cjk(left) != _is_cjk(right) and _gap_applies(left, right)
