"""Inline markup is parsed once, by markdown-it-py, into spans the model carries."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.outline.inline import Inline, RichText, cut, lines, parse, spans_of
from build_tools.outline.model import Point


def test_it_reads_bold_emphasis_code_and_links_into_spans() -> None:
    text = parse("**及时**报告 *可疑* 邮件：`micros0ft.com`，见[手册](https://example.com/a_b)")
    assert isinstance(text, RichText)
    assert text == "及时报告 可疑 邮件：micros0ft.com，见手册"
    assert text.spans == (
        Inline("及时", bold=True), Inline("报告 "), Inline("可疑", italic=True),
        Inline(" 邮件："), Inline("micros0ft.com", code=True), Inline("，见"),
        Inline("手册", href="https://example.com/a_b"),
    )


def test_a_backslash_keeps_an_asterisk_and_other_text_stays_as_typed() -> None:
    assert parse(r"5 \* 3 = 15") == "5 * 3 = 15"
    assert spans_of(parse(r"5 \* 3")) == (Inline("5 * 3"),)
    assert getattr(parse(r"5 \* 3"), "source", None) == r"5 \* 3"  # kept for the dump
    for literal in ("R&D <b>不是</b> &amp;", r"C:\<dir>\file", "file_name __init__", "2*3"):
        assert parse(literal) == literal


def test_code_protects_what_it_holds() -> None:
    assert parse("`**x**`").spans == (Inline("**x**", code=True),)  # type: ignore[attr-defined]


def test_it_refuses_a_link_that_does_not_open_in_a_browser() -> None:
    with pytest.raises(ValueError, match="expected a link to an https://"):
        parse("[x](ftp://example.com)")
    for target in ("javascript:alert(1)", "docs/guide.pdf", "www.example.com", "data:x"):
        with pytest.raises(ValueError, match=re.escape(f"got '{target}'")):  # was silent text
            parse(f"[x]({target})")


def test_the_model_parses_every_text_field_once() -> None:
    point = Point.model_validate({"lead": "**重点**", "text": "看 `a_b`", "sub": ["*一*"]})
    assert spans_of(point.lead or "") == (Inline("重点", bold=True),)
    assert spans_of(point.text or "") == (Inline("看 "), Inline("a_b", code=True))
    assert spans_of(point.sub[0]) == (Inline("一", italic=True),)


def test_html_and_markdown_come_from_the_spans() -> None:
    text = parse("**<b>** 和 [链接](https://example.com/?a=1&b=2)")
    assert isinstance(text, RichText)
    assert text.__html__() == (
        '<strong>&lt;b&gt;</strong> 和 <a href="https://example.com/?a=1&amp;b=2">链接</a>'
    )
    assert text.markdown(lambda s: s.replace("<", "\\<").replace(">", "\\>")) == (
        "**\\<b\\>** 和 [链接](<https://example.com/?a=1&b=2>)"
    )


def test_cutting_and_splitting_lines_keep_the_spans() -> None:
    text = parse("第一行 **粗**\n\n  *第二行*  ")
    assert [spans_of(line) for line in lines(text)] == [
        (Inline("第一行 "), Inline("粗", bold=True)), (Inline("第二行", italic=True),)
    ]
    assert spans_of(cut(text, 4, 5)) == (Inline("粗", bold=True),)


def test_backslashes_in_code_stay_as_typed() -> None:
    r"""Code is literal (CommonMark): a UNC path ``\\archive\aml`` must not come out doubled.

    Found in a trial course: the slide showed ``\\archive\\aml``.
    """
    assert spans_of(parse(r"保存在 `\\archive\aml` 目录")) == (
        Inline("保存在 "), Inline(r"\\archive\aml", code=True), Inline(" 目录"),
    )
    assert spans_of(parse("`C:\\<dir>\\` 和 \\\\ 与 \\`")) == (
        Inline("C:\\<dir>\\", code=True), Inline(" 和 \\ 与 `"),
    )


def test_a_locale_pattern_around_outline_text_keeps_its_spans() -> None:
    """Found in a trial course: a reference's note ``见[网站](https://…)`` lost its link
    in the handout, formatted into the locale's pattern with ``str.format``."""
    from build_tools.outline.inline import format_rich

    text = format_rich("{title}，{year}（{note}）", title="法规", year=2022,
                       note=parse("见[网站](https://example.com)"))
    assert text == "法规，2022（见网站）"
    assert spans_of(text) == (Inline("法规，2022（见"), Inline("网站", href="https://example.com"),
                              Inline("）"))
    assert not isinstance(format_rich("{a}-{b:03d}", a="x", b=7), RichText)
    assert format_rich("{a}-{b:03d}", a="x", b=7) == "x-007"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab 中*`[]()\\_:/.h", max_size=24))
def test_source_of_reads_back_as_the_same_spans(typed: str) -> None:
    """What the outline's dump holds (editions, translations) parses to the same text."""
    from build_tools.outline.inline import source_of

    try:
        text = parse(typed)
    except ValueError:
        return  # a link to a relative target: refused where it is typed
    assert spans_of(parse(source_of(text))) == spans_of(text)
    assert spans_of(parse(source_of(str(text)))) == spans_of(str(text))  # plain text


def test_an_unclosed_bold_or_code_mark_is_found() -> None:
    from build_tools.outline.inline import unclosed

    assert unclosed("通过各种方式**掩饰、隐瞒犯罪所得") == "**"
    assert unclosed("域名：`micros0ft.com、icbc-verify.cn") == "`"
    for fine in ("**掩饰**", r"6222 \*\*\*\* 8888", "`a**b`", "2*3", "注*：见下", r"\`x"):
        assert unclosed(fine) is None, fine
