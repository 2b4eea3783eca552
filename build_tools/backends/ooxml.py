"""The little raw OOXML the deck needs that python-pptx has no API for, in one place.

Everything here edits lxml trees through python-pptx's oxml layer (``OxmlElement``,
``qn``, ``insert_element_before``) or plain ``lxml.etree`` for namespaces python-pptx does
not map (``p14``, app properties); no XML is ever concatenated as text. Each function
exists because of a measured gap (see the field notes):

- the east-asian font slot and ``lang`` on runs (python-pptx sets ``a:latin`` only, so
  renderers pick arbitrary or Japanese fallbacks for Chinese);
- explicit bullets, spacing and "autofit off", so sizes decided at build time hold in
  every renderer;
- slide-number and footer placeholders cloned from the layout (python-pptx skips them);
- sections (``p14:sectionLst``), alt text, app properties;
- the theme's font scheme (``ea`` and ``script="Hans"``) and colours, and new layouts, for
  the template script;
- a workaround for python-pptx's quadratic part naming, by shadowing a few methods on one
  package instance while a deck is built (no fork, nothing global).

And speed at scale (thousands of slides), with the same bytes out. python-pptx makes
every shape, paragraph and part by formatting and parsing XML, looks each element up by
name and searches the whole slide for the next shape id; most of a large build went
there. So the elements the deck writes over and over are made once per build, by the
same code (python-pptx's, or the plain helpers below), and copied: shapes (``ShapeKit``),
paragraphs and whole text bodies (``TextWriter``), slide and notes trees
(``SlideAdder``). Shape ids are followed as the slide is built (``ShapeIds``); finished
slides are serialised and compressed at once and their trees freed (``SlideAdder.seal``);
the package is written straight to the normalised zip (``save_normalised``). Each of
these is tested against the plain path it replaces (tests/unit/backends/test_ooxml.py).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import posixpath
import uuid
from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part, XmlPart
from pptx.opc.packuri import CONTENT_TYPES_URI, PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.oxml.xmlchemy import OxmlElement
from pptx.parts.slide import SlideLayoutPart
from pptx.util import Emu, Pt

from build_tools.reproducible import Deflated, rewrite_zip, write_zip

if TYPE_CHECKING:
    from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
    from pptx.presentation import Presentation
    from pptx.slide import Slide, SlideLayout, SlideMaster

P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
SECTIONS_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

_RUN_SUCCESSORS = ("a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")
_AUTOFIT_SUCCESSORS = ("a:scene3d", "a:sp3d", "a:flatTx", "a:extLst")
_AUTOFIT_TAGS = ("a:noAutofit", "a:normAutofit", "a:spAutoFit")
_BULLET_TAGS = (
    "a:buClrTx", "a:buClr", "a:buSzTx", "a:buSzPct", "a:buSzPts", "a:buFontTx", "a:buFont",
    "a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip",
)
_BULLET_SUCCESSORS = ("a:tabLst", "a:defRPr", "a:extLst")
EMU_PER_PT = 12700


def _guid(*parts: object) -> str:
    """A GUID derived from its parts: stable across builds, unique per input."""
    name = "\x1f".join(str(part) for part in parts)
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, name)).upper() + "}"


def _srgb(hex_rgb: str) -> Any:
    colour = OxmlElement("a:srgbClr")
    colour.set("val", hex_rgb.upper())
    return colour


def _solid_fill(hex_rgb: str) -> Any:
    fill = OxmlElement("a:solidFill")
    fill.append(_srgb(hex_rgb))
    return fill


# --- runs: fonts and language ----------------------------------------------------------


@dataclass(frozen=True)
class Script:
    """The fonts and language every run gets: one value, made from the theme."""

    latin: str
    east_asian: str
    lang: str
    alt_lang: str = "en-US"


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_RPR_AFTER_EA = frozenset(
    f"{{{_A}}}{tag}" for tag in ("cs", "sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")
)


def set_run_script(rPr: Any, script: Script) -> None:
    """Set ``a:latin`` and ``a:ea`` (right after it) and ``lang``/``altLang`` on run properties.

    Works for ``a:rPr``, ``a:endParaRPr`` and ``a:defRPr``: all are the same schema type.
    Plain lxml (no xpath): this runs for every run of every slide.
    """
    rPr.set("lang", script.lang)
    rPr.set("altLang", script.alt_lang)
    latin = ea = successor = None
    for child in rPr:
        tag = child.tag
        if tag == _LATIN:
            latin = child
        elif tag == _EA:
            ea = child
        elif successor is None and tag in _RPR_AFTER_EA:
            successor = child
    if ea is None:
        ea = etree.Element(_EA)
    ea.set("typeface", script.east_asian)
    if latin is None:
        latin = etree.Element(_LATIN)
        if successor is not None:
            successor.addprevious(latin)
        else:
            rPr.append(latin)
    latin.set("typeface", script.latin)
    latin.addnext(ea)


_LATIN = f"{{{_A}}}latin"
_EA = f"{{{_A}}}ea"
_RPR = f"{{{_A}}}rPr"


def localise(element: Any, script: Script) -> None:
    """Give every run, field and paragraph end under ``element`` the script's fonts and lang.

    Run as a final pass over a slide or notes tree, so nothing written anywhere (table
    cells, cloned placeholders, notes) is missed. Most run properties are already right
    (``write_paragraphs`` sets them): one compiled XPath picks out only those on which
    ``set_run_script`` would change something, so the pass costs little per slide.
    """
    for run in _RUNS_WITHOUT_RPR(element):
        rPr = etree.Element(_RPR)
        run.insert(0, rPr)
        set_run_script(rPr, script)
    for rPr in _UNLOCALISED(element, lang=script.lang, alt=script.alt_lang,
                            latin=script.latin, ea=script.east_asian):
        set_run_script(rPr, script)


_XPATH_NS = {"a": _A}
_RUNS_WITHOUT_RPR = etree.XPath(
    "descendant-or-self::a:r[not(a:rPr)] | descendant-or-self::a:fld[not(a:rPr)]",
    namespaces=_XPATH_NS,
)
# Run properties ``set_run_script`` would change: it takes the first ``a:rPr`` of a run and
# the last ``a:latin``/``a:ea`` children, and is a no-op exactly when both languages are
# set and that ``a:ea`` (the last) is the node right after that ``a:latin``, fonts right.
_UNLOCALISED = etree.XPath(
    "(descendant-or-self::a:r/a:rPr[1] | descendant-or-self::a:fld/a:rPr[1]"
    " | descendant-or-self::a:endParaRPr)"
    "[not(@lang = $lang and @altLang = $alt"
    " and a:latin[last()]/@typeface = $latin and a:ea[last()]/@typeface = $ea"
    " and a:latin[last()]/following-sibling::node()[1]"
    "[self::a:ea and not(following-sibling::a:ea)])]",
    namespaces=_XPATH_NS,
)


# --- writing text ------------------------------------------------------------------------


# Named tuples, not dataclasses: the deck makes one per run and paragraph it writes, and a
# frozen dataclass costs several times more to create.
class RunSpec(NamedTuple):
    text: str
    size_pt: float
    bold: bool | None = None  # None: inherit
    colour: str | None = None  # hex RGB; None: inherit


class ParagraphSpec(NamedTuple):
    runs: tuple[RunSpec, ...]
    size_pt: float
    line_pt: float
    before_pt: float
    margin_pt: float = 0.0
    indent_pt: float = 0.0
    bullet: Bullet | None = None
    align: str | None = None
    level: int = 0


def _sub(parent: Any, tag: str, **attrs: str) -> Any:
    element = etree.SubElement(parent, f"{{{_A}}}{tag}")
    for key, value in attrs.items():
        element.set(key, value)
    return element


_AP = f"{{{_A}}}p"
_AT = f"{{{_A}}}t"


def _paragraph(parent: Any, spec: ParagraphSpec, script: Script, text: bool = True) -> Any:
    """One ``a:p`` under ``parent`` (or a free-standing one); ``text=False`` leaves the
    ``a:t`` elements empty, for a prototype."""
    p = _sub(parent, "p") if parent is not None else etree.Element(_AP, nsmap={"a": _A})
    pPr = _sub(p, "pPr", marL=str(round(spec.margin_pt * EMU_PER_PT)),
               indent=str(round(spec.indent_pt * EMU_PER_PT)))
    if spec.level:
        pPr.set("lvl", str(spec.level))
    if spec.align is not None:
        pPr.set("algn", spec.align)
    _sub(_sub(pPr, "lnSpc"), "spcPts", val=str(round(spec.line_pt * 100)))
    _sub(_sub(pPr, "spcBef"), "spcPts", val=str(round(spec.before_pt * 100)))
    _sub(_sub(pPr, "spcAft"), "spcPts", val="0")
    if spec.bullet is None:
        _sub(pPr, "buNone")
    else:
        _sub(_sub(pPr, "buClr"), "srgbClr", val=spec.bullet.colour.upper())
        _sub(pPr, "buSzPct", val=str(spec.bullet.size_pct * 1000))
        _sub(pPr, "buChar", char=spec.bullet.char)
    for run in spec.runs:
        r = _sub(p, "r")
        rPr = _sub(r, "rPr", sz=str(round(run.size_pt * 100)))
        if run.bold is not None:
            rPr.set("b", "1" if run.bold else "0")
        if run.colour is not None:
            _sub(_sub(rPr, "solidFill"), "srgbClr", val=run.colour.upper())
        set_run_script(rPr, script)
        t = _sub(r, "t")
        if text:
            t.text = run.text
    end = _sub(p, "endParaRPr", sz=str(round(spec.size_pt * 100)))
    set_run_script(end, script)
    return p


def _paragraph_shape(spec: ParagraphSpec) -> tuple[object, ...]:
    """Everything but the text that ``_paragraph`` writes, as the strings it writes."""
    bullet = spec.bullet
    return (
        str(round(spec.margin_pt * EMU_PER_PT)), str(round(spec.indent_pt * EMU_PER_PT)),
        str(spec.level) if spec.level else None, spec.align,
        str(round(spec.line_pt * 100)), str(round(spec.before_pt * 100)),
        None if bullet is None else (
            bullet.colour.upper(), str(bullet.size_pct * 1000), bullet.char),
        tuple(
            (str(round(run.size_pt * 100)),
             None if run.bold is None else ("1" if run.bold else "0"),
             None if run.colour is None else run.colour.upper())
            for run in spec.runs
        ),
        str(round(spec.size_pt * 100)),
    )


def write_paragraphs(txBody: Any, paragraphs: Sequence[ParagraphSpec], script: Script) -> None:
    """Replace a text body's paragraphs; every property explicit, fonts and lang set.

    Built with plain lxml because python-pptx's setters rescan the tree per property
    (the deck writes thousands of paragraphs). ``TextWriter`` writes the same XML faster.
    """
    for p in txBody.findall(_AP):
        txBody.remove(p)
    for spec in paragraphs:
        _paragraph(txBody, spec, script)


def write_plain_paragraphs(txBody: Any, lines: Sequence[str], script: Script) -> None:
    """Paragraphs that inherit every style (speaker notes): only text, fonts and lang."""
    for p in txBody.findall(_AP):
        txBody.remove(p)
    for line in lines:
        _plain_paragraph(txBody, script).find(f"{{{_A}}}r/{_AT}").text = line


def _plain_paragraph(parent: Any, script: Script) -> Any:
    p = _sub(parent, "p") if parent is not None else etree.Element(_AP, nsmap={"a": _A})
    r = _sub(p, "r")
    set_run_script(_sub(r, "rPr"), script)
    _sub(r, "t")
    set_run_script(_sub(p, "endParaRPr"), script)
    return p


class TextWriter:
    """``write_paragraphs`` and ``write_plain_paragraphs`` for one build, from prototypes.

    A paragraph's XML depends on its text and on a handful of strings (sizes, indents,
    bullet, colours); each distinct set of strings is built once by the same code as
    ``write_paragraphs`` and then copied (one C-level copy instead of ~20 element
    creations), the text filled in. The output is the same, element for element.
    """

    def __init__(self, script: Script) -> None:
        self.script = script
        self._prototypes: dict[tuple[object, ...], Any] = {}
        self._bodies: dict[tuple[object, ...], tuple[Any, Any]] = {}
        self._plain = _plain_paragraph(None, script)
        # Whether a body ``replace`` took out or put in held any @id (then shape ids on
        # the slide must be counted again): never, with the deck's own prototypes.
        self.moved_ids = False

    def _prototype(self, spec: ParagraphSpec, key: tuple[object, ...]) -> Any:
        prototype = self._prototypes.get(key)
        if prototype is None:
            prototype = self._prototypes[key] = _paragraph(None, spec, self.script, text=False)
        return prototype

    def write(self, txBody: Any, paragraphs: Sequence[ParagraphSpec],
              prepared: bool = False) -> None:
        """As ``write_paragraphs``; ``prepared``: the body has no paragraphs to remove."""
        if not prepared:
            for p in txBody.findall(_AP):
                txBody.remove(p)
        for spec in paragraphs:
            p = self._prototype(spec, _paragraph_shape(spec)).__copy__()
            for t, run in zip(p.iter(_AT), spec.runs, strict=True):
                t.text = run.text
            txBody.append(p)

    def replace(self, txBody: Any, base: Any, paragraphs: Sequence[ParagraphSpec],
                frame: Body | None = None) -> Any:
        """For a body that is an untouched copy of ``base`` (a prototype's text body): what
        ``set_body`` with ``frame`` (if given) and then ``write`` would make of it, made as
        one copy of a prototype per base, frame and paragraph shapes, put in ``txBody``'s
        place and returned. Same XML, far fewer element operations than paragraph by
        paragraph.
        """
        shapes = tuple(_paragraph_shape(spec) for spec in paragraphs)
        key = (id(base), frame, shapes)
        entry = self._bodies.get(key)
        if entry is None:
            if frame is not None:
                prototype = prepared_body(base, *frame)
            else:
                prototype = base.__copy__()
                for p in prototype.findall(_AP):
                    prototype.remove(p)
            for spec, shape in zip(paragraphs, shapes, strict=True):
                prototype.append(self._prototype(spec, shape).__copy__())
            entry = self._bodies[key] = (base, prototype)  # base kept: its id() is the key
            if _SUBTREE_IDS(base) or _SUBTREE_IDS(prototype):
                self.moved_ids = True
        body = entry[1].__copy__()
        texts = [run.text for spec in paragraphs for run in spec.runs]
        for t, text in zip(body.iter(_AT), texts, strict=True):
            t.text = text
        txBody.getparent().replace(txBody, body)
        return body

    def write_plain(self, txBody: Any, lines: Sequence[str], text: bool = True) -> None:
        """As ``write_plain_paragraphs`` (``text=False``: the ``a:t`` elements left empty)."""
        for p in txBody.findall(_AP):
            txBody.remove(p)
        for line in lines:
            p = self._plain.__copy__()
            if text:
                p[0][1].text = line
            txBody.append(p)


def set_body(bodyPr: Any, insets_pt: tuple[float, float, float, float] | None,
             anchor: str | None) -> None:
    """Wrap on, autofit off, and (when given) insets and vertical anchor."""
    bodyPr.set("wrap", "square")
    if anchor is not None:
        bodyPr.set("anchor", anchor)
    if insets_pt is not None:
        set_body_insets(bodyPr, insets_pt)
    autofit_off(bodyPr)


def prepared_body(txBody: Any, insets_pt: tuple[float, float, float, float] | None,
                  anchor: str | None) -> Any:
    """A copy of ``txBody`` with ``set_body`` applied and its paragraphs removed: what
    ``TextWriter.write`` turns any text body in that state into (with the paragraphs)."""
    copied = txBody.__copy__()
    set_body(copied.find(_BODY_PR), insets_pt, anchor)
    for p in copied.findall(_AP):
        copied.remove(p)
    return copied


_BODY_PR = f"{{{_A}}}bodyPr"


# --- paragraphs and text bodies --------------------------------------------------------


@dataclass(frozen=True)
class Bullet:
    char: str
    colour: str  # hex RGB
    size_pct: int = 100


def set_paragraph_indent(p: Any, margin_pt: float, indent_pt: float) -> None:
    """Left margin and first-line indent (negative: a hanging bullet), in points."""
    pPr = p.get_or_add_pPr()
    pPr.set("marL", str(round(margin_pt * EMU_PER_PT)))
    pPr.set("indent", str(round(indent_pt * EMU_PER_PT)))


def set_bullet(p: Any, bullet: Bullet | None) -> None:
    """An explicit bullet character (or ``a:buNone``), so no inherited list style leaks in."""
    pPr = p.get_or_add_pPr()
    pPr.remove_all(*_BULLET_TAGS)
    if bullet is None:
        pPr.insert_element_before(OxmlElement("a:buNone"), *_BULLET_SUCCESSORS)
        return
    colour = OxmlElement("a:buClr")
    colour.append(_srgb(bullet.colour))
    size = OxmlElement("a:buSzPct")
    size.set("val", str(bullet.size_pct * 1000))
    char = OxmlElement("a:buChar")
    char.set("char", bullet.char)
    for child in (colour, size, char):
        pPr.insert_element_before(child, *_BULLET_SUCCESSORS)


def autofit_off(bodyPr: Any) -> None:
    """Replace any autofit setting with ``a:noAutofit``: sizes are decided at build time.

    Plain lxml, as python-pptx's ``remove_all``/``insert_element_before`` would do it (the
    first successor *tag* found wins), without their per-call name lookups.
    """
    if not len(bodyPr):  # the common case: nothing to remove, nothing to insert before
        etree.SubElement(bodyPr, _NO_AUTOFIT)
        return
    for tag in _AUTOFIT_CLARK:
        for child in bodyPr.findall(tag):
            bodyPr.remove(child)
    _insert_before(bodyPr, etree.SubElement(bodyPr, _NO_AUTOFIT), _AUTOFIT_SUCCESSORS_CLARK)


def _insert_before(parent: Any, element: Any, successors: Sequence[str]) -> None:
    """Move ``element`` (a child of ``parent``) before the first of ``successors`` present,
    trying them in order; left where it is (last) if none is."""
    for tag in successors:
        successor = parent.find(tag)
        if successor is not None:
            successor.addprevious(element)
            return


_AUTOFIT_CLARK = tuple(qn(tag) for tag in _AUTOFIT_TAGS)
_AUTOFIT_SUCCESSORS_CLARK = tuple(qn(tag) for tag in _AUTOFIT_SUCCESSORS)
_NO_AUTOFIT = qn("a:noAutofit")


def autofit_off_everywhere(element: Any) -> None:
    """Autofit off in every text body of a tree (masters and layouts of a template)."""
    for bodyPr in list(element.iter(qn("a:bodyPr"))):
        autofit_off(bodyPr)


def set_body_insets(bodyPr: Any, insets_pt: tuple[float, float, float, float]) -> None:
    """Left, top, right, bottom insets in points, written explicitly."""
    values = _INSETS.get(insets_pt)
    if values is None:
        values = _INSETS[insets_pt] = tuple(
            (name, str(round(value * EMU_PER_PT)))
            for name, value in zip(("lIns", "tIns", "rIns", "bIns"), insets_pt, strict=True))
    for name, value in values:
        bodyPr.set(name, value)


# The attribute strings of each insets tuple (a handful per theme): equal tuples give the
# same strings, as ``round`` turns any equal number into the same integer.
_INSETS: dict[tuple[float, ...], tuple[tuple[str, str], ...]] = {}


# --- shapes ------------------------------------------------------------------------------


_PML = "http://schemas.openxmlformats.org/presentationml/2006/main"
# Compiled once: ``element.xpath(...)`` compiles its expression on every call.
_CNVPR_IDS = etree.XPath("//p:cNvPr/@id", namespaces={"p": _PML})
_ALL_IDS = etree.XPath("//@id")


def next_shape_id(spTree: Any) -> int:
    ids = [int(value) for value in _CNVPR_IDS(spTree)]
    return max([1, *ids]) + 1


def max_shape_id(spTree: Any) -> int:
    """What python-pptx's ``CT_GroupShape.max_shape_id`` returns: the largest numeric
    ``@id`` anywhere in the document (python-pptx adds shapes with this plus one)."""
    ids = [int(value) for value in _ALL_IDS(spTree) if value.isdigit()]
    return max(ids) if ids else 0


_SUBTREE_IDS = etree.XPath("descendant-or-self::*/@id")
_SUBTREE_CNVPR_IDS = etree.XPath("descendant-or-self::p:cNvPr/@id", namespaces={"p": _PML})


@dataclass
class Ids:
    """The ``@id`` values a tree holds, as counts: every numeric one (what python-pptx's
    ``max_shape_id`` looks at) and those of ``p:cNvPr`` elements (``next_shape_id``)."""

    every: Counter[int]
    cnvpr: Counter[int]

    @classmethod
    def of(cls, element: Any, document: bool = False) -> Ids:
        """Of ``element``'s subtree, or (``document``) of its whole document."""
        values = (_ALL_IDS if document else _SUBTREE_IDS)(element)
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


