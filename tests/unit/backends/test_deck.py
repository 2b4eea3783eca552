"""Specs for the slide deck backend, read back from the bytes it returns."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import posixpath
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn

from build_tools.backends import ooxml
from build_tools.backends.base import Context, Options
from build_tools.backends.deck.backend import DeckBackend
from build_tools.errors import BuildFailure, InputError
from build_tools.pipeline import prepare

EPOCH = 1_709_251_200  # 2024-03-01T00:00:00Z
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@pytest.fixture(scope="module")
def context(allkinds_path: Path) -> Context:
    return prepare(allkinds_path, Options(epoch=EPOCH))


@pytest.fixture(scope="module")
def allkinds_path() -> Path:  # module scope for the shared build
    from tests.conftest import ALLKINDS

    return ALLKINDS


@pytest.fixture(scope="module")
def data(context: Context) -> bytes:
    result = DeckBackend().render(context)
    assert [o.name for o in result.outputs] == [f"{context.stem}.pptx"]
    return result.outputs[0].data


@pytest.fixture(scope="module")
def deck(data: bytes):  # type: ignore[no-untyped-def]
    return Presentation(io.BytesIO(data))


@pytest.fixture(scope="module")
def package(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def _slide_xml(package: zipfile.ZipFile) -> dict[str, etree._Element]:
    return {name: etree.fromstring(package.read(name)) for name in package.namelist()
            if re.match(r"ppt/(slides|notesSlides)/\w+\.xml$", name)}


def _copy_project(source: Path, target: Path) -> Path:
    project = source.parent.parent
    shutil.copytree(project, target / "project")
    return target / "project" / "source" / source.name


# --- structure ----------------------------------------------------------------------------


def test_it_has_one_slide_per_planned_slide_in_order(deck, context: Context) -> None:  # type: ignore[no-untyped-def]
    assert len(deck.slides) == len(context.plan.slides)
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles == [planned.title for planned in context.plan.slides]


def test_it_gives_every_slide_a_real_unique_title(deck) -> None:  # type: ignore[no-untyped-def]
    titles = [slide.shapes.title for slide in deck.slides]
    assert all(title is not None and title.is_placeholder for title in titles)
    texts = [title.text for title in titles]
    assert len(texts) == len(set(texts))


def test_it_writes_one_section_per_plan_section(deck, context: Context) -> None:  # type: ignore[no-untyped-def]
    ids = [slide.slide_id for slide in deck.slides]
    expected = [
        (section.name, [ids[s.number - 1] for s in section.slides])
        for section in context.plan.sections
    ]
    assert ooxml.read_sections(deck) == expected


def test_it_puts_the_notes_on_every_slide(deck, context: Context) -> None:  # type: ignore[no-untyped-def]
    for slide, planned in zip(deck.slides, context.plan.slides, strict=True):
        assert slide.has_notes_slide
        assert slide.notes_slide.notes_text_frame.text == planned.notes


def test_it_sets_the_east_asian_font_and_chinese_on_every_run(package) -> None:  # type: ignore[no-untyped-def]
    runs = 0
    for name, root in _slide_xml(package).items():
        for run in root.iter(qn("a:r"), qn("a:fld")):
            runs += 1
            rPr = run.find(qn("a:rPr"))
            assert rPr is not None, name
            assert rPr.get("lang") == "zh-CN", name
            children = [etree.QName(c).localname for c in rPr]
            assert "ea" in children and children.index("ea") == children.index("latin") + 1
            assert rPr.find(qn("a:ea")).get("typeface") == "Microsoft YaHei"
    assert runs > 100


def test_it_numbers_and_footers_every_slide_but_the_title(deck, context: Context) -> None:  # type: ignore[no-untyped-def]
    course = context.plan.course
    for index, slide in enumerate(deck.slides, start=1):
        kinds = {p.placeholder_format.type: p for p in slide.placeholders}
        if index == 1:
            assert PP_PLACEHOLDER.SLIDE_NUMBER not in kinds
            assert PP_PLACEHOLDER.FOOTER not in kinds
            continue
        number = kinds[PP_PLACEHOLDER.SLIDE_NUMBER]
        fields = list(number._element.iter(qn("a:fld")))
        assert [f.get("type") for f in fields] == ["slidenum"]
        assert fields[0].find(qn("a:t")).text == str(index)
        footer = kinds[PP_PLACEHOLDER.FOOTER].text_frame.text
        assert footer.startswith(course.title + " · ")
        assert str(course.date.year) in footer


def test_it_leaves_no_empty_placeholder(deck) -> None:  # type: ignore[no-untyped-def]
    for slide in deck.slides:
        for placeholder in slide.placeholders:
            assert placeholder.has_text_frame and placeholder.text_frame.text.strip()


def test_it_turns_autofit_off_everywhere(package) -> None:  # type: ignore[no-untyped-def]
    for name in package.namelist():
        if name.endswith(".xml") and name.startswith("ppt/slide"):
            assert b"normAutofit" not in package.read(name), name


# --- kinds --------------------------------------------------------------------------------


def _slide_of(deck, context: Context, kind: str):  # type: ignore[no-untyped-def]
    planned = next(s for s in context.plan.slides if s.kind == kind)
    return deck.slides[planned.number - 1], planned


def test_it_draws_a_table_as_a_real_table(deck, context: Context) -> None:  # type: ignore[no-untyped-def]
    slide, planned = _slide_of(deck, context, "table")
    tables = [s for s in slide.shapes if s.has_table]
    assert len(tables) == 1
    table = tables[0].table
    spec = planned.content.table
    assert len(table.rows) == len(spec.rows) + 1 and len(table.columns) == len(spec.columns)
    assert [table.cell(0, c).text for c in range(len(spec.columns))] == spec.columns
    assert table.cell(1, 1).text == spec.rows[0][1]


def test_it_draws_a_native_chart_from_the_data(deck, context: Context) -> None:  # type: ignore[no-untyped-def]
    slide, planned = _slide_of(deck, context, "chart")
    charts = [s for s in slide.shapes if s.has_chart]
    assert len(charts) == 1
    plot = charts[0].chart.plots[0]
    spec = planned.content.chart
    assert list(plot.categories) == spec.categories
    assert list(plot.series[0].values) == spec.series[0].values


def test_it_draws_process_and_timeline_with_native_autoshapes(deck, context: Context) -> None:  # type: ignore[no-untyped-def]
    slide, planned = _slide_of(deck, context, "process")
    presets = [s._element.spPr.prstGeom.get("prst") for s in slide.shapes
               if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    steps = len(planned.content.steps)
    assert presets.count("homePlate") + presets.count("chevron") == steps
    slide, planned = _slide_of(deck, context, "timeline")
    presets = [s._element.spPr.prstGeom.get("prst") for s in slide.shapes
               if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    assert presets.count("ellipse") == len(planned.content.events)


def test_it_gives_the_picture_its_alt_text(deck, context: Context) -> None:  # type: ignore[no-untyped-def]
    slide, planned = _slide_of(deck, context, "image")
    pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == planned.content.image.alt


def test_it_writes_bullets_with_bold_lead_ins_and_level_two_points(deck, context: Context) -> None:  # type: ignore[no-untyped-def]
    slide, planned = _slide_of(deck, context, "bullets")
    body = next(p for p in slide.placeholders if p.placeholder_format.idx == 1)
    paragraphs = body.text_frame.paragraphs
    first = planned.content.points[0]
    assert paragraphs[0].runs[0].text.startswith(first.lead) and paragraphs[0].runs[0].font.bold
    assert [p.level for p in paragraphs].count(1) == sum(len(p.sub) for p in planned.content.points)
    sizes = {run.font.size.pt for p in paragraphs if p.level == 0 for run in p.runs}
    assert len(sizes) == 1  # one explicit size, chosen by the fit check


# --- package hygiene ----------------------------------------------------------------------


def test_it_gives_shapes_unique_ids_on_every_slide(package) -> None:  # type: ignore[no-untyped-def]
    for name, root in _slide_xml(package).items():
        ids = [e.get("id") for e in root.iter(qn("p:cNvPr"))]
        assert ids and len(ids) == len(set(ids)), name


def test_it_leaves_no_dangling_relationship(package) -> None:  # type: ignore[no-untyped-def]
    names = set(package.namelist())
    for rels in (n for n in names if n.endswith(".rels")):
        folder = posixpath.dirname(posixpath.dirname(rels))
        source = posixpath.join(folder, posixpath.basename(rels)[: -len(".rels")])
        root = etree.fromstring(package.read(rels))
        ids = set()
        for rel in root:
            ids.add(rel.get("Id"))
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target")))
            assert target.lstrip("/") in names, (rels, rel.get("Target"))
        if source in names and source.endswith(".xml"):
            used = set(etree.fromstring(package.read(source)).xpath("//@r:*", namespaces={"r": R}))
            assert used <= ids, (source, used - ids)


def test_it_sets_core_properties_from_the_course(deck, context: Context) -> None:  # type: ignore[no-untyped-def]
    core = deck.core_properties
    course = context.plan.course
    assert (core.title, core.author, core.language) == (course.title, course.presenter, "zh-CN")
    assert core.created == dt.datetime(2024, 3, 1)
    assert core.keywords == ", ".join(course.keywords)


def test_it_is_byte_identical_across_builds(context: Context, data: bytes) -> None:
    again = DeckBackend().render(context).outputs[0].data
    assert hashlib.sha256(again).hexdigest() == hashlib.sha256(data).hexdigest()


def test_it_is_reproducible_without_an_epoch(context: Context) -> None:
    plain = dataclasses.replace(context, options=Options())
    first = DeckBackend().render(plain).outputs[0].data
    assert DeckBackend().render(plain).outputs[0].data == first


# --- overflow -----------------------------------------------------------------------------


@pytest.fixture
def overlong(allkinds_path: Path, tmp_path: Path) -> Path:
    source = _copy_project(allkinds_path, tmp_path)
    text = source.read_text(encoding="utf-8")
    short = "text: 便捷性、高效性、普惠性、风险性。"
    assert short in text
    source.write_text(text.replace(short, "text: " + "便捷性、高效性、普惠性、风险性。" * 100),
                      encoding="utf-8")
    return source


def test_it_fails_on_overflow_naming_the_slide_and_the_box(overlong: Path) -> None:
    with pytest.raises(BuildFailure) as raised:
        DeckBackend().render(prepare(overlong))
    problems = raised.value.problems
    assert [p.path for p in problems] == ["chapters[0].slides[0].points"]
    message = problems[0].message
    assert message.startswith("slide 4 '要点版式': text overflows box 'body' by ")
    assert "pt at the smallest size 14 pt: cut about " in message
    assert message.endswith("characters), or split the slide"), message


def test_it_turns_overflow_into_a_warning_when_allowed(overlong: Path) -> None:
    result = DeckBackend().render(prepare(overlong, Options(allow_overflow=True)))
    assert len(result.outputs) == 1
    assert [p.path for p in result.warnings] == ["chapters[0].slides[0].points"]


# --- templates ----------------------------------------------------------------------------


def test_it_lists_every_missing_layout_and_placeholder_of_a_template(
    context: Context, tmp_path: Path
) -> None:
    prs = Presentation(str(context.theme.path(context.theme.deck.template)))
    for layout in prs.slide_layouts:
        if layout.name == "Quote":
            layout.name = "Zitat"
        if layout.name == "Bullets":
            footer = next(p for p in layout.placeholders
                          if p.placeholder_format.type == PP_PLACEHOLDER.FOOTER)
            footer._element.getparent().remove(footer._element)
    template = tmp_path / "customer.pptx"
    prs.save(str(template))
    with pytest.raises(InputError) as raised:
        DeckBackend().render(dataclasses.replace(context, options=Options(template=template)))
    messages = [str(problem) for problem in raised.value.problems]
    assert len(messages) == 2
    assert all(message.startswith(f"{template}: ") for message in messages)
    assert any("missing layout for quote slides" in m for m in messages)
    assert any("'Bullets' (for bullets slides) has no footer placeholder" in m for m in messages)


def test_it_builds_on_a_stock_template_with_chinese_layout_names(
    context: Context, tmp_path: Path
) -> None:
    prs = Presentation()
    names = {
        "Title Slide": "标题幻灯片", "Title and Content": "标题和内容", "Section Header": "节标题",
        "Two Content": "两栏内容", "Comparison": "比较", "Title Only": "仅标题", "Blank": "空白",
    }
    for layout in prs.slide_layouts:
        layout.name = names.get(layout.name, layout.name)
    template = tmp_path / "stock.pptx"
    prs.save(str(template))
    options = Options(template=template, allow_overflow=True, epoch=EPOCH)
    result = DeckBackend().render(dataclasses.replace(context, options=options))
    deck = Presentation(io.BytesIO(result.outputs[0].data))
    used = [slide.slide_layout.name for slide in deck.slides]
    assert used[:3] == ["标题幻灯片", "仅标题", "节标题"]
    assert used[3] == "标题和内容"
    assert len(deck.slides) == len(context.plan.slides)


def test_it_reports_a_file_that_is_no_template(context: Context, tmp_path: Path) -> None:
    template = tmp_path / "broken.pptx"
    template.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        DeckBackend().render(dataclasses.replace(context, options=Options(template=template)))
    assert str(template) in str(raised.value)



def test_it_leaves_the_garbage_collector_as_it_found_it(context: Context) -> None:
    import gc

    frozen = gc.get_freeze_count()
    DeckBackend().render(dataclasses.replace(context, options=Options(epoch=EPOCH)))
    assert gc.get_freeze_count() == frozen and gc.isenabled()


def test_each_table_cell_keeps_the_designs_vertical_anchor(context: Context,
                                                           tmp_path: Path) -> None:
    """``a:tcPr/@anchor`` read back from the built deck is the design's cell anchor, for a
    design mixing top, middle and bottom cells; the deck stays schema-valid."""
    from build_tools.design import boxes
    from build_tools.pipeline import designed
    from tests.package_checks import problems

    designed_context = designed(context)
    assert designed_context.designs is not None
    number = next(s.number for s in context.plan.slides if s.kind == "table")
    slide = designed_context.designs.of(number)
    cycle = ("t", "ctr", "b")

    def mixed(box: boxes.Box) -> boxes.Box:
        if box.table is None:
            return box
        cells = tuple(
            tuple(dataclasses.replace(cell, text=dataclasses.replace(
                cell.text, anchor=cycle[(r + c) % 3])) for c, cell in enumerate(row))
            for r, row in enumerate(box.table.cells))
        return dataclasses.replace(box, table=dataclasses.replace(box.table, cells=cells))

    slides = list(designed_context.designs.slides)
    slides[number - 1] = dataclasses.replace(slide, boxes=tuple(map(mixed, slide.boxes)))
    changed = dataclasses.replace(designed_context, designs=dataclasses.replace(
        designed_context.designs, slides=tuple(slides)))
    data = DeckBackend().render(changed).outputs[0].data
    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(
        f"ppt/slides/slide{number}.xml"))
    tables = xml.findall(f".//{qn('a:tbl')}")
    assert len(tables) == 1
    written = [[tc.find(qn("a:tcPr")).get("anchor") for tc in tr.findall(qn("a:tc"))]
               for tr in tables[0].findall(qn("a:tr"))]
    designed_table = next(b.table for b in slides[number - 1].boxes if b.table is not None)
    assert written == [[cell.text.anchor for cell in row] for row in designed_table.cells]
    assert {a for row in written for a in row} == set(cycle)
    deck = tmp_path / "mixed.pptx"
    deck.write_bytes(data)
    assert problems(deck) == []


def test_the_native_chart_shows_what_the_designs_marks_show(data: bytes,
                                                            context: Context) -> None:
    """Same value axis (ends, major unit), number formats, series colours as the design's
    bars, no rotated axis title; the unit and the source are labelled text on the slide."""
    from build_tools.design.chart_marks import ChartRect, ChartText
    from build_tools.outline.model import ChartSlide
    from build_tools.pipeline import designed

    designs = designed(context).designs
    assert designs is not None
    planned = next(s for s in context.plan.slides if s.kind == "chart")
    design = designs.of(planned.number)
    spec = next(b.chart for b in design.boxes if b.chart is not None)
    assert spec is not None and spec.axis is not None
    package = zipfile.ZipFile(io.BytesIO(data))
    (name,) = [n for n in package.namelist() if re.match(r"ppt/charts/chart\d+\.xml$", n)]
    C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    chart = etree.fromstring(package.read(name))
    scaling = chart.find(f".//{C}valAx/{C}scaling")
    written = (float(scaling.find(f"{C}min").get("val")), float(scaling.find(f"{C}max").get("val")),
               float(chart.find(f".//{C}valAx/{C}majorUnit").get("val")))
    assert written == spec.axis
    ticks = [m.text for m in spec.marks if isinstance(m, ChartText) and m.anchor == "end"]
    low, high, step = spec.axis
    assert ticks == [f"{low + step * i:g}" for i in range(round((high - low) / step) + 1)]
    assert chart.find(f".//{C}valAx/{C}numFmt").get("formatCode") == spec.number_format
    assert chart.find(f".//{C}dLbls/{C}numFmt").get("formatCode") == spec.number_format
    assert chart.find(f".//{C}valAx/{C}title") is None
    fills = [ser.find(f"{C}spPr/{qn('a:solidFill')}/{qn('a:srgbClr')}").get("val")
             for ser in chart.iter(f"{C}ser")]
    bars = [m.fill for m in spec.marks if isinstance(m, ChartRect) and m.w != m.h]
    assert fills == [s.colour for s in spec.series] and set(bars) == set(fills)
    slide = Presentation(io.BytesIO(data)).slides[planned.number - 1]
    deck_text = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    assert isinstance(planned.content, ChartSlide)
    chart_spec = planned.content.chart
    words = context.plan.locale
    assert words.chart_unit.format(unit=chart_spec.unit) in deck_text
    assert words.chart_source.format(source=chart_spec.source) in deck_text


def test_the_native_category_labels_turn_exactly_when_the_marks_do(tmp_path: Path) -> None:
    """``c:catAx/c:txPr/a:bodyPr/@rot`` is the design's category label angle: -45 degrees
    for the long quarter names of the chart fixture, level elsewhere."""
    from build_tools.pipeline import designed
    from tests.conftest import CHARTS

    context = designed(prepare(CHARTS, Options(epoch=EPOCH)))
    assert context.designs is not None
    data = DeckBackend().render(context).outputs[0].data
    package = zipfile.ZipFile(io.BytesIO(data))
    C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    angles = {}
    for slide in context.designs.slides:
        spec = next((b.chart for b in slide.boxes if b.chart is not None), None)
        if spec is None or spec.type == "pie":
            continue
        rels = etree.fromstring(package.read(f"ppt/slides/_rels/slide{slide.number}.xml.rels"))
        (target,) = [r.get("Target") for r in rels if r.get("Target").startswith("../charts/")]
        chart = etree.fromstring(package.read(posixpath.normpath(
            posixpath.join("ppt/slides", target))))
        body = chart.find(f".//{C}catAx/{C}txPr/{qn('a:bodyPr')}")
        angles[slide.number] = (int(body.get("rot")) / 60000, spec.category_label_deg)
    assert all(written == designed for written, designed in angles.values())
    assert {designed for _, designed in angles.values()} == {0.0, -45.0}


def test_code_in_a_table_cell_keeps_the_monospace_face(allkinds_path: Path,
                                                       tmp_path: Path) -> None:
    """Found in a trial course: `mail.example.com` in a table cell came out in the body
    face (the slide's final font pass reset every cell run), though the fit check measured
    it in the monospace one."""
    source = _copy_project(allkinds_path, tmp_path)
    text = source.read_text(encoding="utf-8")
    old = "- [中国证监会, 负责互联网基金销售等证券业务的监督管理。]"
    assert old in text
    source.write_text(text.replace(old, '- [中国证监会, "网址 `csrc.gov.cn`"]'), encoding="utf-8")
    context = prepare(source, Options(epoch=EPOCH))
    deck = Presentation(io.BytesIO(DeckBackend().render(context).outputs[0].data))
    slide, _ = _slide_of(deck, context, "table")
    (frame,) = [s for s in slide.shapes if s.has_table]
    runs = {run.text: run for paragraph in frame.table.cell(2, 1).text_frame.paragraphs
            for run in paragraph.runs}
    assert runs["csrc.gov.cn"].font.name == context.theme.fonts.mono
    assert runs["网址 "].font.name != context.theme.fonts.mono
