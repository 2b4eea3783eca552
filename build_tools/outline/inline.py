"""Inline markup in outline text: ``**bold**``, ``*emphasis*``, ``` `code` ``` and links.

Parsed once, when the model is validated, by markdown-it-py (CommonMark's inline rules:
nesting, ``\\*`` for a literal asterisk, backticks that protect what they hold), never by
regular expressions. Only the four constructs are switched on; underscores stay literal
(``file_name``), and HTML, entities and autolinks are text as typed.

The result is a :class:`RichText`: a ``str`` whose value is the plain text (what is
measured, compared and shown where styling cannot be) that also carries its spans. Code
that only reads text keeps working unchanged; a backend that draws styling asks for
``spans``. Jinja's autoescape calls ``__html__``, so the HTML notes get ``<strong>``,
``<em>``, ``<code>`` and ``<a>`` without template changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from html import escape
from string import Formatter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

MARKERS = ("*", "`", "[", "\\")  # text without any of these has no markup to parse
ESCAPED = frozenset("*`[]\\")  # what a backslash escapes; before anything else it is kept
LINK_SCHEMES = ("https://", "http://", "mailto:")
_UNDERSCORE = "\ue05f"
_UNDERSCORE_URL = "%EE%81%9F"  # the stand-in as markdown-it percent-encodes it in a link


@dataclass(frozen=True)
class Inline:
    """A piece of text and its styling."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


class RichText(str):
    """Plain text (the ``str`` value) with the spans it was written with.

    ``source`` is the markup as the author typed it (None for text cut or composed from
    other text): what the outline's JSON dump holds, so an edition, a translation file
    and a warm session's change check see the markup, not only the plain text.
    """

    spans: tuple[Inline, ...]
    source: str | None

    def __new__(cls, spans: tuple[Inline, ...], source: str | None = None) -> RichText:
        self = super().__new__(cls, "".join(span.text for span in spans))
        self.spans = spans
        self.source = source
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (RichText, (self.spans, self.source))

    def __html__(self) -> str:
        """The spans as HTML, text escaped (Jinja's autoescape and MarkupSafe call this)."""
        return "".join(_html(span) for span in self.spans)

    def markdown(self, escape_text: Any) -> str:
        """The spans as Markdown, each span's text escaped with ``escape_text``."""
        return "".join(_markdown(span, escape_text) for span in self.spans)


def spans_of(text: str) -> tuple[Inline, ...]:
    """The spans of any text: a RichText's own, or one plain span."""
    spans = getattr(text, "spans", None)
    return spans if spans is not None else (Inline(str(text)),)


def parse(text: str) -> str:
    """``text`` as a RichText if it holds markup or escapes, else unchanged.

    Raises ValueError for a link to anything but http(s) or mailto (a slide's link must
    open in a browser, and ``javascript:`` must never reach the notes' HTML).
    """
    if not any(marker in text for marker in MARKERS):
        return text
    spans = _spans(text)
    if len(spans) == 1 and spans[0] == Inline(spans[0].text) and spans[0].text == text:
        return text  # markup characters that mark nothing (``2*3``): plain text
    return RichText(spans, text)  # escapes too: the dump must keep them (``source_of``)


def unclosed(typed: str) -> str | None:
    """``**`` or a backtick the author typed that closes nothing, so it shows as typed.

    ``None`` when every one is closed or escaped (``\\*\\*``). A lone ``*`` is not
    reported: ``2*3`` and a footnote's ``*`` are ordinary text.
    """
    if "**" not in typed and "`" not in typed:
        return None
    shown = "".join(span.text for span in spans_of(parse(typed)) if not span.code)
    bare = []
    index = 0
    while index < len(typed):  # the typed text without its escapes
        if typed[index] == "\\" and typed[index + 1:index + 2] in ESCAPED:
            index += 2
            continue
        bare.append(typed[index])
        index += 1
    for mark in ("**", "`"):
        if mark in shown and mark in "".join(bare):
            return mark
    return None


