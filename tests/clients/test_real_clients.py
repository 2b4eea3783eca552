"""Real clients open what we make: LibreOffice, poppler, qpdf. (Chromium: test_notes_chromium.)

Locally these skip when a tool is missing; in CI (CI=true) a missing tool fails the test.
The LibreOffice render also leaves a PNG of every slide in build/preview/ to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from build_tools.outline.loader import load_outline
from build_tools.plan import make_plan
from build_tools.resources import fontconfig
from tests.conftest import COURSE, ROOT, require_tool

FONTCONFIG = fontconfig()
PREVIEW = ROOT / "build" / "preview"


def _pdf_pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


@pytest.fixture(scope="module")
def deck_pdf(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = require_tool("soffice")
    out = tmp_path_factory.mktemp("libreoffice")
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTCONFIG), "HOME": str(out)}
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{out}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(built / "course.pptx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
        env=env,
    )
    return out / "course.pdf"


def test_libreoffice_renders_one_page_per_slide(deck_pdf: Path, built: Path) -> None:
    slides = len(Presentation(str(built / "course.pptx")).slides)
    assert slides == 32
    assert _pdf_pages(deck_pdf) == slides


def test_every_slide_is_previewed_as_png(deck_pdf: Path) -> None:
    pdftoppm = require_tool("pdftoppm")
    if PREVIEW.exists():
        shutil.rmtree(PREVIEW)
    PREVIEW.mkdir(parents=True)
    subprocess.run(
        [pdftoppm, "-r", "60", "-png", str(deck_pdf), str(PREVIEW / "slide")],
        check=True,
        timeout=120,
    )
    assert len(list(PREVIEW.glob("slide-*.png"))) == 32


def test_libreoffice_text_has_every_slide_title_in_order(deck_pdf: Path) -> None:
    pdftotext = require_tool("pdftotext")
    text = subprocess.run(
        [pdftotext, "-raw", str(deck_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    plan = make_plan(load_outline(COURSE))
    for slide, page in zip(plan.slides, pages, strict=False):
        assert slide.title.replace(" ", "") in page.replace(" ", "").replace("\n", ""), slide.number


def test_every_handout_font_is_embedded(built: Path) -> None:
    pdffonts = require_tool("pdffonts")
    for pdf in built.glob("*.pdf"):
        rows = subprocess.run(
            [pdffonts, str(pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert rows, "no fonts at all"
        for row in rows:
            # name type encoding emb sub uni object ID: "emb" is the 4th-from-last column group
            columns = row.split()
            assert columns[-5] == "yes", row


def test_qpdf_finds_the_handout_clean(built: Path) -> None:
    qpdf = require_tool("qpdf")
    result = subprocess.run(
        [qpdf, "--check", str(built / "course-handout.pdf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


def test_pdftotext_finds_every_slide_title_in_plan_order(built: Path) -> None:
    pdftotext = require_tool("pdftotext")
    text = subprocess.run(
        [pdftotext, str(built / "course-handout.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = text.replace("\n", "").replace(" ", "")
    plan = make_plan(load_outline(COURSE))
    position = 0
    for slide in plan.content_slides:
        found = flat.find(slide.title.replace(" ", ""), position)
        assert found >= 0, f"slide {slide.number} {slide.title} not found after offset {position}"
        position = found
