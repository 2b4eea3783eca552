"""A course written in English (every slide kind) builds with no CJK character anywhere:
not in the deck (text, notes, layout prompts, section names, properties), the handout (text,
bookmarks, metadata, fonts) or the trainer's notes."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from build_tools.outline.loader import load_outline
from build_tools.outline.model import KINDS
from build_tools.pipeline import TARGETS, build
from tests.conftest import FIXTURES

ENGLISH = FIXTURES / "valid" / "english" / "source" / "course.yaml"
CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
                 r"\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
# The theme part's font scheme lists a face per script (<a:font script="Jpan"
# typeface="ＭＳ Ｐゴシック"/>): names of fonts, never drawn as text.
SCRIPT_FONTS = re.compile(r'<a:font script="[A-Za-z]+" typeface="[^"]*"/>')


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("english")
    build(ENGLISH, out, TARGETS)
    return out


def test_the_course_uses_every_slide_kind() -> None:
    outline = load_outline(ENGLISH)
    assert {s.kind for c in outline.chapters for s in c.slides} == set(KINDS)
    assert outline.course.language == "en"


def test_the_deck_has_no_cjk_character_in_any_part(built: Path) -> None:
    with zipfile.ZipFile(built / "course.pptx") as deck:
        for name in deck.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            text = deck.read(name).decode("utf-8")
            if name.startswith("ppt/theme/"):
                text = SCRIPT_FONTS.sub("", text)
            found = CJK.search(text)
            assert found is None, (name, text[max(0, found.start() - 80):found.end() + 40])
        presentation = deck.read("ppt/presentation.xml").decode()
        layout = deck.read("ppt/slideLayouts/slideLayout1.xml").decode()
    assert 'name="Opening"' in presentation and 'name="Close"' in presentation
    assert "Click to add title" in layout


def test_the_handout_has_no_cjk_character_and_embeds_only_the_latin_font(built: Path) -> None:
    pdf = PdfReader(built / "course-handout.pdf")
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert not CJK.search(text), CJK.findall(text)
    assert f"Page 2 of {len(pdf.pages)}" in text and "Learning objectives" in text
    metadata = " ".join(str(value) for value in (pdf.metadata or {}).values())
    assert not CJK.search(metadata)
    titles = [item.title for item in pdf.outline if not isinstance(item, list)]
    assert not CJK.search(" ".join(titles))
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1]
             for page in pdf.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts == {"LiberationSans", "LiberationSans-Bold"}
    assert pdf.trailer["/Root"]["/Lang"] == "en"


def test_the_notes_have_no_cjk_character(built: Path) -> None:
    for name in ("course-notes.html", "course-notes.md"):
        text = (built / name).read_text(encoding="utf-8")
        assert not CJK.search(text), (name, CJK.findall(text)[:10])
    html = (built / "course-notes.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "12 March 2025" in html
    assert "Chapter 1" in html and ">Answer<" in html and "True" in html
