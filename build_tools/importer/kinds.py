"""Map one content slide to a slide kind and its fields.

Our own decks come back exactly (``own_kinds``). Any other deck is read by what is on the
slide: a table, a chart, a picture, two text columns, else bullets. What cannot be carried
over is listed in ``Mapped.dropped`` (a YAML comment and a report line), never silently.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

from build_tools.importer.deck import (
    ChartItem,
    DroppedItem,
    Paragraph,
    PictureItem,
    SlideData,
    TableItem,
    TextItem,
)
from build_tools.importer.limits import fit_text
from build_tools.importer.mapped import Mapped, Picture, lines, points_of, short
from build_tools.importer.own_kinds import own_kind
from build_tools.importer.words import words
from build_tools.limits import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS

IMAGE_EXTENSIONS = {"png": "png", "jpg": "jpg", "jpeg": "jpg", "gif": "gif", "bmp": "bmp",
                    "tiff": "tiff", "tif": "tiff"}
CHART_TYPES = {"COLUMN": "column", "BAR": "bar", "LINE": "line", "PIE": "pie",
               "DOUGHNUT": "pie"}


# --- the mapping -------------------------------------------------------------------------


def map_slide(slide: SlideData) -> Mapped:
    body = [t for t in slide.texts() if t.role not in ("title", "date")]
    own = own_kind(slide, body)
    if own is not None:
        return own
    tables, charts = slide.of(TableItem), slide.of(ChartItem)
    pictures: list[PictureItem] = slide.of(PictureItem)
    dropped = [f"{d.what} '{d.name}'" for d in slide.of(DroppedItem)]
    text_items = [t for t in body if t.text.strip()]
    if tables:
        mapped = _table(tables[0], dropped)
        if mapped is not None:
            return _with_rest(mapped, text_items, tables[1:] + charts + pictures)
    if charts:
        mapped = _chart(charts[0], text_items, dropped)
        if mapped is not None:
            return _with_rest(mapped, [], tables + charts[1:] + pictures)
    usable = [p for p in pictures if p.ext in IMAGE_EXTENSIONS and _within_limits(p)]
    words_on_slide = sum(len(t.text) for t in text_items)
    if usable and words_on_slide <= 120 and len(text_items) <= 1:
        picture = max(usable, key=lambda p: p.box.width * p.box.height)
        mapped = _image(picture, text_items, dropped)
        return _with_rest(mapped, [], [p for p in pictures if p is not picture] + tables + charts)
    columns = _two_columns(body)
    if columns is not None and not tables and not charts and not pictures:
        return Mapped("comparison", {"columns": columns}, "two text columns", dropped)
    return _bullets(body, dropped, [*tables, *charts, *pictures])


def _with_rest(mapped: Mapped, texts: list[TextItem], others: list[Any]) -> Mapped:
    """Name what the chosen kind leaves out: further tables, charts, pictures and text."""
    for item in others:
        mapped.dropped.append(f"{type(item).__name__.removesuffix('Item').lower()} "
                              f"'{item.name}'")
    for item in texts:
        mapped.dropped.append(f"text '{short(item.text)}'")
    return mapped


def _bullets(body: list[TextItem], dropped: list[str],
             others: list[Any]) -> Mapped:
    """Everything in reading order: placeholders keep their levels, other shapes (groups,
    SmartArt, text boxes) add their paragraphs as points."""
    paragraphs: list[Paragraph] = []
    origins = set()
    for item in body:
        paragraphs.extend(item.paragraphs)
        if item.origin:
            origins.add(item.origin)
    for item in others:
        if isinstance(item, TableItem):
            for row in item.cells:
                line = " | ".join(c for c in row if c)
                if line:
                    paragraphs.append(Paragraph((_run(line),)))
            dropped.append(f"table '{item.name}' (its cells are kept as points)")
        elif isinstance(item, ChartItem):
            dropped.append(f"{item.chart_type.lower()} chart '{item.name}'")
        elif isinstance(item, PictureItem):
            why = " (over the image limits)" if item.ext in IMAGE_EXTENSIONS else ""
            dropped.append(f"{item.ext} picture '{item.name}'{why}")
    points = points_of(paragraphs, dropped)
    todo = []
    if not points:
        points = [{"text": words()["empty_point"]}]
        todo.append("points")
    how = "bullets"
    if origins:
        how += " (flattened from " + " and ".join(sorted(origins)) + ")"
    return Mapped("bullets", {"points": points}, how, dropped, todo)


def _run(text: str) -> Any:
    from build_tools.importer.deck import Run

    return Run(text)


def _table(table: TableItem, dropped: list[str]) -> Mapped | None:
    rows = [list(r) for r in table.cells if any(c.strip() for c in r)]
    width = max((len(r) for r in rows), default=0)
    if width < 2 or len(rows) < 2:
        return None
    empty = words()["empty_cell"]
    rows = [[fit_text(c) if c.strip() else empty for c in r] + [empty] * (width - len(r))
            for r in rows]
    if width > 5:
        dropped.append(f"table columns 6–{width}")
        rows = [r[:5] for r in rows]
    header, body = rows[0], rows[1:]
    if len(body) > 8:
        dropped.append(f"table rows 9–{len(body)} (split the table by hand)")
        body = body[:8]
    how = f"table {len(header)} columns x {len(body)} rows"
    return Mapped("table", {"table": {"columns": header, "rows": body}}, how, dropped)


def _chart(chart: ChartItem, texts: list[TextItem], dropped: list[str]) -> Mapped | None:
    family = next((v for k, v in CHART_TYPES.items() if chart.chart_type.startswith(k)), None)
    if family is None or not chart.categories or not chart.series:
        return None
    series = list(chart.series)
    if family == "pie" and len(series) > 1:
        dropped.append(f"pie series 2–{len(series)}")
        series = series[:1]
    if len(series) > 6:
        dropped.append(f"chart series 7–{len(series)}")
        series = series[:6]
    categories = [fit_text(c) if c.strip() else "—" for c in chart.categories]
    if len(categories) > 12:
        dropped.append(f"chart categories 13–{len(categories)}")
        categories = categories[:12]
    out = []
    for index, s in enumerate(series, start=1):
        read = list(s.values[: len(categories)])
        if any(v is None for v in read):
            dropped.append(f"empty values in series {index} (written as 0)")
        values = [float(v) if v is not None else 0.0 for v in read]
        values += [0.0] * (len(categories) - len(values))
        if family == "pie":
            values = [abs(v) for v in values]
        out.append({"name": fit_text(s.name) if s.name.strip() else f"{index}",
                    "values": [_number(v) for v in values]})
    fields: dict[str, Any] = {"type": family, "categories": categories, "series": out}
    unit = [t for t in texts if t.name.startswith("unit")]
    if unit:  # our own decks: the unit as a labelled line above the chart
        fields["unit"] = fit_text(_unlabelled(unit[0].text.strip(), "chart_unit"))
        texts = [t for t in texts if t is not unit[0]]
    elif chart.value_title:
        fields["unit"] = fit_text(chart.value_title)
    caption = [t for t in texts if t.name.startswith("caption")]
    if caption:
        text = caption[0].text.strip()
        if family == "pie" and " · " in text and not unit:  # decks made before labels
            fields["unit"], text = text.split(" · ", 1)
        fields["source"] = fit_text(_unlabelled(text, "chart_source"))
        texts = [t for t in texts if t is not caption[0]]
    for item in texts:
        dropped.append(f"text '{short(item.text)}'")
    return Mapped("chart", {"chart": fields}, f"{family} chart, {len(out)} series", dropped)


def _unlabelled(text: str, word: str) -> str:
    """The bare unit or source of a line our decks label with a locale's ``chart_unit``
    or ``chart_source`` words ("单位：亿元" -> "亿元"), whichever locale wrote it."""
    from build_tools.locale import LANGUAGES, load_locale

    for language in LANGUAGES:
        before, _, after = str(getattr(load_locale(language), word)).partition(
            "{" + word.removeprefix("chart_") + "}")
        if text.startswith(before) and text.endswith(after) and len(text) > len(before + after):
            return text[len(before):len(text) - len(after)].strip()
    return text


def _number(value: float) -> int | float:
    """Whole numbers as integers, so the YAML reads 10, not 10.0."""
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


def _within_limits(picture: PictureItem) -> bool:
    """A picture the outline's image limits accept (``build_tools.limits``): bytes, and
    pixels read from the header alone (Pillow decodes nothing until asked)."""
    from PIL import Image, UnidentifiedImageError

    if len(picture.blob) > MAX_IMAGE_BYTES:
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            width, height = Image.open(io.BytesIO(picture.blob)).size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return False
    return width * height <= MAX_IMAGE_PIXELS


def _image(picture: PictureItem, texts: list[TextItem], dropped: list[str]) -> Mapped:
    todo = []
    alt = picture.alt
    if not alt:
        alt = words()["alt"]
        todo.append("image.alt")
    fields: dict[str, Any] = {"path": "", "alt": fit_text(alt)}
    if texts:
        fields["caption"] = fit_text(" ".join(texts[0].text.split()))
    ext = IMAGE_EXTENSIONS[picture.ext]
    return Mapped("image", {"image": fields}, f"{ext} picture", dropped, todo,
                  Picture(picture.blob, ext, ""))


def _two_columns(body: list[TextItem]) -> list[dict[str, Any]] | None:
    """Two text blocks side by side (each with a heading line and points) are a comparison."""
    items = [t for t in body if t.text.strip()]
    if len(items) == 4:  # PowerPoint's Comparison layout: two headings over two bodies
        left = sorted(items, key=lambda t: t.box.left)
        stacks = [sorted(left[:2], key=lambda t: t.box.top),
                  sorted(left[2:], key=lambda t: t.box.top)]
        if all(len(lines(p[0])) == 1 for p in stacks) and not _overlap(stacks[0][0],
                                                                        stacks[1][0]):
            return _columns([(lines(p[0])[0], lines(p[1])) for p in stacks])
    if len(items) != 2:
        return None
    a, b = sorted(items, key=lambda t: t.box.left)
    if _overlap(a, b) or a.box.width == 0:
        return None
    pairs: list[tuple[str, list[str]]] = []
    for item in (a, b):
        found = lines(item)
        bold_head = item.paragraphs[0].runs and all(r.bold for r in item.paragraphs[0].runs)
        if len(found) < 2 and not bold_head:
            return None
        pairs.append((found[0], found[1:]))
    return _columns(pairs)


def _columns(pairs: list[tuple[str, list[str]]]) -> list[dict[str, Any]] | None:
    columns = []
    for heading, points in pairs:
        if not points or len(points) > 6:
            return None
        columns.append({"heading": fit_text(heading), "points": [fit_text(p) for p in points]})
    return columns


def _overlap(a: TextItem, b: TextItem) -> bool:
    return a.box.left < b.box.right and b.box.left < a.box.right


