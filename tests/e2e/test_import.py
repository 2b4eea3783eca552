"""``course import`` end to end: our decks come back as the same course, other tools'
decks come in as outlines that check and build, and bad input fails in one line."""

from __future__ import annotations

import os
import string
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from build_tools.importer.command import import_deck
from build_tools.outline.loader import load_outline
from build_tools.pipeline import build
from build_tools.resources import fontconfig
from tests.conftest import ALLKINDS, CHARTS, COURSE, require_tool

NS14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"


def summary(deck: Path) -> dict[str, Any]:
    """What must survive a round trip, read from the built deck itself."""
    prs = Presentation(str(deck))
    slides = []
    for slide in prs.slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        tables = [[[c.text for c in row.cells] for row in s.table.rows]
                  for s in slide.shapes if s.has_table]
        charts = [(s.chart.chart_type, list(s.chart.plots[0].categories),
                   [(x.name, list(x.values)) for x in s.chart.plots[0].series])
                  for s in slide.shapes if s.has_chart]
        slides.append({"title": title, "notes": notes, "tables": tables, "charts": charts})
    sections = [s.get("name") for s in prs.element.iter(f"{NS14}section")]
    return {"slides": slides, "sections": sections}


def _build_deck(source: Path, out: Path) -> Path:
    build(source, out, ["slides"], force=True)
    return out / "course.pptx"


def _project(tmp_path: Path, name: str) -> Path:
    project = tmp_path / name
    (project / "source").mkdir(parents=True)
    return project


def _import_and_build(deck: Path, project: Path) -> tuple[Path, list[str]]:
    outline = project / "source" / "course.yaml"
    report = import_deck(deck, outline)
    load_outline(outline)
    rebuilt = _build_deck(outline, project / "build")
    return rebuilt, report


@pytest.mark.parametrize("source", [COURSE, ALLKINDS], ids=["course", "allkinds"])
def test_round_trip_keeps_slides_titles_notes_tables_and_charts(tmp_path: Path,
                                                                source: Path) -> None:
    first = _build_deck(source, tmp_path / "first")
    rebuilt, _ = _import_and_build(first, _project(tmp_path, "again"))
    before, after = summary(first), summary(rebuilt)
    assert len(after["slides"]) == len(before["slides"])
    assert after["sections"] == before["sections"]
    assert [s["title"] for s in after["slides"]] == [s["title"] for s in before["slides"]]
    assert [s["notes"] for s in after["slides"]] == [s["notes"] for s in before["slides"]]
    assert [s["tables"] for s in after["slides"]] == [s["tables"] for s in before["slides"]]
    assert [s["charts"] for s in after["slides"]] == [s["charts"] for s in before["slides"]]


@pytest.mark.parametrize("source", [COURSE, ALLKINDS, CHARTS], ids=["course", "allkinds",
                                                                 "charts"])
def test_round_trip_gives_back_every_kind_and_its_content(tmp_path: Path, source: Path) -> None:
    """Beyond the deck: the imported outline has the original's kinds and fields; only what
    a deck does not hold (handout, trainer notes, minutes, ids, the picture's name) differs."""
    first = _build_deck(source, tmp_path / "first")
    project = _project(tmp_path, "again")
    import_deck(first, project / "source" / "course.yaml")
    original = load_outline(source)
    imported = load_outline(project / "source" / "course.yaml")
    skip = {"id", "minutes", "handout", "trainer", "supplementary"}

    def content(outline: Any) -> list[Any]:
        found = []
        for chapter in outline.chapters:
            found.append((chapter.title, chapter.divider.lead, chapter.divider.notes,
                          chapter.objectives))
            for slide in chapter.slides:
                fields = slide.model_dump(exclude=skip)
                if slide.kind == "image":
                    fields["image"].pop("path")
                found.append(fields)
        return found

    assert content(imported) == content(original)
    keep = {"title", "subtitle", "presenter", "organisation", "date", "keywords"}
    assert imported.course.model_dump(include=keep) == original.course.model_dump(include=keep)
    for generated in ("title_slide", "agenda_slide", "closing_slide"):
        assert (getattr(imported.course, generated).model_dump(exclude={"minutes"})
                == getattr(original.course, generated).model_dump(exclude={"minutes"}))


PANDOC_COURSE = """---
title: Payments basics
subtitle: A short course
author: Jane Doe
date: 2024-02-05
---

# Foundations

## What a payment is

- **Definition:** moving money from a payer to a payee
- Three parties
  - payer
  - payee
  - processor

::: notes
Start with a question: how did everyone pay for breakfast today?
:::

## Card schemes compared

| Scheme | Founded | Region |
|--------|---------|--------|
| Visa | 1958 | global |
| UnionPay | 2002 | China |

::: notes
Walk through the table row by row.
:::

# Risk

## Fraud types

- Card not present
- Account takeover
- Friendly fraud

## 支付风险

- 信用风险
- 操作风险
"""


