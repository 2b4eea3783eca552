"""Where the house look comes from: the package's own assets, or the course project's.

The theme, fonts, house template, layout map, fontconfig file and Jinja templates ship
inside the package (``build_tools/assets/``, ``build_tools/templates/``) and are read
with :mod:`importlib.resources`, so an installed wheel builds a course from any folder.
A course project may override any of them by putting a file at the same relative path
in its own ``assets/`` (``assets/theme.yaml``, ``assets/fonts/…``,
``assets/templates/notes.html.j2``): the project's file wins, the package's is the
default. This is the one place that decides; nothing else looks for these files.

Import-light on purpose: the no-change rebuild path imports it.
"""

from __future__ import annotations

import atexit
import contextlib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import FileSystemBytecodeCache

from build_tools import inputs

PACKAGE_NAME = "build_tools"
ASSETS_FOLDER = "assets"  # the name both inside the package and inside a project
TEMPLATES_FOLDER = "templates"  # Jinja templates: package folder, and under a project's assets/

_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def _concrete(item: Traversable) -> Path:
    """A real file-system path (fonts and templates are opened by path by their libraries).

    Installed wheels and source checkouts give one already; a zipped package is extracted
    once per process by ``importlib.resources.as_file``.
    """
    if isinstance(item, Path):
        return item
    return _extracted.enter_context(resources.as_file(item))


def package_assets() -> Path:
    """The folder of assets shipped in the package."""
    return _concrete(resources.files(PACKAGE_NAME) / ASSETS_FOLDER)


def package_templates() -> Path:
    """The folder of Jinja templates shipped in the package."""
    return _concrete(resources.files(PACKAGE_NAME) / TEMPLATES_FOLDER)


def package_root() -> Path:
    """The installed package itself (the manifest fingerprints its code and data)."""
    return _concrete(resources.files(PACKAGE_NAME))


def asset(relative: str, project: Path | None = None) -> Path:
    """``relative`` (e.g. ``fonts/NotoSansSC-Regular.ttf``) from the project, else the package.

    A path that exists in neither place is returned as the package's path, so the caller's
    ``open`` names the file it expected.
    """
    if project is not None:
        own = project / ASSETS_FOLDER / relative
        if own.is_file():
            return own
        inputs.absent(own)  # an override added later makes what was built without it stale
    return package_assets() / relative


def template_folders(project: Path | None = None) -> list[Path]:
    """Where Jinja looks for templates, first match wins: the project's, then the package's."""
    folders = [package_templates()]
    if project is not None:
        own = project / ASSETS_FOLDER / TEMPLATES_FOLDER
        if own.is_dir():
            folders.insert(0, own)
    return folders


def fontconfig() -> Path:
    """The fontconfig file that maps the deck's YaHei to Noto Sans CJK SC for Linux renders."""
    return package_assets() / "fontconfig" / "fonts.conf"


def cache_folder() -> Path:
    """Where builds keep what only saves time (font metrics, parsed faces, web font slices,
    compiled templates): ``$XDG_CACHE_HOME/course-build``, else ``~/.cache/course-build``
    (README: "Caches"). Every entry is keyed by the content it was made from and the
    version of the library that made it; deleting the folder is safe."""
    import os

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "course-build"


def jinja_bytecode_cache(name: str) -> FileSystemBytecodeCache | None:
    """Compiled Jinja templates on disk (compiling costs ~0.2 s a process, loading ~5 ms),
    one folder per environment (``name``: they compile the same partials differently) and
    per Jinja version (compiled code is Jinja's own; its magic number changes only with
    the bytecode format). Jinja keys entries by the template source's checksum. Without a
    writable folder the build just compiles."""
    import os

    from jinja2 import FileSystemBytecodeCache, __version__

    folder = cache_folder() / f"jinja-{__version__}-{name}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None
