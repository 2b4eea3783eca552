"""Every limit on an untrusted file, in one place, each checked before the file is used.

An outline, a customer's template and the images an outline names come from authors and
customers, not from us: a pasted 1 GB document, a 1 MB template that inflates to 1 GB, a
PNG whose header claims 20000 x 20000 pixels, a FIFO or ``/dev/zero`` given as a file.
Each check here looks only at what is cheap and safe to look at (``stat``, a zip's
directory, an image header) and refuses with a message that names the limit, so nothing
is read until it is known to be small enough. The README lists these limits; a test
keeps the two in step.
"""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from pathlib import Path

from build_tools.errors import InputError, Problem

# --- the limits ------------------------------------------------------------------------

MAX_OUTLINE_BYTES = 16_000_000  # a 3,200-slide library is ~6 MB; far more is a mistake
MAX_NODES = 200_000  # YAML values after alias expansion: stops "billion laughs" at once
MAX_DEPTH = 40  # YAML nesting; the format nests about 8 deep
MAX_TEXT = 2_000  # characters in one text field: far beyond a slide, stops a pasted file
MAX_ASSET_PATH = 255  # characters in a path the outline names (a file name's own limit)
MAX_IMAGE_BYTES = 50_000_000  # one image file
MAX_IMAGE_PIXELS = 40_000_000  # width x height (a 48-megapixel photo is 8000 x 6000)
MAX_TEMPLATE_BYTES = 100_000_000  # a template file on disk
MAX_TEMPLATE_UNPACKED = 300_000_000  # all parts of a template, uncompressed
MAX_TEMPLATE_PARTS = 5_000  # parts in a template's zip
MAX_PART_RATIO = 100  # uncompressed : compressed, for any part over 1 MB unpacked
RATIO_FLOOR = 1_000_000  # smaller parts may compress well (repetitive XML) harmlessly
MAX_CHART_VALUE = 1e15  # a chart value's magnitude; beyond it the axes overflow

LIMITS: tuple[tuple[str, str], ...] = (
    ("outline file", f"{MAX_OUTLINE_BYTES / 1e6:.0f} MB"),
    ("values in an outline, after anchors and aliases", f"{MAX_NODES:,}"),
    ("nesting in an outline", f"{MAX_DEPTH} levels"),
    ("one text field", f"{MAX_TEXT:,} characters"),
    ("a path in the outline (image, template)", f"{MAX_ASSET_PATH} characters"),
    ("image file", f"{MAX_IMAGE_BYTES / 1e6:.0f} MB"),
    ("image size", f"{MAX_IMAGE_PIXELS / 1e6:.0f} million pixels (width × height)"),
    ("template file", f"{MAX_TEMPLATE_BYTES / 1e6:.0f} MB"),
    ("template, all parts uncompressed", f"{MAX_TEMPLATE_UNPACKED / 1e6:.0f} MB"),
    ("parts in a template", f"{MAX_TEMPLATE_PARTS:,}"),
    (
        "compression ratio of one template part (over 1 MB unpacked)",
        f"{MAX_PART_RATIO}:1",
    ),
    ("a chart value", "±10^15"),
)

# The main part's content type of a PowerPoint package (any flavour python-pptx opens),
# and of the packages most often given by mistake, to say what the file really is.
_PRESENTATION_TYPES = (
    b"presentationml.presentation.main+xml",
    b"presentationml.template.main+xml",
    b"presentationml.slideshow.main+xml",
    b"ms-powerpoint.presentation.macroEnabled.main+xml",
    b"ms-powerpoint.template.macroEnabled.main+xml",
    b"ms-powerpoint.slideshow.macroEnabled.main+xml",
)
_OTHER_TYPES = (
    (b"wordprocessingml", "a Word document"),
    (b"ms-word", "a Word document"),
    (b"spreadsheetml", "an Excel workbook"),
    (b"ms-excel", "an Excel workbook"),
)


# --- files -------------------------------------------------------------------------------


