"""Templates for the deck: open one, find a layout per slide role, check the contract.

Layouts are found by name through ``deck-layouts.yaml`` (data, so a department can
add its template's names without code), like Pandoc picks layouts from its reference
deck. The contract check runs before any slide is built and reports every missing layout
and placeholder at once: a customer fixing a template should not iterate one error at a
time. A bad template is an *input* problem (InputError, exit 2): the user supplied a file
that cannot serve, as with a malformed outline; nothing about the course is wrong.
"""

from __future__ import annotations

import copy
import io
import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, Literal, cast

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.presentation import Presentation as PresentationObject
from pptx.slide import SlideLayout
from pptx.util import Emu
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from build_tools import inputs, resources
from build_tools.backends import ooxml
from build_tools.errors import InputError, Problem
from build_tools.limits import check_template
from build_tools.outline.model import KINDS
from build_tools.plan import GENERATED_KINDS

LAYOUT_MAP_FILE = "deck-layouts.yaml"
EMU_PER_PT = 12700

_KIND_TYPES = {
    "title": (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE),
    "subtitle": (PP_PLACEHOLDER.SUBTITLE,),
    "body": (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT),
    "footer": (PP_PLACEHOLDER.FOOTER,),
    "slide_number": (PP_PLACEHOLDER.SLIDE_NUMBER,),
}
_FURNITURE = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)
_CONTENT_TYPES = (
    PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.TABLE,
    PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.BITMAP, PP_PLACEHOLDER.ORG_CHART,
    PP_PLACEHOLDER.MEDIA_CLIP,
)


@dataclass(frozen=True)
class Rect:
    """A rectangle in EMU (python-pptx's unit); ``*_pt`` views for the measurer."""

    x: int
    y: int
    w: int
    h: int

    @classmethod
    def pt(cls, x: float, y: float, w: float, h: float) -> Rect:
        return cls(round(x * EMU_PER_PT), round(y * EMU_PER_PT), round(w * EMU_PER_PT),
                   round(h * EMU_PER_PT))

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def w_pt(self) -> float:
        return self.w / EMU_PER_PT

    @property
    def h_pt(self) -> float:
        return self.h / EMU_PER_PT

    def emu(self) -> tuple[Emu, Emu, Emu, Emu]:
        return Emu(self.x), Emu(self.y), Emu(self.w), Emu(self.h)

    def inset(self, left: float, top: float = 0, right: float | None = None,
              bottom: float | None = None) -> Rect:
        """Shrink by points on each side (CSS order is not used: left, top, right, bottom)."""
        right = left if right is None else right
        bottom = top if bottom is None else bottom
        return Rect.pt(self.x / EMU_PER_PT + left, self.y / EMU_PER_PT + top,
                       self.w_pt - left - right, self.h_pt - top - bottom)

    def top_part(self, height_pt: float) -> Rect:
        return Rect(self.x, self.y, self.w, round(height_pt * EMU_PER_PT))

    def below(self, height_pt: float, gap_pt: float = 0) -> Rect:
        """The rectangle under this one's bottom edge, same width."""
        return Rect(self.x, self.bottom + round(gap_pt * EMU_PER_PT), self.w,
                    round(height_pt * EMU_PER_PT))

    def rest_below(self, y: int, gap_pt: float = 0) -> Rect:
        """What is left of this rectangle under ``y`` plus a gap."""
        top = y + round(gap_pt * EMU_PER_PT)
        return Rect(self.x, top, self.w, max(0, self.bottom - top))

    def columns(self, count: int, gap_pt: float) -> list[Rect]:
        gap = round(gap_pt * EMU_PER_PT)
        width = (self.w - gap * (count - 1)) // count
        return [Rect(self.x + i * (width + gap), self.y, width, self.h) for i in range(count)]

    def union(self, other: Rect) -> Rect:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)


@dataclass(frozen=True)
class Role:
    names: tuple[str, ...]
    requires: tuple[str, ...]


