"""Every use of python-pptx's private or internal API, in one place.

"Internal" here means anything python-pptx does not document as its user API: names with
a leading underscore, and its ``oxml``, ``opc`` and ``parts`` layers (element classes,
parts, the package writer). The deck needs them for what the public API lacks (sections,
east-asian fonts, cloned slide-number placeholders) and for speed at thousands of slides
(field notes). Each wrapper below says what it relies on; all were checked against
python-pptx ``CHECKED_VERSION``. ``USES`` lists every internal name touched, and
tests/unit/backends/ooxml/test_internals.py fails, naming the change, when an upgrade
moves or removes one (and asks for a re-check when the version changes at all).

Nothing here patches python-pptx globally: ``shadow`` sets instance attributes on one
package object for the length of a build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part, XmlPart
from pptx.opc.packuri import CONTENT_TYPES_URI, PackURI
from pptx.opc.serialized import PackageWriter, _ContentTypesItem
from pptx.oxml import parse_xml
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.oxml.slide import CT_NotesSlide, CT_Slide
from pptx.oxml.table import CT_TableCell
from pptx.oxml.text import CT_TextBody
from pptx.parts.slide import NotesSlidePart, SlideLayoutPart, SlidePart
from pptx.shapes.autoshape import AutoShapeType, Shape
from pptx.table import _Cell

if TYPE_CHECKING:
    from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
    from pptx.presentation import Presentation
    from pptx.slide import Slide, SlideLayout, SlideMaster

__all__ = ["CT", "RT", "RTM"]

CHECKED_VERSION = "1.0.2"

# Every internal name used below, for the upgrade test: "module:Class.attribute" (found on
# the class) or "module:Class#attribute" (an instance attribute its ``__init__``, or a
# base class's, assigns).
USES = (
    "pptx.opc.constants:CONTENT_TYPE.PML_SLIDE",
    "pptx.opc.constants:CONTENT_TYPE.PML_NOTES_SLIDE",
    "pptx.opc.constants:CONTENT_TYPE.PML_SLIDE_LAYOUT",
    "pptx.opc.constants:CONTENT_TYPE.OFC_EXTENDED_PROPERTIES",
    "pptx.opc.constants:RELATIONSHIP_TYPE.SLIDE",
    "pptx.opc.constants:RELATIONSHIP_TYPE.NOTES_SLIDE",
    "pptx.opc.constants:RELATIONSHIP_TYPE.NOTES_MASTER",
    "pptx.opc.constants:RELATIONSHIP_TYPE.SLIDE_LAYOUT",
    "pptx.opc.constants:RELATIONSHIP_TYPE.SLIDE_MASTER",
    "pptx.opc.constants:RELATIONSHIP_TYPE.THEME",
    "pptx.opc.constants:RELATIONSHIP_TYPE.THUMBNAIL",
    "pptx.opc.constants:RELATIONSHIP_TYPE.EXTENDED_PROPERTIES",
    "pptx.opc.constants:RELATIONSHIP_TARGET_MODE.EXTERNAL",
    "pptx.opc.oxml:serialize_part_xml",
    "pptx.opc.package:Part.blob",
    "pptx.opc.package:Part.partname",
    "pptx.opc.package:Part.package",
    "pptx.opc.package:Part.part_related_by",
    "pptx.opc.package:Part.relate_to",
    "pptx.opc.package:XmlPart.drop_rel",
    "pptx.opc.package:Part._rels",
    "pptx.opc.package:XmlPart.blob",
    "pptx.opc.package:OpcPackage.iter_parts",
    "pptx.opc.package:OpcPackage.next_partname",
    "pptx.opc.package:OpcPackage.part_related_by",
    "pptx.opc.package:OpcPackage.relate_to",
    "pptx.opc.package:OpcPackage.drop_rel",
    "pptx.opc.package:OpcPackage._rels",
    "pptx.opc.package:_Relationships._add_relationship",
    "pptx.opc.package:_Relationships#_base_uri",
    "pptx.opc.package:_Relationship.rId",
    "pptx.opc.package:_Relationship.reltype",
    "pptx.opc.package:_Relationship.is_external",
    "pptx.opc.package:_Relationship.target_ref",
    "pptx.opc.package:_Relationship.target_partname",
    "pptx.opc.packuri:CONTENT_TYPES_URI",
    "pptx.opc.packuri:PackURI.membername",
    "pptx.opc.packuri:PackURI.rels_uri",
    "pptx.opc.serialized:PackageWriter.write",
    "pptx.opc.serialized:PackageWriter._write",
    "pptx.opc.serialized:PackageWriter._write_content_types_stream",
    "pptx.opc.serialized:PackageWriter._write_pkg_rels",
    "pptx.opc.serialized:PackageWriter._write_parts",
    "pptx.opc.serialized:_ContentTypesItem._defaults_and_overrides",
    "pptx.oxml:parse_xml",
    "pptx.oxml.shapes.autoshape:CT_Shape.new_textbox_sp",
    "pptx.oxml.shapes.autoshape:CT_Shape.new_autoshape_sp",
    "pptx.oxml.shapes.autoshape:CT_Shape.new_placeholder_sp",
    "pptx.oxml.shapes.autoshape:CT_Shape.get_or_add_txBody",
    "pptx.oxml.shapes.autoshape:CT_Shape.ph_type",
    "pptx.oxml.shapes.autoshape:CT_Shape.ph_orient",
    "pptx.oxml.shapes.autoshape:CT_Shape.ph_sz",
    "pptx.oxml.shapes.autoshape:CT_Shape.ph_idx",
    "pptx.oxml.slide:CT_Slide.new",
    "pptx.oxml.slide:CT_NotesSlide.new",
    "pptx.oxml.table:CT_TableCell.new",
    "pptx.oxml.table:CT_TableCell.get_or_add_txBody",
    "pptx.oxml.text:CT_TextBody.new",
    "pptx.oxml.text:CT_TextBody.add_p",
    "pptx.oxml.shapes.groupshape:CT_GroupShape.iter_shape_elms",
    "pptx.parts.slide:SlidePart.slide",
    "pptx.parts.slide:SlideLayoutPart.slide_layout",
    "pptx.parts.slide:NotesSlidePart",
    "pptx.parts.presentation:PresentationPart.notes_master_part",
    "pptx.shapes.autoshape:AutoShapeType.prst",
    "pptx.shapes.autoshape:Shape",
    "pptx.shapes.base:BaseShape#_element",
    "pptx.shapes.shapetree:_BaseShapes#_spTree",
    "pptx.slide:_BaseSlide#_element",
    "pptx.slide:Slides#_sldIdLst",
    "pptx.parts.presentation:PresentationPart#_element",
    "pptx.package:Package.presentation_part",
    "pptx.shapes.shapetree:SlideShapes",
    "pptx.chart.chart:Chart#_chartSpace",
    "pptx.table:_Cell",
    "pptx.table:Table#_tbl",
    "pptx.oxml.table:CT_Table.tr_lst",
    "pptx.oxml.table:CT_TableRow.tc_lst",
)


# --- elements behind the proxies -----------------------------------------------------------


def element_of(proxy: Any) -> Any:
    """The lxml element behind a shape, slide, layout or master (``._element``; 1.0.2)."""
    return proxy._element


def shape_tree(container: Any) -> Any:
    """The ``p:spTree`` of a slide, layout or master (``shapes._spTree``; 1.0.2)."""
    return container.shapes._spTree


def notes_shape_tree(slide: Slide) -> Any:
    """The ``p:spTree`` of a slide's notes page, made by python-pptx if it has none
    (``notes_slide`` is public; ``shapes._spTree`` is not; 1.0.2)."""
    return slide.notes_slide.shapes._spTree


def master_presentation_element(master: SlideMaster) -> Any:
    """The ``p:presentation`` element of a master's package
    (``part.package.presentation_part._element``; 1.0.2)."""
    return master.part.package.presentation_part._element


def drawing_shapes(container: Any) -> Any:
    """A slide-style shape collection over a master's or layout's shape tree, whose own
    collections cannot add shapes (``SlideShapes(shapes._spTree, parent)``; 1.0.2)."""
    from pptx.shapes.shapetree import SlideShapes

    return SlideShapes(container.shapes._spTree, container)


def presentation_element(prs: Presentation) -> Any:
    """The ``p:presentation`` element (``prs.part._element``; 1.0.2)."""
    return prs.part._element


def slide_id_list(prs: Presentation) -> Any:
    """The ``p:sldIdLst`` element (``prs.slides._sldIdLst``; 1.0.2)."""
    return prs.slides._sldIdLst


def table_cells(table: Any) -> list[list[Any]]:
    """A table's ``a:tc`` elements by row: one pass, where ``table.cell(r, c)`` looks both
    lists up for every cell (``Table._tbl``, ``CT_Table.tr_lst``, ``CT_TableRow.tc_lst``;
    1.0.2)."""
    return [list(tr.tc_lst) for tr in table._tbl.tr_lst]


def related_blob(owner: Any, reltype: str) -> bytes:
    """The bytes of the part related to ``owner``'s part by ``reltype`` (a master's theme),
    for read-only parsing (``.part``, ``part_related_by``, ``blob``; 1.0.2)."""
    return owner.part.part_related_by(reltype).blob


def picture_part(owner: Any, rid: str) -> tuple[str, bytes] | None:
    """The name (without the leading "/") and bytes of the part ``owner``'s part relates
    to by ``rid`` (a layout's picture), or None if there is none (``.part``,
    ``related_part``, ``partname``, ``blob``; 1.0.2)."""
    try:
        part = owner.part.related_part(rid)
    except KeyError:
        return None
    return str(part.partname).lstrip("/"), part.blob


def chart_space(chart: Any) -> Any:
    """A chart's ``c:chartSpace`` (``chart._chartSpace``; 1.0.2)."""
    return chart._chartSpace


