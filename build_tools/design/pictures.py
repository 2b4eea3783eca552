"""The bytes of a designed picture: a file of the project, or a part of the template.

A slide's own pictures are files the outline names; the pictures a template's master or
layout shows (a logo, a band) live inside the template package (``Image.part``). Both
are read through ``inputs`` (the template is an input of every output that draws
slides), so an edited logo rebuilds the handout and the web deck like any picture.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from build_tools import inputs
from build_tools.design.boxes import Image

_MEDIA = "ppt/media/"


def picture_bytes(image: Image, path: Path) -> bytes:
    """The picture's bytes: ``path`` is where ``image.path`` is (the project's file, or
    the template holding ``image.part``)."""
    if image.part is None:
        return inputs.read(path)
    media = inputs.parsed(path, _media)  # recorded every call, unzipped once per version
    return media[image.part]


def _media(data: bytes) -> dict[str, bytes]:
    """A template's pictures by part name (ppt/media/…): what its layouts can show."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()
                if name.startswith(_MEDIA)}
