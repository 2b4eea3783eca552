"""The closed intermediate model between the design layer and every backend.

``design(planned_slide, theme, layouts)`` turns one planned slide into a ``SlideDesign``:
the slide's positioned boxes, each with its rectangle, colours and (already fitted) text.
Backends only draw these objects: the deck as native placeholders and shapes, the
handout as vector miniatures, the web deck as HTML/CSS. Nothing here knows a file
format, so every field is plain data:

- lengths are points (1/72 in) on the slide, origin top left, y downwards
  (``x_pt``, ``y_pt``, ``width_pt``, ``height_pt``);
- colours are hex RGB strings without ``#`` (``"1F3A5F"``), always resolved (a backend
  never has to look into a template to know what colour a text is);
- geometry names are DrawingML preset names (``"rect"``, ``"ellipse"``, ``"chevron"``,
  ``"homePlate"``, ``"roundRect"``), which CSS/PDF backends map to paths;
- text carries the size the fit check chose and the line breaks it chose, so every
  backend breaks lines where the deck does (a backend that cannot honour them, e.g. a
  browser, can still use them as ``<br>``).

``to_json`` gives the JSON form (dataclasses as objects, tuples as arrays). The model is
frozen: one object per slide, shared by all backends of a build (see
``backends.base.Context.designs``).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from build_tools.design.chart_marks import Mark

# Box roles (the closed list every backend must know how to draw).
ROLES = (
    "title",  # the slide title (a title placeholder in the deck)
    "subtitle",  # a title slide's subtitle, a divider's number or lead
    "body",  # a text area (a body placeholder or a text box)
    "footer",  # course title and date, cloned from the layout's footer
    "number",  # the slide number, cloned from the layout's slide number
    "panel",  # a filled rectangle behind other boxes (no text)
    "shape",  # a preset shape, with or without text (chevrons, markers, badges)
    "table",  # a native table (``table`` payload)
    "chart",  # a native chart (``chart`` payload)
    "image",  # a picture (``image`` payload)
    "decoration",  # drawn by the layout or master (``from_layout``): backends other than
    # the deck draw it so a miniature shows what the slide shows
)

ANCHORS = ("t", "ctr", "b")
ALIGNMENTS = ("l", "ctr", "r")


@dataclass(frozen=True)
class Span:
    """A run of text with one look."""

    text: str
    bold: bool = False
    italic: bool = False
    colour: str = "000000"  # hex RGB
    # font role: "body" (regular/bold from the theme), "heading", "code" (`code` in the
    # outline: the theme's fonts.mono for Latin characters)
    font: str = "body"
    link: str | None = None  # a URL, if the run is a hyperlink


@dataclass(frozen=True)
class Bullet:
    """A paragraph's bullet: the character, its colour and size in % of the text."""

    char: str
    colour: str
    size_percent: int = 100


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: spans, its size relative to the block's, indents, spacing, bullet."""

    spans: tuple[Span, ...]
    level: int = 0
    scale: float = 1.0  # size = TextBlock.size_pt x scale
    align: str = "l"  # one of ALIGNMENTS
    margin_pt: float = 0.0  # left margin of the text; a bullet hangs into it
    indent_pt: float = 0.0  # first-line indent (negative: hanging, where the bullet sits)
    space_before_pt: float = 0.0  # before this paragraph (0 for the first)
    bullet: Bullet | None = None

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class TextBlock:
    """The text of a box, fitted: its size and the lines the fit check broke it into.

    ``lines[i]`` are the lines of ``paragraphs[i]`` as strings, in order; their
    concatenation is the paragraph's text (a backend maps them back onto the spans).
    ``line_height`` is the exact line pitch as a multiple of each paragraph's size.
    ``overflow_pt`` is how far the text still overflows its box at ``size_pt`` (0 when it
    fits; more only with ``--allow-overflow``): a backend that draws small must not cut
    such text silently.
    """

    paragraphs: tuple[Paragraph, ...]
    size_pt: float
    lines: tuple[tuple[str, ...], ...]
    anchor: str = "t"  # one of ANCHORS
    insets_pt: tuple[float, float, float, float] = (7.2, 3.6, 7.2, 3.6)  # l, t, r, b
    line_height: float = 1.2
    overflow_pt: float = 0.0
    # Whether the deck writes the text with autofit off and explicit insets/anchor: always
    # true for text boxes and shapes; for placeholders the same values are written too.


@dataclass(frozen=True)
class TableCell:
    text: TextBlock
    fill: str


