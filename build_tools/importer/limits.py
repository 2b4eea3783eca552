"""The outline model's limits the importer must respect (see outline/model.py)."""

from __future__ import annotations

from build_tools.outline.model import MAX_TEXT

MAX_POINTS = 8  # BulletsSlide.points
MAX_SUB = 6  # Point.sub


def fit_text(text: str, limit: int = MAX_TEXT) -> str:
    """Text the model accepts: one line's worth of spaces, at most ``limit`` characters
    (cut at the last sentence end before the limit when there is one)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for mark in ("。", ". ", "！", "？", "；", "\n"):
        at = cut.rfind(mark)
        if at > limit // 2:
            return cut[: at + 1].strip()
    return cut.strip()
