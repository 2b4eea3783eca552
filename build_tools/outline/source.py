"""Read an outline file into plain data plus a map from field paths to line and column.

Why not ``yaml.safe_load``: it silently keeps the last of two duplicate keys (losing the
author's text), forgets where every value came from, and expands aliases without limit.
We let libyaml compose the node graph (safe: composing builds no objects) and construct
plain values ourselves, recording each node's position and refusing what we do not want.

What a plain scalar means follows the YAML 1.2 core schema (as yaml-language-server and
most editors read it), not PyYAML's YAML 1.1 rules: ``010`` is not octal 8, ``1:30`` is
not 90, ``yes`` is not true. Where the two versions disagree, the author cannot know
which one a reader applies, so those forms are refused with a located hint (``010``,
``1:30``, ``yes``/``no``/``on``/``off``, ``1_000``, ``0b101``); quoting settles each.
The one extension is ``2024-02-05``, which stays a date.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from build_tools.errors import InputError, Problem
from build_tools.limits import MAX_DEPTH, MAX_NODES, MAX_OUTLINE_BYTES, read_regular
from build_tools.outline.fieldpath import Path_, format_path, shown_path

_TAG = "tag:yaml.org,2002:"
_AMBIGUOUS = "tag:course-build,2026:yaml11-"  # a plain scalar YAML 1.1 reads differently
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), plus dates.
_CORE = (
    ("null", re.compile(r"(~|null|Null|NULL|)")),
    ("bool", re.compile(r"(true|True|TRUE|false|False|FALSE)")),
    ("int", re.compile(r"[-+]?[1-9][0-9]*|[-+]?0|0o[0-7]+|0x[0-9a-fA-F]+")),
    (
        "float",
        re.compile(
            r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)"
            r"|\.(nan|NaN|NAN)"
        ),
    ),
    ("timestamp", re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")),
)
# Plain scalars YAML 1.1 (PyYAML, older tools) reads as something else than YAML 1.2.
_YAML11 = (
    ("leading-zero", re.compile(r"[-+]?0[0-9_]+(\.[0-9_]*)?")),
    ("sexagesimal", re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")),
    ("bool", re.compile(r"yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF")),
    ("binary", re.compile(r"[-+]?0b[0-1_]+")),
    ("underscore", re.compile(r"[-+]?[0-9][0-9_]*_[0-9_]*(\.[0-9_]*)?")),
)


class _Resolver(yaml.resolver.BaseResolver):
    """Tags plain scalars by the YAML 1.2 core schema, and marks the ambiguous ones."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            for name, pattern in _YAML11:
                if pattern.fullmatch(value) and not _CORE[2][1].fullmatch(value):
                    return f"{_AMBIGUOUS}{name}"
            for name, pattern in _CORE:
                if pattern.fullmatch(value):
                    return f"{_TAG}{name}"
            return f"{_TAG}str"
        return str(super().resolve(kind, value, implicit))


try:
    from yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CParser = None  # type: ignore[misc, assignment]

if _CParser is not None:

    class _Loader(_CParser, _Resolver):  # type: ignore[misc]
        """libyaml's parser and composer (C, fast) with our resolver; no constructor."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _Resolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml

    class _Loader(  # type: ignore[no-redef]
        yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
        _Resolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Resolver.__init__(self)

@dataclass
class Source:
    """The file's data and where each field path starts (1-based line and column), and
    the loader's warnings (located), for whatever reports the build."""

    file: Path
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def locate(self, path: Path_, at_key: bool = False) -> tuple[int | None, int | None]:
        """The nearest recorded position for a path, walking up to its parents."""
        probe = tuple(path)
        while True:
            table = self.keys if at_key and probe in self.keys else self.values
            if probe in table:
                return table[probe]
            if not probe:
                return (None, None)
            probe = probe[:-1]
            at_key = False