def clone_placeholder(slide: Slide, layout_sp: Any) -> Any:
    """Copy a layout placeholder (slide number, footer) onto a slide with a fresh shape id.

    Position stays inherited (empty ``p:spPr``); the text body, with its ``slidenum``
    field, is kept.
    """
    spTree = slide.shapes._spTree
    sp = copy.deepcopy(layout_sp)
    sp.nvSpPr.cNvPr.set("id", str(next_shape_id(spTree)))
    _clear_shape_properties(sp)
    spTree.append(sp)
    return sp


def _clear_shape_properties(sp: Any) -> None:
    spPr = sp.find(qn("p:spPr"))
    if spPr is not None:
        for child in list(spPr):
            spPr.remove(child)


def set_slide_number_field(sp: Any, number: int | str) -> None:
    """Ensure the placeholder holds exactly one ``slidenum`` field showing ``number``.

    The cached text matters: viewers that do not evaluate fields show it as is.
    """
    txBody = sp.get_or_add_txBody()
    fields = [f for f in txBody.iter(qn("a:fld")) if f.get("type") == "slidenum"]
    if fields:
        field = fields[0]
        paragraph = field.getparent()
    else:
        field = OxmlElement("a:fld")
        field.set("id", _guid("slidenum"))
        field.set("type", "slidenum")
        paragraph = txBody.find(qn("a:p"))
        if paragraph is None:
            paragraph = txBody.add_p()
    for other in txBody.findall(qn("a:p")):
        if other is not paragraph:
            txBody.remove(other)
    for child in list(paragraph):
        if child.tag in (qn("a:r"), qn("a:br"), qn("a:fld")):
            paragraph.remove(child)
    end = paragraph.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(field)
    else:
        paragraph.append(field)
    text = field.find(qn("a:t"))
    if text is None:
        text = etree.SubElement(field, qn("a:t"))
    text.text = str(number)


