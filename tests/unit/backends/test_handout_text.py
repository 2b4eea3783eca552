"""Small pieces of the handout: escaping, line breaking by the measurer, fonts, styles."""

from __future__ import annotations

import datetime as dt
import random
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

from build_tools.backends.handout import fonts as handout_fonts
from build_tools.backends.handout.fonts import HandoutFonts, load_ttfont, register_fonts
from build_tools.backends.handout.internals import (
    counted_height,
    draw_counted,
    draw_string,
    fixed_timestamp,
    parse_markup,
)
from build_tools.backends.handout.pages import epoch_of
from build_tools.backends.handout.styles import Styles, make_styles
from build_tools.backends.handout.text import (
    Block,
    Breaker,
    MeasuredParagraph,
    Span,
    _drawing_only,
    escape_text,
    line_markup,
    split_lines,
)
from build_tools.measure import NO_START, Measurer
from build_tools.theme import Theme, load_theme


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme()


@pytest.fixture(scope="module")
def breaker(theme: Theme) -> Breaker:
    return Breaker(Measurer.from_paths(theme.regular_font, theme.bold_font))


@pytest.fixture(scope="module")
def fonts(theme: Theme) -> HandoutFonts:
    return register_fonts(theme)


@pytest.fixture(scope="module")
def styles(theme: Theme, fonts: HandoutFonts) -> Styles:
    return make_styles(theme, fonts)


def test_escaping_makes_markup_characters_literal() -> None:
    assert escape_text("R&D <b>x</b> </para>") == "R&amp;D &lt;b&gt;x&lt;/b&gt; &lt;/para&gt;"


def test_markup_is_only_added_by_code() -> None:
    spans = [Span("<b>", bold=True), Span("&", colour="C8102E")]
    assert line_markup(spans) == '<b>&lt;b&gt;</b><font color="#C8102E">&amp;</font>'


def test_split_lines_gives_each_line_its_spans_back() -> None:
    spans = [Span("定义：", bold=True), Span("互联网 金融是新模式")]
    lines = split_lines(spans, ["定义：互联网", "金融是新模式"])
    assert lines == [[Span("定义：", True), Span("互联网")], [Span("金融是新模式")]]


def test_the_breaker_applies_kinsoku_and_keeps_every_character(breaker: Breaker) -> None:
    text = ("互联网金融具有便捷性、高效性、普惠性、风险性等特点。"
            "便捷性体现在用户可随时随地享受金融服务；")
    for width in range(60, 300, 9):
        lines = breaker.break_spans([Span(text)], width, 10)
        assert "".join(span.text for line in lines for span in line) == text
        for line in lines[1:]:
            assert line[0].text[0] not in NO_START, (width, lines)


def test_a_measured_paragraph_draws_the_measurers_lines(
    breaker: Breaker, styles: Styles, fonts: HandoutFonts
) -> None:
    text = "字" * 30 + "，" + "字" * 30 + "。R&D <b>不是标记</b>"
    paragraph = MeasuredParagraph([Span(text)], styles.body, breaker)
    width = 200.0
    expected = breaker.break_spans([Span(text)], width, styles.body.fontSize)
    paragraph.wrap(width, 1000)
    assert paragraph.height == pytest.approx(len(expected) * styles.body.leading)
    buffer = BytesIO()
    SimpleDocTemplate(buffer, initialFontName=fonts.regular).build(
        [MeasuredParagraph([Span(text)], styles.body, breaker)])
    lines = PdfReader(buffer).pages[0].extract_text().splitlines()
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_every_style_names_the_handout_font(styles: Styles, fonts: HandoutFonts) -> None:
    for name, style in vars(styles).items():
        if hasattr(style, "fontName"):
            assert style.fontName in (fonts.regular, fonts.bold), name
            assert style.bulletFontName in (fonts.regular, fonts.bold), name


def test_fitting_steps_down_until_the_blocks_fit(breaker: Breaker) -> None:
    blocks = [Block((Span("互联网金融" * 8),))]
    placed = breaker.fit_blocks(blocks, 200, 40, 20, 6)
    assert placed.fits and placed.size_pt < 20
    assert placed.height_pt <= 40


def test_the_timestamp_is_the_epoch_in_utc() -> None:
    epoch = epoch_of(dt.date(2024, 3, 1))
    stamp = fixed_timestamp(epoch)
    assert stamp.YMDhms == (2024, 3, 1, 0, 0, 0)
    assert (stamp.dhh, stamp.dmm) == (0, 0)


# --- the fast paths write what reportlab writes ----------------------------------------------
# The handout skips reportlab's HTML parser, its Paragraph and its text object where it can
# (handout_text); these compare the two, operator for operator, on random text that mixes
# Chinese, Latin, spaces, markup characters, bold, colours, line breaks and bullets.

PIECES = [*"互联网金融abcXYZ&<>\"'()\\，。；;#=/", *[" "] * 6, "R&D", "<b>", "</para>", "2024"]
BULLETS = [None, None, "■", "□", "●", "[1]", "[12]", "3", "&", "<x>"]


