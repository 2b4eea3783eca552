"""The theme: one object every backend reads its colours, fonts and sizes from.

Kept as data in ``assets/theme.yaml`` so a department can restyle without touching code.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from build_tools.paths import ASSETS

THEME_FILE = ASSETS / "theme.yaml"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Colours(_Frozen):
    primary: str
    accent: str
    secondary: str
    light: str
    text: str
    muted: str
    background: str
    series: list[str] = Field(min_length=1)


class Fonts(_Frozen):
    deck_latin: str
    deck_east_asian: str
    regular: str
    bold: str
    web: str


class TypeScale(_Frozen):
    title: float
    divider: float
    heading: float
    body: float
    body_min: float
    small: float
    caption: float
    footer: float


class DesignRules(_Frozen):
    """How the design layer uses a slide's space (sizes in points, fractions of space)."""

    body_max: float = 28  # body text steps up to this on a sparse slide (down to body_min)
    heading_max: float = 24  # panel and column headings step up to this
    objectives_min: float = 18  # a divider's objectives never smaller (read from the back)
    objectives_max: float = 24
    optical_centre: float = 0.42  # share of spare height above a centred content block
    table_width_slack: float = 1.15  # a table takes its natural width x this, at most all
    step_width_min: float = 150  # process steps: narrowest chevron, in points


class DeckLook(_Frozen):
    width_in: float
    height_in: float
    margin_in: float
    template: str
    agenda_capacity: int = Field(ge=1)


class HandoutLook(_Frozen):
    page: str
    margin_mm: float
    body_pt: float
    heading_pt: float


class QuizTypeLabels(_Frozen):
    single: str
    multiple: str
    truefalse: str


class HandoutLabels(_Frozen):
    """The handout's own words and formats (``{name}`` placeholders are filled by code)."""

    document: str
    course_info: str
    contents: str
    schedule: str
    objectives: str
    takeaways: str
    discussion: str
    glossary: str
    term: str
    definition: str
    quiz: str
    references: str
    presenter: str
    organisation: str
    date: str
    audience: str
    duration: str
    start: str
    minutes: str
    date_format: str
    time_range: str
    slide: str
    bookmark: str
    handout_text: str
    notes: str
    lead_separator: str
    quote_source: str
    chart_unit: str
    chart_source: str
    option: str
    versus: str
    quiz_true: str
    quiz_false: str
    quiz_types: QuizTypeLabels
    reference: str
    reference_note: str


class Labels(_Frozen):
    opening: str
    closing: str
    break_: str = Field(alias="break")
    page: str
    supplementary: str
    handout: HandoutLabels


class Theme(_Frozen):
    name: str
    colours: Colours
    fonts: Fonts
    type_scale: TypeScale
    deck: DeckLook
    handout: HandoutLook
    labels: Labels
    design: DesignRules = DesignRules()

    def path(self, relative: str) -> Path:
        """Theme paths are relative to the project folder (the parent of ``assets/``)."""
        return ASSETS.parent / relative

    @property
    def regular_font(self) -> Path:
        return self.path(self.fonts.regular)

    @property
    def bold_font(self) -> Path:
        return self.path(self.fonts.bold)


def load_theme(path: Path = THEME_FILE) -> Theme:
    with path.open(encoding="utf-8") as stream:
        return Theme.model_validate(yaml.safe_load(stream))
