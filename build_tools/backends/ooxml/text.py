"""Paragraphs and text bodies: every property explicit, so sizes decided at build time hold.

Bullets, spacing and margins are written on each paragraph (no inherited list style leaks
in from a customer's template) and autofit is off (field notes: renderers apply
``normAutofit`` differently). Paragraphs are built with plain lxml because python-pptx's
setters rescan the tree per property; ``TextWriter`` writes the same XML from per-build
prototypes, for thousands of slides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from lxml import etree

from build_tools.backends.ooxml import internals
from build_tools.backends.ooxml.ids import SUBTREE_IDS
from build_tools.backends.ooxml.runs import Script, set_run_script
from build_tools.backends.ooxml.schema import A, insert, members, qn

EMU_PER_PT = 12700


@dataclass(frozen=True)
class Bullet:
    char: str
    colour: str  # hex RGB
    size_pct: int = 100


# Named tuples, not dataclasses: the deck makes one per run and paragraph it writes, and a
# frozen dataclass costs several times more to create.
class RunSpec(NamedTuple):
    text: str
    size_pt: float
    bold: bool | None = None  # None: inherit
    colour: str | None = None  # hex RGB; None: inherit
    italic: bool | None = None  # None: inherit
    typeface: str | None = None  # Latin typeface instead of the script's (code: monospace)
    href: str | None = None  # an external hyperlink; made a relationship by link_hyperlinks


class PlainRun(NamedTuple):
    """A run of text that inherits size, colour and font from its placeholder (speaker
    notes: the notes master styles them), styled only where the author marked it up."""

    text: str
    bold: bool = False
    italic: bool = False
    typeface: str | None = None  # Latin typeface instead of the script's (code: monospace)
    href: str | None = None  # an external hyperlink; made a relationship by link_hyperlinks


PlainLine = str | Sequence[PlainRun]  # a paragraph: its text, or its runs


def plain_runs(line: PlainLine) -> Sequence[PlainRun]:
    """A paragraph's runs (a string is one unstyled run)."""
    return (PlainRun(line),) if isinstance(line, str) else line


def plain_shape(line: PlainLine) -> tuple[object, ...]:
    """Everything but the text that a plain paragraph of ``line`` is made of."""
    if isinstance(line, str):
        return (_PLAIN_RUN,)
    return tuple((run.bold, run.italic, run.typeface, run.href) for run in line)


_PLAIN_RUN = (False, False, None, None)


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
    element = etree.SubElement(parent, f"{{{A}}}{tag}")
    for key, value in attrs.items():
        element.set(key, value)
    return element


_AP = qn("a:p")
_AR = qn("a:r")
_AT = qn("a:t")


def _paragraph(parent: Any, spec: ParagraphSpec, script: Script, text: bool = True) -> Any:
    """One ``a:p`` under ``parent`` (or a free-standing one); ``text=False`` leaves the
    ``a:t`` elements empty, for a prototype."""
    p = _sub(parent, "p") if parent is not None else etree.Element(_AP, nsmap={"a": A})
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
        if run.italic is not None:
            rPr.set("i", "1" if run.italic else "0")
        if run.href is not None:
            rPr.set("u", "sng")  # as PowerPoint underlines a hyperlink it makes
        if run.colour is not None:
            _sub(_sub(rPr, "solidFill"), "srgbClr", val=run.colour.upper())
        set_run_script(rPr, script)
        if run.typeface is not None:
            rPr.find(qn("a:latin")).set("typeface", run.typeface)
        if run.href is not None:
            # The URL stands in the r:id until link_hyperlinks relates it to the slide.
            _sub(rPr, "hlinkClick").set(_R_ID, run.href)
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
             None if run.colour is None else run.colour.upper(),
             run.italic, run.typeface, run.href)
            for run in spec.runs
        ),
        str(round(spec.size_pt * 100)),
    )


_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def link_hyperlinks(slide: Any) -> None:
    """Turn the URLs ``_paragraph`` left in ``a:hlinkClick/@r:id`` into external hyperlink
    relationships of the slide, as PowerPoint writes them: a link opens in the browser
    from the slide show and from edit view."""
    link_part_hyperlinks(internals.part_of(slide))


