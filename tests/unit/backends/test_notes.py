"""The trainer's notes backend: what a trainer relies on the evening before the course.

Specs, not snapshots: order and numbering come from the plan, clock times chain from the
course start through the breaks, answers are there, author text can neither inject markup
into the HTML nor break a Markdown table, and a rebuild gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import UndefinedError

from build_tools.backends.base import Context
from build_tools.backends.notes.backend import (
    TrainerNotesBackend,
    environment,
    escape_markdown,
    markdown_cell,
)
from build_tools.backends.notes.view import build_view, css_value
from build_tools.outline.model import ChartSlide, Outline
from build_tools.pipeline import prepare
from build_tools.plan import make_plan
from tests.conftest import ALLKINDS

SCRIPT = "<script>alert(1)</script>"
PIPE_TITLE = f"{SCRIPT} | A & B *not bold*"  # as shown
PIPE_TITLE_SOURCE = f"{SCRIPT} | A & B \\*not bold\\*"  # as written: \* keeps an asterisk

# --- helpers -------------------------------------------------------------------------------

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}


class StrictHTML(HTMLParser):
    """Checks that every element is closed in order, and collects what a reader would see.

    The notes never rely on HTML5's implied end tags, so a stack check is a fair validity
    test without an HTML5 parser dependency.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.doctype: str | None = None
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.ids: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.starts.append((tag, attributes))
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))
        if tag not in VOID:
            self.errors.append(f"self-closing non-void <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"end tag for void element </{tag}>")
        elif not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> StrictHTML:
    parser = StrictHTML()
    parser.feed(html)
    parser.close()
    return parser


class TableCells(HTMLParser):
    """Rows of one table (picked by class), as lists of cell texts."""

    def __init__(self, css_class: str) -> None:
        super().__init__(convert_charrefs=True)
        self.css_class = css_class
        self.inside = 0
        self.part = ""
        self.rows: list[tuple[str, list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table" and self.css_class in (attributes.get("class") or "").split():
            self.inside = 1
        elif self.inside and tag in ("thead", "tbody", "tfoot"):
            self.part = tag
        elif self.inside and tag == "tr":
            self.rows.append((self.part, []))
        elif self.inside and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = 0
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1][1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def minutes_of(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def render(context: Context) -> tuple[str, str]:
    result = TrainerNotesBackend().render(context)
    by_suffix = {Path(o.name).suffix: o.data.decode("utf-8") for o in result.outputs}
    return by_suffix[".html"], by_suffix[".md"]


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


@pytest.fixture(scope="module")
def allkinds() -> Context:
    return prepare(ALLKINDS)


@pytest.fixture(scope="module")
def allkinds_notes(allkinds: Context) -> tuple[str, str]:
    return render(allkinds)


@pytest.fixture
def hostile(tmp_path: Path) -> Context:
    """The all-kinds outline with markup, pipes and Markdown syntax in author text."""
    data = yaml.safe_load(ALLKINDS.read_text(encoding="utf-8"))
    data["course"]["title"] = SCRIPT
    data["course"]["materials"].append("投影仪 | 备用 *翻页笔*")
    chapter = data["chapters"][0]
    chapter["title"] = "章 | 节 <i>斜体</i>"
    chapter["discussion"]["hint"] = "# 不是标题\n- 不是列表 & 也不是 &amp; 实体"
    slide = chapter["slides"][0]
    slide["title"] = PIPE_TITLE_SOURCE
    slide["notes"] = "第一段 <b>粗</b>\n\n1. 不是编号 | 管道"
    slide["supplementary"] = True
    slide["points"][0]["lead"] = "A|B"
    data["chapters"][0]["slides"][3]["table"]["rows"][0][0] = "单元格 | 管道"
    data["glossary"].append({"term": "a|b", "definition": "c | d\n第二行"})
    data["quiz"][0]["explanation"] = f"解析 {SCRIPT} | 管道"
    source = tmp_path / "source" / "hostile.yaml"
    source.parent.mkdir()
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copytree(ALLKINDS.parent.parent / "assets", tmp_path / "assets")
    return prepare(source)


# --- specs ---------------------------------------------------------------------------------


class TestOutputs:
    def test_it_returns_html_and_markdown_named_after_the_stem(self, allkinds: Context) -> None:
        result = TrainerNotesBackend().render(allkinds)
        assert [o.name for o in result.outputs] == ["course-notes.html", "course-notes.md"]
        for output in result.outputs:
            assert output.count == len(allkinds.plan.slides)
            assert output.unit == "slides"
        assert result.warnings == []

    def test_two_renders_are_byte_identical(self, allkinds: Context) -> None:
        first = TrainerNotesBackend().render(allkinds)
        second = TrainerNotesBackend().render(allkinds)
        assert [o.data for o in first.outputs] == [o.data for o in second.outputs]

    def test_it_bakes_in_no_build_time(
        self, allkinds: Context, allkinds_notes: tuple[str, str]
    ) -> None:
        today = dt.date.today()
        assert allkinds.plan.course.date != today  # else the check below proves nothing
        for text in allkinds_notes:
            assert today.isoformat() not in text
            assert f"{today.year}年{today.month}月{today.day}日" not in text


class TestOrderAndNumbering:
    def test_every_slide_appears_once_in_plan_order_with_the_deck_number(
        self, allkinds: Context, allkinds_notes: tuple[str, str]
    ) -> None:
        html, markdown = allkinds_notes
        expected = [slide.number for slide in allkinds.plan.slides]
        in_html = [
            int(str(attrs["data-slide"]))
            for tag, attrs in parse(html).starts
            if tag == "article" and "data-slide" in attrs
        ]
        in_markdown = [int(n) for n in re.findall(r"^### (\d+) · ", markdown, re.MULTILINE)]
        assert in_html == expected
        assert in_markdown == expected

    def test_each_slide_carries_its_title_and_plan_times(
        self, allkinds: Context, allkinds_notes: tuple[str, str]
    ) -> None:
        html, markdown = allkinds_notes
        for slide in allkinds.plan.slides:
            article = html.split(f'id="slide-{slide.number}"', 1)[1].split("</article>", 1)[0]
            assert escape(slide.title, quote=False) in article
            assert f"{slide.start:%H:%M}</time>–<time>{slide.end:%H:%M}" in article
            assert f"### {slide.number} · " in markdown

    def test_sections_follow_the_plan(
        self, allkinds: Context, allkinds_notes: tuple[str, str]
    ) -> None:
        html, markdown = allkinds_notes
        ids = [i for i in parse(html).ids if i.startswith(("chapter-", "section-"))]
        assert ids == ["section-1", "chapter-1", "chapter-2", "section-4"]
        headings = re.findall(r"^## (.+)$", markdown, re.MULTILINE)
        sections = [h for h in headings if h in ("开场", "结束") or h.startswith("第 ")]
        assert sections == ["开场", "第 1 章 文字版式", "第 2 章 图示版式", "结束"]

    def test_chapters_carry_objectives_discussion_and_takeaways(
        self, allkinds: Context, allkinds_notes: tuple[str, str]
    ) -> None:
        html, markdown = allkinds_notes
        for chapter in allkinds.plan.outline.chapters:
            for text in (*chapter.objectives, *chapter.takeaways, chapter.discussion.question,
                         chapter.discussion.hint):
                assert escape(text, quote=False) in html
                assert escape_markdown(text) in markdown


class TestRunSheet:
    def test_clock_chains_from_the_start_through_breaks(self, allkinds: Context) -> None:
        rows = build_view(allkinds.plan, allkinds.theme).run_sheet
        assert rows[0].start == allkinds.plan.course.start
        for previous, row in itertools.pairwise(rows):
            assert row.start == previous.end
        for row in rows:
            assert minutes_of(row.end) - minutes_of(row.start) == row.minutes
        assert [r.kind for r in rows] == ["section", "section", "break", "section", "section"]
        assert rows[-1].end == f"{allkinds.plan.end:%H:%M}"

    def test_html_table_matches_the_chain(
        self, allkinds: Context, allkinds_notes: tuple[str, str]
    ) -> None:
        table = TableCells("run-sheet")
        table.feed(allkinds_notes[0])
        body = [cells for part, cells in table.rows if part == "tbody"]
        clock = minutes_of(allkinds.plan.course.start)
        for name, _slides, minutes, start, end in body:
            assert minutes_of(start) == clock, name
            clock += int(minutes)
            assert minutes_of(end) == clock, name
        assert any(name.startswith("休息") for name, *_ in body)
        [total] = [cells for part, cells in table.rows if part == "tfoot"]
        assert total[1:] == ["1–14", "60", "09:30", "10:30"]

    def test_markdown_table_matches_the_html(
        self, allkinds: Context, allkinds_notes: tuple[str, str]
    ) -> None:
        """Both files read back, cell by cell (not the view both are made from)."""
        html, markdown = allkinds_notes
        table = TableCells("run-sheet")
        table.feed(html)
        from_html = [cells for part, cells in table.rows if part in ("tbody", "tfoot")]
        heading = f"## {allkinds.locale.notes_words.doc.run_sheet}\n"
        block = markdown.split(heading, 1)[1].strip().split("\n\n", 1)[0]
        lines = [line for line in block.splitlines() if line.startswith("|")][2:]
        from_markdown = [
            [re.sub(r"^\*+|\*+$", "", cell.strip()).replace("\\|", "|")
             for cell in re.split(r"(?<!\\)\|", line.strip()[1:-1])]
            for line in lines
        ]
        assert len(from_html) >= 5
        assert from_markdown == from_html

    def test_slide_ranges_cover_the_deck_without_gaps(self, allkinds: Context) -> None:
        rows = [r for r in build_view(allkinds.plan, allkinds.theme).run_sheet
                if r.kind == "section"]
        assert rows[0].first == 1
        for previous, row in itertools.pairwise(rows):
            assert row.first == (previous.last or 0) + 1
        assert rows[-1].last == len(allkinds.plan.slides)


class TestSlideContent:
    def test_every_content_slide_gets_a_summary_from_its_content(
        self, allkinds: Context
    ) -> None:
        view = build_view(allkinds.plan, allkinds.theme)
        slides = {s.id: s for section in view.sections for s in section.slides}
        expected = {
            "bullets-demo": "定义",
            "comparison-demo": "支付宝",
            "pillars-demo": "风险监控",
            "table-demo": "监管机构",
            "process-demo": "特征选择",
            "timeline-demo": "发展期",
            "quote-demo": "合规经营",
            "image-demo": "对角线",
            "chart-demo": "示例数据",
        }
        for slide_id, words in expected.items():
            flat = " ".join(
                " ".join([item.head or "", item.text, *item.sub])
                for item in slides[slide_id].summary
            )
            assert words in flat, slide_id

    def test_chart_values_are_written_as_authored(self, allkinds: Context) -> None:
        html = render(allkinds)[0]
        assert "2021 10；2022 12.5；2023 15" in html

    def test_a_charts_unit_and_source_are_labelled_as_on_the_slide(
        self, allkinds: Context, allkinds_notes: tuple[str, str]
    ) -> None:
        html, markdown = allkinds_notes
        words = allkinds.plan.locale
        chart = next(s.content.chart for s in allkinds.plan.slides
                     if isinstance(s.content, ChartSlide))
        for text in (words.chart_unit.format(unit=chart.unit),
                     words.chart_source.format(source=chart.source)):
            assert escape(text, quote=False) in html and text in markdown

    def test_trainer_notes_are_styled_by_label(self, allkinds_notes: tuple[str, str]) -> None:
        html, markdown = allkinds_notes
        assert 'class="tnote tnote-update"' in html
        assert "2023年中国银保监会已由国家金融监督管理总局取代。" in html
        assert "> **2024 事实更新**：2023年中国银保监会" in markdown

    def test_speaker_notes_are_all_there(
        self, allkinds: Context, allkinds_notes: tuple[str, str]
    ) -> None:
        html, markdown = allkinds_notes
        for slide in allkinds.plan.slides:
            assert escape(slide.notes, quote=False) in html
            assert escape_markdown(slide.notes) in markdown

    def test_supplementary_slides_are_marked_and_only_they(self, hostile: Context) -> None:
        html, markdown = render(hostile)
        articles = re.findall(r"<article .*?</article>", html, re.DOTALL)
        marked = [a for a in articles if "supp-flag" in a]
        assert len(marked) == 1 and 'id="slide-4"' in marked[0]
        assert "补充内容" in marked[0] and "原教材中没有" in marked[0]
        assert markdown.count("> **补充内容**") == 1


class TestQuiz:
    def test_answers_and_explanations_are_present(
        self, allkinds: Context, allkinds_notes: tuple[str, str]
    ) -> None:
        html, markdown = allkinds_notes
        for question in allkinds.plan.outline.quiz:
            for text in (question.question, question.explanation, *question.answer):
                assert escape(text, quote=False) in html
                assert escape_markdown(text) in markdown
        assert '<li class="correct"><span class="letter">A</span> 便捷性</li>' in html
        assert "**答案**：A（便捷性）" in markdown
        assert "**答案**：正确" in markdown

    def test_questions_are_grouped_by_chapter_tag(self, allkinds: Context) -> None:
        groups = build_view(allkinds.plan, allkinds.theme).quiz
        assert [(g.chapter.number if g.chapter else None, [q.number for q in g.questions])
                for g in groups] == [(1, [1]), (2, [2])]


class TestHtml:
    def test_it_is_balanced_html5_in_chinese(self, allkinds_notes: tuple[str, str]) -> None:
        html = allkinds_notes[0]
        parsed = parse(html)
        assert parsed.doctype == "DOCTYPE html"
        assert parsed.errors == []
        assert parsed.stack == []
        assert ("html", {"lang": "zh-CN"}) in parsed.starts
        assert len(parsed.ids) == len(set(parsed.ids)), "duplicate id"

    def test_it_is_self_contained(self, allkinds_notes: tuple[str, str]) -> None:
        html = allkinds_notes[0]
        parsed = parse(html)
        for tag, attrs in parsed.starts:
            for name in ("src", "href"):
                value = attrs.get(name)
                assert value is None or value.startswith("#"), (tag, name, value)
            assert tag not in ("script", "link", "iframe", "object")
        assert "@import" not in html and "url(" not in html
        assert "default-src 'none'" in html

    def test_it_is_themed_and_prints_on_a4(self, allkinds: Context,
                                           allkinds_notes: tuple[str, str]) -> None:
        html = allkinds_notes[0]
        assert f"--primary: #{allkinds.theme.colours.primary.upper()};" in html
        assert allkinds.theme.fonts.web in html
        assert "size: A4" in html
        assert ".chapter, .quiz { break-before: page; }" in html
        assert "font-size: 17px" in html

    def test_outline_markup_is_shown_not_run(
        self, hostile: Context, allkinds_notes: tuple[str, str]
    ) -> None:
        html = render(hostile)[0]
        assert "<script" not in html.lower()
        assert "<b>粗</b>" not in html and "<i>斜体</i>" not in html
        shown = "".join(parse(html).text)
        assert SCRIPT in shown
        assert PIPE_TITLE in shown
        assert "&amp;amp;" in html  # an entity in author text is shown as typed
        assert "R&amp;D &lt;b&gt;不是标记&lt;/b&gt;" in allkinds_notes[0]
        assert parse(html).errors == []


class TestMarkdown:
    def test_tables_keep_their_columns(self, hostile: Context) -> None:
        markdown = render(hostile)[1]
        lines = markdown.splitlines()
        tables: list[list[str]] = []
        for line, previous in zip(lines, ["", *lines], strict=False):
            if line.startswith("|"):
                if not previous.startswith("|"):
                    tables.append([])
                tables[-1].append(line)
        assert len(tables) == 2  # run sheet and glossary
        for table in tables:
            widths = {unescaped_pipes(line) for line in table}
            assert len(widths) == 1, table
        assert r"| a\|b | c \| d 第二行 |" in markdown

    def test_outline_markup_is_escaped(self, hostile: Context,
                                       allkinds_notes: tuple[str, str]) -> None:
        markdown = render(hostile)[1]
        assert "<script>" not in markdown
        assert r"\<script\>alert(1)\</script\>" in markdown
        assert r"\*not bold\*" in markdown
        assert "：\\# 不是标题\n\\- 不是列表" in markdown
        assert "\n1\\. 不是编号" in markdown
        assert r"\&amp;" in markdown
        assert r"R&D \<b\>不是标记\</b\>" in allkinds_notes[1]

    def test_materials_are_a_checklist(self, allkinds_notes: tuple[str, str]) -> None:
        assert "- [ ] 投影仪\n- [ ] 白板\n" in allkinds_notes[1]


class TestEscapers:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("a|b", r"a\|b"),
            ("# 标题", r"\# 标题"),
            ("- 列表", r"\- 列表"),
            ("1. 编号", r"1\. 编号"),
            ("2.5 亿元", "2.5 亿元"),
            ("R&D", "R&D"),
            ("&amp;", r"\&amp;"),
            ("<b>x</b>", r"\<b\>x\</b\>"),
            ("_a_ *b* `c` [d]", r"\_a\_ \*b\* \`c\` \[d\]"),
            ("甲\n+ 乙", "甲\n\\+ 乙"),
        ],
    )
    def test_markdown_escape(self, text: str, expected: str) -> None:
        assert escape_markdown(text) == expected

    def test_a_cell_stays_on_one_line(self) -> None:
        assert markdown_cell("a |\nb") == r"a \| b"

    def test_theme_values_cannot_close_the_style_element(self) -> None:
        with pytest.raises(ValueError, match="expected no"):
            css_value("sans-serif</style><script>")



class TestEnvironment:
    def test_a_misspelt_name_fails_the_build(self) -> None:
        for markdown in (False, True):
            with pytest.raises(UndefinedError):
                environment(markdown).from_string("{{ v.nope }}").render(v={})

    def test_only_html_templates_are_autoescaped(self) -> None:
        autoescape = environment(False).autoescape
        assert callable(autoescape)
        assert autoescape("notes.html.j2") is True
        assert autoescape("notes.md.j2") is False


# Author text made of what breaks HTML and Markdown, plus CJK and line breaks.
PIECES = st.sampled_from([*"<>&|*_#-+`[]\\!~=.) \n\"'1甲乙丙", "</b>", "&amp;", "<script>"])
NASTY = st.lists(PIECES, min_size=1, max_size=12).map("".join).map(str.strip).filter(bool)


class TestAnyAuthorText:
    @settings(max_examples=40, deadline=None)
    @given(title=NASTY, cell=NASTY, term=NASTY, definition=NASTY, notes=NASTY)
    def test_it_is_shown_literally_and_breaks_nothing(
        self, allkinds: Context, title: str, cell: str, term: str, definition: str, notes: str
    ) -> None:
        data = yaml.safe_load(ALLKINDS.read_text(encoding="utf-8"))
        slide = data["chapters"][0]["slides"][0]
        slide["title"], slide["notes"] = title, notes
        data["chapters"][0]["slides"][3]["table"]["rows"][0][0] = cell
        data["glossary"] = [{"term": term, "definition": definition}]
        outline = Outline.model_validate(data)
        # What the author's text says once its inline markup (**, *, `, [..](..), \*) is read.
        title = outline.chapters[0].slides[0].title
        term, definition = outline.glossary[0].term, outline.glossary[0].definition
        theme = allkinds.theme
        plan = make_plan(outline)
        context = Context(plan, theme, allkinds.measurer, allkinds.project, "course")
        html, markdown = render(context)

        parsed = parse(html)
        assert parsed.errors == [] and parsed.stack == []
        assert [tag for tag, _ in parsed.starts].count("script") == 0
        shown = "".join(parsed.text)
        # HTML shows runs of white space as one space (the notes also drop spaces that end
        # a line), so compare what a reader sees: the words, in order, nothing lost.
        seen = " ".join(shown.split())
        for text in (title, term, definition):
            assert " ".join(text.split()) in seen

        for line in markdown.splitlines():
            if line.startswith("| ") and "---" not in line:
                assert unescaped_pipes(line) in (3, 6), line  # glossary: 3, run sheet: 6
        assert f"\n### 4 · {markdown_cell(title)}\n" in markdown
