"""Read a .pptx into ``DeckData``: texts with levels and bold runs, tables, charts,
pictures, notes and sections, every shape in reading order.

python-pptx 1.0.2 has public API for nearly all of it. Where it has none (alt text, a
graphic frame's SmartArt, the section list, app.xml's Company), the XML is read through
the public ``.element`` / ``.part`` accessors, never ``_element``; each such place says so.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.exc import PythonPptxError

from build_tools.errors import InputError
from build_tools.importer.deck import (
    Box,
    ChartItem,
    DeckData,
    DroppedItem,
    Item,
    Paragraph,
    PictureItem,
    Run,
    SectionData,
    SeriesData,
    SlideData,
    TableItem,
    TextItem,
)
from build_tools.importer.package import bad, check_package

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "p14": "http://schemas.microsoft.com/office/powerpoint/2010/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
}
SMARTART_URI = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_CONTROL = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\x7f]")
_FILE_NAME = re.compile(r"^[\w\- .]+\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg)$", re.IGNORECASE)
_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE}
_FURNITURE = {PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.HEADER}


def read_deck(file: Path) -> DeckData:
    """The deck as plain data; bad or corrupt input raises ``InputError`` naming ``file``."""
    check_package(file)
    try:
        prs = Presentation(str(file))
    except (PythonPptxError, KeyError, ValueError, AttributeError, TypeError, IndexError,
            etree.LxmlError, zipfile.BadZipFile) as error:
        # python-pptx 1.0.2 meets a malformed package (content types without their
        # namespace, a missing main part, XML that does not parse) with whichever of these
        # the first broken access raises: all mean the file is corrupt.
        raise _corrupt(file, error) from None
    try:
        return _deck(file, prs)
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile) as error:
        # A dangling relationship or a part that does not parse, met while reading slides.
        raise _corrupt(file, error) from None


def _corrupt(file: Path, error: Exception) -> InputError:
    detail = " ".join(str(error).split())[:100]
    return bad(file, f"expected a readable PowerPoint deck; it is corrupt "
                     f"({type(error).__name__}: {detail})")


def clean(text: str) -> str:
    """Line breaks (python-pptx reads ``a:br`` as a vertical tab) as newlines; no controls."""
    return _CONTROL.sub("", text.replace("\v", "\n").replace("\r", ""))


def _deck(file: Path, prs: Any) -> DeckData:
    core = prs.core_properties
    created = core.created or core.modified
    slides = tuple(_slide(number, slide, prs.slide_height)
                   for number, slide in enumerate(prs.slides, start=1))
    return DeckData(
        slides=slides,
        sections=_sections(prs),
        title=clean(core.title or ""),
        subject=clean(core.subject or ""),
        author=clean(core.author or ""),
        keywords=clean(core.keywords or ""),
        company=_company(file),
        created=created.date() if created else None,
        slide_height=int(prs.slide_height or 6858000),
    )


def _sections(prs: Any) -> tuple[SectionData, ...]:
    # python-pptx 1.0.2 has no API for sections: read p14:sectionLst from the public
    # ``Presentation.element`` (the p:presentation element).
    found = prs.element.findall("p:extLst/p:ext/p14:sectionLst/p14:section", NS)
    return tuple(
        SectionData(clean(section.get("name", "")),
                    tuple(int(s.get("id")) for s in section.findall("p14:sldIdLst/p14:sldId", NS)))
        for section in found
    )


def _company(file: Path) -> str:
    """app.xml's Company: python-pptx 1.0.2 reads core properties only."""
    with zipfile.ZipFile(file) as package:
        try:
            data = package.read("docProps/app.xml")
        except KeyError:
            return ""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return ""
    company = root.find("ep:Company", NS)
    return clean(company.text or "") if company is not None else ""