def test_pandoc_deck_imports_into_an_outline_that_builds(tmp_path: Path) -> None:
    pandoc = require_tool("pandoc")
    markdown = tmp_path / "course.md"
    markdown.write_text(PANDOC_COURSE, encoding="utf-8")
    deck = tmp_path / "pandoc.pptx"
    subprocess.run([pandoc, str(markdown), "--toc", "-o", str(deck)], check=True)
    project = _project(tmp_path, "pandoc")
    rebuilt, report = _import_and_build(deck, project)
    course = load_outline(project / "source" / "course.yaml").course
    assert (course.title, course.subtitle, course.presenter, str(course.date)) == (
        "Payments basics", "A short course", "Jane Doe", "2024-02-05")
    after = summary(rebuilt)
    titles = [s["title"] for s in after["slides"]]
    assert titles[0] == "Payments basics"
    assert "Foundations" in titles and "Risk" in titles  # pandoc's section slides: dividers
    content = ["What a payment is", "Card schemes compared", "Fraud types", "支付风险"]
    assert [t for t in titles if t in content] == content
    notes = [s["notes"] for s in after["slides"]]
    assert "Start with a question: how did everyone pay for breakfast today?" in notes
    tables = [t for s in after["slides"] for t in s["tables"]]
    assert tables == [[["Scheme", "Founded", "Region"], ["Visa", "1958", "global"],
                       ["UnionPay", "2002", "China"]]]
    assert any("from dividers" in line for line in report)
    assert any("agenda" in line and "recognised" in line for line in report)  # its --toc
    assert titles.index("Table of Contents") == 1  # the build's agenda, under pandoc's title
    assert titles.count("Table of Contents") == 1  # and not also as content


