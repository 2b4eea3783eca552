"""The outline format reference (``docs/outline.md``), generated from the JSON Schema.

Every key of every mapping: its type, whether it is required or its default, its limits,
and an example. The examples come from the ``course new`` example outline (itself a
valid outline, checked by the tests), so they are real and cannot drift either; a key
that outline does not use shows its default or nothing. Regenerate with
``course schema --markdown --out docs/outline.md``; a test fails when the file is stale.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from typing import Any

import yaml

from build_tools.locale import load_locale
from build_tools.outline.schema import schema

Node = dict[str, Any]
EXAMPLE_WIDTH = 60  # characters; longer examples are cut with an ellipsis

INTRO = """\
# The outline format

Generated from the outline's JSON Schema (`schema/outline.schema.json`) by
`course schema --markdown --out docs/outline.md`: do not edit by hand. Examples come from
the outline `course new` writes. Text fields take inline markup (`**bold**`, `*emphasis*`,
`` `code` ``, `[text](https://…)`); a list item written *text or mapping* may be a plain
string standing for its one required field.
"""


def reference() -> str:
    document: Node = schema()
    definitions: dict[str, Node] = document.get("$defs", {})  # type: ignore[assignment]
    examples = _examples(document, definitions)
    order = _order(document, definitions)
    parts = [INTRO]
    for name in order:
        node: Node = document if name == "Outline" else definitions[name]
        section = _section(name, _object(node), examples.get(name, {}), definitions)
        short = next((o for o in node.get("anyOf", []) if o.get("type") == "string"), None)
        if short is not None:  # a shorthand: say which field plain text fills
            field = str(short.get("description", "")).rsplit(" ", 1)[-1].strip("'")
            section = section.replace("\n\n| key", f"\n\nWritten as plain text, it is "
                                      f"`{{{field}: …}}`.\n\n| key", 1)
        parts.append(section)
    return "\n".join(parts)


# --- walking the schema -------------------------------------------------------------------


def _ref_name(node: Node) -> str | None:
    ref = node.get("$ref")
    return str(ref).rsplit("/", 1)[-1] if ref else None


def _object(node: Node) -> Node:
    """The mapping form of a definition (a shorthand definition is ``anyOf`` string/object)."""
    for option in node.get("anyOf", []):
        if option.get("type") == "object":
            return dict(option)
    return node


def _children(node: Node) -> list[str]:
    """Definitions a node refers to, in the order they appear."""
    found: list[str] = []
    name = _ref_name(node)
    if name:
        found.append(name)
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            found += _children(node[key])
    for key in ("anyOf", "oneOf", "allOf"):
        for option in node.get(key, []):
            found += _children(option)
    return found


def _order(document: Node, definitions: dict[str, Node]) -> list[str]:
    """Definitions breadth first from the whole file, each once."""
    order = ["Outline"]
    queue = [document]
    while queue:
        node = _object(queue.pop(0))
        for field in node.get("properties", {}).values():
            for name in _children(field):
                if name not in order and name in definitions:
                    order.append(name)
                    queue.append(definitions[name])
    return order


# --- one section ---------------------------------------------------------------------------


def _section(name: str, node: Node, examples: dict[str, Any], definitions: dict[str, Node]) -> str:
    title = "The whole file" if name == "Outline" else name
    lines = [f"## {title}", ""]
    description = node.get("description")
    if description and name != "Outline":
        lines += [" ".join(str(description).split()), ""]
    lines += ["| key | type | required / default | limits | example |",
              "| --- | --- | --- | --- | --- |"]
    required = set(node.get("required", []))
    for key, field in node.get("properties", {}).items():
        if field.get("default", 0) is None:
            need = "optional"
        elif "default" in field:
            need = f"default `{_compact(field['default'])}`"
        elif "const" in field:  # a slide's kind
            need = f"required: `{field['const']}`"
        elif key in required:
            need = "required"
        else:
            need = "optional (none)" if field.get("type") == "array" else "optional"
        example = ""
        if key in examples and not _children(field):  # mappings have their own section
            example = f"`{_compact(examples[key])}`"
        limits = _limits(field)
        if key == "notes":
            limit = load_locale("zh-CN").notes_length  # the default course language's
            low, high = limit.low, limit.high
            limits = "; ".join(filter(None, [limits, f"a warning outside {low}–{high}"]))
        lines.append(f"| `{key}` | {_type(field, definitions)} | {need} | "
                     f"{limits} | {_cell(example)} |")
    return "\n".join(lines) + "\n"


def _type(node: Node, definitions: dict[str, Node]) -> str:
    name = _ref_name(node)
    if name:
        shorthand = any(o.get("type") == "string" for o in definitions[name].get("anyOf", []))
        link = f"[{name}](#{name.lower()})"
        return f"text or {link}" if shorthand else link
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
    options = node.get("anyOf") or node.get("oneOf")
    if options:
        kinds = [_type(option, definitions) for option in options if option.get("type") != "null"]
        return " or ".join(dict.fromkeys(kinds))
    kind = node.get("type")
    if kind == "array":
        return f"list of {_type(node.get('items', {}), definitions)}"
    if kind == "string":
        if node.get("format") == "date":
            return "date (YYYY-MM-DD)"
        return "text"
    if kind == "integer":
        return "whole number"
    if kind == "number":
        return "number"
    if kind == "boolean":
        return "true or false"
    return str(kind or "any")


def _limits(node: Node) -> str:
    limits: list[str] = []
    for option in [node, *node.get("anyOf", [])]:
        if option.get("type") == "null":
            continue
        if "minItems" in option or "maxItems" in option:
            limits.append(_range(option.get("minItems"), option.get("maxItems"), "items"))
        if "maxLength" in option:
            limits.append(_range(option.get("minLength") or None, option["maxLength"],
                                 "characters"))
        elif option.get("minLength"):
            limits.append("not empty")
        low = option.get("minimum", option.get("exclusiveMinimum"))
        if low is not None and "exclusiveMinimum" in option:
            low = f"more than {low}"
        if low is not None or "maximum" in option:
            limits.append(_range(low, option.get("maximum"), ""))
        if "pattern" in option:
            limits.append(f"matches `{option['pattern']}`")
        if isinstance(option.get("items"), dict) and option["items"].get("maxLength"):
            limits.append(f"each up to {option['items']['maxLength']} characters")
    return _cell("; ".join(dict.fromkeys(part for part in limits if part)))


def _range(low: Any, high: Any, unit: str) -> str:
    unit = f" {unit}" if unit else ""
    if low is not None and high is not None:
        if str(low).startswith("more than"):
            return f"{low}, at most {high}{unit}"
        if low == high:
            return f"exactly {low}{unit}"
        return f"{low}–{high}{unit}"
    if high is not None:
        return f"at most {high}{unit}"
    if low is not None:
        return f"{low} or more{unit}" if not str(low).startswith("more") else f"{low}{unit}"
    return ""


def _compact(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, str | dt.date):
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= EXAMPLE_WIDTH else text[: EXAMPLE_WIDTH - 1] + "…"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


# --- examples from the course new outline ---------------------------------------------------


def _examples(document: Node, definitions: dict[str, Node]) -> dict[str, dict[str, Any]]:
    """Per definition, per key: the first value the example outline gives it."""
    path = resources.files("build_tools") / "scaffold" / "course.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: dict[str, dict[str, Any]] = {}
    _collect("Outline", document, data, definitions, found)
    return found


def _collect(name: str, node: Node, data: Any, definitions: dict[str, Node],
             found: dict[str, dict[str, Any]]) -> None:
    if not isinstance(data, dict):
        return
    node = _object(node)
    mine = found.setdefault(name, {})
    for key, value in data.items():
        field = node.get("properties", {}).get(key)
        if field is None:
            continue
        mine.setdefault(key, value)
        _descend(field, value, definitions, found)


def _descend(field: Node, value: Any, definitions: dict[str, Node],
             found: dict[str, dict[str, Any]]) -> None:
    name = _ref_name(field)
    if name:
        _collect(name, definitions[name], value, definitions, found)
        return
    if isinstance(value, list) and isinstance(field.get("items"), dict):
        for item in value:
            _descend(field["items"], item, definitions, found)
        return
    options = field.get("oneOf") or field.get("anyOf") or []
    mapping = field.get("discriminator", {}).get("mapping", {})
    if isinstance(value, dict) and mapping and value.get("kind") in mapping:
        target = str(mapping[value["kind"]]).rsplit("/", 1)[-1]
        _collect(target, definitions[target], value, definitions, found)
        return
    for option in options:
        if option.get("type") != "null":
            _descend(option, value, definitions, found)
