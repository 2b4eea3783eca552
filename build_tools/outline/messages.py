"""Turn pydantic's validation errors into located, author-facing problems.

Pydantic knows what was expected; the source map knows where. Messages follow MkDocs:
say what was expected and what was received, and suggest the closest valid key.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from build_tools.errors import Problem
from build_tools.outline import model
from build_tools.outline.fieldpath import Path_, format_path, shown_path
from build_tools.outline.source import Source
from build_tools.theme import HEX_PATTERN

PATTERNS = {
    r"^[a-z0-9][a-z0-9-]*$": (
        "a slide id of lowercase letters, digits and '-' (like 'market-trends')"
    ),
    model.START_PATTERN: 'a 24-hour time in quotes, like "09:00"',
    HEX_PATTERN: 'a colour as six hex digits in quotes, like "1F3A5F"',
}


def _vocabulary() -> dict[str, set[str]]:
    """Every key each model accepts, to suggest from; also all keys, as a fallback."""
    keys: dict[str, set[str]] = {"*": set()}
    for value in vars(model).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel:
            names = set(value.model_fields)
            keys[value.__name__] = names
            keys["*"] |= names
    return keys


VOCABULARY = _vocabulary()


def describe(value: Any) -> str:
    """How a received value is shown: short, typed, never the whole 10,000 characters."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return repr(shown)
    return f"{value!r} ({type(value).__name__})"


def problems_from(error: ValidationError, source: Source) -> list[Problem]:
    problems = []
    seen: set[tuple[str, str]] = set()
    items = error.errors(include_url=False)
    suggested = set()
    renamed = _renamed_keys(items, source)
    texts_as_keys = set()  # mappings made of the author's text (``- 注意: …``): one message
    for item in items:
        if item["type"] == "extra_forbidden":
            path = _data_path(source.data, item["loc"])
            if not _key_like(str(path[-1])):
                texts_as_keys.add(path[:-1])
            hint = _message(item, path, source)
            if "did you mean '" not in hint:
                hint = renamed.get(path, hint)
                renamed[path] = hint
            if "did you mean '" in hint:
                suggested.add((*path[:-1], hint.split("did you mean '")[1].split("'")[0]))
    for item in items:
        if item["type"] == "missing" and _data_path(source.data, item["loc"]) in suggested:
            continue  # the misspelt key's message already names it
        path = _data_path(source.data, item["loc"])
        if item["type"] == "missing" and path[:-1] in texts_as_keys:
            continue  # the text-as-key message says how to write the item
        message = _message(item, path, source)
        if item["type"] == "extra_forbidden" and "did you mean '" not in message:
            message = renamed.get(path, message)
        key = (format_path(path), message)
        if key in seen:
            continue
        seen.add(key)
        at_key = item["type"] == "extra_forbidden"
        line, column = source.locate(path, at_key=at_key)
        shown = shown_path(path, source.data)
        problems.append(Problem(format_path(path), message, source.file, line, column, shown))
    return problems


def _renamed_keys(items: list[Any], source: Source) -> dict[Path_, str]:
    """A mapping with exactly one unknown key and one missing required key: the author
    most likely used another name for it (``bullets:`` for ``points:``). Say so once."""
    unknown: dict[Path_, list[Path_]] = {}
    missing: dict[Path_, list[Path_]] = {}
    for item in items:
        if item["type"] in ("extra_forbidden", "missing"):
            path = _data_path(source.data, item["loc"])
            table = unknown if item["type"] == "extra_forbidden" else missing
            table.setdefault(path[:-1], []).append(path)
    renamed = {}
    for parent, keys in unknown.items():
        gone = missing.get(parent, [])
        if len(keys) == 1 and len(gone) == 1 and _key_like(str(keys[0][-1])):
            old, new = keys[0][-1], gone[0][-1]
            renamed[keys[0]] = f"unknown key '{old}'; did you mean '{new}' (required, and missing)?"
    return renamed


def _data_path(data: Any, loc: tuple[Any, ...]) -> Path_:
    """Drop the parts of pydantic's location that are not in the data (union tags)."""
    path: list[str | int] = []
    current = data
    for at, part in enumerate(loc):
        if isinstance(current, dict):
            tag = at > 0 and isinstance(loc[at - 1], int) and part in model.KINDS
            if tag and current.get("kind") == part:
                continue  # the discriminated union's tag, even if a key has its name
            if part in current:
                path.append(part)
                current = current[part]
            elif isinstance(part, str) and part in model.KINDS:
                continue  # the discriminated union's tag, not a key
            else:
                path.append(part)
                current = None
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            path.append(part)
            current = current[part]
        else:
            if not (isinstance(part, str) and part in model.KINDS):
                path.append(part)
            current = None
    return tuple(path)


