"""Specs for the design layer: one design per slide, shared; space used as a designer would."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from build_tools.backends.base import Context
from build_tools.design import Designer, SlideDesign, boxes
from build_tools.measure import NO_START, Paragraph, Run
from build_tools.options import Options
from build_tools.outline.model import BulletsSlide, Point
from build_tools.pipeline import designed, prepare, prepare_located, render
from tests.conftest import ALLKINDS, COURSE, edited_allkinds


@pytest.fixture(scope="module")
def context() -> Context:
    return designed(prepare(ALLKINDS))


def designer(context: Context) -> Designer:
    assert context.layouts is not None
    return Designer(context.plan, context.theme, context.layouts, context.measurer,
                    context.project)


def slide_of(context: Context, kind: str) -> Any:
    return next(s for s in context.plan.slides if s.kind == kind)


def body_size(design: SlideDesign) -> float:
    body = next(b for b in design.boxes if b.field == "points" and b.text is not None)
    assert body.text is not None
    return body.text.size_pt


def with_points(planned: Any, points: list[Point]) -> Any:
    content = planned.content.model_copy(update={"points": points})
    assert isinstance(content, BulletsSlide)
    return dataclasses.replace(planned, content=content)


class TestBulletSizes:
    def test_it_sets_a_sparse_slide_larger_than_a_full_one(self, context: Context) -> None:
        planned = slide_of(context, "bullets")
        sparse = with_points(planned, [Point(text="便捷性"), Point(text="高效性")])
        full = with_points(planned, [
            Point(lead=f"要点{i}", text="互联网金融是利用互联网技术实现资金融通、支付、投资和"
                  "信息中介服务的新型金融业务模式", sub=["随时随地", "处理速度快"])
            for i in range(6)])
        make = designer(context)
        sparse_size, full_size = body_size(make.design(sparse)), body_size(make.design(full))
        assert sparse_size > full_size
        assert sparse_size == context.theme.design.body_max  # grows up to the theme's range
        assert full_size >= context.theme.type_scale.body_min
        assert sparse_size > context.theme.type_scale.body  # above the old fixed 20 pt

    def test_it_balances_a_sparse_list_below_the_title(self, context: Context) -> None:
        planned = with_points(slide_of(context, "bullets"), [Point(text="便捷性")])
        body = next(b for b in designer(context).design(planned).boxes if b.field == "points")
        assert body.text is not None
        assert body.text.insets_pt[1] > 40  # pushed towards the optical centre, not hanging


class TestBalancedLines:
    def test_it_leaves_no_character_alone_on_a_title_s_last_line(self, context: Context) -> None:
        measurer = context.measurer
        text = "2024年互联网金融合规培训"
        title = [Paragraph((Run(text, True),))]
        width = measurer.width_pt(text[:-1], 30, bold=True) + 5  # all but the last fits
        greedy = measurer.break_lines(title[0], width, 30)
        assert len(greedy[-1]) == 1  # the defect: "…合规培 / 训"
        lines = measurer.break_lines(title[0], measurer.balanced_width(title, width, 30), 30)
        assert len(lines) == len(greedy)
        assert all(len(line) > 2 for line in lines)

    def test_it_keeps_a_two_character_word_whole_where_another_break_fits(
            self, context: Context) -> None:
        measurer = context.measurer
        title = [Paragraph((Run("2024年互联网金融培训资料", True),))]
        lines = measurer.break_lines(title[0], measurer.balanced_width(title, 250, 35), 35)
        assert lines == ["2024年互联网", "金融培训资料"]

    def test_it_never_starts_a_balanced_line_with_closing_punctuation(self,
                                                                context: Context) -> None:
        measurer = context.measurer
        text = [Paragraph((Run("整理、清洗原始数据，形成可用数据"),))]
        lines = measurer.break_lines(text[0], measurer.balanced_width(text, 190, 16), 16)
        assert len(lines) == 2 and not any(line[0] in NO_START for line in lines)

    def test_it_narrows_a_wrapped_title_to_its_balanced_width(self, context: Context) -> None:
        planned = dataclasses.replace(slide_of(context, "bullets"),
                                      title="风险管理与信用评估方法论述及其在信贷审批、"
                                      "风险控制、市场营销和客户服务中的应用场景与实践经验分析总结")
        title = next(b for b in designer(context).design(planned).boxes if b.role == "title")
        assert title.text is not None and len(title.text.lines[0]) == 2
        first, last = title.text.lines[0]
        assert abs(len(first) - len(last)) <= 4  # greedy would leave a short last line
        assert title.text.insets_pt[2] > 7.2  # the right inset narrows the text area

    def test_it_balances_a_centred_two_line_step_caption(self, context: Context) -> None:
        """Seen in renders: a centred step title or note wrapping into a ragged centred
        second line (a long first line, one or two characters under it)."""
        from build_tools.outline.model import Step

        planned = slide_of(context, "process")
        steps = [Step(title="数据预处理与清洗整理", text="清洗与整理原始数据并统一字段格式后入库"),
                 Step(title="特征选择与降维处理", text="筛选变量"),
                 Step(title="模型训练与参数调优"), Step(title="模型评估与上线监控")]
        content = planned.content.model_copy(update={"steps": steps})
        design = designer(context).design(dataclasses.replace(planned, content=content))
        wrapped = []
        for box in design.boxes:
            if box.text is None or not box.field.startswith("steps["):
                continue
            lines = box.text.lines[-1]  # the title (after the step number), or the note
            if len(lines) == 2:
                wrapped.append(lines)
                assert abs(len(lines[0]) - len(lines[1])) <= 2, (box.field, lines)
        assert len(wrapped) >= 3  # the captions above really wrap


class TestSlideDesigns:
    def test_it_sets_divider_objectives_at_18_pt_or_more(self, context: Context) -> None:
        assert context.designs is not None
        for design in context.designs.slides:
            for box in design.boxes:
                if box.field == "objectives":
                    assert box.text is not None and box.text.size_pt >= 18

    def test_it_gives_a_table_the_width_it_needs_centred(self, context: Context) -> None:
        assert context.designs is not None and context.layouts is not None
        table = next(b for d in context.designs.slides for b in d.boxes if b.table is not None)
        area = context.layouts.roles["table"].content
        assert table.width_pt <= area.w + 0.01
        left, right = table.x_pt - area.x, area.right - (table.x_pt + table.width_pt)
        assert abs(left - right) < 0.5
        assert table.table is not None
        assert abs(sum(table.table.column_widths_pt) - table.width_pt) < 0.01

    def test_it_places_every_box_on_the_slide(self, context: Context) -> None:
        assert context.designs is not None
        for design in context.designs.slides:
            for box in design.boxes:
                assert box.x_pt >= -0.5 and box.x_pt + box.width_pt <= design.width_pt + 0.5
                assert box.y_pt >= -0.5 and box.y_pt + box.height_pt <= design.height_pt + 0.5

    def test_it_is_plain_json(self, context: Context) -> None:
        assert context.designs is not None
        data = json.loads(context.designs.slides[4].to_json())
        assert data["number"] == 5 and data["boxes"][0]["role"] in boxes.ROLES
        assert all(box["role"] in boxes.ROLES for box in data["boxes"])

    def test_it_takes_the_layouts_from_the_template_in_use(self, tmp_path: Path) -> None:
        from pptx import Presentation
        from pptx.util import Emu

        from build_tools.theme import load_theme

        house = load_theme().path(load_theme().deck.template)
        prs = Presentation(str(house))
        prs.slide_width, prs.slide_height = Emu(9144000), Emu(6858000)  # 4:3, 720 x 540 pt
        custom = tmp_path / "custom.pptx"
        prs.save(str(custom))
        made = designed(prepare(ALLKINDS, Options(template=custom)))
        assert made.designs is not None
        assert {d.width_pt for d in made.designs.slides} == {720.0}


class TestOneDesignForEveryBackend:
    def test_it_designs_once_and_both_backends_draw_the_same_objects(
            self, monkeypatch: pytest.MonkeyPatch) -> None:
        import build_tools.design as design_module
        from build_tools.backends.deck.backend import DeckBackend
        from build_tools.backends.handout import miniature

        calls = []
        design_deck = design_module.design_deck

        def counting(*args: Any) -> Any:
            calls.append(1)
            return design_deck(*args)

        drawn: dict[str, set[int]] = {"deck": set(), "handout": set()}
        slide = DeckBackend._slide

        def deck_slide(self: Any, build: Any, planned: Any, design: SlideDesign) -> int:
            drawn["deck"].add(id(design))
            return slide(self, build, planned, design)

        init = miniature.Miniature.__init__

        def mini_init(self: Any, design: SlideDesign, *args: Any, **kwargs: Any) -> None:
            drawn["handout"].add(id(design))
            init(self, design, *args, **kwargs)

        monkeypatch.setattr(design_module, "design_deck", counting)
        monkeypatch.setattr(DeckBackend, "_slide", deck_slide)
        monkeypatch.setattr(miniature.Miniature, "__init__", mini_init)
        monkeypatch.setenv("COURSE_JOBS", "1")  # in this process, to see the objects
        context, located = prepare_located(COURSE, Options(layout="notes"))
        render(context, ["slides", "handout"], located)
        assert len(calls) == 1
        assert drawn["deck"] and drawn["deck"] == drawn["handout"]


class TestMiniatureText:
    def test_it_draws_text_that_overflows_whole_never_cut(self) -> None:
        """With --allow-overflow a slide may carry more text than fits; its miniature
        shows all of it, as the slide does, rather than dropping lines."""
        import io
        import re

        from pypdf import PdfReader

        from build_tools.backends.handout.backend import HandoutBackend

        base = prepare(ALLKINDS, Options(allow_overflow=True, layout="notes"))
        planned = slide_of(base, "bullets")
        crowded = with_points(planned, [
            Point(lead=f"第{i}点", text="互联网金融是利用互联网技术实现资金融通、支付、投资和信息"
                  "中介服务的新型金融业务模式，覆盖支付、借贷、理财等众多领域",
                  sub=["随时随地办理", "处理速度快", "门槛低"])
            for i in range(1, 9)])
        slides = tuple(crowded if s is planned else s for s in base.plan.slides)
        context = designed(dataclasses.replace(
            base, plan=dataclasses.replace(base.plan, slides=slides)))
        assert context.designs is not None and context.designs.problems  # it overflows
        body = next(b for b in context.designs.of(planned.number).boxes if b.field == "points")
        assert body.text is not None and body.text.overflow_pt > 0
        pdf = PdfReader(io.BytesIO(HandoutBackend().render(context).outputs[0].data))
        text = re.sub(r"\s+", "", "".join(page.extract_text() for page in pdf.pages))
        for lines in body.text.lines:
            for line in lines:
                assert re.sub(r"\s+", "", line) in text


class TestBodyText:
    def test_it_leaves_no_bullet_ending_with_one_character_alone(self,
                                                                context: Context) -> None:
        measurer = context.measurer
        text = "主要包括市场准入、业务规范、风险防范、信息披露与消费者权益保护等方面"
        width = measurer.width_pt(text[:-1], 20) + 3  # greedy: "…方 / 面"
        paragraph = Paragraph((Run(text),))
        assert len(measurer.break_lines(paragraph, width, 20)[-1]) == 1
        narrower = measurer.balanced_width([paragraph], width, 20, even=False)
        lines = measurer.break_lines(paragraph, narrower, 20)
        assert len(lines) == 2 and len(lines[-1]) > 1
        assert narrower > width * 0.85  # body text keeps most of its width

    def test_it_keeps_the_full_width_when_nothing_is_alone(self, context: Context) -> None:
        paragraph = Paragraph((Run("主要包括市场准入、业务规范、风险防范等方面"),))
        assert context.measurer.balanced_width([paragraph], 150, 20, even=False) == 150


def test_a_process_steps_note_is_centred_under_its_label() -> None:
    """Under the step's label, not under the whole chevron: a chevron's text rectangle is
    inset by its point at both ends, the first (flat-backed) step's at its tip only."""
    from build_tools.design.sketch import text_rect

    checked = 0
    for source in (COURSE, ALLKINDS):
        context = designed(prepare(source))
        assert context.designs is not None
        for design in context.designs.slides:
            steps = {b.name: b for b in design.boxes if b.geometry in ("homePlate", "chevron")}
            for box in design.boxes:
                if not box.field.endswith(".text") or not box.field.startswith("steps["):
                    continue
                step = steps[box.field.removesuffix(".text")]
                label = text_rect(step.geometry, boxes_rect(step), step.adjust)
                assert box.x_pt + box.width_pt / 2 == pytest.approx(
                    label.x + label.w / 2, abs=0.5), (design.number, box.field)
                checked += 1
    assert checked >= 4


