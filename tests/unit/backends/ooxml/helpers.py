"""Shared by the ooxml specs: the house template, its layouts, and XML comparison and
validation helpers."""

from __future__ import annotations

import copy
import datetime as dt

from lxml import etree
from pptx import Presentation

from build_tools.backends import ooxml
from build_tools.theme import load_theme
from tests.package_checks import problems

SCRIPT = ooxml.Script("Microsoft YaHei", "Microsoft YaHei", "zh-CN")
WHEN = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)


def house_template() -> Presentation:
    theme = load_theme()
    return Presentation(str(theme.path(theme.deck.template)))


def layout_named(prs, name: str):  # type: ignore[no-untyped-def]
    return next(layout for layout in prs.slide_layouts if layout.name == name)


def xml_of(element) -> bytes:  # type: ignore[no-untyped-def]
    """The element's XML, with the namespace declarations it uses on itself (a copy), so
    that elements in different documents compare by content."""
    return etree.tostring(copy.deepcopy(element))


def blank_slide(prs):  # type: ignore[no-untyped-def]
    return prs.slides.add_slide(prs.slide_layouts[6])


def assert_valid(prs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Equal to the plain path is not enough (a slip both share passes): the saved deck
    must also pass the schema and the package checks."""
    path = tmp_path / "deck.pptx"
    prs.save(str(path))
    assert problems(path) == []
