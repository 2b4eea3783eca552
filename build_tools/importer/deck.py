"""What the importer reads from a deck: plain data, no python-pptx objects.

Keeping the extracted deck as frozen dataclasses lets the mapping stages be tested with
decks written in code, and keeps python-pptx (and its few private corners) in ``reader``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    level: int = 0

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Box:
    """Position in EMU, for reading order and for telling columns apart."""

    left: int = 0
    top: int = 0
    width: int = 0
    height: int = 0

    @property
    def right(self) -> int:
        return self.left + self.width


@dataclass(frozen=True)
class TextItem:
    name: str
    role: str  # "title", "subtitle", "body" (a body placeholder) or "text"
    paragraphs: tuple[Paragraph, ...]
    box: Box = field(default_factory=Box)
    placeholder: int | None = None  # the placeholder idx
    origin: str = ""  # "group" or "smartart" when flattened from one

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs if p.text.strip())


@dataclass(frozen=True)
class TableItem:
    name: str
    cells: tuple[tuple[str, ...], ...]
    box: Box = field(default_factory=Box)


@dataclass(frozen=True)
class SeriesData:
    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ChartItem:
    name: str
    chart_type: str  # python-pptx's XL_CHART_TYPE member name, e.g. "COLUMN_CLUSTERED"
    categories: tuple[str, ...]
    series: tuple[SeriesData, ...]
    value_title: str | None = None
    box: Box = field(default_factory=Box)


@dataclass(frozen=True)
class PictureItem:
    name: str
    blob: bytes
    ext: str  # file extension python-pptx reports: png, jpg, gif, emf …
    alt: str
    box: Box = field(default_factory=Box)


@dataclass(frozen=True)
class DroppedItem:
    """Something on the slide the importer cannot carry over (a video, an OLE object …)."""

    name: str
    what: str
    box: Box = field(default_factory=Box)


Item = TextItem | TableItem | ChartItem | PictureItem | DroppedItem


@dataclass(frozen=True)
class SlideData:
    number: int  # 1-based position in the deck
    slide_id: int  # the p:sldId id, which sections refer to
    layout: str
    items: tuple[Item, ...]  # in reading order
    notes: str = ""
    layout_type: str = ""  # the layout's ST_SlideLayoutType: "title", "secHead", "obj" …

    def texts(self, *roles: str) -> list[TextItem]:
        return [i for i in self.items if isinstance(i, TextItem) and (not roles or i.role in roles)]

    @property
    def title(self) -> str:
        for item in self.texts("title"):
            if item.text.strip():
                return " ".join(item.text.split("\n")).strip()
        return ""

    def of(self, kind: type) -> list:  # type: ignore[type-arg]
        return [i for i in self.items if isinstance(i, kind)]


@dataclass(frozen=True)
class SectionData:
    name: str
    slide_ids: tuple[int, ...]


@dataclass(frozen=True)
class DeckData:
    slides: tuple[SlideData, ...]
    sections: tuple[SectionData, ...] = ()
    title: str = ""
    subject: str = ""
    author: str = ""
    keywords: str = ""
    company: str = ""
    created: dt.date | None = None
    slide_height: int = 6858000
