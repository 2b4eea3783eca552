"""Incremental builds: an edit rebuilds exactly the outputs that read the edited file.

The manifest records what each output's render read; these tests edit one input of each
kind (the outline, an image outside ``assets/`` and ``source/``, the template named by the
outline or by ``--template``, the theme, the layout map, a font) and check which outputs
the next build renders and which it reports unchanged, then that an unchanged build reads
as unchanged again.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from build_tools import resources
from build_tools.backends.deck import layouts as deck_layouts
from build_tools.cli import main
from build_tools.manifest import FILE
from build_tools.options import Options
from build_tools.pipeline import TARGETS, build
from build_tools.theme import load_theme
from tests.conftest import ALLKINDS
from tests.corpus import copy_project

IMAGE_SLIDE = """
      - id: photo
        kind: image
        title: 照片
        image: {path: pictures/photo.png, alt: 一张示意图}
        notes: 请看这张图。
        minutes: 2
"""
# The handout's miniatures and the web deck draw the slides' design: what shapes a slide
# shapes all three.
SLIDE_DESIGN = {"slides", "handout", "web"}


def _rebuilt(source: Path, out: Path, options: Options | None = None) -> set[str]:
    report = build(source, out, TARGETS, options)
    return {w.target for w in report.written if not w.skipped}


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    """The minimal course plus an image slide whose picture is in ``pictures/``."""
    source = copy_project(tmp_path / "project")
    (tmp_path / "project" / "pictures").mkdir()
    shutil.copy(ALLKINDS.parent.parent / "assets" / "images" / "diagram.png",
                tmp_path / "project" / "pictures" / "photo.png")
    source.write_text(source.read_text(encoding="utf-8") + IMAGE_SLIDE, encoding="utf-8")
    return source, tmp_path / "out"


def _append(path: Path, data: bytes) -> None:
    path.write_bytes(path.read_bytes() + data)


def test_an_unchanged_project_rebuilds_nothing(project: tuple[Path, Path]) -> None:
    source, out = project
    assert _rebuilt(source, out) == set(TARGETS)
    assert _rebuilt(source, out) == set()


def test_the_outline_rebuilds_everything(project: tuple[Path, Path]) -> None:
    source, out = project
    _rebuilt(source, out)
    source.write_text(source.read_text(encoding="utf-8").replace("定义", "释义"), "utf-8")
    assert _rebuilt(source, out) == set(TARGETS)


def test_an_image_outside_assets_rebuilds_what_shows_slides(
    project: tuple[Path, Path],
) -> None:
    source, out = project
    _rebuilt(source, out)
    picture = source.parent.parent / "pictures" / "photo.png"
    _append(picture, b"\0")  # PNG readers ignore what follows IEND; the bytes differ
    assert _rebuilt(source, out) == SLIDE_DESIGN
    assert _rebuilt(source, out) == set()


def test_a_template_named_by_the_outline_rebuilds_what_shows_slides(
    project: tuple[Path, Path],
) -> None:
    source, out = project
    template = source.parent.parent / "their" / "template.pptx"
    template.parent.mkdir()
    shutil.copy(resources.package_assets() / "template.pptx", template)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("  start:", "  template: their/template.pptx\n  start:"),
                      encoding="utf-8")
    _rebuilt(source, out)
    _append(template, b"\0" * 8)  # zip readers find the directory from the end: still valid
    assert _rebuilt(source, out) == SLIDE_DESIGN


def test_a_template_given_with_the_option_rebuilds_what_shows_slides(
    project: tuple[Path, Path], tmp_path: Path
) -> None:
    source, out = project
    template = tmp_path / "elsewhere" / "their.pptx"
    template.parent.mkdir()
    shutil.copy(resources.package_assets() / "template.pptx", template)
    options = Options(template=template)
    _rebuilt(source, out, options)
    assert _rebuilt(source, out, options) == set()
    _append(template, b"\0" * 8)
    assert _rebuilt(source, out, options) == SLIDE_DESIGN


def _override(source: Path, relative: str, original: Path) -> Path:
    """Put a copy of ``original`` in the project's ``assets/`` at ``relative``: the way a
    course overrides one of the package's files (resources.asset)."""
    copy = source.parent.parent / "assets" / relative
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(original, copy)
    return copy


