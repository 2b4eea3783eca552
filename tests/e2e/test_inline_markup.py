"""Inline markup comes out natively in all three outputs, read back from the files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from build_tools.measure import Paragraph, Run
from build_tools.pipeline import TARGETS, build, prepare
from tests.conftest import ALLKINDS

URL = "https://example.com/phish_test"
POINT = f"**及时**报告 *可疑* 邮件：`micros0ft.com`，见[手册]({URL})，\\\\* 号"
NOTES = f"先讲**定义**，再讲*特点*：`micros0ft.com` 不是官网，见[手册]({URL})。"
FIRST_NOTES = "欢迎，今天**先看**版式。"
HANDOUT = f"**互联网金融**是*新型*业务，注意 `micros0ft.com` 与[官网]({URL})。"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("inline")
    shutil.copytree(ALLKINDS.parent.parent, project, dirs_exist_ok=True)
    source = project / "source" / "course.yaml"
    text = source.read_text(encoding="utf-8")
    old_point = ("{lead: 定义, text: 互联网金融是利用互联网技术实现资金融通、支付、投资和"
                 "信息中介服务的新型金融业务模式。}")
    old_handout = ("handout: 互联网金融是传统金融机构与互联网企业利用互联网技术实现资金融通、"
                   "支付、投资和信息中介服务的新型业务模式。")
    assert old_point in text and old_handout in text
    text = text.replace(old_point, f'{{lead: 定义, text: "{POINT}"}}')
    text = text.replace(old_handout, f'handout: "{HANDOUT}"')
    text = text.replace("notes: 先讲定义，再讲特点；", f'notes: "{NOTES}"\n        #')
    # The first notes page is made by python-pptx, the others from a prototype: both ways.
    old_first = "notes: 欢迎大家参加测试课程，今天我们看一遍所有版式。,"
    assert old_first in text
    text = text.replace(old_first, f'notes: "{FIRST_NOTES}",')
    source.write_text(text, encoding="utf-8")
    out = project / "build"
    build(source, out, TARGETS, force=True)
    return out


def test_the_deck_has_bold_italic_monospace_and_a_real_hyperlink(outputs: Path) -> None:
    deck = Presentation(str(outputs / "course.pptx"))
    runs = [
        run
        for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs for run in paragraph.runs
        if "micros0ft" in paragraph.text
    ]
    by_text = {run.text: run for run in runs}
    assert by_text["及时"].font.bold is True
    assert by_text["可疑"].font.italic is True
    assert by_text["micros0ft.com"].font.name == "Courier New"
    assert by_text["手册"].hyperlink.address == URL
    # Drawn as PowerPoint draws a hyperlink: underlined, in the theme's hyperlink colour
    # (the house template's is the secondary colour), as the miniature and the web deck.
    secondary = prepare(ALLKINDS).theme.colours.secondary
    assert by_text["手册"].font.underline is True
    assert str(by_text["手册"].font.color.rgb) == secondary.upper()
    assert by_text["及时"].font.underline is None
    assert "".join(run.text for run in runs).endswith("，* 号")
    assert not any("**" in run.text or "`" in run.text for run in runs)


def _notes_runs(deck: Presentation, marker: str) -> dict[str, object]:
    """The runs of the one notes page holding ``marker``, by their text."""
    pages = [slide.notes_slide for slide in deck.slides
             if slide.has_notes_slide and marker in slide.notes_slide.notes_text_frame.text]
    assert len(pages) == 1
    return {run.text: run for paragraph in pages[0].notes_text_frame.paragraphs
            for run in paragraph.runs}


def test_the_deck_notes_have_bold_italic_monospace_and_a_real_hyperlink(outputs: Path) -> None:
    deck = Presentation(str(outputs / "course.pptx"))
    runs = _notes_runs(deck, "micros0ft.com")
    assert runs["定义"].font.bold is True  # type: ignore[attr-defined]
    assert runs["特点"].font.italic is True  # type: ignore[attr-defined]
    assert runs["micros0ft.com"].font.name == "Courier New"  # type: ignore[attr-defined]
    assert runs["手册"].hyperlink.address == URL  # type: ignore[attr-defined]
    assert runs["先讲"].font.bold is None  # type: ignore[attr-defined]  # the master's style
    assert not any("**" in text or "`" in text for text in runs)
    first = _notes_runs(deck, "今天先看版式")
    assert first["先看"].font.bold is True  # type: ignore[attr-defined]


def test_the_handout_has_bold_monospace_and_a_link_annotation(outputs: Path) -> None:
    reader = PdfReader(outputs / "course-handout.pdf")
    pages = [page for page in reader.pages if "micros0ft.com 与官网" in page.extract_text()]
    assert len(pages) == 1
    page = pages[0]
    faces = [f.get_object() for f in page["/Resources"]["/Font"].values()]
    fonts = {str(face["/BaseFont"]).split("+")[-1] for face in faces}
    assert "LiberationMono" in fonts and any(name.endswith("Bold") for name in fonts)
    # Every face embedded, the code face too (never a PDF standard face such as Courier).
    assert all("/FontFile2" in face["/FontDescriptor"].get_object() for face in faces)
    links = [a.get_object()["/A"]["/URI"] for a in page["/Annots"]]
    assert URL in links
    assert "**" not in page.extract_text()


def test_the_web_deck_draws_the_link_as_the_slide_does(outputs: Path) -> None:
    html = (outputs / "course-web" / "index.html").read_text(encoding="utf-8")
    secondary = prepare(ALLKINDS).theme.colours.secondary
    assert re.search(rf'<a href="{re.escape(URL)}"[^>]*style="color:#{secondary}', html)


def test_the_notes_html_has_strong_em_code_and_a(outputs: Path) -> None:
    html = (outputs / "course-notes.html").read_text(encoding="utf-8")
    assert "<strong>及时</strong>报告 <em>可疑</em> 邮件：<code>micros0ft.com</code>" in html
    assert f'<a href="{URL}">手册</a>，* 号' in html
    assert "先讲<strong>定义</strong>，再讲<em>特点</em>" in html


def test_the_notes_markdown_keeps_the_markup(outputs: Path) -> None:
    markdown = (outputs / "course-notes.md").read_text(encoding="utf-8")
    assert f"**及时**报告 *可疑* 邮件：`micros0ft.com`，见[手册](<{URL}>)，\\* 号" in markdown
    assert "先讲**定义**，再讲*特点*" in markdown


def test_the_fit_check_measures_code_in_the_monospace_face() -> None:
    measurer = prepare(ALLKINDS).measurer
    plain = Paragraph((Run("iiiiiiiiii"),))
    code = Paragraph((Run("iiiiiiiiii", mono=True),))
    bold = Paragraph((Run("iiiiiiiiii", bold=True),))
    width = {p: measurer.measure([p], 1000, 20).width_pt for p in (plain, code, bold)}
    assert width[code] == pytest.approx(10 * 0.6 * 20)
    assert width[plain] < width[code] and width[plain] <= width[bold]
