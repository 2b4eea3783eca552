"""The course itself: the seed's 32 pages, faithful, complete and ready to teach."""

from __future__ import annotations

import re

import pytest

from build_tools.outline.loader import load_outline
from build_tools.outline.model import Outline
from build_tools.plan import DeckPlan, make_plan
from tests.conftest import COURSE

SEED_CHAPTERS = [
    "互联网金融概述",
    "互联网金融平台介绍",
    "风险管理与信用评估方法论述",
    "产品创新与服务升级策略探讨",
    "行业案例分析与启示",
    "法律法规与监管要求解读",
]
SEED_TITLES = [
    ["定义与发展历程", "主要业务模式及特点", "市场现状及趋势分析", "监管政策与法规概述"],
    ["P2P网络借贷平台", "众筹融资平台", "第三方支付平台", "虚拟货币与区块链技术应用"],
    [
        "风险识别、评估及监控体系建立",
        "信用评分模型构建与应用实例分享",
        "反欺诈策略部署和效果评估",
        "合规性审查和自律机制建设",
    ],
    [
        "智能化投资理财产品设计思路展示",
        "消费者权益保护举措汇报",
        "客户服务流程优化成果分享",
        "线上线下渠道整合经验交流",
    ],
    ["成功企业案例剖析及启示意义", "失败企业原因总结及教训汲取", "跨界合作案例分享及未来趋势预测"],
    ["互联网金融相关法律法规梳理", "监管机构设置及职责划分说明", "监管政策调整对行业影响分析"],
]
BOILERPLATE = ["温馨提示", "下载", "版权", "人人文库", "继续免费阅读", "侵权", "本站", "已阅读"]


@pytest.fixture(scope="module")
def outline() -> Outline:
    return load_outline(COURSE)


@pytest.fixture(scope="module")
def plan(outline: Outline) -> DeckPlan:
    return make_plan(outline)


