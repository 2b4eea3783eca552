"""The web deck in a real browser: quiet, navigable, printable, like the slides LibreOffice
draws, with a speaker view; and `course serve` reloading an open page on every edit.

Chromium runs headless through its DevTools protocol (``tests/clients/cdp.py``). Each
slide's screenshot is compared with LibreOffice's render of the same slide of the deck at
160 x 90 grey levels (the measure of the miniature-versus-slide test): it must be closer to
its own slide than to any other, and within ``THRESHOLD`` (calibrated: own-slide
differences were 0.8 to 7.4 of 255 on the course when this test was written, the nearest
other slide 5.3 or more).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from build_tools.pipeline import build, designed, prepare
from tests.clients.cdp import Browser
from tests.clients.test_miniatures import _difference, _grey, _slides
from tests.conftest import ALLKINDS, CHARTS, COURSE, edited_allkinds, require_tool
from tests.customer import LOGO_COLOUR, LOGO_NAME, make_customer_template
from tests.e2e.test_serve import Server, serving

pytestmark = pytest.mark.client

THRESHOLD = 10.0
WIDTH, HEIGHT = 1280, 720


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("web")
    build(COURSE, out, ["slides", "web"], force=True)
    return out


@pytest.fixture(scope="module")
def deck_url(built: Path) -> str:
    return (built / "course-web" / "index.html").as_uri()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    binary = require_tool("chromium")
    running = Browser(binary, tmp_path_factory.mktemp("chromium"), WIDTH, HEIGHT)
    try:
        yield running
    finally:
        running.close()


def shown(browser: Browser) -> int:
    """The number of the one slide not hidden."""
    numbers = browser.evaluate(
        "[...document.querySelectorAll('#deck > .slide:not([hidden])')]"
        ".map(s => +s.dataset.number)")
    assert len(numbers) == 1, numbers
    return int(numbers[0])


def test_it_opens_without_a_console_message(browser: Browser, deck_url: str,
                                            tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text("<script>console.error('control')</script>", encoding="utf-8")
    browser.goto(control.as_uri())
    browser.pump(0.5)
    assert any("control" in line for line in browser.console)  # the check can fail
    browser.console.clear()
    browser.goto(deck_url + "#1")
    browser.pump(1.0)
    assert browser.console == [] and browser.exceptions == []


def test_the_keyboard_moves_through_the_slides_and_the_url_follows(
        browser: Browser, deck_url: str) -> None:
    browser.goto(deck_url + "#1")
    total = browser.evaluate("document.querySelectorAll('#deck > .slide').length")
    assert total == len(prepare(COURSE).plan.slides)
    browser.press("ArrowRight", key_code=39)
    assert shown(browser) == 2 and browser.evaluate("location.hash") == "#2"
    browser.press(" ", "Space", 32)
    assert shown(browser) == 3
    browser.press("ArrowLeft", key_code=37)
    assert shown(browser) == 2
    browser.press("End", key_code=35)
    assert shown(browser) == total and browser.evaluate("location.hash") == f"#{total}"
    browser.press("ArrowRight", key_code=39)
    assert shown(browser) == total  # no slide after the last
    browser.press("Home", key_code=36)
    assert shown(browser) == 1
    browser.goto(deck_url + "#12")
    assert shown(browser) == 12  # the URL names a slide


def test_each_slide_looks_like_libreoffices_render_of_the_deck(
        browser: Browser, deck_url: str, built: Path, tmp_path: Path) -> None:
    rendered = [_grey(slide) for slide in _slides(built / "course.pptx", tmp_path)]
    browser.goto(deck_url + "#1")
    ours = []
    for number in range(1, len(rendered) + 1):
        browser.evaluate(f"location.hash = '#{number}'")
        browser.wait_until(f"location.hash === '#{number}'")
        shot = browser.screenshot(tmp_path / f"web-{number:02d}.png")
        ours.append(_grey(Image.open(shot)))
    assert len(ours) == len(rendered) == 32
    for index, image in enumerate(ours):
        distances = [_difference(image, slide) for slide in rendered]
        own = distances[index]
        others = min(d for i, d in enumerate(distances) if i != index)
        assert own <= THRESHOLD, f"slide {index + 1}: {own:.1f} from LibreOffice's render"
        assert own < others, f"slide {index + 1} looks more like another slide"


def test_chart_slides_look_like_libreoffices_render_of_the_native_charts(
        browser: Browser, tmp_path: Path) -> None:
    """The course has no chart: the chart fixture's slides (column, bar, line, pie, several
    series, a negative value), drawn by the browser from the design's marks, against
    LibreOffice's native charts (calibrated: 1.8 to 5.2 of 255 when this test was written,
    the nearest other slide 13 or more)."""
    build(CHARTS, tmp_path / "out", ["slides", "web"], force=True)
    rendered = [_grey(slide) for slide in _slides(tmp_path / "out" / "course.pptx", tmp_path)]
    charts = [s.number for s in prepare(CHARTS).plan.slides if s.kind == "chart"]
    assert charts
    browser.goto((tmp_path / "out" / "course-web" / "index.html").as_uri() + "#1")
    for number in charts:
        browser.evaluate(f"location.hash = '#{number}'")
        browser.wait_until(f"location.hash === '#{number}'")
        shot = _grey(Image.open(browser.screenshot(tmp_path / f"chart-{number}.png")))
        distances = [_difference(shot, slide) for slide in rendered]
        own = distances[number - 1]
        others = min(d for i, d in enumerate(distances) if i != number - 1)
        assert own <= THRESHOLD, f"slide {number}: {own:.1f} from LibreOffice's render"
        assert own < others, f"slide {number} looks more like another slide"


def test_a_customer_templates_logo_and_colours_show_in_the_browser(
        browser: Browser, tmp_path: Path) -> None:
    """The bank's template (tests/customer.py): its logo, a picture on the slide master,
    on every slide whose layout shows the master's shapes and on no other; its accent 1
    on the process slide's chevrons."""
    from build_tools.options import Options

    template = make_customer_template(tmp_path / "bank.pptx")
    out = tmp_path / "out"
    build(ALLKINDS, out, ["web"], force=True, options=Options(template=template))
    url = (out / "course-web" / "index.html").as_uri()
    browser.goto(url + "#1")
    context = designed(prepare(ALLKINDS, Options(template=template)))
    assert context.designs is not None
    for design in context.designs.slides:
        number = design.number
        browser.evaluate(f"location.hash = '#{number}'")
        browser.wait_until(f"location.hash === '#{number}'")
        shot = Image.open(browser.screenshot(tmp_path / f"bank-{number:02d}.png")).convert("RGB")
        logo = _count(shot, LOGO_COLOUR)
        if any(box.name == LOGO_NAME for box in design.boxes):
            assert logo > 1000, f"slide {number}: no logo ({logo} pixels)"
        else:
            assert logo == 0, f"slide {number}: a logo its layout does not show"
        if design.role == "process":
            assert _count(shot, (0x00, 0x70, 0x4A)) > 5000, "no accent 1 chevrons"


