"""Specs for charts: axis ids the schema accepts, still pairing each axis with the one it
crosses."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from build_tools.backends import ooxml
from tests.package_checks import problems
from tests.unit.backends.ooxml.helpers import WHEN, house_template, layout_named


def test_chart_axis_ids_are_written_non_negative_and_still_paired(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    prs = house_template()
    data = CategoryChartData()
    data.categories = ["甲", "乙"]
    data.add_series("一", (1.5, 2))
    slide, _ = ooxml.SlideAdder(prs).add(layout_named(prs, "Chart"))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, 100, 100, data)
    before = [int(v) for v in frame.chart._chartSpace.xpath("//c:axId/@val")]
    assert min(before) < 0  # python-pptx's habit, which the schema rejects
    saved = ooxml.save_normalised(prs, WHEN)
    chart = etree.fromstring(zipfile.ZipFile(io.BytesIO(saved)).read("ppt/charts/chart1.xml"))
    C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    plot_ids = [int(e.get("val")) for e in chart.find(f".//{C}barChart").iter(f"{C}axId")]
    axes = {int(ax.find(f"{C}axId").get("val")): int(ax.find(f"{C}crossAx").get("val"))
            for ax in (chart.find(f".//{C}catAx"), chart.find(f".//{C}valAx"))}
    # Below 2**31: LibreOffice reads an axis id as a signed 32-bit number.
    assert all(0 <= value < 2**31 for value in plot_ids)
    assert sorted(axes) == sorted(plot_ids) and len(set(plot_ids)) == 2
    assert {axes[a]: a for a in axes} == axes  # each axis crosses the other
    (tmp_path / "deck.pptx").write_bytes(saved)
    assert problems(tmp_path / "deck.pptx") == []


def test_a_new_axis_id_never_collides_with_another_axis_of_the_chart() -> None:
    C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    chart = (f'<c:chartSpace xmlns:c="{C}"><c:plotArea><c:barChart>'
             '<c:axId val="-2"/><c:axId val="2147483646"/></c:barChart>'
             '<c:catAx><c:axId val="-2"/><c:crossAx val="2147483646"/></c:catAx>'
             '<c:valAx><c:axId val="2147483646"/><c:crossAx val="-2"/></c:valAx>'
             '</c:plotArea></c:chartSpace>').encode()
    root = etree.fromstring(ooxml.unsigned_axis_ids(chart))
    ids = [e.get("val") for e in root.iter(f"{{{C}}}axId", f"{{{C}}}crossAx")]
    assert ids == ["2147483647", "2147483646", "2147483647", "2147483646", "2147483646",
                   "2147483647"]
