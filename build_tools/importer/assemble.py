"""Put the pieces together: the course fields (``course``), then chapters and their slides
as ordered outline data, with the comments the writer attaches and the report's rows.

Every value the deck does not provide is a placeholder from ``words.yaml`` that passes
validation, marked ``TODO`` in a comment and listed in the report; every estimate
(minutes) is marked as one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from build_tools.importer.course import course_fields
from build_tools.importer.deck import DeckData, SlideData
from build_tools.importer.estimate import slide_id, unique
from build_tools.importer.imported import (
    ESTIMATED,
    Imported,
    Path_,
    Row,
    minutes_of,
    notes_of,
)
from build_tools.importer.kinds import map_slide
from build_tools.importer.limits import MAX_POINTS, fit_text
from build_tools.importer.mapped import Mapped
from build_tools.importer.structure import ChapterData, chapter_number, find_structure
from build_tools.importer.words import words


def assemble(deck: DeckData, stem: str, image_folder: str = "assets/images",
             parts: dict[int, int] | None = None) -> Imported:
    """The outline for ``deck``; ``parts`` asks for deck slides (by number) to be split
    over that many slides (the fit pass asks when their text overflows)."""
    structure = find_structure(deck)
    out = Imported({}, structure=structure, parts=parts or {})
    chapters = [c for c in structure.chapters if c.slides or c.divider is not None]
    if not chapters:  # only generated slides (a title slide alone): one chapter to fill in
        chapters = [ChapterData("", None, [])]
        out.general.append("the deck has no content slides: one placeholder slide written")
    out.data["course"] = course_fields(deck, structure, stem, out)
    out.data["chapters"] = _chapters(chapters, out, image_folder)
    teaching = _total_minutes(out.data)
    out.data["course"]["duration"] = teaching
    out.comment(("course", "duration"), f"sum of the slide minutes ({ESTIMATED})")
    out.rows.sort(key=lambda row: row.slide)
    return out


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
        if not entry["slides"]:
            entry["slides"].append(_placeholder_slide((*path, "slides", 0), out))
        result.append(entry)
    return result


def _divider(slide: SlideData | None, path: Path_, out: Imported) -> dict[str, Any]:
    where = (*path, "divider")
    fields: dict[str, Any] = {}
    if slide is not None:
        lead, _ = _divider_texts(slide)
        if lead:
            fields["lead"] = fit_text(lead)
        row = Row(slide.number, "divider", where, "recognised")
        out.rows.append(row)
        notes, extra = notes_of(slide, where, out, row.notes)
        if extra:
            row.notes.append("trainer notes cannot go on a divider: kept to the limit")
    else:
        notes = notes_of(None, where, out, [])[0]
    fields["notes"] = notes
    fields["minutes"] = minutes_of(slide, notes, where, out)
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
        row = Row(slide.number, "content", where, piece.how)
        entry: dict[str, Any] = {"id": unique(slide_id(title, slide.number), ids),
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
        notes, extra = notes_of(notes_slide, where, out, row.notes)
        entry["notes"] = notes
        entry["minutes"] = minutes_of(slide if part == 1 else None, notes, where, out)
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


def _placeholder_slide(path: Path_, out: Imported) -> dict[str, Any]:
    """A chapter needs a slide; a deck of generated slides alone gets this one, marked."""
    w = words()
    out.comment(path, "TODO: the deck has no content slides; write this one")
    notes = notes_of(None, path, out, [])[0]
    return {"id": "s00-todo", "kind": "bullets", "title": w["slide_title"].format(number=1),
            "points": [{"text": w["empty_point"]}], "notes": notes,
            "minutes": minutes_of(None, notes, path, out)}


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
