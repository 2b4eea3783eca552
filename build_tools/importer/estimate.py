"""Minutes and ids the deck does not state: estimated, and marked as such in the outline."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata

SPOKEN_PER_MINUTE = 180  # characters of speaker notes a trainer says in a minute (Chinese)
READ_PER_MINUTE = 300  # characters of slide text a room reads (or hears read) in a minute
MAX_MINUTES = 60


def estimate_minutes(slide_text: str, notes: str) -> int:
    """At least one minute; notes are spoken, slide text is read along."""
    spent = len(notes) / SPOKEN_PER_MINUTE + len(slide_text) / READ_PER_MINUTE
    return max(1, min(MAX_MINUTES, math.ceil(spent)))


# Ids the plan gives generated slides (outline/rules.py refuses them on content slides).
RESERVED = re.compile(r"^(title|agenda|closing|agenda-[0-9]+|chapter-[0-9]+)$")


def _is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F") and char.isalpha()


def slide_id(title: str, number: int) -> str:
    """A readable slug for a Latin title ('Market size' -> 'market-size'); for a CJK
    title, the slide number plus a short hash of the title ('s05-3fa9c2'), stable across
    imports of the same deck."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:48].strip("-")
    if slug and len(slug) >= 3 and not any(_is_cjk(c) for c in title):
        return f"slide-{slug}" if RESERVED.match(slug) else slug
    digest = hashlib.sha1(title.encode("utf-8")).hexdigest()[:6]
    return f"s{number:02d}-{digest}"


def unique(base: str, used: set[str], limit: int = 64) -> str:
    """``base``, else ``base-2``, ``base-3`` …, never an id the plan generates ('chapter'
    numbers as 'chapter-part-2', since 'chapter-2' is the second chapter's divider)."""
    stem = base[:limit]
    candidate, n = stem, 2
    while candidate in used or RESERVED.match(candidate):
        suffix = f"-{n}" if not RESERVED.match(f"{stem}-{n}") else f"-part-{n}"
        candidate = stem[: limit - len(suffix)] + suffix
        n += 1
    used.add(candidate)
    return candidate
