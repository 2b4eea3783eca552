"""Make the house 16:9 template, drawn by script from the theme.

It ships in the package as ``build_tools/assets/template.pptx``.

Run from the project folder: ``python assets/make_template.py``. The output is
committed; rerun after changing ``build_tools/assets/theme.yaml``. The script exists because
python-pptx's default template is 4:3, names Calibri and sets the Chinese script font to
a serif in both themes (field notes): rescaling it is not enough, so the master, the
layouts and the notes master are redrawn here for 16:9, with every colour, font and size
taken from the theme and autofit off everywhere.

Layout names are the ones ``assets/deck-layouts.yaml`` looks for first. Placeholder
``idx`` values follow that file's slots: 1 = the content area (body), 13 = the secondary
text (subtitle, details, chapter number), 14 = the chapter lead.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "assets"))

import template_xml as tx  # noqa: E402
from pptx import Presentation  # noqa: E402
from pptx.dml.color import RGBColor  # noqa: E402
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER  # noqa: E402
from pptx.util import Inches, Pt  # noqa: E402
from template_xml import LevelStyle  # noqa: E402

from build_tools.backends import ooxml  # noqa: E402
from build_tools.backends.ooxml import RT, Bullet  # noqa: E402
from build_tools.locale import load_locale  # noqa: E402
from build_tools.reproducible import rewrite_zip  # noqa: E402
from build_tools.theme import Theme, load_theme  # noqa: E402

INSETS = (7.2, 3.6, 7.2, 3.6)  # points: python-pptx's and PowerPoint's defaults, explicit
TITLE_PROMPT = load_locale("zh-CN").prompts.title  # the deck rewords them per edition
TEXT_PROMPT = load_locale("zh-CN").prompts.text


@dataclass(frozen=True)
class Box:
    """A rectangle in inches: the unit the design is thought in."""

    x: float
    y: float
    w: float
    h: float

    def emu(self) -> tuple[int, int, int, int]:
        return (int(Inches(self.x)), int(Inches(self.y)), int(Inches(self.w)), int(Inches(self.h)))


class Designer:
    """Draws on masters and layouts with python-pptx's shape API and the XML helpers."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.c = theme.colours
        self.s = theme.type_scale
        self.w = theme.deck.width_in
        self.h = theme.deck.height_in
        self.m = theme.deck.margin_in

    # -- geometry shared by master and layouts
    @property
    def title_box(self) -> Box:
        return Box(self.m, 0.32, self.w - 2 * self.m, 0.9)

    @property
    def content_box(self) -> Box:
        return Box(self.m, 1.55, self.w - 2 * self.m, 5.2)

    @property
    def footer_box(self) -> Box:
        return Box(self.m, 6.98, 8.5, 0.32)

    @property
    def number_box(self) -> Box:
        return Box(self.w - self.m - 1.2, 6.98, 1.2, 0.32)

    # -- drawing
    def rect(self, container, box: Box, colour: str, alpha: int | None = None,
             shape=MSO_SHAPE.RECTANGLE):  # type: ignore[no-untyped-def]
        shape = tx.drawing_shapes(container).add_shape(shape, *box.emu())
        ooxml.remove_style(shape)
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(colour)
        shape.line.fill.background()
        if alpha is not None:
            tx.set_shape_alpha(shape, alpha)
        shape.name = f"Decoration {shape.shape_id}"
        return shape

    def placeholder(self, container, ph_type: PP_PLACEHOLDER, idx: int, name: str, box: Box,
                    levels: list[LevelStyle], anchor: str = "t", prompt: str | None = None):  # type: ignore[no-untyped-def]
        spTree = tx.shape_tree(container)
        sp = tx.placeholder_element(ooxml.next_shape_id(spTree), name, ph_type, idx, box.emu())
        tx.set_body_anchor(sp, anchor, INSETS)
        tx.placeholder_list_style(sp, levels)
        if ph_type == PP_PLACEHOLDER.SLIDE_NUMBER:
            ooxml.set_slide_number_field(sp, "‹#›")
        elif prompt is not None:
            tx.set_prompt(sp, prompt)
        spTree.append(sp)
        return sp

    def style(self, size: float, colour: str, bold: bool = False, align: str = "l",
              major: bool = False) -> list[LevelStyle]:
        return [LevelStyle(size, colour, bold=bold, align=align, major=major)]

    def bullets(self, size: float, colour: str, small: float) -> list[LevelStyle]:
        """Body levels: a red square bullet, then en-dash sub-points, each indented."""
        first = LevelStyle(size, colour, margin_pt=22, indent_pt=-22, before_pt=0.2 * size,
                           line_pct=100, bullet=Bullet("■", self.c.accent, 70))
        rest = [
            LevelStyle(small, colour, margin_pt=48 + 24 * level, indent_pt=-20,
                       before_pt=0.2 * small, bullet=Bullet("–", self.c.muted, 100))
            for level in range(8)
        ]
        return [first, *rest]

    def furniture(self, layout, colour: str, number_colour: str,
                  footer: Box | None = None) -> None:  # type: ignore[no-untyped-def]
        """Footer and slide-number placeholders: every layout has them (the contract)."""
        self.placeholder(layout, PP_PLACEHOLDER.FOOTER, 11, "Footer Placeholder",
                         footer or self.footer_box, self.style(self.s.footer, colour), "ctr")
        self.placeholder(layout, PP_PLACEHOLDER.SLIDE_NUMBER, 12, "Slide Number Placeholder",
                         self.number_box,
                         self.style(self.s.footer + 1, number_colour, bold=True, align="r"), "ctr")

    def title(self, layout, box: Box, size: float, colour: str, align: str = "l",
              anchor: str = "b", centre: bool = False) -> None:  # type: ignore[no-untyped-def]
        ph_type = PP_PLACEHOLDER.CENTER_TITLE if centre else PP_PLACEHOLDER.TITLE
        self.placeholder(layout, ph_type, 0, "Title", box,
                         self.style(size, colour, bold=True, align=align, major=True),
                         anchor, TITLE_PROMPT)

    def stripes(self, layout, left: float) -> None:  # type: ignore[no-untyped-def]
        """Right-hand translucent blue bands and a thin red edge: the dark slides' motif."""
        width = self.w - left
        if width <= 0:  # a narrower slide (a 4:3 variant) has no room for the motif
            return
        self.rect(layout, Box(left, 0, width, self.h), self.c.secondary, alpha=30)
        self.rect(layout, Box(left + width * 0.42, 0, width * 0.58, self.h), self.c.secondary,
                  alpha=30)
        self.rect(layout, Box(left, 0, 0.06, self.h), self.c.accent)