@dataclass(frozen=True)
class LayoutMap:
    """The role -> layout-name mapping and the placeholder slots, from the data file."""

    roles: dict[str, Role]
    content_idx: int
    secondary_idx: int
    lead_idx: int

    @classmethod
    def load(cls, path: Path | None = None, project: Path | None = None) -> LayoutMap:
        """The project's ``assets/deck-layouts.yaml`` if it has one, else the package's.

        A bad file (a role without names, an unknown placeholder kind, a role left out) is
        an input error located in it, never a traceback."""
        from build_tools.outline.messages import problems_from
        from build_tools.outline.source import read_source

        path = path or resources.asset(LAYOUT_MAP_FILE, project)
        source = read_source(path)
        try:
            data = _LayoutFile.model_validate(source.data)
        except ValidationError as error:
            raise InputError(problems_from(error, source)) from None
        missing = [role for role in ROLES if role not in data.roles]
        if missing:
            line, column = source.locate(("roles",))
            raise InputError([Problem("roles", (
                f"expected a layout for every slide role; {', '.join(missing)} "
                f"{'is' if len(missing) == 1 else 'are'} missing"), path, line, column)])
        roles = {name: Role(tuple(spec.names), tuple(spec.requires))
                 for name, spec in data.roles.items()}
        slots = data.slots
        return cls(roles, slots.content, slots.secondary, slots.lead)


# Every role a deck plan gives a slide (generated slides and the outline's kinds).
ROLES = (*GENERATED_KINDS, *KINDS)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _RoleFile(_Strict):
    names: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)
    requires: list[Literal["title", "subtitle", "body", "footer", "slide_number"]] = []


class _SlotsFile(_Strict):
    content: int
    secondary: int
    lead: int


class _LayoutFile(_Strict):
    """``deck-layouts.yaml`` as it must be written."""

    roles: dict[str, _RoleFile]
    slots: _SlotsFile


def _normalise(name: str) -> str:
    return "".join(name.split()).casefold()


def rect_of(shape: Any) -> Rect:
    return Rect(int(shape.left or 0), int(shape.top or 0), int(shape.width or 0),
                int(shape.height or 0))


def _placeholders(layout: SlideLayout) -> list[Any]:
    return list(cast(Any, layout.placeholders))


class _Placeholder:
    """A layout placeholder with its type, idx and rectangle read once: python-pptx answers
    each of them with an XPath query (and a master lookup for inherited positions)."""

    def __init__(self, placeholder: Any) -> None:
        self.placeholder = placeholder
        ph = placeholder.placeholder_format
        self.type = ph.type
        self.idx = ph.idx
        self._rect: Rect | None = None

    @property
    def rect(self) -> Rect:
        if self._rect is None:
            self._rect = rect_of(self.placeholder)
        return self._rect


class _Layouts:
    """Each layout's placeholders, read once however often the contract check asks."""

    def __init__(self) -> None:
        self._found: dict[int, tuple[SlideLayout, list[_Placeholder]]] = {}

    def __call__(self, layout: SlideLayout) -> list[_Placeholder]:
        key = id(ooxml.element_of(layout))
        if key not in self._found:
            self._found[key] = (layout, [_Placeholder(p) for p in _placeholders(layout)])
        return self._found[key][1]


@dataclass(frozen=True)
class ChosenLayout:
    """A layout picked for a role, with what the deck needs to know about it."""

    role: str
    layout: SlideLayout
    content: Rect  # where the deck draws a slide's content
    rects: dict[int, Rect]  # the layout's placeholders by idx (slides inherit these)
    furniture: tuple[tuple[PP_PLACEHOLDER, int, object], ...]  # footer, number: type, idx, sp

    def has(self, idx: int) -> bool:
        return idx in self.rects


@dataclass
class Template:
    prs: PresentationObject
    path: Path
    layouts: dict[str, ChosenLayout]
    map: LayoutMap

    @property
    def slide_rect(self) -> Rect:
        return Rect(0, 0, int(self.prs.slide_width or 0), int(self.prs.slide_height or 0))


def _kinds(placeholders: list[_Placeholder]) -> set[str]:
    found = set()
    for placeholder in placeholders:
        kind = placeholder.type
        for name, types in _KIND_TYPES.items():
            if kind in types:
                found.add(name)
    return found


