"""Scheme colours: the design's RGB written as the customer template's ``a:schemeClr``.

The design layer resolves every colour to RGB (the handout and the web deck draw those),
and for a customer template it knows which scheme slot each one stands for (an accent,
the text colour, a lighter shade of an accent). Written as ``a:schemeClr`` (with
``a:lumMod``/``a:lumOff`` for shades), the deck's shapes follow the theme when a trainer
switches it in PowerPoint, as a hand-made slide on that template would. One pass per
slide (and chart part) after it is drawn: the writers, their prototypes and caches stay
as they are, and the house template (no references) is not touched at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from lxml import etree

from build_tools.backends.ooxml import internals
from build_tools.backends.ooxml.schema import qn

_SRGB = qn("a:srgbClr")
_SCHEME = qn("a:schemeClr")
_LUM_MOD = qn("a:lumMod")
_LUM_OFF = qn("a:lumOff")


class Reference(Protocol):
    """A scheme slot and DrawingML luminance changes (``design.palette.SchemeRef``)."""

    @property
    def slot(self) -> str: ...
    @property
    def lum_mod(self) -> int | None: ...
    @property
    def lum_off(self) -> int | None: ...


def scheme_colours(root: Any, refs: Mapping[str, Reference]) -> int:
    """Replace each ``a:srgbClr`` under ``root`` whose value ``refs`` names by that scheme
    colour, keeping its own transforms (alpha) after the luminance ones; returns how many."""
    if not refs:
        return 0
    changed = 0
    for srgb in list(root.iter(_SRGB)):
        ref = refs.get((srgb.get("val") or "").upper())
        if ref is None:
            continue
        scheme = etree.Element(_SCHEME)
        scheme.set("val", ref.slot)
        if ref.lum_mod is not None:
            etree.SubElement(scheme, _LUM_MOD).set("val", str(ref.lum_mod))
        if ref.lum_off is not None:
            etree.SubElement(scheme, _LUM_OFF).set("val", str(ref.lum_off))
        for child in list(srgb):
            scheme.append(child)
        scheme.tail = srgb.tail
        srgb.getparent().replace(srgb, scheme)
        changed += 1
    return changed


def scheme_colours_of_charts(slide: Any, refs: Mapping[str, Reference]) -> None:
    """``scheme_colours`` in the parts of the slide's charts (series, gridlines, text)."""
    if not refs:
        return
    for shape in slide.shapes:
        if getattr(shape, "has_chart", False):
            scheme_colours(internals.chart_space(shape.chart), refs)
