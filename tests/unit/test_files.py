"""A file written whole or not at all: the old content stays and no temporary is left."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_tools.files import write_whole


def test_it_writes_the_file_and_its_folder(tmp_path: Path) -> None:
    target = tmp_path / "new" / "cache.bin"
    write_whole(target, b"first")
    write_whole(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["cache.bin"]


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "outline.yaml"
    target.write_bytes(b"old")

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(OSError):
        write_whole(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outline.yaml"]
