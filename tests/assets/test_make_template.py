"""Specs for the house template: the committed file is what its script makes today."""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile
from pathlib import Path
from types import ModuleType

from build_tools.theme import load_theme
from tests.conftest import ROOT

ASSETS = ROOT / "assets"


def load_make_template() -> ModuleType:
    """``assets/make_template.py`` as a module (assets/ is not a package)."""
    if str(ASSETS) not in sys.path:
        sys.path.insert(0, str(ASSETS))
    spec = importlib.util.spec_from_file_location("make_template", ASSETS / "make_template.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_template"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_committed_template_is_a_fresh_generation() -> None:
    theme = load_theme()
    committed = Path(theme.path(theme.deck.template)).read_bytes()
    fresh = load_make_template().build(theme)
    # Parts first, so that a failure names what changed; then the bytes (zip order,
    # timestamps): generation is reproducible, so the two are the same file.
    old, new = _members(committed), _members(fresh)
    changed = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
    assert not changed, (
        f"build_tools/assets/template.pptx is stale ({changed}): run `nox -s template`"
    )
    assert committed == fresh, "build_tools/assets/template.pptx is stale: run `nox -s template`"


def test_generation_is_reproducible() -> None:
    module = load_make_template()
    theme = load_theme()
    assert module.build(theme) == module.build(theme)
