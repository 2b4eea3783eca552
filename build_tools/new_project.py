"""``course new DIR``: a course project that builds at once, outside this repository.

The files come from the package (``build_tools/scaffold/``, read with importlib.resources)
so an installed wheel can scaffold anywhere. The project holds only what an author
writes or may change: the outline, the schema the editor reads, a partial theme and an
example image, a noxfile with the tool's session names, a README and a .gitignore; fonts,
the house template and the notes templates stay in the package (and can be overridden).
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from build_tools.errors import InputError, Problem

# package file -> project file
FILES = {
    "course.yaml": "source/course.yaml",
    "noxfile.py": "noxfile.py",
    "README.md": "README.md",
    "gitignore": ".gitignore",  # a dot file would be left out of the wheel by setuptools
    "assets/theme.yaml": "assets/theme.yaml",
    "assets/images/diagram.png": "assets/images/diagram.png",
}
SCHEMA = "schema/outline.schema.json"


def _scaffold() -> Traversable:
    return resources.files("build_tools") / "scaffold"


def new_project(folder: Path) -> list[Path]:
    """Write the project into ``folder`` (new or empty); return the files written."""
    from build_tools.outline.schema import schema_text

    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "a file" if not folder.is_dir() else "a folder that is not empty"
        raise InputError([Problem("", f"expected a new or empty folder; {folder} is {what}")])
    written = []
    for name, target in FILES.items():
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_item(name).read_bytes())
        written.append(path)
    schema = folder / SCHEMA
    schema.parent.mkdir(parents=True, exist_ok=True)
    schema.write_text(schema_text(), encoding="utf-8")
    written.append(schema)
    return written


def _item(name: str) -> Traversable:
    item = _scaffold()
    for part in name.split("/"):
        item = item / part
    return item
