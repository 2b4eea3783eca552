"""Write the imported outline as YAML an author can edit: the schema hint first, keys in
the outline's order, comments where the importer guessed, dropped or estimated.

ruamel.yaml writes comments and keeps order (PyYAML, which reads our outlines, cannot
write comments); the loader reads the result back before the file is kept.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from build_tools.importer.imported import Imported, Path_
from build_tools.outline.source import plain_is_text
from build_tools.paths import project_folder

FLOW_WIDTH = 70  # lists of short scalars (table rows, values) on one line up to this width


def schema_hint(out: Path) -> str:
    """The first line of every outline: points yaml-language-server at the project's
    schema (``course schema --out schema/outline.schema.json`` writes it)."""
    schema = project_folder(out) / "schema" / "outline.schema.json"
    try:
        relative = os.path.relpath(schema, out.resolve().parent)
    except ValueError:  # another drive on Windows
        relative = str(schema)
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}\n"


def to_yaml(imported: Imported, out: Path, header: list[str]) -> str:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    yaml.allow_unicode = True
    data = _commented(imported.data, (), imported.comments)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    lines = [schema_hint(out)] + [f"# {line}\n" if line else "#\n" for line in header]
    return "".join(lines) + "\n" + buffer.getvalue()


def _scalar(value: Any, path: Path_) -> Any:
    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value)
        # ruamel quotes what YAML 1.2 would read as another type; the outline loader also
        # refuses plain scalars YAML 1.1 reads differently ("No", "on", "1:30"): the
        # loader's own test says which strings must be quoted.
        if (path and path[-1] == "start") or not plain_is_text(value):
            return DoubleQuotedScalarString(value)
    return value


# Words, CJK and other non-ASCII text, spaces and a few marks YAML gives no meaning: such
# items read the same in a flow list ([a, b]) whatever ruamel decides to quote. ASCII
# indicators (",:?#[]{}&*!|>'\"%@`-") are left to block lists, where ruamel.yaml 0.18
# quotes them reliably; in flow lists it writes some plain ("? q", "a:b").
_FLOW_SAFE = re.compile(r"^[\w\u0080-\U0010ffff][\w\u0080-\U0010ffff ./()+]*$")


def _flow_safe(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return False
    return isinstance(value, int | float) or bool(_FLOW_SAFE.match(value))


def _commented(value: Any, path: Path_, comments: dict[Path_, list[str]]) -> Any:
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _commented(item, (*path, key), comments)
            notes = comments.get((*path, key))
            if notes and not isinstance(item, dict | list):
                mapping.yaml_add_eol_comment("; ".join(notes), key)
            elif notes:
                mapping.yaml_set_comment_before_after_key(key, before="\n".join(notes),
                                                          indent=2 * len(path))
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq()
        for index, item in enumerate(value):
            sequence.append(_commented(item, (*path, index), comments))
            notes = comments.get((*path, index))
            if notes:
                sequence.yaml_set_comment_before_after_key(
                    index, before="\n".join(notes), indent=2 * len(path))
        if value and all(_flow_safe(v) for v in value) and len(str(value)) <= FLOW_WIDTH:
            sequence.fa.set_flow_style()
        return sequence
    return _scalar(value, path)
