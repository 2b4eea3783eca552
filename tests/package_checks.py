"""What PowerPoint checks when it opens a deck, as one test helper: ``problems(path)``.

Two parts (field notes, "Validators and real clients"):
- the ECMA-376 schema, through ``openxml-audit`` (``--policy strict -f microsoft365``), called
  through its Python API: one validator per test session (building it costs ~0.3 s), about
  0.7 s for the 32-slide course;
- what PowerPoint's repair prompt catches while XSD passes: a shape id used twice on one
  slide, a relationship whose target part is missing or an ``r:id`` that names no
  relationship, a part without a content type, a section naming an unknown or repeated slide.

The second part reads the zip with lxml only, nothing from ``build_tools``: it must not
share a slip with the code it checks.
"""

from __future__ import annotations

import functools
import posixpath
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from lxml import etree

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
SHAPE_PARTS = ("ppt/slides/", "ppt/slideLayouts/", "ppt/slideMasters/", "ppt/notesSlides/",
               "ppt/notesMasters/", "ppt/handoutMasters/")


@functools.cache
def _validator() -> Any:
    from openxml_audit import FileFormat, OpenXmlValidator

    return OpenXmlValidator(file_format=FileFormat.MICROSOFT_365, max_errors=0, strict=True)


def schema_problems(path: Path) -> list[str]:
    """``openxml-audit <path> --policy strict -f microsoft365 -m 0``, one line per error."""
    result = _validator().validate(path)
    return [f"schema: {error}" for error in result.errors]


def package_problems(path: Path) -> list[str]:
    """Shape ids, relationships, content types and sections, read from the zip."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    return [*_content_type_problems(members), *_relationship_problems(members),
            *_shape_id_problems(members), *_section_problems(members)]


def problems(path: Path) -> list[str]:
    """Everything above; an empty list is a deck PowerPoint should open without repair."""
    return [*schema_problems(path), *package_problems(path)]


def _content_type_problems(members: dict[str, bytes]) -> list[str]:
    """Each part has a content type; a document part (under ppt/ or docProps/) a specific
    one: the package-wide default for .xml (``application/xml``) says nothing of what it is."""
    types = etree.fromstring(members["[Content_Types].xml"])
    defaults = {e.get("Extension").lower(): e.get("ContentType")
                for e in types.iter(f"{{{CT}}}Default")}
    overrides = {e.get("PartName"): e.get("ContentType")
                 for e in types.iter(f"{{{CT}}}Override")}
    found = []
    for name in members:
        if name == "[Content_Types].xml" or name.endswith("/"):
            continue
        extension = posixpath.basename(name).rpartition(".")[2].lower()
        content_type = overrides.get(f"/{name}", defaults.get(extension))
        if content_type is None:
            found.append(f"content types: /{name} has none")
        elif content_type == "application/xml" and name.startswith(("ppt/", "docProps/")):
            found.append(f"content types: /{name} has only the generic application/xml")
    found += [f"content types: override for missing part {name}"
              for name in sorted(overrides) if name[1:] not in members]
    return found


def _rels_source(rels_name: str) -> str:
    """The part a ``.rels`` member belongs to: ``a/_rels/b.xml.rels`` -> ``a/b.xml``."""
    folder, name = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")])


def _relationship_problems(members: dict[str, bytes]) -> list[str]:
    found = []
    for rels_name in (n for n in members if n.endswith(".rels")):
        source = _rels_source(rels_name)
        if source and source not in members:
            found.append(f"relationships: {rels_name} belongs to no part")
        ids = set()
        for rel in etree.fromstring(members[rels_name]).iter(f"{{{PR}}}Relationship"):
            ids.add(rel.get("Id"))
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target")
            resolved = (target[1:] if target.startswith("/") else
                        posixpath.normpath(posixpath.join(posixpath.dirname(source), target)))
            if resolved not in members:
                found.append(f"relationships: {rels_name} {rel.get('Id')} -> missing {resolved}")
        if source.endswith(".xml") and source in members:
            used = {value for element in etree.fromstring(members[source]).iter()
                    for key, value in element.attrib.items() if key.startswith(f"{{{R}}}")}
            found += [f"relationships: {source} uses {rid}, which {rels_name} lacks"
                      for rid in sorted(used - ids)]
    return found


def _shape_id_problems(members: dict[str, bytes]) -> list[str]:
    found = []
    for name, data in members.items():
        if not (name.startswith(SHAPE_PARTS) and name.endswith(".xml")):
            continue
        ids = Counter(e.get("id") for e in etree.fromstring(data).iter(f"{{{P}}}cNvPr"))
        found += [f"shape ids: /{name} uses id {value} {count} times"
                  for value, count in sorted(ids.items()) if count > 1]
    return found


def _section_problems(members: dict[str, bytes]) -> list[str]:
    presentation = etree.fromstring(members["ppt/presentation.xml"])
    slides = {e.get("id") for e in presentation.iter(f"{{{P}}}sldId")}
    listed = Counter(e.get("id") for e in presentation.iter(f"{{{P14}}}sldId"))
    found = [f"sections: slide id {value} listed {count} times"
             for value, count in sorted(listed.items()) if count > 1]
    found += [f"sections: unknown slide id {value}" for value in sorted(set(listed) - slides)]
    return found
