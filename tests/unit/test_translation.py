"""Translation files: stable keys, hashes that mark stale strings, `course translate`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from build_tools.cli import main
from build_tools.editions import make_edition
from build_tools.errors import InputError
from build_tools.outline.loader import load_outline
from tests.conftest import ALLKINDS


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ALLKINDS.parent.parent, tmp_path / "project")
    return tmp_path / "project" / "source" / "course.yaml"


def _strings(source: Path) -> dict[str, dict[str, object]]:
    data = yaml.safe_load((source.parent / "course.en.yaml").read_text(encoding="utf-8"))
    return data["strings"]  # type: ignore[no-any-return]


def _translate_all(source: Path) -> None:
    file = source.parent / "course.en.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    for key, entry in data["strings"].items():
        entry["text"] = f"EN {key}"
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_translate_creates_one_empty_entry_per_string_keyed_by_slide_id(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "--lang", "en", "--source", str(project)]) == 0
    assert "0 translated" in capsys.readouterr().out
    strings = _strings(project)
    outline = load_outline(project)
    first = outline.chapters[0].slides[0]
    entry = strings[f"{first.id}.title"]
    assert entry["source"] == first.title and entry["text"] == ""
    assert strings["chapter-1.title"]["source"] == outline.chapters[0].title
    assert "course.title" in strings and "quiz[0].question" in strings
    assert not any(key.endswith(("].id", ".kind", ".answer[0]")) for key in strings)


def test_a_changed_source_marks_its_translation_stale_and_a_removed_one_is_dropped(
        project: Path) -> None:
    main(["translate", "--lang", "en", "--source", str(project)])
    _translate_all(project)
    outline = load_outline(project)
    first = outline.chapters[0].slides[0]
    text = project.read_text(encoding="utf-8")
    glossary_term = outline.glossary[0].term
    text = text.replace(f"title: {first.title}", f"title: {first.title}（新）", 1)
    project.write_text(text, encoding="utf-8")
    main(["translate", "--lang", "en", "--source", str(project)])
    entry = _strings(project)[f"{first.id}.title"]
    assert entry["stale"] is True and entry["previous"] == first.title
    assert entry["text"] == f"EN {first.id}.title"  # kept for the translator to check
    assert entry["source"] == f"{first.title}（新）"
    with pytest.raises(InputError) as raised:
        make_edition(load_outline(project), project, "en")
    assert [p.path for p in raised.value.problems] == [f"strings.{first.id}.title"]
    assert "stale" in raised.value.problems[0].message
    assert glossary_term  # the fixture has a glossary; now drop it
    data = yaml.safe_load(project.read_text(encoding="utf-8"))
    data["glossary"] = []
    project.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    main(["translate", "--lang", "en", "--source", str(project)])
    assert not any(key.startswith("glossary") for key in _strings(project))


def test_build_fails_with_every_missing_string_located_then_builds_when_allowed(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["translate", "--lang", "en", "--source", str(project)])
    capsys.readouterr()
    out = tmp_path / "out"
    status = main(["build", "--source", str(project), "--out", str(out), "--edition", "en"])
    errors = capsys.readouterr().err.splitlines()
    assert status == 2
    translation = project.parent / "course.en.yaml"
    assert errors[0].startswith(f"error: {translation}:")
    assert "strings.course.title: expected the en translation of" in "\n".join(errors)
    assert not out.exists() or not list(out.glob("*.en.*"))
    status = main(["build", "--source", str(project), "--out", str(out), "--edition", "en",
                   "--allow-untranslated", "notes"])
    assert status == 0
    assert "strings are missing or stale" in capsys.readouterr().err
    assert (out / "course-notes.en.html").is_file()


def test_a_fully_translated_edition_uses_the_translation_and_english_true_false(
        project: Path) -> None:
    main(["translate", "--lang", "en", "--source", str(project)])
    _translate_all(project)
    edition = make_edition(load_outline(project), project, "en")
    assert edition.outline.course.title == "EN course.title"
    assert edition.outline.course.language == "en" and not edition.fallback_fonts
    for question in edition.outline.quiz:
        if question.type == "truefalse":
            assert set(question.answer) <= {"True", "False"}
        else:
            assert set(question.answer) <= set(question.options)


MARKED = (r"**及时**报告 *可疑*：`micros0ft.com`，见[手册](https://example.com/a_b)，"
          r"卡号 6222 \*\*\*\* 8888")


def _mark_first_point(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    old = ("text: 互联网金融是利用互联网技术实现资金融通、支付、投资和信息中介服务的"
           "新型金融业务模式。")
    assert old in text
    source.write_text(text.replace(old, f"text: '{MARKED}'"), encoding="utf-8")


def test_an_edition_keeps_the_inline_markup(project: Path) -> None:
    """Found in a trial course: the zh-TW edition (and a translation) went through the
    outline dumped as plain text, so it lost every bold, code and link span, and a
    literal ``\\*`` could turn into emphasis."""
    from build_tools.outline.inline import Inline, spans_of

    _mark_first_point(project)
    edition = make_edition(load_outline(project), project, "zh-TW")
    point = edition.outline.chapters[0].slides[0].points[0]  # type: ignore[union-attr]
    assert spans_of(point.text or "") == (
        Inline("及時", bold=True), Inline("報告 "), Inline("可疑", italic=True),
        Inline("："), Inline("micros0ft.com", code=True), Inline("，見"),
        Inline("手冊", href="https://example.com/a_b"), Inline("，卡號 6222 **** 8888"))


def test_the_translator_sees_the_markup_as_the_author_wrote_it(project: Path) -> None:
    _mark_first_point(project)
    main(["translate", "--lang", "en", "--source", str(project)])
    first = load_outline(project).chapters[0].slides[0]
    assert _strings(project)[f"{first.id}.points[0].text"]["source"] == MARKED


def test_a_problem_in_translated_text_points_at_the_translation(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Found in a trial: a translated title too long for its box, or a character the
    edition's font lacks, was reported at the outline's line, where the text is fine;
    the translator must be sent to the entry in course.en.yaml."""
    main(["translate", "--lang", "en", "--source", str(project)])
    _translate_all(project)
    file = project.parent / "course.en.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    data["strings"]["course.subtitle"]["text"] = "Every kind 课"  # not in the English font
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "handout", "--edition", "en", "--source", str(project),
                 "--out", str(project.parent.parent / "build")]) == 2
    first = capsys.readouterr().err.splitlines()[0]
    lines = file.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines, 1) if "Every kind" in line)
    assert first.startswith(f"error: {file}:{row}:"), first
    assert "course.subtitle" in first


def test_an_edition_without_its_translation_file_is_one_message_saying_how_to_start(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Found in a trial: ``course build --edition en`` in a library printed one error per
    string of a course that has no translation file yet (20 shown, 313 more), each saying
    ``run `course translate --lang en``` without the --source a library needs."""
    out = project.parent.parent / "build"
    assert main(["build", "notes", "--edition", "en", "--source", str(project),
                 "--out", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    file = project.parent / "course.en.yaml"
    assert err == [f"error: {file}: expected the en translation of course.yaml; it does not "
                   f"exist: run `course translate --lang en --source {project}`"]
    assert main(["build", "notes", "--edition", "en", "--source", str(project), "--out",
                 str(out), "--allow-untranslated"]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "does not exist" in warnings[0]
