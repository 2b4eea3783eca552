"""Make a synthetic outline of about N slides by repeating the course's chapters.

Each copy gets new chapter numbers and unique slide ids and titles, so the outline is
valid and the deck, handout and notes do the same work per slide as for the real course.

Usage: python bench/make_outline.py 320 /tmp/bench-320/source/course.yaml
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "source" / "course.yaml"


def make(slides: int, target: Path) -> Path:
    data = yaml.safe_load(COURSE.read_text(encoding="utf-8"))
    chapters = data["chapters"]
    per_copy = len(chapters) + sum(len(c["slides"]) for c in chapters)
    copies = max(1, round((slides - 3) / per_copy))
    out = []
    for copy in range(copies):
        for chapter in chapters:
            clone = yaml.safe_load(yaml.safe_dump(chapter, allow_unicode=True))
            clone["number"] = len(out) + 1
            if copy:
                clone["title"] = f"{chapter['title']}（{copy + 1}）"
                for slide in clone["slides"]:
                    slide["id"] = f"{slide['id']}-{copy + 1}"
                    slide["title"] = f"{slide['title']}（{copy + 1}）"
            out.append(clone)
    data["chapters"] = out
    data["course"]["breaks"] = []
    total = sum(c["divider"]["minutes"] + sum(s["minutes"] for s in c["slides"]) for c in out)
    course = data["course"]
    data["course"]["duration"] = total + sum(
        course[k]["minutes"] for k in ("title_slide", "agenda_slide", "closing_slide")
    )
    data["quiz"] = [q for q in data.get("quiz", []) if q["chapter"] <= len(out)]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


if __name__ == "__main__":
    make(int(sys.argv[1]), Path(sys.argv[2]))
