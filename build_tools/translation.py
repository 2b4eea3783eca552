"""Translation files: ``source/<stem>.<lang>.yaml`` beside the outline.

Each author-written string of the outline has a stable key (the slide id plus the field
path, ``market-size.points[0].text``; ``chapter-2.title``; ``course.title``; ``quiz[3]
.question``) and an entry holding the source text, a hash of it and the translation. When
the source changes, its hash no longer matches: the translation is *stale* until a
translator checks it. ``course translate --lang en`` creates and updates the file (new
keys empty, changed ones flagged ``stale: true`` with the ``previous`` source shown,
removed ones dropped); ``course build --edition en`` uses it and fails with every missing
and stale string located, unless ``--allow-untranslated`` (then: the source text for a
missing string, the stale translation for a stale one, and a warning).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from build_tools.errors import InputError, Problem
from build_tools.outline.model import Outline
from build_tools.outline.source import Source, read_source

_SLIDE = re.compile(r"^chapters\[(\d+)\]\.slides\[(\d+)\](.*)$")
_CHAPTER = re.compile(r"^chapters\[(\d+)\](.*)$")
HEADER = """\
# {language} edition of {outline}: one entry per string, keyed by slide id and field path.
# Fill in each empty `text`. `stale: true` means the source changed after it was
# translated (`previous` shows the old source): check the text, then delete those lines.
# `course translate --lang {language}` keeps this file in step with the outline.
"""


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    hash: str
    source: str
    text: str = ""
    stale: bool = False
    previous: str | None = None


class TranslationFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: str
    strings: dict[str, Entry] = {}


def digest(text: str) -> str:
    """The first 12 hex digits of the text's SHA-256, prefixed so YAML reads it as text."""
    return "sha256-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


class _Dumper(yaml.SafeDumper):
    """Quotes every string that YAML 1.2 could read as something else (``0123``, ``1e3``):
    the outline reader refuses values YAML 1.1 and 1.2 read differently."""


def _string(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    looks_numeric = bool(re.fullmatch(r"[-+.0-9eE_:]+|[0-9a-fA-FxXoO]+", text)) and any(
        c.isdigit() for c in text)
    style = "'" if looks_numeric else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _string)


def translation_file(source: Path, language: str) -> Path:
    return source.parent / f"{source.stem}.{language}.yaml"


def stable_key(path: str, outline: Outline) -> str:
    """The key that survives reordering: a slide's id, a chapter's number."""
    slide = _SLIDE.match(path)
    if slide:
        chapter, index, rest = int(slide[1]), int(slide[2]), slide[3]
        return outline.chapters[chapter].slides[index].id + rest
    chapter_match = _CHAPTER.match(path)
    if chapter_match:
        number = outline.chapters[int(chapter_match[1])].number
        return f"chapter-{number}{chapter_match[2]}"
    return path


def source_strings(outline: Outline) -> list[tuple[str, str, str]]:
    """(key, outline path, text) for every string a translation must give."""
    from build_tools.editions import texts

    return [(stable_key(path, outline), path, text)
            for path, text in texts(outline.model_dump(mode="json"))]


@dataclass
class Loaded:
    file: Path
    data: TranslationFile
    source: Source | None


def read_translation(file: Path, language: str) -> Loaded:
    if not file.is_file():
        return Loaded(file, TranslationFile(language=language), None)
    source = read_source(file)
    try:
        data = TranslationFile.model_validate(source.data or {"language": language})
    except ValidationError as error:
        from build_tools.outline.messages import problems_from

        raise InputError(problems_from(error, source)) from None
    if data.language != language:
        line, column = source.locate(("language",))
        raise InputError([Problem("language", f"expected {language!r}; got {data.language!r}",
                                  file, line, column)])
    return Loaded(file, data, source)


