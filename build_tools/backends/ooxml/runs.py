"""Runs: the east-asian font slot and the language on every run.

python-pptx sets ``a:latin`` only, so renderers pick arbitrary or Japanese fallbacks for
Chinese (field notes); ``a:ea`` must come right after ``a:latin`` and ``lang`` must be set
on every run, field and paragraph end, notes included.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree

from build_tools.backends.ooxml.schema import A, qn, successors


@dataclass(frozen=True)
class Script:
    """The fonts and language every run gets: one value, made from the theme."""

    latin: str
    east_asian: str
    lang: str
    alt_lang: str = "en-US"


_LATIN = qn("a:latin")
_EA = qn("a:ea")
_RPR = qn("a:rPr")
# What comes after a:latin and a:ea in run properties (a:cs, a:sym, … a:extLst).
_RPR_AFTER_EA = successors("a:rPr", "a:ea")


def set_run_script(rPr: Any, script: Script) -> None:
    """Set ``a:latin`` and ``a:ea`` (right after it) and ``lang``/``altLang`` on run properties.

    Works for ``a:rPr``, ``a:endParaRPr`` and ``a:defRPr``: all are the same schema type.
    Plain lxml (no xpath, no ``schema.insert``): this runs for every run of every slide.
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


_XPATH_NS = {"a": A}
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
