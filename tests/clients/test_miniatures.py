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
customer template made here with ``assets/make_template.py`` from other colours and a 4:3
geometry.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageStat

from build_tools.backends.deck.backend import DeckBackend
from build_tools.backends.handout import miniature as miniature_module
from build_tools.backends.handout.backend import HandoutBackend
from build_tools.options import Options
from build_tools.pipeline import designed, prepare
from build_tools.resources import fontconfig
from build_tools.theme import load_theme
from tests.conftest import ALLKINDS, CHARTS, COURSE, ROOT, require_tool

FONTCONFIG = fontconfig()
SIZE = (160, 90)
THRESHOLD = 12.0  # mean absolute grey-level difference (0-255) to its own slide
PAGE_DPI = 150


def _make_template(target: Path) -> Path:
    """A customer's template: green and orange, 4:3, wider margins (the house generator)."""
    spec = importlib.util.spec_from_file_location("make_template",
                                                  ROOT / "assets" / "make_template.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_template"] = module
    spec.loader.exec_module(module)
    theme = load_theme()
    colours = theme.colours.model_copy(update={
        "primary": "2D5016", "accent": "E07A1F", "secondary": "5B8C2A", "light": "EEF4E6"})
    deck = theme.deck.model_copy(update={"width_in": 10.0, "height_in": 7.5, "margin_in": 0.5})
    target.write_bytes(module.build(theme.model_copy(update={"colours": colours,
                                                              "deck": deck})))
    return target


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
    return [_grey(Image.open(path)) for path in sorted(out.glob("slide-*.png"))]


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
        found[number] = _grey(image.crop(box))
    return found


def _build(source: Path, out: Path, template: Path | None,
           monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, dict[int, Any], set[int]]:
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
    charts = {d.number for d in context.designs.slides if any(b.chart for b in d.boxes)}
    return deck, handout, where, charts


@pytest.mark.parametrize("case", ["course", "allkinds", "charts", "customer-template"])
def test_each_miniature_is_its_slide_in_small(case: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    source = {"course": COURSE, "charts": CHARTS}.get(case, ALLKINDS)
    template = _make_template(tmp_path / "customer.pptx") if case == "customer-template" \
        else None
    deck, handout, where, _ = _build(source, tmp_path, template, monkeypatch)
    slides = _slides(deck, tmp_path)
    miniatures = _miniatures(handout, where, tmp_path)
    assert sorted(miniatures) == list(range(1, len(slides) + 1)), "a miniature per slide"
    report = []
    for number, mini in miniatures.items():
        distances = [_difference(mini, slide) for slide in slides]
        own = distances[number - 1]
        nearest_other = min(d for i, d in enumerate(distances) if i != number - 1)
        report.append(f"slide {number}: own {own:.1f}, nearest other {nearest_other:.1f}")
        assert own < nearest_other, "\n".join(report)
        assert own <= THRESHOLD, "\n".join(report)
