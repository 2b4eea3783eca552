"""The handout's paragraph and table styles, derived from the theme in one place.

Every style names the embedded CJK font explicitly, including ``bulletFontName``: a style
left at reportlab's defaults pulls a non-embedded Helvetica into the PDF (field notes).
Sizes follow the theme's handout body and heading sizes; the ratios between them mirror
the deck's type scale so the two read as one family.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from build_tools.backends.handout.fonts import HandoutFonts
from build_tools.theme import Theme

LEADING = 1.55  # x size: Chinese body text needs more air than Latin


@cache
def colour(hex_rgb: str) -> Color:
    """A reportlab colour for a hex RGB string, made once: parsing a colour string on every
    canvas call costs more than drawing (reportlab rebuilds its table of named colours)."""
    return HexColor(f"#{hex_rgb}")


@dataclass(frozen=True)
class Styles:
    fonts: HandoutFonts
    body: ParagraphStyle
    body_bullet: ParagraphStyle
    body_sub: ParagraphStyle
    numbered: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    kicker: ParagraphStyle
    quote: ParagraphStyle
    handout_text: ParagraphStyle
    option: ParagraphStyle
    contents_chapter: ParagraphStyle
    contents_entry: ParagraphStyle
    body_pt: float
    heading_pt: float


def make_styles(theme: Theme, fonts: HandoutFonts) -> Styles:
    body = theme.handout.body_pt
    heading = theme.handout.heading_pt
    text = colour(theme.colours.text)
    primary = colour(theme.colours.primary)
    accent = colour(theme.colours.accent)
    muted = colour(theme.colours.muted)

    def style(name: str, size: float, **extra: object) -> ParagraphStyle:
        fields: dict[str, object] = {
            "fontName": fonts.regular,
            "bulletFontName": fonts.regular,
            "fontSize": size,
            "leading": size * LEADING,
            "textColor": text,
            "bulletColor": accent,
            "bulletFontSize": size * 0.7,
            "alignment": TA_LEFT,
            "wordWrap": "CJK",
            "allowWidows": 0,
            "allowOrphans": 0,
        }
        fields.update(extra)
        return ParagraphStyle(name, **fields)

    bullet_indent = body * 1.4
    return Styles(
        fonts=fonts,
        body=style("body", body, spaceAfter=body * 0.5),
        body_bullet=style(
            "body_bullet", body, leftIndent=bullet_indent, bulletIndent=body * 0.2,
            spaceAfter=body * 0.3,
        ),
        numbered=style(
            "numbered", body, leftIndent=bullet_indent, bulletIndent=body * 0.1,
            spaceAfter=body * 0.3, bulletFontName=fonts.bold, bulletFontSize=body,
        ),
        body_sub=style(
            "body_sub", body * 0.92, leftIndent=bullet_indent * 2,
            bulletIndent=bullet_indent + body * 0.2, spaceAfter=body * 0.2, textColor=muted,
            bulletColor=muted,
        ),
        small=style("small", body * 0.85, textColor=muted),
        caption=style("caption", body * 0.78, textColor=muted, leading=body * 0.78 * 1.3),
        cell=style("cell", body * 0.9),
        cell_head=style("cell_head", body * 0.9, fontName=fonts.bold, textColor=colour("FFFFFF")),
        h1=style(
            "h1", heading, fontName=fonts.bold, textColor=primary, leading=heading * 1.3,
            spaceAfter=heading * 0.6,
        ),
        h2=style(
            "h2", heading * 0.8, fontName=fonts.bold, textColor=primary,
            leading=heading * 0.8 * 1.35, spaceBefore=heading * 0.7, spaceAfter=heading * 0.3,
        ),
        h3=style(
            "h3", body * 1.1, fontName=fonts.bold, textColor=primary, leading=body * 1.1 * 1.4,
            spaceBefore=body * 0.6, spaceAfter=body * 0.25,
        ),
        kicker=style("kicker", body * 0.8, fontName=fonts.bold, textColor=accent),
        quote=style(
            "quote", body * 1.15, textColor=primary, spaceBefore=body * 0.2,
            spaceAfter=body * 0.3,
        ),
        handout_text=style(
            "handout_text", body * 0.9, leading=body * 0.9 * 1.45, spaceAfter=body * 0.3,
        ),
        option=style(
            "option", body, leftIndent=body * 3.2, bulletIndent=body * 1.4,
            bulletColor=primary, bulletFontSize=body, spaceAfter=body * 0.15,
        ),
        contents_chapter=style(
            "contents_chapter", body * 1.15, fontName=fonts.bold, textColor=primary,
        ),
        contents_entry=style("contents_entry", body, textColor=text),
        body_pt=body,
        heading_pt=heading,
    )


def centred(base: ParagraphStyle, name: str) -> ParagraphStyle:
    return ParagraphStyle(name, parent=base, alignment=TA_CENTER)
