"""Editions: the course in Traditional Chinese (OpenCC) with the edition's words, fonts and
language everywhere."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from build_tools.editions import make_edition
from build_tools.options import Options
from build_tools.outline.loader import load_outline
from build_tools.pipeline import TARGETS, build
from build_tools.plan import make_plan
from tests.conftest import COURSE

opencc = pytest.importorskip("opencc")
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def taiwan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("zh-TW")
    report = build(COURSE, out, TARGETS, Options(edition="zh-TW"))
    assert sorted(str(w.path.relative_to(out)) for w in report.written) == [
        "course-handout.zh-TW.pdf", "course-notes.zh-TW.html", "course-notes.zh-TW.md",
        "course-web.zh-TW/index.html", "course.zh-TW.pptx"]
    return out


def _deck_text(out: Path) -> str:
    deck = Presentation(str(out / "course.zh-TW.pptx"))
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes
             if shape.has_text_frame]
    texts += [slide.notes_slide.notes_text_frame.text for slide in deck.slides]
    return "\n".join(texts)


def _handout_text(out: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(
        out / "course-handout.zh-TW.pdf").pages)


def test_slide_titles_are_the_opencc_conversion_of_the_source(taiwan: Path) -> None:
    convert = opencc.OpenCC("s2twp").convert
    plan = make_plan(load_outline(COURSE))
    deck = Presentation(str(taiwan / "course.zh-TW.pptx"))
    for planned, slide in zip(plan.slides, deck.slides, strict=True):
        shown = slide.shapes.title.text_frame.text.replace("\v", "")
        assert shown == convert(planned.title), planned.number
    notes = (taiwan / "course-notes.zh-TW.html").read_text(encoding="utf-8")
    handout = re.sub(r"\s+", "", _handout_text(taiwan))
    for planned in plan.content_slides:
        assert convert(planned.title) in notes
        assert re.sub(r"\s+", "", convert(planned.title)) in handout


def test_no_character_outside_traditional_big5_remains(taiwan: Path) -> None:
    """A character Big5 cannot encode is a Simplified-only form (这, 对, 网 …)."""
    for name, text in (("deck", _deck_text(taiwan)), ("handout", _handout_text(taiwan)),
                       ("notes", (taiwan / "course-notes.zh-TW.html").read_text("utf-8")),
                       ("markdown", (taiwan / "course-notes.zh-TW.md").read_text("utf-8"))):
        simplified = sorted({c for c in HAN.findall(text) if not _in_big5(c)})
        assert simplified == [], name


def _in_big5(char: str) -> bool:
    try:
        char.encode("big5")
    except UnicodeEncodeError:
        return False
    return True


def test_language_and_fonts_are_the_traditional_ones_in_every_output(taiwan: Path) -> None:
    with zipfile.ZipFile(taiwan / "course.zh-TW.pptx") as deck:
        slides = [deck.read(n).decode() for n in deck.namelist()
                  if re.match(r"ppt/(slides|notesSlides)/\w+\.xml$", n)]
        core = deck.read("docProps/core.xml").decode()
    langs = {lang for xml in slides for lang in re.findall(r' lang="([^"]+)"', xml)}
    assert langs == {"zh-TW"}
    faces = {face for xml in slides for face in re.findall(r'<a:ea typeface="([^"+]+)"', xml)}
    assert faces == {"Microsoft JhengHei"}
    with zipfile.ZipFile(taiwan / "course.zh-TW.pptx") as deck:
        theme = deck.read("ppt/theme/theme1.xml").decode()
    assert '<a:ea typeface="Microsoft JhengHei"/>' in theme and "YaHei" not in theme
    assert "<dc:language>zh-TW</dc:language>" in core
    pdf = PdfReader(taiwan / "course-handout.zh-TW.pdf")
    assert pdf.trailer["/Root"]["/Lang"] == "zh-TW"
    fonts = set()
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]  # embedded
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts == {"NotoSansCJKtc-Regular", "NotoSansCJKtc-Bold"}
    html = (taiwan / "course-notes.zh-TW.html").read_text(encoding="utf-8")
    assert '<html lang="zh-TW">' in html
    assert '"Microsoft JhengHei"' in html
    web = (taiwan / "course-web.zh-TW" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-TW">' in web
    assert "講稿" in web and "讲稿" not in web  # the speaker view's words are the edition's


def test_the_course_terms_file_overrides_opencc(tmp_path: Path) -> None:
    source = tmp_path / "source" / "course.yaml"
    source.parent.mkdir()
    source.write_text(COURSE.read_text(encoding="utf-8"), encoding="utf-8")
    outline = load_outline(COURSE)
    glossary = "\n".join(t.definition for t in outline.glossary)
    assert "不特定对象" in glossary
    plain = make_edition(outline, source, "zh-TW").outline
    assert "不特定物件" in "\n".join(t.definition for t in plain.glossary)  # s2twp's reading
    (source.parent / "course.zh-TW.terms.yaml").write_text("对象: 對象\n", encoding="utf-8")
    fixed = make_edition(outline, source, "zh-TW").outline
    assert "不特定對象" in "\n".join(t.definition for t in fixed.glossary)


def test_hong_kong_uses_s2hk_and_its_own_words(tmp_path: Path) -> None:
    outline = load_outline(COURSE)
    edition = make_edition(outline, COURSE, "zh-HK")
    assert edition.suffix == ".zh-HK" and edition.outline.course.language == "zh-HK"
    assert edition.outline.course.title == opencc.OpenCC("s2hk").convert(outline.course.title)
    true_false = [q for q in edition.outline.quiz if q.type == "truefalse"]
    assert true_false and all(a in ("正確", "錯誤") for q in true_false for a in q.answer)


# --- the English edition of the course (a partial translation) ---------------------------


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("en")
    report = build(COURSE, out, TARGETS, Options(edition="en", allow_untranslated=True))
    assert report.warnings and "missing or stale" in report.warnings[0].message
    return out


def test_the_partial_translation_fails_listing_each_missing_string() -> None:
    from build_tools.errors import InputError
    from build_tools.pipeline import prepare

    with pytest.raises(InputError) as raised:
        prepare(COURSE, Options(edition="en"))
    problems = raised.value.problems
    assert len(problems) > 300
    assert all(p.file is not None and p.file.name == "course.en.yaml" and p.line
               for p in problems)
    keys = {p.path for p in problems}
    assert "strings.chapter-2.title" in keys and "strings.course.title" not in keys


def test_the_english_edition_carries_english_text_and_labels(english: Path) -> None:
    deck = Presentation(str(english / "course.en.pptx"))
    first = deck.slides[0]
    assert first.shapes.title.text_frame.text.replace("\v", "") == (
        "Internet Finance Training 2024")
    footer = " ".join(shape.text_frame.text for shape in deck.slides[1].shapes
                      if shape.has_text_frame)
    assert "5 February 2024" in footer
    with zipfile.ZipFile(english / "course.en.pptx") as package:
        layouts = "".join(package.read(n).decode() for n in package.namelist()
                          if n.startswith("ppt/slideLayouts/slideLayout"))
        slide = package.read("ppt/slides/slide1.xml").decode()
    assert "Click to add title" in layouts and not HAN.search(layouts)
    assert set(re.findall(r' lang="([^"]+)"', slide)) == {"en"}
    sections = [s.get("name") for s in deck.part._element.iter(
        "{http://schemas.microsoft.com/office/powerpoint/2010/main}section")]
    assert sections[0] == "Opening" and sections[-1] == "Close"
    handout = PdfReader(english / "course-handout.en.pdf")
    text = handout.pages[1].extract_text()
    assert "About the course" in text and f"Page 2 of {len(handout.pages)}" in text
    assert handout.trailer["/Root"]["/Lang"] == "en"
    html = (english / "course-notes.en.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Run sheet" in html
    assert "Trainer&#39;s notes" in html and "True or false" in html


def test_edition_all_builds_every_edition_the_outline_lists(tmp_path: Path) -> None:
    from build_tools.cli import main

    out = tmp_path / "out"
    assert load_outline(COURSE).course.editions == ["zh-CN", "zh-TW", "en"]
    assert main(["build", "--source", str(COURSE), "--out", str(out), "--edition", "all",
                 "--allow-untranslated", "slides"]) == 0
    assert sorted(p.name for p in out.glob("*.pptx")) == [
        "course.en.pptx", "course.pptx", "course.zh-TW.pptx"]
