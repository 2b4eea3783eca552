"""Is this file a PowerPoint package we can open safely? Checked before python-pptx sees it.

python-pptx trusts the zip: a part that inflates to gigabytes, a Word document renamed
.pptx or an encrypted deck would end in a traceback or a hung process. Here each bad
input class gets one line naming the file (exit 2), decided from the zip directory alone,
before anything is inflated.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from build_tools.errors import InputError, Problem
from build_tools.limits import regular_file_problem

MAX_DECK_BYTES = 512_000_000  # the file itself
MAX_PART_BYTES = 64_000_000  # any one part, inflated (a 300-slide deck's largest is ~5 MB)
MAX_TOTAL_BYTES = 1_000_000_000  # all parts, inflated
MAX_RATIO = 200  # inflated / compressed, for parts over 1 MB: a zip bomb
MAX_ENTRIES = 20_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def bad(file: Path, message: str) -> InputError:
    return InputError([Problem("", message, file)])


def check_package(file: Path) -> None:
    """Raise ``InputError`` unless ``file`` looks like an openable, sane .pptx package."""
    problem = regular_file_problem(file, "a .pptx file")  # not a FIFO, device or folder
    if problem:
        raise bad(file, problem)
    size = file.stat().st_size
    with file.open("rb") as handle:
        head = handle.read(8)
    if size > MAX_DECK_BYTES:
        raise bad(file, f"expected a deck under {MAX_DECK_BYTES // 1_000_000} MB; "
                        f"got {size / 1e6:.1f} MB")
    if head == _OLE_MAGIC:
        raise bad(file, _ole_message(file))
    if not zipfile.is_zipfile(file):
        raise bad(file, f"expected a PowerPoint .pptx file (a zip package); got {_sniff(head)}")
    try:
        with zipfile.ZipFile(file) as package:
            entries = package.infolist()
            names = {entry.filename for entry in entries}
            if len(entries) > MAX_ENTRIES:
                raise bad(file, f"expected at most {MAX_ENTRIES:,} parts; got {len(entries):,}")
            _check_sizes(file, entries)
            _check_kind(file, names)
            if package.testzip() is not None:
                raise bad(file, "expected an intact zip package; a part fails its checksum "
                                "(the deck is corrupt)")
    except zipfile.BadZipFile as error:
        raise bad(file, f"expected an intact zip package; got a corrupt one ({error})") from None


def _check_sizes(file: Path, entries: list[zipfile.ZipInfo]) -> None:
    total = 0
    for entry in entries:
        total += entry.file_size
        if entry.file_size > MAX_PART_BYTES:
            raise bad(file, f"expected parts under {MAX_PART_BYTES // 1_000_000} MB; "
                            f"{entry.filename} inflates to {entry.file_size / 1e6:.1f} MB")
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > 1_000_000 and ratio > MAX_RATIO:
            raise bad(file, f"expected ordinary compression; {entry.filename} inflates "
                            f"{ratio:.0f} times (a zip bomb?)")
    if total > MAX_TOTAL_BYTES:
        raise bad(file, f"expected under {MAX_TOTAL_BYTES // 1_000_000} MB of parts; "
                        f"got {total / 1e6:.1f} MB")


def _check_kind(file: Path, names: set[str]) -> None:
    if "[Content_Types].xml" not in names:
        raise bad(file, "expected an Office package; got a zip without [Content_Types].xml")
    if "ppt/presentation.xml" in names:
        return
    if "word/document.xml" in names:
        raise bad(file, "expected a PowerPoint presentation; got a Word document (.docx)")
    if "xl/workbook.xml" in names:
        raise bad(file, "expected a PowerPoint presentation; got an Excel workbook (.xlsx)")
    raise bad(file, "expected a PowerPoint presentation; the package has no "
                    "ppt/presentation.xml")


def _ole_message(file: Path) -> str:
    """An OLE compound file is either an encrypted OOXML deck or a legacy binary file."""
    with file.open("rb") as handle:
        data = handle.read(4_000_000)
    if _ENCRYPTED in data:
        return ("expected an unencrypted .pptx; got a password-protected deck: save a copy "
                "without a password first")
    return "expected a .pptx; got a legacy Office binary file (.ppt/.doc): save it as .pptx"


def _sniff(head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return "a PDF"
    if not head:
        return "an empty file"
    if head.lstrip().startswith((b"<", b"#", b"-", b"{")) or head.isascii():
        return "a text file"
    return f"bytes {head[:4].hex(' ')}"