def source_of(text: str) -> str:
    """The text as an author writes it, so that ``parse`` gives back the same spans.

    A RichText's markup as typed; plain text as it is when it reads back the same, else
    with its markup characters escaped (``6222 \\*\\*`` that the author wrote escaped).
    The outline's JSON dump uses it (``model.Text``): every model field keeps its source.
    Text cut or composed by a backend has none; its spans are written out as Markdown,
    which CommonMark's flanking rules may read differently (``* :*``).
    """
    source = getattr(text, "source", None)
    if source is not None:
        return str(source)
    spans = getattr(text, "spans", None)
    if spans is not None:
        return "".join(_markdown(span, escape_markup) for span in spans)
    if not any(marker in text for marker in MARKERS):
        return text
    try:
        again = parse(text)
    except ValueError:  # it would read as a link to a refused target
        return escape_markup(text)
    if again == text and getattr(again, "spans", None) is None:
        return text
    return escape_markup(text)


def escape_markup(text: str) -> str:
    """Plain text that ``parse`` reads back as itself: every backslash doubled (a doubled
    one always means one), every markup character after a backslash."""
    return "".join("\\" + char if char in ESCAPED else char for char in text)


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("zero").enable(["emphasis", "backticks", "link", "escape"])
    parser.inline.ruler.at("escape", _escape_markup_only)
    # Every target becomes a link token, so ``_spans`` refuses what is not http(s) or mailto
    # with a message (markdown-it's own check leaves ``[x](javascript:…)`` as silent text).
    parser.validateLink = lambda url: True  # type: ignore[method-assign]  # documented hook
    return parser


def _spans(text: str) -> tuple[Inline, ...]:
    # Underscore emphasis is off: only ``*`` marks emphasis, so identifiers keep their "_".
    # markdown-it has no switch for that; a private-use stand-in (not a delimiter) is
    # swapped in for the parse and back in every piece of text and link after it.
    tokens = _parser().parseInline(text.replace("_", _UNDERSCORE))
    children = tokens[0].children or [] if tokens else []
    spans: list[Inline] = []
    bold = italic = 0
    href: str | None = None
    for token in children:
        kind = token.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
            href = href.replace(_UNDERSCORE, "_").replace(_UNDERSCORE_URL, "_")
            if not href.startswith(LINK_SCHEMES):
                raise ValueError(
                    f"expected a link to an https://, http:// or mailto: address; got {href!r}"
                )
        elif kind == "link_close":
            href = None
        elif kind in ("text", "code_inline", "softbreak", "hardbreak"):
            content = "\n" if kind.endswith("break") else token.content.replace(_UNDERSCORE, "_")
            piece = Inline(content, bold > 0, italic > 0, kind == "code_inline", href)
            if spans and _same_style(spans[-1], piece):
                spans[-1] = Inline(spans[-1].text + content, piece.bold, piece.italic,
                                   piece.code, piece.href)
            else:
                spans.append(piece)
    return tuple(span for span in spans if span.text)


def _escape_markup_only(state: StateInline, silent: bool) -> bool:
    """CommonMark's backslash escape, but only before the markup characters.

    CommonMark lets a backslash escape any ASCII punctuation; authors mean it only before
    ``*``, `````, ``[``, ``]`` and ``\\``, so ``C:\\<dir>`` stays as typed. A rule of the
    parser (not a rewrite of the text before it) so code spans, which the backticks rule
    takes whole, keep every backslash they hold (``\\\\archive\\aml``).
    """
    if state.src[state.pos + 1:state.pos + 2] not in ESCAPED:
        return False  # the backslash becomes plain text
    from markdown_it.rules_inline.escape import escape as commonmark_escape

    return commonmark_escape(state, silent)


def _same_style(a: Inline, b: Inline) -> bool:
    return (a.bold, a.italic, a.code, a.href) == (b.bold, b.italic, b.code, b.href)