def _all_text(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _all_text(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _all_text(v)]
    return []


def test_it_has_the_seed_decks_32_pages_in_order(plan: DeckPlan) -> None:
    assert len(plan.slides) == 32
    assert plan.slides[0].kind == "title" and plan.slides[0].title == "2024年互联网金融培训资料"
    assert plan.slides[1].kind == "agenda" and plan.slides[1].title == "目录"
    assert [item.title for item in plan.slides[1].agenda] == SEED_CHAPTERS
    dividers = [s for s in plan.slides if s.kind == "divider"]
    assert [(s.number, s.subtitle, s.title) for s in dividers] == [
        (3, "01", SEED_CHAPTERS[0]),
        (8, "02", SEED_CHAPTERS[1]),
        (13, "03", SEED_CHAPTERS[2]),
        (18, "04", SEED_CHAPTERS[3]),
        (23, "05", SEED_CHAPTERS[4]),
        (27, "06", SEED_CHAPTERS[5]),
    ]
    assert plan.slides[-1].kind == "closing"


def test_every_seed_title_is_in_its_chapter_in_seed_order(plan: DeckPlan) -> None:
    for section, titles in zip(plan.chapter_sections(), SEED_TITLES, strict=True):
        content = [slide.title for slide in section.slides[1:]]
        assert content[: len(titles)] == titles
    last = plan.chapter_sections()[-1]
    assert len(last.slides) == 5  # page 31, written to close chapter 06


def test_the_title_page_carries_presenter_and_date(outline: Outline) -> None:
    assert outline.course.presenter == "XX"
    assert outline.course.date.isoformat() == "2024-02-05"


def test_the_lost_text_is_marked_supplementary(outline: Outline) -> None:
    chapter = outline.chapters[5]
    assert [s.supplementary for s in chapter.slides] == [False, False, True, True]
    impact = chapter.slides[2]
    assert "市场竞争加剧" in str(impact.model_dump())
    for slide in chapter.slides[2:]:
        assert any(note.label == "source" for note in slide.trainer)


def test_the_2024_updates_are_trainer_notes_not_slide_text(outline: Outline) -> None:
    updates = " ".join(
        note.text
        for c in outline.chapters
        for s in c.slides
        for note in s.trainer
        if note.label == "update"
    )
    assert "国家金融监督管理总局" in updates
    assert "2020" in updates
    assert "2024" in updates and "非银行支付机构监督管理条例" in updates
    regulators = outline.chapters[5].slides[1]
    assert "中国银保监会" in str(regulators.model_dump(exclude={"trainer", "notes"}))


def test_no_traditional_characters_pinyin_or_web_boilerplate(outline: Outline) -> None:
    import opencc  # the official binding, a runtime dependency

    converter = opencc.OpenCC("t2s")
    texts = _all_text(outline.model_dump(mode="json"))
    joined = "\n".join(texts)
    assert converter.convert(joined) == joined
    assert not re.search(r"[\u4e00-\u9fff]\([a-zü]+\)", joined), "pinyin residue"
    for word in BOILERPLATE:
        assert word not in joined, word


def test_every_slide_has_notes_and_every_content_slide_handout_text(plan: DeckPlan) -> None:
    for slide in plan.slides:
        assert 40 <= len(slide.notes) <= 300, (slide.number, len(slide.notes))
    for slide in plan.content_slides:
        assert slide.handout and 80 <= len(slide.handout) <= 320, slide.number


def test_minutes_add_up_to_the_declared_duration(plan: DeckPlan) -> None:
    assert plan.teaching_minutes == plan.course.duration


def test_each_chapter_is_ready_to_teach(outline: Outline) -> None:
    for chapter in outline.chapters:
        assert 2 <= len(chapter.objectives) <= 4
        assert chapter.discussion.question and chapter.discussion.hint
        assert chapter.takeaways


def test_the_quiz_covers_every_chapter_and_the_glossary_is_full(outline: Outline) -> None:
    assert 10 <= len(outline.quiz) <= 15
    assert {q.chapter for q in outline.quiz} == {c.number for c in outline.chapters}
    assert {q.type for q in outline.quiz} == {"single", "multiple", "truefalse"}
    assert len(outline.glossary) >= 20
    assert len(outline.references) >= 4


def test_the_slide_kinds_fit_the_content(plan: DeckPlan) -> None:
    kind = {slide.title: slide.kind for slide in plan.slides}
    assert kind["信用评分模型构建与应用实例分享"] == "process"
    assert kind["定义与发展历程"] == "timeline"
    assert kind["成功企业案例剖析及启示意义"] == "comparison"
    assert kind["失败企业原因总结及教训汲取"] == "comparison"
    assert kind["监管机构设置及职责划分说明"] == "table"
    assert "pillars" in kind.values()
    assert len({s.kind for s in plan.content_slides}) >= 5


def _slide_text(slide) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_built_deck_carries_the_seed_structure(built) -> None:  # type: ignore[no-untyped-def]
    from pptx import Presentation

    deck = Presentation(str(built / "course.pptx"))
    slides = list(deck.slides)
    assert len(slides) == 32
    title = _slide_text(slides[0])
    assert "2024年互联网金融培训资料" in title
    assert "XX" in title and "2024" in title and "2月5日" in title.replace(" ", "")
    agenda = _slide_text(slides[1])
    positions = [agenda.find(chapter) for chapter in SEED_CHAPTERS]
    assert -1 not in positions and positions == sorted(positions)
    for number, index in zip(range(1, 7), [2, 7, 12, 17, 22, 26], strict=True):
        text = _slide_text(slides[index])
        assert f"{number:02d}" in text and SEED_CHAPTERS[number - 1] in text.replace("\n", "")
    titles = [s.shapes.title.text_frame.text for s in slides]
    expected = [t for chapter in SEED_TITLES for t in chapter]
    found = [t for t in titles if t in expected]
    assert found == expected
    for slide in slides:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
