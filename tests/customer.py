"""A customer's template made in-test: a bank's green-and-gold colour scheme, 4:3, wider
margins, and its logo (a picture) on the slide master.

Made with the house generator (``assets/make_template.py``) from other colours, so its
theme's colour scheme is the customer's (accent 1 green, accent 2 gold …), and its
layouts' own bands are drawn in them as a department's template would be; the logo is
placed on the master as PowerPoint places a picture (``p:pic`` with an image part).
"""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.util import Emu

from build_tools.backends import ooxml
from build_tools.theme import load_theme
from tests.conftest import ROOT

# The customer's scheme: accent 1 is the bank's green, accent 2 its gold.
ACCENTS = ("00704A", "D4A017", "5B9AA0", "8E5BA8", "7F8C8D", "C0392B")
TEXT, BACKGROUND = "1B2631", "FFFFFF"
LOGO_COLOUR = (230, 0, 126)  # magenta: no colour of the scheme or of the house theme
LOGO_RECT_IN = (8.55, 0.2, 1.1, 0.55)  # x, y, w, h on the 10 x 7.5 in master (top right)
LOGO_NAME = "Bank logo"
BAND_COLOUR = (0, 96, 100)  # the closing layout's background picture: a teal with a gold band
BAND_LAYOUT = "Closing"

_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_template",
                                                  ROOT / "assets" / "make_template.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_template"] = module
    spec.loader.exec_module(module)
    return module


def logo_png() -> bytes:
    """A flat magenta logo with a white bar: easy to find in a rendered page."""
    image = Image.new("RGB", (220, 110), LOGO_COLOUR)
    ImageDraw.Draw(image).rectangle((30, 45, 190, 65), fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def band_png() -> bytes:
    """A teal picture with a gold band across its lower third: a layout's background."""
    image = Image.new("RGB", (400, 300), BAND_COLOUR)
    ImageDraw.Draw(image).rectangle((0, 200, 400, 215), fill=(212, 160, 23))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def make_customer_template(target: Path, logo: bool = True) -> Path:
    """The template at ``target``: the bank's scheme on the house generator's layouts,
    its logo on the master and a picture as the closing layout's background."""
    theme = load_theme()
    colours = theme.colours.model_copy(update={
        "primary": ACCENTS[0], "accent": ACCENTS[1], "secondary": "3D9970",
        "light": "E6F2EC", "text": TEXT, "background": BACKGROUND, "muted": "5D6D7E",
        "series": list(ACCENTS)})
    deck = theme.deck.model_copy(update={"width_in": 10.0, "height_in": 7.5, "margin_in": 0.5})
    data = _generator().build(theme.model_copy(update={"colours": colours, "deck": deck,
                                                       "name": "Bank Green"}))
    if logo:
        data = _with_logo(data)
    target.write_bytes(data)
    return target


def _with_logo(data: bytes) -> bytes:
    """The logo as a picture (in a group) on the slide master (every layout that shows the
    master's shapes shows it), and a picture background on the closing layout."""
    prs = Presentation(io.BytesIO(data))
    master = prs.slide_master
    closing = next(layout for layout in master.slide_layouts if layout.name == BAND_LAYOUT)
    _, band = closing.part.get_or_add_image_part(io.BytesIO(band_png()))
    c_sld = ooxml.element_of(closing).find(f"{{{_P}}}cSld")
    old = c_sld.find(f"{{{_P}}}bg")
    if old is not None:
        c_sld.remove(old)
    bg_pr = etree.SubElement(etree.Element(f"{{{_P}}}bg"), f"{{{_P}}}bgPr")
    blip_fill = etree.SubElement(bg_pr, f"{{{_A}}}blipFill")
    etree.SubElement(blip_fill, f"{{{_A}}}blip").set(f"{{{_R}}}embed", band)
    etree.SubElement(etree.SubElement(blip_fill, f"{{{_A}}}stretch"), f"{{{_A}}}fillRect")
    etree.SubElement(bg_pr, f"{{{_A}}}effectLst")
    c_sld.insert(0, bg_pr.getparent())
    _, rid = master.part.get_or_add_image_part(io.BytesIO(logo_png()))
    tree = ooxml.element_of(master).find(f"{{{_P}}}cSld/{{{_P}}}spTree")
    ids = [int(e.get("id")) for e in tree.iter(f"{{{_P}}}cNvPr")]
    x, y, w, h = (Emu(round(v * 914400)) for v in LOGO_RECT_IN)
    # In a group, as a logo and its wordmark often are: the group draws its children's
    # box (twice the logo's size here) at the logo's place, half size.
    group = etree.SubElement(tree, f"{{{_P}}}grpSp")
    nv_group = etree.SubElement(group, f"{{{_P}}}nvGrpSpPr")
    etree.SubElement(nv_group, f"{{{_P}}}cNvPr", id=str(max(ids, default=1) + 1),
                     name="Logo group")
    etree.SubElement(nv_group, f"{{{_P}}}cNvGrpSpPr")
    etree.SubElement(nv_group, f"{{{_P}}}nvPr")
    group_xfrm = etree.SubElement(etree.SubElement(group, f"{{{_P}}}grpSpPr"), f"{{{_A}}}xfrm")
    etree.SubElement(group_xfrm, f"{{{_A}}}off", x=str(x), y=str(y))
    etree.SubElement(group_xfrm, f"{{{_A}}}ext", cx=str(w), cy=str(h))
    etree.SubElement(group_xfrm, f"{{{_A}}}chOff", x="0", y="0")
    etree.SubElement(group_xfrm, f"{{{_A}}}chExt", cx=str(2 * w), cy=str(2 * h))
    x, y, w, h = Emu(0), Emu(0), Emu(2 * w), Emu(2 * h)  # the logo in the group's box
    pic = etree.SubElement(group, f"{{{_P}}}pic")
    nv = etree.SubElement(pic, f"{{{_P}}}nvPicPr")
    etree.SubElement(nv, f"{{{_P}}}cNvPr", id=str(max(ids, default=1) + 2), name=LOGO_NAME,
                     descr="Bank")
    etree.SubElement(etree.SubElement(nv, f"{{{_P}}}cNvPicPr"), f"{{{_A}}}picLocks",
                     noChangeAspect="1")
    etree.SubElement(nv, f"{{{_P}}}nvPr")
    fill = etree.SubElement(pic, f"{{{_P}}}blipFill")
    etree.SubElement(fill, f"{{{_A}}}blip").set(f"{{{_R}}}embed", rid)
    etree.SubElement(etree.SubElement(fill, f"{{{_A}}}stretch"), f"{{{_A}}}fillRect")
    sp_pr = etree.SubElement(pic, f"{{{_P}}}spPr")
    xfrm = etree.SubElement(sp_pr, f"{{{_A}}}xfrm")
    etree.SubElement(xfrm, f"{{{_A}}}off", x=str(x), y=str(y))
    etree.SubElement(xfrm, f"{{{_A}}}ext", cx=str(w), cy=str(h))
    etree.SubElement(etree.SubElement(sp_pr, f"{{{_A}}}prstGeom", prst="rect"),
                     f"{{{_A}}}avLst")
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
