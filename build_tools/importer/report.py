"""The import report: where every slide of the deck went, and what needs the author."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from build_tools.importer.imported import Imported

ROLE_WORDS = {"title": "title slide", "agenda": "agenda", "divider": "chapter divider",
              "closing": "closing slide", "content": "content"}


def report_lines(imported: Imported, deck: Path, out: Path, slides: int) -> list[str]:
    structure = imported.structure
    assert structure is not None
    chapters = imported.data["chapters"]
    content = sum(len(c["slides"]) for c in chapters)
    kinds = Counter(s["kind"] for c in chapters for s in c["slides"])
    lines = [
        f"{deck}: {slides} slides -> {out}",
        f"  chapters: {len(chapters)} (from {structure.source})",
        f"  content slides: {content} ("
        + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + ")",
    ]
    for row in imported.rows:
        role = ROLE_WORDS.get(row.role, row.role)
        lines.append(f"  slide {row.slide:>3}  {role:<15} -> {row.target}: {row.how}")
        lines.extend(f"{'':24}{note}" for note in row.notes)
    for note in imported.general:
        lines.append(f"  note: {note}")
    todo = sum(1 for notes in imported.comments.values() for n in notes if n.startswith("TODO"))
    estimated = sum(1 for notes in imported.comments.values() for n in notes
                    if n.startswith("estimated"))
    lines.append(f"  {len(imported.images)} pictures saved; {estimated} minutes estimated; "
                 f"{todo} TODO placeholders (search the outline for 'TODO')")
    return lines
