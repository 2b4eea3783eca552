"""Subset WOFF2 faces of the fonts the handout embeds, for a web deck that needs no network.

The characters a deck uses are split into fixed slices by code point (``SLICE`` code points
each), one ``@font-face`` per slice with its ``unicode-range``, as Google Fonts ships CJK.
A slice depends only on the characters of it the deck uses, so a one-slide edit that brings
a new character rebuilds one small slice (~20 ms) instead of the whole subset (~2 s: brotli
at quality 11 over ~1,000 glyphs). Slices are cached in memory and on disk (next to the
handout's face cache), keyed by the font file's hash, the characters and fontTools'
version, so a cold build with a warm cache reads them back and the output is the same
whichever way it was reached.

The faces are built with fontTools' ``FontBuilder`` from the glyphs of the handout's
TrueType font (no layout tables: the measure uses advance widths only, without kerning,
so the browser must not kern either).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from build_tools import inputs
from build_tools.files import write_whole

SLICE = 512  # code points per slice
CACHE_FORMAT = 1
FAMILY = "course-sans"
# `code` spans (deck.css names it too): the theme's code face, Latin only, the body face
# after it for any Chinese inside the backticks.
CODE_FAMILY = "course-mono"


@dataclass(frozen=True)
class Face:
    """One ``@font-face``: weight, unicode-range and the WOFF2 data as base64."""

    weight: int
    unicode_range: str
    data_base64: str
    family: str = FAMILY


def cache_folder() -> Path:
    from build_tools.resources import cache_folder

    return cache_folder()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def faces(font: Path, weight: int, text: Iterable[str], family: str = FAMILY) -> list[Face]:
    """The faces that cover every character of ``text`` the font has, slice by slice.

    The font is recorded as an input of the web deck (the code face is read by nothing
    else); no text, no face and no input (a deck without `code`).
    """
    unique = set(text if isinstance(text, str) else "".join(text))
    if not unique:
        return []
    digest = inputs.parsed(font, _sha256)
    chars = sorted({c for c in unique if c.isprintable() and not c.isspace()} | {" "})
    slices: dict[int, list[str]] = {}
    for char in chars:
        slices.setdefault(ord(char) // SLICE, []).append(char)
    found = []
    for number, members in sorted(slices.items()):
        data = slice_woff2(font, digest, "".join(members))
        if data is None:
            continue
        low, high = number * SLICE, number * SLICE + SLICE - 1
        found.append(Face(weight, f"U+{low:04X}-{high:04X}", data, family))
    return found


@cache
def slice_woff2(font: Path, digest: str, chars: str) -> str | None:
    """Base64 WOFF2 holding ``chars`` (those the font has), or None if it has none."""
    from fontTools import version

    key = hashlib.sha256(f"{CACHE_FORMAT}|{version}|{digest}|{chars}".encode()).hexdigest()
    stored = cache_folder() / f"webfont-{key}.woff2"
    try:
        return base64.b64encode(stored.read_bytes()).decode("ascii") if stored.stat().st_size \
            else None
    except OSError:
        pass
    data = _build(_master(font, digest), chars)
    _store(stored, data or b"")
    return base64.b64encode(data).decode("ascii") if data else None


@cache
def _master(font: Path, digest: str) -> Any:
    """The source font, parsed once per process (cmap, metrics; glyphs load lazily)."""
    from fontTools.ttLib import TTFont

    parsed = TTFont(str(font), lazy=True)
    parsed.best_cmap = parsed.getBestCmap()  # type: ignore[attr-defined]
    return parsed


def _build(master: Any, chars: str) -> bytes | None:
    from fontTools.fontBuilder import FontBuilder

    cmap: dict[int, str] = master.best_cmap
    mapping = {ord(c): cmap[ord(c)] for c in chars if ord(c) in cmap}
    if not mapping:
        return None
    glyf, hmtx, hhea, os2 = master["glyf"], master["hmtx"], master["hhea"], master["OS/2"]
    # A composite glyph (Latin fonts build accented letters from parts) needs its parts.
    wanted, pending = set(mapping.values()), list(mapping.values())
    while pending:
        glyph = glyf[pending.pop()]
        for component in glyph.components if glyph.isComposite() else ():
            if component.glyphName not in wanted:
                wanted.add(component.glyphName)
                pending.append(component.glyphName)
    wanted.discard(".notdef")
    names = [".notdef", *sorted(wanted, key=master.getGlyphID)]
    builder = FontBuilder(master["head"].unitsPerEm, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap(mapping)
    builder.setupGlyf({name: glyf[name] for name in names})
    builder.setupHorizontalMetrics({name: hmtx[name] for name in names})
    builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent)
    builder.setupNameTable({"familyName": FAMILY, "styleName": "Regular"})
    builder.setupOS2(
        sTypoAscender=os2.sTypoAscender,
        sTypoDescender=os2.sTypoDescender,
        sTypoLineGap=os2.sTypoLineGap,
        usWinAscent=os2.usWinAscent,
        usWinDescent=os2.usWinDescent,
        fsType=0,
    )
    builder.setupPost()
    built = builder.font
    built.flavor = "woff2"
    stream = io.BytesIO()
    built.save(stream, reorderTables=False)
    return stream.getvalue()


def _store(path: Path, data: bytes) -> None:
    """Best effort: the cache only ever saves time."""
    with contextlib.suppress(OSError):
        write_whole(path, data)