_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_PH_PATH = f"{{{_P}}}nvSpPr/{{{_P}}}nvPr/{{{_P}}}ph"


def placeholder_kind(sp: Any) -> tuple[str, int] | None:
    """A shape element's placeholder type and idx (schema defaults: "obj", 0), or None."""
    ph = sp.find(_PH_PATH)
    if ph is None:
        return None
    return ph.get("type", "obj"), int(ph.get("idx", "0"))


def slide_placeholders(spTree: Any) -> list[Any]:
    """Placeholder ``p:sp`` elements of a shape tree, by plain lxml (python-pptx uses xpath
    per shape, the slowest part of a large build)."""
    return [sp for sp in spTree.iterchildren(f"{{{_P}}}sp") if sp.find(_PH_PATH) is not None]


def text_body(sp: Any) -> Any:
    return sp.get_or_add_txBody()


def has_text(sp: Any) -> bool:
    return any((t.text or "").strip() for t in sp.iter(f"{{{_A}}}t"))


def remove_element(element: Any) -> None:
    element.getparent().remove(element)


def remove_shape(shape: Any) -> None:
    element = shape._element
    element.getparent().remove(element)


def style_autoshape(shape: Any, fill: str | None, line: str | None, line_pt: float,
                    adjust: float | None) -> None:
    """An autoshape's look, every colour explicit: no theme style, solid or no fill, a
    solid line of ``line_pt`` or none, and the first adjustment (a chevron's point)."""
    remove_style(shape)
    if adjust is not None:
        shape.adjustments[0] = adjust
    if fill is None:
        shape.fill.background()
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(fill)
    if line is None:
        shape.line.fill.background()
    else:
        shape.line.color.rgb = _rgb(line)
        shape.line.width = Pt(line_pt)


def remove_style(shape: Any) -> None:
    """Drop an autoshape's ``p:style`` (theme line, fill and shadow references).

    Every colour is then explicit, so a customer theme cannot add outlines or shadows.
    """
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def set_alt_text(shape: Any, text: str) -> None:
    """Alt text (``descr``) for screen readers and accessibility checkers."""
    shape._element._nvXxPr.cNvPr.set("descr", text)


