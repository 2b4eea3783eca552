"""The reportlab internals the handout relies on are still there: an upgrade that moves or
removes one fails here, naming it, before it fails somewhere in a build; and no module but
``handout/internals.py`` touches reportlab's private names.

What each one does is covered by the differential tests (test_handout_text.py: the fast
paths draw reportlab's own operators, the cached face equals a parsed one).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import tomllib
from pathlib import Path

import pytest
import reportlab

from build_tools.backends.handout import internals

ROOT = Path(internals.__file__).parents[3]


def test_reportlab_is_the_version_the_internals_were_checked_against() -> None:
    assert reportlab.Version == internals.CHECKED_VERSION, (
        f"reportlab {reportlab.Version} is installed; build_tools/backends/handout/internals.py"
        f" was checked against {internals.CHECKED_VERSION}: re-check every use listed in"
        " USES there, then update CHECKED_VERSION"
    )
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert f"reportlab=={internals.CHECKED_VERSION}" in project["dependencies"]


def _sets(cls: type, attribute: str) -> bool:
    """Whether reportlab's own code of ``cls`` (or a base) assigns ``self.<attribute>``."""
    pattern = re.compile(rf"self\.{re.escape(attribute)}\s*=[^=]")
    return any(pattern.search(inspect.getsource(klass))
               for klass in inspect.getmro(cls) if klass.__module__.startswith("reportlab"))


@pytest.mark.parametrize("use", internals.USES)
def test_each_internal_name_still_exists(use: str) -> None:
    module_name, _, path = use.partition(":")
    found: object = importlib.import_module(module_name)
    names, _, instance_attribute = path.partition("#")
    for name in names.split("."):
        assert hasattr(found, name), f"reportlab {reportlab.Version} has no {use}"
        found = getattr(found, name)
    if instance_attribute:
        assert isinstance(found, type)
        assert _sets(found, instance_attribute), (
            f"reportlab {reportlab.Version}: {names} no longer sets {instance_attribute}")


def test_the_check_of_instance_attributes_can_fail() -> None:
    from reportlab.pdfgen.canvas import Canvas

    assert _sets(Canvas, "_doc") and not _sets(Canvas, "_no_such_attribute")


CHECKED = sorted((ROOT / "build_tools").rglob("*.py"))


def _uses_reportlab(tree: ast.AST) -> bool:
    return any((isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"))
               or (isinstance(node, ast.Import)
               and any(alias.name.startswith("reportlab") for alias in node.names))
               for node in ast.walk(tree))


@pytest.mark.parametrize("path", CHECKED, ids=lambda path: str(path.relative_to(ROOT)))
def test_only_the_internals_module_uses_reportlab_internals(path: Path) -> None:
    """No other module imports an underscored reportlab name, and none that uses reportlab
    reads or writes an underscored attribute of another object (its own ``self._x`` aside,
    and the handout's ``_frame`` slot, which LeanFlowable declares)."""
    if path == Path(internals.__file__):
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = [f"{node.module}.{alias.name}" for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab")
                for alias in node.names if alias.name.startswith("_")]
    assert imported == [], f"{path.name} imports reportlab internals: {imported}"
    if not _uses_reportlab(tree):
        return
    underscored = sorted({node.attr for node in ast.walk(tree)
                          if isinstance(node, ast.Attribute) and node.attr.startswith("_")
                          and not node.attr.startswith("__")
                          and not (isinstance(node.value, ast.Name) and node.value.id == "self")})
    assert underscored == [], f"{path.name} touches private attributes: {underscored}"


def _reportlab_bases(cls: type) -> list[type]:
    return [klass for klass in inspect.getmro(cls)[1:]
            if klass.__module__.startswith("reportlab")]


def _private_of_reportlab(bases: list[type], name: str) -> bool:
    return any(name in vars(klass) or _sets(klass, name) for klass in bases)


@pytest.mark.parametrize("path", CHECKED, ids=lambda path: str(path.relative_to(ROOT)))
def test_our_subclasses_of_reportlab_classes_leave_its_private_attributes_alone(
        path: Path) -> None:
    """A handout class derived from a reportlab one (a flowable, the document template)
    touches none of reportlab's own ``self._x`` (``_multiBuildEdits``, ``_frame`` …): those
    go through internals.py too. Its own private attributes are its business."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if path == Path(internals.__file__) or not _uses_reportlab(tree):
        return
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    module = importlib.import_module(name)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(module, node.name, None)
        bases = _reportlab_bases(cls) if isinstance(cls, type) else []
        if not bases:
            continue
        for inner in ast.walk(node):
            if (isinstance(inner, ast.Attribute) and isinstance(inner.value, ast.Name)
                    and inner.value.id == "self" and inner.attr.startswith("_")
                    and not inner.attr.startswith("__")
                    and _private_of_reportlab(bases, inner.attr)):
                found.append(f"{node.name}.{inner.attr}")
    assert found == [], f"{path.name} touches reportlab's private attributes: {found}"
