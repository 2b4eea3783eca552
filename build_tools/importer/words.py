"""The importer's words and recognition lists, from ``words.yaml`` (no prose in code)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

WORDS_FILE = Path(__file__).with_name("words.yaml")


@dataclass(frozen=True)
class Words:
    agenda_titles: frozenset[str]
    closing_titles: frozenset[str]
    title_layouts: frozenset[str]
    agenda_layouts: frozenset[str]
    divider_layouts: frozenset[str]
    closing_layouts: frozenset[str]
    default_sections: frozenset[str]
    text: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.text[key]


def key(text: str) -> str:
    """Compare titles and layout names without case, spaces or punctuation."""
    return "".join(c for c in text.casefold()
                   if not c.isspace() and not unicodedata.category(c).startswith(("P", "S")))


@cache
def words() -> Words:
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    lists = {name: frozenset(key(v) for v in data.pop(name))
             for name in ("agenda_titles", "closing_titles", "title_layouts",
                          "agenda_layouts", "divider_layouts", "closing_layouts",
                          "default_sections")}
    return Words(**lists, text={k: str(v) for k, v in data.items()})


_NUMBERED = re.compile(r"[（(]\d+/\d+[）)]$")


def strip_page_suffix(title: str) -> str:
    """'目录（1/2）' -> '目录': the plan numbers agenda pages itself."""
    return _NUMBERED.sub("", title).strip()
