"""Shape ids: every shape on a slide needs its own (a repeated id is a repair-prompt
trigger, field notes). python-pptx finds the next id by searching the whole slide; the
deck follows the ids as it builds instead (``ShapeIds``), with the same results.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

from lxml import etree

from build_tools.backends.ooxml.schema import P


def stable_guid(*parts: object) -> str:
    """A GUID derived from its parts (fields, sections): stable across builds, unique per
    input."""
    name = "\x1f".join(str(part) for part in parts)
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, name)).upper() + "}"

# Compiled once: ``element.xpath(...)`` compiles its expression on every call.
_CNVPR_IDS = etree.XPath("//p:cNvPr/@id", namespaces={"p": P})
_ALL_IDS = etree.XPath("//@id")


def next_shape_id(spTree: Any) -> int:
    ids = [int(value) for value in _CNVPR_IDS(spTree)]
    return max([1, *ids]) + 1


def max_shape_id(spTree: Any) -> int:
    """What python-pptx's ``CT_GroupShape.max_shape_id`` returns: the largest numeric
    ``@id`` anywhere in the document (python-pptx adds shapes with this plus one)."""
    ids = [int(value) for value in _ALL_IDS(spTree) if value.isdigit()]
    return max(ids) if ids else 0


SUBTREE_IDS = etree.XPath("descendant-or-self::*/@id")
_SUBTREE_CNVPR_IDS = etree.XPath("descendant-or-self::p:cNvPr/@id", namespaces={"p": P})


@dataclass
class Ids:
    """The ``@id`` values a tree holds, as counts: every numeric one (what python-pptx's
    ``max_shape_id`` looks at) and those of ``p:cNvPr`` elements (``next_shape_id``)."""

    every: Counter[int]
    cnvpr: Counter[int]

    @classmethod
    def of(cls, element: Any, document: bool = False) -> Ids:
        """Of ``element``'s subtree, or (``document``) of its whole document."""
        values = (_ALL_IDS if document else SUBTREE_IDS)(element)
        cnvpr = (_CNVPR_IDS if document else _SUBTREE_CNVPR_IDS)(element)
        return cls(Counter(int(v) for v in values if v.isdigit()),
                   Counter(int(v) for v in cnvpr))

    def copy(self) -> Ids:
        return Ids(Counter(self.every), Counter(self.cnvpr))

    def without_shape_id(self, value: int) -> Ids:
        """These ids but one ``p:cNvPr`` id ``value`` (that a copy will have replaced)."""
        rest = self.copy()
        rest.every -= Counter([value])
        rest.cnvpr -= Counter([value])
        return rest


class ShapeIds:
    """The ids of one slide document, followed as it is built, so that a new shape's id
    needs no XPath over the whole slide (two or three per slide, each the cost of a
    shape). What python-pptx gives a new shape is the largest numeric ``@id`` plus one
    (``next_id``); ``clone_placeholder`` gives the largest ``p:cNvPr`` id plus one
    (``next_clone_id``). Changes it is not told about must be reported with ``stale``:
    the ids are then counted again, by XPath, when next needed.
    """

    def __init__(self, tree: Any, ids: Ids | None = None) -> None:
        self._tree = tree
        self._ids = ids

    def _current(self) -> Ids:
        if self._ids is None:
            self._ids = Ids.of(self._tree, document=True)
        return self._ids

    def stale(self) -> None:
        self._ids = None

    def next_id(self) -> int:
        every = self._current().every
        return (max(every) if every else 0) + 1

    def next_clone_id(self) -> int:
        return max([1, *self._current().cnvpr]) + 1

    def added(self, ids: Ids | None, shape_id: int | None = None) -> None:
        """A subtree with ``ids`` (None: unknown), plus a ``p:cNvPr`` with ``shape_id``."""
        if ids is None:
            self.stale()
        if self._ids is None:
            return
        if ids.every:  # type: ignore[union-attr]
            self._ids.every.update(ids.every)  # type: ignore[union-attr]
        if ids.cnvpr:  # type: ignore[union-attr]
            self._ids.cnvpr.update(ids.cnvpr)  # type: ignore[union-attr]
        if shape_id is not None:
            self._ids.every[shape_id] += 1
            self._ids.cnvpr[shape_id] += 1

    def removed(self, ids: Ids | None) -> None:
        if ids is None:
            self.stale()
        if self._ids is None:
            return
        self._ids.every -= ids.every  # type: ignore[union-attr]
        self._ids.cnvpr -= ids.cnvpr  # type: ignore[union-attr]
