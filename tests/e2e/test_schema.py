"""Every deck the tests build opens in PowerPoint without its repair prompt: zero
``openxml-audit --policy strict -f microsoft365`` errors, unique shape ids per slide, every
relationship resolving, every part with a content type (tests/package_checks.py).

Decks checked here: the course, each valid fixture, the course on a customer's template and
the house template itself; the hypothesis outlines are checked in test_properties.py and the
fast-path equivalences in tests/unit/backends/test_ooxml.py.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from build_tools.cli import main
from build_tools.theme import load_theme
from tests.conftest import FIXTURES
from tests.package_checks import package_problems, problems

VALID = sorted(path.parent.parent.name for path in FIXTURES.glob("valid/*/source/course.yaml"))


def test_the_course_deck_is_valid(built: Path) -> None:
    assert problems(built / "course.pptx") == []


@pytest.mark.parametrize("name", VALID)
def test_each_fixture_deck_is_valid(name: str, tmp_path: Path) -> None:
    source = FIXTURES / "valid" / name / "source" / "course.yaml"
    assert main(["build", "slides", "--source", str(source), "--out", str(tmp_path),
                 "--allow-overflow"]) == 0
    assert problems(tmp_path / "course.pptx") == []


def test_the_course_on_a_customer_template_is_valid(
    course_path: Path, tmp_path: Path
) -> None:
    """A customer's template: python-pptx's stock one, its layouts named in Chinese."""
    prs = Presentation()
    names = {"Title Slide": "标题幻灯片", "Title and Content": "标题和内容",
             "Section Header": "节标题", "Title Only": "仅标题", "Blank": "空白"}
    for layout in prs.slide_layouts:
        layout.name = names.get(layout.name, layout.name)
    template = tmp_path / "customer.pptx"
    prs.save(str(template))
    out = tmp_path / "out"
    assert main(["build", "slides", "--source", str(course_path), "--out", str(out),
                 "--template", str(template), "--allow-overflow"]) == 0
    assert problems(out / "course.pptx") == []


def test_the_house_template_is_valid() -> None:
    theme = load_theme()
    assert problems(Path(theme.path(theme.deck.template))) == []


# --- the checks themselves can fail ------------------------------------------------------


def _edited(source: Path, target: Path, name: str, edit) -> Path:  # type: ignore[no-untyped-def]
    """A copy of the deck ``source`` with member ``name`` rewritten by ``edit`` (None: gone)."""
    with zipfile.ZipFile(source) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    changed = edit(members[name])
    if changed is None:
        del members[name]
    else:
        members[name] = changed
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    target.write_bytes(stream.getvalue())
    return target


def test_the_schema_check_finds_an_offset_without_x_and_y(built: Path, tmp_path: Path) -> None:
    def slip(xml: bytes) -> bytes:
        return re.sub(rb'<a:off x="\d+" y="\d+"/>', b'<a:off cx="0" cy="0"/>', xml, count=1)

    deck = _edited(built / "course.pptx", tmp_path / "bad.pptx",
                   "ppt/slideLayouts/slideLayout1.xml", slip)
    found = problems(deck)
    assert any("Required attribute 'x'" in line for line in found), found


def test_the_package_check_finds_a_repeated_shape_id(built: Path, tmp_path: Path) -> None:
    def repeat(xml: bytes) -> bytes:
        ids = re.findall(rb'<p:cNvPr id="(\d+)"', xml)
        return xml.replace(b'<p:cNvPr id="%s"' % ids[-1], b'<p:cNvPr id="%s"' % ids[-2])

    deck = _edited(built / "course.pptx", tmp_path / "bad.pptx", "ppt/slides/slide2.xml", repeat)
    assert any(line.startswith("shape ids: /ppt/slides/slide2.xml")
               for line in package_problems(deck))


def test_the_package_check_finds_a_missing_part(built: Path, tmp_path: Path) -> None:
    deck = _edited(built / "course.pptx", tmp_path / "bad.pptx",
                   "ppt/notesSlides/notesSlide3.xml", lambda xml: None)
    found = package_problems(deck)
    assert any("-> missing ppt/notesSlides/notesSlide3.xml" in line for line in found), found
    assert any("override for missing part /ppt/notesSlides/notesSlide3.xml" in line
               for line in found), found


def test_the_package_check_finds_a_part_without_a_content_type(
    built: Path, tmp_path: Path
) -> None:
    def drop(xml: bytes) -> bytes:
        return re.sub(rb'<Override PartName="/ppt/slides/slide4.xml"[^>]*/>', b"", xml)

    deck = _edited(built / "course.pptx", tmp_path / "bad.pptx", "[Content_Types].xml", drop)
    assert ("content types: /ppt/slides/slide4.xml has only the generic application/xml"
            in package_problems(deck))