def set_shape_alpha(shape: Any, alpha_pct: int) -> None:
    """Transparency of a solid fill, for decoration that sits behind text."""
    fill = shape._element.spPr.find(qn("a:solidFill"))
    colour = fill[0]
    colour.remove_all("a:alpha")
    alpha = OxmlElement("a:alpha")
    alpha.set("val", str(alpha_pct * 1000))
    colour.append(alpha)


def placeholder_element(
    shape_id: int, name: str, ph_type: PP_PLACEHOLDER, idx: int,
    rect: tuple[int, int, int, int],
) -> Any:
    """A new placeholder ``p:sp`` at ``rect`` (EMU), for template layouts and masters."""
    sp = CT_Shape.new_placeholder_sp(shape_id, name, ph_type, "horz", "full", idx)
    if sp.find(qn("p:txBody")) is None:
        from pptx.oxml.text import CT_TextBody

        sp.append(CT_TextBody.new())
    x, y, cx, cy = rect
    xfrm = sp.spPr.get_or_add_xfrm()
    xfrm.x, xfrm.y, xfrm.cx, xfrm.cy = Emu(x), Emu(y), Emu(cx), Emu(cy)
    return sp


class ShapeKit:
    """The shapes a deck draws over and over, made from per-build prototypes.

    python-pptx builds every new shape by formatting and parsing an XML template, finds
    its id by an XPath over the whole slide, and styles it through setters that look
    every element up by name. Here each kind of shape (a text box; an autoshape per
    preset, colours, line and adjustment) is made once by exactly those python-pptx calls
    (so the XML is python-pptx's own) and then copied, with only the id, name, position
    and size written per shape. Shape ids are the caller's: see ``max_shape_id``.
    """

    def __init__(self, script: Script) -> None:
        self.script = script
        self._textbox = _kit_entry(CT_Shape.new_textbox_sp(0, "", 0, 0, 0, 0))
        self._textboxes: dict[Body, _KitEntry] = {}
        self._autoshapes: dict[tuple[object, ...], _KitEntry] = {}
        self._clones: dict[tuple[object, ...], _Clone] = {}
        self._cells: dict[tuple[str, float, float], _KitEntry] = {}

    def textbox(self, spTree: Any, shape_id: int, name: str, rect: tuple[int, int, int, int],
                body: Body | None = None) -> KitShape:
        """As ``shapes.add_textbox`` followed by ``shape.name = name``.

        With ``body`` (insets, anchor) its text body is already as ``prepared_body`` makes
        it, an untouched copy of ``KitShape.base``: ready for ``TextWriter.replace``.
        """
        entry = self._textbox
        if body is not None:
            found = self._textboxes.get(body)
            if found is None:
                found = self._textboxes[body] = _kit_entry(_with_body(self._textbox[0], body))
            entry = found
        return _new_shape(spTree, entry, shape_id, name, rect, body is not None)

    def autoshape(self, spTree: Any, shape_id: int, name: str, preset: MSO_SHAPE,
                  rect: tuple[int, int, int, int], fill: str | None, line: str | None,
                  line_pt: float, adjust: float | None, body: Body | None = None) -> KitShape:
        """As ``shapes.add_shape``, ``style_autoshape`` and ``shape.name = name`` (and a text
        body prepared for ``body``, as for ``textbox``)."""
        key = (preset, fill, line, line_pt, adjust, body)
        entry = self._autoshapes.get(key)
        if entry is None:
            from pptx.shapes.autoshape import AutoShapeType, Shape

            prototype = CT_Shape.new_autoshape_sp(0, "", AutoShapeType(preset).prst, 0, 0, 0, 0)
            style_autoshape(Shape(prototype, None), fill, line, line_pt, adjust)  # type: ignore[arg-type]
            if body is not None:
                prototype = _with_body(prototype, body)
            entry = self._autoshapes[key] = _kit_entry(prototype)
        return _new_shape(spTree, entry, shape_id, name, rect, body is not None)

    def furniture(self, spTree: Any, layout_sp: Any, number: int | None = None,
                  text: tuple[Hashable, Callable[[Any], None]] | None = None,
                  shape_id: int | None = None) -> Furniture:
        """As ``clone_placeholder``, then ``set_slide_number_field`` when ``number`` is given,
        or the text written by ``text`` (a cache key and a writer for the text body).

        The copy with its properties cleared (and its field set up, or its text written)
        is made once per layout placeholder (and text); each slide gets a copy of it with
        its own id (``shape_id``, else ``next_shape_id``) and number. A slide number's runs
        are localised in the prototype
        already (``localise`` touches nothing but run properties, so before or after the
        copy is the same), and written text is localised by its writer: the text body
        comes back as ``Furniture.done`` for the caller to skip.
        """
        key = (id(layout_sp), number is not None, None if text is None else text[0])
        clone = self._clones.get(key)
        if clone is None:
            prototype = copy.deepcopy(layout_sp)
            _clear_shape_properties(prototype)
            id_path = _path(prototype, prototype.find(_NV_SP_PR).find(_C_NV_PR))
            body_path = text_path = None
            if number is not None:
                set_slide_number_field(prototype, 0)
                txBody = text_body(prototype)
                localise(txBody, self.script)
                field = next(f for f in txBody.iter(_FLD) if f.get("type") == "slidenum")
                text_path = _path(prototype, field.find(_AT))
                body_path = _path(prototype, txBody)
            elif text is not None:
                txBody = text_body(prototype)
                text[1](txBody)
                body_path = _path(prototype, txBody)
            own = int(_follow(prototype, id_path).get("id"))
            clone = self._clones[key] = _Clone(
                layout_sp, prototype, placeholder_kind(prototype), id_path, body_path, text_path,
                Ids.of(prototype).without_shape_id(own))
        sp = clone.prototype.__copy__()
        if shape_id is None:
            shape_id = next_shape_id(spTree)
        _follow(sp, clone.id_path).set("id", str(shape_id))
        spTree.append(sp)
        if clone.text_path is not None:
            _follow(sp, clone.text_path).text = str(number)
        done = None if clone.body_path is None else _follow(sp, clone.body_path)
        return Furniture(sp, clone.kind, done, clone.ids)


    def table_cell(self, tc: Any, fill: str, pad_x_pt: float, pad_y_pt: float) -> KitShape:
        """Replace a new table's cell (untouched since python-pptx made it) with one styled
        by ``style_cell``; returns the new ``a:tc``, its text body and that of the
        prototype (which the new one is an untouched copy of)."""
        key = (fill, pad_x_pt, pad_y_pt)
        entry = self._cells.get(key)
        if entry is None:
            from pptx.oxml.table import CT_TableCell
            from pptx.table import _Cell

            prototype = CT_TableCell.new()
            style_cell(_Cell(prototype, None), fill, pad_x_pt, pad_y_pt)  # type: ignore[arg-type]
            txBody = cell_text_body(prototype)
            entry = self._cells[key] = (prototype, _path(prototype, txBody), Ids.of(prototype),
                                        inert(txBody))
        prototype, body_path, _, _ = entry
        cell = prototype.__copy__()
        tc.getparent().replace(tc, cell)
        return KitShape(cell, _follow(cell, body_path), _follow(prototype, body_path))


def style_cell(cell: Any, fill: str, pad_x_pt: float, pad_y_pt: float) -> None:
    """A table cell's fill, padding and (middle) anchoring, through python-pptx."""
    from pptx.enum.text import MSO_ANCHOR

    cell.fill.solid()
    cell.fill.fore_color.rgb = _rgb(fill)
    cell.margin_left = cell.margin_right = Pt(pad_x_pt)
    cell.margin_top = cell.margin_bottom = Pt(pad_y_pt)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE


_A_TX_BODY = f"{{{_A}}}txBody"


def cell_text_body(tc: Any) -> Any:
    """A table cell's ``a:txBody`` (python-pptx's ``cell.text_frame._txBody``)."""
    txBody = tc.find(_A_TX_BODY)
    return txBody if txBody is not None else tc.get_or_add_txBody()


class Furniture(NamedTuple):
    sp: Any
    kind: tuple[str, int] | None  # as placeholder_kind
    done: Any  # its text body, if final and localised; else None
    ids: Ids  # the ids it holds besides its shape id


