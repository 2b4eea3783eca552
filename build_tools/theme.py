"""The theme: one object every backend reads its colours, fonts and sizes from.

Kept as data in ``assets/theme.yaml`` so a department can restyle without touching code.
Looks only: the product's words are in the locale files (:mod:`build_tools.locale`).
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


class Theme(_Frozen):
    name: str
    colours: Colours
    fonts: Fonts
    type_scale: TypeScale
    deck: DeckLook
    handout: HandoutLook
    # An edition in another script names other faces (Traditional Chinese, Latin); keys it
    # leaves out come from ``fonts``. The words of an edition live in its locale file.
    edition_fonts: dict[str, dict[str, str]] = Field(default_factory=dict)
    design: DesignRules = DesignRules()

    def path(self, relative: str) -> Path:
        """Theme paths are relative to the project folder (the parent of ``assets/``)."""
        return ASSETS.parent / relative

    def for_language(self, language: str) -> Theme:
        """The theme an edition in ``language`` draws with: its fonts, the same look."""
        override = self.edition_fonts.get(language)
        if not override:
            return self
        fonts = Fonts.model_validate({**self.fonts.model_dump(), **override})
        return self.model_copy(update={"fonts": fonts})

    @property
    def regular_font(self) -> Path:
        return self.path(self.fonts.regular)

    @property
    def bold_font(self) -> Path:
        return self.path(self.fonts.bold)


def load_theme(path: Path = THEME_FILE) -> Theme:
    with path.open(encoding="utf-8") as stream:
        return Theme.model_validate(yaml.safe_load(stream))
