"""docs/outline.md is generated from the schema; it fails here when it is stale."""

from __future__ import annotations

import re

from build_tools.outline.reference import reference
from build_tools.outline.schema import schema
from tests.conftest import ROOT

DOC = ROOT / "docs" / "outline.md"


def test_the_committed_reference_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == reference(), (
        "run: course schema --markdown --out docs/outline.md"
    )


def test_it_lists_every_key_of_every_mapping_with_its_type_and_need() -> None:
    text = reference()
    document = schema()
    definitions = document["$defs"]
    assert isinstance(definitions, dict)
    for name, node in [("The whole file", document), *definitions.items()]:
        node = next((o for o in node.get("anyOf", []) if o.get("type") == "object"), node)
        section = text.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
        for key in node["properties"]:
            row = re.search(rf"^\| `{key}` \| (.+?) \| (.+?) \|", section, re.MULTILINE)
            assert row, f"{name}.{key} missing"
            assert row.group(1).strip() and row.group(2).strip()


def test_it_shows_limits_defaults_shorthand_and_real_examples() -> None:
    text = reference()
    assert "| `points` | list of text or [Point](#point) | required | 1–8 items |" in text
    assert "| `sub` | list of text | optional (none) | at most 6 items;" in text
    assert "| `handout_layout` | one of `notes`, `article`, `grid` | default `notes` |" in text
    assert "a warning outside 40–400" in text
    assert "| `minutes` | whole number | optional | more than 0, at most 600 | `5` |" in text
    assert "Written as plain text, it is `{title: …}`." in text


def test_the_readme_links_it() -> None:
    assert "(docs/outline.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_limits_read_as_an_author_says_them() -> None:
    """Found in a trial course: "2–2 items" and "0–64 characters" for a required id."""
    text = reference()
    assert "| `columns` | list of [Column](#column) | required | exactly 2 items |" in text
    assert "at most 64 characters" in text
    assert not re.search(r"\b(\d+)–\1\b", text)  # no "3–3"
    assert not re.search(r"\b0–\d+ characters", text)
