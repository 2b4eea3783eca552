"""The same outline as pandoc Markdown, so pandoc builds the same deck beside ours.

Chapters become level-1 headings (section slides), content slides level-2 slides with
their points as bullets and their speaker notes in a ``::: notes`` block.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def lines_of(slide: dict) -> list[str]:
    out: list[str] = []
    for point in slide.get("points", []):
        lead = f"**{point['lead']}** " if point.get("lead") else ""
        out.append(f"- {lead}{point.get('text', '')}")
        out += [f"    - {sub}" for sub in point.get("sub", [])]
    for column in slide.get("columns", []) + slide.get("pillars", []):
        out.append(f"- **{column['heading']}**")
        out += [f"    - {p}" for p in column["points"]]
    for step in slide.get("steps", []) + slide.get("events", []):
        out.append(f"- {step['title']} {step.get('text', '')}")
    if "table" in slide:
        table = slide["table"]
        out.append("| " + " | ".join(table["columns"]) + " |")
        out.append("|" + "---|" * len(table["columns"]))
        out += ["| " + " | ".join(row) + " |" for row in table["rows"]]
    if "quote" in slide:
        out.append(f"> {slide['quote']['text']}")
    return out


def convert(source: Path, target: Path) -> Path:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    course = data["course"]
    text = [f"% {course['title']}", f"% {course['presenter']}", f"% {course['date']}", ""]
    for chapter in data["chapters"]:
        text += [f"# {chapter['number']:02d} {chapter['title']}", ""]
        for slide in chapter["slides"]:
            text += [f"## {slide['title']}", "", *lines_of(slide), ""]
            text += ["::: notes", slide["notes"], ":::", ""]
    target.write_text("\n".join(text), encoding="utf-8")
    return target


if __name__ == "__main__":
    convert(Path(sys.argv[1]), Path(sys.argv[2]))
