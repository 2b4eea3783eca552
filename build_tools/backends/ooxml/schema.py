"""The few ECMA-376 facts the deck's XML edits rely on, declared once: namespaces, the
child order of the elements we insert into, and the attributes an element requires.

python-pptx declares the same for its own element classes (``oxml/xmlchemy.py``:
``ZeroOrOne(successors=...)``, ``RequiredAttribute``), but only for what it writes itself,
and its declarations are private. The deck writes more (east-asian fonts, list levels,
layouts), so this module holds a small table in the same spirit; every insertion goes
through ``insert``/``sub`` (schema order) and every new element through ``element``
(required attributes present), instead of successor tuples next to each edit. A slip like
``<a:off cx cy>`` (x and y required) then fails where it is written, not in PowerPoint.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lxml import etree

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
DCTERMS = "http://purl.org/dc/terms/"
NAMESPACES = {"a": A, "p": P, "r": R, "c": C, "p14": P14}


def qn(tag: str) -> str:
    """``"a:off"`` -> ``"{http://…/drawingml/2006/main}off"`` (lxml's Clark notation)."""
    prefix, _, local = tag.partition(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


# --- child order ---------------------------------------------------------------------------
# Each entry: the children of a complex type in schema order; a tuple is a choice (its
# members share one place). Only what the deck inserts into is declared.

_FILLS = ("a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill")
_SEQUENCES: dict[str, tuple[str | tuple[str, ...], ...]] = {
    # CT_TextCharacterProperties: a:rPr, a:endParaRPr, a:defRPr
    "a:rPr": (
        "a:ln", _FILLS, ("a:effectLst", "a:effectDag"), "a:highlight", ("a:uLnTx", "a:uLn"),
        ("a:uFillTx", "a:uFill"), "a:latin", "a:ea", "a:cs", "a:sym", "a:hlinkClick",
        "a:hlinkMouseOver", "a:rtl", "a:extLst",
    ),
    # CT_TextParagraphProperties: a:pPr, a:defPPr, a:lvl1pPr … a:lvl9pPr
    "a:pPr": (
        "a:lnSpc", "a:spcBef", "a:spcAft", ("a:buClrTx", "a:buClr"),
        ("a:buSzTx", "a:buSzPct", "a:buSzPts"), ("a:buFontTx", "a:buFont"),
        ("a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip"), "a:tabLst", "a:defRPr", "a:extLst",
    ),
    # CT_TextBodyProperties
    "a:bodyPr": (
        "a:prstTxWarp", ("a:noAutofit", "a:normAutofit", "a:spAutoFit"), "a:scene3d", "a:sp3d",
        "a:flatTx", "a:extLst",
    ),
    # CT_TextListStyle: a:lstStyle, p:titleStyle, p:bodyStyle, p:otherStyle
    "a:lstStyle": ("a:defPPr", *(f"a:lvl{n}pPr" for n in range(1, 10)), "a:extLst"),
    # CT_TextBody: p:txBody, a:txBody
    "p:txBody": ("a:bodyPr", "a:lstStyle", "a:p"),
    # CT_SlideMaster
    "p:sldMaster": (
        "p:cSld", "p:clrMap", "p:sldLayoutIdLst", "p:transition", "p:timing", "p:hf",
        "p:txStyles", "p:extLst",
    ),
    # CT_Transform2D and CT_GroupTransform2D
    "a:xfrm": ("a:off", "a:ext", "a:chOff", "a:chExt"),
    # CT_GroupShape (p:spTree): shapes go between the group properties and the extensions
    "p:spTree": (
        "p:nvGrpSpPr", "p:grpSpPr",
        ("p:sp", "p:grpSp", "p:graphicFrame", "p:cxnSp", "p:pic", "p:contentPart"), "p:extLst",
    ),
    # CT_Presentation
    "p:presentation": (
        "p:sldMasterIdLst", "p:notesMasterIdLst", "p:handoutMasterIdLst", "p:sldIdLst",
        "p:sldSz", "p:notesSz", "p:smartTags", "p:embeddedFontLst", "p:custShowLst",
        "p:photoAlbum", "p:custDataLst", "p:kinsoku", "p:defaultTextStyle", "p:modifyVerifier",
        "p:extLst",
    ),
}
_SAME_TYPE = {
    "a:endParaRPr": "a:rPr", "a:defRPr": "a:rPr", "a:defPPr": "a:pPr",
    **{f"a:lvl{n}pPr": "a:pPr" for n in range(1, 10)},
    "a:txBody": "p:txBody",
    "p:titleStyle": "a:lstStyle", "p:bodyStyle": "a:lstStyle", "p:otherStyle": "a:lstStyle",
}

# Required attributes (``use="required"`` in the schema) of the elements the deck makes.
REQUIRED: dict[str, tuple[str, ...]] = {
    "a:off": ("x", "y"), "a:chOff": ("x", "y"), "a:ext": ("cx", "cy"), "a:chExt": ("cx", "cy"),
    "a:srgbClr": ("val",), "a:alpha": ("val",), "a:spcPts": ("val",), "a:spcPct": ("val",),
    "a:buSzPct": ("val",), "a:buChar": ("char",), "a:buFont": ("typeface",),
    "a:latin": ("typeface",), "a:ea": ("typeface",), "a:cs": ("typeface",),
    "a:font": ("script", "typeface"), "p:cNvPr": ("id", "name"), "p:sldId": ("id", "r:id"),
    "p:sldLayoutId": ("id", "r:id"), "p:ext": ("uri",), "a:fld": ("id",),
}


def _ranks(sequence: Iterable[str | tuple[str, ...]]) -> dict[str, int]:
    ranks: dict[str, int] = {}
    for rank, item in enumerate(sequence):
        for tag in (item,) if isinstance(item, str) else item:
            ranks[qn(tag)] = rank
    return ranks


_RANKS = {qn(tag): _ranks(sequence) for tag, sequence in _SEQUENCES.items()}
for _tag, _type in _SAME_TYPE.items():
    _RANKS[qn(_tag)] = _RANKS[qn(_type)]


def _order(parent_tag: str) -> dict[str, int]:
    ranks = _RANKS.get(parent_tag)
    if ranks is None:
        raise KeyError(f"no child order declared for {parent_tag}")
    return ranks


def successors(parent: str, child: str) -> frozenset[str]:
    """Clark names of the children that must come after ``child`` in ``parent`` (members
    of its own choice excluded), for code that places a child with plain lxml."""
    ranks = _order(qn(parent))
    rank = ranks[qn(child)]
    return frozenset(tag for tag, other in ranks.items() if other > rank)


def members(parent: str, child: str) -> tuple[str, ...]:
    """Clark names of ``child`` and the other members of its choice (``a:noAutofit``:
    the three autofit settings), to replace one setting by another."""
    ranks = _order(qn(parent))
    rank = ranks[qn(child)]
    return tuple(tag for tag, other in ranks.items() if other == rank)


def insert(parent: Any, child: Any) -> Any:
    """Put ``child`` into ``parent`` at its schema place: before the first child declared
    after it (undeclared children are passed over), else last. Returns ``child``."""
    ranks = _order(parent.tag)
    rank = ranks[child.tag]
    for sibling in parent:
        if sibling is not child and ranks.get(sibling.tag, -1) > rank:
            sibling.addprevious(child)
            return child
    parent.append(child)
    return child


def element(tag: str, nsmap: dict[str | None, str] | None = None, **attrs: str) -> Any:
    """A new element with ``attrs`` (``r_id`` for ``r:id``); every attribute the schema
    requires of ``tag`` must be among them. Declares its own prefix only, unless ``nsmap``
    says otherwise (as python-pptx's ``OxmlElement``)."""
    _check(tag, attrs)
    prefix = tag.partition(":")[0]
    made = etree.Element(qn(tag), nsmap=nsmap or {prefix: NAMESPACES[prefix]})
    for key, value in attrs.items():
        made.set(_attribute(key), value)
    return made


def _attribute(key: str) -> str:
    """A keyword argument's attribute name: ``r_id`` is ``r:id``, the rest unqualified."""
    return qn("r:" + key[2:]) if key.startswith("r_") else key


def _check(tag: str, attrs: dict[str, str]) -> None:
    given = {("r:" + key[2:]) if key.startswith("r_") else key for key in attrs}
    missing = [name for name in REQUIRED.get(tag, ()) if name not in given]
    if missing:
        raise ValueError(f"<{tag}> requires {', '.join(missing)}")


def sub(parent: Any, tag: str, **attrs: str) -> Any:
    """As ``element(tag, **attrs)``, made inside ``parent`` (sharing its namespace
    declarations, as ``etree.SubElement``) at its schema place (parents without a declared
    order: last)."""
    _check(tag, attrs)
    child = etree.SubElement(parent, qn(tag))
    for key, value in attrs.items():
        child.set(_attribute(key), value)
    if parent.tag in _RANKS:
        insert(parent, child)
    return child
