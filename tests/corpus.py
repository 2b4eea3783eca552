"""The bad-input corpus: each case turns the minimal valid project into a broken one.

Every case names the exact message an author sees (file:line:column: field: message) and
the exit status. A case may also pass arguments (``--out``, ``--template``), set the
environment or give another command. ``python tests/corpus.py`` prints the table the
README's troubleshooting section shows, and ``python tests/corpus.py --readme`` writes it
into the README, so the documentation is regenerated from the same cases the tests run.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import sys
import zipfile
import zlib
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
    expected: str  # the first error line, after "error: " ("warning: …" for a warning)
    status: int = 2
    command: str = "stats"  # what the message test runs; the build test always builds
    extra: Callable[[Path], list[str]] | None = None  # more arguments, given the project
    env: tuple[tuple[str, str], ...] = ()  # environment variables set for the run

    def argv(self, project: Path, source: Path, command: str | None = None) -> list[str]:
        """The command line: ``command`` (default the case's) with the case's arguments."""
        command = command or self.command
        more = self.extra(project) if self.extra else []
        if command == "schema":
            return ["schema", *more]
        return [command, "--source", str(source), *more]


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
         f"{F}:17:15: expected valid YAML; did not find expected ',' or ']' (while parsing a flow sequence that starts at line 16): close the brackets; inside {{ }} and [ ], put text holding [ ] {{ }} or a comma in quotes (text: \"see [the guide](https://…)\")"),
    Case("tab", "tab used for indentation", _edit("  presenter: 李老师", "\tpresenter: 李老师"),
         f"{F}:3:1: expected spaces for indentation; got a tab (YAML forbids tabs there)"),
    Case("duplicate-key", "the same key twice in one mapping",
         _edit("  presenter: 李老师\n", "  presenter: 李老师\n  presenter: 王老师\n"),
         f"{F}:4:3: course.presenter: duplicate key 'presenter' (first at line 3); YAML would silently keep only the last one"),
    Case("unknown-key", "a misspelt key", _edit("  audience:", "  audiense:"),
         f"{F}:6:3: course.audiense: unknown key 'audiense'; did you mean 'audience'?"),
    Case("unknown-key-far", "a key no model has",
         _edit("    takeaways:", "    colour: red\n    takeaways:"),
         F + ":18:5: chapters[1].colour: unknown key 'colour'; expected one of: discussion, divider, number, objectives, slides, takeaways, title"),
    Case("wrong-type", "minutes written as text", _edit("minutes: 15", "minutes: 15m"),
         F + ":27:18: chapters[1].slides[1].minutes (slide 4 '定义'): expected a whole number of minutes; got '15m': write the number alone, minutes: 15"),
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
    Case("huge", "a 20 MB file", _padded(20), F + ': expected an outline file under 16 MB; got 20.0 MB'),
    Case("deep", "500 levels of nesting", _deep,
         F + ':1:49: course[1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1][1]: expected nesting at most 40 levels deep'),
    Case("alias-bomb", "anchors and aliases that expand to millions of values", _write(BOMB),
         F + ':1:48: f[2][8][9][7][6][9]: expected at most 200,000 values; anchors and aliases expand to more (an alias bomb?)'),
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
         F + ":24:30: chapters[1].slides[1].points[1].text (slide 4 '定义'): expected at most 2000 characters; got 10023"),
    Case("duplicate-id", "two slides with one id",
         _edit(SLIDE, SLIDE.replace("kind: bullets", "kind: quote\n        title: 引言\n        quote: {text: 合规。}\n        notes: 强调。\n        minutes: 1") + SLIDE),
         F + ":26:13: chapters[1].slides[2].id (slide 5 '定义'): expected a unique slide id; 'definition' is already used by chapters[1].slides[1]"),
    Case("duplicate-title", "two slides with one title",
         _edit(SLIDE, "      - id: other\n        kind: quote\n        title: 定义\n        quote: {text: 合规。}\n        notes: 强调。\n        minutes: 1\n" + SLIDE),
         F + ":28:16: chapters[1].slides[2].title (slide 5 '定义'): expected a unique slide title (screen readers and the contents list need it); '定义' is already used by chapters[1].slides[1]"),
    Case("bad-id", "a slide id with capitals and spaces", _edit("id: definition", "id: My Slide"),
         F + ":20:13: chapters[1].slides[1].id (slide 4 '定义'): expected a slide id of lowercase letters, digits and '-' (like 'market-trends'); got 'My Slide'"),
    Case("unknown-kind", "a misspelt slide kind", _edit("kind: bullets", "kind: bulets"),
         F + ":20:9: chapters[1].slides[1] (slide 4 '定义'): expected kind to be one of: bullets, comparison, pillars, table, process, timeline, quote, image, chart; got 'bulets'; did you mean 'bullets'?"),
    Case("image-dotdot", "an image path with ../", _image("../outside.png"),
         F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected a path inside the project folder; got '../outside.png' with '..'"),
    Case("image-absolute", "an absolute image path", _image("/etc/passwd"),
         F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected a path relative to the project folder; got absolute '/etc/passwd'"),
    Case("image-symlink", "a symlink that points out of the project", _image("assets/link.png", _symlink_out),
         F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected a file inside the project folder {project}; 'assets/link.png' leads to /etc/hostname"),
    Case("image-missing", "an image that does not exist", _image("assets/none.png"),
         F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected an image file; 'assets/none.png' does not exist"),
    Case("image-fake", "a .png file that is not an image", _image("assets/fake.png", _fake_png),
         F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected a PNG, JPEG or GIF image; 'assets/fake.png' is not one (UnidentifiedImageError)"),
    Case("image-no-alt", "an image without alt text",
         _no_alt,
         F + ":23:16: chapters[1].slides[1].image.alt (slide 4 '图片'): expected a value for required field 'alt'; it is missing"),
    Case("chart-nan", "chart data with NaN", _edit(SLIDE, CHART.format(type="column", values="[1, .nan]") + SLIDE),
         F + ":23:79: chapters[1].slides[1].chart.series[1].values (slide 4 '图表'): expected finite numbers; got nan at values[2]"),
    Case("chart-negative-pie", "a negative pie slice", _edit(SLIDE, CHART.format(type="pie", values="[3, -1]") + SLIDE),
         F + ":23:16: chapters[1].slides[1].chart (slide 4 '图表'): expected no negative pie slices; got -1.0"),
    Case("quiz-answer", "a quiz answer that is not among the options",
         lambda p: _append(p, QUIZ.format(chapter=1, answer="丙")),
         F + ":29:5: quiz[1]: expected the answer to be one of ['甲', '乙']; got '丙'"),
    Case("quiz-chapter", "a quiz question for a chapter that does not exist",
         lambda p: _append(p, QUIZ.format(chapter=7, answer="甲")),
         F + ':29:14: quiz[1].chapter: expected one of the chapters 1; got 7'),
    Case("negative-minutes", "negative minutes", _edit("minutes: 15", "minutes: -5"),
         F + ":27:18: chapters[1].slides[1].minutes (slide 4 '定义'): expected a number greater than 0; got -5 (int)"),
    Case("empty-chapter", "a chapter with no slides",
         lambda p: _cut_slides(p),
         F + ':19:13: chapters[1].slides: expected at least 1 items; got 0'),
    Case("unquoted-time", "a start time YAML reads as a number", _edit('start: "09:00"', "start: 9:00"),
         F + ':8:10: course.start: expected a 24-hour time in quotes, like "09:00"; got 9:00 unquoted, which YAML 1.1 reads as the number 540: write "09:00"'),
    Case("bad-date", "a date that does not exist", _edit("date: 2024-02-05", "date: 2024-02-30"),
         f"{F}:5:9: course.date: expected a valid date; day is out of range for month"),
    Case("chapter-order", "chapters numbered out of order", _edit("  - number: 1", "  - number: 2"),
         F + ':13:13: chapters[1].number: expected 1 (chapters are numbered 1, 2, 3 … in order); got 2'),
    Case("table-shape", "a table row with too few cells",
         _edit(SLIDE, "      - id: grid\n        kind: table\n        title: 表\n        table: {columns: [甲, 乙], rows: [[一]]}\n        notes: 看表。\n        minutes: 1\n" + SLIDE),
         F + ":23:16: chapters[1].slides[1].table (slide 4 '表'): expected 2 cells in rows[1] (one per column); got 1"),
    Case("two-documents", "two YAML documents in one file", lambda p: _append(p, "---\nmore: 1\n"),
         f"{F}:28:1: expected valid YAML; expected a single document in the stream, but found another document"),
    Case("bom", "a UTF-8 byte-order mark (accepted: builds)", _transcode("utf-8", b"\xef\xbb\xbf"),
         "", status=0),
]


ROOT = Path(__file__).resolve().parent.parent
SECOND_CHAPTER = (
    "  - number: 2\n    title: 实践\n    divider: {notes: 进入第二章。, minutes: 1}\n"
    "    objectives: [会用]\n    discussion: {question: 怎么用？, hint: 请一位学员回答。}\n"
    "    takeaways: [多练习]\n    slides:\n"
    "      - {id: practice, kind: bullets, title: 练习, points: [{text: 动手。}], notes: 练一练。, minutes: 1}\n"
)
START = '  start: "09:00"\n'


def _slide(text: str) -> Callable[[Path], Path]:
    """Put a slide (YAML lines at slide indent) before the minimal outline's only slide."""
    return _edit(SLIDE, text + SLIDE)


def _bullets(extra: str) -> Callable[[Path], Path]:
    """The only slide with more fields (YAML at field indent)."""
    return _edit("        minutes: 15\n", "        minutes: 15\n" + extra)


def _chart(type_: str, values: str, categories: str = "[甲, 乙]") -> Callable[[Path], Path]:
    return _slide(CHART.format(type=type_, values=values).replace("[甲, 乙]", categories))


def _two_chapters(breaks: str = "") -> Callable[[Path], Path]:
    def make(project: Path) -> Path:
        path = project / "source" / "course.yaml"
        text = path.read_text(encoding="utf-8") + SECOND_CHAPTER
        if breaks:
            text = text.replace(START, START + "  breaks:\n" + breaks)
        path.write_text(text, encoding="utf-8")
        return path

    return make


def _quiz(body: str) -> Callable[[Path], Path]:
    return lambda project: _append(project, "quiz:\n" + body)


def _asset(name: str, setup: Callable[[Path], None]) -> Callable[[Path], Path]:
    """Make a file in the project's assets/ and leave the outline valid."""

    def make(project: Path) -> Path:
        (project / "assets").mkdir(exist_ok=True)
        setup(project / "assets" / name)
        return project / "source" / "course.yaml"

    return make


def _with(*steps: Callable[[Path], Path]) -> Callable[[Path], Path]:
    def make(project: Path) -> Path:
        result = project / "source" / "course.yaml"
        for step in steps:
            result = step(project)
        return result

    return make


def _source_at(where: Callable[[Path], Path]) -> Callable[[Path], Path]:
    """Give as --source something that is not the outline file."""
    return where


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()


def _loop(path: Path) -> None:
    os.symlink(path.name, path)


def _text(content: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(content, encoding="utf-8")


def _png(width: int, height: int) -> bytes:
    """A PNG header claiming width x height (no pixel data: enough for a header check)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def _jpeg() -> bytes:
    from PIL import Image

    stream = io.BytesIO()
    Image.effect_noise((64, 48), 40).convert("RGB").save(stream, "JPEG")
    return stream.getvalue()


def _gif() -> bytes:
    from PIL import Image

    stream = io.BytesIO()
    Image.linear_gradient("L").resize((64, 48)).save(stream, "GIF")  # the same bytes each run
    return stream.getvalue()


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as stream:
            stream.write(PNG)
            stream.truncate(size)  # sparse: no disk space, but stat says `size`

    return make


def _package(parts: dict[str, bytes], patch_sizes: int | None = None) -> Callable[[Path], None]:
    """A zip with these parts; ``patch_sizes`` rewrites each part's declared size."""

    def make(path: Path) -> None:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in parts.items():
                package.writestr(name, data)
        if patch_sizes is not None:
            data = bytearray(path.read_bytes())
            at = data.find(b"PK\x01\x02")
            while at != -1:
                struct.pack_into("<I", data, at + 24, patch_sizes)
                at = data.find(b"PK\x01\x02", at + 4)
            path.write_bytes(bytes(data))

    return make


def _types(main: str) -> bytes:
    return (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Override PartName="/main.xml" ContentType="application/'
        f'vnd.openxmlformats-officedocument.{main}"/></Types>'
    ).encode()


PPTX_TYPES = _types("presentationml.presentation.main+xml")


def _broken_template(path: Path) -> None:
    """The house template with one XML part cut short."""
    with zipfile.ZipFile(ROOT / "build_tools" / "assets" / "template.pptx") as source, zipfile.ZipFile(
        path, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "ppt/presentation.xml":
                data = data[: len(data) // 2]
            target.writestr(info.filename, data)


def _template_arg(name: str) -> Callable[[Path], list[str]]:
    return lambda project: ["--template", str(project / "assets" / name)]


def _out_arg(name: str) -> Callable[[Path], list[str]]:
    return lambda project: ["--out", str(project / name) if not name.startswith("/") else name]


def _outline_template(name: str, setup: Callable[[Path], None] | None) -> Callable[[Path], Path]:
    edit = _edit(START, START + f"  template: {name}\n")

    def make(project: Path) -> Path:
        if setup:
            (project / "assets").mkdir(exist_ok=True)
            setup(project / name)
        return edit(project)

    return make


def _midnight(project: Path) -> Path:
    return _edit('start: "09:00"', 'start: "23:50"')(project)


EXTRA: list[Case] = [
    # --- arguments and the file system: refused before anything is read ---------------
    Case("out-is-a-file", "--out names a file", _asset("x", _text("")), '{project}/assets/x: expected a folder for the outputs; got a file', command="build", extra=_out_arg("assets/x")),
    Case("out-dev-null", "--out /dev/null", lambda p: p / "source" / "course.yaml", '/dev/null: expected a folder for the outputs; got a character device', command="build", extra=_out_arg("/dev/null")),
    Case("out-under-a-file", "--out inside a path that is a file", _asset("x", _text("")), '{project}/assets/x/build: expected a folder for the outputs; a folder on its path is a file', command="build", extra=_out_arg("assets/x/build")),
    Case("source-missing", "--source names no file", lambda p: p / "source" / "none.yaml", '{project}/source/none.yaml: expected an outline file; it does not exist'),
    Case("source-folder", "--source names a folder", lambda p: p / "source", '{project}/source: expected an outline file; got a folder'),
    Case("source-fifo", "--source names a FIFO (would hang)", lambda p: (_fifo(p / "source" / "pipe.yaml"), p / "source" / "pipe.yaml")[1], '{project}/source/pipe.yaml: expected an outline file; got a named pipe (FIFO)'),
    Case("source-dev-zero", "--source /dev/zero (would read forever)", lambda p: Path("/dev/zero"), '/dev/zero: expected an outline file; got a character device'),
    Case("source-symlink-loop", "--source a symbolic link loop", lambda p: (_loop(p / "source" / "loop.yaml"), p / "source" / "loop.yaml")[1], '{project}/source/loop.yaml: expected an outline file; its symbolic links form a loop'),
    Case("source-nul", "--source with a NUL in its name", lambda p: Path(str(p / "source" / "course.yaml") + "\0x"), F + '\\x00x: expected an outline file; the name holds a NUL character'),
    Case("template-docx", "--template that is really a Word .docx", _asset("their.pptx", _package({"[Content_Types].xml": _types("wordprocessingml.document.main+xml")})), '{project}/assets/their.pptx: expected a PowerPoint template (.pptx); it is a Word document', command="check", extra=_template_arg("their.pptx")),
    Case("template-xlsx", "--template that is really an Excel workbook", _asset("their.pptx", _package({"[Content_Types].xml": _types("spreadsheetml.sheet.main+xml")})), '{project}/assets/their.pptx: expected a PowerPoint template (.pptx); it is an Excel workbook', command="check", extra=_template_arg("their.pptx")),
    Case("template-not-zip", "--template that is not a zip at all", _asset("their.pptx", _text("hello")), '{project}/assets/their.pptx: expected a PowerPoint template (.pptx, a zip package); it is not one (BadZipFile)', command="check", extra=_template_arg("their.pptx")),
    Case("template-plain-zip", "--template a zip that is no Office file", _asset("their.pptx", _package({"a.txt": b"x"})), '{project}/assets/their.pptx: expected a PowerPoint template (.pptx); it is a zip file but not an Office package (no [Content_Types].xml)', command="check", extra=_template_arg("their.pptx")),
    Case("template-missing", "--template names no file", lambda p: p / "source" / "course.yaml", '{project}/assets/none.pptx: expected a PowerPoint template (.pptx); it does not exist', command="check", extra=_template_arg("none.pptx")),
    Case("template-folder", "--template names a folder", _asset("their.pptx", _folder), '{project}/assets/their.pptx: expected a PowerPoint template (.pptx); got a folder', command="check", extra=_template_arg("their.pptx")),
    Case("template-fifo", "--template names a FIFO", _asset("their.pptx", _fifo), '{project}/assets/their.pptx: expected a PowerPoint template (.pptx); got a named pipe (FIFO)', command="check", extra=_template_arg("their.pptx")),
    Case("template-ratio", "--template with a part that inflates 1000:1 (zip bomb)", _asset("their.pptx", _package({"[Content_Types].xml": PPTX_TYPES, "ppt/big.xml": b"\0" * 3_000_000})), "{project}/assets/their.pptx: expected parts compressed at most 100:1; 'ppt/big.xml' inflates from 2,923 bytes to 3,000,000 (1,026:1, a zip bomb?)", command="check", extra=_template_arg("their.pptx")),
    Case("template-huge", "--template whose parts claim gigabytes uncompressed", _asset("their.pptx", _package({"[Content_Types].xml": PPTX_TYPES, "ppt/a.xml": b"<a/>"}, patch_sizes=4_000_000_000)), '{project}/assets/their.pptx: expected a template under 300 MB uncompressed; its parts add up to 8,000.0 MB (a zip bomb?)', command="check", extra=_template_arg("their.pptx")),
    Case("template-bad-xml", "--template with a part that is not well-formed XML", _asset("their.pptx", _broken_template), "{project}/assets/their.pptx: expected a PowerPoint template (.pptx); its part 'ppt/presentation.xml' is not well-formed XML (StartTag: invalid element name, line 2, column 1541)", command="check", extra=_template_arg("their.pptx")),
    Case("theme-colour", "a project theme's colour that is no hex RGB", _asset("theme.yaml", _text("colours:\n  primary: navy\n")), "{project}/assets/theme.yaml:2:12: colours.primary: expected a colour as six hex digits in quotes, like \"1F3A5F\"; got 'navy'", command="check"),
    Case("layout-map-kind", "a project layout map requiring an unknown placeholder kind", _asset("deck-layouts.yaml", _text("roles:\n  title: {names: [Title], requires: [logo]}\nslots: {content: 1, secondary: 13, lead: 14}\n")), "{project}/assets/deck-layouts.yaml:2:38: roles.title.requires[1]: expected one of 'title', 'subtitle', 'body', 'footer' or 'slide_number'; got 'logo'", command="check"),
    Case("outline-template-docx", "course.template names a .docx: the template's path, not the outline's line", _outline_template("assets/their.pptx", _package({"[Content_Types].xml": _types("wordprocessingml.document.main+xml")})), '{project}/assets/their.pptx: expected a PowerPoint template (.pptx); it is a Word document'),
    Case("outline-template-missing", "course.template names no file", _outline_template("assets/none.pptx", None), F + ":9:13: course.template: expected a PowerPoint template (.pptx); it does not exist ('assets/none.pptx')"),
    Case("outline-template-outside", "course.template outside the project", _outline_template("../their.pptx", None), F + ":9:13: course.template: expected a path inside the project folder; got '../their.pptx' with '..'"),
    Case("epoch-text", "SOURCE_DATE_EPOCH is not a number", lambda p: p / "source" / "course.yaml", "SOURCE_DATE_EPOCH: expected whole seconds since 1970, at most 4354819199 (2107-12-31, the last date a zip file can hold); got 'yesterday'", command="build", env=(("SOURCE_DATE_EPOCH", "yesterday"),)),
    Case("epoch-far", "SOURCE_DATE_EPOCH past 2107 (the zip writer's end)", lambda p: p / "source" / "course.yaml", "SOURCE_DATE_EPOCH: expected whole seconds since 1970, at most 4354819199 (2107-12-31, the last date a zip file can hold); got '99999999999'", command="build", env=(("SOURCE_DATE_EPOCH", "99999999999"),)),
    Case("schema-out-missing-folder", "schema --out into a folder that does not exist", lambda p: p / "source" / "course.yaml", "{project}/nowhere/schema.json: expected a file in an existing folder; '{project}/nowhere': it does not exist", command="schema", extra=lambda p: ["--out", str(p / "nowhere" / "schema.json")]),
    Case("schema-out-folder", "schema --out naming a folder", lambda p: p / "source" / "course.yaml", '{project}/source: expected a file to write; got a folder', command="schema", extra=lambda p: ["--out", str(p / "source")]),
    # --- images: limits and file kinds --------------------------------------------------
    Case("image-long-path", "an image path of 300 characters", _image("assets/" + "a" * 289 + ".png"), F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected a path of at most 255 characters; got 300"),
    Case("image-nul", "an image path with a NUL character", _image('"assets/a\\0.png"'), F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected text without control characters; got U+0000 at character 9"),
    Case("image-escape", "an image path with a terminal escape", _image('"assets/\\e[2Ja.png"'), F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected text without control characters; got U+001B at character 8"),
    Case("image-symlink-loop", "an image that is a symbolic link loop", _with(_asset("loop.png", _loop), _image("assets/loop.png")), F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected a file; the symbolic links of 'assets/loop.png' form a loop"),
    Case("image-bomb", "a 20000 × 20000 PNG (a decompression bomb)", _with(_asset("big.png", lambda p: p.write_bytes(_png(20_000, 20_000))), _image("assets/big.png")), F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected an image of at most 40 million pixels; 'assets/big.png' is 20,000 × 20,000 (400 million; scale it down)"),
    Case("image-too-many-pixels", "a 10000 × 5000 PNG, over the pixel limit", _with(_asset("wide.png", lambda p: p.write_bytes(_png(10_000, 5_000))), _image("assets/wide.png")), F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected an image of at most 40 million pixels; 'assets/wide.png' is 10,000 × 5,000 (50 million; scale it down)"),
    Case("image-huge-file", "a 60 MB image file", _with(_asset("heavy.png", _sparse(60_000_000)), _image("assets/heavy.png")), F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected an image under 50 MB; 'assets/heavy.png' is 60.0 MB"),
    Case("image-folder", "an image path naming a folder", _with(_asset("pics", _folder), _image("assets/pics")), F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected an image file; got a folder ('assets/pics')"),
    Case("image-fifo", "an image path naming a FIFO", _with(_asset("pipe.png", _fifo), _image("assets/pipe.png")), F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected an image file; got a named pipe (FIFO) ('assets/pipe.png')"),
    Case("image-svg", "an SVG image (not drawn natively)", _with(_asset("logo.svg", _text('<svg xmlns="http://www.w3.org/2000/svg"/>')), _image("assets/logo.svg")), F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected a PNG, JPEG or GIF image; 'assets/logo.svg' is not one (UnidentifiedImageError)"),
    Case("image-truncated", "a PNG cut short", _with(_asset("cut.png", lambda p: p.write_bytes(PNG[:40])), _image("assets/cut.png")), F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected a PNG, JPEG or GIF image; 'assets/cut.png' is not one (UnidentifiedImageError)"),
    Case("image-cut-jpeg", "a JPEG cut short (a download stopped halfway)", _with(_asset("cut.jpg", lambda p: p.write_bytes(_jpeg()[:-300])), _image("assets/cut.jpg")), F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected a whole image; 'assets/cut.jpg' is cut short or damaged: save or download it again"),
    Case("image-cut-gif", "a GIF cut short", _with(_asset("cut.gif", lambda p: p.write_bytes(_gif()[:-20])), _image("assets/cut.gif")), F + ":23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected a whole image; 'assets/cut.gif' is cut short or damaged: save or download it again"),
    # --- YAML 1.1 forms: refused with what each YAML version reads ------------------------
    Case("yaml11-octal", "minutes: 010 (YAML 1.1 reads octal 8)", _edit("minutes: 15", "minutes: 010"), F + ':27:18: chapters[1].slides[1].minutes (slide 4 \'定义\'): expected a value YAML 1.1 and YAML 1.2 read alike; got 010 (YAML 1.1: the octal number 8; YAML 1.2: the number 10): write 10 for the number, or "010" in quotes for text'),
    Case("yaml11-leading-zero", "minutes: 09", _edit("minutes: 15", "minutes: 09"), F + ':27:18: chapters[1].slides[1].minutes (slide 4 \'定义\'): expected a value YAML 1.1 and YAML 1.2 read alike; got 09 (YAML 1.1: the text \'09\'; YAML 1.2: the number 9): write 9 for the number, or "09" in quotes for text'),
    Case("yaml11-sexagesimal", "minutes: 1:30 (YAML 1.1 reads 90)", _edit("minutes: 15", "minutes: 1:30"), F + ':27:18: chapters[1].slides[1].minutes (slide 4 \'定义\'): expected a value YAML 1.1 and YAML 1.2 read alike; got 1:30 (YAML 1.1: the number 90, counted in sixties; YAML 1.2: the text \'1:30\'): write 90 for the number, or "1:30" in quotes for text'),
    Case("yaml11-yes-as-text", "audience: yes where text is expected", _edit("audience: 新员工", "audience: yes"), F + ':6:13: course.audience: expected a value YAML 1.1 and YAML 1.2 read alike; got yes (YAML 1.1: true; YAML 1.2: the text \'yes\'): write true, or "yes" in quotes for text'),
    Case("yaml11-yes-option", "quiz options [Yes, No]", _quiz("  - chapter: 1\n    type: single\n    question: 对吗？\n    options: [Yes, No]\n    answer: [Yes]\n    explanation: 对。\n"), F + ':32:15: quiz[1].options[1]: expected a value YAML 1.1 and YAML 1.2 read alike; got Yes (YAML 1.1: true; YAML 1.2: the text \'Yes\'): write true, or "Yes" in quotes for text'),
    Case("yaml11-on-as-bool", "versus: on", _slide("      - id: versus\n        kind: comparison\n        title: 对比\n        columns: [{heading: 甲, points: [一]}, {heading: 乙, points: [二]}]\n        versus: on\n        notes: 比较。\n        minutes: 1\n"), F + ':24:17: chapters[1].slides[1].versus (slide 4 \'对比\'): expected a value YAML 1.1 and YAML 1.2 read alike; got on (YAML 1.1: true; YAML 1.2: the text \'on\'): write true, or "on" in quotes for text'),
    Case("yaml11-off-as-bool", "supplementary: off", _bullets("        supplementary: off\n"), F + ':28:24: chapters[1].slides[1].supplementary (slide 4 \'定义\'): expected a value YAML 1.1 and YAML 1.2 read alike; got off (YAML 1.1: false; YAML 1.2: the text \'off\'): write false, or "off" in quotes for text'),
    Case("yaml11-underscore", "duration: 1_000", _edit("duration: 20", "duration: 1_000"), F + ':7:13: course.duration: expected a value YAML 1.1 and YAML 1.2 read alike; got 1_000 (YAML 1.1: the number 1000; YAML 1.2: the text \'1_000\'): write 1000 for the number, or "1_000" in quotes for text'),
    Case("yaml11-binary", "minutes: 0b101", _edit("minutes: 15", "minutes: 0b101"), F + ':27:18: chapters[1].slides[1].minutes (slide 4 \'定义\'): expected a value YAML 1.1 and YAML 1.2 read alike; got 0b101 (YAML 1.1: the number 5; YAML 1.2: the text \'0b101\'): write 5 for the number, or "0b101" in quotes for text'),
    Case("yaml11-exponent", "a chart value 1e3 (YAML 1.1 reads text)", _chart("column", "[1e3, 2]"), F + ':23:80: chapters[1].slides[1].chart.series[1].values[1] (slide 4 \'图表\'): expected a value YAML 1.1 and YAML 1.2 read alike; got 1e3 (YAML 1.1: the text \'1e3\'; YAML 1.2: the number 1000.0): write 1000 for the number, or "1e3" in quotes for text'),
    Case("yaml11-datetime", "date: 2024-02-05 09:00:00", _edit("date: 2024-02-05", "date: 2024-02-05 09:00:00"), F + ':5:9: course.date: expected a value YAML 1.1 and YAML 1.2 read alike; got 2024-02-05 09:00:00 (YAML 1.1: the date and time 2024-02-05 09:00:00; YAML 1.2: the text \'2024-02-05 09:00:00\'): write "2024-02-05 09:00:00" in quotes for text'),
    Case("yaml11-start", "start: 9:30 unquoted", _edit('start: "09:00"', "start: 9:30"), F + ':8:10: course.start: expected a 24-hour time in quotes, like "09:00"; got 9:30 unquoted, which YAML 1.1 reads as the number 570: write "09:30"'),
    Case("yaml12-start", 'start: 09:00 unquoted (read alike; accepted: builds)', _edit('start: "09:00"', "start: 09:00"), "", status=0),
    Case("yaml12-hex", "minutes: 0xF (read alike; accepted: builds)", _edit("minutes: 15", "minutes: 0xF"), "", status=0),
    Case("bool-as-number", "chart values: [true, false]", _chart("column", "[true, false]"), F + ":23:80: chapters[1].slides[1].chart.series[1].values[1] (slide 4 '图表'): expected a number; got true"),
    Case("bool-as-minutes", "minutes: true", _edit("minutes: 15", "minutes: true"), F + ":27:18: chapters[1].slides[1].minutes (slide 4 '定义'): expected a whole number of minutes; got true"),
    Case("number-as-bool", "supplementary: 1", _bullets("        supplementary: 1\n"), F + ":28:24: chapters[1].slides[1].supplementary (slide 4 '定义'): expected true or false; got 1 (int)"),
    Case("text-as-bool", 'supplementary: "yes" (quoted)', _bullets('        supplementary: "yes"\n'), F + ":28:24: chapters[1].slides[1].supplementary (slide 4 '定义'): expected true or false; got 'yes'"),
    Case("date-as-integer", "date: 0 (not 1970-01-01)", _edit("date: 2024-02-05", "date: 0"), F + ':5:9: course.date: expected a date like 2024-02-05; got 0'),
    Case("date-as-float", "date: 2024.02", _edit("date: 2024-02-05", "date: 2024.02"), F + ':5:9: course.date: expected a date like 2024-02-05; got 2024.02'),
    Case("date-as-words", "date: next monday", _edit("date: 2024-02-05", "date: next monday"), F + ":5:9: course.date: expected a date like 2024-02-05; got 'next monday'"),
    Case("date-quoted", 'date: "2024-02-05" quoted (accepted: builds)', _edit("date: 2024-02-05", 'date: "2024-02-05"'), "", status=0),
    Case("number-as-text", "title: 2024", _edit("title: 最小课程", "title: 2024"), F + ':2:10: course.title: expected text; got 2024 (int): write it in quotes ("2024") for text'),
    Case("date-as-text", "a slide title that YAML reads as a date", _edit("title: 定义", "title: 2024-02-05"), F + ':22:16: chapters[1].slides[1].title (slide 4): expected text; got the date 2024-02-05: write it in quotes ("2024-02-05") for text'),
    Case("bool-as-text", "presenter: true", _edit("presenter: 李老师", "presenter: true"), F + ':3:14: course.presenter: expected text; got true: write it in quotes ("true") for text'),
    Case("null-as-text", "presenter: with nothing after it", _edit("presenter: 李老师", "presenter:"), F + ':3:13: course.presenter: expected text; got nothing'),
    Case("float-minutes", "minutes: 1.5", _edit("minutes: 15", "minutes: 1.5"), F + ":27:18: chapters[1].slides[1].minutes (slide 4 '定义'): expected a whole number of minutes; got 1.5 (float)"),
    Case("explicit-int-tag", "minutes: !!int abc", _edit("minutes: 15", "minutes: !!int abc"), F + ":27:18: chapters[1].slides[1].minutes (slide 4 '定义'): expected a valid int; got 'abc'"),
    # --- what the outline says: checks across fields --------------------------------------
    Case("two-breaks", "two breaks after one chapter", _two_chapters("    - {after: 1, title: 休息, minutes: 10}\n    - {after: 1, title: 午饭, minutes: 60}\n"), F + ':11:15: course.breaks[2].after: expected one break after chapter 1; course.breaks[1] is already after it: make it one longer break'),
    Case("break-after-last", "a break after the last chapter", _two_chapters("    - {after: 2, title: 休息, minutes: 10}\n"), F + ':10:15: course.breaks[1].after: expected a chapter number before the last (1); got 2'),
    Case("break-unknown-chapter", "a break after a chapter that does not exist", _two_chapters("    - {after: 5, title: 休息, minutes: 10}\n"), F + ':10:15: course.breaks[1].after: expected a chapter number before the last (1); got 5'),
    Case("quiz-duplicate-options", "a quiz question with one option twice", _quiz("  - chapter: 1\n    type: single\n    question: 哪一项？\n    options: [甲, 乙, 甲]\n    answer: [甲]\n    explanation: 因为甲。\n"), F + ":29:5: quiz[1]: expected each option once; got '甲' twice"),
    Case("quiz-duplicate-answers", "a quiz answer given twice", _quiz("  - chapter: 1\n    type: multiple\n    question: 哪些？\n    options: [甲, 乙, 丙]\n    answer: [甲, 甲]\n    explanation: 因为甲。\n"), F + ":29:5: quiz[1]: expected each answer once; got '甲' twice"),
    Case("quiz-truefalse-options", "options on a true/false question", _quiz("  - chapter: 1\n    type: truefalse\n    question: 对吗？\n    options: [对, 错]\n    answer: [正确]\n    explanation: 对。\n"), F + ':29:5: quiz[1]: expected no options on a true/false question (its options are the true and false words of the course language); got 2'),
    Case("quiz-truefalse-answer", "a true/false answer that is not 正确 or 错误", _quiz("  - chapter: 1\n    type: truefalse\n    question: 对吗？\n    answer: [对]\n    explanation: 对。\n"), F + ":32:13: quiz[1].answer: expected '正确' or '错误' (the course language's true/false words); got '对'"),
    Case("quiz-single-two-answers", "two answers to a single-choice question", _quiz("  - chapter: 1\n    type: single\n    question: 哪一项？\n    options: [甲, 乙]\n    answer: [甲, 乙]\n    explanation: 因为甲。\n"), F + ':29:5: quiz[1]: expected exactly one answer; got 2'),
    Case("quiz-one-option", "a choice question with one option", _quiz("  - chapter: 1\n    type: single\n    question: 哪一项？\n    options: [甲]\n    answer: [甲]\n    explanation: 因为甲。\n"), F + ':29:5: quiz[1]: expected at least 2 options; got 1'),
    Case("quiz-type", "a misspelt question type", _quiz("  - chapter: 1\n    type: singel\n    question: 哪一项？\n    options: [甲, 乙]\n    answer: [甲]\n    explanation: 因为甲。\n"), F + ":30:11: quiz[1].type: expected one of 'single', 'multiple' or 'truefalse'; got 'singel'"),
    Case("past-midnight", "a start of 23:50 runs the day past midnight (a warning; builds)", _midnight, 'warning: course.yaml:8:10: course.start: expected the day to end by midnight; starting at 23:50, it ends at 00:10 the next day: start earlier or split the course', status=0),
    Case("date-1899", "a course date before 1900", _edit("date: 2024-02-05", "date: 1899-12-31"), F + ':5:9: course.date: expected a date between 1900 and 2100; got 1899-12-31'),
    Case("date-2204", "a course date in 2204", _edit("date: 2024-02-05", "date: 2204-02-05"), F + ':5:9: course.date: expected a date between 1900 and 2100; got 2204-02-05'),
    Case("reference-year", "a reference from the year 1800", lambda p: _append(p, "references:\n  - {title: 法规, issuer: 人民银行, year: 1800}\n"), F + ':29:37: references[1].year: expected a number at least 1900; got 1800 (int)'),
    Case("pie-zero-slice", "a pie chart with a zero slice", _chart("pie", "[3, 0]"), F + ":23:16: chapters[1].slides[1].chart (slide 4 '图表'): expected pie slices greater than 0; got 0 at values[2] ('乙'): leave the category out"),
    Case("pie-all-zero", "a pie chart that sums to zero", _chart("pie", "[0, 0]"), F + ":23:16: chapters[1].slides[1].chart (slide 4 '图表'): expected pie slices greater than 0; got 0 at values[1] ('甲'): leave the category out"),
    Case("pie-two-series", "a pie chart with two series", _slide(CHART.format(type="pie", values="[1, 2]").replace("}]}", "}, {name: 又, values: [3, 4]}]}")), F + ":23:16: chapters[1].slides[1].chart (slide 4 '图表'): expected one series for a pie chart; got 2"),
    Case("chart-huge", "a line chart value of 1e308", _chart("line", "[1, 1.0e+308]"), F + ":23:77: chapters[1].slides[1].chart.series[1].values (slide 4 '图表'): expected numbers between -1e15 and 1e15 (use a larger unit); got 1e+308 at values[2]"),
    Case("chart-infinite", "a chart value .inf", _chart("bar", "[1, .inf]"), F + ":23:76: chapters[1].slides[1].chart.series[1].values (slide 4 '图表'): expected finite numbers; got inf at values[2]"),
    Case("chart-too-negative", "a chart value of -1e20", _chart("column", "[1, -1.0e+20]"), F + ":23:79: chapters[1].slides[1].chart.series[1].values (slide 4 '图表'): expected numbers between -1e15 and 1e15 (use a larger unit); got -1e+20 at values[2]"),
    Case("chart-count", "a series with fewer values than categories", _chart("column", "[1]"), F + ":23:16: chapters[1].slides[1].chart (slide 4 '图表'): expected 2 values in series[1] (one per category); got 1"),
    Case("chart-type", "an unknown chart type", _chart("donut", "[1, 2]"), F + ":23:23: chapters[1].slides[1].chart.type (slide 4 '图表'): expected one of 'column', 'bar', 'line' or 'pie'; got 'donut'"),
    Case("chart-text-value", "a chart value written as text", _chart("column", "[1, 二]"), F + ":23:83: chapters[1].slides[1].chart.series[1].values[2] (slide 4 '图表'): expected a number; got '二'"),
    Case("noncharacter-notes", "speaker notes holding U+FFFE", _edit("notes: 先讲定义，再举例。", 'notes: "先讲定义\\uFFFE再举例。"'), F + ":25:16: chapters[1].slides[1].notes (slide 4 '定义'): expected text without noncharacters; got U+FFFE (a Unicode noncharacter) at character 5"),
    Case("noncharacter-title", "a title holding U+FFFF", _edit("title: 最小课程", 'title: "最小课程\\uFFFF"'), F + ':2:10: course.title: expected text without noncharacters; got U+FFFF (a Unicode noncharacter) at character 5'),
    Case("noncharacter-fdd0", "a takeaway holding U+FDD0", _edit("takeaways: [互联网金融是新型金融业务模式]", 'takeaways: ["互联网\\uFDD0金融"]'), F + ':18:17: chapters[1].takeaways[1]: expected text without noncharacters; got U+FDD0 (a Unicode noncharacter) at character 4'),
    Case("noncharacter-plane-1", "a point holding U+1FFFF", _edit("text: 利用互联网技术实现资金融通的新型金融业务模式。}", 'text: "\\U0001FFFF利用"}'), F + ":24:30: chapters[1].slides[1].points[1].text (slide 4 '定义'): expected text without noncharacters; got U+1FFFF (a Unicode noncharacter) at character 1"),
    Case("lone-surrogate", "a lone surrogate from a broken escape", _edit("title: 最小课程", 'title: "最小\\uD800课程"'), F + ':2:15: expected valid YAML; found invalid Unicode character escape code (while parsing a quoted scalar that starts at line 2)'),
    Case("delete-character", "a DEL character in text", _edit("title: 最小课程", 'title: "最小\\x7F课程"'), F + ':2:10: course.title: expected text without control characters; got U+007F at character 3'),
    Case("escape-in-key", "a terminal escape in an unknown key (shown escaped)", _edit("  audience:", '  "pres\\e[2Jx": 1\n  audience:'), F + ":6:3: course.pres\\x1b[2Jx: unknown key 'pres\\x1b[2Jx'"),
    Case("escape-in-value", "a terminal escape in a slide id (shown escaped)", _edit("id: definition", 'id: "def\\e[31m"'), F + ":20:13: chapters[1].slides[1].id (slide 4 '定义'): expected a slide id of lowercase letters, digits and '-' (like 'market-trends'); got 'def\\x1b[31m'"),
    Case("emoji-text", "emoji and rare CJK of higher planes (accepted: builds)", _edit("title: 最小课程", "title: 最小课程😀𠀀"), "", status=0),
    Case("reserved-id-agenda", "a slide id the plan generates for a long agenda", _edit("id: definition", "id: agenda-2"), F + ":20:13: chapters[1].slides[1].id (slide 4 '定义'): expected an id the plan does not generate; got 'agenda-2'"),
    Case("reserved-id-chapter", "a slide id the plan generates for a divider", _edit("id: definition", "id: chapter-1"), F + ":20:13: chapters[1].slides[1].id (slide 4 '定义'): expected an id the plan does not generate; got 'chapter-1'"),
    # --- shapes and limits of the format ----------------------------------------------------
    Case("too-many-points", "nine bullet points", _edit("          - {lead: 定义, text: 利用互联网技术实现资金融通的新型金融业务模式。}\n", "".join(f"          - {{text: 第{i}点}}\n" for i in range(9))), F + ":24:11: chapters[1].slides[1].points (slide 4 '定义'): expected at most 8 items; got 9"),
    Case("too-many-sub-points", "seven sub-points", _edit("text: 利用互联网技术实现资金融通的新型金融业务模式。}", "text: 利用互联网技术。, sub: [一, 二, 三, 四, 五, 六, 七]}"), F + ":24:45: chapters[1].slides[1].points[1].sub (slide 4 '定义'): expected at most 6 items; got 7"),
    Case("point-empty", "a point with neither lead nor text", _edit("{lead: 定义, text: 利用互联网技术实现资金融通的新型金融业务模式。}", "{sub: [一]}"), F + ":24:13: chapters[1].slides[1].points[1] (slide 4 '定义'): expected a 'lead', a 'text' or both; got neither"),
    Case("table-too-wide", "a table of six columns", _slide("      - id: grid\n        kind: table\n        title: 表\n        table: {columns: [一, 二, 三, 四, 五, 六], rows: [[一, 二, 三, 四, 五, 六]]}\n        notes: 看表。\n        minutes: 1\n"), F + ":23:26: chapters[1].slides[1].table.columns (slide 4 '表'): expected at most 5 items; got 6"),
    Case("comparison-three", "a comparison with three columns", _slide("      - id: versus\n        kind: comparison\n        title: 对比\n        columns: [{heading: 甲, points: [一]}, {heading: 乙, points: [二]}, {heading: 丙, points: [三]}]\n        notes: 比较。\n        minutes: 1\n"), F + ":23:18: chapters[1].slides[1].columns (slide 4 '对比'): expected at most 2 items; got 3"),
    Case("process-one-step", "a process of one step", _slide("      - id: steps\n        kind: process\n        title: 流程\n        steps: [{title: 开始}]\n        notes: 讲流程。\n        minutes: 1\n"), F + ":23:16: chapters[1].slides[1].steps (slide 4 '流程'): expected at least 2 items; got 1"),
    Case("empty-text", 'an empty title ""', _edit("title: 定义", 'title: ""'), F + ':22:16: chapters[1].slides[1].title (slide 4): expected text; got an empty value'),
    Case("blank-text", "a title of spaces only", _edit("title: 定义", 'title: "   "'), F + ':22:16: chapters[1].slides[1].title (slide 4): expected text; got an empty value'),
    Case("long-title", "a 3,000-character title", _edit("title: 定义", "title: " + "题" * 3000), F + ":22:16: chapters[1].slides[1].title (slide 4 '题题题题题题题题题题题题题题题题题题题题题题题题题题题题题…'): expected at most 2000 characters; got 3000"),
    Case("minutes-too-many", "a slide of 601 minutes", _edit("minutes: 15", "minutes: 601"), F + ":27:18: chapters[1].slides[1].minutes (slide 4 '定义'): expected a number at most 600; got 601 (int)"),
    Case("minutes-zero", "a slide of 0 minutes", _edit("minutes: 15", "minutes: 0"), F + ":27:18: chapters[1].slides[1].minutes (slide 4 '定义'): expected a number greater than 0; got 0 (int)"),
    Case("chapter-number-text", "a chapter numbered in words", _edit("  - number: 1", "  - number: 一"), F + ":13:13: chapters[1].number: expected a whole number; got '一'"),
    Case("trainer-label", "an unknown trainer-note label", _bullets("        trainer: [{label: note, text: 提醒。}]\n"), F + ":28:27: chapters[1].slides[1].trainer[1].label (slide 4 '定义'): expected one of 'update', 'tip', 'source' or 'caution'; got 'note'"),
    Case("handout-layout", "an unknown handout layout", _edit(START, START + "  handout_layout: booklet\n"), F + ":9:19: course.handout_layout: expected one of 'notes', 'article' or 'grid'; got 'booklet'"),
    Case("language", "a language the product has no words for", _edit(START, START + "  language: fr\n"), F + ":9:13: course.language: expected one of 'zh-CN', 'zh-TW', 'zh-HK' or 'en'; got 'fr'"),
    Case("missing-kind", "a slide without a kind", _edit("        kind: bullets\n", ""), F + ":20:9: chapters[1].slides[1] (slide 4 '定义'): expected a 'kind' key (one of: bullets, comparison, pillars, table, process, timeline, quote, image, chart); it is missing"),
    Case("misspelt-slide-key", "a misspelt slide key", _edit("        minutes: 15", "        minute: 15"), F + ":27:9: chapters[1].slides[1].minute (slide 4 '定义'): unknown key 'minute'; did you mean 'minutes'?"),
    Case("misspelt-top-key", "chapter: instead of chapters:", _edit("chapters:", "chapter:"), F + ":12:1: chapter: unknown key 'chapter'; did you mean 'chapters'?"),
    Case("old-key-name", "bullets: where points: is expected", _edit("        points:\n", "        bullets:\n"), F + ":23:9: chapters[1].slides[1].bullets (slide 4 '定义'): unknown key 'bullets'; did you mean 'points' (required, and missing)?"),
    Case("text-for-mapping", "a discussion written as one line of text", _edit("discussion: {question: 你用过哪些服务？, hint: 请两位学员回答。}", "discussion: 你用过哪些服务？"), F + ":17:17: chapters[1].discussion: expected a mapping of keys to values; got '你用过哪些服务？': write `{question: 你用过哪些服务？, hint: …}`"),
    Case("text-for-divider", "a divider written as one line of text", _edit("divider: {notes: 进入第一章。, minutes: 1}", "divider: 进入第一章。"), F + ":15:14: chapters[1].divider (slide 3 '概述'): expected a mapping of keys to values; got '进入第一章。': write `{notes: 进入第一章。, minutes: …}`"),
    Case("slides-as-mapping", "slides written as a mapping", lambda p: _cut_slides(p, "    slides: {definition: 定义}\n"), F + ':19:13: chapters[1].slides: expected a list; got a mapping'),
    Case("course-as-text", "course: a line of text", lambda p: _write("course: 最小课程\nchapters: []\n")(p), F + ":1:9: course: expected a mapping of keys to values; got '最小课程'"),
    Case("duplicate-key-slide", "the same key twice in a slide", _edit("        minutes: 15\n", "        minutes: 15\n        minutes: 10\n"), F + ":28:9: chapters[1].slides[1].minutes (slide 4 '定义'): duplicate key 'minutes' (first at line 27); YAML would silently keep only the last one"),
    Case("key-as-list", "a list used as a key", _edit("  audience:", "  [a, b]: 1\n  audience:"), F + ':6:3: course: expected a plain text key'),
    Case("merge-in-slide", "a merge key inside a slide", _bullets("        <<: {minutes: 3}\n"), F + ":28:9: chapters[1].slides[1]: expected plain keys; merge keys ('<<') are not supported: write the fields out"),
    Case("anchors", "an anchor and an alias within limits (accepted: builds)", _with(_edit("{notes: 进入第一章。", "{notes: &n 进入第一章。"), _edit("notes: 先讲定义，再举例。", "notes: *n")), "", status=0),
    Case("crlf", "Windows line endings (accepted: builds)", lambda p: (lambda path: (path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n")), path)[1])(p / "source" / "course.yaml"), "", status=0),
    Case("utf16", "saved as UTF-16", _transcode("utf-16"), F + ':1:1: expected UTF-8 text; got byte 0xFF: save the file as UTF-8'),
    Case("nul-byte", "a NUL byte in the file", _edit("title: 最小课程", "title: 最小\0课程"), F + ':2:12: expected characters YAML allows; got U+0000 (control characters other than tab and line breaks are not allowed, even in quotes)'),
    Case("deep-mapping", "50 levels of nested mappings", lambda p: _write("course:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(50)) + "  " * 51 + "v\n")(p), F + ':42:83: course.k0.k1.k2.k3.k4.k5.k6.k7.k8.k9.k10.k11.k12.k13.k14.k15.k16.k17.k18.k19.k20.k21.k22.k23.k24.k25.k26.k27.k28.k29.k30.k31.k32.k33.k34.k35.k36.k37.k38.k39: expected nesting at most 40 levels deep'),
    # --- found in a new author's trial course (a second, unrelated course) ---------------
    Case("link-javascript", "a link to javascript: (was silent text on the slide)", _edit('        handout: 互联网金融是利用互联网技术实现资金融通、支付、投资和信息中介服务的新型金融业务模式。\n', "        handout: 见[手册](javascript:alert(1))。\n"), "course.yaml:26:18: chapters[1].slides[1].handout (slide 4 '定义'): expected a link to an https://, http:// or mailto: address; got 'javascript:alert(1)'"),
    Case("link-relative", "a link to a file of the project", _edit('        handout: 互联网金融是利用互联网技术实现资金融通、支付、投资和信息中介服务的新型金融业务模式。\n', "        handout: 见[手册](docs/guide.pdf)。\n"), "course.yaml:26:18: chapters[1].slides[1].handout (slide 4 '定义'): expected a link to an https://, http:// or mailto: address; got 'docs/guide.pdf'"),
    Case("link-in-flow-mapping", "a link inside { } without quotes", _edit('          - {lead: 定义, text: 利用互联网技术实现资金融通的新型金融业务模式。}\n', "          - {lead: 定义, text: 见[手册](https://example.com)。}\n"), 'course.yaml:24:31: expected valid YAML; did not find expected \',\' or \'}\' (while parsing a flow mapping that starts at line 24): close the brackets; inside { } and [ ], put text holding [ ] { } or a comma in quotes (text: "see [the guide](https://…)")'),
    Case("point-starts-with-link", "a point that starts with a link, unquoted", _edit('          - {lead: 定义, text: 利用互联网技术实现资金融通的新型金融业务模式。}\n', "          - [手册](https://example.com)说明了定义。\n"), 'course.yaml:24:17: expected valid YAML; did not find expected \'-\' indicator (while parsing a block collection that starts at line 24): a value that starts with [ is read as a list: put the text in quotes (- "[the guide](https://…) …")'),
    Case("unclosed-bold", "an unclosed ** (a warning; builds)", _edit('        handout: 互联网金融是利用互联网技术实现资金融通、支付、投资和信息中介服务的新型金融业务模式。\n', "        handout: 互联网金融是**新型金融业务模式。\n"), "warning: course.yaml:26:18: chapters[1].slides[1].handout (slide 4 '定义'): expected ** to be closed; got one that shows as typed: close it (**bold**), or write \\*\\* for asterisks", status=0),
    Case("bold-at-start", "a point that starts with **, unquoted", _edit('          - {lead: 定义, text: 利用互联网技术实现资金融通的新型金融业务模式。}\n', "          - **定义**：利用互联网技术实现资金融通。\n"), 'course.yaml:24:14: expected valid YAML; did not find expected alphabetic or numeric character (while scanning an alias that starts at line 24): a value that starts with * is read as a YAML alias: put the text in quotes (- "**key** point…")'),
    Case("code-at-start", "a point that starts with `, unquoted", _edit('          - {lead: 定义, text: 利用互联网技术实现资金融通的新型金融业务模式。}\n', "          - `micros0ft.com` 是钓鱼域名。\n"), 'course.yaml:24:13: expected valid YAML; found character that cannot start any token (while scanning for the next token that starts at line 24): a value that starts with ` or @ must be in quotes (- "`code` …")'),
    Case("unclosed-code", "an unclosed backtick (a warning; builds)", _edit('        handout: 互联网金融是利用互联网技术实现资金融通、支付、投资和信息中介服务的新型金融业务模式。\n', "        handout: 钓鱼域名 `micros0ft.com 要当心。\n"), "warning: course.yaml:26:18: chapters[1].slides[1].handout (slide 4 '定义'): expected ` to be closed; got one that shows as typed: close it (`code`), or write \\` for a backtick", status=0),
    Case("escape-in-double-quotes", "\\* inside double quotes", _edit('        handout: 互联网金融是利用互联网技术实现资金融通、支付、投资和信息中介服务的新型金融业务模式。\n', '        handout: "卡号 6222 \\*\\*\\*\\* 8888。"\n'), 'course.yaml:26:27: expected valid YAML; found unknown escape character (while parsing a quoted scalar that starts at line 26): inside double quotes a backslash starts an escape: write the text unquoted or in single quotes, where \\* stays as typed'),
    Case("colon-in-point", "a plain point holding ': '", _edit('          - {lead: 定义, text: 利用互联网技术实现资金融通的新型金融业务模式。}\n', "          - 注意: 利用互联网技术实现资金融通。\n"), 'course.yaml:24:13: chapters[1].slides[1].points[1].注意 (slide 4 \'定义\'): unknown key \'注意\'; the \': \' made the text a key: write `- {lead: 注意, text: 利用互联网技术实现资金融通。}`, or the whole text in quotes, - "注意: 利用互联网技术实现资金融通。"'),
    Case("colon-in-objective", "an objective holding ': '", _edit("objectives: [了解定义]", "objectives:\n      - 目标: 了解定义"), 'course.yaml:17:9: chapters[1].objectives[1]: expected text; got a mapping: the \': \' made it a key; write the text in quotes, "目标: 了解定义"'),
    Case("comma-in-flow-text", "a comma inside { } ends the text", _edit("divider: {notes: 进入第一章。, minutes: 1}", "divider: {notes: First chapter, the basics, minutes: 1}"), 'course.yaml:15:37: chapters[1].divider.the basics (slide 3 \'概述\'): unknown key \'the basics\'; inside { } a comma ends a value: put the text of \'notes\' in quotes (notes: "…, …")'),
    Case("image-misspelt", "an image name with a typo", _image("assets/dott.png", _real_png), "course.yaml:23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected an image file; 'assets/dott.png' does not exist; did you mean 'assets/dot.png'?"),
    Case("image-backslashes", "an image path written with Windows backslashes", _image("assets\\dot.png", _real_png), "course.yaml:23:23: chapters[1].slides[1].image.path (slide 4 '图片'): expected an image file; 'assets\\dot.png' does not exist; did you mean 'assets/dot.png'?"),
    Case("chart-value-quoted", "a chart value in quotes", _chart("column", '["12", 3]'), "course.yaml:23:80: chapters[1].slides[1].chart.series[1].values[1] (slide 4 '图表'): expected a number; got '12': write 12 without quotes"),
    Case("trainer-note-as-text", "a trainer note written as plain text", _bullets("        trainer: [先演示再讲。]\n"), "course.yaml:28:19: chapters[1].slides[1].trainer[1] (slide 4 '定义'): expected a mapping of keys to values; got '先演示再讲。': write `- {label: …, text: 先演示再讲。}`"),
    Case("minutes-quoted", 'minutes: "15" in quotes', _edit("        minutes: 15", '        minutes: "15"'), "course.yaml:27:18: chapters[1].slides[1].minutes (slide 4 '定义'): expected a whole number of minutes; got '15': write 15 without quotes"),
    Case("minutes-with-unit", "minutes: 15分钟", _edit("        minutes: 15", "        minutes: 15分钟"), "course.yaml:27:18: chapters[1].slides[1].minutes (slide 4 '定义'): expected a whole number of minutes; got '15分钟': write the number alone, minutes: 15"),
    Case("indent-off-by-one", "a key indented one space too few", _edit("        notes: 先讲定义，再举例。", "       notes: 先讲定义，再举例。"), "course.yaml:25:8: expected valid YAML; did not find expected '-' indicator (while parsing a block collection that starts at line 20): check the indentation: the keys of one mapping, and the dashes of one list, start in the same column"),
    Case("indent-too-deep", "a key indented deeper than its neighbours", _edit("        notes: 先讲定义，再举例。", "          notes: 先讲定义，再举例。"), "course.yaml:25:11: expected valid YAML; did not find expected '-' indicator (while parsing a block collection that starts at line 24): check the indentation: the keys of one mapping, and the dashes of one list, start in the same column"),
]
CASES += EXTRA


def _append(project: Path, text: str) -> Path:
    path = project / "source" / "course.yaml"
    with path.open("a", encoding="utf-8") as stream:
        stream.write(text)
    return path


def _cut_slides(project: Path, slides: str = "    slides: []\n") -> Path:
    path = project / "source" / "course.yaml"
    text = path.read_text(encoding="utf-8")
    head = text[: text.index("    slides:\n")]
    path.write_text(head + slides, encoding="utf-8")
    return path


def table() -> str:
    """The README's troubleshooting table, generated from the cases."""
    rows = ["| case | what the author did | exit | message |", "| --- | --- | --- | --- |"]
    for case in CASES:
        message = case.expected.replace("|", "\\|") or "(builds)"
        if case.command != "stats" or case.extra or case.env:
            how = " ".join(f"{k}={v}" for k, v in case.env) or f"`course {case.command}`"
            what = f"{case.what} ({how})"
        else:
            what = case.what
        rows.append(f"| `{case.name}` | {what} | {case.status} | `{message}` |")
    return "\n".join(rows)


def limits_table() -> str:
    """The README's list of limits, from ``build_tools/limits.py``."""
    from build_tools.limits import LIMITS

    rows = ["| what | limit |", "| --- | --- |"]
    rows += [f"| {what} | {limit} |" for what, limit in LIMITS]
    return "\n".join(rows)


def readme(text: str) -> str:
    """The README with both generated tables put between their markers."""
    for name, body in (("corpus", table()), ("limits", limits_table())):
        begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
        head, _, rest = text.partition(begin)
        _, _, tail = rest.partition(end)
        text = f"{head}{begin}\n{body}\n{end}{tail}"
    return text


if __name__ == "__main__":
    if "--readme" in sys.argv:
        path = ROOT / "README.md"
        path.write_text(readme(path.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(table())
