"""Shorthand: a plain string for a list item whose one required field is text."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from build_tools.errors import InputError
from build_tools.outline.loader import load
from build_tools.outline.model import Point, ProcessSlide, QuoteSlide, Step
from build_tools.outline.schema import schema
from tests.conftest import FIXTURES

MINIMAL = FIXTURES / "valid" / "minimal" / "source" / "course.yaml"
LONG = (
    "        points:\n"
    "          - {lead: 定义, text: 利用互联网技术实现资金融通的新型金融业务模式。}\n"
)


def _outline(tmp_path: Path, slide_body: str) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    assert LONG in text
    source = tmp_path / "source" / "course.yaml"
    source.parent.mkdir()
    source.write_text(text.replace(LONG, slide_body), encoding="utf-8")
    return source


def test_plain_strings_stand_for_points_and_sub_points(tmp_path: Path) -> None:
    source = _outline(
        tmp_path, "        points:\n          - 数据盘点\n"
        "          - {text: 分类, sub: [公开, 内部]}\n"
    )
    outline, _ = load(source)
    slide = outline.chapters[0].slides[0]
    assert slide.points == [Point(text="数据盘点"), Point(text="分类", sub=["公开", "内部"])]


def test_plain_strings_stand_for_steps_and_quotes(tmp_path: Path) -> None:
    steps = _outline(tmp_path, "        points: [定义]\n")
    text = steps.read_text(encoding="utf-8").replace(
        "kind: bullets", "kind: process"
    ).replace("points: [定义]", "steps: [发现, {title: 报告, text: 立即}]")
    steps.write_text(text, encoding="utf-8")
    slide = load(steps)[0].chapters[0].slides[0]
    assert isinstance(slide, ProcessSlide)
    assert slide.steps == [Step(title="发现"), Step(title="报告", text="立即")]

    steps.write_text(text.replace("kind: process", "kind: quote").replace(
        "steps: [发现, {title: 报告, text: 立即}]", "quote: 安全是一个过程。"), encoding="utf-8")
    slide = load(steps)[0].chapters[0].slides[0]
    assert isinstance(slide, QuoteSlide)
    assert slide.quote.text == "安全是一个过程。" and slide.quote.source is None


def test_the_schema_offers_both_forms_to_editors() -> None:
    document = schema()
    for name, field in (("Point", "text"), ("Step", "title"), ("Quote", "text")):
        forms = document["$defs"][name]["anyOf"]  # type: ignore[index]
        assert forms[0]["type"] == "string", name
        assert forms[1]["type"] == "object" and field in forms[1]["properties"], name


def test_the_schema_validates_outlines_written_either_way(tmp_path: Path) -> None:
    source = _outline(
        tmp_path, "        points:\n          - 数据盘点\n"
        "          - {lead: 定义, text: 新型金融业务模式。}\n"
    )
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["course"]["date"] = str(data["course"]["date"])
    jsonschema.validate(data, schema())
    data["chapters"][0]["slides"][0]["points"].append(12)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())


def test_the_old_bullets_key_says_to_rename_it(tmp_path: Path) -> None:
    source = _outline(tmp_path, "        bullets:\n          - 数据盘点\n")
    with pytest.raises(InputError) as caught:
        load(source)
    (problem,) = caught.value.problems
    assert str(problem).endswith(
        "chapters[1].slides[1].bullets (slide 4 '定义'): unknown key 'bullets'; did you mean "
        "'points' (required, and missing)?"
    )
    assert problem.line == 23  # the key
