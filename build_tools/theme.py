"""The theme: one object every backend reads its colours, fonts and sizes from.

Kept as data in ``theme.yaml`` (shipped in the package; a course project may put its own
in ``assets/``) so a department can restyle without touching code.
Looks only: the product's words are in the locale files (:mod:`build_tools.locale`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from build_tools import resources
from build_tools.errors import InputError, Problem

if TYPE_CHECKING:
    from build_tools.outline.source import Source

THEME_FILE = "theme.yaml"
HEX_PATTERN = r"^[0-9A-Fa-f]{6}$"
Hex = Annotated[str, Field(pattern=HEX_PATTERN)]  # a colour: hex RGB without "#"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Colours(_Frozen):
    """Colours by role. With a customer's template the design maps each role onto the
    template's colour scheme instead (``design.palette``)."""

    primary: Hex
    accent: Hex
    secondary: Hex
    light: Hex
    text: Hex
    muted: Hex
    background: Hex
    series: list[Hex] = Field(min_length=1)


class Fonts(_Frozen):
    deck_latin: str
    deck_east_asian: str
    regular: str
    bold: str
    web: str
    # `code` in outline text: the deck's Latin typeface (east-asian text keeps its font).
    # Measured as 0.6 em a character, as Courier New and Liberation Mono draw it.
    mono: str = "Courier New"
    # The same `code` spans in the handout: embedded like every handout face (a subset of
    # Liberation Mono, metric-compatible with Courier New; assets/fonts/make_fonts.py).
    code: str = "fonts/LiberationMono-Regular.ttf"


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
    # The course project whose assets/ may override the package's files (None: package only).
    _project: Path | None = PrivateAttr(default=None)

    def path(self, relative: str) -> Path:
        """Theme paths are relative to an assets folder: the project's, else the package's."""
        return resources.asset(relative, self._project)

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

    @property
    def code_font(self) -> Path:
        return self.path(self.fonts.code)


def load_theme(project: Path | None = None, path: Path | None = None) -> Theme:
    """The package's theme with the project's ``assets/theme.yaml`` laid over it.

    A project's theme names only what it changes (``course new`` writes two colours), so a
    newer tool's added keys reach every course without editing its theme. Both files are
    read through the input recorder, so editing either rebuilds. A bad value is an input
    error located in the file that set it (``file:line:col: colours.primary: expected
    …``), never a traceback.
    """
    base = _read(path or resources.package_assets() / THEME_FILE)
    own = project / resources.ASSETS_FOLDER / THEME_FILE if project is not None else None
    data, located = base.data, base
    if path is None and own is not None and own.is_file():
        located = _read(own)
        data = _overlay(data, located.data)
    try:
        theme = Theme.model_validate(data)
    except ValidationError as error:
        from build_tools.outline.messages import problems_from

        raise InputError(problems_from(error, located)) from None
    theme._project = project
    return theme


def _read(path: Path) -> Source:
    """A theme file as located data (the outline's YAML reader: positions, YAML 1.2)."""
    from build_tools.outline.source import read_source

    source = read_source(path)
    if not isinstance(source.data, dict):
        raise InputError([Problem("", "expected a mapping of theme keys (colours, fonts, …)",
                                  path, 1, 1)])
    return source


def _overlay(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """``own``'s keys replace ``base``'s; mappings merge key by key, lists are replaced."""
    merged = dict(base)
    for key, value in own.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _overlay(merged[key], value)
        else:
            merged[key] = value
    return merged