# --- element-class methods (pptx.oxml) -----------------------------------------------------


def text_body(sp_or_tc: Any) -> Any:
    """The ``p:txBody`` of a ``p:sp`` (or ``a:txBody`` of an ``a:tc``), added if missing
    (``get_or_add_txBody`` of ``CT_Shape``/``CT_TableCell``; 1.0.2)."""
    return sp_or_tc.get_or_add_txBody()


def add_paragraph(txBody: Any) -> Any:
    """An ``a:p`` appended to a text body in schema order (``CT_TextBody.add_p``; 1.0.2)."""
    return txBody.add_p()


def new_text_body() -> Any:
    """A ``p:txBody`` as python-pptx makes it (``CT_TextBody.new``; 1.0.2)."""
    return CT_TextBody.new()


def placeholder_format(sp: Any) -> tuple[Any, Any, Any, int]:
    """Type, orientation, size and idx of a placeholder ``p:sp``, schema defaults filled in
    (``CT_Shape.ph_type``/``ph_orient``/``ph_sz``/``ph_idx``; 1.0.2)."""
    return sp.ph_type, sp.ph_orient, sp.ph_sz, sp.ph_idx


def new_placeholder_sp(shape_id: int, name: str, ph_type: PP_PLACEHOLDER | Any, orient: Any,
                       sz: Any, idx: int) -> Any:
    """A placeholder ``p:sp`` as a new slide gets it (``CT_Shape.new_placeholder_sp``;
    1.0.2)."""
    return CT_Shape.new_placeholder_sp(shape_id, name, ph_type, orient, sz, idx)


