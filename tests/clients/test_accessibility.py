"""The trainer's notes and the web deck pass axe-core's WCAG 2.1 A and AA rules in Chromium.

axe-core (the engine behind Lighthouse's and browsers' accessibility audits) is injected
through the DevTools protocol into each page as it is shown: the notes, every slide of the
every-kind course's web deck (pictures, a chart, a table), and the speaker view. The
engine comes from the npm registry (scripts/install-test-tools.sh puts it in
``~/.cache/course-test-tools``); without it these tests skip locally and fail in CI.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from build_tools.pipeline import build, prepare
from tests.clients.cdp import Browser
from tests.conftest import ALLKINDS, COURSE, require_tool

pytestmark = pytest.mark.client

RULES = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']"
RUN = (f"axe.run(document, {{runOnly: {RULES}}}).then(result => result.violations.map("
       "v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.html.slice(0, 120))"
       ".join(' | ')))")


def axe_script() -> str:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    engine = cache / "course-test-tools" / "node_modules" / "axe-core" / "axe.min.js"
    if engine.is_file():
        return engine.read_text(encoding="utf-8")
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"axe-core is required in CI but {engine} is missing")
    pytest.skip("axe-core not installed (scripts/install-test-tools.sh)")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    binary = require_tool("chromium")
    running = Browser(binary, tmp_path_factory.mktemp("chromium"), 1280, 720)
    try:
        yield running
    finally:
        running.close()


def violations(browser: Browser, url: str, script: str) -> list[Any]:
    browser.goto(url)
    browser.pump(0.3)
    browser.evaluate(script)
    return list(browser.evaluate(RUN))


def test_the_check_finds_what_it_should(browser: Browser, tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html><body><img src="x.png">'
                    '<p style="color:#eee;background:#fff">faint</p></body></html>',
                    encoding="utf-8")
    found = " ".join(violations(browser, page.as_uri(), axe_script()))
    for rule in ("image-alt", "html-has-lang", "document-title", "color-contrast"):
        assert rule in found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for name, source in (("course", COURSE), ("allkinds", ALLKINDS)):
        out[name] = tmp_path_factory.mktemp(name)
        build(source, out[name], ["notes", "web"], force=True)
    return out


@pytest.mark.parametrize("name", ["course", "allkinds"])
def test_the_notes_pass(browser: Browser, built: dict[str, Path], name: str) -> None:
    page = built[name] / "course-notes.html"
    assert violations(browser, page.as_uri(), axe_script()) == []


def test_every_slide_of_the_web_deck_passes(browser: Browser, built: dict[str, Path]) -> None:
    script = axe_script()
    deck = (built["allkinds"] / "course-web" / "index.html").as_uri()
    total = len(prepare(ALLKINDS).plan.slides)
    found = {number: violations(browser, f"{deck}#{number}", script)
             for number in range(1, total + 1)}
    assert {number: v for number, v in found.items() if v} == {}


def test_the_speaker_view_passes(browser: Browser, built: dict[str, Path]) -> None:
    deck = (built["course"] / "course-web" / "index.html").as_uri()
    assert violations(browser, f"{deck}?speaker#5", axe_script()) == []
