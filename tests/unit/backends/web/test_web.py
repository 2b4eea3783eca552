"""The web deck draws the design's boxes, says the design's words and needs no network.

The HTML is read back with the standard library's parser and compared with the designs
(the input), never with the backend's own helpers.
"""

from __future__ import annotations

import base64
import io
import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont

from build_tools.backends.base import Context
from build_tools.backends.web import WebBackend, fonts
from build_tools.backends.web import backend as web_backend
from build_tools.backends.web.view import lines_of
from build_tools.design.boxes import Paragraph, SlideDesign, Span, TextBlock
from build_tools.pipeline import designed, prepare
from tests.conftest import ALLKINDS, COURSE, edited_allkinds

PT = re.compile(r"(left|top|width|height):(-?[\d.]+)pt")


@cache
def context(source: Path = ALLKINDS) -> Context:
    return designed(prepare(source))


@cache
def html(source: Path = ALLKINDS) -> str:
    [output] = WebBackend().render(context(source)).outputs
    assert output.name == f"{source.stem}-web/index.html"
    return output.data.decode("utf-8")


class Page(HTMLParser):
    """Slides with their boxes (style of each) and the text inside each slide."""

    def __init__(self) -> None:
        super().__init__()
        self.slides: list[dict[str, Any]] = []
        self.depth = 0
        self.slide_depth: int | None = None
        self.scripts: dict[str, str] = {}
        self._script: str | None = None
        self.sources: list[str] = []
        self.meta: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("br", "img", "meta"):
            if tag == "br" and self.slide_depth is not None:
                self.slides[-1]["text"].append("\n")
            if tag == "img":
                self.sources.append(found.get("src") or "")
            if tag == "meta":
                self.meta.append(found)
            return
        self.depth += 1
        classes = (found.get("class") or "").split()
        if tag == "section" and "slide" in classes and self.slide_depth is None:
            self.slide_depth = self.depth
            self.slides.append({"number": int(found["data-number"] or 0), "boxes": [],
                                "text": [], "style": found.get("style")})
        elif "box" in classes and self.slide_depth is not None:
            self.slides[-1]["boxes"].append({"role": classes[1], "style": found["style"]})
        elif tag in ("p", "text") and self.slide_depth is not None:
            self.slides[-1]["text"].append("\n")
        if tag == "script":
            self._script = found.get("id") or "code"
            self.scripts[self._script] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "img", "meta"):
            return
        if self.slide_depth == self.depth:
            self.slide_depth = None
        self.depth -= 1
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts[self._script] += data
        elif self.slide_depth is not None:
            self.slides[-1]["text"].append(data)


@cache
def page(source: Path = ALLKINDS) -> Page:
    parsed = Page()
    parsed.feed(html(source))
    return parsed


def designs(source: Path = ALLKINDS) -> tuple[SlideDesign, ...]:
    deck = context(source).designs
    assert deck is not None
    return deck.slides


def test_every_slide_is_drawn_once_in_plan_order() -> None:
    assert [s["number"] for s in page().slides] == [d.number for d in designs()]
    assert len(page().slides) == len(context().plan.slides)


def test_every_box_is_at_the_designs_rectangle() -> None:
    for drawn, design in zip(page().slides, designs(), strict=True):
        assert len(drawn["boxes"]) == len(design.boxes), design.number
        for box, spec in zip(drawn["boxes"], design.boxes, strict=True):
            values = {k: float(v) for k, v in PT.findall(box["style"])}
            assert box["role"] == spec.role
            assert values["left"] == pytest.approx(spec.x_pt, abs=0.01)
            assert values["top"] == pytest.approx(spec.y_pt, abs=0.01)
            assert values["width"] == pytest.approx(spec.width_pt, abs=0.01)
            assert values["height"] == pytest.approx(spec.height_pt, abs=0.01)


def _designed_lines(design: SlideDesign) -> list[str]:
    lines: list[str] = []
    for box in design.boxes:
        blocks = [box.text] if box.text else []
        if box.table:
            blocks += [cell.text for row in box.table.cells for cell in row]
        for block in blocks:
            for paragraph_lines in block.lines:
                lines += [line.strip() for line in paragraph_lines if line.strip()]
    return lines