def boxes_rect(box: boxes.Box) -> Any:
    from build_tools.design.geometry import Rect

    return Rect(box.x_pt, box.y_pt, box.width_pt, box.height_pt)


def test_a_table_column_is_as_wide_as_its_code_in_the_monospace_face(tmp_path: Path) -> None:
    """Found in a trial course: a cell `mail.example.com` was given the width of the text in
    the body face, so the deck broke it as ``mail.example.co`` / ``m``."""
    import shutil

    english = ALLKINDS.parent.parent.parent / "english"
    shutil.copytree(english, tmp_path / "project")
    source = tmp_path / "project" / "source" / "course.yaml"
    text = source.read_text(encoding="utf-8")
    old = text[text.index("          columns: [Supervisor"):text.index("        notes: Go through")]
    source.write_text(text.replace(old, (
        "          columns: [System, Use, Ask]\n          rows:\n"
        "            - [Core banking, Accounts, IT desk]\n"
        '            - [Mail, "`mail.example.com`", IT desk]\n')), encoding="utf-8")
    context = designed(prepare(source))
    assert context.designs is not None
    planned = next(s for s in context.plan.slides if s.kind == "table")
    (table,) = [b.table for b in context.designs.slides[planned.number - 1].boxes if b.table]
    assert table.cells[2][1].text.lines == (("mail.example.com",),)


