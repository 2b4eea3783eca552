"""Templates for the deck: open one, find a layout per slide role, check the contract.

Layouts are found by name through ``deck-layouts.yaml`` (data, so a department can
add its template's names without code), like Pandoc picks layouts from its reference
deck. The contract check runs before any slide is built and reports every missing layout
and placeholder at once: a customer fixing a template should not iterate one error at a
time. A bad template is an *input* problem (InputError, exit 2): the user supplied a file
that cannot serve, as with a malformed outline; nothing about the course is wrong.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.presentation import Presentation as PresentationObject
from pptx.slide import SlideLayout
from pptx.util import Emu

from build_tools import resources
from build_tools.errors import InputError, Problem

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
        """The project's ``assets/deck-layouts.yaml`` if it has one, else the package's."""
        path = path or resources.asset(LAYOUT_MAP_FILE, project)
        with path.open(encoding="utf-8") as stream:
            data = yaml.safe_load(stream)
        roles = {
            name: Role(tuple(spec["names"]), tuple(spec.get("requires", ())))
            for name, spec in data["roles"].items()
        }
        slots = data["slots"]
        return cls(roles, slots["content"], slots["secondary"], slots["lead"])


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
        key = id(layout._element)
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


def placeholder_kinds(layout: SlideLayout) -> set[str]:
    return _kinds(_Layouts()(layout))


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
    try:
        prs = Presentation(str(path))
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
            (p.type, p.idx, p.placeholder._element)
            for p in placeholders
            if p.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
        )
        content = _content_rect(placeholders, layout_map, slide, margin)
        chosen[role] = ChosenLayout(role, layout, content, rects, furniture)
    if problems:
        raise InputError(problems)
    return Template(prs, path, chosen, layout_map)