def file_kind(mode: int) -> str:
    """What a non-regular file is, in an author's words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def os_reason(error: OSError) -> str:
    """A short, stable reason for an OS error (``strerror`` words vary by platform)."""
    reasons = {
        errno.ENOENT: "it does not exist",
        errno.ENOTDIR: "a folder on its path is a file",
        errno.ELOOP: "its symbolic links form a loop",
        errno.ENAMETOOLONG: "the name is too long for the file system",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EISDIR: "it is a folder",
    }
    return reasons.get(error.errno or 0, error.strerror or type(error).__name__)


def checked_stat(path: Path) -> os.stat_result | str:
    """``stat`` a path, or the reason it cannot be (no exception: a reason to report)."""
    try:
        return path.stat()
    except OSError as error:
        return os_reason(error)
    except ValueError:  # an embedded NUL: the OS cannot even be asked
        return "the name holds a NUL character"
    except RuntimeError:  # pathlib's own symlink-loop detection on some versions
        return "its symbolic links form a loop"


def read_regular(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is refused.

    Opened with O_NONBLOCK so a FIFO cannot hang the open, then checked with ``fstat`` on
    the open descriptor (no window to swap the file), then read at most ``limit + 1``
    bytes, so a file that grows while read (or lies about its size) cannot exhaust memory.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _refused(path, what, os_reason(error)) from None
    except ValueError:
        raise _refused(path, what, "the name holds a NUL character") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise _refused(path, what, f"got {file_kind(info.st_mode)}")
        if info.st_size > limit:
            raise InputError([Problem("", _too_big(what, limit, info.st_size), path)])
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    except OSError as error:
        raise _refused(path, what, os_reason(error)) from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise InputError([Problem("", _too_big(what, limit, len(data)), path)])
    return data


def regular_file_problem(path: Path, what: str) -> str | None:
    """Why ``path`` is not a readable regular file, or None if it is one."""
    info = checked_stat(path)
    if isinstance(info, str):
        return f"expected {what}; {info}"
    if not stat.S_ISREG(info.st_mode):
        return f"expected {what}; got {file_kind(info.st_mode)}"
    if not os.access(path, os.R_OK):
        return f"expected {what}; permission denied"
    return None


def _refused(path: Path, what: str, reason: str) -> InputError:
    return InputError([Problem("", f"expected {what}; {reason}", path)])


def _too_big(what: str, limit: int, size: int) -> str:
    return f"expected {what} under {limit / 1e6:.0f} MB; got {size / 1e6:.1f} MB"


# --- templates ---------------------------------------------------------------------------


def template_problems(path: Path) -> list[str]:
    """What makes a template unsafe or not a PowerPoint file, read from the zip directory.

    Checked before python-pptx opens it: python-pptx inflates every part into memory, so
    a 1 MB file holding a 1 GB part would take gigabytes. The zip's central directory
    states each part's sizes without inflating anything; a part that lies about its size
    is caught by ``zipfile`` itself when read (it stops at the stated size).
    """
    problem = regular_file_problem(path, "a PowerPoint template (.pptx)")
    if problem:
        return [problem]
    size = path.stat().st_size
    if size > MAX_TEMPLATE_BYTES:
        return [_too_big("a template", MAX_TEMPLATE_BYTES, size)]
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
            if len(parts) > MAX_TEMPLATE_PARTS:
                return [f"expected at most {MAX_TEMPLATE_PARTS:,} parts in a template; got "
                        f"{len(parts):,}"]
            problems = _size_problems(parts)
            if problems:
                return problems
            return _content_type_problems(package) or _xml_problems(package, parts)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        return [f"expected a PowerPoint template (.pptx, a zip package); it is not one "
                f"({type(error).__name__})"]


def _size_problems(parts: list[zipfile.ZipInfo]) -> list[str]:
    total = sum(part.file_size for part in parts)
    if total > MAX_TEMPLATE_UNPACKED:
        return [f"expected a template under {MAX_TEMPLATE_UNPACKED / 1e6:.0f} MB uncompressed; "
                f"its parts add up to {total / 1e6:,.1f} MB (a zip bomb?)"]
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_FLOOR and ratio > MAX_PART_RATIO:
            return [f"expected parts compressed at most {MAX_PART_RATIO}:1; {part.filename!r} "
                    f"inflates from {part.compress_size:,} bytes to {part.file_size:,} "
                    f"({ratio:,.0f}:1, a zip bomb?)"]
    return []


def _content_type_problems(package: zipfile.ZipFile) -> list[str]:
    """Is the main part a presentation? A byte search is enough for a yes or no answer,
    and needs no XML parser on untrusted data (the part's size is already bounded)."""
    try:
        types = package.read("[Content_Types].xml")
    except KeyError:
        return ["expected a PowerPoint template (.pptx); it is a zip file but not an Office "
                "package (no [Content_Types].xml)"]
    if any(kind in types for kind in _PRESENTATION_TYPES):
        return []
    for marker, name in _OTHER_TYPES:
        if marker in types:
            return [f"expected a PowerPoint template (.pptx); it is {name}"]
    return ["expected a PowerPoint template (.pptx); it is an Office package without a "
            "presentation"]


def _xml_problems(package: zipfile.ZipFile, parts: list[zipfile.ZipInfo]) -> list[str]:
    """Every XML part parses: python-pptx would otherwise stop with lxml's own exception.
    Entities are not resolved and the network is never used (untrusted XML)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    for part in parts:
        if not part.filename.endswith((".xml", ".rels")):
            continue
        try:
            etree.fromstring(package.read(part), parser=parser)
        except etree.XMLSyntaxError as error:
            return [f"expected a PowerPoint template (.pptx); its part {part.filename!r} is not "
                    f"well-formed XML ({error.msg})"]
    return []


def check_template(path: Path) -> None:
    """Raise an InputError naming the template file (never the outline) if it is unsafe."""
    problems = template_problems(path)
    if problems:
        raise InputError([Problem("", message, path) for message in problems])


# --- images ------------------------------------------------------------------------------


def image_problem(path: Path, shown: str) -> str | None:
    """Size limits on an image, from its header alone (imagesize reads no pixel data).

    Pillow would refuse a decompression bomb only above 179 million pixels and only with
    its own exception; the handout decodes every image in full, so the limit is ours.
    """
    import imagesize

    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return (f"expected an image under {MAX_IMAGE_BYTES / 1e6:.0f} MB; {shown!r} is "
                f"{size / 1e6:.1f} MB")
    try:
        width, height = imagesize.get(path)
    except (OSError, ValueError):
        return None  # not an image imagesize knows: Pillow says what it is
    if width > 0 and height > 0 and width * height > MAX_IMAGE_PIXELS:
        return (f"expected an image of at most {MAX_IMAGE_PIXELS / 1e6:.0f} million pixels; "
                f"{shown!r} is {width:,} × {height:,} ({width * height / 1e6:,.0f} million; "
                "scale it down)")
    return None