@dataclass(frozen=True)
class _Clone:
    layout_sp: Any  # kept, so that its id() (the cache key) stays unique
    prototype: Any
    kind: tuple[str, int] | None
    id_path: tuple[int, ...]  # child indexes to the cNvPr, the field's a:t, the text body
    body_path: tuple[int, ...] | None
    text_path: tuple[int, ...] | None
    ids: Ids  # those of the prototype but its shape id


def _path(root: Any, element: Any) -> tuple[int, ...]:
    """Child indexes from ``root`` down to ``element``: the same place in any copy."""
    steps = []
    while element is not root:
        parent = element.getparent()
        steps.append(parent.index(element))
        element = parent
    return tuple(reversed(steps))


def _follow(root: Any, path: tuple[int, ...]) -> Any:
    element = root
    for index in path:
        element = element[index]
    return element


_NV_SP_PR = f"{{{_PML}}}nvSpPr"
_SP_TREE = f"{{{_PML}}}spTree"
_C_NV_PR = f"{{{_PML}}}cNvPr"
_SP_PR = f"{{{_PML}}}spPr"
_TX_BODY = f"{{{_PML}}}txBody"
_EXT_LST = f"{{{_PML}}}extLst"
_FLD = f"{{{_A}}}fld"


Body = tuple[tuple[float, float, float, float] | None, str | None]  # insets (pt), anchor


def _with_body(sp: Any, body: Body) -> Any:
    """A copy of ``sp`` whose text body is ``prepared_body`` of its own."""
    copied = sp.__copy__()
    txBody = copied.find(_TX_BODY)
    copied.replace(txBody, prepared_body(txBody, *body))
    return copied


class KitShape(NamedTuple):
    sp: Any
    txBody: Any  # its p:txBody
    base: Any  # the prototype's prepared text body, if the shape was made with one; or None
    ids: Ids | None = None  # the ids it holds besides its own shape id (None: not known)
    inert: bool = False  # its text body holds nothing ``localise`` would touch (yet)


# A prototype p:sp, the path to its p:txBody, the ids it holds besides its shape id, and
# whether that text body is inert (see KitShape).
_KitEntry = tuple[Any, tuple[int, ...], Ids, bool]


def _kit_entry(prototype: Any) -> _KitEntry:
    own = int(prototype[0][0].get("id"))  # p:nvSpPr/p:cNvPr, replaced in every copy
    txBody = prototype.find(_TX_BODY)
    return (prototype, _path(prototype, txBody), Ids.of(prototype).without_shape_id(own),
            inert(txBody))


def inert(txBody: Any) -> bool:
    """Whether a text body has no run, field or paragraph end: nothing to localise."""
    return not _RUNS_AND_ENDS(txBody)


_RUNS_AND_ENDS = etree.XPath(
    "descendant-or-self::a:r | descendant-or-self::a:fld | descendant-or-self::a:endParaRPr",
    namespaces={"a": _A},
)


def _new_shape(spTree: Any, entry: _KitEntry, shape_id: int, name: str,
               rect: tuple[int, int, int, int], prepared: bool) -> KitShape:
    prototype, body_path, ids, is_inert = entry
    sp = prototype.__copy__()
    _place(sp, shape_id, name, rect)
    _add_shape(spTree, sp)
    base = _follow(prototype, body_path) if prepared else None
    return KitShape(sp, _follow(sp, body_path), base, ids, is_inert)


def _place(sp: Any, shape_id: int, name: str, rect: tuple[int, int, int, int]) -> None:
    """Id, name, offset and extent of a new shape, as python-pptx writes them (``"%d" % v``,
    which is ``str(int(v))``)."""
    cNvPr = sp[0][0]
    cNvPr.set("id", str(int(shape_id)))
    cNvPr.set("name", name)
    xfrm = sp[1][0]
    x, y, cx, cy = rect
    off, ext = xfrm[0], xfrm[1]
    off.set("x", str(int(x)))
    off.set("y", str(int(y)))
    ext.set("cx", str(int(cx)))
    ext.set("cy", str(int(cy)))


def _add_shape(spTree: Any, sp: Any) -> None:
    """Where python-pptx puts a new shape: last, but before any ``p:extLst``."""
    successor = spTree.find(_EXT_LST)
    if successor is None:
        spTree.append(sp)
    else:
        successor.addprevious(sp)


# --- list styles (masters, layouts, placeholders) -----------------------------------------


@dataclass(frozen=True)
class LevelStyle:
    """One level of a list style: what a paragraph at that level looks like by default."""

    size_pt: float
    colour: str
    bold: bool = False
    align: str = "l"
    margin_pt: float = 0.0
    indent_pt: float = 0.0
    bullet: Bullet | None = None
    line_pct: int = 100
    before_pt: float = 0.0
    major: bool = False  # heading font (+mj) instead of body font (+mn)


def level_properties(level: int, style: LevelStyle) -> Any:
    """An ``a:lvlNpPr`` element (N = level, 1-based) from a ``LevelStyle``."""
    pPr = OxmlElement(f"a:lvl{level}pPr")
    pPr.set("marL", str(round(style.margin_pt * EMU_PER_PT)))
    pPr.set("indent", str(round(style.indent_pt * EMU_PER_PT)))
    pPr.set("algn", style.align)
    pPr.set("eaLnBrk", "1")
    pPr.set("latinLnBrk", "0")
    pPr.set("hangingPunct", "1")
    line = etree.SubElement(pPr, qn("a:lnSpc"))
    etree.SubElement(line, qn("a:spcPct")).set("val", str(style.line_pct * 1000))
    before = etree.SubElement(pPr, qn("a:spcBef"))
    etree.SubElement(before, qn("a:spcPts")).set("val", str(round(style.before_pt * 100)))
    if style.bullet is None:
        etree.SubElement(pPr, qn("a:buNone"))
    else:
        etree.SubElement(etree.SubElement(pPr, qn("a:buClr")), qn("a:srgbClr")).set(
            "val", style.bullet.colour
        )
        etree.SubElement(pPr, qn("a:buSzPct")).set("val", str(style.bullet.size_pct * 1000))
        font = etree.SubElement(pPr, qn("a:buFont"))
        font.set("typeface", "Arial")
        etree.SubElement(pPr, qn("a:buChar")).set("char", style.bullet.char)
    rPr = etree.SubElement(pPr, qn("a:defRPr"))
    rPr.set("sz", str(round(style.size_pt * 100)))
    rPr.set("b", "1" if style.bold else "0")
    rPr.set("kern", "1200")
    rPr.append(_solid_fill(style.colour))
    prefix = "+mj" if style.major else "+mn"
    for tag, suffix in (("a:latin", "lt"), ("a:ea", "ea"), ("a:cs", "cs")):
        etree.SubElement(rPr, qn(tag)).set("typeface", f"{prefix}-{suffix}")
    return pPr


def set_list_style(container: Any, levels: Sequence[LevelStyle]) -> None:
    """Fill ``a:lstStyle`` (or a ``p:titleStyle``/``p:bodyStyle``) with levels 1…n."""
    for child in list(container):
        if child.tag != qn("a:extLst"):
            container.remove(child)
    for index, style in enumerate(levels, start=1):
        container.append(level_properties(index, style))


def placeholder_list_style(sp: Any, levels: Sequence[LevelStyle]) -> None:
    txBody = sp.get_or_add_txBody()
    lstStyle = txBody.find(qn("a:lstStyle"))
    if lstStyle is None:
        lstStyle = OxmlElement("a:lstStyle")
        txBody.bodyPr.addnext(lstStyle)
    set_list_style(lstStyle, levels)


def master_text_styles(master: SlideMaster, title: Sequence[LevelStyle],
                       body: Sequence[LevelStyle], other: Sequence[LevelStyle]) -> None:
    """Rewrite the master's ``p:txStyles`` (title, body and other text defaults)."""
    txStyles = master._element.find(qn("p:txStyles"))
    for tag, levels in (("p:titleStyle", title), ("p:bodyStyle", body), ("p:otherStyle", other)):
        container = txStyles.find(qn(tag))
        set_list_style(container, levels)


def set_body_anchor(sp: Any, anchor: str, insets_pt: tuple[float, float, float, float]) -> None:
    bodyPr = sp.get_or_add_txBody().bodyPr
    bodyPr.set("wrap", "square")
    bodyPr.set("anchor", anchor)
    set_body_insets(bodyPr, insets_pt)
    autofit_off(bodyPr)


