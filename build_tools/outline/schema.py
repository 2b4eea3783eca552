"""The outline's JSON Schema, generated from the model so the two cannot drift.

Committed as ``schema/outline.schema.json``; the outline names it in its first line so
editors with yaml-language-server complete keys and flag mistakes while typing.
"""

from __future__ import annotations

import json

from build_tools.outline.model import Outline


def schema() -> dict[str, object]:
    document = Outline.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "Course outline"
    return document


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
