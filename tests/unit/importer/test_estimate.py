"""Ids from titles and minutes from text length."""

from __future__ import annotations

import re

from build_tools.importer.estimate import estimate_minutes, slide_id, unique


def test_latin_titles_give_readable_slugs() -> None:
    assert slide_id("Market size & trends (2024)", 3) == "market-size-trends-2024"
    assert slide_id("Café crème", 3) == "cafe-creme"


def test_cjk_titles_give_number_and_a_stable_short_hash() -> None:
    first = slide_id("市场规模", 5)
    assert re.fullmatch(r"s05-[0-9a-f]{6}", first)
    assert slide_id("市场规模", 5) == first != slide_id("市场趋势", 5)
    assert slide_id("2024年P2P", 12).startswith("s12-")  # mixed: still the hash form


def test_ids_the_plan_generates_are_never_given_to_content() -> None:
    assert slide_id("Agenda", 2) == "slide-agenda"
    assert slide_id("Chapter 3", 9) == "slide-chapter-3"
    assert slide_id("Agenda 2", 9) == "slide-agenda-2"
    used: set[str] = set()
    assert [unique("chapter", used) for _ in range(3)] == ["chapter", "chapter-part-2",
                                                           "chapter-part-3"]


def test_ids_are_made_unique_within_the_limit() -> None:
    used: set[str] = set()
    assert [unique("intro", used) for _ in range(3)] == ["intro", "intro-2", "intro-3"]
    assert len(unique("x" * 80, used)) == 64


def test_minutes_grow_with_text_and_are_at_least_one() -> None:
    assert estimate_minutes("", "") == 1
    assert estimate_minutes("字" * 300, "字" * 900) == 6
    assert estimate_minutes("", "字" * 100_000) == 60
