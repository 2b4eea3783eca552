"""The course fields and the generated slides: title, subtitle, presenter, organisation
and date from the title slide and the document properties; notes and titles of the title,
agenda and closing slides."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from build_tools.importer.deck import DeckData, SlideData, TextItem
from build_tools.importer.imported import Imported, Path_, Row, minutes_of, notes_of, todo
from build_tools.importer.limits import fit_text
from build_tools.importer.structure import Structure
from build_tools.importer.words import strip_page_suffix, words

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DETAILS = re.compile(r"\s*[|｜]\s*")


def _lines(slide: SlideData, *skip: TextItem) -> list[str]:
    found: list[str] = []
    for item in slide.texts():
        if item.role == "title" or item in skip:
            continue
        found.extend(" ".join(p.text.split()) for p in item.paragraphs if p.text.strip())
    return found


def course_fields(deck: DeckData, structure: Structure, stem: str, out: Imported) -> dict[str, Any]:
    w = words()
    title_slide = structure.title
    title = (title_slide.title if title_slide else "") or deck.title or stem
    subtitle, presenter, organisation, date = None, "", "", None
    if title_slide is not None:
        for line in _lines(title_slide):
            found = _DATE.search(line)
            if found and date is None:
                date = _date(found)
                continue
            parts = [p for p in _DETAILS.split(line) if p]
            if len(parts) == 2 and not presenter:
                presenter, organisation = parts
            elif subtitle is None:
                subtitle = line
    presenter = presenter or deck.author
    organisation = organisation or deck.company
    course: dict[str, Any] = {"title": fit_text(title)}
    if subtitle or deck.subject:
        course["subtitle"] = fit_text(subtitle or deck.subject)
    course["presenter"] = fit_text(presenter) if presenter else todo(out, ("course", "presenter"),
                                                                      w["presenter"])
    course["organisation"] = (fit_text(organisation) if organisation
                              else todo(out, ("course", "organisation"), w["organisation"]))
    if date is None:
        date = deck.created or dt.date.today()
        source = "the document properties" if deck.created else "today (the deck has no date)"
        out.comment(("course", "date"), f"from {source}: check it")
    course["date"] = date
    course["language"] = "zh-CN"
    course["audience"] = todo(out, ("course", "audience"), w["audience"])
    course["duration"] = 0
    course["start"] = "09:00"
    out.comment(("course", "start"), "TODO: the deck has no start time")
    keywords = [k for k in re.split(r"[,，;；、]\s*|\s+", deck.keywords) if k.strip()]
    if keywords:
        course["keywords"] = [fit_text(k) for k in keywords]
    course["title_slide"] = generated(structure.title, ("course", "title_slide"), out, "title")
    course["agenda_slide"] = _agenda(structure, out)
    course["closing_slide"] = _closing(structure.closing, out)
    return course


def _date(found: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def generated(slide: SlideData | None, path: Path_, out: Imported, role: str) -> dict[str, Any]:
    row = Row(slide.number if slide else 0, role, path, "recognised")
    notes, extra = notes_of(slide, path, out, row.notes)
    if extra:
        row.notes.append("trainer notes cannot go on a generated slide: kept to the limit")
    if slide is not None:
        out.rows.append(row)
    return {"notes": notes, "minutes": minutes_of(slide, notes, path, out)}


def _agenda(structure: Structure, out: Imported) -> dict[str, Any]:
    slide = structure.agendas[0] if structure.agendas else None
    path: Path_ = ("course", "agenda_slide")
    title = strip_page_suffix(slide.title) if slide is not None and slide.title else ""
    fields: dict[str, Any] = {"title": fit_text(title or words()["agenda_title"])}
    if slide is not None:
        chapter_titles = {c.title for c in structure.chapters}
        for item in slide.texts():
            text = item.text.strip()
            if (item.role not in ("title", "date") and len(item.paragraphs) == 1 and text
                    and text not in chapter_titles and not re.fullmatch(r"\d{1,3}", text)):
                fields["subtitle"] = fit_text(text)
                break
        for extra in structure.agendas[1:]:
            out.rows.append(Row(extra.number, "agenda", path,
                                "recognised (a further agenda page: the build makes it)"))
    else:
        out.general.append("the deck has no agenda slide: the build adds one")
    fields.update(generated(slide, path, out, "agenda"))
    return fields


def _closing(slide: SlideData | None, out: Imported) -> dict[str, Any]:
    path: Path_ = ("course", "closing_slide")
    fields: dict[str, Any] = {"title": fit_text(slide.title if slide and slide.title
                                                else words()["closing_title"])}
    if slide is not None:
        subtitles = slide.texts("subtitle")
        if subtitles and subtitles[0].text.strip():
            fields["subtitle"] = fit_text(" ".join(subtitles[0].text.split()))
    else:
        out.general.append("the deck has no closing slide: the build adds one")
    fields.update(generated(slide, path, out, "closing"))
    return fields
