"""The colours slides are drawn with: the house theme's, or a customer template's scheme.

The design layer names colours by role (``theme.Colours``: primary, accent, secondary,
light, text, muted, background, chart series). With the house template the roles keep
the values of ``theme.yaml`` (the house template is generated from them). With a
customer's template (``--template``, ``course.template`` or a project's own
``assets/template.pptx`` whose colour scheme is not the theme's: ``is_customers``) each
role is mapped onto the template's own colour scheme, the way PowerPoint's palette offers
it, so chevrons, table headers, pillars and chart series come out in *their* colours:

=============  ==========================================================================
role           customer template
=============  ==========================================================================
text           Text 1 (``tx1``, through the master's colour map)
background     Background 1 (``bg1``)
primary        Accent 1
accent         Accent 2, darker (lighter on a dark theme) where it does not stand out
               on the background (highlights: numbers, labels, bullets, rules, markers)
secondary      Accent 1, darker 25% (lighter 40% if Accent 1 is nearly black)
light          Background 2 where body text reads on it, else Accent 1, lighter 80%
               (darker 50% on a dark theme): panels, alternating table rows
muted          Text 1, lighter 35% (or darker 25% on a dark theme): footers, captions
series         Accent 1 … Accent 6 (what PowerPoint gives a chart in this theme)
link           Hyperlink (``hlink``), made legible on the background (``Palette.link``)
=============  ==========================================================================

Every role keeps a resolved RGB (what the handout miniatures and the web deck draw) and,
for a customer template, the scheme reference it stands for (``refs``), which the deck
writes as ``a:schemeClr`` so a trainer who switches theme in PowerPoint gets consistent
colours. "Lighter" and "darker" are DrawingML's ``lumMod``/``lumOff`` (HSL luminance),
computed here as PowerPoint and LibreOffice compute them.

Text on a fill is chosen by contrast (WCAG 2 ratio), not fixed white: ``on``.
"""

from __future__ import annotations

import colorsys
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from build_tools.theme import Colours, Theme

SCHEME_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4",
                "accent5", "accent6", "hlink", "folHlink")
# The master's colour map default (p:clrMap): what tx1, bg1 … stand for.
DEFAULT_COLOUR_MAP = MappingProxyType({"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"})
DARKEST = 0.12  # HSL lightness under which accent 1's darker shade would look the same
# WCAG 2: large text (the shapes' labels are 14 pt bold or more) needs 3:1, body text 4.5:1.
LARGE_TEXT_CONTRAST = 3.0
NORMAL_TEXT_CONTRAST = 4.5
BODY_TEXT_CONTRAST = 4.5


@dataclass(frozen=True)
class SchemeRef:
    """A colour as the template's scheme names it: a slot (``accent1``, ``tx1``) and
    DrawingML's luminance modulation and offset in 1/1000 % (``lumMod 75000`` = 75%)."""

    slot: str
    lum_mod: int | None = None
    lum_off: int | None = None


@dataclass(frozen=True)
class Scheme:
    """A template's theme: its colour scheme (hex RGB by slot), the master's colour map,
    and its font scheme (major: headings, minor: body; Latin and east-asian, "" if unset;
    ``scripts``: the per-script faces, e.g. ``Hans`` -> 微软雅黑)."""

    colours: Mapping[str, str]
    colour_map: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_COLOUR_MAP))
    major_latin: str = ""
    major_east_asian: str = ""
    minor_latin: str = ""
    minor_east_asian: str = ""
    major_scripts: Mapping[str, str] = field(default_factory=dict)
    minor_scripts: Mapping[str, str] = field(default_factory=dict)

    def rgb(self, slot: str) -> str:
        """A slot's colour; ``tx1``/``bg1``/``tx2``/``bg2`` through the colour map."""
        return self.colours.get(self.colour_map.get(slot, slot), "000000")


