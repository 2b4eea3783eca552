"""Put the pieces together: course fields, chapters and slides as ordered outline data,
with the comments the writer attaches and the rows the report prints.

Every value the deck does not provide is a placeholder from ``words.yaml`` that passes
validation, marked ``TODO`` in a comment and listed in the report; every estimate
(minutes) is marked as one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.importer.deck import DeckData, SlideData, TextItem
from build_tools.importer.estimate import estimate_minutes, slide_id, unique
from build_tools.importer.kinds import Mapped, map_slide
from build_tools.importer.limits import MAX_POINTS, fit_text
from build_tools.importer.structure import ChapterData, Structure, chapter_number, find_structure
from build_tools.importer.words import strip_page_suffix, words
from build_tools.outline.fieldpath import format_path
from build_tools.outline.model import MAX_TEXT

Path_ = tuple[str | int, ...]
ESTIMATED = "estimated from text length"
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DETAILS = re.compile(r"\s*[|｜]\s*")


@dataclass
class Row:
    """One line of the report: where a deck slide went."""

    slide: int
    role: str
    target: str
    how: str
    notes: list[str] = field(default_factory=list)


@dataclass
class Imported:
    data: dict[str, Any]
    comments: dict[Path_, list[str]] = field(default_factory=dict)
    images: list[tuple[str, bytes]] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    structure: Structure | None = None
    general: list[str] = field(default_factory=list)
    parts: dict[int, int] = field(default_factory=dict)

    def comment(self, path: Path_, text: str) -> None:
        self.comments.setdefault(path, []).append(text)


def dotted(path: Path_) -> str:
    """('chapters', 0, 'slides', 2) -> 'chapters[1].slides[3]': the author's form, counted
    from 1, as located problems show fields (``outline.fieldpath``)."""
    return format_path(tuple(p + 1 if isinstance(p, int) else p for p in path))


def assemble(deck: DeckData, stem: str, image_folder: str = "assets/images",
             parts: dict[int, int] | None = None) -> Imported:
    """The outline for ``deck``; ``parts`` asks for deck slides (by number) to be split
    over that many slides (the fit pass asks when their text overflows)."""
    structure = find_structure(deck)
    out = Imported({}, structure=structure, parts=parts or {})
    chapters = [c for c in structure.chapters if c.slides or c.divider is not None]
    out.data["course"] = _course(deck, structure, stem, out)
    out.data["chapters"] = _chapters(chapters, out, image_folder)
    teaching = _total_minutes(out.data)
    out.data["course"]["duration"] = teaching
    out.comment(("course", "duration"), f"sum of the slide minutes ({ESTIMATED})")
    out.rows.sort(key=lambda row: row.slide)
    return out


# --- the course ----------------------------------------------------------------------------


def _lines(slide: SlideData, *skip: TextItem) -> list[str]:
    found: list[str] = []
    for item in slide.texts():
        if item.role == "title" or item in skip:
            continue
        found.extend(" ".join(p.text.split()) for p in item.paragraphs if p.text.strip())
    return found


def _course(deck: DeckData, structure: Structure, stem: str, out: Imported) -> dict[str, Any]:
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
    course["presenter"] = fit_text(presenter) if presenter else _todo(out, ("course", "presenter"),
                                                                      w["presenter"])
    course["organisation"] = (fit_text(organisation) if organisation
                              else _todo(out, ("course", "organisation"), w["organisation"]))
    if date is None:
        date = deck.created or dt.date.today()
        source = "the document properties" if deck.created else "today (the deck has no date)"
        out.comment(("course", "date"), f"from {source}: check it")
    course["date"] = date
    course["language"] = "zh-CN"
    course["audience"] = _todo(out, ("course", "audience"), w["audience"])
    course["duration"] = 0
    course["start"] = "09:00"
    out.comment(("course", "start"), "TODO: the deck has no start time")
    keywords = [k for k in re.split(r"[,，;；、]\s*|\s+", deck.keywords) if k.strip()]
    if keywords:
        course["keywords"] = [fit_text(k) for k in keywords]
    course["title_slide"] = _generated(structure.title, ("course", "title_slide"), out, "title")
    course["agenda_slide"] = _agenda(structure, out)
    course["closing_slide"] = _closing(structure.closing, out)
    return course


def _date(found: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def _todo(out: Imported, path: Path_, text: str) -> str:
    out.comment(path, "TODO: placeholder; the deck does not say")
    return text


def _notes(slide: SlideData | None, path: Path_, out: Imported,
           notes_row: list[str]) -> tuple[str, list[dict[str, str]]]:
    """Speaker notes within the model's bounds: padded with a placeholder when missing,
    split into trainer notes (label 'tip') past the model's limit."""
    text = slide.notes.strip() if slide is not None else ""
    if not text:
        out.comment((*path, "notes"), "TODO: the deck has no speaker notes here")
        notes_row.append("no speaker notes: placeholder written")
        return words()["notes"], []
    if len(text) <= MAX_TEXT:
        return text, []
    first = fit_text(text)
    rest = text[len(first):].strip()
    extra = []
    while rest:
        chunk = fit_text(rest)
        extra.append({"label": "tip", "text": chunk})
        rest = rest[len(chunk):].strip()
    out.comment((*path, "notes"), f"notes over {MAX_TEXT} characters: the rest is in "
                                  f"{len(extra)} trainer note(s)")
    notes_row.append(f"notes of {len(text)} characters split: {len(extra)} trainer note(s)")
    return first, extra


