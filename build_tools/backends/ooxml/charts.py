"""Charts: the east-asian font and language in a chart's text, and schema-valid axis ids.

python-pptx writes a chart's text properties with the Latin font only, and every chart
from templates holding negative axis ids (``c:axId val="-2068027336"``), which the schema
types ``unsignedInt`` (6 errors per chart in ``openxml-audit``).
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.util import Pt

from build_tools.backends.ooxml import internals
from build_tools.backends.ooxml.runs import Script, set_run_script
from build_tools.backends.ooxml.schema import qn


def chart_text(chart: Any, script: Script, size_pt: float, colour: str) -> None:
    """Default text of a chart: size, colour, latin and east-asian font, language."""
    from pptx.dml.color import RGBColor

    chart.font.size = Pt(size_pt)
    chart.font.color.rgb = RGBColor.from_string(colour)
    space = internals.chart_space(chart)
    for defRPr in space.find(qn("c:txPr")).iter(qn("a:defRPr")):
        set_run_script(defRPr, script)
    for run in space.iter(qn("a:r")):
        rPr = run.find(_RPR)
        if rPr is None:  # a:rPr is a run's first child
            rPr = etree.Element(_RPR)
            run.insert(0, rPr)
        set_run_script(rPr, script)


def value_axis_crosses_at_maximum(chart: Any) -> None:
    """The value axis crosses the category axis at its last category (``c:valAx/c:crosses
    val="max"``): with the categories reversed (top to bottom in a bar chart) the value
    axis stays at the bottom. python-pptx 1.0.2's ``category_axis.crosses`` leaves the
    XML unchanged here, so the one attribute is set directly."""
    crosses = internals.chart_space(chart).find(f".//{qn('c:valAx')}/{qn('c:crosses')}")
    crosses.set("val", "max")


_RPR = qn("a:rPr")
_AXIS_REFS = (qn("c:axId"), qn("c:crossAx"))


def unsigned_axis_ids(chart_xml: bytes) -> bytes:
    """A chart part whose axis ids are non-negative, as the schema (``unsignedInt``) wants,
    and below 2**31, as LibreOffice reads them (as a signed 32-bit number: a larger id
    fails to parse, both axes then share one id and swap titles and gridlines).

    A negative id ``v`` becomes ``v + 2**31``, or the next free number if another axis
    of the chart already has that id; every ``c:axId``/``c:crossAx`` naming ``v`` gets the
    same new id, so each axis still crosses the one it crossed. Applied to the chart parts
    as the package is written (see ``package``), so every chart is covered whoever drew it.
    """
    if b' val="-' not in chart_xml:
        return chart_xml
    root = etree.fromstring(chart_xml)
    references = list(root.iter(*_AXIS_REFS))
    values = [int(element.get("val")) for element in references]
    taken = {value for value in values if value >= 0}
    new: dict[int, int] = {}
    for value in sorted({value for value in values if value < 0}):
        candidate = value + 2**31
        while candidate in taken:
            candidate = (candidate + 1) % 2**31
        taken.add(candidate)
        new[value] = candidate
    if not new:
        return chart_xml
    for element, value in zip(references, values, strict=True):
        if value in new:
            element.set("val", str(new[value]))
    # As python-pptx serialises a part (``serialize_part_xml``).
    return etree.tostring(root, encoding="UTF-8", standalone=True)
