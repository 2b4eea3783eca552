"""A handout miniature is the slide in small: rendered, compared, for three decks.

The deck is rendered by LibreOffice (the fontconfig alias of ``nox -s verify``), the
handout by pdftoppm; each miniature is cropped from its page (where the handout drew it:
recorded while it builds) and compared with every slide at 160 x 90 grey levels. Each
miniature must be closer to its own slide than to any other, and within ``THRESHOLD``
mean absolute grey-level difference (calibrated on the three cases: own-slide differences
were at most 8.7 of 255 when this test was written, the nearest other slide 2.3 to 66).
A chart is drawn by LibreOffice's chart engine on the slide and from the design's chart
marks in the miniature; since the deck's native chart is given the design's axis and the
marks follow LibreOffice's placement, a chart slide meets the same ``THRESHOLD`` (own 4.3
and 6.4 when the marks came in, 18.5 and 21.0 before, nearest other 40 or more).

Cases: the course, the every-kind fixture, the chart fixture (every chart type), and a
customer's template (``tests/customer.py``:
a bank's green-and-gold colour scheme, 4:3, its logo a picture on the slide master). On
that one the miniatures must also show what is the template's, in colour: the logo where
the slide shows it (and nowhere else), and the scheme's accent 1 on the shapes the design
fills with it (chevrons, table headers, bars), as the LibreOffice render of the slide does.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat

from build_tools.backends.deck.backend import DeckBackend
from build_tools.backends.handout import miniature as miniature_module
from build_tools.backends.handout.backend import HandoutBackend
from build_tools.design import SlideDesign
from build_tools.options import Options
from build_tools.pipeline import designed, prepare
from build_tools.resources import fontconfig
from tests.conftest import ALLKINDS, CHARTS, COURSE, require_tool
from tests.customer import (
    ACCENTS,
    BAND_COLOUR,
    LOGO_COLOUR,
    LOGO_NAME,
    make_customer_template,
)

FONTCONFIG = fontconfig()
SIZE = (160, 90)
THRESHOLD = 12.0  # mean absolute grey-level difference (0-255) to its own slide
PAGE_DPI = 150


def _grey(image: Image.Image) -> Image.Image:
    return image.convert("L").resize(SIZE, Image.Resampling.BOX)


def _difference(a: Image.Image, b: Image.Image) -> float:
    return float(ImageStat.Stat(ImageChops.difference(a, b)).mean[0])


def _slides(pptx: Path, out: Path) -> list[Image.Image]:
    soffice, pdftoppm = require_tool("soffice"), require_tool("pdftoppm")
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTCONFIG), "HOME": str(out)}
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{out}/profile",
                    "--convert-to", "pdf", "--outdir", str(out), str(pptx)],
                   check=True, capture_output=True, timeout=300, env=env)
    subprocess.run([pdftoppm, "-r", "40", "-png", str(out / f"{pptx.stem}.pdf"),
                    str(out / "slide")], check=True, timeout=120)
    return [Image.open(path).convert("RGB") for path in sorted(out.glob("slide-*.png"))]


def _miniatures(pdf: Path, where: dict[int, tuple[int, float, float, float, float]],
                out: Path) -> dict[int, Image.Image]:
    pdftoppm = require_tool("pdftoppm")
    subprocess.run([pdftoppm, "-r", str(PAGE_DPI), "-png", str(pdf), str(out / "page")],
                   check=True, timeout=120)
    pages = sorted(out.glob("page-*.png"))
    found = {}
    scale = PAGE_DPI / 72
    for number, (page, x0, y0, x1, y1) in where.items():
        image = Image.open(pages[page - 1])
        height = image.height
        # PDF points from the bottom left -> pixels from the top left; inside the frame.
        box = (round(x0 * scale) + 1, round(height - y1 * scale) + 1,
               round(x1 * scale) - 1, round(height - y0 * scale) - 1)
        found[number] = image.convert("RGB").crop(box)
    return found


def _build(source: Path, out: Path, template: Path | None,
           monkeypatch: pytest.MonkeyPatch
           ) -> tuple[Path, Path, dict[int, Any], tuple[SlideDesign, ...]]:
    """Deck and handout from one designed context; where each miniature was drawn."""
    context = designed(prepare(source, Options(template=template, layout="notes")))
    where: dict[int, tuple[int, float, float, float, float]] = {}
    draw = miniature_module.Miniature.draw

    def recording(self: miniature_module.Miniature) -> None:
        draw(self)
        if not self.draft:
            canvas = self.canv
            x0, y0 = canvas.absolutePosition(0, 0)
            x1, y1 = canvas.absolutePosition(self.width, self.height)
            where[self.design.number] = (canvas.getPageNumber(), x0, y0, x1, y1)

    monkeypatch.setattr(miniature_module.Miniature, "draw", recording)
    deck = out / "deck.pptx"
    deck.write_bytes(DeckBackend().render(replace(context)).outputs[0].data)
    handout = out / "handout.pdf"
    handout.write_bytes(HandoutBackend().render(context).outputs[0].data)
    assert context.designs is not None
    return deck, handout, where, context.designs.slides


@pytest.mark.parametrize("case", ["course", "allkinds", "charts", "customer-template"])
def test_each_miniature_is_its_slide_in_small(case: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    source = {"course": COURSE, "charts": CHARTS}.get(case, ALLKINDS)
    template = make_customer_template(tmp_path / "customer.pptx") \
        if case == "customer-template" else None
    deck, handout, where, designs = _build(source, tmp_path, template, monkeypatch)
    rendered = _slides(deck, tmp_path)
    coloured = _miniatures(handout, where, tmp_path)
    slides = [_grey(slide) for slide in rendered]
    miniatures = {number: _grey(mini) for number, mini in coloured.items()}
    assert sorted(miniatures) == list(range(1, len(slides) + 1)), "a miniature per slide"
    report = []
    for number, mini in miniatures.items():
        distances = [_difference(mini, slide) for slide in slides]
        own = distances[number - 1]
        nearest_other = min(d for i, d in enumerate(distances) if i != number - 1)
        report.append(f"slide {number}: own {own:.1f}, nearest other {nearest_other:.1f}")
        assert own < nearest_other, "\n".join(report)
        assert own <= THRESHOLD, "\n".join(report)
    if template is not None:
        for design in designs:
            number = design.number
            for image, what in ((coloured[number], "miniature"),
                                (rendered[number - 1], "LibreOffice slide")):
                _shows_the_template(design, image, f"slide {number}, {what}")


# --- colours of a customer template ---------------------------------------------------------

NEAR = 60  # summed channel distance that still counts as the colour (antialiasing, JPEG-free)


def _share(image: Image.Image, rect: tuple[float, float, float, float],
           colour: tuple[int, int, int], design: SlideDesign) -> float:
    """Share of the pixels inside ``rect`` (slide points, inset by a fifth on each side to
    stay clear of edges and antialiasing) that are ``colour``."""
    x, y, w, h = rect
    sx, sy = image.width / design.width_pt, image.height / design.height_pt
    box = (round((x + w / 5) * sx), round((y + h / 5) * sy),
           round((x + w * 4 / 5) * sx), round((y + h * 4 / 5) * sy))
    data = image.crop(box).tobytes()  # RGB triples
    pixels = [data[i:i + 3] for i in range(0, len(data), 3)]
    near = sum(1 for p in pixels if sum(abs(a - b) for a, b in zip(p, colour, strict=True)) < NEAR)
    return near / max(1, len(pixels))


def _rgb(hex_rgb: str) -> tuple[int, int, int]:
    value = int(hex_rgb, 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def _shows_the_template(design: SlideDesign, image: Image.Image, where: str) -> None:
    """The logo where the design has it, and nowhere on a slide without it; a layout's
    background picture; accent 1 on the large shapes the design fills with it."""
    logos = [b for b in design.boxes if b.name == LOGO_NAME]
    for logo in logos:
        assert _share(image, logo.rect, LOGO_COLOUR, design) > 0.5, f"{where}: no logo"
    if not logos:
        whole = (0.0, 0.0, design.width_pt * 5 / 3, design.height_pt * 5 / 3)
        assert _share(image, (-design.width_pt / 3, -design.height_pt / 3, *whole[2:]),
                      LOGO_COLOUR, design) < 0.001, f"{where}: a logo it does not have"
    for band in (b for b in design.boxes if b.name == "Background picture"):
        assert _share(image, band.rect, BAND_COLOUR, design) > 0.5, f"{where}: background"
    green = _rgb(ACCENTS[0])
    for box in design.boxes:
        if box.fill == ACCENTS[0] and not box.from_layout and box.text is None \
                and box.width_pt > 30 and box.height_pt > 30:
            assert _share(image, box.rect, green, design) > 0.6, f"{where}: {box.name}"
        if box.table is not None:
            first = box.table.cells[0][0]
            header = (box.x_pt, box.y_pt, box.table.column_widths_pt[0],
                      box.table.row_heights_pt[0])
            assert first.fill == ACCENTS[0]
            assert _share(image, header, green, design) > 0.4, f"{where}: table header"
