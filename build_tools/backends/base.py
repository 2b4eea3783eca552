"""What every backend receives and returns.

Like a Sphinx builder, a backend gets resolved content (the plan, the slide designs,
the theme, the measurer) and only writes its format. It returns bytes; the pipeline writes them
atomically, so a backend can never leave a half-written file behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Protocol

from build_tools.design import DeckDesign
from build_tools.design.layouts import Layouts
from build_tools.errors import Problem
from build_tools.locale import Locale
from build_tools.measure import Measurer
from build_tools.options import Options
from build_tools.plan import DeckPlan
from build_tools.theme import Theme


@dataclass(frozen=True)
class Context:
    plan: DeckPlan
    theme: Theme
    measurer: Measurer
    project: Path  # the folder asset paths are relative to
    stem: str  # output file names start with this
    options: Options = field(default_factory=Options)
    # Every slide's design (the same objects for every backend: ``pipeline.designed``)
    # and the template layouts it was made for; None until designed.
    layouts: Layouts | None = None
    designs: DeckDesign | None = None
    edition: str = ""  # ".zh-TW" in output names; "" for the outline's own language
    warnings: tuple[Problem, ...] = ()  # found while preparing (untranslated strings)

    def output_name(self, part: str, extension: str) -> str:
        """``course.zh-TW.pptx``, ``course-handout.zh-TW.pdf``: the edition before the type."""
        return f"{self.stem}{part}{self.edition}.{extension}"

    def folder_name(self, part: str) -> str:
        """``course-web``, ``course-web.zh-TW``: an output that is a folder of files."""
        return f"{self.stem}{part}{self.edition}"

    @property
    def locale(self) -> Locale:
        """The edition's words (planned with it, so outputs and plan agree)."""
        return self.plan.locale

    def asset(self, relative: str) -> Path:
        return self.project / relative


@dataclass(frozen=True)
class Output:
    name: str  # file name inside the output folder
    data: bytes
    count: int  # slides or pages
    unit: str  # "slides" | "pages" | "sections"


@dataclass
class Result:
    outputs: list[Output]
    warnings: list[Problem] = field(default_factory=list)


class Backend(Protocol):
    name: ClassVar[str]  # the build target: "slides", "handout", "notes"

    def render(self, context: Context) -> Result: ...