def _message(item: Any, path: Path_, source: Source) -> str:
    kind = item["type"]
    value = item.get("input")
    ctx = item.get("ctx", {})
    name = str(path[-1]) if path else ""
    if kind == "missing":
        return f"expected a value for required field '{name}'; it is missing"
    if kind == "extra_forbidden":
        return _unknown_key(name, path, source)
    if kind == "string_type" and name == "start" and isinstance(value, int):
        return (
            f"expected {PATTERNS[model.START_PATTERN]}; got {value} (YAML reads an "
            "unquoted 9:00 as the number 540)"
        )
    if kind in ("string_type",):
        quote = isinstance(value, bool | int | float | dt.date)
        hint = f': write it in quotes ("{_plain(value)}") for text' if quote else ""
        if _text_as_key(value):
            (key, rest), = value.items()
            hint = f": the ': ' made it a key; write the text in quotes, \"{key}: {rest}\""
        return f"expected text; got {describe(value)}{hint}"
    if kind in ("string_too_short",):
        return "expected text; got an empty value"
    if kind == "string_too_long":
        return f"expected at most {ctx.get('max_length')} characters; got {len(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        extra = " of minutes" if name in ("minutes", "duration") else ""
        return f"expected a whole number{extra}; got {describe(value)}{_number_hint(name, value)}"
    if kind in ("float_type", "float_parsing", "finite_number"):
        return f"expected a number; got {describe(value)}{_number_hint(name, value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false; got {describe(value)}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = {
            "greater_than": "greater than",
            "greater_than_equal": "at least",
            "less_than": "less than",
            "less_than_equal": "at most",
        }[kind]
        limit = next(iter(ctx.values()))
        return f"expected a number {bound} {limit}; got {describe(value)}"
    if kind in ("too_short", "too_long"):
        bound = "at least" if kind == "too_short" else "at most"
        limit = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        actual = ctx.get("actual_length", len(value) if hasattr(value, "__len__") else "?")
        return f"expected {bound} {limit} items; got {actual}"
    if kind == "string_pattern_mismatch":
        wanted = PATTERNS.get(ctx.get("pattern", ""), f"text matching {ctx.get('pattern')}")
        return f"expected {wanted}; got {describe(value)}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}; got {describe(value)}"
    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag", ""))
        close = difflib.get_close_matches(tag, model.KINDS, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"expected kind to be one of: {', '.join(model.KINDS)}; got {tag!r}{hint}"
    if kind == "union_tag_not_found":
        return f"expected a 'kind' key (one of: {', '.join(model.KINDS)}); it is missing"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        hint = _shape_hint(ctx.get("class_name"), value, bool(path) and isinstance(path[-1], int))
        return f"expected a mapping of keys to values; got {describe(value)}{hint}"
    if kind == "list_type":
        return f"expected a list; got {describe(value)}"
    if kind in (
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    ):
        return f"expected a date like 2024-02-05; got {describe(value)}"
    if kind == "value_error":
        return str(ctx.get("error", item["msg"]))
    if kind == "assertion_error":
        return item["msg"].removeprefix("Assertion failed, ")
    return f"{item['msg'][0].lower()}{item['msg'][1:]}; got {describe(value)}"


def _shape_hint(class_name: Any, value: Any, in_list: bool) -> str:
    """How to write a plain value as the mapping expected: ``write `- title: 数据盘点```."""
    found = getattr(model, str(class_name), None)
    if not (isinstance(found, type) and issubclass(found, BaseModel)):
        return ""
    if isinstance(value, list | dict):
        return ""
    required = [name for name, field in found.model_fields.items() if field.is_required()]
    if not required and "text" in found.model_fields:
        required = ["text"]  # a point: a lead, a text or both; the text is the usual one
    if not required or len(required) > 3:  # a long template helps less than the schema
        return ""
    text = _plain(value) if value is not None else "…"
    text = text if len(text) <= 40 else text[:37] + "…"
    dash = "- " if in_list else ""
    if "text" in required:  # the author's sentence is the text (a trainer note's label is not)
        required = ["text", *(name for name in required if name != "text")]
    if len(required) == 1:
        return f": write `{dash}{required[0]}: {text}`"
    rest = ", ".join(f"{name}: …" for name in required[1:])
    if required[0] == "text":  # the other keys first, as the examples write them
        return f": write `{dash}{{{rest}, text: {text}}}`"
    return f": write `{dash}{{{required[0]}: {text}, {rest}}}`"


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _key_like(name: str) -> bool:
    """Could the author have meant it as a key? Keys are short lowercase ASCII words."""
    return re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]{0,30}", name) is not None


