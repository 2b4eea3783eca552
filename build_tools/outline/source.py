"""Read an outline file into plain data plus a map from field paths to line and column.

Why not ``yaml.safe_load``: it silently keeps the last of two duplicate keys (losing the
author's text), forgets where every value came from, and expands aliases without limit.
We let libyaml compose the node graph (safe: composing builds no objects) and construct
plain values ourselves, recording each node's position and refusing what we do not want.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from build_tools import inputs
from build_tools.errors import InputError, Problem

MAX_BYTES = 16_000_000  # a 3,200-slide library is ~6 MB; far more is a mistake or an attack
MAX_NODES = 200_000  # after alias expansion: stops "billion laughs" in milliseconds
MAX_DEPTH = 40  # the format nests about 8 deep

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_constructor = yaml.constructor.SafeConstructor()

Path_ = tuple[str | int, ...]


@dataclass
class Source:
    """The file's data and where each field path starts (1-based line and column)."""

    file: Path
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

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


def format_path(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


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
        raise InputError(builder.problems)
    return source


def _read_bytes(file: Path) -> bytes:
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                [
                    Problem(
                        "",
                        f"expected an outline under {MAX_BYTES / 1e6:.0f} MB; got "
                        f"{size / 1e6:.1f} MB",
                        file,
                    )
                ]
            )
        return inputs.read(file)
    except FileNotFoundError:
        raise InputError([Problem("", "no such file", file)]) from None
    except IsADirectoryError:
        raise InputError([Problem("", "expected a YAML file; got a folder", file)]) from None


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
        return yaml.compose(text, Loader=_Loader)
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
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, path: Path_, message: str) -> Problem:
        return Problem(
            format_path(path),
            message,
            self.source.file,
            node.start_mark.line + 1,
            node.start_mark.column + 1,
        )

    def fail(self, node: yaml.Node, path: Path_, message: str) -> InputError:
        return InputError([*self.problems, self.problem(node, path, message)])

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
        if node.tag not in _SCALAR_TAGS:
            self.problems.append(self.problem(node, path, _tag_message(node.tag)))
            return None
        try:
            return _constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError) as error:
            what = _short(node.tag).removeprefix("!!").replace("timestamp", "date")
            raise self.fail(node, path, f"expected a valid {what}; {error}") from None

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
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
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


def _tag_message(tag: str) -> str:
    return (
        f"expected plain text, numbers, dates, lists or mappings; got tag {_short(tag)!r} "
        "(tags that build objects are not allowed)"
    )


def _short(tag: str) -> str:
    return tag.replace(_TAG, "!!")
