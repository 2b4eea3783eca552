"""Map one content slide to a slide kind and its fields.

Our own decks name their shapes after the outline fields they draw (``columns[0].heading``,
``steps[1]``, ``events[2].label``, ``quote source`` …), and PowerPoint and LibreOffice keep
shape names, so those kinds come back exactly. Any other deck is read by what is on the
slide: a table, a chart, a picture, two text columns, else bullets. What cannot be carried
over is listed in ``Mapped.dropped`` (a YAML comment and a report line), never silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from build_tools.importer.deck import (
    ChartItem,
    DroppedItem,
    Item,
    Paragraph,
    PictureItem,
    SlideData,
    TableItem,
    TextItem,
)
from build_tools.importer.limits import MAX_POINTS, MAX_SUB, fit_text
from build_tools.importer.words import words

IMAGE_EXTENSIONS = {"png": "png", "jpg": "jpg", "jpeg": "jpg", "gif": "gif", "bmp": "bmp",
                    "tiff": "tiff", "tif": "tiff"}
CHART_TYPES = {"COLUMN": "column", "BAR": "bar", "LINE": "line", "PIE": "pie",
               "DOUGHNUT": "pie"}
_LEAD = re.compile(r"^(.{1,40}?)\s*[:：]\s*$")
_FIELD = re.compile(r"^(?P<field>[a-z]+)(\[(?P<index>\d+)\])?(\.(?P<part>[a-z]+))?$")


@dataclass
class Picture:
    blob: bytes
    ext: str
    name: str  # file name under assets/images/, set by the writer's caller


@dataclass
class Mapped:
    kind: str
    fields: dict[str, Any]
    how: str  # a few words for the report: "table 3x4", "own timeline" …
    dropped: list[str] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)  # placeholders written (fields)
    picture: Picture | None = None


# --- text helpers --------------------------------------------------------------------------


def point_of(paragraph: Paragraph) -> dict[str, Any]:
    """A bullet: bold runs that end with a colon become the lead-in; all bold, a lead alone."""
    runs = paragraph.runs
    bold = 0
    while bold < len(runs) and runs[bold].bold:
        bold += 1
    text = paragraph.text.strip()
    if 0 < bold < len(runs):
        head = "".join(r.text for r in runs[:bold])
        match = _LEAD.match(head)
        rest = "".join(r.text for r in runs[bold:]).strip()
        if match and rest:
            return {"lead": fit_text(match.group(1).strip()), "text": fit_text(rest)}
    if bold == len(runs) and len(text) <= 40 and text:
        return {"lead": fit_text(text)}
    return {"text": fit_text(text)}


def points_of(paragraphs: list[Paragraph], dropped: list[str]) -> list[dict[str, Any]]:
    """Level-0 paragraphs are points, deeper ones their ``sub`` (at most 6 each)."""
    points: list[dict[str, Any]] = []
    for paragraph in paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        if paragraph.level > 0 and points:
            subs = points[-1].setdefault("sub", [])
            if len(subs) < MAX_SUB:
                subs.append(fit_text(text))
            else:  # fold the rest into the last sub-point rather than lose it
                subs[-1] = fit_text(subs[-1] + "；" + text)
                if "merged sub-points past 6" not in dropped:
                    dropped.append("merged sub-points past 6")
        else:
            points.append(point_of(Paragraph(paragraph.runs, 0)))
    return points


def _lines(item: TextItem) -> list[str]:
    return [" ".join(p.text.split()) for p in item.paragraphs if p.text.strip()]


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- the mapping -------------------------------------------------------------------------


def map_slide(slide: SlideData) -> Mapped:
    body = [t for t in slide.texts() if t.role not in ("title", "date")]
    own = _own_kind(slide, body)
    if own is not None:
        return own
    tables, charts = slide.of(TableItem), slide.of(ChartItem)
    pictures: list[PictureItem] = slide.of(PictureItem)
    dropped = [f"{d.what} '{d.name}'" for d in slide.of(DroppedItem)]
    text_items = [t for t in body if t.text.strip()]
    if tables:
        mapped = _table(tables[0], dropped)
        if mapped is not None:
            return _with_rest(mapped, slide, tables[0], text_items, tables[1:] + charts + pictures)
    if charts:
        mapped = _chart(charts[0], text_items, dropped)
        if mapped is not None:
            return _with_rest(mapped, slide, charts[0], [], tables + charts[1:] + pictures)
    usable = [p for p in pictures if p.ext in IMAGE_EXTENSIONS]
    words_on_slide = sum(len(t.text) for t in text_items)
    if usable and words_on_slide <= 120 and len(text_items) <= 1:
        picture = max(usable, key=lambda p: p.box.width * p.box.height)
        mapped = _image(picture, text_items, dropped)
        return _with_rest(mapped, slide, picture, [], [p for p in pictures if p is not picture]
                          + tables + charts)
    columns = _two_columns(body)
    if columns is not None and not tables and not charts and not pictures:
        return Mapped("comparison", {"columns": columns}, "two text columns", dropped)
    return _bullets(slide, body, dropped, [*tables, *charts, *pictures])


def _with_rest(mapped: Mapped, slide: SlideData, used: Item, texts: list[TextItem],
               others: list[Any]) -> Mapped:
    for item in others:
        mapped.dropped.append(f"{type(item).__name__.removesuffix('Item').lower()} "
                              f"'{item.name}'")
    for item in texts:
        mapped.dropped.append(f"text '{_short(item.text)}'")
    return mapped


def _bullets(slide: SlideData, body: list[TextItem], dropped: list[str],
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
            dropped.append(f"{item.ext} picture '{item.name}'")
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
    if chart.value_title:
        fields["unit"] = fit_text(chart.value_title)
    caption = [t for t in texts if t.name.startswith("caption")]
    if caption:
        text = caption[0].text.strip()
        if family == "pie" and " · " in text:
            fields["unit"], text = text.split(" · ", 1)
        fields["source"] = fit_text(text)
        texts = [t for t in texts if t is not caption[0]]
    for item in texts:
        dropped.append(f"text '{_short(item.text)}'")
    return Mapped("chart", {"chart": fields}, f"{family} chart, {len(out)} series", dropped)


def _number(value: float) -> int | float:
    """Whole numbers as integers, so the YAML reads 10, not 10.0."""
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


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
        if all(len(_lines(p[0])) == 1 for p in stacks) and not _overlap(stacks[0][0],
                                                                        stacks[1][0]):
            return _columns([(_lines(p[0])[0], _lines(p[1])) for p in stacks])
    if len(items) != 2:
        return None
    a, b = sorted(items, key=lambda t: t.box.left)
    if _overlap(a, b) or a.box.width == 0:
        return None
    pairs: list[tuple[str, list[str]]] = []
    for item in (a, b):
        lines = _lines(item)
        bold_head = item.paragraphs[0].runs and all(r.bold for r in item.paragraphs[0].runs)
        if len(lines) < 2 and not bold_head:
            return None
        pairs.append((lines[0], lines[1:]))
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


# --- our own decks -------------------------------------------------------------------------

Fields = dict[tuple[str, int | None, str | None], TextItem]


def _fields(body: list[TextItem]) -> Fields:
    found = {}
    for item in body:
        name = re.sub(r"\s+\d+$", "", item.name)
        match = _FIELD.match(name.replace(" ", "_").replace("_source", ".source")
                             .replace("_mark", ".mark"))
        if match:
            index = match.group("index")
            found[(match.group("field"), int(index) if index else None, match.group("part"))] = item
    return found



def _panels(f: Fields, name: str, count: int) -> list[dict[str, Any]] | None:
    """Our comparison columns or pillars: ``name[i].heading`` over ``name[i].points``."""
    panels = []
    for i in range(count):
        heading, points = f.get((name, i, "heading")), f.get((name, i, "points"))
        if heading is None or points is None:
            return None
        panels.append({"heading": fit_text(heading.text),
                       "points": [fit_text(x) for x in _lines(points)][:6]})
    if any((name, count, "heading") == k for k in f):
        return None
    return panels


def _own_kind(slide: SlideData, body: list[TextItem]) -> Mapped | None:
    """Slides our deck drew from shapes named after the outline's fields."""
    f = _fields(body)
    extra: list[str] = []
    points = points_of(list(f[("points", None, None)].paragraphs), extra) \
        if ("points", None, None) in f else []

    def indexed(name: str) -> list[int]:
        return sorted({i for (n, i, _) in f if n == name and i is not None})

    columns = _panels(f, "columns", 2)
    if columns is not None:
        fields: dict[str, Any] = {"columns": columns}
        if ("versus", None, None) in f:
            fields["versus"] = True
        return Mapped("comparison", fields, "comparison (our layout)", extra)
    pillars = _panels(f, "pillars", 3)
    if pillars is not None:
        return Mapped("pillars", {"pillars": pillars}, "pillars (our layout)", extra)
    if len(indexed("steps")) >= 2:
        steps = []
        for i in indexed("steps"):
            label = f.get(("steps", i, None))
            if label is None:
                return None
            lines = _lines(label)
            # The label is the step number over the title ("01", "数据预处理").
            title = " ".join(lines[1:] if len(lines) > 1 else lines)
            step: dict[str, Any] = {"title": fit_text(title)}
            if ("steps", i, "text") in f:
                step["text"] = fit_text(f[("steps", i, "text")].text)
            steps.append(step)
        fields = {"steps": steps[:6]}
        if points:
            fields["points"] = points[:3]
        return Mapped("process", fields, "process (our layout)", extra)
    if len(indexed("events")) >= 2:
        events = []
        for i in indexed("events"):
            if ("events", i, "label") not in f or ("events", i, "title") not in f:
                return None
            event = {"label": fit_text(f[("events", i, "label")].text),
                     "title": fit_text(f[("events", i, "title")].text)}
            if ("events", i, "text") in f:
                event["text"] = fit_text(f[("events", i, "text")].text)
            events.append(event)
        fields = {"events": events[:6]}
        if points:
            fields["points"] = points[:3]
        return Mapped("timeline", fields, "timeline (our layout)", extra)
    if ("quote", None, None) in f:
        quote: dict[str, Any] = {"text": fit_text(" ".join(_lines(f[("quote", None, None)])))}
        if ("quote", None, "source") in f:
            quote["source"] = fit_text(f[("quote", None, "source")].text.lstrip("—– ").strip())
        fields = {"quote": quote}
        if points:
            fields["points"] = points[:3]
        return Mapped("quote", fields, "quote (our layout)", extra)
    if ("points", None, None) in f and len(points) <= MAX_POINTS and not slide.of(TableItem) \
            and not slide.of(ChartItem) and not slide.of(PictureItem) and len(body) == 1:
        return Mapped("bullets", {"points": points}, "bullets", extra)
    return None
