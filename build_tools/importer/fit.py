"""The fit pass: an imported outline must pass ``course check``, whose fit check fails a
slide whose text overflows at the smallest size the theme allows. Hand-made decks often
cram a slide; the pass renders the deck in memory, and splits each overflowing bullets or
table slide over more slides until it fits (or says which slides still do not)."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from build_tools.errors import BuildFailure, Problem
from build_tools.importer.imported import Imported
from build_tools.outline.fieldpath import format_path

ROUNDS = 4  # parts double each round: up to 16 slides from one


def overflowing(text: str, out: Path) -> list[Problem]:
    """Fit-check problems of the outline ``text``, as if it were at ``out``."""
    from build_tools.pipeline import prepare_located, render

    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".yaml", dir=out.parent,
                                     prefix=".import-", delete=False) as handle:
        handle.write(text)
        temporary = Path(handle.name)
    try:
        context, located = prepare_located(temporary)
        render(context, ["slides"], located)
        return []
    except BuildFailure as failure:
        return failure.problems
    finally:
        temporary.unlink(missing_ok=True)


_SLIDE = re.compile(r"^(chapters\[\d+\]\.slides\[\d+\])")


def fit(assemble: Callable[[dict[int, int]], Imported], write: Callable[[Imported], str],
        out: Path) -> tuple[Imported, str, list[Problem]]:
    """Assemble, check, split what overflows, again; the last outline and what still
    overflows."""
    parts: dict[int, int] = {}
    imported = assemble(parts)
    text = write(imported)
    problems: list[Problem] = []
    for _ in range(ROUNDS):
        problems = overflowing(text, out)
        if not problems:
            return imported, text, []
        by_target = {format_path(row.path): row.slide for row in imported.rows}
        grown = False
        for problem in problems:
            match = _SLIDE.match(problem.path)
            number = by_target.get(match.group(1)) if match else None
            kind = _kind(imported, match.group(1)) if match else None
            if number is not None and kind in ("bullets", "table"):
                parts[number] = parts.get(number, 1) * 2
                grown = True
        if not grown:
            break
        imported = assemble(parts)
        text = write(imported)
    return imported, text, overflowing(text, out) if problems else []


def _kind(imported: Imported, path: str) -> str | None:
    """The kind at a problem's path (the code's form, from 0)."""
    found = re.match(r"chapters\[(\d+)\]\.slides\[(\d+)\]", path)
    if not found:
        return None
    chapter, slide = int(found.group(1)), int(found.group(2))
    try:
        return str(imported.data["chapters"][chapter]["slides"][slide]["kind"])
    except (IndexError, KeyError):
        return None