def set_prompt(sp: Any, text: str) -> None:
    """The grey prompt a layout placeholder shows in PowerPoint's editing view."""
    txBody = sp.get_or_add_txBody()
    for p in txBody.findall(qn("a:p")):
        txBody.remove(p)
    p = txBody.add_p()
    run = p.add_r()
    run.text = text


def set_layout_prompts(prs: Presentation, replacements: dict[str, str]) -> None:
    """Reword the master's and the layouts' placeholder prompts into the edition's language.

    Only a prompt that is exactly a known one is replaced, so a customer's own prompts
    stay. Runs are edited in place: their properties (and so their look) are kept.
    """
    if not replacements:
        return
    for master in prs.slide_masters:
        for owner in (master, *master.slide_layouts):
            for sp in owner.placeholders:
                for t in sp._element.iter(qn("a:t")):  # python-pptx 1.0.2: CT_Shape element
                    if t.text in replacements:
                        t.text = replacements[t.text]


# --- layouts and masters (template script) -------------------------------------------------


def hide_master_shapes(layout: SlideLayout) -> None:
    """The layout draws its own background art; the master's decoration stays off."""
    layout._element.cSld.getparent().set("showMasterSp", "0")


def new_layout(master: SlideMaster, name: str) -> SlideLayout:
    """Add an empty, named layout to ``master`` (a new part, related both ways)."""
    package = master.part.package
    layout_element = OxmlElement("p:sldLayout", nsmap={
        "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    })
    layout_element.set("preserve", "1")
    layout_element.set("userDrawn", "1")
    cSld = etree.SubElement(layout_element, qn("p:cSld"))
    cSld.set("name", name)
    spTree = etree.SubElement(cSld, qn("p:spTree"))
    nvGrpSpPr = etree.SubElement(spTree, qn("p:nvGrpSpPr"))
    cNvPr = etree.SubElement(nvGrpSpPr, qn("p:cNvPr"))
    cNvPr.set("id", "1")
    cNvPr.set("name", "")
    etree.SubElement(nvGrpSpPr, qn("p:cNvGrpSpPr"))
    etree.SubElement(nvGrpSpPr, qn("p:nvPr"))
    grpSpPr = etree.SubElement(spTree, qn("p:grpSpPr"))
    xfrm = etree.SubElement(grpSpPr, qn("a:xfrm"))
    for tag in ("a:off", "a:ext", "a:chOff", "a:chExt"):
        child = etree.SubElement(xfrm, qn(tag))
        keys = ("x", "y") if tag.endswith("Off") else ("cx", "cy")
        for key in keys:
            child.set(key, "0")
    clrMapOvr = etree.SubElement(layout_element, qn("p:clrMapOvr"))
    etree.SubElement(clrMapOvr, qn("a:masterClrMapping"))
    layout_element = parse_xml(etree.tostring(layout_element))  # rebind custom element classes
    part = SlideLayoutPart(
        package.next_partname("/ppt/slideLayouts/slideLayout%d.xml"),
        CT.PML_SLIDE_LAYOUT, package, layout_element,
    )
    part.relate_to(master.part, RT.SLIDE_MASTER)
    rId = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    id_list = master._element.get_or_add_sldLayoutIdLst()
    used = [int(v) for v in master.part.package.presentation_part._element.xpath(
        "//p:sldMasterId/@id")] + [int(v) for v in id_list.xpath("./p:sldLayoutId/@id")]
    entry = etree.SubElement(id_list, qn("p:sldLayoutId"))
    entry.set("id", str(max([2147483648, *used]) + 1))
    entry.set(qn("r:id"), rId)
    return part.slide_layout


def clear_shapes(container: Any) -> None:
    """Remove every shape from a master's, layout's or slide's shape tree."""
    spTree = container.shapes._spTree
    for shape in list(spTree.iter_shape_elms()):
        spTree.remove(shape)


def set_slide_size(prs: Presentation, width: int, height: int) -> None:
    """Set the slide size and drop ``type="screen4x3"``, which would contradict it."""
    prs.slide_width = Emu(width)
    prs.slide_height = Emu(height)
    sldSz = prs.part._element.find(qn("p:sldSz"))
    if "type" in sldSz.attrib:
        del sldSz.attrib["type"]


def edit_related_xml(part: Any, reltype: str, edit: Callable[[Any], None]) -> None:
    """Edit, in place, an XML part related to ``part`` (a theme, shared by several owners).

    python-pptx keeps parts it has no class for (themes) as bytes: parse, edit, write back.
    """
    target = part.part_related_by(reltype)
    if isinstance(target, XmlPart):
        edit(target._element)
        return
    element = etree.fromstring(target.blob)
    edit(element)
    target.blob = etree.tostring(element, xml_declaration=True, encoding="UTF-8",
                                 standalone=True)


def set_theme_fonts(theme: Any, latin: str, east_asian: str, name: str) -> None:
    """Major and minor fonts: ``latin``, ``ea`` and the ``Hans`` script entry."""
    scheme = theme.find(".//" + qn("a:fontScheme"))
    scheme.set("name", name)
    for tag in ("a:majorFont", "a:minorFont"):
        font = scheme.find(qn(tag))
        font.find(qn("a:latin")).set("typeface", latin)
        font.find(qn("a:ea")).set("typeface", east_asian)
        hans = [f for f in font.findall(qn("a:font")) if f.get("script") == "Hans"]
        if hans:
            hans[0].set("typeface", east_asian)
        else:
            entry = OxmlElement("a:font")
            entry.set("script", "Hans")
            entry.set("typeface", east_asian)
            font.find(qn("a:cs")).addnext(entry)


def set_theme_name(theme: Any, name: str) -> None:
    """The theme's and its colour scheme's names (PowerPoint shows them in Design)."""
    theme.set("name", name)
    theme.find(".//" + qn("a:clrScheme")).set("name", name)


def set_theme_colours(theme: Any, name: str, colours: dict[str, str]) -> None:
    """Replace scheme colours (``dk1``, ``accent1``…) with explicit RGB values."""
    scheme = theme.find(".//" + qn("a:clrScheme"))
    scheme.set("name", name)
    for slot, value in colours.items():
        element = scheme.find(qn(f"a:{slot}"))
        for child in list(element):
            element.remove(child)
        element.append(_srgb(value))
    theme.set("name", name)


# --- presentation ------------------------------------------------------------------------


def delete_all_slides(prs: Presentation) -> None:
    """Remove a template's own slides and sections; their parts drop out on save."""
    id_list = prs.slides._sldIdLst
    for entry in list(id_list):
        prs.part.drop_rel(entry.rId)
        id_list.remove(entry)
    write_sections(prs, [])


def write_sections(prs: Presentation, sections: Sequence[tuple[str, Sequence[int]]]) -> None:
    """Write ``p14:sectionLst`` as the last extension of the one ``p:extLst``.

    Replaces an existing section list (a template's) rather than adding a second, and
    writes nothing when there are no sections.
    """
    presentation = prs.part._element
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
        extLst = OxmlElement("p:extLst")
        presentation.append(extLst)
    ext = etree.SubElement(extLst, qn("p:ext"))
    ext.set("uri", SECTIONS_EXT)
    section_list = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    for index, (name, slide_ids) in enumerate(sections):
        section = etree.SubElement(section_list, f"{{{P14}}}section")
        section.set("name", name)
        section.set("id", _guid("section", index, name))
        id_list = etree.SubElement(section, f"{{{P14}}}sldIdLst")
        for slide_id in slide_ids:
            etree.SubElement(id_list, f"{{{P14}}}sldId").set("id", str(slide_id))


def read_sections(prs: Presentation) -> list[tuple[str, list[int]]]:
    """The section list as (name, slide ids); used by tests and checks."""
    found = prs.part._element.findall(f".//{{{P14}}}section")
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
    package = prs.part.package
    try:
        package.part_related_by(RT.EXTENDED_PROPERTIES).blob = blob
    except KeyError:
        part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, package, blob)
        package.relate_to(part, RT.EXTENDED_PROPERTIES)


def drop_thumbnail(prs: Presentation) -> None:
    """A template's thumbnail shows the template, not the deck: leave it out."""
    package = prs.part.package
    for rId, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rId)


# --- fast slide adding ---------------------------------------------------------------------


Placeholder = tuple[str, int, Any]  # type and idx (as ``placeholder_kind``), the ``p:sp``


