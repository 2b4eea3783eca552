"""Editions: the same outline in another language, made before planning.

Why before planning: the plan, the design and every backend then see one outline in one
language, so numbers, titles and times stay the plan's and nothing downstream knows about
editions. Two ways to get there:

- **Traditional Chinese** (zh-TW, zh-HK) from a Simplified outline: OpenCC's phrase-level
  conversion (``s2twp``, ``s2hk``), with a per-course override file
  ``source/<stem>.<lang>.terms.yaml`` (``{simplified phrase: traditional phrase}``) for the
  terms OpenCC gets wrong (对象 -> 物件 in s2twp, say).
- **Translated** editions (en, ...) read ``source/<stem>.<lang>.yaml`` (see
  :mod:`build_tools.translation`).

True/false answers are words of the course language; an edition writes its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from build_tools.errors import InputError, Problem
from build_tools.locale import LANGUAGES, load_locale
from build_tools.outline.model import Outline
from build_tools.outline.source import read_source

OPENCC_CONFIGS = {("zh-CN", "zh-TW"): "s2twp", ("zh-CN", "zh-HK"): "s2hk"}
# Keys whose values are codes, not text an author writes for readers.
NOT_TEXT = frozenset({
    "id", "kind", "type", "path", "language", "editions", "handout_layout", "template",
    "start", "date", "answer",
})
CODE_UNDER_TRAINER = "label"  # a trainer note's label is a code; an event's label is text
PRIVATE_USE = 0xE000  # placeholders for override terms: OpenCC leaves them alone


@dataclass(frozen=True)
class Edition:
    """One edition's outline and what the build should say about how it was made."""

    language: str
    suffix: str  # ".zh-TW" in output names; "" for the outline's own language
    outline: Outline
    warnings: list[Problem] = field(default_factory=list)
    fallback_fonts: bool = False  # source text left untranslated: keep the source's fonts
    # Field path -> (translation file, line, column) of each translated text: a problem of
    # that text (too long for its box, a character the font lacks) is the translator's.
    elsewhere: dict[str, tuple[Path, int | None, int | None]] = field(default_factory=dict)


def suffix_for(outline: Outline, language: str | None) -> str:
    return "" if language in (None, outline.course.language) else f".{language}"


def make_edition(
    outline: Outline, source: Path, language: str | None, allow_untranslated: bool = False
) -> Edition:
    """The outline as the ``language`` edition shows it (the outline itself by default)."""
    own = outline.course.language
    if language is None or language == own:
        return Edition(own, "", outline)
    if language not in LANGUAGES:
        raise InputError([Problem("", f"expected an edition, one of {', '.join(LANGUAGES)}; "
                                      f"got {language!r}")])
    config = OPENCC_CONFIGS.get((own, language))
    if config is not None:
        terms = read_terms(source.parent / f"{source.stem}.{language}.terms.yaml")
        convert = converter(config, tuple(terms.items()))
        data = map_text(outline.model_dump(mode="json"), lambda text, _path: convert(text))
        return Edition(language, f".{language}", _validated(data, outline, language))
    from build_tools.translation import translate_outline

    elsewhere: dict[str, tuple[Path, int | None, int | None]] = {}
    data, warnings, untranslated = translate_outline(outline, source, language,
                                                     allow_untranslated, elsewhere)
    return Edition(language, f".{language}", _validated(data, outline, language), warnings,
                   fallback_fonts=untranslated, elsewhere=elsewhere)


def _validated(data: dict[str, Any], outline: Outline, language: str) -> Outline:
    """Back into the model in the edition's language. Answers are never converted on their
    own: a choice answer is the edition's option at the same place, a true/false answer
    the edition's word."""
    source_words, words = load_locale(outline.course.language), load_locale(language)
    for question, original in zip(data["quiz"], outline.quiz, strict=True):
        if original.type == "truefalse":
            question["answer"] = [words.truth(a == source_words.quiz_true)
                                  for a in original.answer]
        else:
            question["answer"] = [question["options"][original.options.index(a)]
                                  for a in original.answer]
    data["course"]["language"] = language
    return Outline.model_validate(data)


def map_text(value: Any, change: Callable[[str, str], str], path: str = "") -> Any:
    """Every author-written string of a dumped outline through ``change(text, path)``."""
    if isinstance(value, str):
        return change(value, path)
    if isinstance(value, dict):
        trainer_note = path.rsplit(".", 1)[-1].startswith("trainer[")
        return {key: (item if key in NOT_TEXT or (trainer_note and key == CODE_UNDER_TRAINER)
                      else map_text(item, change, f"{path}.{key}" if path else key))
                for key, item in value.items()}
    if isinstance(value, list):
        return [map_text(item, change, f"{path}[{index}]") for index, item in enumerate(value)]
    return value


def texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) for every author-written string of a dumped outline."""
    found: list[tuple[str, str]] = []

    def keep(text: str, where: str) -> str:
        found.append((where, text))
        return text

    map_text(value, keep, path)
    yield from found


def read_terms(file: Path) -> dict[str, str]:
    """The course's OpenCC overrides: ``{simplified phrase: traditional phrase}``."""
    if not file.is_file():
        return {}
    source = read_source(file)
    data = source.data or {}
    problems = []
    if not isinstance(data, dict):
        data = {}
        problems.append(Problem("", "expected a mapping of simplified phrase: traditional "
                                    "phrase", file, 1, 1))
    for key, value in data.items():
        if not isinstance(value, str) or not isinstance(key, str) or not key or not value:
            line, column = source.locate((key,))
            problems.append(Problem(str(key), f"expected a phrase; got {value!r}", file,
                                    line, column))
    if problems:
        raise InputError(problems)
    return dict(data)


@cache
def converter(config: str, terms: tuple[tuple[str, str], ...] = ()) -> Callable[[str], str]:
    """OpenCC's conversion, with the course's own terms put in place of OpenCC's."""
    import opencc

    engine = opencc.OpenCC(config)
    ordered = sorted(terms, key=lambda pair: -len(pair[0]))  # longest phrase first

    def convert(text: str) -> str:
        for index, (simplified, _) in enumerate(ordered):
            text = text.replace(simplified, chr(PRIVATE_USE + index))
        text = engine.convert(text)
        for index, (_, traditional) in enumerate(ordered):
            text = text.replace(chr(PRIVATE_USE + index), traditional)
        return text

    return convert
