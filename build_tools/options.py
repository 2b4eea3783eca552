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
