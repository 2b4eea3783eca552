"""Rectangles in points, the design layer's one length unit (converted at the backend)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rect:
    """x, y (top left, y downwards), width and height in points."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def centre_x(self) -> float:
        return self.x + self.w / 2

    def inset(self, left: float, top: float = 0, right: float | None = None,
              bottom: float | None = None) -> Rect:
        """Shrink by points on each side (left, top, right, bottom)."""
        right = left if right is None else right
        bottom = top if bottom is None else bottom
        return Rect(self.x + left, self.y + top, self.w - left - right, self.h - top - bottom)

    def top_part(self, height: float) -> Rect:
        return Rect(self.x, self.y, self.w, height)

    def below(self, height: float, gap: float = 0) -> Rect:
        """The rectangle under this one's bottom edge, same width."""
        return Rect(self.x, self.bottom + gap, self.w, height)

    def rest_below(self, y: float, gap: float = 0) -> Rect:
        """What is left of this rectangle under ``y`` plus a gap."""
        top = y + gap
        return Rect(self.x, top, self.w, max(0.0, self.bottom - top))

    def columns(self, count: int, gap: float) -> list[Rect]:
        width = (self.w - gap * (count - 1)) / count
        return [Rect(self.x + i * (width + gap), self.y, width, self.h) for i in range(count)]

    def centred(self, width: float, height: float | None = None) -> Rect:
        """A rectangle of ``width`` (and ``height``) centred horizontally (and vertically)."""
        height = self.h if height is None else height
        return Rect(self.x + (self.w - width) / 2, self.y + (self.h - height) / 2, width, height)

    def union(self, other: Rect) -> Rect:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)

    def tuple(self) -> tuple[float, float, float, float]:
        return (self.x, self.y, self.w, self.h)
