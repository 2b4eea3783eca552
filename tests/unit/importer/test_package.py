"""Bad input classes: each one line naming the file, exit status 2, before python-pptx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from build_tools.errors import InputError
from build_tools.importer import package
from build_tools.importer.reader import read_deck
from tests.conftest import ALLKINDS


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _message(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_deck(path)
    assert caught.value.exit_status == 2
    (line,) = caught.value.lines()
    assert line.startswith(f"{path}: expected")
    return line


def _real_deck(tmp_path: Path) -> Path:
    from pptx import Presentation

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "A title"
    path = tmp_path / "real.pptx"
    prs.save(str(path))
    return path


def test_a_text_file_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "notes.pptx"
    path.write_text("just some text\n", encoding="utf-8")
    assert "(a zip package); got a text file" in _message(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    assert "it does not exist" in _message(tmp_path / "none.pptx")


def test_a_folder_or_a_fifo_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    import os

    assert _message(tmp_path).endswith("expected a .pptx file; got a folder")
    fifo = tmp_path / "pipe.pptx"
    os.mkfifo(fifo)
    assert "expected a .pptx file; got" in _message(fifo)  # and no hang on reading it


def test_a_word_document_is_named_as_one(tmp_path: Path) -> None:
    path = _zip(tmp_path / "report.pptx", {"[Content_Types].xml": b"<Types/>",
                                           "word/document.xml": b"<w:document/>"})
    assert "got a Word document (.docx)" in _message(path)


def test_an_encrypted_deck_asks_for_a_copy_without_password(tmp_path: Path) -> None:
    # An encrypted OOXML file is an OLE compound file holding an "EncryptedPackage" stream.
    path = tmp_path / "secret.pptx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
                     + "EncryptedPackage".encode("utf-16-le") + bytes(100))
    assert "password-protected" in _message(path)


def test_a_deck_encrypted_by_office_is_refused(tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    path = tmp_path / "locked.pptx"
    with _real_deck(tmp_path).open("rb") as plain, path.open("wb") as locked:
        OOXMLFile(plain).encrypt("secret", locked)  # Agile encryption, as Office writes it
    assert "password-protected deck" in _message(path)


def test_a_legacy_ppt_is_told_to_save_as_pptx(tmp_path: Path) -> None:
    path = tmp_path / "old.pptx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    assert "legacy Office binary" in _message(path)


def test_a_truncated_deck_is_not_a_zip(tmp_path: Path) -> None:
    data = _real_deck(tmp_path).read_bytes()
    path = tmp_path / "cut.pptx"
    path.write_bytes(data[: len(data) // 2])
    assert "expected a PowerPoint .pptx file" in _message(path)


def test_a_damaged_part_fails_its_checksum(tmp_path: Path) -> None:
    source = _real_deck(tmp_path)
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    path = tmp_path / "damaged.pptx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    raw = bytearray(path.read_bytes())
    at = raw.find(b"<p:presentation")
    raw[at + 1] ^= 0x20  # one flipped bit inside a stored part: the CRC no longer matches
    path.write_bytes(bytes(raw))
    assert "corrupt" in _message(path)


def test_unparsable_xml_is_a_corrupt_deck(tmp_path: Path) -> None:
    source = _real_deck(tmp_path)
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts["ppt/presentation.xml"] = b"<p:presentation this is not xml"
    assert "it is corrupt" in _message(_zip(tmp_path / "badxml.pptx", parts))


def test_an_oversized_part_is_refused_before_it_is_inflated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package, "MAX_PART_BYTES", 1_000_000)
    path = _zip(tmp_path / "big.pptx", {"[Content_Types].xml": b"<Types/>",
                                        "ppt/presentation.xml": b"<p/>",
                                        "ppt/media/image1.png": io.BytesIO(
                                            bytes(range(256)) * 8000).getvalue()})
    assert "ppt/media/image1.png inflates to 2.0 MB" in _message(path)


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "bomb.pptx", {"[Content_Types].xml": b"<Types/>",
                                         "ppt/presentation.xml": bytes(20_000_000)})
    assert "(a zip bomb?)" in _message(path)


def test_our_own_deck_passes(tmp_path: Path) -> None:
    from build_tools.pipeline import build

    build(ALLKINDS, tmp_path, ["slides"], force=True)
    package.check_package(tmp_path / "course.pptx")  # no exception
