"""Our own decks: the deck backend names each shape after the outline field it draws
(``columns[0].heading``, ``steps[1]``, ``events[2].label``, ``quote source`` …), and
PowerPoint and LibreOffice keep shape names, so these kinds come back exactly."""

from __future__ import annotations

import re
from typing import Any

from build_tools.importer.deck import ChartItem, PictureItem, SlideData, TableItem, TextItem
from build_tools.importer.limits import MAX_POINTS, fit_text
from build_tools.importer.mapped import Mapped, lines, points_of

_FIELD = re.compile(r"^(?P<field>[a-z]+)(\[(?P<index>\d+)\])?(\.(?P<part>[a-z]+))?$")


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
                       "points": [fit_text(x) for x in lines(points)][:6]})
    if any((name, count, "heading") == k for k in f):
        return None
    return panels


def own_kind(slide: SlideData, body: list[TextItem]) -> Mapped | None:
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
            shown = lines(label)
            # The label is the step number over the title ("01", "数据预处理").
            title = " ".join(shown[1:] if len(shown) > 1 else shown)
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
        quote: dict[str, Any] = {"text": fit_text(" ".join(lines(f[("quote", None, None)])))}
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
