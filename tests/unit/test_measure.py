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


# --- caches and the faster tokeniser give the same results ---------------------------------


def _reference_tokens(runs):  # type: ignore[no-untyped-def]
    """The unit rules as first written (one pass per rule, plain lists): the reference."""
    from build_tools.measure import _is_cjk

    units: list[tuple[list[tuple[str, bool]], bool]] = []
    for char, bold in [(char, run.bold) for run in runs for char in run.text]:
        if char.isspace():
            if units and units[-1][1]:
                units[-1][0].append((char, bold))
            else:
                units.append(([(char, bold)], True))
        elif _is_cjk(char) or char in NO_START or char in NO_END:
            units.append(([(char, bold)], False))
        else:
            last = units[-1][0][-1][0] if units else ""
            if (units and not units[-1][1] and not _is_cjk(last) and last not in NO_START
                    and last not in NO_END):
                units[-1][0].append((char, bold))
            else:
                units.append(([(char, bold)], False))
    glued: list[tuple[list[tuple[str, bool]], bool]] = []
    pending: list[tuple[str, bool]] = []
    for chars, space in units:
        first = chars[0][0]
        if pending and not space:
            chars, pending = pending + chars, []
        if not space and len(chars) == 1 and first in NO_END:
            pending = list(chars)
            continue
        if not space and first in NO_START and glued and not glued[-1][1]:
            glued[-1][0].extend(chars)
            continue
        glued.append((chars, space))
    if pending:
        glued.append((pending, False))
    return [("".join(c for c, _ in chars), space) for chars, space in glued]


@pytest.mark.parametrize("text", [
    "互联网金融（P2P）是“网络借贷”的一种，风险性高。",
    "Use PowerPoint 2016 and  Keynote: 中文，English.",
    "《指导意见》（2015）  第3条…… “引号” (brackets) [x]{y}<z>",
    "  leading and trailing spaces  ",
    "（（double））“”a–b—c・ー々",
    "",
])
def test_the_tokeniser_keeps_the_unit_rules(text: str) -> None:
    from build_tools.measure import _tokens

    runs = (Run(text[: len(text) // 2], True), Run(text[len(text) // 2:]))
    got = [(token.text, token.is_space) for token in _tokens(runs)]
    assert got == _reference_tokens(runs)


def test_a_measurement_is_the_same_cached_or_not(measurer: Measurer) -> None:
    theme = load_theme()
    fresh = Measurer.from_paths(theme.regular_font, theme.bold_font)
    paragraphs = [Paragraph((Run("要点：", True), Run("互联网金融 PowerPoint " * 6)), 0.8, 22),
                  Paragraph.plain("二" * 25)]
    for size in (20, 20.0, 14.5):
        first = measurer.measure(paragraphs, 300, size)
        assert measurer.measure(list(paragraphs), 300, size) == first
        assert fresh.measure(paragraphs, 300, size) == first
        assert type(first.size_pt) is type(size)


def test_broken_lines_can_be_changed_by_the_caller(measurer: Measurer) -> None:
    paragraph = Paragraph.plain("中" * 40)
    lines = measurer.break_lines(paragraph, 100, 20)
    lines.append("changed")
    assert "changed" not in measurer.break_lines(paragraph, 100, 20)


# --- Latin editions ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def latin() -> Measurer:
    theme = load_theme().for_language("en")
    return Measurer.from_paths(theme.regular_font, theme.bold_font, latin=True)


def test_latin_words_break_only_at_spaces_and_inner_hyphens(latin: Measurer) -> None:
    text = "Geography of well-known markets, explained for branch staff in plain words."
    words = set(text.split()) | set(text.replace("-", "- ").split())
    for width in range(60, 400, 9):
        lines = latin.break_lines(Paragraph.plain(text), width, 12)
        assert " ".join(lines).replace("- ", "-") == text, (width, lines)
        for line in lines:
            assert set(line.split()) <= words, (width, lines)  # no word cut in two


def test_a_url_breaks_after_a_slash_or_a_dot_never_inside_the_scheme(latin: Measurer) -> None:
    url = "https://www.example.com/finance/report"
    pieces = ["https://", "www.", "example.", "com/", "finance/", "report"]
    widest = int(max(latin.width_pt(piece, 12) for piece in pieces)) + 1
    for width in range(widest, 200, 5):
        lines = latin.break_lines(Paragraph.plain(url), width, 12)
        assert "".join(lines) == url
        assert all(line.endswith(("/", ".")) for line in lines[:-1]), (width, lines)
        assert not any(line.endswith("https:/") for line in lines)


def test_a_word_wider_than_the_line_is_cut_with_a_hyphen_and_does_not_fit(
        latin: Measurer) -> None:
    word = Paragraph.plain("Geography")
    narrow = latin.width_pt("Geograph", 20)
    lines = latin.break_lines(word, narrow, 20)
    assert len(lines) == 2 and lines[0].endswith("-")
    assert lines[0][:-1] + lines[1] == "Geography"
    fit = latin.fit([word], narrow, 500, [20])
    assert not fit.fits and fit.measurement.cuts == 1
    assert latin.fit([word], narrow, 500, [20, 12]).size_pt == 12  # a smaller size fits


def test_chinese_text_keeps_its_breaks_in_a_latin_edition(latin: Measurer,
                                                          measurer: Measurer) -> None:
    text = "互联网金融具有便捷性、高效性、普惠性、风险性等特点。"
    lines = latin.break_lines(Paragraph.plain(text), 100, 12)
    assert "".join(lines) == text and all(line[0] not in NO_START for line in lines[1:])
