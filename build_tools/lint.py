"""Advice for authors: things that build but that a trainer or attendee would notice."""

from __future__ import annotations

from build_tools.errors import Problem
from build_tools.outline.loader import locate
from build_tools.outline.source import Source
from build_tools.plan import DeckPlan


def lint(plan: DeckPlan, source: Source) -> list[Problem]:
    warnings: list[Problem] = []
    declared = plan.course.duration
    if plan.teaching_minutes != declared:
        warnings.append(
            Problem(
                "course.duration",
                f"teaching minutes (slides and discussions) add up to "
                f"{plan.teaching_minutes}; the course declares {declared}",
            )
        )
    limit = plan.locale.notes_length  # characters suit Chinese; words suit English
    for slide in plan.slides:
        size = len(slide.notes.split()) if limit.unit == "words" else len(slide.notes)
        if not limit.low <= size <= limit.high:
            warnings.append(
                Problem(
                    f"{slide.path}.notes",
                    f"expected speaker notes of {limit.low}–{limit.high} {limit.unit}; "
                    f"got {size}",
                )
            )
        if not slide.generated and slide.handout is None:
            warnings.append(Problem(slide.path, "content slide has no handout text for attendees"))
    return [locate(warning, source) for warning in warnings]
