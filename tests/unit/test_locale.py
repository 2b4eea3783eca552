"""The product's words: one validated locale file per language, none in code."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from build_tools.errors import InputError
from build_tools.locale import LANGUAGES, load_locale, locale_file, read_locale

PACKAGE = Path(__file__).resolve().parents[2] / "build_tools"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
# The measure module's line-breaking tables (禁则) are data about the script, not words.
# The importer's patterns recognise Chinese in the decks it reads (第一章, 2024年3月1日):
# they parse input and add no word to any output.
ALLOWED = {PACKAGE / "measure.py"}
ALLOWED_FOLDERS = {PACKAGE / "importer"}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def test_no_python_string_literal_in_the_package_holds_cjk() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in ALLOWED or ALLOWED_FOLDERS.intersection(path.parents):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docs and CJK.search(node.value)):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    assert offenders == []


def test_no_template_holds_cjk_outside_comments() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.j2")):
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        offenders += [f"{path.name}: {line.strip()}" for line in text.splitlines()
                      if CJK.search(line)]
    assert offenders == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_locale_file_validates_and_names_its_language(language: str) -> None:
    locale = load_locale(language)
    assert locale.language == language
    assert locale.page.format(page=2, pages=9) != locale.page


def test_the_english_locale_adds_no_cjk_character() -> None:
    text = locale_file("en").read_text(encoding="utf-8")
    assert not CJK.search(text)


def test_traditional_locales_are_the_conversion_of_the_simplified_one() -> None:
    opencc = pytest.importorskip("opencc")
    simplified = load_locale("zh-CN")
    for language, config in (("zh-TW", "s2twp"), ("zh-HK", "s2hk")):
        converter = opencc.OpenCC(config)
        traditional = load_locale(language)
        assert traditional.opening == converter.convert(simplified.opening)
        assert traditional.quiz_true == converter.convert(simplified.quiz_true)
        assert "学" not in str(traditional.model_dump())  # a Simplified-only form


def test_dates_are_written_as_each_language_writes_them() -> None:
    day = dt.date(2025, 3, 12)
    assert load_locale("zh-CN").format_date(day) == "2025年3月12日"
    assert load_locale("en").format_date(day) == "12 March 2025"


def test_a_bad_locale_file_is_reported_with_file_line_and_column(tmp_path: Path) -> None:
    text = locale_file("en").read_text(encoding="utf-8")
    bad = tmp_path / "xx.yaml"
    bad.write_text(text.replace("script: latin", "script: runic")
                   .replace("opening: Opening\n", "openning: Opening\n"), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_locale(bad)
    lines = [str(problem) for problem in raised.value.problems]
    assert any(re.match(rf"{re.escape(str(bad))}:4:9: script: expected .*latin.*; got 'runic'",
                        line) for line in lines), lines
    assert any("openning" in line and str(bad) in line for line in lines), lines
