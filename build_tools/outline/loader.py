"""Placeholder loader (replaced by the located loader)."""
from __future__ import annotations

from pathlib import Path

import yaml

from build_tools.outline.model import Outline


def load_outline(path: Path) -> Outline:
    with path.open(encoding="utf-8-sig") as stream:
        return Outline.model_validate(yaml.safe_load(stream))