def translate_outline(
    outline: Outline, outline_file: Path, language: str, allow_untranslated: bool,
    elsewhere: dict[str, tuple[Path, int | None, int | None]] | None = None,
) -> tuple[dict[str, Any], list[Problem], bool]:
    """The dumped outline with each string replaced by its translation.

    Returns the data, the warnings (under ``allow_untranslated``) and whether any source
    text was left in place; ``elsewhere`` receives where each translated text was written.
    """
    from build_tools.editions import map_text

    loaded = read_translation(translation_file(outline_file, language), language)
    entries = loaded.data.strings
    problems: list[Problem] = []
    untranslated = False
    name = loaded.file.name
    run = f"run `course translate --lang {language} --source {outline_file}`"
    if loaded.source is None:  # no file yet: one message, not one per string
        missing = Problem("", f"expected the {language} translation of {outline_file.name}; "
                              f"it does not exist: {run}", loaded.file)
        if not allow_untranslated:
            raise InputError([missing])
        return outline.model_dump(mode="json"), [missing], True

    def where(key: str) -> tuple[int | None, int | None]:
        if loaded.source is None:
            return (None, None)
        return loaded.source.locate(("strings", key, "text"), at_key=False)

    def change(text: str, path: str) -> str:
        nonlocal untranslated
        key = stable_key(path, outline)
        entry = entries.get(key)
        if entry is None or not entry.text.strip():
            untranslated = True
            if entry is None:
                problems.append(Problem(path, f"expected its {language} translation (key "
                                              f"{key!r} in {name}); found none: {run}"))
            else:
                line, column = where(key)
                problems.append(Problem(f"strings.{key}", f"expected the {language} "
                                        f"translation of {_short(text)}; got nothing",
                                        loaded.file, line, column))
            return text
        if entry.stale or entry.hash != digest(text):
            line, column = where(key)
            problems.append(Problem(f"strings.{key}", f"expected a translation of the current "
                                    f"source {_short(text)}; the entry is stale (translated "
                                    f"from {_short(entry.previous or entry.source)})",
                                    loaded.file, line, column))
        if elsewhere is not None:
            elsewhere[path] = (loaded.file, *where(key))
        return entry.text.strip()

    data = map_text(outline.model_dump(mode="json"), change)
    if problems and not allow_untranslated:
        raise InputError(problems)
    warnings = problems
    if problems:
        warnings = [Problem("", f"{len(problems)} strings are missing or stale in {name}; "
                                "built with the source text for the missing ones "
                                "(--allow-untranslated)", loaded.file), *problems]
    return data, warnings, untranslated


def _short(text: str) -> str:
    return repr(text if len(text) <= 30 else text[:29] + "…")


@dataclass(frozen=True)
class Update:
    total: int
    translated: int
    new: int
    stale: int
    dropped: int


def update_translation(outline: Outline, outline_file: Path, language: str) -> tuple[Path,
                                                                                     Update]:
    """Create or refresh the translation file: new keys empty, changed ones stale."""
    file = translation_file(outline_file, language)
    old = read_translation(file, language).data.strings
    strings: dict[str, dict[str, Any]] = {}
    new = stale = 0
    for key, _path, text in source_strings(outline):
        if key in strings:
            continue
        entry = old.get(key)
        h = digest(text)
        if entry is None:
            new += 1
            strings[key] = {"hash": h, "source": text, "text": ""}
        elif entry.hash == h and not entry.stale:
            strings[key] = {"hash": h, "source": text, "text": entry.text}
        else:
            stale += 1
            previous = entry.previous if entry.stale and entry.previous else entry.source
            strings[key] = {"hash": h, "source": text, "text": entry.text, "stale": True,
                            "previous": previous}
    dropped = len(set(old) - set(strings))
    translated = sum(1 for e in strings.values() if e["text"] and not e.get("stale"))
    body = yaml.dump({"language": language, "strings": strings}, Dumper=_Dumper,
                     allow_unicode=True, sort_keys=False, width=100)
    from build_tools.pipeline import write_atomically

    header = HEADER.format(language=language, outline=outline_file.name)
    write_atomically(file, (header + body).encode("utf-8"))
    return file, Update(len(strings), translated, new, stale, dropped)
