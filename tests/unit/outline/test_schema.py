"""The committed JSON Schema is the model's, and the outline points editors at it."""

from __future__ import annotations

import json

from build_tools.outline.schema import schema, schema_text
from tests.conftest import COURSE, ROOT


def test_the_committed_schema_is_up_to_date() -> None:
    committed = (ROOT / "schema" / "outline.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: course schema --out schema/outline.schema.json"


def test_the_outline_references_the_schema_for_yaml_language_server() -> None:
    first = COURSE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/outline.schema.json"
    assert (COURSE.parent / "../schema/outline.schema.json").resolve().is_file()


def test_the_schema_forbids_unknown_keys_and_knows_every_kind() -> None:
    document = schema()
    assert document["additionalProperties"] is False
    text = json.dumps(document)
    for kind in ("bullets", "comparison", "pillars", "table", "process", "timeline", "quote",
                 "image", "chart"):
        assert f'"const": "{kind}"' in text
