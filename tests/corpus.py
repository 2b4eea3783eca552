"""The bad-input corpus: each case turns the minimal valid project into a broken one.

Every case names the exact message an author sees (file:line:column: field: message) and
the exit status. ``python tests/corpus.py`` prints the table the README's troubleshooting
section shows, so the documentation is regenerated from the same cases the tests run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "valid" / "minimal"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    make: Callable[[Path], Path]  # given a copy of the minimal project, break it
    expected: str  # the first error line, after "error: "
    status: int = 2


def copy_project(target: Path) -> Path:
    shutil.copytree(MINIMAL, target, dirs_exist_ok=True)
    return target / "source" / "course.yaml"


def _edit(old: str, new: str, count: int = 1) -> Callable[[Path], Path]:
    def make(project: Path) -> Path:
        path = project / "source" / "course.yaml"
        text = path.read_text(encoding="utf-8")
        if old not in text:
            raise AssertionError(f"corpus case edits text that is not there: {old!r}")
        path.write_text(text.replace(old, new, count), encoding="utf-8")
        return path

    return make


def _write(content: bytes | str) -> Callable[[Path], Path]:
    def make(project: Path) -> Path:
        path = project / "source" / "course.yaml"
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return make


def _transcode(encoding: str, prefix: bytes = b"") -> Callable[[Path], Path]:
    def make(project: Path) -> Path:
        path = project / "source" / "course.yaml"
        path.write_bytes(prefix + path.read_text(encoding="utf-8").encode(encoding))
        return path

    return make


SLIDE = "      - id: definition\n        kind: bullets\n"
IMAGE_SLIDE = (
    "      - id: picture\n        kind: image\n        title: 图片\n"
    "        image: {{path: {path}, alt: 示意图}}\n        notes: 请看图。\n        minutes: 1\n"
)


def _image(path: str, setup: Callable[[Path], None] | None = None) -> Callable[[Path], Path]:
    edit = _edit(SLIDE, IMAGE_SLIDE.format(path=path) + SLIDE)

    def make(project: Path) -> Path:
        if setup:
            setup(project)
        return edit(project)

    return make


def _symlink_out(project: Path) -> None:
    (project / "assets").mkdir(exist_ok=True)
    os.symlink("/etc/hostname", project / "assets" / "link.png")


def _fake_png(project: Path) -> None:
    (project / "assets").mkdir(exist_ok=True)
    (project / "assets" / "fake.png").write_text("not an image", encoding="utf-8")


def _real_png(project: Path) -> None:
    (project / "assets").mkdir(exist_ok=True)
    (project / "assets" / "dot.png").write_bytes(PNG)


def _no_alt(project: Path) -> Path:
    _real_png(project)
    slide = IMAGE_SLIDE.format(path="assets/dot.png").replace(", alt: 示意图", "")
    return _edit(SLIDE, slide + SLIDE)(project)


def _padded(megabytes: int) -> Callable[[Path], Path]:
    def make(project: Path) -> Path:
        path = project / "source" / "course.yaml"
        text = path.read_text(encoding="utf-8")
        line = "# " + "填充" * 40 + "\n"  # 243 bytes of comment per line
        lines = megabytes * 1_000_000 // len(line.encode("utf-8"))
        path.write_text(text + line * lines, encoding="utf-8")
        return path

    return make


def _deep(project: Path) -> Path:
    path = project / "source" / "course.yaml"
    path.write_text("course: " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    return path


BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", "a", "b", "c", "d", "e", "f", "g"], "abcdefgh", strict=True)
)
CHART = (
    "      - id: figures\n        kind: chart\n        title: 图表\n"
    "        chart: {{type: {type}, categories: [甲, 乙], series: [{{name: 数据, values: {values}}}]}}\n"
    "        notes: 看数据。\n        minutes: 1\n"
)
QUIZ = (
    "quiz:\n  - chapter: {chapter}\n    type: single\n    question: 哪一项正确？\n"
    "    options: [甲, 乙]\n    answer: [{answer}]\n    explanation: 因为甲。\n"
)
F = "course.yaml"
CASES: list[Case] = [
    Case("syntax", "YAML syntax error (unclosed bracket)",
         _edit("objectives: [了解定义]", "objectives: [了解定义"),
         f"{F}:17:15: expected valid YAML; did not find expected ',' or ']' (while parsing a flow sequence that starts at line 16)"),
    Case("tab", "tab used for indentation", _edit("  presenter: 李老师", "\tpresenter: 李老师"),
         f"{F}:3:1: expected spaces for indentation; got a tab (YAML forbids tabs there)"),
    Case("duplicate-key", "the same key twice in one mapping",
         _edit("  presenter: 李老师\n", "  presenter: 李老师\n  presenter: 王老师\n"),
         f"{F}:4:3: course.presenter: duplicate key 'presenter' (first at line 3); YAML would silently keep only the last one"),
    Case("unknown-key", "a misspelt key", _edit("  audience:", "  audiense:"),
         f"{F}:6:3: course.audiense: unknown key 'audiense'; did you mean 'audience'?"),
    Case("unknown-key-far", "a key no model has",
         _edit("    takeaways:", "    colour: red\n    takeaways:"),
         f"{F}:18:5: chapters[0].colour: unknown key 'colour'; expected one of: discussion, divider, number, objectives, slides, takeaways, title"),
    Case("wrong-type", "minutes written as text", _edit("minutes: 15", "minutes: 15m"),
         f"{F}:27:18: chapters[0].slides[0].minutes: expected a whole number of minutes; got '15m'"),
    Case("wrong-type-list", "a list where text is expected", _edit("title: 最小课程", "title: [最小, 课程]"),
         f"{F}:2:10: course.title: expected text; got a list of 2"),
    Case("missing-field", "a required field left out", _edit("  audience: 新员工\n", ""),
         f"{F}:2:3: course.audience: expected a value for required field 'audience'; it is missing"),
    Case("empty", "an empty file", _write(""), f"{F}:1:1: expected a course outline; the file is empty"),
    Case("only-comments", "a file of comments only", _write("# nothing here\n"),
         f"{F}:1:1: expected a course outline; the file is empty"),
    Case("not-a-mapping", "a list at the top", _write("- a\n- b\n"),
         f"{F}:1:1: expected a mapping with 'course' and 'chapters' at the top; got list"),
    Case("gbk", "saved as GBK by a Windows editor", _transcode("gbk"),
         f"{F}:2:10: expected UTF-8 text; got byte 0xD7 (it looks like GBK/GB18030, as Chinese Windows editors save it): save the file as UTF-8"),
    Case("latin1", "saved as Latin-1", _write("course:\n  title: caf\xe9\n".encode("latin-1")),
         f"{F}:2:13: expected UTF-8 text; got byte 0xE9: save the file as UTF-8"),
    Case("ten-mb", "a 10 MB file (mostly comments; accepted: builds)", _padded(10), "", status=0),
    Case("huge", "a 20 MB file", _padded(20), f"{F}: expected an outline under 16 MB; got 20.0 MB"),
    Case("deep", "500 levels of nesting", _deep,
         f"{F}:1:49: course[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: expected nesting at most 40 levels deep"),
    Case("alias-bomb", "anchors and aliases that expand to millions of values", _write(BOMB),
         f"{F}:1:48: f[1][7][8][6][5][8]: expected at most 200,000 values; anchors and aliases expand to more (an alias bomb?)"),
    Case("python-tag", "a !!python/object tag",
         _edit("  presenter: 李老师", "  presenter: !!python/object/apply:os.system [ls]"),
         f"{F}:3:14: course.presenter: expected plain text, numbers, dates, lists or mappings; got tag '!!python/object/apply:os.system' (tags that build objects are not allowed)"),
    Case("binary-tag", "a !!binary tag", _edit("  presenter: 李老师", "  presenter: !!binary aGVsbG8="),
         f"{F}:3:14: course.presenter: expected plain text, numbers, dates, lists or mappings; got tag '!!binary' (tags that build objects are not allowed)"),
    Case("merge-key", "a YAML merge key", _edit("  title_slide: {", "  <<: {x: 1}\n  title_slide: {"),
         f"{F}:9:3: course: expected plain keys; merge keys ('<<') are not supported: write the fields out"),
    Case("control-character", "a control character in text", _edit("title: 最小课程", 'title: "最小\\x07课程"'),
         f"{F}:2:10: course.title: expected text without control characters; got U+0007 at character 3"),
    Case("long-bullet", "a 10,000-character bullet", _edit("text: 利用互联网技术", "text: " + "长" * 10_000 + "利用互联网技术"),
         f"{F}:24:30: chapters[0].slides[0].points[0].text: expected at most 2000 characters; got 10023"),
    Case("duplicate-id", "two slides with one id",
         _edit(SLIDE, SLIDE.replace("kind: bullets", "kind: quote\n        title: 引言\n        quote: {text: 合规。}\n        notes: 强调。\n        minutes: 1") + SLIDE),
         f"{F}:26:13: chapters[0].slides[1].id: expected a unique slide id; 'definition' is already used by chapters[0].slides[0]"),
    Case("duplicate-title", "two slides with one title",
         _edit(SLIDE, "      - id: other\n        kind: quote\n        title: 定义\n        quote: {text: 合规。}\n        notes: 强调。\n        minutes: 1\n" + SLIDE),
         f"{F}:28:16: chapters[0].slides[1].title: expected a unique slide title (screen readers and the contents list need it); '定义' is already used by chapters[0].slides[0]"),
    Case("bad-id", "a slide id with capitals and spaces", _edit("id: definition", "id: My Slide"),
         f"{F}:20:13: chapters[0].slides[0].id: expected a slide id of lowercase letters, digits and '-' (like 'market-trends'); got 'My Slide'"),
    Case("unknown-kind", "a misspelt slide kind", _edit("kind: bullets", "kind: bulets"),
         f"{F}:20:9: chapters[0].slides[0]: expected kind to be one of: bullets, comparison, pillars, table, process, timeline, quote, image, chart; got 'bulets'; did you mean 'bullets'?"),
    Case("image-dotdot", "an image path with ../", _image("../outside.png"),
         f"{F}:23:23: chapters[0].slides[0].image.path: expected a path inside the project folder; got '../outside.png' with '..'"),
    Case("image-absolute", "an absolute image path", _image("/etc/passwd"),
         f"{F}:23:23: chapters[0].slides[0].image.path: expected a path relative to the project folder; got absolute '/etc/passwd'"),
    Case("image-symlink", "a symlink that points out of the project", _image("assets/link.png", _symlink_out),
         F + ":23:23: chapters[0].slides[0].image.path: expected a file inside the project folder {project}; 'assets/link.png' leads to /etc/hostname"),
    Case("image-missing", "an image that does not exist", _image("assets/none.png"),
         f"{F}:23:23: chapters[0].slides[0].image.path: expected an image file; 'assets/none.png' does not exist"),
    Case("image-fake", "a .png file that is not an image", _image("assets/fake.png", _fake_png),
         f"{F}:23:23: chapters[0].slides[0].image.path: expected a PNG, JPEG or GIF image; 'assets/fake.png' is not one (UnidentifiedImageError)"),
    Case("image-no-alt", "an image without alt text",
         _no_alt,
         f"{F}:23:16: chapters[0].slides[0].image.alt: expected a value for required field 'alt'; it is missing"),
    Case("chart-nan", "chart data with NaN", _edit(SLIDE, CHART.format(type="column", values="[1, .nan]") + SLIDE),
         f"{F}:23:79: chapters[0].slides[0].chart.series[0].values: expected finite numbers; got nan at values[1]"),
    Case("chart-negative-pie", "a negative pie slice", _edit(SLIDE, CHART.format(type="pie", values="[3, -1]") + SLIDE),
         f"{F}:23:16: chapters[0].slides[0].chart: expected no negative pie slices; got -1.0"),
    Case("quiz-answer", "a quiz answer that is not among the options",
         lambda p: _append(p, QUIZ.format(chapter=1, answer="丙")),
         f"{F}:29:5: quiz[0]: expected the answer to be one of ['甲', '乙']; got '丙'"),
    Case("quiz-chapter", "a quiz question for a chapter that does not exist",
         lambda p: _append(p, QUIZ.format(chapter=7, answer="甲")),
         f"{F}:29:14: quiz[0].chapter: expected one of the chapters 1; got 7"),
    Case("negative-minutes", "negative minutes", _edit("minutes: 15", "minutes: -5"),
         f"{F}:27:18: chapters[0].slides[0].minutes: expected a number greater than 0; got -5 (int)"),
    Case("empty-chapter", "a chapter with no slides",
         lambda p: _cut_slides(p),
         f"{F}:19:13: chapters[0].slides: expected at least 1 items; got 0"),
    Case("unquoted-time", "a start time YAML reads as a number", _edit('start: "09:00"', "start: 9:00"),
         f"{F}:8:10: course.start: expected a 24-hour time in quotes, like \"09:00\"; got 540 (YAML reads an unquoted 9:00 as the number 540)"),
    Case("bad-date", "a date that does not exist", _edit("date: 2024-02-05", "date: 2024-02-30"),
         f"{F}:5:9: course.date: expected a valid date; day is out of range for month"),
    Case("chapter-order", "chapters numbered out of order", _edit("  - number: 1", "  - number: 2"),
         f"{F}:13:13: chapters[0].number: expected 1 (chapters are numbered 1, 2, 3 … in order); got 2"),
    Case("table-shape", "a table row with too few cells",
         _edit(SLIDE, "      - id: grid\n        kind: table\n        title: 表\n        table: {columns: [甲, 乙], rows: [[一]]}\n        notes: 看表。\n        minutes: 1\n" + SLIDE),
         f"{F}:23:16: chapters[0].slides[0].table: expected 2 cells in rows[0] (one per column); got 1"),
    Case("two-documents", "two YAML documents in one file", lambda p: _append(p, "---\nmore: 1\n"),
         f"{F}:28:1: expected valid YAML; expected a single document in the stream, but found another document"),
    Case("bom", "a UTF-8 byte-order mark (accepted: builds)", _transcode("utf-8", b"\xef\xbb\xbf"),
         "", status=0),
]


def _append(project: Path, text: str) -> Path:
    path = project / "source" / "course.yaml"
    with path.open("a", encoding="utf-8") as stream:
        stream.write(text)
    return path


def _cut_slides(project: Path) -> Path:
    path = project / "source" / "course.yaml"
    text = path.read_text(encoding="utf-8")
    head = text[: text.index("    slides:\n")]
    path.write_text(head + "    slides: []\n", encoding="utf-8")
    return path


def table() -> str:
    """The README's troubleshooting table, generated from the cases."""
    rows = ["| case | what the author did | exit | message |", "| --- | --- | --- | --- |"]
    for case in CASES:
        message = case.expected.replace("|", "\\|") or "(builds)"
        rows.append(f"| `{case.name}` | {case.what} | {case.status} | `{message}` |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
