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
import functools
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from build_tools import inputs
from build_tools.errors import InputError, Problem
from build_tools.limits import MAX_DEPTH, MAX_NODES, MAX_OUTLINE_BYTES
from build_tools.outline.fieldpath import Path_, format_path, shown_path

_TAG = "tag:yaml.org,2002:"
_AMBIGUOUS = "tag:course-build,2026:ambiguous"  # a plain scalar YAML 1.1 reads differently
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), plus dates.
_CORE = (
    ("null", re.compile(r"(~|null|Null|NULL|)")),
    ("bool", re.compile(r"(true|True|TRUE|false|False|FALSE)")),
    ("int", re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")),
    (
        "float",
        re.compile(
            r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)"
            r"|\.(nan|NaN|NAN)"
        ),
    ),
    ("timestamp", re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")),
)
# YAML 1.1 as PyYAML (and many older tools) reads a plain scalar: to find where it differs.
_YAML11_RESOLVER = yaml.resolver.Resolver()
_YAML11_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _core_tag(value: str) -> str:
    for name, pattern in _CORE:
        if pattern.fullmatch(value):
            return f"{_TAG}{name}"
    return f"{_TAG}str"


def _yaml11(value: str) -> tuple[str, Any]:
    """A plain scalar's tag and value under YAML 1.1 (PyYAML's resolver and constructor)."""
    tag = _YAML11_RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    construct = yaml.constructor.SafeConstructor.yaml_constructors.get(tag)
    try:
        node = yaml.ScalarNode(tag, value)
        return tag, construct(_YAML11_CONSTRUCTOR, node) if construct else value
    except (ValueError, TypeError, OverflowError, yaml.YAMLError):
        return tag, None


@functools.lru_cache(maxsize=4096)  # minutes, numbers and booleans repeat
def _agree(value: str, tag: str) -> bool:
    """Do YAML 1.1 and the YAML 1.2 core schema read this plain scalar alike?"""
    old_tag, old = _yaml11(value)
    if tag.endswith("timestamp"):
        return old_tag == tag
    if old_tag != tag:
        return False
    if tag.endswith(("int", "float")):
        try:
            new = _scalar(tag.removeprefix(_TAG), value)
        except ValueError:
            return True  # not a number after all: the builder reports it
        return bool(old == new or (old != old and new != new))  # nan == nan here
    return True


# The first characters either version resolves to anything but text (PyYAML keys its own
# resolvers the same way): any other plain scalar is text in both, with no regex tried.
_NOT_ALWAYS_TEXT = frozenset("yYnNtTfFoO-+0123456789.<~=")


class _Resolver(yaml.resolver.BaseResolver):
    """Tags plain scalars by the YAML 1.2 core schema, and marks those YAML 1.1 reads
    differently (``010``, ``1:30``, ``yes``, ``1_000``, ``1e3``, ``2024-02-05 09:00``)."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            if value and value[0] not in _NOT_ALWAYS_TEXT:
                return f"{_TAG}str"
            if value == "<<":
                return f"{_TAG}merge"  # refused where it is used, with its own message
            tag = _core_tag(value)
            return tag if _agree(value, tag) else _AMBIGUOUS
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
    flows: set[Path_] = field(default_factory=set)  # mappings written inline, ``{a: 1}``
    # Field paths (as ``Problem.path``) whose text an edition took from another file: the
    # translation's file, line and column (``editions.Edition.elsewhere``).
    elsewhere: dict[str, tuple[Path, int | None, int | None]] = field(default_factory=dict)

    def flow(self, path: Path_) -> bool:
        """Is the mapping at ``path`` written inline (where a comma ends a plain value)?"""
        return tuple(path) in self.flows

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


class _Dumper(
    yaml.emitter.Emitter,
    yaml.serializer.Serializer,
    yaml.representer.SafeRepresenter,
    _Resolver,
):
    """PyYAML's safe dumper with our resolver: a string is written plain only where this
    loader reads it back as the same string, and quoted otherwise (``"1e3"``, ``"yes"``)."""

    def __init__(self, stream: Any, **options: Any) -> None:
        yaml.emitter.Emitter.__init__(
            self,
            stream,
            allow_unicode=options.get("allow_unicode", True),
            width=options.get("width", 100),
        )
        yaml.serializer.Serializer.__init__(self)
        yaml.representer.SafeRepresenter.__init__(self, sort_keys=options.get("sort_keys", False))
        _Resolver.__init__(self)


def plain_is_text(text: str) -> bool:
    """Does ``text`` read back as this same text when written unquoted? For writers with
    their own YAML library (ruamel.yaml, which follows YAML 1.2 and writes ``yes`` plain):
    quote the strings for which this is False."""
    return _Resolver().resolve(yaml.ScalarNode, text, (True, False)) == f"{_TAG}str"


def dump(data: Any) -> str:
    """YAML for an outline that reads back exactly as ``data`` (for tools that write one)."""
    return str(yaml.dump(data, Dumper=_Dumper, allow_unicode=True))


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
    return inputs.read(file, MAX_OUTLINE_BYTES, "an outline file")


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
        raise _syntax_error(file, mark, what, text) from None
    except yaml.reader.ReaderError as error:  # a character YAML allows nowhere in a file
        raw = text.encode("utf-8")  # libyaml counts bytes of UTF-8
        position = min(error.position, len(raw))
        start = raw.rfind(b"\n", 0, position) + 1
        line = raw.count(b"\n", 0, position) + 1
        column = len(raw[start:position].decode("utf-8", errors="ignore")) + 1
        raise InputError(
            [
                Problem(
                    "",
                    f"expected characters YAML allows; got U+{error.character:04X} (control "
                    "characters other than tab and line breaks are not allowed, even in quotes)",
                    file,
                    line,
                    column,
                )
            ]
        ) from None
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


_INDENT = ("check the indentation: the keys of one mapping, and the dashes of one list, "
           "start in the same column")
# What the author most likely did, for PyYAML's messages that name only the parser's view.
_SYNTAX_HINTS = (
    ("found unknown escape character", "inside double quotes a backslash starts an escape: "
     "write the text unquoted or in single quotes, where \\* stays as typed"),
    ("mapping values are not allowed", "put text holding ': ' in quotes, or indent this line "
     "as the keys beside it"),
    ("while parsing a flow", "close the brackets; inside { } and [ ], put text holding "
     "[ ] { } or a comma in quotes (text: \"see [the guide](https://…)\")"),
    ("while scanning an alias", "a value that starts with * is read as a YAML alias: put the "
     "text in quotes (- \"**key** point…\")"),
    ("that cannot start any token", "a value that starts with ` or @ must be in quotes "
     "(- \"`code` …\")"),
    ("did not find expected '-' indicator", _INDENT),
    ("did not find expected key", _INDENT),
    ("expected <block end>", _INDENT),
)


def _syntax_error(file: Path, mark: Any, what: str, text: str = "") -> InputError:
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    hint = next((f": {hint}" for found, hint in _SYNTAX_HINTS if found in what), "")
    if mark and _starts_with_link(text, mark.line):
        hint = (": a value that starts with [ is read as a list: put the text in quotes "
                "(- \"[the guide](https://…) …\")")
    return InputError([Problem("", f"expected valid YAML; {what}{hint}", file, line, column)])


def _starts_with_link(text: str, index: int) -> bool:
    """Is line ``index`` a list item or value that begins with a Markdown link?"""
    lines = text.splitlines()
    if index >= len(lines):
        return False
    value = lines[index].strip().removeprefix("- ").lstrip()
    key, colon, rest = value.partition(": ")
    if colon and not key.startswith(("[", "{")):
        value = rest.lstrip()
    return value.startswith("[") and "](" in value


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
            replace(problem, shown=shown_path(path, self.source.data))
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
        if node.tag == _AMBIGUOUS:
            self.problems.append(self.problem(node, path, _ambiguous(node.value, path)))
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
        if node.flow_style:
            self.source.flows.add(path)
        for key_node, value_node in node.value:
            if key_node.tag == f"{_TAG}merge":
                raise self.fail(
                    key_node,
                    path,
                    "expected plain keys; merge keys ('<<') are "
                    "not supported: write the fields out",
                )
            if not isinstance(key_node, yaml.ScalarNode) or not (
                key_node.tag in _SCALAR_TAGS or key_node.tag == _AMBIGUOUS
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


def _ambiguous(text: str, path: Path_) -> str:
    """Why a plain scalar is refused: what YAML 1.1 and 1.2 each read, and the fix."""
    old_tag, old = _yaml11(text)
    new_tag = _core_tag(text)
    sixties = ":" in text and old_tag.endswith(("int", "float"))
    if sixties and path and path[-1] == "start":
        return (
            f'expected a 24-hour time in quotes, like "09:00"; got {text} unquoted, which '
            f'YAML 1.1 reads as the number {old}: write "{text.zfill(5)}"'
        )
    old_reading = _reading(old_tag, old, text)
    if sixties:
        old_reading += ", counted in sixties"
    elif re.fullmatch(r"[-+]?0[0-7_]+", text) and old_tag.endswith("int"):
        old_reading = old_reading.replace("the number", "the octal number")
    numeric = new_tag.endswith(("int", "float"))
    new_value = _scalar(new_tag.removeprefix(_TAG), text) if numeric else text
    new_reading = _reading(new_tag, new_value, text)
    # The fix: the number either version makes of it, in a form both read alike.
    number = new_value if numeric else old
    if isinstance(number, bool):
        fix = "true" if number else "false"
        what = ""
    elif isinstance(number, int | float):
        whole = float(number).is_integer() and abs(number) < 1e15
        fix = str(int(number)) if whole else repr(number)
        what = " for the number"
    else:
        return (
            f"expected a value YAML 1.1 and YAML 1.2 read alike; got {text} (YAML 1.1: "
            f'{old_reading}; YAML 1.2: {new_reading}): write "{text}" in quotes for text'
        )
    return (
        f"expected a value YAML 1.1 and YAML 1.2 read alike; got {text} (YAML 1.1: "
        f'{old_reading}; YAML 1.2: {new_reading}): write {fix}{what}, or "{text}" in quotes '
        "for text"
    )


def _reading(tag: str, value: Any, text: str) -> str:
    name = tag.removeprefix(_TAG)
    if name in ("int", "float"):
        return f"the number {value}"
    if name == "bool":
        return "true" if value else "false"
    if name == "null":
        return "nothing (null)"
    if name == "timestamp":
        if isinstance(value, dt.datetime):
            return f"the date and time {value}"
        return f"the date {value}" if isinstance(value, dt.date) else "a date"
    return f"the text '{text}'"


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