def new_textbox_sp() -> Any:
    """An empty text box ``p:sp`` with id 0 (``CT_Shape.new_textbox_sp``; 1.0.2)."""
    return CT_Shape.new_textbox_sp(0, "", 0, 0, 0, 0)


def new_autoshape(preset: MSO_SHAPE) -> Any:
    """An autoshape ``p:sp`` with id 0 and a shape proxy over it, for python-pptx's
    public styling API (``CT_Shape.new_autoshape_sp``, ``AutoShapeType.prst``,
    ``Shape(sp, None)``: a proxy without a parent; 1.0.2)."""
    sp = CT_Shape.new_autoshape_sp(0, "", AutoShapeType(preset).prst, 0, 0, 0, 0)
    return sp, Shape(sp, None)  # type: ignore[arg-type]


def new_table_cell() -> tuple[Any, Any]:
    """An ``a:tc`` and a cell proxy over it (``CT_TableCell.new``, the private ``_Cell``;
    1.0.2)."""
    tc = CT_TableCell.new()
    return tc, _Cell(tc, None)  # type: ignore[arg-type]


def shape_elements(spTree: Any) -> Iterator[Any]:
    """The shape elements of a shape tree (``CT_GroupShape.iter_shape_elms``; 1.0.2)."""
    return spTree.iter_shape_elms()


def new_slide_tree() -> Any:
    """An empty ``p:sld`` (``CT_Slide.new``; 1.0.2)."""
    return CT_Slide.new()


def new_notes_tree() -> Any:
    """An empty ``p:notes`` (``CT_NotesSlide.new``; 1.0.2)."""
    return CT_NotesSlide.new()