def random_plain_lines(rnd: random.Random) -> list[list[Span]]:
    """Lines as the measurer gives them: words with single spaces, one span per style."""
    letters = "互联网金融abcXYZ，。；\"'()\\/#=1"

    def words() -> str:
        return " ".join("".join(rnd.choice(letters) for _ in range(rnd.randint(1, 5)))
                        for _ in range(rnd.randint(1, 3)))

    lines = []
    for _ in range(rnd.choice([1, 1, 2, 3, 4])):
        spans: list[Span] = []
        for _ in range(rnd.randint(1, 4)):
            span = Span(words(), rnd.random() < 0.4, rnd.choice([None, None, "C8102E", "abcdef"]))
            if spans and (spans[-1].bold, spans[-1].colour) == (span.bold, span.colour):
                span = Span(spans.pop().text + span.text, span.bold, span.colour)
            spans.append(span)
        lines.append(spans)
    return lines


def random_lines(rnd: random.Random) -> list[list[Span]]:
    lines = []
    for _ in range(rnd.choice([1, 1, 1, 2, 3, 5])):
        spans = [Span("".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 10))),
                      rnd.random() < 0.3, rnd.choice([None, None, "C8102E", "1F3A5F"]))
                 for _ in range(rnd.randint(1, 4))]
        lines.append([span for span in spans if span.text] or [Span("字")])
    return lines


def all_styles(styles: Styles) -> list[ParagraphStyle]:
    return [_drawing_only(style) for style in vars(styles).values() if hasattr(style, "fontName")]


def test_markup_is_parsed_into_the_fragments_reportlab_makes(styles: Styles) -> None:
    rnd = random.Random(1)
    for _ in range(600):
        markup = "<br/>".join(line_markup(line) for line in random_lines(rnd))
        style = rnd.choice(all_styles(styles))
        text = cleanBlockQuotedText(markup)
        ours = parse_markup(text, style)
        _, theirs, _ = ParaParser().parse(text, style)
        assert ours is not None
        assert [list(f.__dict__.items()) for f in ours] == [
            list(f.__dict__.items()) for f in theirs], markup


def test_markup_it_does_not_know_is_left_to_reportlab(styles: Styles) -> None:
    for markup in ("<i>x</i>", "a &nbsp; b", "<b>open", "x</b>", "<font size='3'>x</font>"):
        assert parse_markup(cleanBlockQuotedText(markup), styles.body) is None


@pytest.mark.parametrize(("seed", "make_lines"), [(1, random_lines), (2, random_plain_lines)])
def test_a_counted_paragraph_is_drawn_as_reportlab_draws_it(
    styles: Styles, fonts: HandoutFonts, seed: int, make_lines: Any
) -> None:
    rnd = random.Random(seed)
    theirs, ours = Canvas(BytesIO(), invariant=1), Canvas(BytesIO(), invariant=1)
    drawn = 0
    for _ in range(400):
        lines = make_lines(rnd)
        style = rnd.choice(all_styles(styles))
        bullet = rnd.choice(BULLETS)
        bullet = escape_text(bullet) if bullet is not None else None
        width = rnd.choice([rnd.uniform(30, 200), 300.0, 504.56692913385825])
        paragraph = Paragraph("<br/>".join(line_markup(line) for line in lines), style,
                              bulletText=bullet)
        height = paragraph.wrap(width, 10_000)[1]
        counted = counted_height(lines, style, bullet, width)
        if counted is None:
            continue
        assert counted == height
        mark = len(ours._code), len(theirs._code)
        assert draw_counted(ours, lines, style, bullet, width, height)
        paragraph.drawOn(theirs, 0, 0)
        assert ours._code[mark[0]:] == theirs._code[mark[1]:], lines
        drawn += 1
        if rnd.random() < 0.05:
            ours.showPage()
            theirs.showPage()
    assert drawn > 200
    assert ours.getpdfdata() == theirs.getpdfdata()


def test_a_line_too_wide_is_not_counted(styles: Styles) -> None:
    lines = [[Span("互联网金融" * 20)]]
    assert counted_height(lines, styles.body, None, 100) is None
    assert counted_height([[Span("a\tb")]], styles.body, None, 500) is None


def test_draw_string_writes_what_drawstring_writes(fonts: HandoutFonts) -> None:
    rnd = random.Random(3)
    theirs, ours = Canvas(BytesIO(), invariant=1), Canvas(BytesIO(), invariant=1)
    for _ in range(500):
        text = "".join(rnd.choice([*PIECES, "\xa0", "\t", "é"]) for _ in range(rnd.randint(0, 12)))
        font, size = rnd.choice([fonts.regular, fonts.bold]), rnd.choice([7.8, 10, 13.333])
        x, y = rnd.uniform(-50, 600), rnd.uniform(0, 800)
        for canvas in (theirs, ours):
            canvas.setFont(font, size)
        theirs.drawString(x, y, text)
        draw_string(ours, x, y, text)
    assert ours._code == theirs._code
    assert ours.getpdfdata() == theirs.getpdfdata()


