"""Make the handout's TrueType fonts from Noto Sans CJK SC and TC (OFL-1.1, fonts-noto-cjk).

Why this script exists: reportlab embeds only TrueType (glyf) outlines, and Noto Sans CJK
ships CFF outlines. fontTools subsets the font (GB2312 for SC; for TC Big5 level 1 and
OpenCC's Traditional forms of GB2312; plus Latin and punctuation, so the files stay a few
MB) and cu2qu converts the cubic curves to quadratic ones. The results are committed so a build needs neither the Debian package nor the 45 s conversion.

Run: python assets/fonts/make_fonts.py [/usr/share/fonts/opentype/noto]
(Debian packages fonts-noto-cjk and fonts-liberation2.)
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

# The fonts ship in the package; this generator stays beside the project's assets.
HERE = Path(__file__).resolve().parents[2] / "build_tools" / "assets" / "fonts"
FACE_SC = 2  # index of the Simplified Chinese face in the Noto Sans CJK collection
FACE_TC = 3  # ... and of the Traditional Chinese (Taiwan) face, used by zh-TW and zh-HK
RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x0370, 0x03FF), (0x0400, 0x04FF),
    (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F), (0x2150, 0x218F),
    (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x257F),
    (0x25A0, 0x25FF), (0x2600, 0x26FF), (0x3000, 0x303F), (0x3200, 0x32FF),
    (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
]


def gb2312() -> set[int]:
    chars: set[int] = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return chars


def traditional() -> set[int]:
    """Big5's frequent characters (level 1) plus every Traditional form OpenCC gives for a
    GB2312 character (s2twp, s2hk): what a converted course can contain, at a third of
    the size of all of Big5-HKSCS."""
    import opencc  # the build's own converter, so the font covers what it produces

    chars: set[int] = set()
    for high in range(0xA4, 0xC7):
        for low in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(ord(bytes([high, low]).decode("big5")))
    simplified = "".join(chr(c) for c in sorted(gb2312()))
    for config in ("s2twp", "s2hk", "s2t"):
        chars.update(ord(c) for c in opencc.OpenCC(config).convert(simplified))
    return chars


def codepoints(face: int = FACE_SC) -> set[int]:
    wanted = gb2312() if face == FACE_SC else traditional()
    for start, end in RANGES:
        wanted.update(range(start, end + 1))
    return wanted


def to_truetype(font: TTFont) -> None:
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
        "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True


def make(source: Path, target: Path, face: int = FACE_SC) -> None:
    font = TTFont(source, fontNumber=face, lazy=False)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints(face))
    subsetter.subset(font)
    to_truetype(font)
    font.save(target)
    print(f"{target.name}: {target.stat().st_size / 1e6:.1f} MB")


LATIN_RANGES = [r for r in RANGES if r[1] < 0x3000]  # no CJK punctuation or forms


def make_latin(source: Path, target: Path) -> None:
    """A Latin edition's face (Liberation Sans: Arial's metrics, OFL-1.1, already
    TrueType): subset to Latin, Greek, Cyrillic, punctuation and symbols."""
    font = TTFont(source, lazy=False)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    wanted: set[int] = set()
    for start, end in LATIN_RANGES:
        wanted.update(range(start, end + 1))
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    font.save(target)
    print(f"{target.name}: {target.stat().st_size / 1e6:.2f} MB")


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/fonts/opentype/noto")
    make(folder / "NotoSansCJK-Regular.ttc", HERE / "NotoSansSC-Regular.ttf")
    make(folder / "NotoSansCJK-Bold.ttc", HERE / "NotoSansSC-Bold.ttf")
    make(folder / "NotoSansCJK-Regular.ttc", HERE / "NotoSansTC-Regular.ttf", FACE_TC)
    make(folder / "NotoSansCJK-Bold.ttc", HERE / "NotoSansTC-Bold.ttf", FACE_TC)
    latin = Path("/usr/share/fonts/truetype/liberation2")
    make_latin(latin / "LiberationSans-Regular.ttf", HERE / "LiberationSans-Regular.ttf")
    make_latin(latin / "LiberationSans-Bold.ttf", HERE / "LiberationSans-Bold.ttf")
    # The handout's `code` face (same licence file: LICENSE-LiberationSans.txt covers the family).
    make_latin(latin / "LiberationMono-Regular.ttf", HERE / "LiberationMono-Regular.ttf")


if __name__ == "__main__":
    main()
