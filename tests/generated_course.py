"""Outlines of any number of chapters, written for a test: pagination defects show only in
courses longer than the fixtures (a 4-chapter course spilled one chapter's objectives onto
a page of their own; see docs/review-2026-11-29.md, "Seen in renders")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def objective_key(chapter: int, index: int) -> str:
    """The start of an objective (its first line), unique per chapter and index, so a
    page's text tells which objectives it holds."""
    return f"第{chapter}章目标{index}："


def objective(chapter: int, index: int) -> str:
    return objective_key(chapter, index) + "理解核心概念及其在实际业务中的应用"


def outline(chapters: int, objectives: int, slides: int = 2) -> dict[str, Any]:
    def slide(chapter: int, index: int) -> dict[str, Any]:
        return {
            "id": f"c{chapter}s{index}", "kind": "bullets", "title": f"第{chapter}章第{index}节",
            "points": [{"lead": "定义", "text": "利用互联网技术实现资金融通的新型金融业务模式。"},
                       {"text": "便捷性、高效性、普惠性、风险性。"}],
            "notes": "先讲定义，再讲特点；问问学员日常用过哪些互联网金融服务。" * (1 + index % 3),
            "handout": "互联网金融是利用互联网技术实现资金融通的新型业务模式。", "minutes": 5,
        }

    return {
        "course": {
            "title": f"{chapters}章测试课程", "presenter": "李老师", "organisation": "培训部",
            "date": "2024-02-05", "audience": "新员工", "duration": chapters * (slides * 5 + 1),
            "start": "09:00", "title_slide": {"notes": "欢迎。", "minutes": 1},
            "agenda_slide": {"title": "目录", "notes": "今天的内容。", "minutes": 1},
            "closing_slide": {"title": "谢谢", "notes": "感谢大家。", "minutes": 2},
        },
        "chapters": [{
            "number": chapter, "title": f"专题{chapter}",
            "divider": {"notes": "进入本章。", "minutes": 1},
            "objectives": [objective(chapter, index) for index in range(1, objectives + 1)],
            "discussion": {"question": "你用过哪些服务？", "hint": "请两位学员回答。"},
            "takeaways": [f"第{chapter}章要点：互联网金融是新型金融业务模式"],
            "slides": [slide(chapter, index) for index in range(1, slides + 1)],
        } for chapter in range(1, chapters + 1)],
    }


def write_course(folder: Path, chapters: int, objectives: int, slides: int = 2) -> Path:
    """A course project in ``folder``; returns its outline's path."""
    source = folder / "source"
    source.mkdir(parents=True, exist_ok=True)
    path = source / "course.yaml"
    path.write_text(yaml.safe_dump(outline(chapters, objectives, slides), allow_unicode=True,
                                   sort_keys=False), encoding="utf-8")
    return path