def _minutes(slide: SlideData | None, notes: str, path: Path_, out: Imported) -> int:
    text = "\n".join(t.text for t in slide.texts()) if slide is not None else ""
    out.comment((*path, "minutes"), ESTIMATED)
    return estimate_minutes(text, notes)


def _generated(slide: SlideData | None, path: Path_, out: Imported, role: str) -> dict[str, Any]:
    row = Row(slide.number if slide else 0, role, dotted(path), "recognised")
    notes, extra = _notes(slide, path, out, row.notes)
    if extra:
        row.notes.append("trainer notes cannot go on a generated slide: kept to the limit")
    if slide is not None:
        out.rows.append(row)
    return {"notes": notes, "minutes": _minutes(slide, notes, path, out)}


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
            out.rows.append(Row(extra.number, "agenda", dotted(path),
                                "recognised (a further agenda page: the build makes it)"))
    else:
        out.general.append("the deck has no agenda slide: the build adds one")
    fields.update(_generated(slide, path, out, "agenda"))
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
    fields.update(_generated(slide, path, out, "closing"))
    return fields


# --- chapters and slides -------------------------------------------------------------------


def _chapters(chapters: list[ChapterData], out: Imported, image_folder: str) -> list[Any]:
    w = words()
    ids: set[str] = set()
    titles: set[str] = set()
    result = []
    for c_index, chapter in enumerate(chapters):
        path: Path_ = ("chapters", c_index)
        slides = list(chapter.slides)
        divider = chapter.divider
        if not slides and divider is not None:
            # A divider with nothing after it: keep its text as the chapter's one slide.
            slides, divider = [divider], None
        number = c_index + 1
        title = chapter.title or w["chapter_title"].format(number=number)
        entry: dict[str, Any] = {"number": number, "title": fit_text(title)}
        if not chapter.title:
            out.comment((*path, "title"), "TODO: the deck names no chapter here")
        entry["divider"] = _divider(divider, path, out)
        entry["objectives"] = _objectives(divider, path, out)
        entry["discussion"] = {"question": w["discussion_question"],
                               "hint": w["discussion_hint"]}
        out.comment((*path, "discussion"), "TODO: placeholder; decks have no discussion")
        entry["takeaways"] = [w["takeaway"]]
        out.comment((*path, "takeaways"), "TODO: placeholder; decks have no takeaways")
        entry["slides"] = []
        for slide in slides:
            for mapped_slide in _content(slide, (*path, "slides"), len(entry["slides"]), out,
                                         ids, titles, image_folder):
                entry["slides"].append(mapped_slide)
        result.append(entry)
    return result


def _divider(slide: SlideData | None, path: Path_, out: Imported) -> dict[str, Any]:
    where = (*path, "divider")
    fields: dict[str, Any] = {}
    if slide is not None:
        lead, _ = _divider_texts(slide)
        if lead:
            fields["lead"] = fit_text(lead)
        row = Row(slide.number, "divider", dotted(where), "recognised")
        out.rows.append(row)
        notes, extra = _notes(slide, where, out, row.notes)
        if extra:
            row.notes.append("trainer notes cannot go on a divider: kept to the limit")
    else:
        notes = _notes(None, where, out, [])[0]
    fields["notes"] = notes
    fields["minutes"] = _minutes(slide, notes, where, out)
    return fields


def _divider_texts(slide: SlideData) -> tuple[str | None, list[str]]:
    """A divider's lead line and objectives: named slots in our decks, else the first
    single line and the last list."""
    number = chapter_number(slide)
    items = [t for t in slide.texts() if t.role not in ("title", "date") and t.text.strip()
             and t.text.strip() != number]
    named = {t.name.split(" ")[0].lower(): t for t in items}
    if "lead" in named or "objectives" in named:
        lead = named.get("lead")
        objectives = named.get("objectives")
        return (lead.text.strip() if lead else None,
                [p.text.strip() for p in objectives.paragraphs] if objectives else [])
    if not items:
        return None, []
    if len(items) == 1:
        lines = [p.text.strip() for p in items[0].paragraphs if p.text.strip()]
        return (lines[0], []) if len(lines) == 1 else (None, lines)
    first = " ".join(items[0].text.split())
    return first, [p.text.strip() for p in items[-1].paragraphs if p.text.strip()]


