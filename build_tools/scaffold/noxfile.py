"""Sessions for this course (`nox -l` lists them): the same names as the tool's own.

The tool comes from ``COURSE_TOOL`` (a pip requirement: a version, a wheel file or a
private index name), default the released package.
"""

from __future__ import annotations

import os

import nox

nox.options.reuse_existing_virtualenvs = True
nox.options.default_venv_backend = "venv"
nox.options.sessions = ["build"]

TOOL = os.environ.get("COURSE_TOOL", "courseware-build-tools")


def _course(session: nox.Session, *command: str) -> None:
    session.install(TOOL)
    session.run("course", *command, *session.posargs)


@nox.session
def slides(session: nox.Session) -> None:
    """Build the slide decks."""
    _course(session, "build", "slides")


@nox.session
def handout(session: nox.Session) -> None:
    """Build the attendee handouts."""
    _course(session, "build", "handout")


@nox.session
def notes(session: nox.Session) -> None:
    """Build the trainer's notes."""
    _course(session, "build", "notes")


@nox.session
def web(session: nox.Session) -> None:
    """Build the web decks (build/…-web/index.html)."""
    _course(session, "build", "web")


@nox.session
def serve(session: nox.Session) -> None:
    """Serve build/ on 127.0.0.1:8000; rebuild and reload open pages on every change."""
    _course(session, "serve")


@nox.session
def editions(session: nox.Session) -> None:
    """Build every edition in the outline's course.editions (course.zh-TW.pptx, …)."""
    _course(session, "build", "all", "--edition", "all", "--allow-untranslated")


@nox.session
def build(session: nox.Session) -> None:
    """Build every course in source/ (skips outputs whose inputs did not change)."""
    _course(session, "build", "all")


@nox.session
def check(session: nox.Session) -> None:
    """Validate and lint the outline, run the fit and font checks; write nothing."""
    _course(session, "check")


@nox.session
def stats(session: nox.Session) -> None:
    """Slides, minutes and clock times per chapter against the declared duration."""
    _course(session, "stats")
