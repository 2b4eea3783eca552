"""Adding slides and notes pages fast: counters and per-layout skeletons instead of
python-pptx's per-slide rescans of the whole package (quadratic at thousands of slides,
field notes), and finished slides serialised at once (``SlideAdder.seal``).
"""

from __future__ import annotations

import copy
import hashlib
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, NamedTuple

from build_tools.backends.ooxml import internals
from build_tools.backends.ooxml.ids import Ids
from build_tools.backends.ooxml.internals import RT
from build_tools.backends.ooxml.schema import element, qn
from build_tools.backends.ooxml.shapes import (
    SP_TREE,
    TX_BODY,
    KitShape,
    follow,
    path,
    placeholder_kind,
    slide_placeholders,
    text_body,
)
from build_tools.backends.ooxml.text import (
    PlainLine,
    TextWriter,
    link_part_hyperlinks,
    plain_runs,
    plain_shape,
)
from build_tools.reproducible import Deflated

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import Slide, SlideLayout

_AT = qn("a:t")
_C_SLD = qn("p:cSld")
_NV_SP_PR = qn("p:nvSpPr")
_C_NV_PR = qn("p:cNvPr")

Placeholder = tuple[str, int, Any]  # type and idx (as ``placeholder_kind``), the ``p:sp``


class SlideAdder:
    """Adds slides without python-pptx's per-slide rescans of the whole package.

    python-pptx finds the next free part name by walking every part, the next slide id by
    scanning every id, a slide's id by scanning the list, and clones layout placeholders
    through per-shape xpath queries: each is linear per slide, so a deck is quadratic or
    slow. Inside ``fast_parts`` this keeps counters and per-layout placeholder skeletons
    instead. It uses python-pptx's own part classes; nothing is forked or patched globally.
    New slide and notes trees are copies of the ones python-pptx makes (it parses a
    template, or reads one from disk, for every new part).
    """

    def __init__(self, prs: Presentation) -> None:
        self._prs = prs
        ids = [int(entry.get("id")) for entry in internals.slide_id_list(prs)]
        self._next_id = max([255, *ids]) + 1
        self._count = len(ids)
        self._skeletons: dict[int, list[Placeholder]] = {}
        self._slides: dict[int, _SlideTree] = {}
        self._notes_skeleton: list[Any] | None = None
        self._notes_body = 0
        self._slide_tree = internals.new_slide_tree()
        self._notes_tree: Any = None
        self._notes_trees: dict[tuple[object, ...], tuple[Any, tuple[int, ...]]] = {}
        self._notes_body_path: tuple[int, ...] = ()
        # Finished slide and notes parts, serialised and compressed (see ``seal``):
        # id -> (part, content).
        self.sealed: dict[int, tuple[Any, Deflated]] = {}

    def _skeleton(self, layout: SlideLayout) -> list[Placeholder]:
        """The placeholders a new slide gets from ``layout`` (as python-pptx would clone)."""
        key = id(internals.part_of(layout))
        if key not in self._skeletons:
            shapes = []
            for sp in slide_placeholders(internals.shape_tree(layout)):
                kind = placeholder_kind(sp)
                if kind is None or kind[0] in ("dt", "ftr", "sldNum"):
                    continue
                name = sp.find(_NV_SP_PR).find(_C_NV_PR).get("name", "Placeholder")
                skeleton = internals.new_placeholder_sp(0, name, *internals.placeholder_format(sp))
                ph_type, idx = placeholder_kind(skeleton)  # type: ignore[misc]
                shapes.append((ph_type, idx, skeleton))
            self._skeletons[key] = shapes
        return self._skeletons[key]

    def _tree(self, layout: SlideLayout) -> _SlideTree:
        """A new slide's whole tree for ``layout``: python-pptx's empty slide with copies of
        the skeletons appended (ids 2, 3 …), made once; each slide is a copy of it."""
        key = id(internals.part_of(layout))
        found = self._slides.get(key)
        if found is None:
            tree = self._slide_tree.__copy__()
            spTree = tree.find(_C_SLD).find(SP_TREE)
            placeholders = []
            for number, (ph_type, idx, skeleton) in enumerate(self._skeleton(layout), start=2):
                sp = skeleton.__copy__()
                sp[0][0].set("id", str(number))  # p:nvSpPr/p:cNvPr, as the skeleton is made
                spTree.append(sp)
                txBody = sp.find(TX_BODY)
                body = None if txBody is None else sp.index(txBody)
                placeholders.append((ph_type, idx, len(spTree) - 1, body, Ids.of(sp)))
            found = self._slides[key] = _SlideTree(layout, tree, path(tree, spTree),
                                                   placeholders, Ids.of(tree, document=True))
        return found

    def add(self, layout: SlideLayout) -> tuple[Slide, int]:
        """A new slide on ``layout`` with its placeholders; returns it and its slide id."""
        new = self.add_slide(layout)
        return new.slide, new.slide_id

    def add_slide(self, layout: SlideLayout) -> NewSlide:
        """As ``add``, also returning the slide's shape tree and placeholders in tree order."""
        part = internals.part_of(self._prs)
        self._count += 1
        found = self._tree(layout)
        tree = found.tree.__copy__()
        slide_part = internals.new_slide_part(
            self._prs, f"/ppt/slides/slide{self._count}.xml", tree)
        # As SlidePart.new: relate_to, which for a new part (no relationships yet to reuse)
        # is adding one.
        internals.add_relationship(slide_part, RT.SLIDE_LAYOUT, internals.part_of(layout))
        rId = internals.add_relationship(part, RT.SLIDE, slide_part)
        spTree = follow(tree, found.spTree_path)
        prototype = follow(found.tree, found.spTree_path)
        placeholders = []
        bodies = []
        for ph_type, idx, index, body, ids in found.placeholders:
            sp = spTree[index]
            placeholders.append((ph_type, idx, sp))
            bodies.append(KitShape(sp, None if body is None else sp[body],
                                   None if body is None else prototype[index][body], ids))
        slide_id = self._next_id
        internals.slide_id_list(self._prs).append(
            element("p:sldId", id=str(slide_id), r_id=rId))
        self._next_id += 1
        return NewSlide(internals.slide_of(slide_part), slide_id, spTree, placeholders, bodies,
                        found.ids.copy())

    def notes_body(self, slide: Slide) -> Any:
        """Give ``slide`` a notes page; return the notes body placeholder (``p:sp``).

        The first is made by python-pptx; the rest copy its placeholders, skipping the
        per-slide walk over the notes master's shapes.
        """
        if self._notes_skeleton is None:
            spTree = internals.notes_shape_tree(slide)
            found = slide_placeholders(spTree)
            self._notes_skeleton = [copy.deepcopy(sp) for sp in found]
            self._notes_body = next(index for index, sp in enumerate(found)
                                    if placeholder_kind(sp)[0] == "body")  # type: ignore[index]
            tree = self._notes_tree = internals.new_notes_tree()
            spTree = tree.find(_C_SLD).find(SP_TREE)
            for sp in self._notes_skeleton:
                spTree.append(sp.__copy__())
            # The new tree has no placeholders of its own: the copies are all of them.
            body = spTree[len(spTree) - len(found) + self._notes_body]
            self._notes_body_path = path(tree, text_body(body))
            return found[self._notes_body]
        part = self._new_notes_part(slide, self._notes_tree.__copy__())
        return follow(internals.part_element(part), self._notes_body_path).getparent()

    def _new_notes_part(self, slide: Slide, tree: Any) -> Any:
        """A notes part holding ``tree``, related as python-pptx relates a new one."""
        part = internals.new_notes_part(internals.package_of(self._prs), tree)
        # relate_to each way: new relationships (the new part has none; the slide part none
        # of this type), so added directly.
        slide_part = internals.part_of(slide)
        internals.add_relationship(part, RT.NOTES_MASTER, internals.notes_master_part(self._prs))
        internals.add_relationship(part, RT.SLIDE, slide_part)
        internals.relate(slide_part, part, RT.NOTES_SLIDE)
        return part

    def add_notes(self, slide: Slide, lines: Sequence[PlainLine], writer: TextWriter) -> Any:
        """A notes page for ``slide`` whose body holds ``lines`` (``writer.write_plain``),
        its links related to the notes part.

        After the first, each notes page is one copy of a prototype per paragraph shapes
        (how many paragraphs, and the styling of their runs): the notes tree with its
        placeholders and those paragraphs, texts filled in. Returns the notes part.
        """
        if self._notes_skeleton is None:
            writer.write_plain(text_body(self.notes_body(slide)), lines)
            part = internals.related_part(internals.part_of(slide), RT.NOTES_SLIDE)
            link_part_hyperlinks(part)
            return part
        key = tuple(plain_shape(line) for line in lines)
        entry = self._notes_trees.get(key)
        if entry is None:
            tree = self._notes_tree.__copy__()
            writer.write_plain(follow(tree, self._notes_body_path), lines, text=False)
            entry = self._notes_trees[key] = (tree, self._notes_body_path)
        tree = entry[0].__copy__()
        texts = [run.text for line in lines for run in plain_runs(line)]
        for t, text in zip(follow(tree, entry[1]).iter(_AT), texts, strict=True):
            t.text = text
        part = self._new_notes_part(slide, tree)
        if any(run.href for line in lines for run in plain_runs(line)):
            link_part_hyperlinks(part)
        return part

    def seal(self, slide: Slide, notes: Any = None) -> None:
        """Serialise a finished slide and its notes page now, and free their shape trees.

        A deck of thousands of slides would otherwise hold every slide's tree until it is
        saved (about 150 kB each: 0.5 GB at 3,200 slides). The bytes are exactly what
        python-pptx would write for the part (``XmlPart.blob``), compressed as the zip
        will hold them (a fifth of the size); ``save_normalised`` uses them. The parts
        must not be changed afterwards, and the presentation must be saved with
        ``save_normalised(prs, when, adder.sealed)``, not ``prs.save``.
        """
        parts: list[Any] = [internals.part_of(slide)]
        if notes is not None:  # its notes part, if the caller has it at hand
            parts.append(notes)
        else:
            with suppress(KeyError):
                parts.append(internals.related_part(parts[0], RT.NOTES_SLIDE))
        for part in parts:
            self.sealed[id(part)] = (part, Deflated.of(internals.serialised(part)))
            for tree in list(internals.part_element(part).iter(SP_TREE)):
                tree.clear()


