"""Sessions: `nox -l` lists them. Environments are reused between runs (fast rebuilds)."""

from __future__ import annotations

import nox

nox.options.reuse_existing_virtualenvs = True
nox.options.default_venv_backend = "venv"
nox.options.sessions = ["build"]

PYPROJECT = nox.project.load_toml("pyproject.toml")


CONSTRAINTS = ("-c", "constraints.txt")  # the versions the tests last passed with


def _install(session: nox.Session, *groups: str) -> None:
    session.install(*CONSTRAINTS, "-e", ".")
    for group in groups:
        session.install(*CONSTRAINTS, *nox.project.dependency_groups(PYPROJECT, group))


def _build(session: nox.Session, target: str) -> None:
    _install(session)
    session.run("course", "build", target, *session.posargs)


@nox.session
def slides(session: nox.Session) -> None:
    """Build the slide deck: build/course.pptx."""
    _build(session, "slides")


@nox.session
def handout(session: nox.Session) -> None:
    """Build the attendee handout: build/course-handout.pdf."""
    _build(session, "handout")


@nox.session
def notes(session: nox.Session) -> None:
    """Build the trainer's notes: build/course-notes.html and .md."""
    _build(session, "notes")


@nox.session
def build(session: nox.Session) -> None:
    """Build every course in source/ (build/, or build/<name>/ for several; incremental)."""
    _build(session, "all")


@nox.session
def web(session: nox.Session) -> None:
    """Build the web deck: build/course-web/index.html."""
    _build(session, "web")


@nox.session
def serve(session: nox.Session) -> None:
    """Serve build/ on 127.0.0.1:8000; rebuild and reload open pages on every change."""
    _install(session)
    session.run("course", "serve", *session.posargs)


@nox.session
def editions(session: nox.Session) -> None:
    """Build every edition in the outline's course.editions (course.zh-TW.pptx, …).

    Untranslated strings of a translated edition are built from the source text with a
    warning listing them; pass -- --edition en (without this flag) to see the build fail.
    """
    _install(session)
    session.run("course", "build", "all", "--edition", "all", "--allow-untranslated",
                *session.posargs)


@nox.session
def check(session: nox.Session) -> None:
    """Validate and lint the outline, run the fit and font checks; write nothing."""
    _install(session)
    session.run("course", "check", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (real-client tests skip locally without the tools, fail in CI)."""
    _install(session, "test")
    session.run("pytest", "-q", *session.posargs)


@nox.session
def verify(session: nox.Session) -> None:
    """Open the outputs in LibreOffice, poppler, qpdf and Chromium; PNGs in build/preview."""
    _install(session, "test")
    session.run("pytest", "-q", "tests/clients", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format check) and mypy."""
    _install(session, "lint")
    session.run("ruff", "check", "build_tools", "tests", "bench", "noxfile.py")
    session.run("mypy")


@nox.session
def template(session: nox.Session) -> None:
    """Regenerate build_tools/assets/template.pptx from assets/make_template.py (commit it)."""
    _install(session)
    session.run("python", "assets/make_template.py", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Build time and memory at 32, 320 and 3,200 slides beside pandoc; a 50-course library."""
    _install(session)
    session.run("python", "bench/run.py", *session.posargs)
    session.run("python", "bench/library.py")