def test_an_overflow_names_its_box_counting_from_one_as_its_path_does(tmp_path: Path) -> None:
    """Found in a trial course: ``…events[2].label …: text overflows box 'events[1].label'``
    (the path from 1, the box from 0)."""
    from build_tools.errors import BuildFailure
    from build_tools.pipeline import build

    source = edited_allkinds(tmp_path, {
        "- {title: 特征选择}": "- {title: " + "特征选择与变量筛选" * 12 + "}"})
    with pytest.raises(BuildFailure) as failure:
        build(source, tmp_path / "out", ["slides"], force=True)
    [problem] = failure.value.problems
    assert "steps[1]" in problem.path  # the code's path, from 0; shown from 1
    assert "box 'steps[2]'" in problem.message, problem.message


def test_a_process_step_widens_so_its_note_takes_two_lines_not_many(context: Context) -> None:
    """Found in a trial course: short step titles made narrow steps, and their notes ran
    to four or five short lines under them."""
    from build_tools.outline.model import ProcessSlide, Step

    planned = slide_of(context, "process")
    note = "收到可疑交易提示后先核实客户身份再上报"
    steps = [Step(title=title, text=note) for title in ("识别", "核实", "上报")]
    content = planned.content.model_copy(update={"steps": steps, "points": []})
    assert isinstance(content, ProcessSlide)
    design = Designer(context.plan, context.theme, context.layouts, context.measurer,
                      context.project).design(dataclasses.replace(planned, content=content))
    notes = [b for b in design.boxes if b.field.startswith("steps[") and b.field.endswith(".text")]
    assert len(notes) == 3
    for box in notes:
        assert box.text is not None and len(box.text.lines[0]) <= 2, box.text.lines


def test_a_link_in_a_table_cell_takes_the_hyperlink_colour(context: Context) -> None:
    from build_tools.outline.inline import parse
    from build_tools.outline.model import TableSlide

    planned = slide_of(context, "table")
    table = planned.content.table
    rows = [list(row) for row in table.rows]
    rows[0][1] = parse("见[官网](https://example.com/t)")
    content = planned.content.model_copy(
        update={"table": table.model_copy(update={"rows": rows})})
    assert isinstance(content, TableSlide)
    designer = Designer(context.plan, context.theme, context.layouts, context.measurer,
                        context.project)
    design = designer.design(dataclasses.replace(planned, content=content))
    [box] = [b for b in design.boxes if b.table is not None]
    assert box.table is not None
    spans = box.table.cells[1][1].text.paragraphs[0].spans
    assert [(s.text, s.colour, s.link) for s in spans] == [
        ("见", context.theme.colours.text, None),
        ("官网", designer.palette.link, "https://example.com/t")]