def build(theme: Theme) -> bytes:
    d = Designer(theme)
    c, s = theme.colours, theme.type_scale
    prs = Presentation()
    tx.set_slide_size(prs, int(Pt(round(d.w * 72))), int(Pt(round(d.h * 72))))
    ooxml.drop_thumbnail(prs)
    master = prs.slide_master
    for layout in list(master.slide_layouts):
        master.slide_layouts.remove(layout)

    def retheme(element) -> None:  # type: ignore[no-untyped-def]
        tx.set_theme_fonts(element, theme.fonts.deck_latin, theme.fonts.deck_east_asian,
                              theme.name)
        tx.set_theme_colours(element, theme.name, {
            "dk1": c.text, "lt1": c.background, "dk2": c.primary, "lt2": c.light,
            **{f"accent{i + 1}": colour for i, colour in enumerate((c.series * 6)[:6])},
            "hlink": c.secondary, "folHlink": c.muted,
        })

    tx.edit_related_xml(master, RT.THEME, retheme)

    # -- master: white, a navy top band, a red-and-hairline rule under the title
    tx.clear_shapes(master)
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = RGBColor.from_string(c.background)
    d.rect(master, Box(0, 0, d.w, 0.1), c.primary)
    d.rect(master, Box(d.m, 1.27, 0.9, 0.05), c.accent)
    d.rect(master, Box(d.m + 0.9, 1.285, d.w - 2 * d.m - 0.9, 0.02), c.light)
    d.title(master, d.title_box, s.title, c.primary)
    d.placeholder(master, PP_PLACEHOLDER.BODY, 1, "Text Placeholder", d.content_box,
                  d.bullets(s.body, c.text, s.small), "t", TEXT_PROMPT)
    d.furniture(master, c.muted, c.primary)
    title_level = LevelStyle(s.title, c.primary, bold=True, major=True)
    tx.master_text_styles(master, [title_level], d.bullets(s.body, c.text, s.small),
                             [LevelStyle(s.small, c.text)] * 9)

    # -- title slide
    layout = tx.new_layout(master, "Title")
    tx.hide_master_shapes(layout)
    layout.background.fill.solid()
    layout.background.fill.fore_color.rgb = RGBColor.from_string(c.primary)
    d.stripes(layout, 9.3)
    d.title(layout, Box(0.9, 1.5, 8.0, 2.4), s.divider, c.background, centre=True)
    d.rect(layout, Box(0.9 + 0.1, 4.08, 1.2, 0.06), c.accent)
    d.placeholder(layout, PP_PLACEHOLDER.SUBTITLE, 1, "Subtitle", Box(0.9, 4.3, 8.0, 0.9),
                  d.style(s.heading + 4, c.light), "t", TEXT_PROMPT)
    d.placeholder(layout, PP_PLACEHOLDER.BODY, 13, "Details", Box(0.9, 5.4, 8.0, 1.3),
                  d.style(s.small, c.light), "t", TEXT_PROMPT)
    d.furniture(layout, c.light, c.light)

    # -- agenda: a navy panel on the left holds the title
    layout = tx.new_layout(master, "Agenda")
    tx.hide_master_shapes(layout)
    d.rect(layout, Box(0, 0, 4.3, d.h), c.primary)
    d.rect(layout, Box(4.3, 0, 0.06, d.h), c.accent)
    d.title(layout, Box(d.m, 2.1, 3.4, 1.3), s.divider, c.background)
    d.rect(layout, Box(d.m + 0.1, 3.55, 0.9, 0.05), c.accent)
    d.placeholder(layout, PP_PLACEHOLDER.BODY, 13, "Subtitle", Box(d.m, 3.72, 3.4, 0.6),
                  d.style(s.small, c.light), "t", TEXT_PROMPT)
    d.placeholder(layout, PP_PLACEHOLDER.BODY, 1, "Content Area", Box(5.0, 0.8, 7.73, 5.95),
                  d.style(s.heading, c.text), "ctr", TEXT_PROMPT)
    d.furniture(layout, c.muted, c.primary, Box(5.0, 6.98, 6.0, 0.32))

    # -- chapter divider: navy, a large red number, the title and the objectives
    layout = tx.new_layout(master, "Chapter Divider")
    tx.hide_master_shapes(layout)
    layout.background.fill.solid()
    layout.background.fill.fore_color.rgb = RGBColor.from_string(c.primary)
    d.stripes(layout, 10.9)
    d.placeholder(layout, PP_PLACEHOLDER.BODY, 13, "Chapter Number", Box(0.6, 1.6, 3.6, 2.6),
                  d.style(s.divider * 3, c.accent, bold=True, align="r", major=True), "b",
                  "01")
    d.rect(layout, Box(4.5, 1.85, 0.04, 4.6), c.light, alpha=45)
    d.title(layout, Box(4.85, 1.6, 5.7, 1.5), s.divider, c.background)
    d.placeholder(layout, PP_PLACEHOLDER.BODY, 14, "Lead", Box(4.85, 3.2, 5.7, 0.75),
                  d.style(s.heading, c.light), "t", TEXT_PROMPT)
    d.placeholder(layout, PP_PLACEHOLDER.BODY, 1, "Objectives", Box(4.85, 4.05, 5.7, 2.6),
                  d.bullets(s.small, c.background, s.small), "t", TEXT_PROMPT)
    d.furniture(layout, c.light, c.light)

    # -- content layouts: the master's look, a title and a content area
    for name in ("Bullets", "Comparison", "Pillars", "Table", "Process", "Timeline", "Quote",
                 "Image", "Chart"):
        layout = tx.new_layout(master, name)
        d.title(layout, d.title_box, s.title, c.primary)
        levels = (d.bullets(s.body, c.text, s.small) if name == "Bullets"
                  else d.style(s.body, c.text))
        d.placeholder(layout, PP_PLACEHOLDER.BODY, 1, "Content Area", d.content_box, levels,
                      "t", TEXT_PROMPT)
        d.furniture(layout, c.muted, c.primary)

    # -- closing: navy, centred
    layout = tx.new_layout(master, "Closing")
    tx.hide_master_shapes(layout)
    layout.background.fill.solid()
    layout.background.fill.fore_color.rgb = RGBColor.from_string(c.primary)
    d.title(layout, Box(0.9, 1.6, d.w - 1.8, 2.0), s.divider * 1.5, c.background, align="ctr",
            centre=True)
    d.rect(layout, Box(d.w / 2 - 0.6, 3.78, 1.2, 0.06), c.accent)
    d.placeholder(layout, PP_PLACEHOLDER.SUBTITLE, 1, "Subtitle", Box(0.9, 3.98, d.w - 1.8, 0.9),
                  d.style(s.heading + 4, c.light, align="ctr"), "t", TEXT_PROMPT)
    d.placeholder(layout, PP_PLACEHOLDER.BODY, 13, "Details", Box(0.9, 5.3, d.w - 1.8, 1.0),
                  d.style(s.small, c.light, align="ctr"), "t", TEXT_PROMPT)
    d.furniture(layout, c.light, c.light)

    # -- notes master: a 16:9 slide image, the theme's fonts
    notes_master = prs.notes_master
    tx.edit_related_xml(notes_master, RT.THEME, retheme)
    for shape in notes_master.placeholders:
        kind = shape.placeholder_format.type
        if kind == PP_PLACEHOLDER.SLIDE_IMAGE:
            shape.left, shape.top, shape.width = Inches(0.5), Inches(0.75), Inches(6.5)
            shape.height = Inches(6.5 * d.h / d.w)
        elif kind == PP_PLACEHOLDER.BODY:
            shape.left, shape.top = Inches(0.75), Inches(4.6)
            shape.width, shape.height = Inches(6.0), Inches(4.3)
    ooxml.autofit_off_everywhere(tx.element_of(notes_master))
    ooxml.autofit_off_everywhere(tx.element_of(master))
    for layout in master.slide_layouts:
        ooxml.autofit_off_everywhere(tx.element_of(layout))

    props = prs.core_properties
    props.title = theme.name
    props.author = ""
    props.last_modified_by = ""
    props.language = "zh-CN"
    props.revision = 1
    import datetime as dt
    import io

    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    props.created = props.modified = when.replace(tzinfo=None)
    stream = io.BytesIO()
    prs.save(stream)
    return rewrite_zip(stream.getvalue(), when)


def main() -> None:
    theme = load_theme()
    target = theme.path(theme.deck.template)
    target.write_bytes(build(theme))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
