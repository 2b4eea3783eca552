"""Build target ``web``: ``<stem>-web/index.html``, the deck for a browser.

A builder in the Sphinx sense: it receives the plan and the slide designs and writes one
self-contained HTML file. Each slide is drawn by the templates from its design alone, so
its HTML is cached by the design object (frozen, hashable): in the warm ``course serve``
process a one-slide edit re-renders one slide. Fonts are subset WOFF2 slices
(:mod:`.fonts`), cached the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, ClassVar

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from build_tools import inputs, resources
from build_tools.backends.base import Context, Output, Result
from build_tools.backends.web import chart, fonts, view
from build_tools.design.boxes import Box, SlideDesign, Table, TableCell
from build_tools.errors import BuildFailure
from build_tools.outline.inline import spans_of
from build_tools.plan import DeckPlan, PlannedSlide

TEMPLATE = "deck.html.j2"
DRAW = "_draw.html.j2"
REGULAR, BOLD = 400, 700


@dataclass(frozen=True)
class PlacedCell:
    x: float
    y: float
    w: float
    h: float
    cell: TableCell


def cells_of(table: Table) -> list[PlacedCell]:
    """Each cell at the offset its row heights and column widths give it."""
    placed = []
    y = 0.0
    for row, height in zip(table.cells, table.row_heights_pt, strict=False):
        x = 0.0
        for cell, width in zip(row, table.column_widths_pt, strict=False):
            placed.append(PlacedCell(x, y, width, height, cell))
            x += width
        y += height
    return placed


def fill(colour: str, alpha: float = 1.0) -> str:
    if alpha >= 1.0:
        return f"#{colour}"
    red, green, blue = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{alpha:.3f})"


@cache
def environment() -> Environment:
    env = Environment(
        # Through the input recorder (every render reads its templates again, compiled code
        # comes from the bytecode cache), so an edited template rebuilds the web deck.
        loader=inputs.jinja_loader(_templates()),
        cache_size=0,
        bytecode_cache=resources.jinja_bytecode_cache("web"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        align=view.ALIGN,
        anchor=view.ANCHOR,
        lines_of=view.lines_of,
        points=view.outline_points,
        polygon=view.is_polygon,
        radius=view.corner_radius,
        image=view.image_uri,
        cells_of=cells_of,
        chart_of=chart.draw,
        fill=fill,
    )
    return env


def _templates() -> Path:
    return Path(str(files("build_tools.backends.web") / "templates"))


def _asset(name: str) -> Markup:
    """The deck's CSS and script, inlined as they are (never parsed as templates); read
    through the input recorder like every file a build uses."""
    return Markup(inputs.read(_templates() / name).decode("utf-8"))


@dataclass(frozen=True)
class _Drawn:
    """One slide's HTML and the characters it draws, for the design object it came from."""

    design: SlideDesign
    html: Markup
    regular: str
    bold: str
    code: str


# The last build's slides. A warm process (``build_tools.warm``) hands back the very same
# design object for a slide that did not change, so the cache is keyed by identity (the
# entry holds the design, so its id stays its own) and never hashes a whole design tree;
# an equal design made afresh is simply drawn again.
_drawn: dict[tuple[int, str, int, Path], _Drawn] = {}


def drawn_slides(designs: Sequence[SlideDesign], plan: DeckPlan, project: Path) -> list[_Drawn]:
    global _drawn
    macro = environment().get_template(DRAW).module.slide  # type: ignore[attr-defined]
    total = len(designs)
    kept: dict[tuple[int, str, int, Path], _Drawn] = {}
    result = []
    for design in designs:
        planned = plan.slides[design.number - 1]
        key = (id(design), planned.title, total, project)
        found = _drawn.get(key)
        if found is None or found.design is not design:
            regular, bold, code = _text_of(design)
            found = _Drawn(design, Markup(macro(design, planned, total, project)),
                           regular, bold, code)
        kept[key] = found
        result.append(found)
    _drawn = kept  # only the current deck's slides stay cached
    return result