def test_a_parsed_face_is_cached_and_read_back_whole(
    tmp_path: Path, theme: Theme, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = theme.bold_font
    parsed = TTFont("Reference", str(path))
    stored = load_ttfont("Stored", path)  # parses, then writes the cache
    assert len(list(handout_fonts.face_cache_folder().glob("ttface-*.marshal"))) == 1
    cached = load_ttfont("Cached", path)  # reads it back
    for font in (stored, cached):
        ours = {k: v for k, v in font.face.__dict__.items() if k != "_pdfScale"}
        theirs = {k: v for k, v in parsed.face.__dict__.items() if k != "_pdfScale"}
        assert ours == theirs
        assert {k: type(v) for k, v in ours.items()} == {k: type(v) for k, v in theirs.items()}
        assert font.face._pdfScale(123.4) == parsed.face._pdfScale(123.4)
        assert font.shapable == parsed.shapable
        assert font._asciiReadable == parsed._asciiReadable


def test_an_unusable_face_cache_is_ignored(
    tmp_path: Path, theme: Theme, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # cannot make course-build in it
    assert load_ttfont("Uncached", theme.bold_font).face.charWidths
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_ttfont("Stored", theme.bold_font)
    for cached in handout_fonts.face_cache_folder().glob("ttface-*.marshal"):
        cached.write_bytes(b"not marshal")
    assert load_ttfont("Corrupt", theme.bold_font).face.charWidths


def test_a_placed_code_span_is_drawn_in_the_embedded_code_face_and_a_link_is_a_link() -> None:
    """Miniatures and the cover place text with ``draw_spans``: `code` there is set in the
    embedded monospace face (never a standard, unembedded one), Chinese in it stays in the
    body face, and a link span carries a real URI annotation."""
    import io

    from pypdf import PdfReader
    from reportlab.pdfgen.canvas import Canvas

    from build_tools.backends.handout.fonts import register_fonts
    from build_tools.backends.handout.text import CanvasFonts, Span, draw_spans
    from build_tools.theme import load_theme

    names = register_fonts(load_theme())
    stream = io.BytesIO()
    canvas = Canvas(stream, initialFontName=names.regular)  # as the handout makes them
    spans = [Span("micros0ft.com", code=True), Span(" 官网", code=True),
             Span("手册", href="https://example.com/guide")]
    draw_spans(canvas, CanvasFonts(names.regular, names.bold), 72, 700, spans, 12, "000000")
    canvas.showPage()
    canvas.save()
    page = PdfReader(io.BytesIO(stream.getvalue())).pages[0]
    faces = [f.get_object() for f in page["/Resources"]["/Font"].values()]
    assert {str(face["/BaseFont"]).split("+")[-1] for face in faces} == {
        "LiberationMono", "NotoSansCJKsc-Regular"}
    assert all("/FontFile2" in face["/FontDescriptor"].get_object() for face in faces)
    assert [a.get_object()["/A"]["/URI"] for a in page["/Annots"]] == [
        "https://example.com/guide"]


def test_registering_the_faces_again_still_records_them_as_inputs() -> None:
    """The faces are registered once per process; a second build in the same process (watch,
    serve, a library worker) must still list them among the handout's inputs."""
    from build_tools import inputs
    from build_tools.backends.handout.fonts import register_fonts
    from build_tools.theme import load_theme

    theme = load_theme()
    with inputs.recording() as first:
        register_fonts(theme)
    with inputs.recording() as second:
        register_fonts(theme)
    for record in (first, second):
        assert {str(theme.regular_font), str(theme.bold_font), str(theme.code_font)} <= set(record)


def test_a_placed_link_is_annotated_where_the_text_is_drawn_under_a_transform() -> None:
    """A miniature draws the slide scaled and moved (and platypus moves every flowable):
    the link's clickable area must follow the text, not sit at the unscaled slide
    coordinates. Found in a trial course: the area lay on blank paper below the slide."""
    import io

    from pypdf import PdfReader
    from reportlab.pdfgen.canvas import Canvas

    from build_tools.backends.handout.fonts import register_fonts
    from build_tools.backends.handout.text import CanvasFonts, Span, draw_spans
    from build_tools.theme import load_theme

    names = register_fonts(load_theme())
    stream = io.BytesIO()
    canvas = Canvas(stream, initialFontName=names.regular)
    canvas.translate(100, 200)
    canvas.scale(0.5, 0.5)
    width = draw_spans(canvas, CanvasFonts(names.regular, names.bold), 40, 300,
                       [Span("手册", href="https://example.com/guide")], 20, "000000")
    canvas.showPage()
    canvas.save()
    page = PdfReader(io.BytesIO(stream.getvalue())).pages[0]
    (annotation,) = [a.get_object() for a in page["/Annots"]]
    left, bottom, right, top = (float(v) for v in annotation["/Rect"])
    assert left == pytest.approx(100 + 40 * 0.5) and right == pytest.approx(120 + width * 0.5)
    assert bottom < 200 + 300 * 0.5 < top and top - bottom < 20  # around the baseline, scaled