def _count(image: Image.Image, colour: tuple[int, int, int], near: int = 40) -> int:
    """Pixels within ``near`` (summed channel distance) of ``colour``."""
    data = image.tobytes()
    return sum(1 for i in range(0, len(data), 3)
               if abs(data[i] - colour[0]) + abs(data[i + 1] - colour[1])
               + abs(data[i + 2] - colour[2]) < near)


def test_the_speaker_view_shows_the_slide_the_next_and_the_notes(
        browser: Browser, deck_url: str) -> None:
    plan = prepare(COURSE).plan
    slide = next(s for s in plan.slides if s.trainer)
    browser.goto(deck_url.replace("index.html", f"index.html?speaker#{slide.number}"))
    browser.wait_until("document.getElementById('sp-notes').textContent.length > 0")
    assert browser.evaluate("document.getElementById('sp-notes').textContent") == slide.notes
    trainer = browser.evaluate("document.getElementById('sp-trainer').textContent")
    assert all(note.text in trainer for note in slide.trainer)
    assert browser.evaluate(
        "+document.querySelector('#sp-current .slide').dataset.number") == slide.number
    assert browser.evaluate(
        "+document.querySelector('#sp-next .slide').dataset.number") == slide.number + 1
    assert browser.evaluate("getComputedStyle(document.getElementById('deck')).display") \
        == "none"
    browser.press("ArrowRight", key_code=39)
    following = plan.slides[slide.number]
    assert browser.evaluate("document.getElementById('sp-notes').textContent") \
        == following.notes