class NewSlide(NamedTuple):
    slide: Slide
    slide_id: int
    spTree: Any
    placeholders: list[Placeholder]
    # Each placeholder (in order) with its text body and the one it is a copy of, if it
    # has one, and the ids it holds.
    bodies: list[KitShape]
    ids: Ids  # of the whole new slide document


class _SlideTree(NamedTuple):
    layout: SlideLayout  # kept, so that id(layout.part) (the cache key) stays unique
    tree: Any
    spTree_path: tuple[int, ...]
    # type, idx, index in the shape tree, index of the text body in the p:sp (or None),
    # the ids in the p:sp
    placeholders: list[tuple[str, int, int, int | None, Ids]]
    ids: Ids  # of the whole tree


@contextmanager
def fast_parts(prs: Presentation) -> Iterator[SlideAdder]:
    """Cache part names and image parts on this one package while a deck is built.

    The cache is valid because nothing is removed from the package inside the block.
    """
    package = internals.package_of(prs)
    used: dict[str, set[str]] = {}
    counters: dict[str, int] = {}
    images: dict[str, Any] = {}

    def next_partname(template: str) -> Any:
        if template not in used:
            prefix = template[: (template % 42).find("42")]
            used[template] = {name for name in map(internals.partname,
                                                   internals.iter_parts(package))
                              if name.startswith(prefix)}
            counters[template] = 1
        number = counters[template]
        while template % number in used[template]:
            number += 1
        name = template % number
        used[template].add(name)
        counters[template] = number + 1
        return internals.pack_uri(name)

    def get_or_add_image_part(image_file: Any) -> Any:
        if isinstance(image_file, str):
            with open(image_file, "rb") as stream:
                blob = stream.read()
        else:
            image_file.seek(0)
            blob = image_file.read()
        key = hashlib.sha1(blob).hexdigest()
        if key not in images:
            images[key] = original_image_part(io.BytesIO(blob))
        return images[key]

    # Instance attributes shadow the class's methods on this one package, for this block.
    internals.shadow(package, "next_partname", next_partname)
    original_image_part = internals.shadow(package, "get_or_add_image_part",
                                           get_or_add_image_part)
    try:
        yield SlideAdder(prs)
    finally:
        internals.shadow(package, "next_partname", None)
        internals.shadow(package, "get_or_add_image_part", None)


# --- charts --------------------------------------------------------------------------------
