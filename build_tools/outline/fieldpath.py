"""Field paths: the code's (from 0, as the data is indexed) and the author's (from 1, with
the slide named).

An author counts the third slide as 3 and finds it by its number in the deck or by its
title, so ``chapters[3].slides[6].minutes`` is shown as
``chapters[4].slides[7].minutes (slide 23 '办公环境安全要求一览')``. Problems carry the
code's path until they are located; the loader turns it into the author's.
"""

from __future__ import annotations

import functools
import math
from typing import Any

Path_ = tuple[str | int, ...]

AGENDA_CAPACITY = 6  # chapters per agenda slide when the theme cannot be read (plan's default)
TITLE_SHOWN = 30  # characters of a slide title shown in a path


def format_path(path: Path_) -> str:
    """The code's form: indices from 0."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse_path(text: str) -> Path_:
    """The inverse of ``format_path``."""
    parts: list[str | int] = []
    for piece in text.replace("]", "").replace("[", ".").split("."):
        if piece:
            parts.append(int(piece) if piece.isdigit() else piece)
    return tuple(parts)


def from_one(path: Path_) -> str:
    """``format_path`` with indices from 1, as an author counts."""
    return format_path(tuple(part + 1 if isinstance(part, int) else part for part in path))


def shown_path(path: Path_, data: Any) -> str:
    """The author's form: indices from 1, and the slide's number and title when the path
    is inside a slide (or a chapter's divider), read from the outline's data."""
    text = from_one(path)
    slide = _slide_named(path, data)
    return f"{text} ({slide})" if slide else text


def _slide_named(path: Path_, data: Any) -> str | None:
    """``slide 23 '办公环境安全要求一览'`` for a path under chapters[c].slides[s] or
    chapters[c].divider, counted as the plan numbers slides: the title slide, the agenda
    slides, then per chapter its divider and its slides. The outline may be invalid here,
    so nothing is assumed about its shape; the plan itself cannot be made from it."""
    if len(path) < 3 or path[0] != "chapters" or not isinstance(path[1], int):
        return None
    chapters = data.get("chapters") if isinstance(data, dict) else None
    if not isinstance(chapters, list) or not 0 <= path[1] < len(chapters):
        return None
    chapter = chapters[path[1]]
    number = 1 + max(1, math.ceil(len(chapters) / _agenda_capacity()))
    for before in chapters[: path[1]]:
        number += 1 + len(_slides(before))
    number += 1  # this chapter's divider
    if path[2] == "divider":
        title = chapter.get("title") if isinstance(chapter, dict) else None
    elif path[2] == "slides" and len(path) > 3 and isinstance(path[3], int):
        slides = _slides(chapter)
        if not 0 <= path[3] < len(slides):
            return None
        number += path[3] + 1
        slide = slides[path[3]]
        title = slide.get("title") if isinstance(slide, dict) else None
    else:
        return None
    if not isinstance(title, str) or not title.strip():
        return f"slide {number}"
    title = title.strip()
    shown = title if len(title) <= TITLE_SHOWN else title[: TITLE_SHOWN - 1] + "…"
    return f"slide {number} {shown!r}"


def _slides(chapter: Any) -> list[Any]:
    slides = chapter.get("slides") if isinstance(chapter, dict) else None
    return slides if isinstance(slides, list) else []


@functools.lru_cache(maxsize=1)
def _agenda_capacity() -> int:
    """The theme's chapters per agenda slide. Read lazily, on the error path only; a theme
    that cannot be read is reported by the build itself, so a default is enough here."""
    try:
        from build_tools.theme import load_theme

        capacity = load_theme().deck.agenda_capacity
    except Exception:  # any failure at all: the build reports a bad theme itself
        return AGENDA_CAPACITY
    return capacity if isinstance(capacity, int) and capacity > 0 else AGENDA_CAPACITY