@dataclass(frozen=True)
class Palette:
    """Resolved role colours and, for a customer template, the scheme reference of each
    RGB the design uses (empty for the house template: the deck writes RGB as before)."""

    colours: Colours
    refs: Mapping[str, SchemeRef] = field(default_factory=dict)
    # Hyperlinked text: the theme's hyperlink colour (the house template's is secondary),
    # so slides, miniatures and the web deck show a link as PowerPoint does.
    hyperlink: str = ""

    @property
    def link(self) -> str:
        return self.hyperlink or self.colours.secondary

    def link_in(self, text_colour: str) -> str:
        """The colour of a link in text of ``text_colour``: the hyperlink colour, as
        PowerPoint shows a link, except in light text (on a dark fill), where it would not
        read: there the link keeps the text's colour and its underline says it."""
        return self.link if luminance(text_colour) < 0.5 else text_colour

    def on(self, fill: str) -> str:
        """The text colour for text on ``fill``: text or background, whichever contrasts
        more (white on the house navy, dark text on a customer's yellow)."""
        c = self.colours
        return max((c.background, c.text), key=lambda ink: contrast(ink, fill))

    def readable(self, colour: str, ground: str,
                 minimum: float = LARGE_TEXT_CONTRAST) -> str:
        """``colour`` for text on ``ground`` if it stands out enough, else ``on(ground)``."""
        return colour if contrast(colour, ground) >= minimum else self.on(ground)

    def legible(self, colour: str, ground: str, minimum: float = LARGE_TEXT_CONTRAST) -> str:
        """``colour`` for large text on ``ground``, else the nearest tint or shade of it that
        stands out enough (lighter on a dark ground, darker on a light one: the house red
        on the navy divider becomes a lighter red, still the brand's), else ``on(ground)``.
        """
        if contrast(colour, ground) >= minimum:
            return colour
        lighten = luminance(ground) < luminance(colour) or luminance(ground) < 0.5
        for step in range(5, 100, 5):
            candidate = (shade(colour, 100000 - step * 1000, step * 1000) if lighten
                         else shade(colour, 100000 - step * 1000))
            if contrast(candidate, ground) >= minimum:
                return candidate
        return self.on(ground)

    def series(self, count: int) -> tuple[str, ...]:
        """``count`` chart colours in order (series, or pie slices), repeating the palette's
        series: the one place chart colours come from."""
        colours = self.colours.series
        return tuple(colours[i % len(colours)] for i in range(count))


def theme_scheme(colours: Colours) -> dict[str, str]:
    """The colour scheme the house template is made with from ``theme.yaml``'s colours
    (``assets/make_template.py``): text and background, primary and light as the second
    pair, the series as the six accents."""
    c = colours
    return {"dk1": c.text, "lt1": c.background, "dk2": c.primary, "lt2": c.light,
            **{f"accent{i + 1}": colour for i, colour in enumerate((c.series * 6)[:6])},
            "hlink": c.secondary, "folHlink": c.muted}


def is_customers(theme: Theme, scheme: Scheme) -> bool:
    """Whether a template's scheme is a customer's: not the one the house template script
    makes from this theme (the package's template, or a project's own made from its
    ``theme.yaml``), wherever the template comes from (``--template``, ``course.template``
    or the project's ``assets/template.pptx``)."""
    return any(scheme.colours.get(slot, "").upper() != value.upper()
               for slot, value in theme_scheme(theme.colours).items())


def themed(theme: Theme, palette: Palette | None) -> Theme:
    """The theme with the palette's colours: what every backend that draws the slides
    (and the handout's and web deck's own headings, rules and charts) uses."""
    if palette is None or palette.colours is theme.colours:
        return theme
    return theme.model_copy(update={"colours": palette.colours})


def house(theme: Theme) -> Palette:
    """The house template's palette: ``theme.yaml`` as it is."""
    return Palette(theme.colours)


