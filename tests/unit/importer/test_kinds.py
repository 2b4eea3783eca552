"""Slides written as data map to the kind an author would choose, dropping nothing silently."""

from __future__ import annotations

from build_tools.importer.deck import (
    Box,
    ChartItem,
    DroppedItem,
    Paragraph,
    PictureItem,
    Run,
    SeriesData,
    SlideData,
    TableItem,
    TextItem,
)
from build_tools.importer.kinds import map_slide
from build_tools.importer.mapped import point_of, points_of
from tests.conftest import ALLKINDS


def para(text: str, level: int = 0, bold: str = "") -> Paragraph:
    runs = ((Run(bold, True),) if bold else ()) + ((Run(text),) if text else ())
    return Paragraph(runs, level)


def text(name: str, *paragraphs: Paragraph, role: str = "text", left: int = 0,
         width: int = 100, origin: str = "") -> TextItem:
    return TextItem(name, role, paragraphs, Box(left, 100, width, 100), origin=origin)


def slide(*items: object) -> SlideData:
    title = text("Title", para("A slide"), role="title")
    return SlideData(4, 260, "Title and Content", (title, *items), "notes")  # type: ignore[arg-type]


def test_bold_run_ending_in_a_colon_becomes_the_lead_in() -> None:
    assert point_of(para("look at the speaker", bold="Attention: ")) == {
        "lead": "Attention", "text": "look at the speaker"}
    assert point_of(para("规模持续扩大", bold="现状：")) == {"lead": "现状", "text": "规模持续扩大"}


def test_bold_without_a_colon_stays_text_and_all_bold_is_a_lead_alone() -> None:
    assert point_of(para("more", bold="Bold ")) == {"text": "Bold more"}
    assert point_of(para("", bold="Only bold")) == {"lead": "Only bold"}


def test_levels_become_sub_points_and_the_seventh_is_folded_in() -> None:
    dropped: list[str] = []
    paragraphs = [para("top")] + [para(f"sub {i}", level=1) for i in range(1, 8)]
    points = points_of(paragraphs, dropped)
    assert points == [{"text": "top", "sub": ["sub 1", "sub 2", "sub 3", "sub 4", "sub 5",
                                              "sub 6；sub 7"]}]
    assert dropped == ["merged sub-points past 6"]


def test_a_table_maps_with_its_header_row_and_pads_empty_cells() -> None:
    mapped = map_slide(slide(TableItem("Table 3", (("A", "B"), ("1", "")))))
    assert mapped.kind == "table"
    assert mapped.fields == {"table": {"columns": ["A", "B"], "rows": [["1", "—"]]}}


def test_a_wide_table_keeps_five_columns_and_says_so() -> None:
    row = tuple(str(i) for i in range(7))
    mapped = map_slide(slide(TableItem("Table 3", (row, row))))
    assert mapped.fields["table"]["columns"] == ["0", "1", "2", "3", "4"]
    assert "table columns 6–7" in mapped.dropped


def test_a_chart_keeps_type_categories_series_and_values() -> None:
    chart = ChartItem("Chart 3", "BAR_CLUSTERED", ("2021", "2022"),
                      (SeriesData("Sales", (1.0, 2.5)), SeriesData("Cost", (None, 3.0))),
                      "亿元")
    mapped = map_slide(slide(chart))
    assert mapped.kind == "chart"
    assert mapped.fields["chart"] == {
        "type": "bar", "categories": ["2021", "2022"],
        "series": [{"name": "Sales", "values": [1, 2.5]}, {"name": "Cost", "values": [0, 3]}],
        "unit": "亿元"}
    assert mapped.dropped == ["empty values in series 2 (written as 0)"]


def test_an_unsupported_chart_becomes_bullets_and_is_named_as_dropped() -> None:
    chart = ChartItem("Chart 3", "XY_SCATTER", ("a",), (SeriesData("s", (1.0,)),))
    mapped = map_slide(slide(text("Body", para("a point")), chart))
    assert mapped.kind == "bullets"
    assert mapped.fields["points"] == [{"text": "a point"}]
    assert mapped.dropped == ["xy_scatter chart 'Chart 3'"]


