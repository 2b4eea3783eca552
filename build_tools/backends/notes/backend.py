"""The trainer's notes: one view of the plan, rendered to self-contained HTML and Markdown.

A builder in the Sphinx sense: it receives the resolved plan and writes its two formats,
never reads the outline file, never numbers or times a slide. The formatting decisions live
in :mod:`build_tools.backends.notes.view`; the words live in the edition's locale file
(``L``, ``P`` in the templates) and the look in the templates and the theme.

Both Jinja environments use ``StrictUndefined`` so a misspelt variable fails the build
instead of printing an empty string. HTML is autoescaped. Markdown has no autoescape, so
its environment *finalizes* every ``{{ … }}`` through :func:`escape_markdown`: author text
is escaped by default and a template cannot forget to do it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from jinja2 import (
    Environment,
    StrictUndefined,
    select_autoescape,
)

from build_tools import inputs, resources
from build_tools.backends.base import Context, Output, Result
from build_tools.backends.notes.view import NotesView, build_view
from build_tools.locale import Locale
from build_tools.outline.inline import RichText

HTML_TEMPLATE = "notes.html.j2"
MARKDOWN_TEMPLATE = "notes.md.j2"

# Characters that mean something anywhere in a CommonMark/GFM line ("|" splits table cells).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# An "&" that would start a character reference (&amp; &#60;) is escaped; a lone one is not.
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What turns a line into a heading, quote, list item or rule when it starts the line.
_MD_LINE_START = re.compile(r"^(\s*)([#+=-])", re.MULTILINE)
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)", re.MULTILINE)


class MarkdownSafe(str):
    """Text already escaped for Markdown; the finalizer passes it through unchanged."""

    __slots__ = ()


def escape_markdown(text: str) -> MarkdownSafe:
    """Escape outline text so it prints literally and cannot break a table or a heading.

    Backslash escapes are valid for any ASCII punctuation in CommonMark, so an escape that
    turns out unnecessary still renders as the plain character.
    """
    escaped = _MD_INLINE.sub(r"\\\1", text)
    escaped = _MD_ENTITY.sub(r"\\&", escaped)
    escaped = _MD_LINE_START.sub(r"\1\\\2", escaped)
    escaped = _MD_ORDERED.sub(r"\1\\\2", escaped)
    return MarkdownSafe(escaped)


def _finalize_markdown(value: Any) -> Any:
    if isinstance(value, MarkdownSafe):
        return value
    if isinstance(value, RichText):  # the author's inline markup, kept as Markdown
        return MarkdownSafe(value.markdown(escape_markdown))
    if isinstance(value, str):
        return escape_markdown(value)
    return value


def markdown_cell(value: Any) -> MarkdownSafe:
    """A table cell or a heading: escaped, and on one line (a newline would end it)."""
    text = value if isinstance(value, MarkdownSafe) else _finalize_markdown(value)
    if not isinstance(text, MarkdownSafe):
        text = escape_markdown(str(value))
    return MarkdownSafe(" ".join(text.split()))


def markdown_raw(value: str) -> MarkdownSafe:
    """Template-made Markdown (a link target, a label joined with syntax) left as it is."""
    return MarkdownSafe(value)


@cache
def environment(markdown: bool, project: Path | None = None) -> Environment:
    """The Jinja environment for one output format; built once, templates cached by Jinja.

    Templates come from the project's ``assets/templates/`` first, then the package's.
    """
    env = Environment(
        loader=inputs.jinja_loader(resources.template_folders(project)),
        cache_size=0,  # every render reads (and records) its templates; bytecode is cached
        bytecode_cache=resources.jinja_bytecode_cache("markdown" if markdown else "html"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"),
                                     default_for_string=False, default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize_markdown if markdown else None,
    )
    env.filters["cell"] = markdown_cell
    env.filters["raw_md"] = markdown_raw
    return env


def _words(locale: Locale) -> dict[str, Any]:
    """The edition's notes words as plain mappings (``L.kinds[kind]``, ``role in L.roles``)."""
    words = locale.notes_words.model_dump()
    words["question_types"] = locale.quiz_types.model_dump()  # the handout's words too
    return {"L": words, "P": words["punctuation"]}


def render_html(view: NotesView, locale: Locale, project: Path | None = None) -> str:
    template = environment(False, project).get_template(HTML_TEMPLATE)
    return template.render(v=view, **_words(locale))


def render_markdown(view: NotesView, locale: Locale, project: Path | None = None) -> str:
    template = environment(True, project).get_template(MARKDOWN_TEMPLATE)
    return template.render(v=view, **_words(locale))


def _normalise(text: str) -> bytes:
    """LF line endings, no trailing blanks, one final newline: byte-identical rebuilds."""
    lines = [line.rstrip() for line in text.splitlines()]
    return ("\n".join(lines).strip("\n") + "\n").encode("utf-8")


class TrainerNotesBackend:
    """Build target ``notes``: ``<stem>-notes.html`` and ``<stem>-notes.md``."""

    name: ClassVar[str] = "notes"

    def render(self, context: Context) -> Result:
        view = build_view(context.plan, context.theme)
        words, project = context.locale, context.project
        html, markdown = render_html(view, words, project), render_markdown(view, words, project)
        count = len(context.plan.slides)
        return Result(
            outputs=[
                Output(context.output_name("-notes", "html"), _normalise(html), count,
                       "slides"),
                Output(context.output_name("-notes", "md"), _normalise(markdown), count,
                       "slides"),
            ]
        )