def from_scheme(theme: Theme, scheme: Scheme) -> Palette:
    """A customer template's palette: the roles mapped onto its scheme (module docstring)."""
    refs: dict[str, SchemeRef] = {}

    def take(ref: SchemeRef) -> str:
        rgb = shade(scheme.rgb(ref.slot), ref.lum_mod, ref.lum_off)
        refs.setdefault(rgb, ref)  # the first role to use an RGB names it
        return rgb

    text = take(SchemeRef("tx1"))
    background = take(SchemeRef("bg1"))
    primary = take(SchemeRef("accent1"))
    # Highlights are mostly text (numbers, labels, bullets): accent 2, or a darker shade
    # of it where it would not stand out on the background (a gold on white; a lighter
    # one on a dark background).
    dark = luminance(background) < 0.5
    shades = ((SchemeRef("accent2", 60000, 40000), SchemeRef("accent2", 40000, 60000)) if dark
              else (SchemeRef("accent2", 75000), SchemeRef("accent2", 50000)))
    accent = take(next((ref for ref in (SchemeRef("accent2"), *shades)
                        if contrast(shade(scheme.rgb(ref.slot), ref.lum_mod, ref.lum_off),
                                    background) >= LARGE_TEXT_CONTRAST), shades[-1]))
    # HSL lightening saturates a brand colour (a green turns neon): a darker shade of it,
    # unless it is nearly black already.
    secondary = take(SchemeRef("accent1", 60000, 40000) if _lightness(primary) < DARKEST
                     else SchemeRef("accent1", 75000))
    # Panels carry body text: the template designer's Background 2 where text reads on
    # it, else accent 1's palest shade (its darkest on a dark theme), else the background.
    tint = SchemeRef("accent1", 50000) if dark else SchemeRef("accent1", 20000, 80000)
    light = take(next((ref for ref in (SchemeRef("bg2"), tint)
                       if (rgb := shade(scheme.rgb(ref.slot), ref.lum_mod, ref.lum_off))
                       != background and contrast(rgb, text) >= BODY_TEXT_CONTRAST),
                      SchemeRef("bg1")))
    muted = take(SchemeRef("tx1", 65000, 35000) if luminance(text) < 0.5
                 else SchemeRef("tx1", 75000))
    series = [take(SchemeRef(f"accent{i}")) for i in range(1, 7)]
    colours = theme.colours.model_copy(update={
        "primary": primary, "accent": accent, "secondary": secondary, "light": light,
        "text": text, "muted": muted, "background": background, "series": series})
    # The scheme's hyperlink colour, darker or lighter where it would not read as text on
    # the background (WCAG 4.5:1 for text of body size).
    hyperlink = take(SchemeRef("hlink"))
    palette = Palette(colours, MappingProxyType(refs))
    return Palette(colours, MappingProxyType(refs),
                   palette.legible(hyperlink, background, NORMAL_TEXT_CONTRAST))


# --- colour arithmetic ---------------------------------------------------------------------


def _channels(rgb: str) -> tuple[float, float, float]:
    value = int(rgb, 16)
    return ((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255


def _hex(red: float, green: float, blue: float) -> str:
    return "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in (red, green, blue))


def shade(rgb: str, lum_mod: int | None = None, lum_off: int | None = None) -> str:
    """DrawingML's ``lumMod`` then ``lumOff`` on an RGB colour: HSL luminance x mod + off.

    colorsys, not a colour library: the two lines of arithmetic are the definition
    (ECMA-376 20.1.2.3.20/21), and this is what PowerPoint's palette and LibreOffice's
    import compute for "Accent 1, Lighter 80%".
    """
    if lum_mod is None and lum_off is None:
        return rgb.upper()
    hue, light, saturation = colorsys.rgb_to_hls(*_channels(rgb))
    light = light * (lum_mod if lum_mod is not None else 100000) / 100000
    light = min(1.0, max(0.0, light + (lum_off or 0) / 100000))
    return _hex(*colorsys.hls_to_rgb(hue, light, saturation))


def _lightness(rgb: str) -> float:
    return colorsys.rgb_to_hls(*_channels(rgb))[1]


def luminance(rgb: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0 black … 1 white)."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in _channels(rgb))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str, other: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 … 21)."""
    a, b = sorted((luminance(one), luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)