def read_source(file: Path) -> Source:
    raw = _read_bytes(file)
    text = _decode(file, raw)
    _reject_tabs(file, text)
    node = _compose(file, text)
    source = Source(file, None)
    if node is None:
        raise InputError([Problem("", "expected a course outline; the file is empty", file, 1, 1)])
    builder = _Builder(source)
    source.data = builder.build(node, (), 0)
    if builder.problems:
        raise InputError(builder.shown())
    return source


def _read_bytes(file: Path) -> bytes:
    return read_regular(file, MAX_OUTLINE_BYTES, "an outline file")


def _decode(file: Path, raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 BOM, as Windows Notepad writes it: harmless, accept it
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        hint = ""
        try:
            raw.decode("gb18030")
            hint = " (it looks like GBK/GB18030, as Chinese Windows editors save it)"
        except UnicodeDecodeError:
            pass
        raise InputError(
            [
                Problem(
                    "",
                    f"expected UTF-8 text; got byte 0x{raw[error.start]:02X}{hint}: "
                    "save the file as UTF-8",
                    file,
                    line,
                    column,
                )
            ]
        ) from None


def _reject_tabs(file: Path, text: str) -> None:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            column = len(line) - len(stripped) + 1
            problems.append(
                Problem(
                    "",
                    "expected spaces for indentation; got a tab (YAML forbids tabs there)",
                    file,
                    number,
                    column,
                )
            )
    if problems:
        raise InputError(problems)


def _compose(file: Path, text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)  # type: ignore[arg-type]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or "invalid YAML"
        if error.context and what.startswith("but "):
            what = f"{error.context}, {what}"
        elif error.context:
            started = error.context_mark.line + 1 if error.context_mark else None
            what = f"{what} ({error.context}" + (
                f" that starts at line {started})" if started else ")"
            )
        raise _syntax_error(file, mark, what) from None
    except yaml.YAMLError as error:
        raise InputError([Problem("", f"expected valid YAML; {error}", file)]) from None
    except RecursionError:
        raise InputError(
            [
                Problem(
                    "",
                    f"expected nesting at most {MAX_DEPTH} levels deep",
                    file,
                )
            ]
        ) from None


def _syntax_error(file: Path, mark: Any, what: str) -> InputError:
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return InputError([Problem("", f"expected valid YAML; {what}", file, line, column)])


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, recording positions."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.count = 0
        self.problems: list[tuple[Path_, Problem]] = []

    def problem(self, node: yaml.Node, path: Path_, message: str) -> tuple[Path_, Problem]:
        located = Problem(
            format_path(path),
            message,
            self.source.file,
            node.start_mark.line + 1,
            node.start_mark.column + 1,
        )
        return path, located

    def shown(self) -> list[Problem]:
        """The problems with the author's paths (from 1, slides named), from the data."""
        return [
            replace(problem, path=shown_path(path, self.source.data))
            for path, problem in self.problems
        ]

    def fail(self, node: yaml.Node, path: Path_, message: str) -> InputError:
        self.problems.append(self.problem(node, path, message))
        return InputError(self.shown())

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(
                node,
                path,
                (
                    f"expected at most {MAX_NODES:,} values; anchors and aliases expand to more "
                    "(an alias bomb?)"
                ),
            )
        if depth > MAX_DEPTH:
            raise self.fail(node, path, f"expected nesting at most {MAX_DEPTH} levels deep")
        self.source.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != f"{_TAG}seq":
                raise self.fail(node, path, _tag_message(node.tag))
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if node.tag.startswith(_AMBIGUOUS):
            form = node.tag.removeprefix(_AMBIGUOUS)
            self.problems.append(self.problem(node, path, _ambiguous(form, node.value, path)))
            return None
        if node.tag not in _SCALAR_TAGS:
            self.problems.append(self.problem(node, path, _tag_message(node.tag)))
            return None
        try:
            return _scalar(node.tag.removeprefix(_TAG), node.value)
        except ValueError as error:
            what = _short(node.tag).removeprefix("!!").replace("timestamp", "date")
            self.problems.append(self.problem(node, path, f"expected a valid {what}; {error}"))
            return None

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        if node.tag != f"{_TAG}map":
            raise self.fail(node, path, _tag_message(node.tag))
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_TAG}merge":
                raise self.fail(
                    key_node,
                    path,
                    "expected plain keys; merge keys ('<<') are "
                    "not supported: write the fields out",
                )
            if not isinstance(key_node, yaml.ScalarNode) or not (
                key_node.tag in _SCALAR_TAGS or key_node.tag.startswith(_AMBIGUOUS)
            ):
                raise self.fail(key_node, path, "expected a plain text key")
            key = str(key_node.value)
            child = (*path, key)
            if key in result:
                self.problems.append(
                    self.problem(
                        key_node,
                        child,
                        (
                            f"duplicate key '{key}' (first at line {first_seen[key]}); YAML would "
                            "silently keep only the last one"
                        ),
                    )
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.source.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        return result


def _scalar(tag: str, text: str) -> Any:
    """A scalar's value under the YAML 1.2 core schema (explicit ``!!int`` etc. included)."""
    if tag == "str":
        return text
    if tag == "null":
        if text not in ("", "~", "null", "Null", "NULL"):
            raise ValueError(f"got {text!r}")
        return None
    if tag == "bool":
        if text.lower() not in ("true", "false"):
            raise ValueError(f"got {text!r}; write true or false")
        return text.lower() == "true"
    shown = text if len(text) <= 40 else text[:37] + "…"
    if tag == "int":
        try:
            if text.startswith(("0o", "0x")):
                return int(text[2:], 8 if text[1] == "o" else 16)
            return int(text)  # ValueError for anything else, and past 4,300 digits
        except ValueError:
            raise ValueError(f"got {shown!r}") from None
    if tag == "float":
        special = {".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}
        if text.lower() in special:
            return special[text.lower()]
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"got {shown!r}") from None
    # timestamp: a date; a time of day is not part of the format
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise ValueError(f"got {text!r}; write a date like 2024-02-05")
    return dt.date.fromisoformat(text)


def _ambiguous(form: str, text: str, path: Path_) -> str:
    """Why a plain scalar is refused: what YAML 1.1 and 1.2 each read, and the fix."""
    if form == "sexagesimal" and path and path[-1] == "start":
        return (
            f'expected a 24-hour time in quotes, like "09:00"; got {text} unquoted, which '
            f"YAML 1.1 reads as the number {_sixties(text)}: write \"{text.zfill(5)}\""
        )
    digits = text.replace("_", "")
    new = f"the text '{text}'"
    if form == "leading-zero":
        fix = digits.lstrip("+-").lstrip("0") or "0"
        octal = re.fullmatch(r"[-+]?0[0-7]+", digits)
        old = f"the octal number {int(digits, 8)}" if octal else new
        new = f"the number {fix}"
    elif form == "sexagesimal":
        fix = _sixties(text)
        old = f"the number {fix}, counted in sixties"
    elif form == "bool":
        fix = "true" if text.lower() in ("yes", "on") else "false"
        old = fix
    else:  # binary, underscore
        number = digits.lstrip("+-").removeprefix("0b")
        fix = str(int(number, 2)) if form == "binary" and number else number
        old = f"the number {fix}"
    what = "" if form == "bool" else " for the number"
    return (
        f"expected a value YAML 1.1 and YAML 1.2 read alike; got {text} (YAML 1.1: {old}; "
        f'YAML 1.2: {new}): write {fix}{what}, or "{text}" in quotes for text'
    )


def _sixties(text: str) -> str:
    sign = -1 if text.startswith("-") else 1
    total = 0.0
    for part in text.lstrip("+-").replace("_", "").split(":"):
        total = total * 60 + float(part)
    value = sign * total
    return str(int(value)) if value == int(value) else str(value)


def _tag_message(tag: str) -> str:
    return (
        f"expected plain text, numbers, dates, lists or mappings; got tag {_short(tag)!r} "
        "(tags that build objects are not allowed)"
    )


def _short(tag: str) -> str:
    return tag.replace(_TAG, "!!")