def _default_template_deck(path: Path) -> None:
    """A hand-made deck on python-pptx's default template: every layout a person uses."""
    prs = Presentation()
    layouts = prs.slide_layouts
    title = prs.slides.add_slide(layouts[0])
    title.shapes.title.text = "Customer Service Essentials"
    title.placeholders[1].text = "Ann Smith | Training Team\n2023-05-17"
    section = prs.slides.add_slide(layouts[2])
    section.shapes.title.text = "Listening"
    section.placeholders[1].text = "Part 1"
    bullets = prs.slides.add_slide(layouts[1])
    bullets.shapes.title.text = "Active listening"
    frame = bullets.placeholders[1].text_frame
    frame.text = ""
    first = frame.paragraphs[0]
    lead = first.add_run()
    lead.text = "Attention: "
    lead.font.bold = True
    first.add_run().text = "look at the speaker"
    for text, level in (("Nod", 1), ("Summarise what you heard", 0), ("Ask questions", 0)):
        paragraph = frame.add_paragraph()
        paragraph.text = text
        paragraph.level = level
    bullets.notes_slide.notes_text_frame.text = "Ask two volunteers to role-play a call."
    two = prs.slides.add_slide(layouts[3])
    two.shapes.title.text = "Phone versus e-mail"
    two.placeholders[1].text = "Phone\nImmediate\nPersonal"
    two.placeholders[2].text = "E-mail\nWritten record\nAsynchronous"
    table_slide = prs.slides.add_slide(layouts[5])
    table_slide.shapes.title.text = "Response times"
    table = table_slide.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(6), Inches(2)).table
    for r, row in enumerate((("Channel", "Target"), ("Phone", "30 s"), ("E-mail", "4 h"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    chart_slide = prs.slides.add_slide(layouts[5])
    chart_slide.shapes.title.text = "Calls per quarter"
    data = CategoryChartData()
    data.categories = ["Q1", "Q2", "Q3"]
    data.add_series("2023", (120, 135, 150))
    chart_slide.shapes.add_chart(XL_CHART_TYPE.LINE, Inches(1), Inches(2), Inches(6),
                                 Inches(4), data)
    chart_slide.notes_slide.notes_text_frame.text = "Calls grow every quarter."
    section2 = prs.slides.add_slide(layouts[2])
    section2.shapes.title.text = "Difficult calls"
    picture_slide = prs.slides.add_slide(layouts[5])
    picture_slide.shapes.title.text = "Escalation path"
    image = ALLKINDS.parent.parent / "assets" / "images" / "diagram.png"
    picture_slide.shapes.add_picture(str(image), Inches(2), Inches(2), Inches(4))
    grouped = prs.slides.add_slide(layouts[5])
    grouped.shapes.title.text = "Three steps"
    group = grouped.shapes.add_group_shape()
    for index, text in enumerate(("Calm", "Clarify", "Commit")):
        box = group.shapes.add_textbox(Inches(1 + 3 * index), Inches(3), Inches(2), Inches(1))
        box.text_frame.text = text
    untitled = prs.slides.add_slide(layouts[6])
    untitled.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(1)).text_frame.text = (
        "Remember: every call is a chance")
    closing = prs.slides.add_slide(layouts[0])
    closing.shapes.title.text = "Thank you"
    closing.placeholders[1].text = "Questions?"
    prs.core_properties.author = "Ann Smith"
    prs.save(str(path))


def test_default_template_deck_imports_into_an_outline_that_builds(tmp_path: Path) -> None:
    deck = tmp_path / "default.pptx"
    _default_template_deck(deck)
    project = _project(tmp_path, "default")
    rebuilt, _ = _import_and_build(deck, project)
    outline = load_outline(project / "source" / "course.yaml")
    assert outline.course.title == "Customer Service Essentials"
    assert (outline.course.presenter, outline.course.organisation) == ("Ann Smith",
                                                                       "Training Team")
    assert str(outline.course.date) == "2023-05-17"
    assert [c.title for c in outline.chapters] == ["Listening", "Difficult calls"]
    kinds = {s.title: s.kind for c in outline.chapters for s in c.slides}
    assert kinds == {"Active listening": "bullets", "Phone versus e-mail": "comparison",
                     "Response times": "table", "Calls per quarter": "chart",
                     "Escalation path": "image", "Three steps": "bullets",
                     "第10页": "bullets"}
    listening = outline.chapters[0].slides[0]
    assert listening.points[0].lead == "Attention"  # type: ignore[union-attr]
    assert listening.points[0].sub == ["Nod"]  # type: ignore[union-attr]
    steps = outline.chapters[1].slides[1]
    assert [p.text for p in steps.points] == ["Calm", "Clarify", "Commit"]  # type: ignore[union-attr]
    chart = outline.chapters[0].slides[3].chart  # type: ignore[union-attr]
    assert (chart.type, chart.categories, chart.series[0].values) == (
        "line", ["Q1", "Q2", "Q3"], [120, 135, 150])
    image = outline.chapters[1].slides[0].image  # type: ignore[union-attr]
    assert (project / image.path).read_bytes() == (
        ALLKINDS.parent.parent / "assets" / "images" / "diagram.png").read_bytes()
    assert outline.course.closing_slide.title == "Thank you"
    assert len(summary(rebuilt)["slides"]) == 12  # 11 read + the agenda the build adds


def test_libreoffice_resave_without_sections_imports_and_builds(tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    first = _build_deck(COURSE, tmp_path / "first")
    profile = (tmp_path / "lo-profile").as_uri()
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig())}
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "pptx", "--outdir", str(tmp_path / "lo"), str(first)], check=True,
                   env=env, capture_output=True, timeout=300)
    resaved = tmp_path / "lo" / "course.pptx"
    with zipfile.ZipFile(resaved) as package:
        assert b"p14:sectionLst" not in package.read("ppt/presentation.xml")
    rebuilt, report = _import_and_build(resaved, _project(tmp_path, "lo"))
    before, after = summary(first), summary(rebuilt)
    assert any("from dividers" in line for line in report)
    assert len(after["slides"]) == len(before["slides"])
    assert after["sections"] == before["sections"]
    assert [s["title"] for s in after["slides"]] == [s["title"] for s in before["slides"]]


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    text = tmp_path / "text.pptx"
    text.write_text("not a deck", encoding="utf-8")
    docx = tmp_path / "letter.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    encrypted = tmp_path / "locked.pptx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
                          + "EncryptedPackage".encode("utf-16-le"))
    corrupt = tmp_path / "corrupt.pptx"
    with zipfile.ZipFile(corrupt, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p:presentation unclosed")
    bomb = tmp_path / "bomb.pptx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p/>")
        archive.writestr("ppt/slides/slide1.xml", bytes(70_000_000))
    return {"text": text, "docx": docx, "encrypted": encrypted, "corrupt": corrupt,
            "oversized": bomb}


