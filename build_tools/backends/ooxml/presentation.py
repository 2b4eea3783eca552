"""Sections and document properties: what python-pptx has no API for, or leaves as the
template had it.

Sections are ``p14:sectionLst`` in the one ``p:extLst`` that ends ``p:presentation``
(a second ``extLst``, or a section naming an unknown slide, triggers PowerPoint's repair
prompt); core properties are all set so a template's own metadata never leaks, and
``app.xml`` is rewritten whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from build_tools.backends.ooxml import internals
from build_tools.backends.ooxml.ids import stable_guid
from build_tools.backends.ooxml.internals import CT, RT
from build_tools.backends.ooxml.schema import EP, P14, VT, element, insert, qn, sub

if TYPE_CHECKING:
    from pptx.presentation import Presentation

SECTIONS_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"


def delete_all_slides(prs: Presentation) -> None:
    """Remove a template's own slides and sections; their parts drop out on save."""
    id_list = internals.slide_id_list(prs)
    part = internals.part_of(prs)
    for entry in list(id_list):
        internals.drop_relationship(part, entry.get(qn("r:id")))
        id_list.remove(entry)
    write_sections(prs, [])


def write_sections(prs: Presentation, sections: Sequence[tuple[str, Sequence[int]]]) -> None:
    """Write ``p14:sectionLst`` as the last extension of the one ``p:extLst``.

    Replaces an existing section list (a template's) rather than adding a second, and
    writes nothing when there are no sections.
    """
    presentation = internals.presentation_element(prs)
    extLst = presentation.find(qn("p:extLst"))
    if extLst is not None:
        for ext in extLst.findall(qn("p:ext")):
            if ext.get("uri") == SECTIONS_EXT:
                extLst.remove(ext)
        if not len(extLst) and not sections:
            presentation.remove(extLst)
    if not sections:
        return
    if extLst is None:
        extLst = insert(presentation, element("p:extLst"))
    ext = sub(extLst, "p:ext", uri=SECTIONS_EXT)
    section_list = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    for index, (name, slide_ids) in enumerate(sections):
        section = etree.SubElement(section_list, f"{{{P14}}}section")
        section.set("name", name)
        section.set("id", stable_guid("section", index, name))
        id_list = etree.SubElement(section, f"{{{P14}}}sldIdLst")
        for slide_id in slide_ids:
            etree.SubElement(id_list, f"{{{P14}}}sldId").set("id", str(slide_id))


def read_sections(prs: Presentation) -> list[tuple[str, list[int]]]:
    """The section list as (name, slide ids); used by tests and checks."""
    found = internals.presentation_element(prs).findall(f".//{{{P14}}}section")
    return [
        (s.get("name"), [int(i.get("id")) for i in s.iter(f"{{{P14}}}sldId")]) for s in found
    ]


@dataclass(frozen=True)
class Properties:
    title: str
    subject: str
    author: str
    keywords: str
    language: str
    company: str
    when: dt.datetime
    application: str


def set_properties(prs: Presentation, props: Properties, slides: int, notes: int) -> None:
    """Core properties (all fields, so a template's own metadata never leaks) and app.xml."""
    core = prs.core_properties
    when = props.when.replace(tzinfo=None)
    core.title = props.title
    core.subject = props.subject
    core.author = props.author
    core.last_modified_by = props.author
    core.keywords = props.keywords
    core.language = props.language
    core.created = when
    core.modified = when
    core.last_printed = when
    core.revision = 1
    core.category = ""
    core.comments = ""
    core.content_status = ""
    core.identifier = ""
    core.version = ""
    _replace_app_properties(prs, props, slides, notes)


def _replace_app_properties(prs: Presentation, props: Properties, slides: int, notes: int) -> None:
    root = etree.Element(f"{{{EP}}}Properties", nsmap={None: EP, "vt": VT})
    for tag, value in (
        ("TotalTime", "0"),
        ("Application", props.application),
        ("PresentationFormat", "Widescreen"),
        ("Slides", str(slides)),
        ("Notes", str(notes)),
        ("HiddenSlides", "0"),
        ("ScaleCrop", "false"),
        ("Company", props.company),
        ("LinksUpToDate", "false"),
        ("SharedDoc", "false"),
        ("HyperlinksChanged", "false"),
    ):
        etree.SubElement(root, f"{{{EP}}}{tag}").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = internals.package_of(prs)
    try:
        internals.set_blob(internals.related_part(package, RT.EXTENDED_PROPERTIES), blob)
    except KeyError:
        internals.new_xml_blob_part(package, "/docProps/app.xml", CT.OFC_EXTENDED_PROPERTIES,
                                    blob, RT.EXTENDED_PROPERTIES)


def drop_thumbnail(prs: Presentation) -> None:
    """A template's thumbnail shows the template, not the deck: leave it out."""
    internals.drop_package_relationships(internals.package_of(prs), RT.THUMBNAIL)
