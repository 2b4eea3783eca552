"""Discussion time: the plan places it after the chapter's last slide, in every output."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from build_tools.cli import main
from build_tools.outline.model import Outline
from build_tools.plan import make_plan
from tests.conftest import ALLKINDS


def _outline(minutes: int | None = 12) -> Outline:
    data = yaml.safe_load(ALLKINDS.read_text(encoding="utf-8"))
    if minutes is not None:
        data["chapters"][0]["discussion"]["minutes"] = minutes
    return Outline.model_validate(data)


def test_the_discussion_follows_the_last_slide_and_moves_the_clock() -> None:
    untimed, timed = make_plan(_outline(None)), make_plan(_outline(12))
    assert untimed.discussions == ()
    (slot,) = timed.discussions
    last_of_chapter_1 = timed.chapter_sections()[0].last
    assert slot.chapter == 1 and slot.minutes == 12
    assert slot.start == last_of_chapter_1.end
    (pause,) = timed.pauses  # the break after chapter 1 comes after the discussion
    assert pause.start == slot.end
    first_of_chapter_2 = timed.chapter_sections()[1].first
    assert first_of_chapter_2.start - untimed.chapter_sections()[1].first.start == (
        dt.timedelta(minutes=12)
    )
    assert timed.teaching_minutes == untimed.teaching_minutes + 12
    assert len(timed.slides) == len(untimed.slides)  # no slide, no number


def test_the_run_sheet_shows_it_as_its_own_row() -> None:
    from build_tools.backends.notes.view import _run_sheet

    plan = make_plan(_outline(12))
    rows = _run_sheet(plan, [f"a{i}" for i in range(len(plan.sections))])
    kinds = [row.kind for row in rows]
    assert kinds == ["section", "section", "discussion", "break", "section", "section"]
    discussion = rows[2]
    assert discussion.name == "哪种版式最适合讲解概念？"
    assert (discussion.minutes, discussion.start) == (12, rows[1].end)
    assert rows[3].start == discussion.end


def test_stats_shows_the_discussion_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ALLKINDS.parent.parent, tmp_path, dirs_exist_ok=True)
    source = tmp_path / "source" / "course.yaml"
    text = ALLKINDS.read_text(encoding="utf-8").replace(
        "hint: 请两三位学员回答，引导到“内容决定版式”。}",
        "hint: 请两三位学员回答，引导到“内容决定版式”。, minutes: 12}",
    )
    source.write_text(text, encoding="utf-8")
    assert main(["stats", "--source", str(source)]) == 0
    lines = capsys.readouterr().out.splitlines()
    row = next(line for line in lines if "(课堂讨论)" in line)
    # 09:30 + title 2 + agenda 2 + divider 1 + four slides of 5 = 09:55
    assert row.split()[1:] == ["12", "09:55", "10:07"]


def test_both_notes_files_show_the_row_with_its_clock_times() -> None:
    from build_tools.backends.notes.backend import render_html, render_markdown
    from build_tools.backends.notes.view import build_view
    from build_tools.theme import load_theme

    theme = load_theme()
    plan = make_plan(_outline(12))
    view = build_view(plan, theme)
    html, markdown = render_html(view, plan.locale), render_markdown(view, plan.locale)
    assert ('<tr class="discussion-row"><th scope="row">课堂讨论 · 哪种版式最适合讲解概念？</th>'
            '<td class="num">—</td><td class="num">12</td><td class="num"><time>09:55</time>'
            '</td><td class="num"><time>10:07</time></td></tr>') in html
    assert "| 课堂讨论 · 哪种版式最适合讲解概念？ | — | 12 | 09:55 | 10:07 |" in markdown
