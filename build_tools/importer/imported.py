"""The imported outline in the making: its data, the comments the writer attaches, the
report's rows, and the helpers every part uses to respect the model's bounds (notes) and
to mark what it guessed (placeholders, estimated minutes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from build_tools.importer.deck import SlideData
from build_tools.importer.estimate import estimate_minutes
from build_tools.importer.limits import fit_text
from build_tools.importer.structure import Structure
from build_tools.importer.words import words
from build_tools.outline.fieldpath import format_path
from build_tools.outline.model import MAX_TEXT

Path_ = tuple[str | int, ...]
ESTIMATED = "estimated from text length"


@dataclass
class Row:
    """One line of the report: where a deck slide went."""

    slide: int
    role: str
    path: Path_  # the code's form, from 0: problems carry it as ``Problem.path``
    how: str
    notes: list[str] = field(default_factory=list)

    @property
    def target(self) -> str:
        """The author's form, as the report shows it."""
        return dotted(self.path)


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


def todo(out: Imported, path: Path_, text: str) -> str:
    out.comment(path, "TODO: placeholder; the deck does not say")
    return text


def notes_of(slide: SlideData | None, path: Path_, out: Imported,
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


def minutes_of(slide: SlideData | None, notes: str, path: Path_, out: Imported) -> int:
    text = "\n".join(t.text for t in slide.texts()) if slide is not None else ""
    out.comment((*path, "minutes"), ESTIMATED)
    return estimate_minutes(text, notes)
