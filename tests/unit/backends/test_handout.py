"""The attendee handout: what an attendee keeps, read back from the PDF with pypdf.

Specs, not snapshots: every font embedded, every slide in plan order, every handout text
verbatim, bookmarks and contents that agree with where things really are, nothing that is
for the trainer's eyes only, author text shown literally, 禁则 kept, same bytes twice.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import replace
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader
from pypdf.generic import Destination

from build_tools.backends.base import Context, Options
from build_tools.backends.handout.backend import HandoutBackend
from build_tools.backends.handout.fonts import handout_texts
from build_tools.errors import BuildFailure, InputError
from build_tools.outline.model import Outline
from build_tools.pipeline import prepare
from build_tools.plan import DeckPlan, make_plan
from tests.conftest import ALLKINDS, COURSE, require_tool
from tests.generated_course import objective_key, write_course

LAYOUTS = ("notes", "article", "grid")
FORBIDDEN_STARTS = "，。；：？！）」》"


# --- helpers -----------------------------------------------------------------------------


@cache
def base_context(source: Path = ALLKINDS) -> Context:
    return prepare(source)


def context(layout: str | None = None, outline: Outline | None = None,
            source: Path = ALLKINDS, **options: Any) -> Context:
    """The fixture's context, optionally with another layout or an edited outline."""
    base = base_context(source)
    plan = base.plan
    if outline is not None:
        plan = make_plan(outline)
    return replace(base, plan=plan, options=Options(layout=layout, **options))


@cache
def built(layout: str, source: Path = ALLKINDS) -> bytes:
    result = HandoutBackend().render(context(layout, source=source))
    (output,) = result.outputs
    return output.data


def reader(data: bytes) -> PdfReader:
    return PdfReader(BytesIO(data))


def squeeze(text: str) -> str:
    """Text without whitespace: the handout breaks lines, the outline does not."""
    return re.sub(r"\s+", "", text)


@cache
def page_texts(layout: str, source: Path = ALLKINDS) -> tuple[str, ...]:
    return tuple(page.extract_text() for page in reader(built(layout, source)).pages)


def reading_text(pages: list[str] | tuple[str, ...], course_title: str) -> str:
    """Pages joined without their header and footer (drawn last on each page), so that a
    paragraph continuing on the next page reads as one."""
    # The page's own header and footer: the last course title before the page number (a
    # miniature's footer shows the course title too).
    furniture = re.compile("^(.*)" + re.escape(squeeze(course_title)) + r".{0,80}?第\d+页/共\d+页$")
    return "".join(furniture.sub(r"\1", squeeze(text)) for text in pages)


def full_text(layout: str, source: Path = ALLKINDS) -> str:
    return reading_text(page_texts(layout, source), base_context(source).plan.course.title)


def outline_items(pdf: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page index) for every bookmark, depth first."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                assert isinstance(item, Destination)
                found.append((level, item.title, pdf.get_destination_page_number(item)))

    walk(pdf.outline, 0)
    return found


def assert_in_order(haystack: str, needles: list[str]) -> None:
    position = 0
    for needle in needles:
        found = haystack.find(squeeze(needle), position)
        assert found >= 0, f"{needle!r} missing after position {position}"
        position = found + len(squeeze(needle))


# The outline's keys whose text is for the trainer only; everything else may be printed.
TRAINER_KEYS = frozenset({"notes", "trainer", "hint", "explanation", "answer"})