PNG = (ALLKINDS.parent.parent / "assets" / "images" / "diagram.png").read_bytes()


def test_a_picture_with_no_alt_gets_a_placeholder_marked_todo() -> None:
    picture = PictureItem("Picture 2", PNG, "png", "", Box(0, 0, 10, 10))
    mapped = map_slide(slide(picture, text("caption 4", para("A caption"))))
    assert mapped.kind == "image"
    assert mapped.fields["image"]["caption"] == "A caption"
    assert mapped.todo == ["image.alt"] and mapped.picture is not None


def test_a_picture_over_the_image_limits_is_dropped_not_imported() -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (7000, 7000)).save(buffer, "PNG")  # 49 million pixels, a small file
    picture = PictureItem("Picture 2", buffer.getvalue(), "png", "huge", Box(0, 0, 10, 10))
    mapped = map_slide(slide(picture))
    assert mapped.kind == "bullets"
    assert mapped.dropped == ["png picture 'Picture 2' (over the image limits)"]


def test_a_metafile_picture_is_dropped_from_a_bullets_slide() -> None:
    picture = PictureItem("Picture 2", b"emf", "emf", "a chart", Box(0, 0, 10, 10))
    mapped = map_slide(slide(picture))
    assert mapped.kind == "bullets"
    assert mapped.dropped == ["emf picture 'Picture 2'"]


def test_two_side_by_side_text_blocks_are_a_comparison() -> None:
    left = text("Content 1", para("Phone"), para("Immediate"), role="body", left=0)
    right = text("Content 2", para("E-mail"), para("Written"), role="body", left=200)
    mapped = map_slide(slide(left, right))
    assert mapped.kind == "comparison"
    assert mapped.fields == {"columns": [{"heading": "Phone", "points": ["Immediate"]},
                                         {"heading": "E-mail", "points": ["Written"]}]}


def test_stacked_text_blocks_are_bullets_in_reading_order() -> None:
    one = text("TextBox 1", para("first"), left=0, width=300)
    two = text("TextBox 2", para("second"), left=100, width=300)
    mapped = map_slide(slide(one, two))
    assert mapped.kind == "bullets"
    assert mapped.fields["points"] == [{"text": "first"}, {"text": "second"}]


def test_grouped_and_smartart_text_is_flattened_and_the_report_says_so() -> None:
    mapped = map_slide(slide(text("SmartArt", para("Plan"), para("Do"), origin="smartart")))
    assert mapped.fields["points"] == [{"text": "Plan"}, {"text": "Do"}]
    assert mapped.how == "bullets (flattened from smartart)"


def test_a_video_is_named_in_the_dropped_list() -> None:
    mapped = map_slide(slide(text("Body", para("see the video")),
                             DroppedItem("Movie 3", "media")))
    assert mapped.kind == "bullets" and mapped.dropped == ["media 'Movie 3'"]


def test_an_empty_slide_gets_a_placeholder_point() -> None:
    mapped = map_slide(slide())
    assert mapped.kind == "bullets" and mapped.todo == ["points"]


def test_our_process_shapes_come_back_as_steps() -> None:
    mapped = map_slide(slide(text("steps[0] 3", para("01"), para("Plan")),
                             text("steps[0].text 4", para("what and why")),
                             text("steps[1] 5", para("02"), para("Do")),
                             text("points 8", para("all of it", bold="Use: "))))
    assert mapped.kind == "process"
    assert mapped.fields == {"steps": [{"title": "Plan", "text": "what and why"},
                                       {"title": "Do"}],
                             "points": [{"lead": "Use", "text": "all of it"}]}


def test_our_quote_comes_back_without_the_dash() -> None:
    mapped = map_slide(slide(text("quote 6", para("Comply.")),
                             text("quote source 7", para("—— 案例启示"))))
    assert mapped.fields == {"quote": {"text": "Comply.", "source": "案例启示"}}