def test_every_designed_line_is_a_line_of_the_slide_in_order() -> None:
    for drawn, design in zip(page().slides, designs(), strict=True):
        shown = [line.strip() for line in "".join(drawn["text"]).split("\n")]
        shown = [line for line in shown if line]
        # Bullets are drawn in their own span before the line's text.
        position = 0
        for line in _designed_lines(design):
            while position < len(shown) and not shown[position].endswith(line):
                position += 1
            assert position < len(shown), f"slide {design.number}: {line!r} not drawn"
            position += 1


def test_the_slide_size_and_background_come_from_the_design() -> None:
    for drawn, design in zip(page().slides, designs(), strict=True):
        assert f"width:{design.width_pt:.2f}pt" in drawn["style"]
        assert f"background:#{design.background}" in drawn["style"]


def test_it_loads_nothing_from_outside_the_file() -> None:
    text = html()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)
    assert "url(http" not in text and "@import" not in text
    [policy] = [m for m in page().meta if m.get("http-equiv") == "Content-Security-Policy"]
    assert (policy["content"] or "").startswith("default-src 'none';")
    assert page().sources and all(s.startswith("data:image/") for s in page().sources)


def _faces(text: str) -> dict[int, TTFont]:
    """The embedded faces by weight, merged cmaps (each slice is a real WOFF2 font)."""
    found: dict[int, dict[int, str]] = {}
    for weight, data in re.findall(
        r'font-weight:(\d+);[^}]*?base64,([A-Za-z0-9+/=]+)\) format\("woff2"\)', text
    ):
        raw = base64.b64decode(data)
        assert raw[:4] == b"wOF2"
        font = TTFont(io.BytesIO(raw))
        found.setdefault(int(weight), {}).update(font.getBestCmap())
    return found  # type: ignore[return-value]


def test_the_embedded_fonts_cover_every_character_drawn_in_its_weight() -> None:
    cmaps = _faces(html(COURSE))
    for design in designs(COURSE):
        for box in design.boxes:
            blocks = [box.text] if box.text else []
            if box.table:
                blocks += [cell.text for row in box.table.cells for cell in row]
            for block in blocks:
                for paragraph in block.paragraphs:
                    for span in paragraph.spans:
                        weight = 700 if span.bold else 400
                        missing = {c for c in span.text if not c.isspace()
                                   and ord(c) not in cmaps[weight]}
                        assert not missing, (design.number, span.text, missing)


def test_the_speaker_view_gets_every_slides_notes_and_the_plans_clock() -> None:
    data = json.loads(page().scripts["course-data"])
    plan = context().plan
    def text(spans: list[dict[str, str]]) -> str:
        return "".join(span["text"] for span in spans)

    assert [text(s["notes"]) for s in data["slides"]] == [s.notes for s in plan.slides]
    for entry, slide in zip(data["slides"], plan.slides, strict=True):
        assert [(n["label"], text(n["text"])) for n in entry["trainer"]] == [
            (n.label, n.text) for n in slide.trainer]
        assert entry["from"] == (slide.start - plan.start).total_seconds() / 60
        assert entry["to"] - entry["from"] == slide.minutes


def test_author_text_cannot_become_markup() -> None:
    text = html()
    assert "<b>不是标记</b>" not in text
    assert "R&amp;D &lt;b&gt;不是标记&lt;/b&gt;" in text


def test_a_cached_build_equals_a_fresh_one() -> None:
    first = html()
    web_backend._drawn.clear()
    fonts.slice_woff2.cache_clear()
    [again] = WebBackend().render(context()).outputs
    assert again.data.decode("utf-8") == first


class TestLinesOf:
    def test_a_bold_lead_and_its_text_split_across_lines(self) -> None:
        block = TextBlock(
            (Paragraph((Span("定义：", bold=True), Span("互联网金融 is new")),),),
            20, (("定义：互联网", "金融 is new"),))
        lines = lines_of(block, 0)
        assert [[(p.text, p.span.bold) for p in line] for line in lines] == [
            [("定义：", True), ("互联网", False)], [("金融 is new", False)]]

    def test_a_space_dropped_at_a_break_is_skipped(self) -> None:
        block = TextBlock((Paragraph((Span("alpha beta"),)),), 20, (("alpha", "beta"),))
        assert [[p.text for p in line] for line in lines_of(block, 0)] == [["alpha"], ["beta"]]