class SlideAdder:
    """Adds slides without python-pptx's per-slide rescans of the whole package.

    python-pptx finds the next free part name by walking every part, the next slide id by
    scanning every id, a slide's id by scanning the list, and clones layout placeholders
    through per-shape xpath queries: each is linear per slide, so a deck is quadratic or
    slow. Inside ``fast_parts`` this keeps counters and per-layout placeholder skeletons
    instead. It uses python-pptx's own part classes; nothing is forked or patched globally.
    New slide and notes trees are copies of the ones python-pptx makes (it parses a
    template, or reads one from disk, for every new part).
    """

    def __init__(self, prs: Presentation) -> None:
        from pptx.oxml.slide import CT_Slide

        self._prs = prs
        ids = [int(entry.id) for entry in prs.slides._sldIdLst]
        self._next_id = max([255, *ids]) + 1
        self._count = len(ids)
        self._skeletons: dict[int, list[Placeholder]] = {}
        self._slides: dict[int, _SlideTree] = {}
        self._notes_skeleton: list[Any] | None = None
        self._notes_body = 0
        self._slide_tree = CT_Slide.new()
        self._notes_tree: Any = None
        self._notes_trees: dict[int, tuple[Any, tuple[int, ...]]] = {}
        self._notes_body_path: tuple[int, ...] = ()
        # Finished slide and notes parts, serialised and compressed (see ``seal``):
        # id -> (part, content).
        self.sealed: dict[int, tuple[Any, Deflated]] = {}

    def _skeleton(self, layout: SlideLayout) -> list[Placeholder]:
        """The placeholders a new slide gets from ``layout`` (as python-pptx would clone)."""
        key = id(layout.part)
        if key not in self._skeletons:
            shapes = []
            for sp in slide_placeholders(layout.shapes._spTree):
                kind = placeholder_kind(sp)
                if kind is None or kind[0] in ("dt", "ftr", "sldNum"):
                    continue
                name = sp.nvSpPr.cNvPr.get("name", "Placeholder")
                skeleton = CT_Shape.new_placeholder_sp(
                    0, name, sp.ph_type, sp.ph_orient, sp.ph_sz, sp.ph_idx
                )
                ph_type, idx = placeholder_kind(skeleton)  # type: ignore[misc]
                shapes.append((ph_type, idx, skeleton))
            self._skeletons[key] = shapes
        return self._skeletons[key]

    def _tree(self, layout: SlideLayout) -> _SlideTree:
        """A new slide's whole tree for ``layout``: python-pptx's empty slide with copies of
        the skeletons appended (ids 2, 3 …), made once; each slide is a copy of it."""
        key = id(layout.part)
        found = self._slides.get(key)
        if found is None:
            tree = self._slide_tree.__copy__()
            spTree = tree.cSld.spTree
            placeholders = []
            for number, (ph_type, idx, skeleton) in enumerate(self._skeleton(layout), start=2):
                sp = skeleton.__copy__()
                sp[0][0].set("id", str(number))  # p:nvSpPr/p:cNvPr, as the skeleton is made
                spTree.append(sp)
                txBody = sp.find(_TX_BODY)
                body = None if txBody is None else sp.index(txBody)
                placeholders.append((ph_type, idx, len(spTree) - 1, body, Ids.of(sp)))
            found = self._slides[key] = _SlideTree(layout, tree, _path(tree, spTree),
                                                   placeholders, Ids.of(tree, document=True))
        return found

    def add(self, layout: SlideLayout) -> tuple[Slide, int]:
        """A new slide on ``layout`` with its placeholders; returns it and its slide id."""
        new = self.add_slide(layout)
        return new.slide, new.slide_id

    def add_slide(self, layout: SlideLayout) -> NewSlide:
        """As ``add``, also returning the slide's shape tree and placeholders in tree order."""
        from pptx.parts.slide import SlidePart

        part = self._prs.part
        self._count += 1
        found = self._tree(layout)
        tree = found.tree.__copy__()
        slide_part = SlidePart(
            PackURI(f"/ppt/slides/slide{self._count}.xml"), CT.PML_SLIDE, part.package, tree
        )
        # As SlidePart.new: relate_to, which for a new part (no relationships yet to reuse)
        # is adding one.
        slide_part._rels._add_relationship(RT.SLIDE_LAYOUT, layout.part)
        rId = part.rels._add_relationship(RT.SLIDE, slide_part)
        spTree = _follow(tree, found.spTree_path)
        prototype = _follow(found.tree, found.spTree_path)
        placeholders = []
        bodies = []
        for ph_type, idx, index, body, ids in found.placeholders:
            sp = spTree[index]
            placeholders.append((ph_type, idx, sp))
            bodies.append(KitShape(sp, None if body is None else sp[body],
                                   None if body is None else prototype[index][body], ids))
        entry = OxmlElement("p:sldId")
        slide_id = self._next_id
        entry.set("id", str(slide_id))
        entry.set(qn("r:id"), rId)
        self._prs.slides._sldIdLst.append(entry)
        self._next_id += 1
        return NewSlide(slide_part.slide, slide_id, spTree, placeholders, bodies,
                        found.ids.copy())

    def notes_body(self, slide: Slide) -> Any:
        """Give ``slide`` a notes page; return the notes body placeholder (``p:sp``).

        The first is made by python-pptx; the rest copy its placeholders, skipping the
        per-slide walk over the notes master's shapes.
        """
        from pptx.oxml.slide import CT_NotesSlide

        if self._notes_skeleton is None:
            spTree = slide.notes_slide.shapes._spTree
            found = slide_placeholders(spTree)
            self._notes_skeleton = [copy.deepcopy(sp) for sp in found]
            self._notes_body = next(index for index, sp in enumerate(found)
                                    if placeholder_kind(sp)[0] == "body")  # type: ignore[index]
            tree = self._notes_tree = CT_NotesSlide.new()
            spTree = tree.cSld.spTree
            for sp in self._notes_skeleton:
                spTree.append(sp.__copy__())
            # The new tree has no placeholders of its own: the copies are all of them.
            body = spTree[len(spTree) - len(found) + self._notes_body]
            self._notes_body_path = _path(tree, text_body(body))
            return found[self._notes_body]
        part = self._new_notes_part(slide, self._notes_tree.__copy__())
        return _follow(part._element, self._notes_body_path).getparent()

    def _new_notes_part(self, slide: Slide, tree: Any) -> Any:
        """A notes part holding ``tree``, related as python-pptx relates a new one."""
        from pptx.parts.slide import NotesSlidePart

        package = self._prs.part.package
        part = NotesSlidePart(
            package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
            CT.PML_NOTES_SLIDE, package, tree,
        )
        # relate_to each way: new relationships (the new part has none; the slide part none
        # of this type), so added directly.
        part._rels._add_relationship(RT.NOTES_MASTER, self._prs.part.notes_master_part)
        part._rels._add_relationship(RT.SLIDE, slide.part)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        return part

    def add_notes(self, slide: Slide, lines: Sequence[str], writer: TextWriter) -> Any:
        """A notes page for ``slide`` whose body holds ``lines`` (``writer.write_plain``).

        After the first, each notes page is one copy of a prototype per number of lines:
        the notes tree with its placeholders and that many paragraphs, texts filled in.
        Returns the notes part.
        """
        if self._notes_skeleton is None:
            writer.write_plain(text_body(self.notes_body(slide)), lines)
            return slide.part.part_related_by(RT.NOTES_SLIDE)
        entry = self._notes_trees.get(len(lines))
        if entry is None:
            tree = self._notes_tree.__copy__()
            writer.write_plain(_follow(tree, self._notes_body_path), [""] * len(lines),
                               text=False)
            entry = self._notes_trees[len(lines)] = (tree, self._notes_body_path)
        tree = entry[0].__copy__()
        for t, line in zip(_follow(tree, entry[1]).iter(_AT), lines, strict=True):
            t.text = line
        return self._new_notes_part(slide, tree)

    def seal(self, slide: Slide, notes: Any = None) -> None:
        """Serialise a finished slide and its notes page now, and free their shape trees.

        A deck of thousands of slides would otherwise hold every slide's tree until it is
        saved (about 150 kB each: 0.5 GB at 3,200 slides). The bytes are exactly what
        python-pptx would write for the part (``XmlPart.blob``), compressed as the zip
        will hold them (a fifth of the size); ``save_normalised`` uses them. The parts
        must not be changed afterwards, and the presentation must be saved with
        ``save_normalised(prs, when, adder.sealed)``, not ``prs.save``.
        """
        parts: list[Any] = [slide.part]
        if notes is not None:  # its notes part, if the caller has it at hand
            parts.append(notes)
        else:
            with suppress(KeyError):
                parts.append(slide.part.part_related_by(RT.NOTES_SLIDE))
        for part in parts:
            root = part._element
            self.sealed[id(part)] = (part, Deflated.of(serialize_part_xml(root)))
            for tree in list(root.iter(_SP_TREE)):
                tree.clear()


