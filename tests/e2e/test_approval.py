"""Approval files: a normalised text summary of the built deck, handout and trainer's notes.

A change to what the outputs say, or to the sizes the fit check chose, shows up as a diff
of ``tests/approved/*.txt`` in review: every text line of every handout page, every
slide's whole speaker notes, the notes' Markdown as written. Shape names are kept without
their ids (python-pptx numbers shapes as they are added: an id says nothing a reviewer
needs, and would churn with every added shape). To accept an intended change, rebuild the files:

    ACCEPT_APPROVALS=1 python -m pytest tests/e2e/test_approval.py

and commit them with the change that caused it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Length

APPROVED = Path(__file__).resolve().parent.parent / "approved"


def deck_summary(path: Path) -> str:
    lines = []
    for number, slide in enumerate(Presentation(str(path)).slides, start=1):
        title = slide.shapes.title.text_frame.text
        lines.append(f"## {number} [{slide.slide_layout.name}] {title}")
        for shape in slide.shapes:
            if shape == slide.shapes.title:
                continue
            if shape.has_text_frame and shape.text_frame.text.strip():
                for paragraph in shape.text_frame.paragraphs:
                    sizes = {run.font.size for run in paragraph.runs if run.font.size}
                    size = "/".join(f"{Length(s).pt:g}" for s in sorted(sizes))
                    if paragraph.text.strip():
                        lines.append(f"  {_named(shape.name)} [{size}] {paragraph.text}")
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    lines.append("  | " + " | ".join(c.text for c in row.cells) + " |")
            if getattr(shape, "has_chart", False) and shape.has_chart:
                lines.append(f"  chart {shape.chart.chart_type}")
        notes = slide.notes_slide.notes_text_frame.text
        lines += [f"  notes: {line}" for line in notes.splitlines() if line.strip()]
    return "\n".join(lines) + "\n"


def _named(name: str) -> str:
    """A shape's name without the id python-pptx appends ("agenda[0].title 6")."""
    return re.sub(r" \d+$", "", name)


def handout_summary(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(path)
    lines = [f"pages: {len(reader.pages)}"]

    def walk(items: list, depth: int) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                page = reader.get_destination_page_number(item) + 1
                lines.append(f"{'  ' * depth}- {item.title} (p. {page})")

    walk(reader.outline, 0)
    for number, page in enumerate(reader.pages, start=1):
        text = [line for line in (page.extract_text() or "").splitlines() if line.strip()]
        lines.append(f"## page {number}: {len(text)} lines")
        lines += [f"  {line}" for line in text]
    return "\n".join(lines) + "\n"


def notes_summary(path: Path) -> str:
    """The Markdown notes as written: plain text already, and byte-reproducible."""
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "output", "summary"),
    [("course.deck.txt", "course.pptx", deck_summary),
     ("course.handout.txt", "course-handout.pdf", handout_summary),
     ("course.notes.txt", "course-notes.md", notes_summary)],
)
def test_the_outputs_match_their_approved_summaries(name, output, summary, built: Path) -> None:  # type: ignore[no-untyped-def]
    actual = summary(built / output)
    approved = APPROVED / name
    if os.environ.get("ACCEPT_APPROVALS"):
        approved.write_text(actual, encoding="utf-8")
    assert approved.is_file(), "no approved summary yet: run with ACCEPT_APPROVALS=1"
    assert actual == approved.read_text(encoding="utf-8")