def test_the_theme_rebuilds_everything(project: tuple[Path, Path]) -> None:
    source, out = project
    theme = source.parent.parent / "assets" / "theme.yaml"
    theme.parent.mkdir(parents=True, exist_ok=True)
    theme.write_text("colours:\n  accent: C8102E\n", encoding="utf-8")
    _rebuilt(source, out)
    _append(theme, b"\n# edited\n")
    assert _rebuilt(source, out) == set(TARGETS)
    assert _rebuilt(source, out) == set()


def test_the_layout_map_rebuilds_what_shows_slides(project: tuple[Path, Path]) -> None:
    source, out = project
    layout_map = _override(source, deck_layouts.LAYOUT_MAP_FILE,
                           resources.package_assets() / deck_layouts.LAYOUT_MAP_FILE)
    _rebuilt(source, out)
    _append(layout_map, b"\n# edited\n")
    assert _rebuilt(source, out) == SLIDE_DESIGN


def test_a_font_rebuilds_everything_it_measures(project: tuple[Path, Path]) -> None:
    source, out = project
    house = load_theme()
    regular = _override(source, house.fonts.regular, house.regular_font)
    _rebuilt(source, out)
    shutil.copy(house.bold_font, regular)  # other metrics, same coverage
    assert _rebuilt(source, out) == set(TARGETS)


def test_an_override_added_after_a_build_makes_it_stale(project: tuple[Path, Path]) -> None:
    """The build looked for the project's own layout map and found none: that is recorded,
    so the file appearing later rebuilds what shows slides."""
    source, out = project
    assert _rebuilt(source, out) == set(TARGETS)
    _override(source, deck_layouts.LAYOUT_MAP_FILE,
              resources.package_assets() / deck_layouts.LAYOUT_MAP_FILE)
    assert _rebuilt(source, out) == SLIDE_DESIGN
    assert _rebuilt(source, out) == set()


def test_files_beside_the_outline_and_the_outputs_are_not_inputs(
    project: tuple[Path, Path],
) -> None:
    source, _ = project
    out = source.parent  # the outputs land beside the outline
    assert _rebuilt(source, out) == set(TARGETS)
    assert _rebuilt(source, out) == set()
    (source.parent / "draft.txt").write_text("an unrelated file")
    (source.parent.parent / "unused.png").write_bytes(b"not read by the build")
    assert _rebuilt(source, out) == set()


def test_source_date_epoch_is_a_setting(
    project: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, out = project
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    _rebuilt(source, out)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert _rebuilt(source, out) == set(TARGETS)


@pytest.mark.parametrize(
    "content", ["", "{not json", "[]", '"text"', "null", '{"format": 2, "targets": []}',
                '{"format": 2, "targets": {"slides": {"inputs": 3}}}',
                '{"format": 2, "targets": {"slides": {"settings": {}, "inputs": {},'
                ' "outputs": {"../x": {"sha256": "", "count": 1, "unit": "slides"}}}}}'],
)
def test_a_corrupt_manifest_means_rebuild_never_a_traceback(
    project: tuple[Path, Path], content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = project
    _rebuilt(source, out)
    (out / FILE).write_text(content, encoding="utf-8")
    assert main(["build", "--source", str(source), "--out", str(out)]) == 0
    assert "unchanged" not in capsys.readouterr().out
    assert _rebuilt(source, out) == set()


def test_every_file_of_the_web_deck_is_recorded_as_its_input(project: tuple[Path, Path]) -> None:
    """The web deck's own templates, style and script are inputs like the notes' templates:
    an edited one (a checkout, a new version) makes the web deck stale."""
    source, out = project
    _rebuilt(source, out)
    manifest = json.loads((out / FILE).read_text(encoding="utf-8"))
    read = {Path(name).name for name in manifest["targets"]["web"]["inputs"]}
    assert {"deck.html.j2", "_draw.html.j2", "deck.css", "deck.js"} <= read
