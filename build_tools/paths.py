"""Where things are. Import-light on purpose: the no-change rebuild path uses it alone."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ASSETS = PACKAGE.parent / "assets"


def project_folder(outline_file: Path) -> Path:
    """Asset paths are relative to the folder that holds ``source/`` (the project)."""
    folder = outline_file.resolve().parent
    return folder.parent if folder.name == "source" else folder