def custom_element(xml: bytes) -> Any:
    """Parse XML with python-pptx's element classes bound (``pptx.oxml.parse_xml``; 1.0.2):
    parts python-pptx wraps (layouts) expect its classes."""
    return parse_xml(xml)


# --- parts and relationships (pptx.opc, pptx.parts) ----------------------------------------


def package_of(prs: Presentation) -> Any:
    """The OPC package (``prs.part.package``; 1.0.2)."""
    return prs.part.package


def part_of(proxy: Any) -> Any:
    """The part behind a slide, layout or master (``.part``; 1.0.2)."""
    return proxy.part


def part_element(part: Any) -> Any:
    """The root element of an XML part (``XmlPart._element``; 1.0.2)."""
    return part._element


def related_part(part: Any, reltype: str) -> Any:
    """The part ``part`` (or the package) relates to by ``reltype``; KeyError if none
    (``part_related_by``; 1.0.2)."""
    return part.part_related_by(reltype)


def relate(part: Any, target: Any, reltype: str) -> str:
    """A relationship from ``part`` to ``target``, reusing an equal one (``relate_to``;
    1.0.2). Returns its rId."""
    return part.relate_to(target, reltype)


def relate_external(part: Any, url: str, reltype: str) -> str:
    """An external relationship (a hyperlink's URL), reusing an equal one (``relate_to``
    with ``is_external``; 1.0.2). Returns its rId."""
    return str(part.relate_to(url, reltype, is_external=True))


def add_relationship(part: Any, reltype: str, target: Any) -> str:
    """A new relationship, without ``relate_to``'s search for an equal one: for parts that
    cannot have one yet (``_rels._add_relationship``; 1.0.2). Returns its rId."""
    return part._rels._add_relationship(reltype, target)


def drop_relationship(part: Any, rId: str) -> None:
    """Remove a relationship of a part or the package (``drop_rel``; 1.0.2). python-pptx
    drops it only when no element references it any more."""
    part.drop_rel(rId)


def drop_package_relationships(package: Any, reltype: str) -> None:
    """Remove the package's relationships of ``reltype`` (``_rels``, ``drop_rel``; 1.0.2)."""
    for rId, rel in list(package._rels.items()):
        if rel.reltype == reltype:
            package.drop_rel(rId)


def new_slide_part(prs: Presentation, partname: str, tree: Any) -> Any:
    """A slide part holding ``tree`` (``SlidePart(...)``; 1.0.2), not yet related."""
    return SlidePart(PackURI(partname), CT.PML_SLIDE, prs.part.package, tree)


def slide_of(slide_part: Any) -> Slide:
    return slide_part.slide


def notes_master_part(prs: Presentation) -> Any:
    return prs.part.notes_master_part


def new_notes_part(package: Any, tree: Any) -> Any:
    """A notes part holding ``tree``, named by the package (``NotesSlidePart(...)``,
    ``next_partname``; 1.0.2), not yet related."""
    return NotesSlidePart(
        package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
        CT.PML_NOTES_SLIDE, package, tree,
    )


def new_layout_part(master: SlideMaster, element: Any) -> tuple[SlideLayout, str]:
    """A slide layout part holding ``element``, related to ``master`` both ways; the rId of
    the master's relationship is returned with the layout (``SlideLayoutPart(...)``,
    ``relate_to``; 1.0.2)."""
    package = master.part.package
    part = SlideLayoutPart(
        package.next_partname("/ppt/slideLayouts/slideLayout%d.xml"),
        CT.PML_SLIDE_LAYOUT, package, element,
    )
    part.relate_to(master.part, RT.SLIDE_MASTER)
    rId = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    return part.slide_layout, rId


def new_xml_blob_part(package: Any, partname: str, content_type: str, blob: bytes,
                      reltype: str) -> Any:
    """A part python-pptx keeps as bytes, related from the package (``Part(...)``,
    ``relate_to``; 1.0.2)."""
    part = Part(PackURI(partname), content_type, package, blob)
    package.relate_to(part, reltype)
    return part


def is_xml_part(part: Any) -> bool:
    """Whether python-pptx holds the part as a parsed tree (``XmlPart``; 1.0.2) rather
    than bytes (themes, app properties)."""
    return isinstance(part, XmlPart)