def _walk_text(box: Box) -> tuple[list[str], list[str], list[str]]:
    regular: list[str] = []
    bold: list[str] = []
    code: list[str] = []
    blocks = [box.text]
    if box.table is not None:
        blocks += [cell.text for row in box.table.cells for cell in row]
    for block in blocks:
        r, b, c = view.used_text(block)
        regular.append(r)
        bold.append(b)
        code.append(c)
    if box.chart is not None:
        regular += [*box.chart.categories, *(s.name for s in box.chart.series),
                    box.chart.unit or "", "0123456789.,-e+"]
    return regular, bold, code


def _text_of(design: SlideDesign) -> tuple[str, str, str]:
    """The characters a slide draws in the regular, the bold and the code face."""
    regular: list[str] = []
    bold: list[str] = []
    code: list[str] = []
    for box in design.boxes:
        r, b, c = _walk_text(box)
        regular += r
        bold += b
        code += c
    return ("".join(set("".join(regular))), "".join(set("".join(bold))),
            "".join(set("".join(code))))


def font_faces(slides: Sequence[_Drawn], context: Context) -> list[fonts.Face]:
    theme = context.theme
    return [
        *fonts.faces(theme.regular_font, REGULAR, "".join(s.regular for s in slides)),
        *fonts.faces(theme.bold_font, BOLD, "".join(s.bold for s in slides)),
        *fonts.faces(theme.code_font, REGULAR, "".join(s.code for s in slides),
                     fonts.CODE_FAMILY),
    ]


def speaker_data(plan: DeckPlan, designs: Sequence[SlideDesign]) -> dict[str, Any]:
    """What the speaker view shows beside the slides: notes, trainer notes, the plan's clock."""

    def entry(slide: PlannedSlide) -> dict[str, Any]:
        start = (slide.start - plan.start).total_seconds() / 60
        return {
            "number": slide.number,
            "title": slide.title,
            "notes": slide.notes,
            # The notes' inline markup as spans: the script makes <strong>, <code>, <a> of
            # them with textContent, so no author text is ever parsed as HTML.
            "notes_spans": [asdict(span) for span in spans_of(slide.notes)],
            "trainer": [{"label": n.label, "text": n.text} for n in slide.trainer],
            "from": start,
            "to": start + slide.minutes,
        }

    first = designs[0]
    return {
        "title": plan.course.title,
        "width_pt": first.width_pt,
        "height_pt": first.height_pt,
        "slides": [entry(slide) for slide in plan.slides],
    }


def render_html(context: Context, designs: Sequence[SlideDesign]) -> str:
    plan, theme = context.plan, context.theme
    first = designs[0]
    slides = drawn_slides(designs, plan, context.project)
    return environment().get_template(TEMPLATE).render(
        lang=plan.language,
        words=context.locale.web_words.model_dump(),
        trainer_labels=context.locale.notes_words.trainer.model_dump(),
        title=plan.course.title,
        family=fonts.FAMILY,
        fallback=Markup(theme.fonts.web),
        accent=theme.colours.accent,
        primary=theme.colours.primary,
        width_pt=first.width_pt,
        height_pt=first.height_pt,
        faces=font_faces(slides, context),
        slides=[slide.html for slide in slides],
        data=speaker_data(plan, designs),
        css=_asset("deck.css"),
        script=_asset("deck.js"),
    )


def designs_of(context: Context) -> Sequence[SlideDesign]:
    """The slide designs the pipeline made once for every backend (``pipeline.designed``)."""
    if context.designs is None:
        raise ValueError("the web deck needs a designed context (pipeline.designed)")
    return context.designs.slides


class WebBackend:
    """Build target ``web``: ``<stem>-web<edition>/index.html``."""

    name: ClassVar[str] = "web"

    def render(self, context: Context) -> Result:
        designs = designs_of(context)
        problems = list(context.designs.problems) if context.designs else []
        if problems and not context.options.allow_overflow:
            raise BuildFailure(problems)  # as the deck does: text that overflows its box
        html = render_html(context, designs)
        return Result(
            outputs=[
                # ``course-web/``, ``course-web.zh-TW/``: each edition its own folder.
                Output(f"{context.folder_name('-web')}/index.html",
                       html.encode("utf-8"), len(designs),
                       "slides")
            ]
        )
