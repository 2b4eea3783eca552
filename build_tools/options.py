"""Build options that reach the backends (import-light: the manifest hashes them)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Options:
    allow_overflow: bool = False
    template: Path | None = None  # a customer's .pptx, overrides the theme's
    layout: str | None = None  # handout layout, overrides the outline's
    epoch: int | None = None  # SOURCE_DATE_EPOCH, for reproducible timestamps
    edition: str | None = None  # a language to build the course in (None: its own)
    allow_untranslated: bool = False  # a translated edition may keep source text

    @property
    def manifest_suffix(self) -> str:
        """Each edition's outputs are recorded apart in the manifest."""
        return f".{self.edition}" if self.edition else ""
