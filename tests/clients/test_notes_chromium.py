"""The trainer's notes in a real browser: headless Chromium renders, prints and stays quiet.

Unit tests prove the HTML is well formed; only a browser proves it *looks* like something:
a screenshot with ink on it, an A4 PDF with each chapter starting a page, and a load
without a single console message. The notes carry a Content-Security-Policy that blocks
anything not inline, and Chromium reports every blocked load on the console, so "no console
output" also means "self-contained". A control page checks that the console check can fail.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from build_tools.backends.base import Context
from build_tools.backends.notes.backend import TrainerNotesBackend
from build_tools.pipeline import prepare
from tests.conftest import ALLKINDS, require_tool
from tests.generated_course import write_course

pytestmark = pytest.mark.client

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
)
TIMEOUT_S = 120
_profiles = itertools.count()

A4_PT = (595.0, 842.0)


def chromium(binary: str, work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """One Chromium run with its own throw-away profile (profiles lock; never share one)."""
    profile = work / f"profile-{next(_profiles)}"
    return subprocess.run(
        [binary, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=TIMEOUT_S, check=False,
    )


def console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture(scope="module")
def context() -> Context:
    return prepare(ALLKINDS)


@pytest.fixture
def notes(context: Context, tmp_path: Path) -> Path:
    [html] = [o for o in TrainerNotesBackend().render(context).outputs
              if o.name.endswith(".html")]
    path = tmp_path / html.name
    path.write_bytes(html.data)
    return path


@pytest.fixture
def browser() -> str:
    return require_tool("chromium")


@pytest.mark.parametrize("width", [1280, 820])
def test_it_renders_with_ink_at_desktop_and_tablet_width(
    browser: str, notes: Path, tmp_path: Path, width: int
) -> None:
    png = tmp_path / f"notes-{width}.png"
    run = chromium(browser, tmp_path, f"--screenshot={png}", f"--window-size={width},2000",
                   notes.as_uri())
    assert png.exists(), run.stderr[-2000:]
    assert png.stat().st_size > 20_000
    with Image.open(png) as image:
        assert image.size == (width, 2000)
        grey = image.convert("L")
        histogram = grey.histogram()
        inked = sum(histogram[:200]) / (image.size[0] * image.size[1])
    # The navy cover band alone covers several per cent of the first 2000 px.
    assert inked > 0.05, f"only {inked:.1%} of the screenshot is ink"


def test_it_prints_to_a4_with_each_chapter_on_a_new_page(
    browser: str, notes: Path, tmp_path: Path, context: Context
) -> None:
    pdf = tmp_path / "notes.pdf"
    run = chromium(browser, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                   notes.as_uri())
    assert pdf.exists(), run.stderr[-2000:]
    assert pdf.stat().st_size > 20_000
    reader = PdfReader(pdf)
    chapters = context.plan.outline.chapters
    assert len(reader.pages) >= len(chapters) + 2
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_PT, abs=1.5)
    # Chromium's PDFs map some CJK glyphs to Kangxi radicals; NFKC folds them back.
    starts = [
        unicodedata.normalize("NFKC", page.extract_text()).lstrip()[:12]
        for page in reader.pages
    ]
    for chapter in chapters:
        heading = f"第 {chapter.number} 章"
        assert any(start.startswith(heading) for start in starts), (heading, starts)
    assert any(start.startswith("课后测验") for start in starts), starts


def test_it_loads_without_console_messages(
    browser: str, notes: Path, tmp_path: Path, context: Context
) -> None:
    run = chromium(browser, tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom",
                   notes.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    assert '<html lang="zh-CN">' in run.stdout
    assert re.search(r'<article id="slide-1"', run.stdout)
    assert f'id="slide-{len(context.plan.slides)}"' in run.stdout
    assert console_lines(run.stderr) == []


def test_the_console_check_catches_a_blocked_resource(browser: str, tmp_path: Path) -> None:
    """Control: the same policy on a page that loads a remote image must log a message."""
    page = tmp_path / "control.html"
    page.write_text(
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\"><title>control</title></head>"
        '<body><img src="https://example.invalid/x.png" alt=""></body></html>',
        encoding="utf-8",
    )
    run = chromium(browser, tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom",
                   page.as_uri())
    assert console_lines(run.stderr), run.stderr[-2000:]


def printed_pages(browser: str, tmp_path: Path, context: Context) -> list[list[str]]:
    """The notes of ``context`` printed by Chromium: each page's text lines (NFKC, see above)."""
    [html] = [o for o in TrainerNotesBackend().render(context).outputs
              if o.name.endswith(".html")]
    page = tmp_path / html.name
    page.write_bytes(html.data)
    pdf = tmp_path / "printed.pdf"
    run = chromium(browser, tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                   page.as_uri())
    assert pdf.exists(), run.stderr[-2000:]
    return [[line.strip() for line in unicodedata.normalize("NFKC", p.extract_text())
             .splitlines() if line.strip()] for p in PdfReader(pdf).pages]


def test_printed_headings_keep_their_text_and_chapter_ends_never_stand_alone(
    browser: str, tmp_path: Path
) -> None:
    # Seen printed before: "学习目标" and chapter headings at the foot of a page with their
    # lists on the next, a script label at the foot of a page, a chapter's closing boxes alone
    # on a nearly blank page. A six-chapter course shows them; the fixtures are too short.
    context = prepare(write_course(tmp_path / "course", 6, 5, slides=5))
    pages = printed_pages(browser, tmp_path, context)
    words = context.locale.notes_words.doc
    fold = lambda text: unicodedata.normalize("NFKC", text)  # noqa: E731
    # A slide's head prints as one line: its number, then its title.
    heads = {f"{slide.number} {fold(slide.title)}" for slide in context.plan.slides}
    headings = heads | {fold(words.objectives), fold(words.script), fold(words.on_slide),
                        fold(words.discussion), fold(words.takeaways)}
    for number, lines in enumerate(pages[:-1], 1):
        assert lines, f"page {number} is blank"
        assert lines[-1] not in headings, f"page {number} ends with the heading {lines[-1]!r}"
        # A page without a slide head of its own holds a slide running on: a full page.
        assert set(lines) & heads or len(lines) > 20, (
            f"page {number} holds only the end of a slide: {lines}")
    for section in context.plan.chapter_sections():
        assert section.chapter is not None
        [page] = [joined for joined in ("".join(lines) for lines in pages)
                  if fold(section.chapter.takeaways[0]) in joined]
        assert fold(section.slides[-1].title) in page, (
            f"{section.name}: the closing boxes are printed without the last slide")