def test_a_new_character_changes_one_font_slice_only(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    font = context().theme.regular_font
    before = fonts.faces(font, 400, "互联网金融 ABC")
    after = fonts.faces(font, 400, "互联网金融 ABC 龙")
    changed = {f.unicode_range for f in after} ^ {f.unicode_range for f in before}
    changed |= {a.unicode_range for a, b in zip(before, after, strict=False) if a != b}
    assert len(after) >= len(before) and len(changed) == 1


def test_text_that_overflows_fails_the_web_deck_as_it_fails_the_deck() -> None:
    from dataclasses import replace

    from build_tools.errors import BuildFailure, Problem
    from build_tools.options import Options

    base = context()
    assert base.designs is not None
    problem = Problem("chapters[0].slides[0].points", "overflows its box")
    overflowing = replace(base, designs=replace(base.designs, problems=(problem,)))
    with pytest.raises(BuildFailure) as raised:
        WebBackend().render(overflowing)
    assert raised.value.problems == [problem]
    allowed = replace(overflowing, options=Options(allow_overflow=True))
    assert WebBackend().render(allowed).outputs[0].data.startswith(b"<!doctype html>")


def test_course_build_web_writes_the_file_and_skips_it_when_nothing_changed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from build_tools.cli import main

    out = tmp_path / "build"
    assert main(["build", "web", "--source", str(ALLKINDS), "--out", str(out)]) == 0
    page = out / "course-web" / "index.html"
    first = page.read_bytes()
    assert b'id="slide-1"' in first
    capsys.readouterr()
    assert main(["build", "web", "--source", str(ALLKINDS), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    slides = len(context().plan.slides)
    assert f"{page}  {slides} slides" in printed and "unchanged" in printed


def test_code_is_drawn_in_the_embedded_monospace_face(tmp_path: Path) -> None:
    """`code` is set in the deck's monospace face (measured so by the fit check), so the web
    deck must draw it in a monospace face too, embedded like the others. Found in a trial
    course: ``micros0ft.com`` came out in the body face, where the 0 hides."""
    source = edited_allkinds(tmp_path, {
        "{text: \"R&D <b>不是标记</b> & 50% 的“引号”（括号）测试\"}":
            '"钓鱼域名：`micros0ft.com` 与 `中文q`"'})
    from build_tools import inputs

    ready = designed(prepare(source))
    with inputs.recording() as record:
        [output] = WebBackend().render(ready).outputs
    assert str(ready.theme.code_font) in record  # an edited code face rebuilds the web deck
    drawn = output.data.decode("utf-8")
    families = re.findall(r'@font-face\{font-family:"([^"]+)"', drawn)
    mono = [family for family in set(families) if family != fonts.FAMILY]
    assert len(mono) == 1
    assert len(re.findall(r'<span class="code"[^>]*>micros0ft\.com</span>', drawn)) == 1
    style = re.search(r"\.code\{font-family:([^}]*)\}", drawn)
    assert style and style.group(1).startswith(f'"{mono[0]}"')
    faces = re.findall(r'font-family:"' + mono[0] + r'";[^}]*?base64,([A-Za-z0-9+/=]+)\)',
                       drawn)
    cmap: dict[int, str] = {}
    for data in faces:
        cmap.update(TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap())
    assert {ord(c) for c in "micros0ft.comq"} <= set(cmap)
    assert ord("中") not in cmap  # Chinese in code falls back to the body face


def test_the_speaker_view_gets_the_notes_markup_as_spans(tmp_path: Path) -> None:
    """Found in a trial course: the speaker view showed the notes without their bold, code
    and links (the deck's notes page and the notes HTML have them). Spans, not HTML: the
    script builds the elements, so author text never becomes markup."""
    source = edited_allkinds(tmp_path, {
        "notes: 先讲定义，再讲特点；": "notes: 先讲**定义**和 `a<b>` [手册](https://example.com)；"})
    [output] = WebBackend().render(designed(prepare(source))).outputs
    parser = Page()
    parser.feed(output.data.decode("utf-8"))
    data = json.loads(parser.scripts["course-data"])
    entry = next(s for s in data["slides"]
                 if "".join(span["text"] for span in s["notes"]).startswith("先讲定义和 a<b> 手册"))
    assert entry["notes"][:6] == [
        {"text": "先讲"},
        {"text": "定义", "bold": True},
        {"text": "和 "},
        {"text": "a<b>", "code": True},
        {"text": " "},
        {"text": "手册", "href": "https://example.com"},
    ]
    script = output.data.decode("utf-8")
    assert "appendSpans(notes, info.notes)" in script and "innerHTML" not in script
