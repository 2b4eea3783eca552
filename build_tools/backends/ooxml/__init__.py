"""The little raw OOXML the deck needs that python-pptx has no API for, in one package.

Each module exists because of a measured gap (see the field notes) or for speed at scale
(thousands of slides, with the same bytes out):

- ``schema``: namespaces, child order and required attributes, declared once; every
  element the package inserts is placed and checked through it;
- ``runs``: the east-asian font slot and ``lang`` on every run (python-pptx sets
  ``a:latin`` only, so renderers pick arbitrary or Japanese fallbacks for Chinese);
- ``text``: paragraphs and text bodies with every property explicit and autofit off, so
  sizes decided at build time hold in every renderer; ``TextWriter`` copies prototypes;
- ``ids`` and ``shapes``: shape ids followed as a slide is built, slide-number and footer
  placeholders cloned from the layout (python-pptx skips them), per-build shape prototypes
  (``ShapeKit``), alt text;
- ``slides``: slides and notes pages added without python-pptx's quadratic rescans,
  finished slides serialised at once (``SlideAdder.seal``);
- ``presentation``: sections (``p14:sectionLst``) and document properties;
- ``charts``: chart text fonts, schema-valid axis ids;
- ``colours``: a customer template's scheme colours (``a:schemeClr``) for the RGB the
  design resolved them to;
- ``package``: the normalised zip, relationships and content types, written directly;
- ``internals``: every use of python-pptx's private or internal API, each with the version
  it was checked against, and nothing else does.

No XML is ever concatenated as text. The template script's own helpers live beside it
(``assets/template_xml.py``). Callers use ``from build_tools.backends import ooxml`` and
the names below.
"""

from build_tools.backends.ooxml.charts import (
    chart_text,
    unsigned_axis_ids,
    value_axis_crosses_at_maximum,
)
from build_tools.backends.ooxml.colours import scheme_colours, scheme_colours_of_charts
from build_tools.backends.ooxml.edition import restyle_theme, reword_prompts
from build_tools.backends.ooxml.ids import Ids, ShapeIds, max_shape_id, next_shape_id
from build_tools.backends.ooxml.internals import (
    CT,
    RT,
    element_of,
    picture_part,
    related_blob,
    table_cells,
)
from build_tools.backends.ooxml.package import (
    content_types_xml,
    normalise_package,
    relationships_xml,
    relative_ref,
    save_normalised,
)
from build_tools.backends.ooxml.presentation import (
    SECTIONS_EXT,
    Properties,
    delete_all_slides,
    drop_thumbnail,
    read_sections,
    set_properties,
    write_sections,
)
from build_tools.backends.ooxml.runs import Script, localise, set_run_script
from build_tools.backends.ooxml.schema import DCTERMS, EP, P14, VT
from build_tools.backends.ooxml.shapes import (
    Furniture,
    KitShape,
    ShapeKit,
    cell_text_body,
    clone_placeholder,
    has_text,
    inert,
    place_shape,
    placeholder_kind,
    remove_element,
    remove_style,
    set_alt_text,
    set_slide_number_field,
    slide_placeholders,
    style_autoshape,
    style_cell,
    text_body,
)
from build_tools.backends.ooxml.slides import NewSlide, Placeholder, SlideAdder, fast_parts
from build_tools.backends.ooxml.text import (
    EMU_PER_PT,
    Body,
    Bullet,
    ParagraphSpec,
    PlainLine,
    PlainRun,
    RunSpec,
    TextWriter,
    autofit_off,
    autofit_off_everywhere,
    link_hyperlinks,
    link_part_hyperlinks,
    prepared_body,
    set_body,
    set_body_insets,
    write_paragraphs,
    write_plain_paragraphs,
)

__all__ = [
    "CT",
    "DCTERMS",
    "EMU_PER_PT",
    "EP",
    "P14",
    "RT",
    "SECTIONS_EXT",
    "VT",
    "Body",
    "Bullet",
    "Furniture",
    "Ids",
    "KitShape",
    "NewSlide",
    "ParagraphSpec",
    "Placeholder",
    "PlainLine",
    "PlainRun",
    "Properties",
    "RunSpec",
    "Script",
    "ShapeIds",
    "ShapeKit",
    "SlideAdder",
    "TextWriter",
    "autofit_off",
    "autofit_off_everywhere",
    "cell_text_body",
    "chart_text",
    "clone_placeholder",
    "content_types_xml",
    "delete_all_slides",
    "drop_thumbnail",
    "element_of",
    "fast_parts",
    "has_text",
    "inert",
    "link_hyperlinks",
    "link_part_hyperlinks",
    "localise",
    "max_shape_id",
    "next_shape_id",
    "normalise_package",
    "picture_part",
    "place_shape",
    "placeholder_kind",
    "prepared_body",
    "read_sections",
    "related_blob",
    "relationships_xml",
    "relative_ref",
    "remove_element",
    "remove_style",
    "restyle_theme",
    "reword_prompts",
    "save_normalised",
    "scheme_colours",
    "scheme_colours_of_charts",
    "set_alt_text",
    "set_body",
    "set_body_insets",
    "set_properties",
    "set_run_script",
    "set_slide_number_field",
    "slide_placeholders",
    "style_autoshape",
    "style_cell",
    "table_cells",
    "text_body",
    "unsigned_axis_ids",
    "value_axis_crosses_at_maximum",
    "write_paragraphs",
    "write_plain_paragraphs",
    "write_sections",
]