@dataclass(frozen=True)
class Marks:
    """How one output format marks each style around text it has escaped: format strings
    around ``{}`` (the text); ``link`` also takes ``{href}`` (the address, escaped)."""

    code: str
    italic: str
    bold: str
    link: str


def marked(text: str, span: Any, marks: Marks, href: str | None = None) -> str:
    """``text`` (already escaped for the format) wrapped as ``span`` is styled, code
    innermost, then emphasis, bold and the link: the one order every format nests them in.
    ``span``: an :class:`Inline`, or any span with ``code``, ``italic`` and ``bold``."""
    if span.code:
        text = marks.code.format(text)
    if span.italic:
        text = marks.italic.format(text)
    if span.bold:
        text = marks.bold.format(text)
    if href:
        text = marks.link.format(text, href=href)
    return text


HTML = Marks("<code>{}</code>", "<em>{}</em>", "<strong>{}</strong>", '<a href="{href}">{}</a>')
# Code spans are fenced by ``_code_markup`` (the fence depends on the text).
MARKDOWN = Marks("{}", "*{}*", "**{}**", "[{}](<{href}>)")


def _html(span: Inline) -> str:
    return marked(escape(span.text, quote=False), span, HTML,
                  escape(span.href) if span.href else None)


def _markdown(span: Inline, escape_text: Any) -> str:
    text = _code_markup(span.text) if span.code else str(escape_text(span.text))
    return marked(text, span, MARKDOWN, span.href)


def _code_markup(text: str) -> str:
    """A code span around ``text``: a fence of more backticks than any run inside, padded
    with a space when the text starts or ends with a backtick (CommonMark strips one)."""
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def format_rich(template: str, **fields: object) -> str:
    """``template.format(**fields)`` keeping the spans of RichText fields.

    A locale's pattern (``"{title}，{issuer}，{year}"``) around outline text: ``str.format``
    would return the plain text and drop a reference's link or a quote source's emphasis.
    """
    if not any(isinstance(value, RichText) for value in fields.values()):
        return template.format(**fields)
    formatter = Formatter()
    spans: list[Inline] = []
    for literal, name, spec, conversion in formatter.parse(template):
        pieces = [Inline(literal)] if literal else []
        if name is not None:
            value = fields[name]
            if isinstance(value, RichText) and not spec and not conversion:
                pieces += value.spans
            else:
                shown = formatter.format_field(formatter.convert_field(value, conversion),
                                               spec or "")
                pieces.append(Inline(shown))
        for piece in pieces:
            if spans and _same_style(spans[-1], piece):
                spans[-1] = Inline(spans[-1].text + piece.text, piece.bold, piece.italic,
                                   piece.code, piece.href)
            else:
                spans.append(piece)
    return RichText(tuple(spans))


def cut(text: str, start: int, stop: int) -> str:
    """``text[start:stop]`` keeping the spans of a RichText (splitting paragraphs of notes)."""
    spans = getattr(text, "spans", None)
    if spans is None:
        return text[start:stop]
    pieces = []
    offset = 0
    for span in spans:
        end = offset + len(span.text)
        low, high = max(start, offset), min(stop, end)
        if low < high:
            pieces.append(Inline(span.text[low - offset:high - offset], span.bold, span.italic,
                                 span.code, span.href))
        offset = end
    return RichText(tuple(pieces)) if pieces else ""


def strip(text: str) -> str:
    """``text.strip()`` keeping the spans of a RichText."""
    stripped = text.strip()
    if not stripped or getattr(text, "spans", None) is None:
        return stripped
    start = len(text) - len(text.lstrip())
    return cut(text, start, start + len(stripped))


def lines(text: str) -> list[str]:
    """The non-blank lines of ``text``, stripped, keeping the spans of a RichText."""
    out, start = [], 0
    for index, char in enumerate(text + "\n"):
        if char == "\n":
            line = strip(cut(text, start, index))
            if line:
                out.append(line)
            start = index + 1
    return out
