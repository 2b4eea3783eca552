"""A customer's template looks like theirs in every output, not like the house theme.

The every-kind fixture is built on a bank's template made in-test (``tests/customer.py``:
accent 1 green, accent 2 gold, a logo picture on the slide master). The deck's own shapes
(chevrons, table headers, chart series, panels) must name the template's scheme colours
(``a:schemeClr``), its runs the template's theme fonts; the design carries the resolved
RGB for the handout and the web deck, which draw the master's logo. The pixels of the
miniatures are checked in ``tests/clients/test_miniatures.py``; the house template's
look is pinned by the approval files.
"""

from __future__ import annotations

import base64
import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from build_tools.backends import ooxml
from build_tools.backends.base import Context
from build_tools.backends.deck.backend import DeckBackend
from build_tools.backends.handout.backend import HandoutBackend
from build_tools.backends.web.backend import WebBackend
from build_tools.cli import main
from build_tools.options import Options
from build_tools.pipeline import designed, prepare
from build_tools.theme import load_theme
from tests.conftest import ALLKINDS
from tests.customer import ACCENTS, LOGO_NAME, LOGO_RECT_IN, logo_png, make_customer_template
from tests.package_checks import problems

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
GREEN, GOLD = ACCENTS[0], ACCENTS[1]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Context, dict[str, bytes]]:
    """The fixture designed on the bank's template, and its deck's parts."""
    folder = tmp_path_factory.mktemp("customer")
    template = make_customer_template(folder / "bank.pptx")
    context = designed(prepare(ALLKINDS, Options(template=template, layout="notes")))
    deck = DeckBackend().render(replace(context)).outputs[0].data
    with zipfile.ZipFile(io.BytesIO(deck)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    return context, parts


def _slide(parts: dict[str, bytes], number: int) -> etree._Element:
    return etree.fromstring(parts[f"ppt/slides/slide{number}.xml"])


def _number_of(context: Context, kind: str) -> int:
    return next(s.number for s in context.plan.slides if s.kind == kind)


def _fill(shape: etree._Element) -> tuple[str, dict[str, str]] | None:
    """A shape's solid fill as (scheme slot or RGB, transforms)."""
    fill = shape.find(f"{P}spPr/{A}solidFill")
    if fill is None:
        fill = shape.find(f"{A}tcPr/{A}solidFill")
    if fill is None:
        return None
    colour = fill[0]
    return colour.get("val"), {etree.QName(t).localname: t.get("val") for t in colour}


def test_the_design_draws_in_the_templates_scheme(
        made: tuple[Context, dict[str, bytes]]) -> None:
    context, _ = made
    assert context.designs is not None and context.designs.palette is not None
    process = context.designs.of(_number_of(context, "process"))
    fills = [box.fill for box in process.boxes if box.geometry in ("homePlate", "chevron")]
    assert fills[0] == GREEN and "1F3A5F" not in fills  # not the house navy
    table = next(b.table for b in context.designs.of(_number_of(context, "table")).boxes
                 if b.table is not None)
    assert table.cells[0][0].fill == GREEN
    chart = next(b.chart for b in context.designs.of(_number_of(context, "chart")).boxes
                 if b.chart is not None)
    assert chart.series[0].colour == GREEN
    # The handout's and web deck's own headings and rules follow the template too.
    assert context.theme.colours.primary == GREEN


def test_the_decks_shapes_name_the_schemes_colours(
        made: tuple[Context, dict[str, bytes]]) -> None:
    context, parts = made
    process = _slide(parts, _number_of(context, "process"))
    chevrons = [sp for sp in process.iter(f"{P}sp")
                if sp.find(f"{P}spPr/{A}prstGeom") is not None
                and sp.find(f"{P}spPr/{A}prstGeom").get("prst") in ("homePlate", "chevron")]
    assert [_fill(sp) for sp in chevrons[:2]] == [("accent1", {}),
                                                  ("accent1", {"lumMod": "75000"})]
    table = _slide(parts, _number_of(context, "table"))
    header = next(table.iter(f"{A}tc"))
    assert _fill(header) == ("accent1", {})
    # The header's text: the background colour (white on green, by contrast).
    assert next(header.iter(f"{A}rPr")).find(f"{A}solidFill/{A}schemeClr").get("val") == "bg1"
    chart_part = next(name for name in parts if name.startswith("ppt/charts/chart"))
    chart = etree.fromstring(parts[chart_part])
    series_fill = next(chart.iter(f"{C}ser")).find(f"{C}spPr/{A}solidFill")
    assert series_fill[0].tag == f"{A}schemeClr" and series_fill[0].get("val") == "accent1"
    every_slide = b"".join(data for name, data in parts.items()
                           if re.fullmatch(r"ppt/slides/slide\d+\.xml", name))
    house = load_theme().colours
    for colour in (house.primary, house.accent, house.secondary):
        assert f'val="{colour}"'.encode() not in every_slide


def test_the_deck_uses_the_templates_fonts(made: tuple[Context, dict[str, bytes]]) -> None:
    context, parts = made
    slide = _slide(parts, _number_of(context, "bullets"))
    faces = {(etree.QName(e).localname, e.get("typeface"))
             for r in slide.iter(f"{A}rPr") for e in r.iter(f"{A}latin", f"{A}ea")}
    assert ("latin", "+mn-lt") in faces and ("ea", "+mn-ea") in faces
    assert ("latin", "+mj-lt") in faces  # the title: the theme's heading font
    assert not any(face == load_theme().fonts.deck_latin for _, face in faces)


def test_the_house_template_keeps_its_own_fonts_and_colours(
        allkinds_path: Path) -> None:
    context = designed(prepare(allkinds_path, Options()))
    assert context.designs is not None and context.designs.palette is not None
    assert not context.designs.palette.refs and not context.layouts.customer  # type: ignore[union-attr]
    deck = DeckBackend().render(context).outputs[0].data
    with zipfile.ZipFile(io.BytesIO(deck)) as package:
        slide = package.read("ppt/slides/slide4.xml")
    runs = {e.get("typeface") for e in etree.fromstring(slide).iter(f"{A}rPr")
            for e in e.iter(f"{A}latin")}
    assert runs == {load_theme().fonts.deck_latin}
    assert b'<a:srgbClr val="%s"/>' % load_theme().colours.accent.encode() in slide


def test_the_masters_logo_is_a_box_of_every_slide_that_shows_it(
        made: tuple[Context, dict[str, bytes]]) -> None:
    context, _ = made
    assert context.designs is not None
    bullets = context.designs.of(_number_of(context, "bullets"))
    logos = [b for b in bullets.boxes if b.name == LOGO_NAME]
    assert len(logos) == 1 and logos[0].from_layout and logos[0].image is not None
    assert logos[0].image.part is not None and logos[0].image.part.startswith("ppt/media/")
    # Where the group it is in draws it (its own offset is in the group's box).
    assert logos[0].rect == pytest.approx(tuple(v * 72 for v in LOGO_RECT_IN))
    # The title layout hides the master's shapes: no logo there, as on the slide.
    assert not [b for b in context.designs.of(1).boxes if b.name == LOGO_NAME]


def test_a_layouts_background_picture_is_a_box_under_everything(
        made: tuple[Context, dict[str, bytes]]) -> None:
    context, _ = made
    assert context.designs is not None
    closing = context.designs.slides[-1]
    assert closing.role == "closing"
    first = closing.boxes[0]
    assert first.name == "Background picture" and first.image is not None
    assert first.rect == (0.0, 0.0, closing.width_pt, closing.height_pt)
    assert not any(b.name == "Background picture" for d in context.designs.slides[:-1]
                   for b in d.boxes)


def test_the_web_deck_shows_the_logo_once_for_every_slide(
        made: tuple[Context, dict[str, bytes]]) -> None:
    context, _ = made
    html = WebBackend().render(context).outputs[0].data.decode("utf-8")
    logo = base64.b64encode(logo_png()).decode("ascii")
    assert html.count(logo) == 1  # in one style rule, not on every slide
    name = re.search(r"\.(tp-[\w-]+)\{[^}]*" + re.escape(logo[:40]), html)
    assert name is not None
    assert context.designs is not None
    with_logo = [d for d in context.designs.slides if any(b.name == LOGO_NAME for b in d.boxes)]
    assert html.count(f'class="{name.group(1)}"') == len(with_logo) > 1


def test_the_handout_embeds_the_logo_once(made: tuple[Context, dict[str, bytes]]) -> None:
    context, _ = made
    pdf = PdfReader(io.BytesIO(HandoutBackend().render(context).outputs[0].data))
    sizes = {(image.image.size if image.image is not None else None)
             for page in pdf.pages for image in page.images}
    assert (220, 110) in sizes  # the logo's own pixels (tests/customer.py)


def test_the_deck_on_the_bank_template_is_valid(tmp_path: Path) -> None:
    """openxml-audit and the package checks: scheme colours and theme fonts included."""
    template = make_customer_template(tmp_path / "bank.pptx")
    out = tmp_path / "out"
    assert main(["build", "slides", "--source", str(ALLKINDS), "--out", str(out),
                 "--template", str(template), "--allow-overflow"]) == 0
    assert problems(out / "course.pptx") == []


def test_an_edition_on_a_customer_template_names_a_face_for_its_script(
        made: tuple[Context, dict[str, bytes]]) -> None:
    """The template's east-asian face serves the language it was made for; a Traditional
    Chinese edition takes the theme's Hant face, else the edition's own."""
    from build_tools.backends.deck.layouts import DeckFaces, deck_faces

    context, _ = made
    layouts = context.layouts
    assert layouts is not None and layouts.customer
    assert deck_faces(layouts, "Arial", "YaHei", "zh-CN") == DeckFaces("+mn-lt", "+mn-ea",
                                                                       "+mj-lt")
    edition = deck_faces(layouts, "Arial", "Microsoft JhengHei", "zh-TW", edition=True)
    assert edition.east_asian == (layouts.scheme.minor_scripts.get("Hant")
                                  or "Microsoft JhengHei")
    assert edition.latin == "+mn-lt"
    house = replace(layouts, customer=False)
    assert deck_faces(house, "Arial", "YaHei", "zh-CN") == DeckFaces("Arial", "YaHei")


def test_a_background_that_refers_to_the_themes_styles_takes_their_colour(
        tmp_path: Path) -> None:
    """python-pptx's stock template: the master's background is ``p:bgRef`` to Background
    2 here (Office's tan, EEECE1); the designs' background says so (was white)."""
    from pptx import Presentation as open_deck

    prs = open_deck()
    names = {"Title Slide": "标题幻灯片", "Title and Content": "标题和内容",
             "Section Header": "节标题", "Title Only": "仅标题", "Blank": "空白"}
    for layout in prs.slide_layouts:
        layout.name = names.get(layout.name, layout.name)
    bg_ref = ooxml.element_of(prs.slide_master).find(f"{P}cSld/{P}bg/{P}bgRef")
    bg_ref[0].set("val", "bg2")
    template = tmp_path / "stock.pptx"
    prs.save(str(template))
    context = designed(prepare(ALLKINDS, Options(template=template, allow_overflow=True)))
    assert context.designs is not None
    assert {d.background for d in context.designs.slides} == {"EEECE1"}


def test_a_projects_own_template_is_a_customers_when_its_scheme_is_not_the_themes(
        tmp_path: Path) -> None:
    """A department may drop its template in as ``assets/template.pptx`` (the house
    template's override): it is told by its colour scheme, not by where it is; a template
    made from the theme by the house script is the house's."""
    from tests.corpus import copy_project

    source = copy_project(tmp_path / "project")
    project = source.parent.parent
    (project / "assets").mkdir(exist_ok=True)
    make_customer_template(project / "assets" / "template.pptx")
    context = designed(prepare(source, Options()))
    assert context.layouts is not None and context.layouts.customer
    assert context.theme.colours.primary == GREEN
    house = designed(prepare(ALLKINDS, Options()))
    assert house.layouts is not None and not house.layouts.customer


def test_a_project_that_changes_its_theme_colours_keeps_them_on_the_house_template(
        tmp_path: Path) -> None:
    """``course new`` writes colours into the project's theme.yaml: with the package's
    template (not regenerated) the shapes take those colours, as before."""
    from tests.corpus import copy_project

    source = copy_project(tmp_path / "project")
    project = source.parent.parent
    (project / "assets").mkdir(exist_ok=True)
    (project / "assets" / "theme.yaml").write_text('colours:\n  primary: "6A1B9A"\n',
                                                   encoding="utf-8")
    context = designed(prepare(source, Options()))
    assert context.layouts is not None and not context.layouts.customer
    assert context.theme.colours.primary == "6A1B9A"


def test_a_gradient_background_is_drawn_as_the_mean_of_its_stops(tmp_path: Path) -> None:
    """The miniatures and the web deck fill solid colours only: red to blue reads as
    purple there, not as white."""
    from pptx import Presentation as open_deck

    prs = open_deck()
    names = {"Title Slide": "标题幻灯片", "Title and Content": "标题和内容",
             "Section Header": "节标题", "Title Only": "仅标题", "Blank": "空白"}
    for layout in prs.slide_layouts:
        layout.name = names.get(layout.name, layout.name)
    bg = ooxml.element_of(prs.slide_master).find(f"{P}cSld/{P}bg")
    for child in list(bg):
        bg.remove(child)
    bg_pr = etree.SubElement(bg, f"{P}bgPr")
    stops = etree.SubElement(etree.SubElement(bg_pr, f"{A}gradFill"), f"{A}gsLst")
    for position, colour in (("0", "FF0000"), ("100000", "0000FF")):
        stop = etree.SubElement(stops, f"{A}gs", pos=position)
        etree.SubElement(stop, f"{A}srgbClr", val=colour)
    etree.SubElement(bg_pr, f"{A}effectLst")
    template = tmp_path / "gradient.pptx"
    prs.save(str(template))
    context = designed(prepare(ALLKINDS, Options(template=template, allow_overflow=True)))
    assert context.designs is not None
    assert {d.background for d in context.designs.slides} == {"800080"}