def _slide(number: int, slide: Any, height: int) -> SlideData:
    items = list(_items(slide.shapes, slide, ""))
    items.sort(key=lambda item: _reading_key(item.box, height))
    notes = ""
    if slide.has_notes_slide:
        frame = slide.notes_slide.notes_text_frame
        notes = clean(frame.text).strip() if frame is not None else ""
    layout = slide.slide_layout
    # The layout type survives renaming and translation; python-pptx 1.0.2 has no API
    # for it, so it is read from the public ``SlideLayout.element`` (p:sldLayout@type).
    layout_type = layout.element.get("type") or ""
    return SlideData(number, int(slide.slide_id), layout.name or "", tuple(items), notes,
                     layout_type)


def _reading_key(box: Box, height: int) -> tuple[int, int]:
    """Rows first, then left to right; tops within 1/40 of the slide count as one row."""
    band = max(height // 40, 1)
    return (box.top // band, box.left)


def _box(shape: Any) -> Box:
    return Box(int(shape.left or 0), int(shape.top or 0), int(shape.width or 0),
               int(shape.height or 0))


def _items(shapes: Iterable[Any], slide: Any, origin: str) -> Iterator[Item]:
    for shape in shapes:
        kind = shape.shape_type
        name = shape.name or ""
        if kind == MSO_SHAPE_TYPE.GROUP:
            children = list(_items(shape.shapes, slide, "group"))
            # A group's children keep the group's place in the slide's reading order;
            # inside it they are read in their own order.
            children.sort(key=lambda item: _reading_key(item.box, 1 << 40))
            for child in children:
                yield _moved(child, _box(shape))
            continue
        if shape.is_placeholder and shape.placeholder_format.type in _FURNITURE:
            continue
        if getattr(shape, "has_table", False) and shape.has_table:
            yield TableItem(name, _table(shape.table), _box(shape))
        elif getattr(shape, "has_chart", False) and shape.has_chart:
            yield _chart(shape)
        elif kind == MSO_SHAPE_TYPE.PICTURE or _is_picture_placeholder(shape):
            yield _picture(shape)
        elif _is_smartart(shape):
            yield TextItem(name or "SmartArt", "text", _smartart(shape, slide), _box(shape),
                           origin="smartart")
        elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            paragraphs = _paragraphs(shape.text_frame.paragraphs)
            if paragraphs:
                yield TextItem(name, _role(shape), paragraphs, _box(shape),
                               _idx(shape), origin)
            elif _role(shape) == "title":
                yield TextItem(name, "title", (), _box(shape), _idx(shape), origin)
        elif kind in (MSO_SHAPE_TYPE.MEDIA, MSO_SHAPE_TYPE.EMBEDDED_OLE_OBJECT,
                      MSO_SHAPE_TYPE.LINKED_OLE_OBJECT, MSO_SHAPE_TYPE.WEB_VIDEO):
            yield DroppedItem(name, str(kind).split(" ")[0].lower(), _box(shape))
        elif shape.element.tag.endswith("}graphicFrame"):
            yield DroppedItem(name, "graphic frame", _box(shape))


def _moved(item: Item, group: Box) -> Item:
    """Children of a group take the group's position for the slide's reading order."""
    from dataclasses import replace

    return replace(item, box=Box(group.left, group.top, item.box.width, item.box.height))


def _idx(shape: Any) -> int | None:
    return int(shape.placeholder_format.idx) if shape.is_placeholder else None


def _role(shape: Any) -> str:
    if not shape.is_placeholder:
        return "text"
    kind = shape.placeholder_format.type
    if kind in _TITLES:
        return "title"
    if kind == PP_PLACEHOLDER.SUBTITLE:
        return "subtitle"
    if kind == PP_PLACEHOLDER.DATE:  # furniture, except that a title slide's date counts
        return "date"
    return "body"


def _paragraphs(paragraphs: Iterable[Any]) -> tuple[Paragraph, ...]:
    found: list[Paragraph] = []
    for paragraph in paragraphs:
        level = int(paragraph.level or 0)
        whole = paragraph.text  # python-pptx 1.0.2 reads a:br as a vertical tab here
        if "\v" in whole:
            # Runs do not show line breaks: each broken line becomes a paragraph of its own
            # (pandoc puts subtitle and author in one paragraph this way).
            found.extend(Paragraph((Run(clean(line).strip()),), level)
                         for line in whole.split("\v") if clean(line).strip())
            continue
        runs = []
        for run in paragraph.runs:
            text = clean(run.text)
            if text:
                runs.append(Run(text, bool(run.font.bold)))
        if not runs and whole.strip():
            runs = [Run(clean(whole))]  # text in fields only
        if "".join(r.text for r in runs).strip():
            found.append(Paragraph(tuple(runs), level))
    return tuple(found)


def _table(table: Any) -> tuple[tuple[str, ...], ...]:
    return tuple(
        tuple(" ".join(clean(cell.text).split("\n")).strip() for cell in row.cells)
        for row in table.rows
    )


def _chart(shape: Any) -> ChartItem:
    chart = shape.chart
    try:
        chart_type = chart.chart_type.name
    except (NotImplementedError, KeyError, AttributeError):
        chart_type = "UNKNOWN"
    plot = chart.plots[0] if len(chart.plots) else None
    categories: tuple[str, ...] = ()
    series: tuple[SeriesData, ...] = ()
    if plot is not None:
        categories = tuple(clean(str(label)) for label in plot.categories)
        series = tuple(SeriesData(clean(s.name or ""), tuple(s.values)) for s in plot.series)
    value_title = None
    try:
        axis = chart.value_axis
        if axis.has_title and axis.axis_title.has_text_frame:
            value_title = clean(axis.axis_title.text_frame.text).strip() or None
    except (ValueError, AttributeError):  # a pie has no value axis
        value_title = None
    return ChartItem(shape.name or "", chart_type, categories, series, value_title, _box(shape))


def _is_picture_placeholder(shape: Any) -> bool:
    return bool(shape.is_placeholder and hasattr(shape, "image")
                and shape.element.find(".//" + "{{{}}}blip".format(NS["a"])) is not None)


def _picture(shape: Any) -> Item:
    # Alt text: python-pptx 1.0.2 has no API; cNvPr@descr via the public ``.element``.
    c_nv_pr = shape.element.find(".//p:cNvPr", NS)
    alt = clean(c_nv_pr.get("descr", "") if c_nv_pr is not None else "").strip()
    if _FILE_NAME.match(alt):  # python-pptx and some editors put the file name there
        alt = ""
    try:
        image = shape.image
        return PictureItem(shape.name or "", image.blob, image.ext.lower(), alt, _box(shape))
    except (AttributeError, KeyError, ValueError):
        return DroppedItem(shape.name or "", "linked picture", _box(shape))


def _is_smartart(shape: Any) -> bool:
    if not shape.element.tag.endswith("}graphicFrame"):
        return False
    data = shape.element.find(".//a:graphicData", NS)
    return data is not None and data.get("uri") == SMARTART_URI


def _smartart(shape: Any, slide: Any) -> tuple[Paragraph, ...]:
    """SmartArt's text lives in its data part (dgm:dataModel): nodes in document order.

    python-pptx 1.0.2 has no SmartArt API: the relationship id comes from the public
    ``.element`` and the part from the public ``Part.related_part``.
    """
    rel = shape.element.find(".//dgm:relIds", NS)
    if rel is None:
        return ()
    try:
        part = slide.part.related_part(rel.get("{{{}}}dm".format(NS["r"])))
        root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False,
                                                            no_network=True))
    except (KeyError, etree.XMLSyntaxError):
        return ()
    found = []
    for point in root.findall("dgm:ptLst/dgm:pt", NS):
        if point.get("type", "node") != "node":
            continue
        text = "".join(t.text or "" for t in point.findall(".//a:t", NS))
        if clean(text).strip():
            found.append(Paragraph((Run(clean(text).strip()),)))
    return tuple(found)
