"""Writing the package: the zip, its content types and relationships, reproducibly.

Two python-pptx builds differ in every zip entry's timestamp and in the core properties
(field notes); the deck is written straight into a normalised zip (fixed timestamps and
member order, core properties from ``SOURCE_DATE_EPOCH``, embedded workbooks too), and the
relationships and content types are serialised with plain lxml, byte for byte as
python-pptx writes them, without its per-entry element classes.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from lxml import etree

from build_tools.backends.ooxml import internals
from build_tools.backends.ooxml.charts import unsigned_axis_ids
from build_tools.backends.ooxml.internals import RTM
from build_tools.backends.ooxml.schema import CT, DCTERMS, PR
from build_tools.reproducible import Deflated, rewrite_zip, write_zip

if TYPE_CHECKING:
    from pptx.presentation import Presentation


def normalise_package(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite a saved PPTX so identical input gives identical bytes.

    Embedded workbooks (chart data) are rewritten recursively, and their core properties,
    which XlsxWriter stamps with the wall-clock time, get ``when``.
    """
    return rewrite_zip(data, when, _normalise_member(when))


def save_normalised(prs: Presentation, when: dt.datetime,
                    sealed: dict[int, tuple[Any, Deflated]] | None = None) -> bytes:
    """``normalise_package`` of what ``prs.save`` writes, without the zip in between.

    python-pptx's own ``PackageWriter`` walks the package (content types, package and part
    relationships, every part's blob); only its zip writer is replaced by a dict, so each
    member is compressed once, in the final order, instead of twice, and relationships and
    content types are serialised by the plain-lxml functions below. Parts in ``sealed``
    (``SlideAdder.seal``) are written as they were serialised then.
    """
    done = sealed or {}
    members: dict[str, bytes | Deflated] = {}

    def blob(part: Any) -> bytes | Deflated:
        entry = done.get(id(part))
        return entry[1] if entry is not None and entry[0] is part else internals.blob(part)

    def write(name: str, content: bytes | Deflated) -> None:
        members[name] = content

    internals.write_package(internals.package_of(prs), write, content_types_xml, blob,
                            relationships_xml)
    return write_zip(members, when, _normalise_member(when))


_RELATIONSHIPS = f"{{{PR}}}Relationships"
_RELATIONSHIP = f"{{{PR}}}Relationship"


def relationships_xml(rels: Any, base_uri: str | None = None) -> bytes:
    """The bytes of python-pptx's ``_Relationships.xml``, built with plain lxml.

    python-pptx parses a template and runs its attribute setters for every relationship
    (two .rels files per slide); this writes the same elements (``Id``, ``Type``,
    ``Target`` and, for external targets only, ``TargetMode``) in the same numeric order,
    from a prototype per list of ids and types, with the targets filled in. With
    ``base_uri`` (the folder of the part the relationships belong to) internal targets are
    made relative by ``relative_ref``.
    """
    found = internals.relationships_of(rels)
    ordered = sorted(
        (int(rId[3:]) if rId.startswith("rId") and rId[3:].isdigit() else 0, rId)
        for rId in found
    )
    listed = [found[rId] for _, rId in ordered]
    shape = tuple((rel.rId, rel.reltype, rel.is_external) for rel in listed)
    prototype = _RELS_PROTOTYPES.get(shape)
    if prototype is None:
        prototype = _RELS_PROTOTYPES[shape] = etree.Element(_RELATIONSHIPS, nsmap={None: PR})
        for rId, reltype, is_external in shape:
            element = etree.SubElement(prototype, _RELATIONSHIP)
            element.set("Id", rId)
            element.set("Type", reltype)
            element.set("Target", "")
            if is_external:
                element.set("TargetMode", RTM.EXTERNAL)
    root = prototype.__copy__()
    for element, rel in zip(root, listed, strict=True):
        if rel.is_external or base_uri is None:
            element.set("Target", rel.target_ref)
        else:
            element.set("Target", relative_ref(rel.target_partname, base_uri))  # type: ignore[arg-type]
    return etree.tostring(root, encoding="UTF-8", standalone=True)


# One per list of (id, type, external?): a handful in a deck (a slide's, a notes page's).
_RELS_PROTOTYPES: dict[tuple[tuple[str, str, bool], ...], Any] = {}


def relative_ref(partname: str, base_uri: str) -> str:
    """``PackURI.relative_ref``: ``posixpath.relpath(partname, base_uri)`` ("/" aside).

    ``relpath`` normalises both paths and walks them for every relationship. The path of
    a name in a folder relative to a base is the folder's relative path plus the name,
    as long as the name is an ordinary component that is not also one of the base's own
    components (it could then extend their common prefix): those cases are left to
    ``relpath``, the rest share one ``relpath`` per folder and base.
    """
    if base_uri == "/":
        return partname[1:]
    folder, name = posixpath.split(partname)
    base_parts = _BASE_PARTS.get(base_uri)
    if base_parts is None:
        base_parts = _BASE_PARTS[base_uri] = frozenset(posixpath.abspath(base_uri).split("/"))
    if name in ("", ".", "..") or name in base_parts:
        return posixpath.relpath(partname, base_uri)
    key = (folder, base_uri)
    folder_ref = _FOLDER_REFS.get(key)
    if folder_ref is None:
        folder_ref = _FOLDER_REFS[key] = posixpath.relpath(folder, base_uri)
    return name if folder_ref == posixpath.curdir else f"{folder_ref}/{name}"


_BASE_PARTS: dict[str, frozenset[str]] = {}
_FOLDER_REFS: dict[tuple[str, str], str] = {}

def content_types_xml(parts: Sequence[Any]) -> bytes:
    """The bytes python-pptx writes as ``[Content_Types].xml`` for ``parts``, built with
    plain lxml: python-pptx's own defaults and overrides, in its order, without its
    per-entry element classes and setters (one ``Override`` per slide and notes page)."""
    defaults, overrides = internals.content_types(parts)
    root = etree.Element(f"{{{CT}}}Types", nsmap={None: CT})
    for ext, content_type in sorted(defaults.items()):
        element = etree.SubElement(root, f"{{{CT}}}Default")
        element.set("Extension", ext)
        element.set("ContentType", content_type)
    for partname, content_type in sorted(overrides.items()):
        element = etree.SubElement(root, f"{{{CT}}}Override")
        element.set("PartName", partname)
        element.set("ContentType", content_type)
    return etree.tostring(root, encoding="UTF-8", standalone=True)  # serialize_part_xml


def _normalise_member(when: dt.datetime) -> Callable[[str, bytes], bytes]:
    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def fix_core(name: str, content: bytes) -> bytes:
        if name != "docProps/core.xml":
            return content
        root = etree.fromstring(content)
        for tag in ("created", "modified"):
            for element in root.iter(f"{{{DCTERMS}}}{tag}"):
                element.text = stamp
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def member(name: str, content: bytes) -> bytes:
        if name.endswith(".xlsx"):
            return rewrite_zip(content, when, fix_core)
        if name.startswith("ppt/charts/") and name.endswith(".xml"):
            return unsigned_axis_ids(content)
        return content

    return member