def _content_rect(placeholders: list[_Placeholder], layout_map: LayoutMap, slide: Rect,
                  margin: int) -> Rect:
    """The content placeholders' union, else the band between the title and the footer."""
    skip = {layout_map.secondary_idx, layout_map.lead_idx}
    area: Rect | None = None
    for placeholder in placeholders:
        if placeholder.type in _CONTENT_TYPES and placeholder.idx not in skip:
            rect = placeholder.rect
            area = rect if area is None else area.union(rect)
    if area is not None:
        return area
    top, bottom = slide.y + margin, slide.bottom - margin
    left, right = slide.x + margin, slide.right - margin
    for placeholder in placeholders:
        kind = placeholder.type
        rect = placeholder.rect
        if kind in _KIND_TYPES["title"]:
            top = max(top, rect.bottom + margin // 3)
            left, right = min(rect.x, right), max(rect.right, left)
        elif kind in _FURNITURE and rect.y > slide.h // 2:
            bottom = min(bottom, rect.y - margin // 4)
    return Rect(left, top, right - left, max(0, bottom - top))


def open_template(path: Path, layout_map: LayoutMap, margin: int,
                  roles: Iterable[str] | None = None) -> Template:
    """Open a template and pick a layout per role; report every gap in one InputError."""
    check_template(path)  # sizes, zip-bomb ratios, content type, XML: before python-pptx
    try:
        prs = Presentation(io.BytesIO(inputs.read(path)))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, OSError) as error:
        raise InputError([Problem("", f"expected a PowerPoint template (.pptx); got {error}",
                                  file=path)]) from error
    by_name: dict[str, SlideLayout] = {}
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            by_name.setdefault(_normalise(layout.name), layout)
    available = ", ".join(repr(name) for name in
                          (layout.name for m in prs.slide_masters for layout in m.slide_layouts))
    slide = Rect(0, 0, int(prs.slide_width or 0), int(prs.slide_height or 0))
    problems: list[Problem] = []
    chosen: dict[str, ChosenLayout] = {}
    placeholders_of = _Layouts()
    for role in roles or layout_map.roles:
        spec = layout_map.roles[role]
        layout = next((by_name[_normalise(n)] for n in spec.names if _normalise(n) in by_name),
                      None)
        if layout is None:
            names = ", ".join(repr(name) for name in spec.names)
            problems.append(Problem("", (
                f"missing layout for {role} slides: expected a layout named one of {names}; "
                f"the template has {available or 'no layouts'}"), file=path))
            continue
        placeholders = placeholders_of(layout)
        missing = [kind for kind in spec.requires if kind not in _kinds(placeholders)]
        for kind in missing:
            problems.append(Problem("", (
                f"layout {layout.name!r} (for {role} slides) has no {kind.replace('_', ' ')} "
                f"placeholder"), file=path))
        if missing:
            continue
        rects = {p.idx: p.rect for p in placeholders}
        furniture = tuple(
            (p.type, p.idx, ooxml.element_of(p.placeholder))
            for p in placeholders
            if p.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
        )
        content = _content_rect(placeholders, layout_map, slide, margin)
        chosen[role] = ChosenLayout(role, layout, content, rects, furniture)
    if problems:
        raise InputError(problems)
    return Template(prs, path, chosen, layout_map)


# --- the template as plain data for the design layer ----------------------------------------

_P = f"{{{ooxml.schema.P}}}"  # Clark notation of the namespaces ooxml/schema.py spells once
_DML = f"{{{ooxml.schema.A}}}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PH_DEFAULT_TYPE = "obj"  # ECMA-376: a p:ph without @type is an object placeholder
_PICTURE_FORMATS = ("PNG", "JPEG", "GIF", "BMP")  # what the handout and browsers draw


def _pt(emu: int | str | None) -> float:
    return int(emu or 0) / EMU_PER_PT


def _faces(font: Any) -> tuple[str, str, dict[str, str]]:
    """A theme's ``a:majorFont``/``a:minorFont``: Latin, east-asian, faces by script."""
    if font is None:
        return "", "", {}
    latin, ea = font.find(f"{_DML}latin"), font.find(f"{_DML}ea")
    scripts = {f.get("script", ""): f.get("typeface", "") for f in font.iter(f"{_DML}font")}
    return ((latin.get("typeface", "") if latin is not None else ""),
            (ea.get("typeface", "") if ea is not None else ""), scripts)


def read_scheme(master: Any) -> Any:
    """The master's theme: colour scheme (hex RGB by slot), colour map, font scheme."""
    from build_tools.design.palette import DEFAULT_COLOUR_MAP, Scheme

    theme = etree.fromstring(ooxml.related_blob(master, ooxml.RT.THEME))
    colours: dict[str, str] = {}
    elements = theme.find(f"{_DML}themeElements")
    scheme = elements.find(f"{_DML}clrScheme") if elements is not None else None
    for entry in scheme if scheme is not None else ():
        value = entry.find(f"{_DML}srgbClr")
        system = entry.find(f"{_DML}sysClr")
        if value is not None:
            colours[etree.QName(entry).localname] = value.get("val", "000000").upper()
        elif system is not None:
            colours[etree.QName(entry).localname] = system.get("lastClr", "000000").upper()
    clr_map = ooxml.element_of(master).find(f"{_P}clrMap")
    colour_map = dict(DEFAULT_COLOUR_MAP)
    if clr_map is not None:
        colour_map.update({key: value for key, value in clr_map.attrib.items()
                           if key in colour_map})
    fonts = elements.find(f"{_DML}fontScheme") if elements is not None else None
    major = _faces(fonts.find(f"{_DML}majorFont") if fonts is not None else None)
    minor = _faces(fonts.find(f"{_DML}minorFont") if fonts is not None else None)
    return Scheme(colours, colour_map, major[0], major[1], minor[0], minor[1], major[2],
                  minor[2])


def _solid(holder: Any) -> Any:
    """An ``a:solidFill`` of the colour ``holder`` holds (a gradient stop, a style
    reference): read with the one colour reader."""
    solid = etree.Element(f"{_DML}solidFill")
    solid.extend(copy.deepcopy(child) for child in holder[:1])
    return solid


@dataclass(frozen=True)
class _Place:
    """Where a group puts its members: slide x = scale_x * x + dx (points), likewise y."""

    scale_x: float
    dx: float
    scale_y: float
    dy: float

    def then(self, inner: _Place) -> _Place:
        """This placement after ``inner`` (a nested group's)."""
        return _Place(self.scale_x * inner.scale_x, self.scale_x * inner.dx + self.dx,
                      self.scale_y * inner.scale_y, self.scale_y * inner.dy + self.dy)

    def box(self, box: Any) -> Any:
        if self == _IDENTITY:
            return box
        return replace(box, x_pt=self.scale_x * box.x_pt + self.dx,
                       y_pt=self.scale_y * box.y_pt + self.dy,
                       width_pt=self.scale_x * box.width_pt,
                       height_pt=self.scale_y * box.height_pt)


_IDENTITY = _Place(1.0, 0.0, 1.0, 0.0)


def _group_place(group: Any) -> _Place:
    """A group's transform (ECMA-376 20.1.7.5): its children's box ``chOff``/``chExt``
    drawn at ``off``/``ext``."""
    xfrm = group.find(f"{_P}grpSpPr/{_DML}xfrm")
    if xfrm is None:
        return _IDENTITY
    off, ext, ch_off, ch_ext = (xfrm.find(f"{_DML}{tag}")
                                for tag in ("off", "ext", "chOff", "chExt"))
    if off is None or ext is None or ch_off is None or ch_ext is None:
        return _IDENTITY
    width, height = int(ch_ext.get("cx", 0)), int(ch_ext.get("cy", 0))
    scale_x = int(ext.get("cx", 0)) / width if width else 1.0
    scale_y = int(ext.get("cy", 0)) / height if height else 1.0
    return _Place(scale_x, _pt(off.get("x")) - scale_x * _pt(ch_off.get("x")),
                  scale_y, _pt(off.get("y")) - scale_y * _pt(ch_off.get("y")))


class _Reader:
    """Reads colours, text styles, shapes and pictures of one master's layouts (read-only
    XML).

    Plain lxml reads on the parts' elements (``ooxml.element_of``): python-pptx
    has no public reader for inherited list styles, backgrounds of layouts or theme
    colours."""

    def __init__(self, master: Any, template: Path) -> None:
        self.master = master
        self.template = template
        self.scheme = read_scheme(master)
        self.colours = self.scheme.colours

    def colour(self, fill: Any) -> tuple[str, float] | None:
        """A ``a:solidFill`` (or its parent) as (hex RGB, alpha), or None. A gradient
        (``a:gradFill``) counts as the mean of its stops: the miniatures and the web deck
        draw solid fills only, and a mean is closer to the slide than none."""
        from build_tools.design.palette import shade

        if fill is None:
            return None
        if fill.tag != f"{_DML}solidFill":
            gradient = fill.find(f"{_DML}gradFill/{_DML}gsLst")
            fill = fill.find(f"{_DML}solidFill")
            if fill is None:
                return self._mean(gradient) if gradient is not None else None
        for child in fill:
            alpha_el = child.find(f"{_DML}alpha")
            alpha = int(alpha_el.get("val")) / 100000 if alpha_el is not None else 1.0
            rgb: str | None = None
            if child.tag == f"{_DML}srgbClr":
                rgb = child.get("val", "000000").upper()
            elif child.tag == f"{_DML}schemeClr":
                rgb = self.scheme.rgb(child.get("val", "tx1"))
            elif child.tag == f"{_DML}sysClr":
                rgb = child.get("lastClr", "000000").upper()
            if rgb is None:
                continue
            mod, off = child.find(f"{_DML}lumMod"), child.find(f"{_DML}lumOff")
            return shade(rgb, int(mod.get("val")) if mod is not None else None,
                         int(off.get("val")) if off is not None else None), alpha
        return None

    def _mean(self, stops: Any) -> tuple[str, float] | None:
        """The mean colour and alpha of a gradient's stops (``a:gs``)."""
        found = [self.colour(_solid(stop)) for stop in stops]
        colours = [c for c in found if c is not None]
        if not colours:
            return None
        channels = [sum(int(rgb[i:i + 2], 16) for rgb, _ in colours) / len(colours)
                    for i in (0, 2, 4)]
        return ("".join(f"{round(c):02X}" for c in channels),
                sum(alpha for _, alpha in colours) / len(colours))

    def background(self, element: Any) -> str | None:
        """The part's background colour: its own fill, or the colour its reference to
        the theme's background styles carries (``p:bgRef``, taken as a solid fill)."""
        bg = element.find(f"{_P}cSld/{_P}bg/{_P}bgPr")
        found = self.colour(bg) if bg is not None else None
        ref = element.find(f"{_P}cSld/{_P}bg/{_P}bgRef")
        if found is None and ref is not None and len(ref):
            found = self.colour(_solid(ref))
        return found[0] if found else None

    def decorations(self, owner: Any) -> list[Any]:
        """The part's own preset shapes with a solid fill and its pictures (not
        placeholders), in drawing order, as from-layout boxes; those in a group (a logo
        with its wordmark) placed as the group's transform puts them."""
        found: list[Any] = []
        tree = ooxml.element_of(owner).find(f"{_P}cSld/{_P}spTree")
        if tree is not None:
            self._walk(owner, tree, _IDENTITY, found)
        return found

    def _walk(self, owner: Any, tree: Any, place: _Place, found: list[Any]) -> None:
        for shape in tree:
            if shape.tag == f"{_P}grpSp":
                self._walk(owner, shape, place.then(_group_place(shape)), found)
                continue
            if shape.tag not in (f"{_P}sp", f"{_P}pic") or \
                    shape.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph") is not None or \
                    shape.find(f"{_P}nvPicPr/{_P}nvPr/{_P}ph") is not None:
                continue
            box = (self._shape(shape) if shape.tag == f"{_P}sp"
                   else self._picture(owner, shape))
            if box is not None:
                found.append(place.box(box))

    def _shape(self, sp: Any) -> Any:
        from build_tools.design.boxes import Box

        spPr = sp.find(f"{_P}spPr")
        off = spPr.find(f"{_DML}xfrm/{_DML}off") if spPr is not None else None
        ext = spPr.find(f"{_DML}xfrm/{_DML}ext") if spPr is not None else None
        geom = spPr.find(f"{_DML}prstGeom") if spPr is not None else None
        fill = self.colour(spPr)
        if off is None or ext is None or geom is None or fill is None:
            return None
        return Box("decoration", _pt(off.get("x")), _pt(off.get("y")), _pt(ext.get("cx")),
                   _pt(ext.get("cy")), name=sp.find(f"{_P}nvSpPr/{_P}cNvPr").get("name", ""),
                   geometry=geom.get("prst", "rect"), fill=fill[0], fill_alpha=fill[1],
                   from_layout=True)

    def _picture(self, owner: Any, pic: Any) -> Any:
        """A logo or band picture, drawn at its rectangle."""
        from build_tools.design.boxes import Box

        off = pic.find(f"{_P}spPr/{_DML}xfrm/{_DML}off")
        ext = pic.find(f"{_P}spPr/{_DML}xfrm/{_DML}ext")
        names = pic.find(f"{_P}nvPicPr/{_P}cNvPr")
        image = self._image(owner, pic.find(f"{_P}blipFill/{_DML}blip"),
                            names.get("descr", ""))
        if off is None or ext is None or image is None:
            return None
        return Box("decoration", _pt(off.get("x")), _pt(off.get("y")), _pt(ext.get("cx")),
                   _pt(ext.get("cy")), name=names.get("name", ""), image=image,
                   from_layout=True)

    def background_picture(self, owner: Any, width: float, height: float) -> Any:
        """A picture filling the part's background (``p:bg`` with ``a:blipFill``,
        stretched), as a from-layout box under everything else; or None."""
        from build_tools.design.boxes import Box

        blip = ooxml.element_of(owner).find(f"{_P}cSld/{_P}bg/{_P}bgPr/{_DML}blipFill/{_DML}blip")
        image = self._image(owner, blip, "") if blip is not None else None
        if image is None:
            return None
        return Box("decoration", 0.0, 0.0, width, height, name="Background picture",
                   image=image, from_layout=True)

    def _image(self, owner: Any, blip: Any, alt: str) -> Any:
        """An ``a:blip``'s picture as the design's ``Image`` (its part in the template).
        Formats the handout and browsers cannot draw (EMF, WMF) are left out."""
        from PIL import Image as PILImage  # a dependency of python-pptx and reportlab

        from build_tools.design.boxes import Image

        rid = blip.get(f"{_R}embed") if blip is not None else None
        related = ooxml.picture_part(owner, rid) if rid else None
        if related is None:
            return None
        part, blob = related
        try:
            with PILImage.open(io.BytesIO(blob)) as opened:
                if opened.format not in _PICTURE_FORMATS:
                    return None
                width_px, height_px = opened.size
        except (OSError, ValueError):
            return None
        return Image(os.path.abspath(self.template), alt, width_px, height_px, part)

    def style(self, ph_type: str, idx: int, *elements: Any) -> Any:
        """A placeholder's text look: its own list style and body, then the master's."""
        from build_tools.design.layouts import TextStyle

        colour = bold = align = anchor = size = None
        insets: list[float | None] = [None, None, None, None]
        master_tx = ooxml.element_of(self.master).find(f"{_P}txStyles")
        kind = ("titleStyle" if ph_type in ("title", "ctrTitle") else
                "bodyStyle" if ph_type in ("body", "obj", "subTitle") else "otherStyle")
        levels = [e.find(f"{_P}txBody/{_DML}lstStyle/{_DML}lvl1pPr") for e in elements if
                  e is not None]
        if master_tx is not None:
            levels.append(master_tx.find(f"{_P}{kind}/{_DML}lvl1pPr"))
        for level in levels:
            if level is None:
                continue
            align = align or level.get("algn")
            rpr = level.find(f"{_DML}defRPr")
            if rpr is not None:
                if size is None and rpr.get("sz") is not None:
                    size = int(rpr.get("sz")) / 100
                if bold is None and rpr.get("b") is not None:
                    bold = rpr.get("b") in ("1", "true")
                if colour is None:
                    found = self.colour(rpr)
                    colour = found[0] if found else None
        for element in elements:
            body = element.find(f"{_P}txBody/{_DML}bodyPr") if element is not None else None
            if body is None:
                continue
            anchor = anchor or body.get("anchor")
            for i, key in enumerate(("lIns", "tIns", "rIns", "bIns")):
                if insets[i] is None and body.get(key) is not None:
                    insets[i] = _pt(body.get(key))
        defaults = (7.2, 3.6, 7.2, 3.6)
        return TextStyle(colour or self.scheme.rgb("tx1"), bool(bold),
                         align or "l", anchor or ("ctr" if ph_type == "ctrTitle" else "t"),
                         tuple(d if v is None else v for v, d in
                               zip(insets, defaults, strict=True)),  # type: ignore[arg-type]
                         size, "heading" if kind == "titleStyle" else "body")


def _ph(element: Any) -> tuple[str, int] | None:
    ph = element.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
    if ph is None:
        return None
    return ph.get("type", _PH_DEFAULT_TYPE), int(ph.get("idx", "0"))


@dataclass(frozen=True)
class DeckFaces:
    """The typefaces the deck writes on every run (Latin, east-asian) and on titles
    (Latin; None: the same as every run)."""

    latin: str
    east_asian: str
    heading: str | None = None


def deck_faces(layouts: Any, latin: str, east_asian: str, language: str,
               edition: bool = False) -> DeckFaces:
    """The house fonts (``latin``, ``east_asian``: the edition's), or a customer
    template's own.

    A customer theme's faces are written as references (``+mn-lt`` body, ``+mj-lt``
    titles, ``+mn-ea``), as PowerPoint writes them, so the deck follows the theme when a
    trainer switches it. Where the theme leaves the east-asian face empty, or for an
    ``edition`` in another language than the template was made for, the theme's face for
    the script (``Hans``/``Hant``) is named, else ours: an empty ``a:ea`` makes renderers
    fall back to arbitrary or Japanese faces for Chinese (field notes).
    """
    if not layouts.customer:
        return DeckFaces(latin, east_asian)
    scheme = layouts.scheme
    script = "Hant" if language in ("zh-TW", "zh-HK") else "Hans"
    own = scheme.minor_east_asian and not edition
    return DeckFaces(
        "+mn-lt" if scheme.minor_latin else latin,
        "+mn-ea" if own else scheme.minor_scripts.get(script) or east_asian,
        "+mj-lt" if scheme.major_latin else None,
    )


def describe(template: Template, theme: Any = None) -> Any:
    """The template's chosen layouts as ``design.layouts.Layouts`` (plain data), with its
    theme; a customer's if it is not the package's and its colour scheme is not the one
    made from ``theme`` (the design then draws in its colours, the deck writes its
    fonts)."""
    from build_tools.design.geometry import Rect as PtRect
    from build_tools.design.layouts import Layouts, LayoutSpec, Slot
    from build_tools.design.palette import is_customers

    roles = {}
    readers: dict[int, _Reader] = {}
    for role, chosen in template.layouts.items():
        layout = chosen.layout
        master = layout.slide_master
        reader = readers.setdefault(id(master), _Reader(master, template.path))
        master_phs: dict[str, Any] = {}
        for sp in ooxml.element_of(master).iter(f"{_P}sp"):
            kind = _ph(sp)
            if kind is not None:
                master_phs.setdefault(kind[0], sp)
        slots = []
        for sp in ooxml.element_of(layout).iter(f"{_P}sp"):
            kind = _ph(sp)
            if kind is None:
                continue
            ph_type, idx = kind
            rect = chosen.rects.get(idx)
            if rect is None:
                continue
            inherited = master_phs.get(ph_type)
            if inherited is None:
                inherited = master_phs.get("title" if ph_type == "ctrTitle" else "body")
            slots.append(Slot(ph_type, idx, PtRect(rect.x / EMU_PER_PT, rect.y / EMU_PER_PT,
                                                   rect.w_pt, rect.h_pt),
                              reader.style(ph_type, idx, sp, inherited)))
        # The layout's background if it has one, else the master's: a colour or a picture.
        owner = next((o for o in (layout, master)
                      if ooxml.element_of(o).find(f"{_P}cSld/{_P}bg") is not None), None)
        picture = (reader.background_picture(owner, template.slide_rect.w_pt,
                                             template.slide_rect.h_pt)
                   if owner is not None else None)
        decorations = [picture] if picture is not None else []
        if ooxml.element_of(layout).get("showMasterSp") != "0":
            decorations += reader.decorations(master)
        decorations += reader.decorations(layout)
        background = (reader.background(ooxml.element_of(layout))
                      or reader.background(ooxml.element_of(master))
                      or reader.scheme.rgb("bg1"))
        content = chosen.content
        roles[role] = LayoutSpec(role, layout.name, background, tuple(slots),
                                 PtRect(content.x / EMU_PER_PT, content.y / EMU_PER_PT,
                                        content.w_pt, content.h_pt), tuple(decorations))
    slide = template.slide_rect
    masters = list(template.prs.slide_masters)
    scheme = (next(iter(readers.values())).scheme if readers
              else read_scheme(masters[0]) if masters else None)
    extra = {"scheme": scheme} if scheme is not None else {}
    # The package's own template is the house's whatever the project's theme.yaml says
    # (a project that changes colours without `nox -s template` keeps its colours).
    packaged = theme is not None and os.path.samefile(
        template.path, resources.package_assets() / theme.deck.template)
    customer = (scheme is not None and theme is not None and not packaged
                and is_customers(theme, scheme))
    return Layouts(slide.w_pt, slide.h_pt, roles, template.map.content_idx,
                   template.map.secondary_idx, template.map.lead_idx, customer=customer,
                   **extra)
