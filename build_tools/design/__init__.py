"""The design layer: planned slide + theme + template layouts -> positioned boxes.

``design`` runs once per slide (``design_deck`` for a whole plan, in the pipeline); its
``SlideDesign`` objects (``boxes``) are what every backend draws: the deck as native
placeholders and shapes, the handout as vector miniatures, the web deck as HTML. The fit
check runs here, once; no slide geometry is computed anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_tools.design import boxes
from build_tools.design.boxes import Box, SlideDesign
from build_tools.design.generated import (
    draw_agenda,
    draw_closing,
    draw_divider,
    draw_title,
)
from build_tools.design.kinds import (
    Look,
    draw_bullets,
    draw_chart,
    draw_comparison,
    draw_image,
    draw_pillars,
    draw_process,
    draw_quote,
    draw_table,
    draw_timeline,
)
from build_tools.design.layouts import Layouts
from build_tools.design.palette import Palette, from_scheme, house, themed
from build_tools.design.sketch import Sketch
from build_tools.design.text import Block, Fitter, Para
from build_tools.errors import Problem
from build_tools.measure import Measurer
from build_tools.outline.model import (
    BulletsSlide,
    ChartSlide,
    ComparisonSlide,
    ImageSlide,
    PillarsSlide,
    ProcessSlide,
    QuoteSlide,
    TableSlide,
    TimelineSlide,
)
from build_tools.plan import DeckPlan, PlannedSlide
from build_tools.theme import Theme

__all__ = ["Box", "DeckDesign", "Designer", "Palette", "SlideDesign", "boxes", "design",
           "design_deck", "palette_of"]

FOOTER_SEPARATOR = " · "


@dataclass(frozen=True)
class DeckDesign:
    """Every slide's design, and what designing found: overflow problems (an error unless
    overflow is allowed) and warnings (repeated titles)."""

    slides: tuple[SlideDesign, ...]
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    # The colours the slides were drawn in, and the scheme references the deck writes.
    palette: Palette | None = None

    def of(self, number: int) -> SlideDesign:
        return self.slides[number - 1]


@dataclass
class Designer:
    """What designing every slide of one deck shares: theme, layouts, the fit check."""

    plan: DeckPlan
    theme: Theme
    layouts: Layouts
    measurer: Measurer
    project: Path
    fitter: Fitter = field(init=False)
    look: Look = field(init=False)
    palette: Palette = field(init=False)

    def __post_init__(self) -> None:
        self.palette = palette_of(self.theme, self.layouts)
        # Every role colour the kinds, the sketch and the fit check use: the palette's.
        self.theme = themed(self.theme, self.palette)
        self.fitter = Fitter(self.measurer, palette=self.palette)
        self.look = Look(self.theme, self.plan.locale, self.palette)
        course = self.plan.course
        date = self.plan.locale.format_date(course.date)
        self.footer_text = f"{course.title}{FOOTER_SEPARATOR}{date}"

    def design(self, planned: PlannedSlide, title: str | None = None) -> SlideDesign:
        """One slide's boxes, in drawing order (the layout's decorations first)."""
        layouts, look = self.layouts, self.look
        role = planned.kind
        spec = layouts.roles[role]
        sketch = Sketch(planned, spec, self.theme, self.fitter)
        title = planned.title if title is None else title
        secondary, lead, body = layouts.secondary_idx, layouts.lead_idx, layouts.content_idx
        content = planned.content
        if role == "title":
            draw_title(sketch, look, self.plan, planned, secondary, title)
        elif role == "closing":
            draw_closing(sketch, look, self.plan, planned, secondary, title)
        elif role == "agenda":
            draw_agenda(sketch, look, planned, secondary, title)
        elif role == "divider":
            draw_divider(sketch, look, planned, secondary, lead, body, title)
        else:
            slot = sketch.title_slot()
            if slot is not None:
                sketch.in_slot(slot, Block("title", "title", (Para.text(title),), look.title,
                                           balance=True))
            match content:
                case BulletsSlide():
                    draw_bullets(sketch, look, content, body, {secondary, lead})
                case ComparisonSlide():
                    draw_comparison(sketch, look, content)
                case PillarsSlide():
                    draw_pillars(sketch, look, content)
                case TableSlide():
                    draw_table(sketch, look, content)
                case ProcessSlide():
                    draw_process(sketch, look, content)
                case TimelineSlide():
                    draw_timeline(sketch, look, content)
                case QuoteSlide():
                    draw_quote(sketch, look, content)
                case ImageSlide():
                    draw_image(sketch, look, content, self.project)
                case ChartSlide():
                    draw_chart(sketch, look, content)
                case _:  # pragma: no cover - the model's kinds are closed
                    raise ValueError(f"no design for slide kind {role!r}")
        if role != "title":
            self._furniture(sketch, planned.number)
        return SlideDesign(planned.number, spec.name, role, layouts.width_pt,
                           layouts.height_pt, spec.background,
                           spec.decorations + sketch.finish())

    def _furniture(self, sketch: Sketch, number: int) -> None:
        """Footer ("course title · date") and slide number, in the layout's slots."""
        for slot in sketch.layout.furniture():
            size = slot.style.size_pt or self.theme.type_scale.footer
            if slot.type == "sldNum":
                block = Block("number", "number", (Para.text(str(number)),), (size,))
                sketch.in_slot(slot, block, role="number")
            else:
                block = Block("course.title", "footer", (Para.text(self.footer_text),),
                              self.look.footer)
                sketch.in_slot(slot, block, role="footer")


def palette_of(theme: Theme, layouts: Layouts) -> Palette:
    """The house colours, or those of the customer template the layouts come from."""
    return from_scheme(theme, layouts.scheme) if layouts.customer else house(theme)


def design(planned: PlannedSlide, theme: Theme, layouts: Layouts, *, plan: DeckPlan,
           measurer: Measurer, project: Path) -> SlideDesign:
    """One planned slide as positioned boxes (see ``Designer`` to design many)."""
    return Designer(plan, theme, layouts, measurer, project).design(planned)


def design_deck(plan: DeckPlan, theme: Theme, layouts: Layouts, measurer: Measurer,
                project: Path) -> DeckDesign:
    """Every slide of the plan, designed once for all backends."""
    designer = Designer(plan, theme, layouts, measurer, project)
    slides = tuple(designer.design(planned) for planned in plan.slides)  # titles: the plan's
    return DeckDesign(slides, tuple(designer.fitter.problems), plan.notices,
                      designer.palette)