def test_bad_input_exits_2_with_one_line_naming_the_file(tmp_path: Path) -> None:
    import sys

    for case, deck in _bad_inputs(tmp_path).items():
        done = subprocess.run([sys.executable, "-m", "build_tools", "import", str(deck),
                               "--out", str(tmp_path / "source" / f"{case}.yaml")],
                              capture_output=True, text=True, cwd=tmp_path, timeout=120)
        assert done.returncode == 2, (case, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {deck}: expected"), (case, lines)
        assert not (tmp_path / "source" / f"{case}.yaml").exists()


def test_crammed_slides_are_split_until_the_outline_passes_the_fit_check(tmp_path: Path) -> None:
    from build_tools.importer.fit import overflowing

    prs = Presentation()
    crammed = prs.slides.add_slide(prs.slide_layouts[1])
    crammed.shapes.title.text = "Everything at once"
    frame = crammed.placeholders[1].text_frame
    frame.text = "word " * 120
    for _ in range(7):
        frame.add_paragraph().text = "more words here " * 25
    tall = prs.slides.add_slide(prs.slide_layouts[5])
    tall.shapes.title.text = "A tall table"
    table = tall.shapes.add_table(9, 3, Inches(1), Inches(1), Inches(8), Inches(5)).table
    for r in range(9):
        for c in range(3):
            table.cell(r, c).text = f"row {r} column {c} with a long description " * 3
    deck = tmp_path / "crammed.pptx"
    prs.save(str(deck))
    project = _project(tmp_path, "crammed")
    outline = project / "source" / "course.yaml"
    report = import_deck(deck, outline)
    text = outline.read_text(encoding="utf-8")
    assert overflowing(text, outline) == []
    assert any("its text overflows one slide" in line for line in report)
    loaded = load_outline(outline)
    titles = [s.title for s in loaded.chapters[0].slides]
    assert titles[0] == "Everything at once" and len(titles) > 2
    rows = [row for s in loaded.chapters[0].slides if s.kind == "table"
            for row in s.table.rows]  # type: ignore[union-attr]
    assert len(rows) == 8 and all(len(row) == 3 for row in rows)


# --- any deck a person might make: the outline always loads and passes the fit check -------

_WORDS = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=40),
    st.text(alphabet=string.ascii_letters + string.digits + " .,:;!?-()&<>\"'", max_size=60),
    st.sampled_from(["", " ", "No", "yes", "1:30", "010", "Agenda", "谢谢", "01", "😀 emoji",
                     "R&D: 50%", "a\vb", "Tab\there", "\x07bell"]),
)
_PARAGRAPH = st.tuples(_WORDS, st.integers(0, 3), st.booleans())
_SLIDE = st.fixed_dictionaries({
    "layout": st.sampled_from([0, 1, 2, 3, 5, 6]),
    "title": _WORDS,
    "paragraphs": st.lists(_PARAGRAPH, max_size=12),
    "table": st.none() | st.lists(st.lists(_WORDS, min_size=1, max_size=7), min_size=1,
                                  max_size=10),
    "notes": st.one_of(_WORDS, st.just("讲解。" * 800)),  # past the model's 2,000
})


@settings(max_examples=8, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(slides=st.lists(_SLIDE, min_size=1, max_size=5))
def test_any_deck_imports_into_an_outline_that_passes_check(tmp_path_factory: Any,
                                                           slides: list[dict[str, Any]]) -> None:
    from build_tools.importer.fit import overflowing

    tmp_path = tmp_path_factory.mktemp("any")
    prs = Presentation()
    for spec in slides:
        slide = prs.slides.add_slide(prs.slide_layouts[spec["layout"]])
        if slide.shapes.title is not None:
            slide.shapes.title.text = spec["title"]
        body = next((p for p in slide.placeholders if p.placeholder_format.idx == 1), None)
        if body is not None and spec["paragraphs"]:
            frame = body.text_frame
            for index, (text, level, bold) in enumerate(spec["paragraphs"]):
                paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
                if bold:
                    lead = paragraph.add_run()
                    lead.text, lead.font.bold = "Lead: ", True
                paragraph.add_run().text = text
                paragraph.level = level
        if spec["table"]:
            rows, cols = len(spec["table"]), max(len(r) for r in spec["table"])
            table = slide.shapes.add_table(rows, cols, Inches(1), Inches(2), Inches(8),
                                           Inches(4)).table
            for r, row in enumerate(spec["table"]):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        slide.notes_slide.notes_text_frame.text = spec["notes"]
    deck = tmp_path / "any.pptx"
    prs.save(str(deck))
    outline = _project(tmp_path, "any") / "source" / "course.yaml"
    import_deck(deck, outline)
    load_outline(outline)  # valid: every field within the model's bounds
    assert overflowing(outline.read_text(encoding="utf-8"), outline) == []
