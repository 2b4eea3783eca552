"""Property-based: any valid outline builds, and the deck matches the plan; any broken
outline is refused with a located message and exit status 2."""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from build_tools.backends.handout.fonts import handout_texts
from build_tools.cli import main
from build_tools.measure import Measurer
from build_tools.outline.loader import load_outline
from build_tools.outline.source import dump
from build_tools.plan import make_plan
from build_tools.theme import load_theme
from tests.package_checks import problems

THEME = load_theme()
MEASURER = Measurer.from_paths(THEME.regular_font, THEME.bold_font)
SETTINGS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

VALIDATED: list[Path] = []  # the decks built so far, for sampling the schema check
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
EMOJI = st.sampled_from(["😀", "🚀", "💰", "📈"])
RTL = st.sampled_from(list("שלוםمرحبا"))
MARKUP = st.sampled_from(
    ["<", ">", "&", "</para>", "<b>", "<script>", '"', "'", "|", "*", "#", "_", "{{", "}}", "%"]
)
LATIN = st.text(string.ascii_letters + string.digits, min_size=1, max_size=30)
PIECE = st.one_of(CJK, CJK, CJK, EMOJI, RTL, MARKUP, LATIN)


@st.composite
def texts(draw: Any, max_pieces: int = 8) -> str:
    text = "".join(draw(st.lists(PIECE, min_size=1, max_size=max_pieces)))
    text = text.strip()
    return text or "文"


def slide(draw: Any, index: int) -> dict[str, Any]:
    kind = draw(
        st.sampled_from(
            ["bullets", "comparison", "pillars", "table", "process", "timeline", "quote", "chart"]
        )
    )
    small = lambda: draw(texts(4))  # noqa: E731
    base: dict[str, Any] = {
        "id": f"s{index}",
        "kind": kind,
        "title": f"第{index}页{small()}",
        "notes": small(),
        "minutes": draw(st.integers(1, 20)),
    }
    if draw(st.booleans()):
        base["handout"] = draw(texts(10))
    if kind == "bullets":
        base["points"] = [
            {"lead": small(), "text": small()} for _ in range(draw(st.integers(1, 3)))
        ]
    elif kind == "comparison":
        base["columns"] = [{"heading": small(), "points": [small()]} for _ in range(2)]
    elif kind == "pillars":
        base["pillars"] = [{"heading": small(), "points": [small()]} for _ in range(3)]
    elif kind == "table":
        base["table"] = {"columns": [small(), small()], "rows": [[small(), small()]]}
    elif kind == "process":
        base["steps"] = [{"title": small()} for _ in range(draw(st.integers(2, 4)))]
    elif kind == "timeline":
        base["events"] = [{"label": small(), "title": small()} for _ in range(3)]
    elif kind == "quote":
        base["quote"] = {"text": small()}
    else:
        base["chart"] = {
            "type": "column",
            "categories": ["甲", "乙"],
            "series": [{"name": small(), "values": [1.5, 2]}],
        }
    return base


@st.composite
def outlines(draw: Any) -> dict[str, Any]:
    chapters = []
    index = 0
    for number in range(1, draw(st.integers(1, 4)) + 1):
        slides = []
        for _ in range(draw(st.integers(1, 4))):
            index += 1
            slides.append(slide(draw, index))
        chapters.append(
            {
                "number": number,
                "title": f"第{number}章{draw(texts(3))}",
                "divider": {"notes": draw(texts(4)), "minutes": 1},
                "objectives": [draw(texts(4))],
                "takeaways": [draw(texts(4))],
                "discussion": {"question": draw(texts(4)), "hint": draw(texts(4))},
                "slides": slides,
            }
        )
    generated = {"notes": draw(texts(4)), "minutes": 1}
    return {
        "course": {
            "title": draw(texts(4)),
            "presenter": draw(texts(2)),
            "organisation": "培训部",
            "date": "2024-02-05",
            "audience": draw(texts(3)),
            "duration": 60,
            "start": "09:00",
            "title_slide": generated,
            "agenda_slide": {**generated, "title": "目录"},
            "closing_slide": {**generated, "title": "谢谢"},
        },
        "chapters": chapters,
    }


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    source = tmp_path / "source" / "course.yaml"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(dump(data), encoding="utf-8")  # quoted where YAML 1.1 and 1.2 differ
    return source


@SETTINGS
@given(data=outlines())
def test_any_valid_outline_builds_and_the_deck_follows_the_plan(
    data: dict[str, Any], tmp_path_factory: Any
) -> None:
    tmp = tmp_path_factory.mktemp("valid")
    source = _write(tmp, data)
    out = tmp / "out"
    assert (
        main(
            [
                "build",
                "slides",
                "notes",
                "--source",
                str(source),
                "--out",
                str(out),
                "--allow-overflow",
            ]
        )
        == 0
    )
    plan = make_plan(load_outline(source))
    deck = Presentation(str(out / "course.pptx"))
    assert len(deck.slides) == len(plan.slides)
    namespace = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"
    names = [s.get("name") for s in deck.part._element.findall(f".//{namespace}section")]
    assert names == [section.name for section in plan.sections]
    # A generated deck opens in PowerPoint without repair (schema, ids, relationships):
    # checked on every third example, as a check costs about 0.7 s even for a small deck.
    VALIDATED.append(out)
    if len(VALIDATED) % 3 == 1:
        assert problems(out / "course.pptx") == []
    # The handout builds unless a character is missing from its font: then it is refused
    # with that character named (reportlab would silently draw nothing).
    text = "".join(text for _, text in handout_texts(plan))
    missing = MEASURER.missing(text)
    status = main(["build", "handout", "--source", str(source), "--out", str(out)])
    assert status == (2 if missing else 0)


BREAKS = [
    ("drop", "course.audience"),
    ("drop", "chapters.0.title"),
    ("drop", "chapters.0.slides.0.id"),
    ("extra", "course"),
    ("extra", "chapters.0"),
    ("extra", "chapters.0.slides.0"),
    ("type", "course.duration"),
    ("type", "chapters.0.slides.0.minutes"),
    ("type", "chapters.0.number"),
    ("type", "course.title"),
]


@SETTINGS
@given(
    data=outlines(),
    how=st.sampled_from(BREAKS),
    junk=st.sampled_from(["四十五", "45m", None, [1, 2], {"a": 1}]),
)
def test_any_broken_outline_exits_2_with_a_location(
    data: dict[str, Any], how: tuple[str, str], junk: Any, tmp_path_factory: Any, capsys: Any
) -> None:
    action, where = how
    *parents, last = [int(p) if p.isdigit() else p for p in where.split(".")]
    node: Any = data
    for part in parents:
        node = node[part]
    if action == "drop":
        del node[last]
    elif action == "extra":
        node[last]["colour"] = "red"
    else:
        node[last] = junk if not (where == "course.title" and isinstance(junk, str)) else [junk]
    source = _write(tmp_path_factory.mktemp("broken"), data)
    capsys.readouterr()
    assert main(["check", "--source", str(source)]) == 2
    first = capsys.readouterr().err.splitlines()[0]
    assert re.match(
        rf"error: {re.escape(str(source))}:\d+:\d+: \S+( \(slide .*\))?: expected"
        r"|error: .*unknown key",
        first,
    ), first