def attendee_strings(source: Path) -> str:
    """Every string of the outline file outside a trainer-only key, read from the YAML
    itself: not from ``handout_texts``, the code under test, whose slip would hide itself."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key not in TRAINER_KEYS:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            found.append(node)

    walk(yaml.safe_load(source.read_text(encoding="utf-8")))
    return squeeze("\n".join(found))


def trainer_only(plan: DeckPlan, source: Path = ALLKINDS) -> list[str]:
    """Every string that is for the trainer only (unless the author also wrote the very same
    words for attendees, as a trainer note quoting a slide does)."""
    strings = [slide.notes for slide in plan.slides]
    strings += [note.text for slide in plan.slides for note in slide.trainer]
    strings += [question.explanation for question in plan.outline.quiz]
    strings += [chapter.discussion.hint for chapter in plan.outline.chapters]
    public = attendee_strings(source)
    return [text for text in strings if squeeze(text) not in public]


def first_content_slide_edited(outline: Outline, **changes: Any) -> Outline:
    chapter = outline.chapters[0]
    slide = chapter.slides[0].model_copy(update=changes)
    chapter = chapter.model_copy(update={"slides": [slide, *chapter.slides[1:]]})
    return outline.model_copy(update={"chapters": [chapter, *outline.chapters[1:]]})


# --- the file ------------------------------------------------------------------------------


def test_it_returns_one_pdf_named_after_the_stem_counting_its_pages() -> None:
    result = HandoutBackend().render(context("notes"))
    (output,) = result.outputs
    assert output.name == "course-handout.pdf"
    assert output.unit == "pages"
    assert output.count == len(reader(output.data).pages)
    assert HandoutBackend.name == "handout"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_font_is_an_embedded_truetype_subset_and_there_is_no_helvetica(layout: str) -> None:
    data = built(layout)
    assert b"Helvetica" not in data
    pdf = reader(data)
    seen = 0
    for page in pdf.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            seen += 1
            assert font["/Subtype"] == "/TrueType", font
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            assert "NotoSans" in font["/BaseFont"]
    assert seen


@pytest.mark.client
def test_pdffonts_lists_only_embedded_fonts(tmp_path: Path) -> None:
    tool = require_tool("pdffonts")
    path = tmp_path / "handout.pdf"
    path.write_bytes(built("notes"))
    listing = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert "TrueType" in row and " yes yes yes " in row, row


@pytest.mark.client
def test_qpdf_finds_no_structural_problem(tmp_path: Path) -> None:
    tool = require_tool("qpdf")
    for layout in LAYOUTS:
        path = tmp_path / f"{layout}.pdf"
        path.write_bytes(built(layout))
        check = subprocess.run([tool, "--check", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        assert "No syntax or stream encoding errors" in check.stdout


def test_document_information_and_language() -> None:
    pdf = reader(built("notes"))
    course = base_context().plan.course
    info = pdf.metadata
    assert info is not None
    assert info.title == course.title
    assert info.author == course.presenter
    assert info.subject == course.subtitle
    for keyword in course.keywords:
        assert keyword in str(info["/Keywords"])
    assert pdf.trailer["/Root"]["/Lang"] == "zh-CN"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_two_builds_are_byte_identical(layout: str) -> None:
    first = HandoutBackend().render(context(layout)).outputs[0].data
    second = HandoutBackend().render(context(layout)).outputs[0].data
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


def test_the_creation_date_comes_from_the_epoch_or_else_the_course_date() -> None:
    dated = reader(built("notes")).metadata
    assert dated is not None and dated["/CreationDate"].startswith("D:20240301")
    stamped = HandoutBackend().render(context("notes", epoch=1_700_000_000)).outputs[0].data
    info = reader(stamped).metadata
    assert info is not None and info["/CreationDate"].startswith("D:20231114")


# --- layouts -------------------------------------------------------------------------------


def test_the_layout_comes_from_the_options_else_the_outline() -> None:
    assert HandoutBackend.layout(context()) == base_context().plan.course.handout_layout
    assert HandoutBackend.layout(context("grid")) == "grid"
    with pytest.raises(InputError) as raised:
        HandoutBackend.layout(context("poster"))
    assert "notes, article, grid" in raised.value.problems[0].message


@pytest.mark.parametrize("layout", ["notes", "grid"])
def test_slide_layouts_show_every_slide_title_in_plan_order(layout: str) -> None:
    plan = base_context().plan
    body = "".join(squeeze(t) for t in page_texts(layout)[3:])  # after cover, info, contents
    assert_in_order(body, [slide.title for slide in plan.slides])


def test_article_shows_chapters_and_content_slides_in_plan_order() -> None:
    plan = base_context().plan
    titles = [slide.title for slide in plan.slides if slide.kind != "title"
              and slide.kind not in ("agenda", "closing")]
    body = "".join(squeeze(t) for t in page_texts("article")[3:])
    assert_in_order(body, titles)


@pytest.mark.parametrize("layout", ["notes", "article"])
def test_every_content_slide_handout_text_is_there_verbatim(layout: str) -> None:
    text = full_text(layout)
    for slide in base_context().plan.content_slides:
        if slide.handout:
            assert squeeze(slide.handout) in text, slide.path


def test_notes_pages_hold_three_slides() -> None:
    plan = base_context().plan
    pdf = reader(built("notes"))
    pages = [page for level, _, page in outline_items(pdf) if level == 1]
    per_page = {page: pages.count(page) for page in pages}
    assert max(per_page.values()) == 3
    assert len(pages) == len(plan.slides)


def test_grid_pages_hold_up_to_six_slides() -> None:
    pdf = reader(built("grid"))
    pages = [page for level, _, page in outline_items(pdf) if level == 1]
    assert max(pages.count(page) for page in pages) <= 6
    assert max(pages.count(page) for page in pages) >= 4


# --- bookmarks and contents ----------------------------------------------------------------


@pytest.mark.parametrize("layout", ["notes", "grid"])
def test_bookmarks_follow_the_plan(layout: str) -> None:
    plan = base_context().plan
    labels = base_context().locale
    items = outline_items(reader(built(layout)))
    sections = [title for level, title, _ in items if level == 0]
    slides = [title for level, title, _ in items if level == 1]
    for section in plan.sections:
        assert section.name in sections
    assert [s.name for s in plan.sections] == [t for t in sections if t in
                                               {s.name for s in plan.sections}]
    assert slides == [labels.bookmark.format(number=s.number, title=s.title)
                      for s in plan.slides]
    pages = [page for level, _, page in items if level == 1]
    assert pages == sorted(pages)


def test_article_bookmarks_nest_content_slides_under_chapters() -> None:
    plan = base_context().plan
    labels = base_context().locale
    items = outline_items(reader(built("article")))
    expected: list[tuple[int, str]] = []
    for section in plan.chapter_sections():
        expected.append((0, section.name))
        expected += [(1, labels.bookmark.format(number=s.number, title=s.title))
                     for s in section.slides if not s.generated]
    chapters = [(level, title) for level, title, _ in items
                if level == 1 or title in {s.name for s in plan.sections}]
    assert chapters == expected


@pytest.mark.parametrize("layout", LAYOUTS)
def test_contents_page_numbers_are_where_chapters_start(layout: str) -> None:
    ctx = base_context()
    labels = ctx.locale
    pdf = reader(built(layout))
    items = outline_items(pdf)
    contents_page = next(page for _, title, page in items if title == labels.contents)
    contents = pdf.pages[contents_page].extract_text()
    texts = page_texts(layout)
    for section in ctx.plan.chapter_sections():
        found = re.search(re.escape(section.name) + r"\s*(\d+)", contents)
        assert found, (section.name, contents)
        printed = int(found.group(1))
        bookmarked = next(page for level, title, page in items if title == section.name)
        assert printed == bookmarked + 1
        assert squeeze(section.first.title) in squeeze(texts[printed - 1])
        assert f"{printed}" in texts[printed - 1]  # its footer: 第 x 页
    for part in (labels.takeaways, labels.glossary, labels.quiz, labels.references):
        found = re.search(re.escape(part) + r"\s*(\d+)", contents)
        assert found, part
        assert squeeze(part) in squeeze(texts[int(found.group(1)) - 1])


def test_contents_entries_are_links() -> None:
    pdf = reader(built("notes"))
    labels = base_context().locale
    items = outline_items(pdf)
    contents_page = next(page for _, title, page in items if title == labels.contents)
    annotations = [a.get_object() for a in pdf.pages[contents_page].get("/Annots", [])]
    links = [a for a in annotations if a["/Subtype"] == "/Link"]
    assert len(links) >= len(base_context().plan.sections)
    for link in links:
        assert "/Dest" in link or "/A" in link


def test_every_page_but_the_cover_says_which_page_of_how_many() -> None:
    texts = page_texts("notes")
    total = len(texts)
    for number, text in enumerate(texts[1:], 2):
        assert squeeze(f"第 {number} 页 / 共 {total} 页") in squeeze(text)


def test_headers_name_the_course_and_the_current_chapter() -> None:
    ctx = base_context()
    pdf = reader(built("notes"))
    items = outline_items(pdf)
    for section in ctx.plan.chapter_sections():
        page = next(page for _, title, page in items if title == section.name)
        text = squeeze(pdf.pages[page].extract_text())
        assert squeeze(ctx.plan.course.title) in text
        assert squeeze(section.name) in text


# --- front and back matter -----------------------------------------------------------------


def test_front_matter_has_the_course_facts_and_objectives() -> None:
    ctx = base_context()
    course = ctx.plan.course
    front = squeeze("".join(page_texts("notes")[:3]))
    for fact in (course.title, course.subtitle or "", course.presenter, course.organisation,
                 course.audience, course.start):
        assert squeeze(fact) in front
    for chapter in ctx.plan.outline.chapters:
        for objective in chapter.objectives:
            assert squeeze(objective) in front


def test_back_matter_has_takeaways_discussion_glossary_quiz_and_references() -> None:
    outline = base_context().plan.outline
    text = full_text("article")
    for chapter in outline.chapters:
        for takeaway in chapter.takeaways:
            assert squeeze(takeaway) in text
        assert squeeze(chapter.discussion.question) in text
    for term in outline.glossary:
        assert squeeze(term.term) in text and squeeze(term.definition) in text
    for question in outline.quiz:
        assert squeeze(question.question) in text
        for option in question.options:
            assert squeeze(option) in text
    for reference in outline.references:
        assert squeeze(reference.title) in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_nothing_trainer_only_reaches_the_handout(layout: str) -> None:
    text = full_text(layout)
    secrets = trainer_only(base_context().plan)
    assert len(secrets) >= len(base_context().plan.slides)
    for secret in secrets:
        assert squeeze(secret) not in text, secret


def test_the_quiz_marks_no_answer() -> None:
    """Options are printed with empty boxes, the same way whether right or wrong."""
    labels = base_context().locale
    pdf = reader(built("notes"))
    quiz_page = next(page for _, title, page in outline_items(pdf) if title == labels.quiz)
    text = pdf.pages[quiz_page].extract_text()
    assert text.count("□") == sum(
        2 if q.type == "truefalse" else len(q.options) for q in base_context().plan.outline.quiz)


# --- author text ---------------------------------------------------------------------------


def test_markup_in_the_outline_shows_literally() -> None:
    for layout in ("notes", "article"):
        assert squeeze("R&D <b>不是标记</b> & 50%") in full_text(layout)


def test_hostile_text_builds_and_shows_as_typed() -> None:
    hostile = "A<B && C</para> <script>x</script> &amp; <br/>"
    outline = first_content_slide_edited(base_context().plan.outline, title=hostile,
                                         handout=f"说明 {hostile} 结束。")
    ctx = context("article", outline)
    data = HandoutBackend().render(ctx).outputs[0].data
    text = reading_text([page.extract_text() for page in reader(data).pages],
                        outline.course.title)
    assert squeeze(hostile) in text
    assert squeeze(f"说明 {hostile} 结束。") in text


@pytest.mark.parametrize(("field", "char"), [("title", "\u0800"), ("handout", "😀")])
def test_a_character_the_font_lacks_is_refused_with_where_it_is(field: str, char: str) -> None:
    outline = first_content_slide_edited(base_context().plan.outline, **{field: f"文字{char}"})
    with pytest.raises(InputError) as raised:
        HandoutBackend().render(context("notes", outline))
    (problem,) = raised.value.problems
    assert problem.path == f"chapters[0].slides[0].{field}"
    assert f"'{char}' (U+{ord(char):04X}" in problem.message
    assert "not in the handout font" in problem.message


def test_trainer_only_text_may_use_any_character() -> None:
    """Notes never reach the PDF, so a character the font lacks there is no problem."""
    outline = first_content_slide_edited(base_context().plan.outline, notes="讲者备注 😀")
    data = HandoutBackend().render(context("notes", outline)).outputs[0].data
    assert data.startswith(b"%PDF")


def test_every_missing_character_is_reported_at_once() -> None:
    outline = base_context().plan.outline
    outline = outline.model_copy(update={"glossary": [
        outline.glossary[0].model_copy(update={"definition": "定义\u0800"})]})
    outline = first_content_slide_edited(outline, title="标题😀")
    with pytest.raises(InputError) as raised:
        HandoutBackend().render(context("notes", outline))
    paths = {problem.path for problem in raised.value.problems}
    assert paths == {"chapters[0].slides[0].title", "glossary[0].definition"}


def test_a_missing_picture_is_the_authors_problem(tmp_path: Path) -> None:
    ctx = replace(context("notes"), project=tmp_path)
    with pytest.raises(InputError) as raised:
        HandoutBackend().render(ctx)
    assert raised.value.problems[0].path.endswith(".image.path")


# --- line breaking -------------------------------------------------------------------------


def kinsoku_trap() -> str:
    """Paragraphs of n characters and then a closing mark, for every n from 20 to 90: at
    any line width one mark falls just past the end of a line, where reportlab's own CJK
    wrap starts the next line with it (it does for ，；：？！》… though not for 。）)."""
    marks = "，；：？！》"
    return "\n".join("字" * n + marks[n % len(marks)] + "文字" for n in range(20, 91))


@pytest.mark.parametrize("layout", ["notes", "article"])
def test_no_line_starts_with_closing_punctuation(layout: str) -> None:
    trap = kinsoku_trap()
    outline = first_content_slide_edited(base_context().plan.outline, handout=trap)
    data = HandoutBackend().render(context(layout, outline)).outputs[0].data
    pages = [page.extract_text() for page in reader(data).pages]
    assert squeeze(trap) in reading_text(pages, outline.course.title)
    lines = [line.strip() for page in pages for line in page.splitlines() if line.strip()]
    assert len([line for line in lines if line.startswith("字")]) > 60
    for line in lines:
        assert line[0] not in FORBIDDEN_STARTS, line


def test_outline_text_list_leaves_out_trainer_only_fields() -> None:
    paths = [path for path, _ in handout_texts(base_context().plan)]
    assert "chapters[0].slides[0].title" in paths
    assert "chapters[0].discussion.question" in paths
    assert not [p for p in paths if p.endswith((".notes", ".hint", ".explanation"))]
    assert not [p for p in paths if ".trainer" in p or ".answer" in p]


# --- the real course -----------------------------------------------------------------------


@pytest.mark.skipif(not COURSE.exists(), reason="the course outline is not there yet")
@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_course_builds_with_every_title_and_no_trainer_text(layout: str) -> None:
    plan = base_context(COURSE).plan
    text = full_text(layout, COURSE)
    titles = [s.title for s in (plan.slides if layout != "article" else plan.content_slides)]
    assert_in_order("".join(squeeze(t) for t in page_texts(layout, COURSE)[3:]), titles)
    if layout != "grid":
        for slide in plan.content_slides:
            assert squeeze(slide.handout or "") in text
    for secret in trainer_only(plan, COURSE):
        assert squeeze(secret) not in text, secret


# --- pagination of longer courses -------------------------------------------------------------


@pytest.mark.parametrize(("layout", "chapters", "objectives"), [
    *((layout, 4, 4) for layout in LAYOUTS),  # was: chapter 4 alone on page 3
    *((layout, 6, 3) for layout in LAYOUTS),
    ("notes", 6, 5),  # too many for one column or two: a page of their own
    ("notes", 14, 4),  # more than a page even two to a row
])
def test_a_chapters_objectives_keep_their_heading_and_never_stand_alone_on_a_page(
    tmp_path: Path, layout: str, chapters: int, objectives: int
) -> None:
    base = prepare(write_course(tmp_path, chapters, objectives))
    built_context = replace(base, options=Options(layout=layout))
    pdf = reader(HandoutBackend().render(built_context).outputs[0].data)
    marks = {title: page for _, title, page in outline_items(pdf)}
    first, contents = marks[base.locale.course_info], marks[base.locale.contents]
    pages = [squeeze(pdf.pages[index].extract_text()) for index in range(first, contents)]
    holding: dict[int, set[int]] = {}  # page -> chapters with objectives on it
    for section in base.plan.chapter_sections():
        assert section.chapter is not None
        number = section.chapter.number
        found = {index for index, text in enumerate(pages) for item in range(1, objectives + 1)
                 if objective_key(number, item) in text}
        assert len(found) == 1, f"chapter {number}'s objectives are split over pages {found}"
        (page,) = found
        assert squeeze(section.name) in pages[page], f"chapter {number} lost its heading"
        holding.setdefault(page, set()).add(number)
    for page, numbers in holding.items():
        assert len(numbers) >= 2, f"page {first + page + 1} holds only chapter {numbers}"
    # Fitting them in must not push them past a page they would have fitted on.
    if chapters <= 6:
        assert len(holding) == 1


def test_a_grid_page_header_names_the_chapter_filling_most_of_the_page(tmp_path: Path) -> None:
    # Three slides a chapter (divider and two) take two grid rows, so pages begin with the
    # last row of one chapter and go on with two rows of the next.
    base = prepare(write_course(tmp_path, 6, 2, slides=2))
    plan = base.plan
    pdf = reader(HandoutBackend().render(replace(base, options=Options(layout="grid")))
                 .outputs[0].data)
    section_of = {squeeze(base.locale.bookmark.format(number=slide.number, title=slide.title)):
                  section.name for section in plan.sections for slide in section.slides}
    on_page: dict[int, list[str]] = {}
    for level, title, page in outline_items(pdf):
        if level == 1 and squeeze(title) in section_of:
            on_page.setdefault(page, []).append(section_of[squeeze(title)])
    # The page's header is drawn last: the last course title before the page number.
    title = re.escape(squeeze(plan.course.title))
    header = re.compile(r"^.*" + title + r"(.{1,40}?)第\d+页/共\d+页$")
    checked = 0
    for page, sections in on_page.items():
        counts = {name: sections.count(name) for name in sections}
        most = max(counts.values())
        leaders = [name for name, count in counts.items() if count == most]
        if len(counts) < 2 or len(leaders) > 1:
            continue
        found = header.search(squeeze(pdf.pages[page].extract_text()))
        assert found is not None
        assert found.group(1) == squeeze(leaders[0]), f"page {page + 1}: {counts}"
        checked += 1
    assert checked >= 3  # the course really has pages shared by two chapters


# --- text that does not fit the handout's own boxes ------------------------------------------


def long_subtitle_outline() -> Outline:
    outline = base_context().plan.outline
    course = outline.course.model_copy(update={"subtitle": "每种幻灯片类型各一页，" * 30})
    return outline.model_copy(update={"course": course})


def test_a_cover_text_that_overflows_fails_the_build_naming_its_field() -> None:
    """As the deck does; the cover used to leave the lines past its box out, silently."""
    with pytest.raises(BuildFailure) as failure:
        HandoutBackend().render(context("notes", long_subtitle_outline()))
    assert [problem.path for problem in failure.value.problems] == ["course.subtitle"]


def test_with_allow_overflow_the_cover_text_is_drawn_whole_and_warned_of() -> None:
    outline = long_subtitle_outline()
    result = HandoutBackend().render(context("notes", outline, allow_overflow=True))
    assert [problem.path for problem in result.warnings] == ["course.subtitle"]
    cover = squeeze(reader(result.outputs[0].data).pages[0].extract_text())
    assert squeeze(outline.course.subtitle or "") in cover


def test_a_missing_picture_reads_as_validation_says_it() -> None:
    """One fault, one message: validation, and the design step every slide-drawing backend
    runs (for a plan made without validation), word it the same."""
    from build_tools.outline.rules import check_outline

    base = base_context()
    outline = base.plan.outline
    chapters = list(outline.chapters)
    slides = [slide.model_copy(update={"image": slide.image.model_copy(
                  update={"path": "assets/none.png"})}) if slide.kind == "image" else slide
              for slide in chapters[1].slides]
    chapters[1] = chapters[1].model_copy(update={"slides": slides})
    edited = outline.model_copy(update={"chapters": chapters})
    [validation] = [p for p in check_outline(edited, base.project) if "image" in p.path]
    with pytest.raises(InputError) as failure:
        HandoutBackend().render(context("notes", edited))
    [problem] = failure.value.problems
    assert (problem.path, problem.message) == (validation.path, validation.message)


def test_a_link_in_a_reference_note_is_a_link() -> None:
    """Found in a trial course: ``note: 见[人民银行网站](https://…)`` came out as plain text
    on the references page (the locale's pattern dropped the spans)."""
    from build_tools.outline.model import Reference

    outline = base_context().plan.outline
    url = "https://example.com/reference-note"
    reference = Reference(title="法规", issuer="人民银行", year=2022,
                          note=f"见[网站]({url})")  # the model parses the markup
    edited = outline.model_copy(update={"references": [reference]})
    pdf = reader(HandoutBackend().render(context("notes", edited)).outputs[0].data)
    labels = base_context().locale
    page = pdf.pages[next(p for _, title, p in outline_items(pdf) if title == labels.references)]
    links = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots") or []]
    assert links == [url]


@pytest.mark.parametrize("chapters", [5, 6, 7, 8, 9])
def test_a_chapters_discussion_question_stays_on_the_page_of_its_takeaways(
        tmp_path: Path, chapters: int) -> None:
    """Found in a trial course: the last chapter's question began the next page, apart
    from its takeaways (要点回顾)."""
    from tests.generated_course import outline

    data = outline(chapters, 2)
    for chapter in data["chapters"]:
        number = chapter["number"]
        chapter["takeaways"] = [f"第{number}章要点{i}：互联网金融是新型金融业务模式，风险与机遇并存"
                                for i in range(1, 2 + number % 4)]
        chapter["discussion"]["question"] = f"第{number}章讨论：你用过哪些互联网金融服务？"
    source = tmp_path / "source" / "course.yaml"
    source.parent.mkdir(parents=True)
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    base = prepare(source)
    pdf = reader(HandoutBackend().render(base).outputs[0].data)
    marks = {title: page for _, title, page in outline_items(pdf)}
    first = marks[base.locale.takeaways]
    following = [page for page in sorted(set(marks.values())) if page > first]
    last = following[0] if following else len(pdf.pages)
    pages = [squeeze(pdf.pages[index].extract_text()) for index in range(first, last)]
    for number in range(1, chapters + 1):
        keys = [f"第{number}章要点1：", f"第{number}章讨论："]
        found = [{index for index, text in enumerate(pages) if key in text} for key in keys]
        assert all(len(where) == 1 for where in found), (number, found)
        assert found[0] == found[1], (f"chapter {number}: takeaways on {found[0]}, "
                                      f"question on {found[1]}")
