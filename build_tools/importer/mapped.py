"""A slide mapped to a kind, and the text helpers every mapping uses (bullets with levels
and lead-ins)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from build_tools.importer.deck import Paragraph, TextItem
from build_tools.importer.limits import MAX_SUB, fit_text

_LEAD = re.compile(r"^(.{1,40}?)\s*[:：]\s*$")


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


def lines(item: TextItem) -> list[str]:
    return [" ".join(p.text.split()) for p in item.paragraphs if p.text.strip()]


def short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