def test_the_speaker_view_and_the_audience_window_turn_together(
        browser: Browser, deck_url: str) -> None:
    browser.goto(deck_url + "#3")
    audience = browser.session
    speaker = browser.open_page(deck_url.replace("index.html", "index.html?speaker#3"))
    try:
        browser.wait_until("document.getElementById('sp-notes').textContent.length > 0")
        browser.press("ArrowRight", key_code=39)
        browser.use(audience)
        browser.wait_until("location.hash === '#4'")
        assert shown(browser) == 4
        browser.press("ArrowRight", key_code=39)  # the audience window drives it too
        browser.use(speaker)
        browser.wait_until("location.hash === '#5'")
        assert browser.evaluate(
            "+document.querySelector('#sp-current .slide').dataset.number") == 5
    finally:
        browser.send("Page.close")
        browser.use(audience)


def test_printing_gives_one_slide_per_page(browser: Browser, deck_url: str) -> None:
    browser.goto(deck_url + "#3")
    data = browser.send("Page.printToPDF", {"preferCSSPageSize": True,
                                            "printBackground": True})["data"]
    import base64

    pdf = PdfReader(io.BytesIO(base64.b64decode(data)))
    assert len(pdf.pages) == 32
    box = pdf.pages[0].mediabox
    assert float(box.width) == pytest.approx(960, abs=2)
    assert float(box.height) == pytest.approx(540, abs=2)
    page_text = pdf.pages[4].extract_text().replace(" ", "")
    assert prepare(COURSE).plan.slides[4].title.replace(" ", "") in page_text


# --- course serve, with a page open ----------------------------------------------------


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Server]:
    with serving(tmp_path / "project") as running:
        yield running


def test_an_edit_reloads_the_open_page_on_its_slide_and_bad_input_covers_it(
        browser: Browser, served: Server) -> None:
    browser.goto(f"http://{served.host}:{served.port}/course-web/#2")
    assert shown(browser) == 2
    browser.console.clear()
    text = served.source.read_text(encoding="utf-8")
    served.source.write_text(text.replace("title: 目录", "title: 今日目录"), encoding="utf-8")
    browser.wait_until("document.querySelector('#slide-2').textContent.includes('今日目录')")
    assert browser.evaluate("location.hash") == "#2" and shown(browser) == 2
    served.source.write_text(text.replace("minutes: 15", "minutes: 15m"), encoding="utf-8")
    overlay = browser.wait_until(
        "document.getElementById('course-live-error')?.textContent")
    assert f"{served.source}:27:18: chapters[1].slides[1].minutes (slide 4" in overlay
    covers = browser.evaluate(
        "document.elementFromPoint(innerWidth / 2, innerHeight / 2).id")
    assert covers == "course-live-error"  # no stale slide shows through
    served.source.write_text(text, encoding="utf-8")
    browser.wait_until("!document.getElementById('course-live-error') && "
                       "document.querySelector('#slide-2').textContent.includes('目录')")
    # The trainer's notes reload too (their own policy allows no script as a file).
    browser.goto(f"http://{served.host}:{served.port}/course-notes.html")
    served.source.write_text(text.replace("最小课程", "最小课程二版"), encoding="utf-8")
    browser.wait_until("document.body.textContent.includes('最小课程二版')", timeout=120)
    assert browser.exceptions == []


def test_the_speaker_view_draws_the_notes_markup_and_never_reads_text_as_html(
        browser: Browser, tmp_path: Path) -> None:
    notes = ("先讲**定义**，再讲*特点*：`micros0ft.com` 不是官网，见[手册](https://example.com/m)。"
             "<img src=x onerror=alert(1)>")
    source = edited_allkinds(tmp_path,
                             {"notes: 先讲定义，再讲特点；": f"notes: '{notes}'\n        #"})
    out = tmp_path / "build"
    build(source, out, ["web"], force=True)
    slide = next(s for s in prepare(source).plan.slides if "micros0ft" in s.notes)
    browser.goto((out / "course-web" / "index.html").as_uri() + f"?speaker#{slide.number}")
    browser.wait_until("document.getElementById('sp-notes').textContent.length > 0")
    html = browser.evaluate("document.getElementById('sp-notes').innerHTML")
    assert "<strong>定义</strong>" in html and "<em>特点</em>" in html
    assert "<code>micros0ft.com</code>" in html
    assert '<a href="https://example.com/m" target="_blank" rel="noopener">手册</a>' in html
    assert browser.evaluate("document.querySelectorAll('#sp-notes img').length") == 0
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