class NewSlide(NamedTuple):
    slide: Slide
    slide_id: int
    spTree: Any
    placeholders: list[Placeholder]
    # Each placeholder (in order) with its text body and the one it is a copy of, if it
    # has one, and the ids it holds.
    bodies: list[KitShape]
    ids: Ids  # of the whole new slide document


class _SlideTree(NamedTuple):
    layout: SlideLayout  # kept, so that id(layout.part) (the cache key) stays unique
    tree: Any
    spTree_path: tuple[int, ...]
    # type, idx, index in the shape tree, index of the text body in the p:sp (or None),
    # the ids in the p:sp
    placeholders: list[tuple[str, int, int, int | None, Ids]]
    ids: Ids  # of the whole tree


@contextmanager
def fast_parts(prs: Presentation) -> Iterator[SlideAdder]:
    """Cache part names and image parts on this one package while a deck is built.

    The cache is valid because nothing is removed from the package inside the block.
    """
    package = prs.part.package
    used: dict[str, set[str]] = {}
    counters: dict[str, int] = {}
    images: dict[str, Any] = {}
    original_image_part = package.get_or_add_image_part

    def next_partname(template: str) -> PackURI:
        if template not in used:
            prefix = template[: (template % 42).find("42")]
            used[template] = {str(p.partname) for p in package.iter_parts()
                              if str(p.partname).startswith(prefix)}
            counters[template] = 1
        number = counters[template]
        while template % number in used[template]:
            number += 1
        name = template % number
        used[template].add(name)
        counters[template] = number + 1
        return PackURI(name)

    def get_or_add_image_part(image_file: Any) -> Any:
        if isinstance(image_file, str):
            with open(image_file, "rb") as stream:
                blob = stream.read()
        else:
            image_file.seek(0)
            blob = image_file.read()
        key = hashlib.sha1(blob).hexdigest()
        if key not in images:
            images[key] = original_image_part(io.BytesIO(blob))
        return images[key]

    # Instance attributes shadow the class's methods on this one package, for this block.
    setattr(package, "next_partname", next_partname)  # noqa: B010
    setattr(package, "get_or_add_image_part", get_or_add_image_part)  # noqa: B010
    try:
        yield SlideAdder(prs)
    finally:
        delattr(package, "next_partname")
        delattr(package, "get_or_add_image_part")


# --- charts --------------------------------------------------------------------------------


def chart_text(chart: Any, script: Script, size_pt: float, colour: str) -> None:
    """Default text of a chart: size, colour, latin and east-asian font, language."""
    chart.font.size = Pt(size_pt)
    chart.font.color.rgb = _rgb(colour)
    txPr = chart._chartSpace.find(qn("c:txPr"))
    for defRPr in txPr.iter(qn("a:defRPr")):
        set_run_script(defRPr, script)
    for run in chart._chartSpace.iter(qn("a:r")):
        set_run_script(run.get_or_add_rPr(), script)


def _rgb(hex_rgb: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_rgb)


# --- package -------------------------------------------------------------------------------


def normalise_package(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite a saved PPTX so identical input gives identical bytes.

    Embedded workbooks (chart data) are rewritten recursively, and their core properties,
    which XlsxWriter stamps with the wall-clock time, get ``when``.
    """
    return rewrite_zip(data, when, _normalise_member(when))


def save_normalised(prs: Presentation, when: dt.datetime,
                    sealed: dict[int, tuple[Any, Deflated]] | None = None) -> bytes:
    """``normalise_package`` of what ``prs.save`` writes, without the zip in between.

    python-pptx's own ``PackageWriter`` serialises the parts (content types, package and
    part relationships, every part's blob); only its zip writer is replaced by a dict, so
    each member is compressed once, in the final order, instead of twice. Parts in
    ``sealed`` (``SlideAdder.seal``) are written as they were serialised then.
    """
    done = sealed or {}
    from pptx.opc.serialized import PackageWriter

    members: dict[str, bytes | Deflated] = {}

    class _Members:
        def write(self, pack_uri: PackURI, blob: bytes | Deflated) -> None:
            members[pack_uri.membername] = blob

    class _Writer(PackageWriter):
        def _write(self) -> None:
            sink: Any = _Members()
            self._write_content_types_stream(sink)
            self._write_pkg_rels(sink)
            self._write_parts(sink)

        def _write_content_types_stream(self, phys_writer: Any) -> None:
            phys_writer.write(CONTENT_TYPES_URI, content_types_xml(self._parts))

        def _write_parts(self, phys_writer: Any) -> None:
            # As PackageWriter._write_parts, with the relationships serialised by lxml.
            for part in self._parts:
                entry = done.get(id(part))
                blob = entry[1] if entry is not None and entry[0] is part else part.blob
                partname = part.partname
                phys_writer.write(partname, blob)
                if part._rels:
                    rels = part._rels
                    phys_writer.write(partname.rels_uri, relationships_xml(rels, rels._base_uri))

    package = prs.part.package
    _Writer.write(io.BytesIO(), package._rels, tuple(package.iter_parts()))
    return write_zip(members, when, _normalise_member(when))


_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_RELATIONSHIPS = f"{{{_PR}}}Relationships"
_RELATIONSHIP = f"{{{_PR}}}Relationship"


def relationships_xml(rels: Any, base_uri: str | None = None) -> bytes:
    """The bytes of python-pptx's ``_Relationships.xml``, built with plain lxml.

    python-pptx parses a template and runs its attribute setters for every relationship
    (two .rels files per slide); this writes the same elements (``Id``, ``Type``,
    ``Target`` and, for external targets only, ``TargetMode``) in the same numeric order,
    from a prototype per list of ids and types, with the targets filled in. With
    ``base_uri`` (the folder of the part the relationships belong to) internal targets are
    made relative by ``relative_ref``.
    """
    ordered = sorted(
        (int(rId[3:]) if rId.startswith("rId") and rId[3:].isdigit() else 0, rId)
        for rId in rels
    )
    found = [rels[rId] for _, rId in ordered]
    shape = tuple((rel.rId, rel.reltype, rel.is_external) for rel in found)
    prototype = _RELS_PROTOTYPES.get(shape)
    if prototype is None:
        prototype = _RELS_PROTOTYPES[shape] = etree.Element(_RELATIONSHIPS, nsmap={None: _PR})
        for rId, reltype, is_external in shape:
            element = etree.SubElement(prototype, _RELATIONSHIP)
            element.set("Id", rId)
            element.set("Type", reltype)
            element.set("Target", "")
            if is_external:
                element.set("TargetMode", RTM.EXTERNAL)
    root = prototype.__copy__()
    for element, rel in zip(root, found, strict=True):
        if rel.is_external or base_uri is None:
            element.set("Target", rel.target_ref)
        else:
            element.set("Target", relative_ref(rel.target_partname, base_uri))
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

_CT = "http://schemas.openxmlformats.org/package/2006/content-types"


def content_types_xml(parts: Sequence[Any]) -> bytes:
    """The bytes python-pptx writes as ``[Content_Types].xml`` for ``parts``, built with
    plain lxml: python-pptx's own defaults and overrides, in its order, without its
    per-entry element classes and setters (one ``Override`` per slide and notes page)."""
    from pptx.opc.serialized import _ContentTypesItem

    defaults, overrides = _ContentTypesItem(parts)._defaults_and_overrides
    root = etree.Element(f"{{{_CT}}}Types", nsmap={None: _CT})
    for ext, content_type in sorted(defaults.items()):
        element = etree.SubElement(root, f"{{{_CT}}}Default")
        element.set("Extension", ext)
        element.set("ContentType", content_type)
    for partname, content_type in sorted(overrides.items()):
        element = etree.SubElement(root, f"{{{_CT}}}Override")
        element.set("PartName", partname)
        element.set("ContentType", content_type)
    return serialize_part_xml(root)


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
        return content

    return member