def _objectives(slide: SlideData | None, path: Path_, out: Imported) -> list[str]:
    objectives = _divider_texts(slide)[1] if slide is not None else []
    if not objectives:
        out.comment((*path, "objectives"), "TODO: placeholder; the deck states no objectives")
        return [words()["objective"]]
    if len(objectives) > 6:
        out.comment((*path, "objectives"), f"dropped objectives 7–{len(objectives)}")
    return [fit_text(o) for o in objectives[:6]]


def _content(slide: SlideData, path: Path_, index: int, out: Imported, ids: set[str],
             titles: set[str], image_folder: str) -> list[dict[str, Any]]:
    mapped = map_slide(slide)
    parts = _split(mapped, out.parts.get(slide.number, 1))
    result = []
    for part, piece in enumerate(parts, start=1):
        where = (*path, index + part - 1)
        base = slide.title or words()["slide_title"].format(number=slide.number)
        if len(parts) > 1 and part > 1:
            base += words()["continued"].format(part=part)
        title = _unique_title(fit_text(base), titles)
        row = Row(slide.number, "content", dotted(where), piece.how)
        entry: dict[str, Any] = {"id": unique(slide_id(title, slide.number), ids
                                              | {"title", "agenda", "closing"}),
                                 "kind": piece.kind, "title": title}
        ids.add(entry["id"])
        if not slide.title:
            out.comment((*where, "title"), "TODO: the slide has no title")
            row.notes.append("no title: placeholder written")
        if title != base:
            row.notes.append(f"title made unique: {title}")
        fields = dict(piece.fields)
        if piece.picture is not None:
            image_path = f"{image_folder}/{entry['id']}.{piece.picture.ext}"
            fields["image"] = {**fields["image"], "path": image_path}
            out.images.append((image_path, piece.picture.blob))
            row.notes.append(f"picture saved as {image_path}")
        entry.update(fields)
        notes_slide = slide if part == 1 else None
        notes, extra = _notes(notes_slide, where, out, row.notes)
        entry["notes"] = notes
        entry["minutes"] = _minutes(slide if part == 1 else None, notes, where, out)
        if extra:
            entry["trainer"] = extra
        out.comment(where, f"slide {slide.number}: {piece.how}")
        for dropped in piece.dropped:
            out.comment(where, f"dropped: {dropped}")
            row.notes.append(f"dropped {dropped}")
        for field_name in piece.todo:
            out.comment((*where, field_name.split(".")[0]), "TODO: placeholder; the deck "
                                                          "has nothing here")
            row.notes.append(f"placeholder {field_name}")
        if len(parts) > 1:
            reason = ("its text overflows one slide" if slide.number in out.parts
                      else f"over {MAX_POINTS} points")
            row.notes.append(f"part {part} of {len(parts)} ({reason})")
        out.rows.append(row)
        result.append(entry)
    return result


def _split(mapped: Mapped, wanted: int = 1) -> list[Mapped]:
    """Bullets past the model's eight points continue on further slides, and so do the
    points or table rows of a slide the fit pass found overflowing (``wanted`` parts)."""
    if mapped.kind == "bullets":
        items, key_name = mapped.fields["points"], "points"
        size = min(MAX_POINTS, -(-len(items) // wanted))
    elif mapped.kind == "table" and wanted > 1:
        items, key_name = mapped.fields["table"]["rows"], "rows"
        size = -(-len(items) // wanted)
    else:
        return [mapped]
    if len(items) <= size:
        return [mapped]
    pieces = []
    for i in range(0, len(items), size):
        chunk = items[i: i + size]
        how = mapped.how
        if key_name == "points":
            fields: dict[str, Any] = {"points": chunk}
        else:
            columns = mapped.fields["table"]["columns"]
            fields = {"table": {"columns": columns, "rows": chunk}}
            how = f"table {len(columns)} columns x {len(chunk)} rows"
        first = i == 0
        pieces.append(Mapped(mapped.kind, fields, how, mapped.dropped if first else [],
                             mapped.todo if first else []))
    return pieces


def _unique_title(title: str, titles: set[str]) -> str:
    candidate, n = title, 2
    while candidate in titles:
        candidate, n = f"{title} ({n})", n + 1
    titles.add(candidate)
    return candidate


def _total_minutes(data: dict[str, Any]) -> int:
    course = data["course"]
    total = sum(course[k]["minutes"] for k in ("title_slide", "agenda_slide", "closing_slide"))
    for chapter in data["chapters"]:
        total += chapter["divider"]["minutes"]
        total += sum(slide["minutes"] for slide in chapter["slides"])
    return int(total)


def default_output(deck: Path) -> Path:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", deck.stem).strip("-").lower() or "imported"
    return Path("source") / f"{stem}.yaml"