def _text_as_key(value: Any) -> bool:
    """``注意: 冒充公检法`` where text was expected: YAML read a mapping of one key."""
    return (isinstance(value, dict) and len(value) == 1
            and not _key_like(str(next(iter(value)))) and isinstance(next(iter(value.values())),
                                                                      str | None))


def _number_hint(name: str, value: Any) -> str:
    """``"6"`` or ``6分钟`` for minutes: the number alone, unquoted, is what YAML reads as one."""
    if not isinstance(value, str):
        return ""
    digits = re.match(r"\s*(\d+)", value)
    if digits is None:
        return ""
    if value.strip().isdigit():
        return f": write {digits.group(1)} without quotes"
    if name.isdigit():  # an item of a list (a chart's values): no key to show
        return f": write the number alone, {digits.group(1)}"
    return f": write the number alone, {name}: {digits.group(1)}"


def _unknown_key(name: str, path: Path_, source: Source) -> str:
    mapping = _value_at(source.data, path[:-1])
    if isinstance(mapping, dict) and not _key_like(name):
        return _text_as_key_message(name, mapping, path, source)
    siblings = _sibling_keys(source.data, path[:-1])
    allowed = _allowed_keys(siblings)
    if name in allowed:  # the siblings matched another mapping's keys: no honest hint here
        return f"unknown key '{name}'"
    close = difflib.get_close_matches(name, sorted(allowed), n=1, cutoff=0.6)
    if close:
        return f"unknown key '{name}'; did you mean '{close[0]}'?"
    if allowed and len(allowed) <= 12:
        return f"unknown key '{name}'; expected one of: {', '.join(sorted(allowed))}"
    return f"unknown key '{name}'"


def _text_as_key_message(name: str, mapping: dict[Any, Any], path: Path_,
                         source: Source) -> str:
    """The author's text became a key. Two ways YAML does that: a comma inside ``{ }``
    ends a value (``{notes: Two chapters, first …}``: 'first …' is a key without a value),
    and ``: `` inside a plain list item (``- 注意: 冒充公检法``: a mapping of one key)."""
    keys = list(mapping)
    value = mapping.get(name)
    at = keys.index(name) if name in keys else 0
    before = next((k for k in reversed(keys[:at]) if isinstance(mapping[k], str)), None)
    if value is None and before is not None and source.flow(path[:-1]):
        shown = name if len(name) <= 30 else name[:27] + "…"
        return (f"unknown key '{shown}'; inside {{ }} a comma ends a value: put the text of "
                f"'{before}' in quotes ({before}: \"…, …\")")
    in_list = len(path) >= 2 and isinstance(path[-2], int)
    if len(keys) == 1 and isinstance(value, str) and in_list:
        fields = _item_fields(path[:-1])
        pair = next((p for p in (("lead", "text"), ("title", "text")) if set(p) <= fields), None)
        way = f"write `- {{{pair[0]}: {name}, {pair[1]}: {value}}}`, or " if pair else "write "
        return (f"unknown key '{name}'; the ': ' made the text a key: {way}the whole text in "
                f"quotes, - \"{name}: {value}\"")
    return f"unknown key '{name}'"


def _item_fields(path: Path_) -> set[str]:
    """The fields of the model a list item should be, from its list's name (points, steps)."""
    owner = next((part for part in reversed(path) if isinstance(part, str)), "")
    return {"points": set(model.Point.model_fields), "steps": set(model.Step.model_fields)}.get(
        str(owner), set())


def _value_at(data: Any, path: Path_) -> Any:
    current = data
    for part in path:
        try:
            current = current[part]
        except (KeyError, IndexError, TypeError):
            return None
    return current


def _sibling_keys(data: Any, path: Path_) -> set[str]:
    current = _value_at(data, path)
    return set(current) if isinstance(current, dict) else set()


def _allowed_keys(siblings: set[str]) -> set[str]:
    """The field set of the model whose other keys best match the mapping's keys."""
    best: set[str] = set()
    best_score = 0
    for name, fields in VOCABULARY.items():
        if name == "*":
            continue
        score = len(siblings & fields)
        if score > best_score or (score == best_score and best and len(fields) < len(best)):
            best, best_score = fields, score
    return best or VOCABULARY["*"]
