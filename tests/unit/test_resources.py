"""The package's assets are found without the repository, and a project may override them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from build_tools import resources
from build_tools.backends.deck.layouts import LayoutMap
from build_tools.backends.notes.backend import environment
from build_tools.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]


def test_it_finds_every_shipped_asset_inside_the_package() -> None:
    package = Path(resources.package_root())
    for name in ("theme.yaml", "deck-layouts.yaml", "template.pptx", "fontconfig/fonts.conf",
                 "fonts/NotoSansSC-Regular.ttf", "fonts/NotoSansSC-Bold.ttf"):
        found = resources.asset(name)
        assert found.is_file(), name
        assert package in found.parents, f"{name} is read from {found}, outside the package"
    assert (resources.package_templates() / "notes.html.j2").is_file()


def test_it_reads_the_theme_fonts_and_template_from_the_package_when_the_project_has_none(
    tmp_path: Path,
) -> None:
    theme = load_theme(tmp_path)
    assert theme.regular_font == resources.package_assets() / "fonts/NotoSansSC-Regular.ttf"
    assert theme.path(theme.deck.template) == resources.package_assets() / "template.pptx"


def test_it_lets_a_project_override_the_theme_and_a_font(tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    (assets / "fonts").mkdir(parents=True)
    text = (resources.package_assets() / "theme.yaml").read_text(encoding="utf-8")
    (assets / "theme.yaml").write_text(text.replace("name: ", "name: 自家 ", 1), "utf-8")
    (assets / "fonts" / "NotoSansSC-Bold.ttf").write_bytes(b"not really a font")
    theme = load_theme(tmp_path)
    assert theme.name.startswith("自家 ")
    assert theme.bold_font == assets / "fonts" / "NotoSansSC-Bold.ttf"
    assert theme.regular_font == resources.package_assets() / "fonts/NotoSansSC-Regular.ttf"


def test_it_lets_a_project_override_the_layout_map(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    text = (resources.package_assets() / "deck-layouts.yaml").read_text(encoding="utf-8")
    (tmp_path / "assets" / "deck-layouts.yaml").write_text(
        text.replace("  content: 1", "  content: 9", 1), encoding="utf-8"
    )
    assert LayoutMap.load(project=tmp_path).content_idx == 9
    assert LayoutMap.load().content_idx != 9


def test_it_lets_a_project_override_one_notes_template(tmp_path: Path) -> None:
    own = tmp_path / "assets" / "templates"
    own.mkdir(parents=True)
    (own / "_labels.j2").write_text("{% set own = 'project' %}", encoding="utf-8")
    env = environment(False, tmp_path)
    assert env.get_template("_labels.j2").filename == str(own / "_labels.j2")
    assert env.get_template("notes.html.j2").filename == str(
        resources.package_templates() / "notes.html.j2"
    )


def test_it_keeps_only_the_generators_in_the_repository_assets_folder() -> None:
    shipped = {"theme.yaml", "deck-layouts.yaml", "template.pptx"}
    assert not shipped & {p.name for p in (ROOT / "assets").rglob("*")}


# --- the cache folder: keyed by content and by the library that made an entry -----------------


def test_font_metrics_are_cached_again_for_another_fonttools(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fontTools

    from build_tools import measure

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    font = load_theme().regular_font
    data = font.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    measure._font.cache_clear()
    measure._font(font, sha, data)
    monkeypatch.setattr(fontTools, "version", "0.0.1")
    measure._font.cache_clear()
    measure._font(font, sha, data)
    measure._font.cache_clear()
    names = sorted(path.name for path in (tmp_path / "course-build").glob("metrics-*"))
    assert len(names) == 2, names
    assert any("0.0.1" in name for name in names)


def test_compiled_templates_are_kept_per_jinja_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = resources.jinja_bytecode_cache("html")
    monkeypatch.setattr(jinja2, "__version__", "0.0.1")
    second = resources.jinja_bytecode_cache("html")
    assert first is not None and second is not None
    assert first.directory != second.directory
    assert "0.0.1" in second.directory
