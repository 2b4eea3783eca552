"""The one way the build reads a file: recorded, and only regular files."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from build_tools import inputs


def test_what_is_read_is_recorded_by_path_and_hash(tmp_path: Path) -> None:
    first, second = tmp_path / "a.png", tmp_path / "b.yaml"
    first.write_bytes(b"picture")
    second.write_bytes(b"outline")
    with inputs.recording() as outer:
        assert inputs.read(first) == b"picture"
        with inputs.recording() as inner:
            inputs.read(second)
    assert inner == {str(second): hashlib.sha256(b"outline").hexdigest()}
    assert outer == {str(first): hashlib.sha256(b"picture").hexdigest(), **inner}
    inputs.read(first)  # outside any recording: nothing to record into, no error
    assert inputs.digest(str(first)) == outer[str(first)]
    assert inputs.digest(str(tmp_path / "gone")) is None


def test_a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "course.yaml"
    os.mkfifo(fifo)
    with pytest.raises(OSError) as caught:
        inputs.read(fifo)
    assert caught.value.errno == errno.EINVAL
    assert inputs.digest(str(fifo)) is None  # the freshness check does not wait either


def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OSError) as caught:
        inputs.read("/dev/zero")
    assert caught.value.errno == errno.EINVAL
    with pytest.raises(IsADirectoryError):
        inputs.read(tmp_path)


def test_parsed_data_is_recorded_on_every_use_and_parsed_again_only_when_changed(
    tmp_path: Path,
) -> None:
    words = tmp_path / "words.txt"
    words.write_text("甲乙\n")
    parses: list[bytes] = []

    def parse(data: bytes) -> str:
        parses.append(data)
        return data.decode()

    for _ in range(2):
        with inputs.recording() as record:
            assert inputs.parsed(words, parse) == "甲乙\n"
        assert record == {str(words): hashlib.sha256("甲乙\n".encode()).hexdigest()}
    assert len(parses) == 1
    words.write_text("丙丁戊\n")
    with inputs.recording() as record:
        assert inputs.parsed(words, parse) == "丙丁戊\n"
    assert record == {str(words): hashlib.sha256("丙丁戊\n".encode()).hexdigest()}
    assert len(parses) == 2
