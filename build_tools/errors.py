"""User-facing problems. A problem is the author's to fix; anything else is a bug.

Problems carry the field path (``chapters[1].slides[0].title``); the loader's location map
turns it into ``file:line:column`` so a backend can report a problem without knowing YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

MAX_REPORTED = 20  # problems (and warnings) printed unless ``--all`` is given

# What a terminal would act on or hide rather than show: C0 and C1 controls and DEL (a
# raw ESC can clear the screen), line and paragraph separators, bidirectional overrides
# (text that reads differently from what it is), lone surrogates and noncharacters.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


def printable(text: str) -> str:
    """Text safe to print on one terminal line: what a terminal would act on, escaped."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


@dataclass(frozen=True)
class Problem:
    path: str  # the field, e.g. "chapters[1].slides[0].title"; "" for the whole file
    message: str
    file: Path | None = None
    line: int | None = None
    column: int | None = None
    # The path as an author reads it (from 1, the slide named), set when located; ``path``
    # stays the code's form (from 0) for code that finds the field from a problem.
    shown: str | None = None

    def located(self, file: Path, line: int | None, column: int | None) -> Problem:
        return replace(self, file=file, line=line, column=column)

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = str(self.file)
            if self.line is not None:
                where += f":{self.line}:{self.column or 1}"
            where += ": "
        field = f"{self.shown or self.path}: " if self.path else ""
        return printable(f"{where}{field}{self.message}")


class CourseError(Exception):
    """Base for errors that are reported as lines of problems, without a traceback."""

    exit_status = 1

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:
        """Pickle by problems: errors travel back from worker processes intact."""
        return (self.__class__, (self.problems,))

    def lines(self, every: bool = False) -> list[str]:
        """The problems as printed: the first ``MAX_REPORTED`` and a count, or ``every``."""
        return capped([str(problem) for problem in self.problems], every, "problems")


def capped(lines: list[str], every: bool, what: str) -> list[str]:
    """All lines, or the first ``MAX_REPORTED`` and how many more (``--all`` shows them)."""
    if every or len(lines) <= MAX_REPORTED:
        return lines
    more = len(lines) - MAX_REPORTED
    return [*lines[:MAX_REPORTED], f"… and {more} more {what} (--all shows every one)"]


class InputError(CourseError):
    """The outline (or an asset it names) is wrong: exit status 2."""

    exit_status = 2


class BuildFailure(CourseError):
    """The input is valid but an output cannot be made as asked (e.g. text overflows)."""

    exit_status = 1


class OutputError(CourseError):
    """An output could not be put in place (disk full, permission denied, read-only file or
    file system): exit status 1, one line naming the file and the reason.

    Raised only once the output set has been rolled back, so the message can promise that
    the last good files are unchanged. Carries ``path`` and ``reason`` for callers that
    show them differently (watch mode, a future server).
    """

    exit_status = 1

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__([Problem("", reason, file=path)])
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[Path, str]]:  # type: ignore[override]
        return (self.__class__, (self.path, self.reason))
