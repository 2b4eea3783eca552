"""The output set's edges: what it touches, what it refuses, how it reads its journal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_tools import output_set
from build_tools.errors import OutputError


def test_it_replaces_and_adds_files_and_leaves_others_alone(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"old a")
    (tmp_path / "mine.txt").write_bytes(b"the author's")
    (tmp_path / ".staging-notes").mkdir()  # not the writer's: the name has no token
    output_set.publish(tmp_path, {"a.txt": b"new a", "web/index.html": b"<p>"})
    assert (tmp_path / "a.txt").read_bytes() == b"new a"
    assert (tmp_path / "web" / "index.html").read_bytes() == b"<p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".staging-notes", "a.txt", "mine.txt", "web"
    ]


def test_a_name_outside_the_folder_is_refused(tmp_path: Path) -> None:
    for name in ("../x", "/etc/x", ""):
        with pytest.raises(ValueError):
            output_set.publish(tmp_path / "out", {name: b""})


def test_a_folder_where_an_output_goes_is_refused_before_writing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"old a")
    (tmp_path / "b.txt").mkdir()
    with pytest.raises(OutputError) as caught:
        output_set.publish(tmp_path, {"a.txt": b"new", "b.txt": b"new"})
    assert caught.value.lines() == [
        f"{tmp_path / 'b.txt'}: cannot replace it: it is a folder; "
        "the last good outputs are unchanged"
    ]
    assert (tmp_path / "a.txt").read_bytes() == b"old a"
    assert output_set.leftovers(tmp_path) == []


def test_a_commit_whose_journal_is_unreadable_moves_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"old a")
    commit = tmp_path / ".commit-0123456789ab"
    (commit / "new").mkdir(parents=True)
    (commit / "new" / "a.txt").write_bytes(b"half")
    (commit / "journal.json").write_text("{not json")
    output_set.recover(tmp_path)
    assert (tmp_path / "a.txt").read_bytes() == b"old a"
    assert output_set.leftovers(tmp_path) == []


def test_a_rollback_left_by_a_killed_build_is_finished(tmp_path: Path) -> None:
    """Found half rolled back: a.txt is already new, b.txt (new only) is in place."""
    (tmp_path / "a.txt").write_bytes(b"new a")
    (tmp_path / "b.txt").write_bytes(b"new b")
    rolling = tmp_path / ".rollback-0123456789ab"
    (rolling / "new").mkdir(parents=True)
    (rolling / "old").mkdir()
    (rolling / "old" / "a.txt").write_bytes(b"old a")
    journal = {"files": {"a.txt": {"sha256": "", "old": True},
                         "b.txt": {"sha256": "", "old": False}}}
    (rolling / "journal.json").write_text(json.dumps(journal))
    output_set.recover(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert (tmp_path / "a.txt").read_bytes() == b"old a"
