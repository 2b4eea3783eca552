"""Small pieces of the handout: escaping, line breaking by the measurer, fonts, styles."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.platypus import SimpleDocTemplate

from build_tools.backends.handout_fonts import HandoutFonts, register_fonts
from build_tools.backends.handout_pages import epoch_of, fixed_timestamp
from build_tools.backends.handout_styles import Styles, make_styles
from build_tools.backends.handout_text import (
    Block,
    Breaker,
    MeasuredParagraph,
    Span,
    escape_text,
    line_markup,
    split_lines,
)
from build_tools.measure import NO_START, Measurer
from build_tools.theme import Theme, load_theme


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme()


@pytest.fixture(scope="module")
def breaker(theme: Theme) -> Breaker:
    return Breaker(Measurer.from_paths(theme.regular_font, theme.bold_font))


@pytest.fixture(scope="module")
def fonts(theme: Theme) -> HandoutFonts:
    return register_fonts(theme)


@pytest.fixture(scope="module")
def styles(theme: Theme, fonts: HandoutFonts) -> Styles:
    return make_styles(theme, fonts)


def test_escaping_makes_markup_characters_literal() -> None:
    assert escape_text("R&D <b>x</b> </para>") == "R&amp;D &lt;b&gt;x&lt;/b&gt; &lt;/para&gt;"


def test_markup_is_only_added_by_code() -> None:
    spans = [Span("<b>", bold=True), Span("&", colour="C8102E")]
    assert line_markup(spans) == '<b>&lt;b&gt;</b><font color="#C8102E">&amp;</font>'


def test_split_lines_gives_each_line_its_spans_back() -> None:
    spans = [Span("定义：", bold=True), Span("互联网 金融是新模式")]
    lines = split_lines(spans, ["定义：互联网", "金融是新模式"])
    assert lines == [[Span("定义：", True), Span("互联网")], [Span("金融是新模式")]]


def test_the_breaker_applies_kinsoku_and_keeps_every_character(breaker: Breaker) -> None:
    text = ("互联网金融具有便捷性、高效性、普惠性、风险性等特点。"
            "便捷性体现在用户可随时随地享受金融服务；")
    for width in range(60, 300, 9):
        lines = breaker.break_spans([Span(text)], width, 10)
        assert "".join(span.text for line in lines for span in line) == text
        for line in lines[1:]:
            assert line[0].text[0] not in NO_START, (width, lines)


def test_a_measured_paragraph_draws_the_measurers_lines(
    breaker: Breaker, styles: Styles, fonts: HandoutFonts
) -> None:
    text = "字" * 30 + "，" + "字" * 30 + "。R&D <b>不是标记</b>"
    paragraph = MeasuredParagraph([Span(text)], styles.body, breaker)
    width = 200.0
    expected = breaker.break_spans([Span(text)], width, styles.body.fontSize)
    paragraph.wrap(width, 1000)
    assert paragraph.height == pytest.approx(len(expected) * styles.body.leading)
    buffer = BytesIO()
    SimpleDocTemplate(buffer, initialFontName=fonts.regular).build(
        [MeasuredParagraph([Span(text)], styles.body, breaker)])
    lines = PdfReader(buffer).pages[0].extract_text().splitlines()
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_every_style_names_the_handout_font(styles: Styles, fonts: HandoutFonts) -> None:
    for name, style in vars(styles).items():
        if hasattr(style, "fontName"):
            assert style.fontName in (fonts.regular, fonts.bold), name
            assert style.bulletFontName in (fonts.regular, fonts.bold), name


def test_fitting_steps_down_until_the_blocks_fit(breaker: Breaker) -> None:
    blocks = [Block((Span("互联网金融" * 8),))]
    placed = breaker.fit_blocks(blocks, 200, 40, 20, 6)
    assert placed.fits and placed.size_pt < 20
    assert placed.height_pt <= 40


def test_the_timestamp_is_the_epoch_in_utc() -> None:
    epoch = epoch_of(dt.date(2024, 3, 1))
    stamp = fixed_timestamp(epoch)
    assert stamp.YMDhms == (2024, 3, 1, 0, 0, 0)
    assert (stamp.dhh, stamp.dmm) == (0, 0)