@dataclass(frozen=True)
class Table:
    """A table: column widths and row heights in points, cells row by row."""

    column_widths_pt: tuple[float, ...]
    row_heights_pt: tuple[float, ...]
    cells: tuple[tuple[TableCell, ...], ...]
    padding_pt: tuple[float, float] = (10.0, 8.0)  # horizontal, vertical


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    colour: str


@dataclass(frozen=True)
class Chart:
    """A chart's data and look, and its interior laid out (``design.chart``).

    ``marks`` are the positioned axis, gridlines, bars, lines, slices, labels and legend
    (slide points): the web deck and the handout draw exactly these. The deck draws a
    native chart from the data and is told the same choices: ``axis`` (value axis
    minimum, maximum and major unit; None for a pie), ``number_format`` for values and
    ticks, ``percent_format`` for a pie's shares, categories top to bottom in a bar chart.
    """

    type: str  # "column" | "bar" | "line" | "pie"
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    point_colours: tuple[str, ...]  # pie slices, in category order
    unit: str | None
    label_size_pt: float
    text_colour: str
    grid_colour: str
    axis_colour: str
    legend: bool
    axis: tuple[float, float, float] | None = None  # low, high, step
    number_format: str = "General"
    percent_format: str = "0%"
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class Image:
    """A picture, scaled to the box (never cropped); ``path`` relative to the project.

    A picture of the template's master or layout (a logo) names the template file as its
    ``path`` and its ``part`` in that package (``ppt/media/image1.png``): backends read it
    with ``design.pictures.picture_bytes``.
    """

    path: str
    alt: str
    width_px: int
    height_px: int
    part: str | None = None


@dataclass(frozen=True)
class Box:
    """One positioned thing on a slide.

    ``placeholder_idx`` is set where the deck draws the box as the layout's placeholder
    with that idx (title placeholders: the layout's title, ``placeholder_type`` "title"),
    so the slide stays editable like a normal one; other backends ignore it.
    ``from_layout`` boxes are drawn by the slide layout or master (backgrounds' stripes,
    bands): the deck skips them, the handout and web draw them.
    """

    role: str  # one of ROLES
    x_pt: float
    y_pt: float
    width_pt: float
    height_pt: float
    name: str = ""  # the shape's name in the deck ("Panel", "Timeline")
    field: str = ""  # the outline field it shows, under the slide's path ("points")
    geometry: str | None = None  # DrawingML preset name where the box is a shape
    adjust: float | None = None  # the preset's first adjust value (chevron point depth)
    fill: str | None = None  # hex RGB; None: no fill
    fill_alpha: float = 1.0  # opacity of the fill (a layout's tinted bands)
    line: str | None = None  # hex RGB; None: no outline
    line_pt: float = 0.0
    text: TextBlock | None = None
    text_rect: tuple[float, float, float, float] | None = None  # x, y, w, h (pt) of the
    # text area where the geometry makes it differ from the box (chevrons, ovals)
    table: Table | None = None
    chart: Chart | None = None
    image: Image | None = None
    placeholder_idx: int | None = None
    placeholder_type: str | None = None  # "title", "subTitle", "body", "ftr", "sldNum"
    from_layout: bool = False

    @property
    def rect(self) -> tuple[float, float, float, float]:
        return (self.x_pt, self.y_pt, self.width_pt, self.height_pt)

    @property
    def text_area(self) -> tuple[float, float, float, float]:
        """Where the text goes, before insets."""
        return self.text_rect or self.rect


@dataclass(frozen=True)
class SlideDesign:
    """One slide as positioned boxes, in drawing order (later boxes on top).

    Speaker notes stay in the plan (``PlannedSlide.notes``); the design holds what the
    audience sees.
    """

    number: int  # the slide number (the plan's)
    layout: str  # the template layout's name (e.g. "Title and Content")
    role: str  # the layout role ("title", "agenda", "divider", "content", …)
    width_pt: float
    height_pt: float
    background: str  # hex RGB: the layout's (or master's) solid background
    boxes: tuple[Box, ...]

    def find(self, role: str) -> list[Box]:
        return [box for box in self.boxes if box.role == role]

    def to_json(self) -> str:
        return json.dumps(to_data(self), ensure_ascii=False, sort_keys=True)


def to_data(value: Any) -> Any:
    """Dataclasses as dicts, tuples as lists: the JSON-ready form of a design."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [to_data(item) for item in value]
    return value
