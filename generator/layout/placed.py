"""Placed slides: what the deck layout decided, as plain data (boxes in points, final text, sizes, colours).

The writer (generator.render.powerpoint) turns these into DrawingML without making any decision of its own;
tests read them to check every excerpt and every box.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..render import deck_styles as ds


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float

    @property
    def text_width(self) -> float:
        # -- half an em of slack per line for renderers' differing kinsoku and glyph widths --
        return self.width - 2 * ds.INSET_PT - ds.WIDTH_SLACK_PT

    @property
    def text_height(self) -> float:
        return self.height - 2 * ds.INSET_TB_PT

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def shrink(self, dx: float, dy: float) -> Box:
        """Return the box inset by dx on the left and right and dy at the top and bottom."""
        return Box(self.left + dx, self.top + dy, self.width - 2 * dx, self.height - 2 * dy)


@dataclass(frozen=True)
class Run:
    text: str                     # "\n" is a line break inside the paragraph (a:br)
    bold: bool = False
    color: str | None = None      # RRGGBB; None keeps the placeholder's own colour


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    size: float                   # points
    bullet: bool = False
    center: bool = False
    space_before: float = 0.0     # in lines of this paragraph's size

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs).replace("\n", "")

    @property
    def lines(self) -> int:
        """Lines the paragraph's explicit breaks make (wrapping aside)."""
        return 1 + sum(r.text.count("\n") for r in self.runs)


@dataclass(frozen=True)
class Frame:
    """A text frame: one of the layout's placeholders (by idx) or a free text box."""

    box: Box
    paras: tuple[Para, ...]
    placeholder: int | None = None
    middle: bool = False          # text anchored to the middle of the box
    face: str = "body"            # "title" | "body": which deck face (generator.fonts) the runs name

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras)


@dataclass(frozen=True)
class Shape:
    """A drawn shape (a card, a band, a timeline's line), optionally holding a text frame."""

    kind: str                     # "rect" | "round_rect"
    box: Box
    fill: str | None = None
    line: str | None = None
    line_width: float = 0.0       # points
    frame: Frame | None = None


@dataclass(frozen=True)
class PlacedSlide:
    layout: str                   # layout role (deck_styles.LAYOUTS): cover, toc, section, content, graphic, closing
    items: tuple[Frame | Shape, ...]
    notes: str

    def frames(self):
        """Yield every text frame on the slide, those inside shapes included."""
        for item in self.items:
            if isinstance(item, Frame):
                yield item
            elif item.frame is not None:
                yield item.frame

    @property
    def title(self) -> str:
        return next((f.text.replace("\n", "") for f in self.frames() if f.placeholder == 0), "")


@dataclass(frozen=True)
class PlacedDeck:
    title: str
    slides: tuple[PlacedSlide, ...]


@dataclass(frozen=True)
class Geometry:
    """The boxes of the template's layout placeholders: (layout role, idx) → Box, and the slide size."""

    boxes: dict[tuple[str, int], Box]
    width: float = ds.SLIDE_W
    height: float = ds.SLIDE_H

    def box(self, role: str, idx: int) -> Box | None:
        return self.boxes.get((role, idx))

    @classmethod
    def reference(cls) -> Geometry:
        """Return the reference deck's geometry (deck_styles.BOXES), for layouts computed without a template."""
        roles = {name: role for role, name in ds.LAYOUTS.items()}
        return cls({(roles[name], idx): Box(*box) for name, boxes in ds.BOXES.items() for idx, box in boxes.items()})


__all__ = ["Box", "Run", "Para", "Frame", "Shape", "PlacedSlide", "PlacedDeck", "Geometry"]
