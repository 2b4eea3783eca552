"""Measurement: widths from the font, Chinese line breaking with 禁则, fitting by size."""

from __future__ import annotations

import pytest

from build_tools.measure import NO_END, NO_START, Measurer, Paragraph, Run, size_steps
from build_tools.theme import load_theme


@pytest.fixture(scope="module")
def measurer() -> Measurer:
    theme = load_theme()
    return Measurer.from_paths(theme.regular_font, theme.bold_font)


def test_it_measures_cjk_as_one_em_per_character(measurer: Measurer) -> None:
    assert measurer.width_pt("金融", 20) == pytest.approx(40.0)


def test_it_adds_space_between_cjk_and_latin(measurer: Measurer) -> None:
    mixed = measurer.width_em("用P2P")
    apart = measurer.width_em("用") + measurer.width_em("P2P")
    assert mixed == pytest.approx(apart + 0.24)


def test_bold_is_wider_than_regular_for_latin(measurer: Measurer) -> None:
    assert measurer.width_em("PowerPoint", bold=True) > measurer.width_em("PowerPoint")


def test_it_never_starts_a_line_with_closing_punctuation(measurer: Measurer) -> None:
    text = (
        "互联网金融具有便捷性、高效性、普惠性、风险性等特点。"
        "便捷性体现在用户可随时随地享受金融服务；"
    )
    for width in range(100, 400, 7):
        lines = measurer.break_lines(Paragraph.plain(text), width, 20)
        assert "".join(lines) == text
        for line in lines[1:]:
            assert line[0] not in NO_START, (width, lines)


def test_it_never_ends_a_line_with_an_opening_bracket(measurer: Measurer) -> None:
    text = "相关法规主要包括《关于促进互联网金融健康发展的指导意见》和“网络借贷”（P2P）等内容"
    for width in range(80, 400, 5):
        lines = measurer.break_lines(Paragraph.plain(text), width, 20)
        for line in lines[:-1]:
            assert line[-1] not in NO_END, (width, lines)


def test_it_keeps_latin_words_whole(measurer: Measurer) -> None:
    text = "培训讲师可以在PowerPoint中直接编辑演示文稿"
    for width in range(120, 300, 5):
        lines = measurer.break_lines(Paragraph.plain(text), width, 20)
        assert any("PowerPoint" in line for line in lines), (width, lines)


def test_it_cuts_a_word_longer_than_the_line(measurer: Measurer) -> None:
    lines = measurer.break_lines(Paragraph.plain("x" * 200), 100, 20)
    assert len(lines) > 1
    assert "".join(lines) == "x" * 200


def test_it_counts_lines_and_height(measurer: Measurer) -> None:
    paragraphs = [Paragraph.plain("一" * 10), Paragraph.plain("二" * 25)]
    result = measurer.measure(paragraphs, 200, 20)  # 10 characters per line
    assert [len(lines) for lines in result.lines] == [1, 3]
    assert result.height_pt == pytest.approx(4 * 1.2 * 20 + 0.2 * 20)


def test_it_steps_down_until_the_text_fits(measurer: Measurer) -> None:
    paragraph = [Paragraph((Run("要点：", True), Run("中" * 40)))]
    fit = measurer.fit(paragraph, 400, 60, size_steps(24, 12))
    assert fit.fits
    assert fit.size_pt < 24
    assert fit.measurement.height_pt <= 60


def test_it_reports_overflow_at_the_smallest_size(measurer: Measurer) -> None:
    fit = measurer.fit([Paragraph.plain("中" * 500)], 200, 50, size_steps(20, 14))
    assert not fit.fits
    assert fit.size_pt == 14
    assert fit.overflow_pt > 0


def test_it_names_characters_the_font_lacks(measurer: Measurer) -> None:
    assert measurer.missing("金融😀abcࠀ😀") == ["😀", "ࠀ"]


def test_breaking_counts_the_space_between_cjk_and_latin(measurer: Measurer) -> None:
    text = "中P中P中P中P中P中P"
    one_line = measurer.width_pt(text, 20)
    assert measurer.break_lines(Paragraph.plain(text), one_line + 0.5, 20) == [text]
    assert len(measurer.break_lines(Paragraph.plain(text), one_line - 5, 20)) == 2
