"""The course project a source file belongs to. Import-light: the no-change rebuild uses it.

The package's own files (theme, fonts, templates) are found by :mod:`build_tools.resources`.
"""

from __future__ import annotations

from pathlib import Path


def project_folder(outline_file: Path) -> Path:
    """Asset paths are relative to the folder that holds ``source/`` (the project)."""
    folder = outline_file.resolve().parent
    return folder.parent if folder.name == "source" else folder
