"""The written outline: schema hint first, comments kept, and it loads back unchanged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from build_tools.importer.imported import Imported
from build_tools.importer.writer import schema_hint, to_yaml


def test_the_schema_hint_points_at_the_project_schema(tmp_path: Path) -> None:
    assert schema_hint(tmp_path / "source" / "x.yaml") == (
        "# yaml-language-server: $schema=../schema/outline.schema.json\n")


def test_comments_order_and_values_survive(tmp_path: Path) -> None:
    data = {"course": {"title": "T", "date": dt.date(2024, 2, 5), "start": "09:00",
                       "keywords": ["a, b", "2021"], "notes": "line one\nline two"},
            "chapters": [{"number": 1, "slides": [{"id": "s01-abc123", "minutes": 3}]}]}
    imported = Imported(data)
    imported.comment(("course", "title"), "TODO: check")
    imported.comment(("chapters", 0, "slides", 0), "slide 4: bullets")
    imported.comment(("chapters", 0, "slides", 0, "minutes"), "estimated from text length")
    text = to_yaml(imported, tmp_path / "source" / "x.yaml", ["Imported from x.pptx"])
    lines = text.splitlines()
    assert lines[0].startswith("# yaml-language-server: $schema=")
    assert lines[1] == "# Imported from x.pptx"
    assert "title: T  # TODO: check" in text
    assert "# slide 4: bullets" in text
    assert "minutes: 3  # estimated from text length" in text
    assert 'start: "09:00"' in text
    assert yaml.safe_load(text) == data
    assert text.index("title:") < text.index("date:") < text.index("chapters:")


def test_words_yaml_1_1_reads_otherwise_are_quoted_and_read_back(tmp_path: Path) -> None:
    from build_tools.outline.source import read_source

    words = ["No", "yes", "On", "off", "Y", "n", "1:30", "010", "0x1F", "1e3", "null", "~",
             "2024-02-05", "12.5", "plain text", "R&D: 50%", "? q", "ne:4>T", "a, b", "- x",
             '"quoted', "#hash", "[x", "{y", "*star", "&amp", "!tag", "|bar", ">gt", "%p",
             "@at", "`tick", "支付，风险", "😀 emoji"]
    out = tmp_path / "source" / "x.yaml"
    out.parent.mkdir()
    data = {"words": words, "short": words[-2:], "pairs": [[w, "x"] for w in words]}
    out.write_text(to_yaml(Imported(data), out, []), encoding="utf-8")
    assert read_source(out).data == data
