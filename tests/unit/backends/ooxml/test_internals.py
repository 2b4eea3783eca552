"""The python-pptx internals the deck relies on are still there: an upgrade that moves or
removes one fails here, naming it, before it fails somewhere in a build.

The behaviour behind each name is covered by the equivalence tests (test_ooxml.py: the fast
paths write python-pptx's own bytes) and by schema validation of every built deck.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pptx
import pytest

from build_tools.backends.ooxml import internals
from tests.internal_names import missing

PACKAGE = Path(internals.__file__).parent


def test_python_pptx_is_the_version_the_internals_were_checked_against() -> None:
    assert pptx.__version__ == internals.CHECKED_VERSION, (
        f"python-pptx {pptx.__version__} is installed; build_tools/backends/ooxml/internals.py"
        f" was checked against {internals.CHECKED_VERSION}: re-check every use listed in"
        " USES there, then update CHECKED_VERSION and the comments"
    )


@pytest.mark.parametrize("use", internals.USES)
def test_each_internal_name_still_exists(use: str) -> None:
    problem = missing(use, "pptx")
    assert problem is None, f"python-pptx {pptx.__version__}: {problem}"


def _pptx_imports(source: str) -> list[str]:
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pptx"):
            found += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith("pptx")]
    return found


PUBLIC = ("pptx.Presentation", "pptx.util.", "pptx.dml.color.", "pptx.enum.", "pptx.exc.",
          "pptx.presentation.", "pptx.slide.", "pptx.chart.data.")
ROOT = PACKAGE.parents[2]
CHECKED = sorted([*(ROOT / "build_tools").rglob("*.py"), ROOT / "assets" / "template_xml.py",
                  ROOT / "assets" / "make_template.py"])


@pytest.mark.parametrize("path", CHECKED, ids=lambda path: str(path.relative_to(ROOT)))
def test_only_the_internals_module_uses_python_pptx_internals(path: Path) -> None:
    """No other module imports python-pptx's internal layers, and none that uses python-pptx
    (imports it, or draws the deck) reads an underscore attribute of another object (its
    own ``self._x`` aside)."""
    if path.name == "internals.py":
        return
    module = path.name
    source = path.read_text(encoding="utf-8")
    imported = _pptx_imports(source)
    private = [name for name in imported if not name.startswith(PUBLIC)]
    assert private == [], f"{module} imports python-pptx internals: {private}"
    drawing = path.parent.name in ("deck", "ooxml") or path.parent.name == "assets"
    if not imported and not drawing:  # other libraries' privates: another module's concern
        return
    tree = ast.parse(source)
    underscored = sorted({node.attr for node in ast.walk(tree)
                          if isinstance(node, ast.Attribute) and node.attr.startswith("_")
                          and not node.attr.startswith("__")
                          and not (isinstance(node.value, ast.Name) and node.value.id == "self")})
    assert underscored == [], f"{module} reads private attributes of other objects: {underscored}"