def blob(part: Any) -> bytes:
    """What python-pptx writes for a part (``Part.blob``, serialised for an XML part;
    1.0.2)."""
    return part.blob


def set_blob(part: Any, blob: bytes) -> None:
    """Replace the bytes of a part python-pptx keeps as bytes (``Part.blob``; 1.0.2)."""
    part.blob = blob


def serialised(part: Any) -> bytes:
    """What python-pptx writes for an XML part (``serialize_part_xml``; 1.0.2)."""
    return serialize_part_xml(part._element)


def iter_parts(package: Any) -> Iterator[Any]:
    """Every part reachable from the package (``iter_parts``; 1.0.2)."""
    return package.iter_parts()


def pack_uri(name: str) -> PackURI:
    """A part name as python-pptx's package expects one (``PackURI``; 1.0.2)."""
    return PackURI(name)


def partname(part: Any) -> str:
    """A part's name, e.g. ``/ppt/slides/slide1.xml`` (``Part.partname``; 1.0.2)."""
    return str(part.partname)


def shadow(package: Any, name: str, method: Callable[..., Any] | None) -> Any:
    """Set (or, with None, remove) an instance attribute that shadows the package's own
    method ``name`` (``next_partname``, ``get_or_add_image_part``; 1.0.2): on this one
    object only. Returns the method it shadows."""
    original = getattr(package, name)
    if method is None:
        delattr(package, name)
    else:
        setattr(package, name, method)
    return original


class Relationship(NamedTuple):
    rId: str
    reltype: str
    is_external: bool
    target_ref: str  # as python-pptx writes it without a base (absolute or external)
    target_partname: str | None  # internal targets only


def relationships_of(rels: Any) -> dict[str, Relationship]:
    """A part's or the package's relationships by rId (``_Relationship``'s attributes;
    1.0.2)."""
    found = {}
    for rId in rels:
        rel = rels[rId]
        found[rId] = Relationship(rel.rId, rel.reltype, rel.is_external, rel.target_ref,
                                  None if rel.is_external else rel.target_partname)
    return found


def part_relationships(part: Any) -> Any:
    """A part's relationship collection, or None when it has none (``_rels``; 1.0.2)."""
    return part._rels if part._rels else None


def base_uri(rels: Any) -> str:
    """The folder relative targets are resolved from (``_Relationships._base_uri``; 1.0.2)."""
    return rels._base_uri


def content_types(parts: Sequence[Any]) -> tuple[dict[str, str], dict[str, str]]:
    """python-pptx's ``[Content_Types].xml`` entries for ``parts``: defaults by extension
    and overrides by part name (``_ContentTypesItem._defaults_and_overrides``; 1.0.2)."""
    defaults, overrides = _ContentTypesItem(parts)._defaults_and_overrides
    return dict(defaults), {str(name): value for name, value in overrides.items()}


def write_package(package: Any, write: Callable[[str, bytes | Any], None],
                  content_types_xml: Callable[[Sequence[Any]], bytes],
                  part_blob: Callable[[Any], bytes | Any],
                  rels_xml: Callable[[Any, str], bytes]) -> None:
    """python-pptx's ``PackageWriter`` walk over the package, each member handed to
    ``write(member name, bytes)`` instead of a zip: content types (``content_types_xml``),
    package relationships, then each part (``part_blob``) and its relationships
    (``rels_xml(rels, base uri)``). Overrides ``PackageWriter._write`` and its three
    steps, and reads ``_rels``, ``_base_uri``, ``rels_uri``, ``membername`` (1.0.2).
    """

    class _Members:
        def write(self, pack_uri: PackURI, blob: Any) -> None:
            write(pack_uri.membername, blob)

    class _Writer(PackageWriter):
        def _write(self) -> None:
            sink: Any = _Members()
            self._write_content_types_stream(sink)
            self._write_pkg_rels(sink)
            self._write_parts(sink)

        def _write_content_types_stream(self, phys_writer: Any) -> None:
            phys_writer.write(CONTENT_TYPES_URI, content_types_xml(self._parts))

        def _write_parts(self, phys_writer: Any) -> None:
            for part in self._parts:
                phys_writer.write(part.partname, part_blob(part))
                if part._rels:
                    rels = part._rels
                    phys_writer.write(part.partname.rels_uri, rels_xml(rels, rels._base_uri))

    _Writer.write(None, package._rels, tuple(package.iter_parts()))  # type: ignore[arg-type]