def link_part_hyperlinks(part: Any) -> None:
    """``link_hyperlinks`` for any XML part (a slide's, or its notes page's)."""
    for link in internals.part_element(part).iter(_HLINK_CLICK):
        target = link.get(_R_ID)
        if target and not target.startswith("rId"):
            link.set(_R_ID, internals.relate_external(part, target, internals.RT.HYPERLINK))


_HLINK_CLICK = qn("a:hlinkClick")


def write_paragraphs(txBody: Any, paragraphs: Sequence[ParagraphSpec], script: Script) -> None:
    """Replace a text body's paragraphs; every property explicit, fonts and lang set.

    Built with plain lxml because python-pptx's setters rescan the tree per property
    (the deck writes thousands of paragraphs). ``TextWriter`` writes the same XML faster.
    """
    for p in txBody.findall(_AP):
        txBody.remove(p)
    for spec in paragraphs:
        _paragraph(txBody, spec, script)


def write_plain_paragraphs(txBody: Any, lines: Sequence[PlainLine], script: Script) -> None:
    """Paragraphs that inherit every style (speaker notes): text, fonts and lang, and bold,
    italic, a code typeface or a link where a run asks for it."""
    for p in txBody.findall(_AP):
        txBody.remove(p)
    for line in lines:
        runs = plain_runs(line)
        p = _plain_paragraph(txBody, script, runs)
        for t, run in zip(p.iter(_AT), runs, strict=True):
            t.text = run.text


def _plain_paragraph(parent: Any, script: Script, runs: Sequence[PlainRun]) -> Any:
    p = _sub(parent, "p") if parent is not None else etree.Element(_AP, nsmap={"a": A})
    for run in runs:
        r = _sub(p, "r")
        rPr = _sub(r, "rPr")
        if run.bold:
            rPr.set("b", "1")
        if run.italic:
            rPr.set("i", "1")
        set_run_script(rPr, script)
        if run.typeface is not None:
            rPr.find(qn("a:latin")).set("typeface", run.typeface)
        if run.href is not None:
            # The URL stands in the r:id until link_part_hyperlinks relates it to the part.
            _sub(rPr, "hlinkClick").set(_R_ID, run.href)
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
        self._plain: dict[tuple[object, ...], Any] = {}
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
            if SUBTREE_IDS(base) or SUBTREE_IDS(prototype):
                self.moved_ids = True
        body = entry[1].__copy__()
        texts = [run.text for spec in paragraphs for run in spec.runs]
        for t, text in zip(body.iter(_AT), texts, strict=True):
            t.text = text
        txBody.getparent().replace(txBody, body)
        return body

    def write_plain(self, txBody: Any, lines: Sequence[PlainLine], text: bool = True) -> None:
        """As ``write_plain_paragraphs`` (``text=False``: the ``a:t`` elements left empty)."""
        for p in txBody.findall(_AP):
            txBody.remove(p)
        for line in lines:
            shape = plain_shape(line)
            prototype = self._plain.get(shape)
            if prototype is None:
                prototype = self._plain[shape] = _plain_paragraph(None, self.script,
                                                                  plain_runs(line))
            p = prototype.__copy__()
            if text:
                for t, run in zip(p.iter(_AT), plain_runs(line), strict=True):
                    t.text = run.text
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


_BODY_PR = qn("a:bodyPr")


Body = tuple[tuple[float, float, float, float] | None, str | None]  # insets (pt), anchor


def autofit_off(bodyPr: Any) -> None:
    """Replace any autofit setting with ``a:noAutofit``: sizes are decided at build time."""
    if not len(bodyPr):  # the common case: nothing to remove, nothing to insert before
        etree.SubElement(bodyPr, _NO_AUTOFIT)
        return
    for tag in _AUTOFIT:
        for child in bodyPr.findall(tag):
            bodyPr.remove(child)
    insert(bodyPr, etree.Element(_NO_AUTOFIT))


_AUTOFIT = members("a:bodyPr", "a:noAutofit")
_NO_AUTOFIT = qn("a:noAutofit")


def autofit_off_everywhere(element: Any) -> None:
    """Autofit off in every text body of a tree (masters and layouts of a template)."""
    for bodyPr in list(element.iter(_BODY_PR)):
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
