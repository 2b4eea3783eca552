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


_RPR = qn("a:rPr")
_AXIS_REFS = (qn("c:axId"), qn("c:crossAx"))


def unsigned_axis_ids(chart_xml: bytes) -> bytes:
    """A chart part with its axis ids made ``unsignedInt``, as the schema types them.

    Each negative id becomes its value modulo 2**32: a one-to-one map on 32-bit integers,
    so ids stay unique in the chart and every ``c:axId``/``c:crossAx`` reference still
    names the same axis. Applied to the chart parts as the package is written (see
    ``package``), so every chart is covered whoever drew it.
    """
    if b' val="-' not in chart_xml:
        return chart_xml
    root = etree.fromstring(chart_xml)
    changed = False
    for element in root.iter(*_AXIS_REFS):
        value = int(element.get("val"))
        if value < 0:
            element.set("val", str(value % 2**32))
            changed = True
    if not changed:
        return chart_xml
    # As python-pptx serialises a part (``serialize_part_xml``).
    return etree.tostring(root, encoding="UTF-8", standalone=True)
