"""Property-based: no input gives a traceback. Random bytes, random YAML, random edits of a
valid outline's text and random values put into a valid outline each end with exit 0
(it is an outline after all) or 2 (a located problem), and never print "Traceback"."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.cli import main
from tests.conftest import ALLKINDS
from tests.corpus import copy_project

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

TRICKY = st.sampled_from(
    [
        "", " ", "\x1b[2J", "\x00", "\x7f", "\u202e", "\ufffe", "\uffff", "\U0001fffe",
        "010", "1:30", "yes", "on", "1_000", "0b1", "1e3", "-.5", "2204-02-05", "0",
        "1e308", ".nan", "<<", "&a", "*a", "!!python/object", "- x", "{", "]", "#",
        "assets/../../etc/passwd", "/dev/zero", "a" * 300, "办公环境安全要求一览", "😀",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1, 1, 1)),
    TRICKY,
    st.text(max_size=40),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    status = main(argv)
    err = capsys.readouterr().err
    return status, err


def _assert_handled(status: int, err: str, allowed: tuple[int, ...] = (0, 2)) -> None:
    assert "Traceback" not in err, err
    assert status in allowed, err
    if status == 2:
        assert err.startswith("error: "), err


@SETTINGS
@given(data=st.binary(max_size=3000))
def test_random_bytes_never_give_a_traceback(
    data: bytes, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path_factory.mktemp("bytes") / "course.yaml"
    source.write_bytes(data)
    _assert_handled(*_run(["stats", "--source", str(source)], capsys))


@SETTINGS
@given(document=VALUES)
def test_random_yaml_never_gives_a_traceback(
    document: Any, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path_factory.mktemp("yaml") / "course.yaml"
    source.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    _assert_handled(*_run(["stats", "--source", str(source)], capsys))


@SETTINGS
@given(
    at=st.integers(min_value=0, max_value=10_000),
    cut=st.integers(min_value=0, max_value=20),
    insert=st.one_of(TRICKY, st.text(max_size=10)),
)
def test_random_edits_of_an_outline_never_give_a_traceback(
    at: int,
    cut: int,
    insert: str,
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = copy_project(tmp_path_factory.mktemp("edit") / "p")
    text = source.read_text(encoding="utf-8")
    at %= len(text)
    source.write_text(text[:at] + insert + text[at + cut :], encoding="utf-8")
    _assert_handled(*_run(["stats", "--source", str(source)], capsys))


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


ALLKINDS_DATA = yaml.safe_load(ALLKINDS.read_text(encoding="utf-8"))
ALLKINDS_PATHS = _paths(ALLKINDS_DATA)


@settings(
    max_examples=int(os.environ.get("NO_TRACEBACK_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(where=st.sampled_from(ALLKINDS_PATHS), value=VALUES)
def test_any_value_anywhere_in_an_outline_is_built_or_refused(
    where: tuple[Any, ...],
    value: Any,
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The whole check (model, plan, every backend rendering in memory) on an outline with
    one value replaced: a value the model accepts must also render."""
    import copy

    data = copy.deepcopy(ALLKINDS_DATA)
    node = data
    for part in where[:-1]:
        node = node[part]
    node[where[-1]] = value
    folder = tmp_path_factory.mktemp("value")
    project = folder / "p"
    (project / "source").mkdir(parents=True)
    for name in ("assets",):
        source_assets = ALLKINDS.parent.parent / name
        if source_assets.is_dir():
            import shutil

            shutil.copytree(source_assets, project / name)
    source = project / "source" / "course.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    argv = ["check", "--allow-overflow", "--source", str(source)]
    _assert_handled(*_run(argv, capsys))


def test_the_fixture_itself_checks(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The property above starts from an outline that passes."""
    status, err = _run(["check", "--allow-overflow", "--source", str(ALLKINDS)], capsys)
    assert status == 0, err
