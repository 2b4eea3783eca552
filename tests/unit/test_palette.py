"""The palette: a customer scheme's colours as PowerPoint's own palette offers them.

Expected values are PowerPoint's (the swatches its colour picker shows for the Office
2013-2022 theme, e.g. "Blue, Accent 1, Lighter 80%" = DAE3F3) and WCAG 2's worked
examples, not values computed by this code.
"""

from __future__ import annotations

import pytest

from build_tools.design.palette import (
    Palette,
    Scheme,
    SchemeRef,
    contrast,
    from_scheme,
    house,
    shade,
    themed,
)
from build_tools.theme import load_theme

# The Office 2013-2022 theme's colour scheme.
OFFICE = {"dk1": "000000", "lt1": "FFFFFF", "dk2": "44546A", "lt2": "E7E6E6",
          "accent1": "4472C4", "accent2": "ED7D31", "accent3": "A5A5A5", "accent4": "FFC000",
          "accent5": "5B9BD5", "accent6": "70AD47", "hlink": "0563C1", "folHlink": "954F72"}


@pytest.mark.parametrize(("rgb", "mod", "off", "expected"), [
    ("4472C4", 20000, 80000, "DAE3F3"),  # Blue, Accent 1, Lighter 80%
    ("4472C4", 60000, 40000, "8FAADC"),  # Lighter 40%
    ("4472C4", 75000, None, "2F5597"),  # Darker 25%
    ("4472C4", 50000, None, "203864"),  # Darker 50%
    ("ED7D31", 75000, None, "C55A11"),  # Orange, Accent 2, Darker 25%
    ("000000", 65000, 35000, "595959"),  # Black, Text 1, Lighter 35%
    ("FFFFFF", 85000, None, "D9D9D9"),  # White, Background 1, Darker 15%
])
def test_shades_are_powerpoints(rgb: str, mod: int, off: int | None, expected: str) -> None:
    assert shade(rgb, mod, off) == expected


def test_contrast_is_wcag() -> None:
    assert contrast("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast("767676", "FFFFFF") == pytest.approx(4.54, abs=0.01)  # the AA grey
    assert contrast("FFFFFF", "FFFFFF") == pytest.approx(1.0)


def test_the_house_template_keeps_the_theme_as_it_is() -> None:
    theme = load_theme()
    palette = house(theme)
    assert palette.colours is theme.colours and not palette.refs
    assert themed(theme, palette) is theme


def test_a_customer_scheme_gives_each_role_a_scheme_colour() -> None:
    palette = from_scheme(load_theme(), Scheme(OFFICE))
    c = palette.colours
    assert (c.text, c.background, c.primary) == ("000000", "FFFFFF", "4472C4")
    assert c.accent == "C55A11"  # orange on white is under 3:1: its darker 25% shade
    assert c.secondary == "2F5597" and c.light == "E7E6E6"  # Background 2 is pale
    assert c.muted == "595959"
    assert c.series == ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"]
    assert palette.refs["4472C4"] == SchemeRef("accent1")
    assert palette.refs["2F5597"] == SchemeRef("accent1", 75000)
    assert palette.refs["C55A11"] == SchemeRef("accent2", 75000)
    assert palette.refs["000000"] == SchemeRef("tx1")
    assert palette.refs["E7E6E6"] == SchemeRef("bg2")
    assert palette.series(8)[6:] == ("4472C4", "ED7D31")


def test_a_scheme_without_a_pale_background_2_tints_accent_1() -> None:
    palette = from_scheme(load_theme(), Scheme({**OFFICE, "lt2": "44546A"}))
    assert palette.colours.light == "DAE3F3"
    assert palette.refs["DAE3F3"] == SchemeRef("accent1", 20000, 80000)


def test_a_dark_colour_map_swaps_text_and_background() -> None:
    """A master whose clrMap maps bg1 to dk1 (a dark theme): white text on black."""
    dark = {"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2"}
    palette = from_scheme(load_theme(), Scheme(OFFICE, dark))
    assert (palette.colours.text, palette.colours.background) == ("FFFFFF", "000000")


def test_text_on_a_fill_is_chosen_by_contrast() -> None:
    palette = from_scheme(load_theme(), Scheme(OFFICE))
    assert palette.on("4472C4") == "FFFFFF"  # blue: white text
    assert palette.on("FFC000") == "000000"  # gold: black text, not white
    assert palette.readable("FFC000", "FFFFFF") == "000000"  # gold text on white: too pale
    assert palette.readable("4472C4", "FFFFFF") == "4472C4"
    house_palette = house(load_theme())
    assert house_palette.on(house_palette.colours.primary) == house_palette.colours.background


def test_large_text_too_faint_on_its_ground_takes_a_legible_tint_of_its_colour() -> None:
    import colorsys

    palette = Palette(load_theme().colours)
    red, navy = "C8102E", "1F3A5F"
    assert contrast(red, navy) < 3  # the house divider's number before
    tint = palette.legible(red, navy)
    assert contrast(tint, navy) >= 3 and tint != palette.on(navy)

    def hue(rgb: str) -> float:
        value = int(rgb, 16)
        return colorsys.rgb_to_hls(value >> 16 & 255, value >> 8 & 255, value & 255)[0]

    assert abs(hue(tint) - hue(red)) < 0.02  # still the brand's red
    assert palette.legible(red, "FFFFFF") == red  # legible already: unchanged
    assert contrast(palette.legible("F2E6A0", "FFFFFF"), "FFFFFF") >= 3  # darker on white


def test_the_house_divider_number_is_legible_on_its_background() -> None:
    from build_tools.pipeline import designed, prepare
    from tests.conftest import COURSE

    context = designed(prepare(COURSE))
    assert context.designs is not None
    dividers = [d for d in context.designs.slides if d.role == "divider"]
    assert dividers
    for design in dividers:
        [number] = [b for b in design.boxes if b.field == "number" and b.role == "subtitle"]
        assert number.text is not None
        colours = {span.colour for p in number.text.paragraphs for span in p.spans}
        assert all(contrast(c, design.background) >= 3 for c in colours if c), colours
