"""What an edition changes in the template: its prompts' language, its theme's fonts and name.

The house template is made once, in Simplified Chinese (``assets/make_template.py``); an
edition in another language or script must not show a Chinese prompt in an empty
placeholder, name YaHei in the theme's font scheme, or carry a Chinese theme name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lxml import etree

from build_tools.backends.ooxml import internals
from build_tools.backends.ooxml.internals import RT
from build_tools.backends.ooxml.schema import element, qn

if TYPE_CHECKING:
    from pptx.presentation import Presentation


def reword_prompts(prs: Presentation, replacements: dict[str, str]) -> None:
    """The master's and the layouts' placeholder prompts in the edition's language.

    Only a prompt that is exactly a known one is replaced, so a customer's own prompts
    stay; runs are edited in place, so their properties (their look) are kept.
    """
    if not replacements:
        return
    for master in prs.slide_masters:
        for owner in (master, *master.slide_layouts):
            for shape in owner.placeholders:
                for t in internals.element_of(shape).iter(qn("a:t")):
                    if t.text in replacements:
                        t.text = replacements[t.text]


def restyle_theme(prs: Presentation, latin: str, east_asian: str, name: str) -> None:
    """The slides' and the notes' theme parts: the edition's fonts and the theme's name."""

    def edit(theme: Any) -> None:
        theme.set("name", name)
        colours = theme.find(".//" + qn("a:clrScheme"))
        if colours is not None:
            colours.set("name", name)
        if theme.find(".//" + qn("a:fontScheme")) is not None:
            set_theme_fonts(theme, latin, east_asian, name)

    for owner in (prs.slide_masters[0], prs.notes_master):
        edit_related_xml(owner, RT.THEME, edit)


def edit_related_xml(owner: Any, reltype: str, edit: Callable[[Any], None]) -> None:
    """Edit, in place, an XML part related to ``owner``'s part (a theme, shared by several
    owners; the template script uses it too). python-pptx keeps parts it has no class for
    (themes) as bytes: parse, edit, write back."""
    target = internals.related_part(internals.part_of(owner), reltype)
    if internals.is_xml_part(target):
        edit(internals.part_element(target))
        return
    root = etree.fromstring(internals.blob(target))
    edit(root)
    internals.set_blob(target, etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                              standalone=True))


def set_theme_fonts(theme: Any, latin: str, east_asian: str, name: str) -> None:
    """Major and minor fonts of a theme part: ``latin``, ``ea`` and the ``Hans`` script
    entry (the house template's script uses it too, assets/template_xml.py)."""
    scheme = theme.find(".//" + qn("a:fontScheme"))
    scheme.set("name", name)
    for tag in ("a:majorFont", "a:minorFont"):
        font = scheme.find(qn(tag))
        if font is None:
            continue
        font.find(qn("a:latin")).set("typeface", latin)
        font.find(qn("a:ea")).set("typeface", east_asian)
        hans = [f for f in font.findall(qn("a:font")) if f.get("script") == "Hans"]
        if hans:
            hans[0].set("typeface", east_asian)
        else:
            font.find(qn("a:cs")).addnext(
                element("a:font", script="Hans", typeface=east_asian))
