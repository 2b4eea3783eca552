"""load -> plan -> backends -> atomic writes (provisional)."""
from __future__ import annotations

from pathlib import Path

from build_tools.backends.base import Context, Options
from build_tools.measure import Measurer
from build_tools.outline.loader import load_outline
from build_tools.plan import make_plan
from build_tools.theme import load_theme


def prepare(source: Path, options: Options | None = None) -> Context:
    theme = load_theme()
    outline = load_outline(source)
    plan = make_plan(outline, theme.labels.opening, theme.labels.closing)
    measurer = Measurer.from_paths(theme.regular_font, theme.bold_font)
    project = source.resolve().parent.parent
    return Context(plan, theme, measurer, project, source.stem, options or Options())
