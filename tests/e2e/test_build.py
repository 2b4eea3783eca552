"""End to end: build the course into a temporary folder and read every output back."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pptx import Presentation

from build_tools.cli import main
from build_tools.outline.loader import load_outline
from build_tools.pipeline import TARGETS, build
from build_tools.plan import make_plan
from tests.conftest import COURSE, ROOT
from tests.corpus import CASES, copy_project

OUTPUTS = ["course.pptx", "course-handout.pdf", "course-notes.html", "course-notes.md"]


def _digests(folder: Path) -> dict[str, str]:
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in OUTPUTS}


def test_it_builds_the_three_outputs(built: Path) -> None:
    """Each output opens in its reader and holds the course (not merely some bytes)."""
    from pypdf import PdfReader

    plan = make_plan(load_outline(COURSE))
    title = plan.course.title
    assert len(Presentation(str(built / "course.pptx")).slides) == len(plan.slides)
    handout = PdfReader(built / "course-handout.pdf")
    assert handout.metadata is not None and handout.metadata.title == title
    assert len(handout.pages) > len(plan.chapter_sections())
    html = (built / "course-notes.html").read_text(encoding="utf-8")
    assert f"<h1>{title}</h1>" in html
    assert all(f'id="slide-{slide.number}"' in html for slide in plan.slides)
    markdown = (built / "course-notes.md").read_text(encoding="utf-8")
    assert markdown.startswith("# ") and title in markdown.splitlines()[0]


def test_the_deck_has_the_plans_slides_and_sections(built: Path) -> None:
    plan = make_plan(load_outline(COURSE))
    deck = Presentation(str(built / "course.pptx"))
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert len(titles) == len(plan.slides) == 32
    for slide, title in zip(plan.slides, titles, strict=True):
        assert title.replace("\v", "").replace("\n", "") == slide.title.replace("\n", "")
    namespace = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"
    sections = deck.part._element.findall(f".//{namespace}section")
    assert [s.get("name") for s in sections] == [s.name for s in plan.sections]


def test_two_builds_from_clean_folders_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    build(COURSE, first, TARGETS)
    build(COURSE, second, TARGETS)
    assert _digests(first) == _digests(second)


@pytest.fixture(scope="module")
def good_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("good")
    source = copy_project(root / "project")
    out = root / "out"
    assert main(["build", "--source", str(source), "--out", str(out)]) == 0
    names = ["course.pptx", "course-handout.pdf", "course-notes.html", "course-notes.md"]
    return source, out, {n: hashlib.sha256((out / n).read_bytes()).hexdigest() for n in names}


BUILDABLE = [c for c in CASES if c.status == 2 and c.command != "schema"]


@pytest.mark.parametrize("case", BUILDABLE, ids=lambda c: c.name)
def test_bad_input_leaves_the_last_good_outputs_untouched(
    case,
    good_project: tuple[Path, Path, dict[str, str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good_source, out, digests = good_project
    project = tmp_path / "project"
    shutil.copytree(good_source.parent.parent, project)
    source = case.make(project)
    for name, value in case.env:
        monkeypatch.setenv(name, value)
    capsys.readouterr()
    # The case's own arguments come last: a case's --out overrides this one.
    argv = ["build", "--source", str(source), "--out", str(out), "--force"]
    assert main(argv + case.argv(project, source)[3:]) == 2
    assert capsys.readouterr().err.startswith("error: ")
    now = {n: hashlib.sha256((out / n).read_bytes()).hexdigest() for n in digests}
    assert now == digests
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_killed_build_leaves_the_last_good_files_and_no_partial_file(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from make_outline import make

    source = make(320, tmp_path / "big" / "source" / "course.yaml")
    out = tmp_path / "out"
    build(COURSE, out, TARGETS)
    for path in out.glob("course*"):
        path.rename(out / path.name.replace("course", source.stem))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "build_tools",
            "build",
            "--source",
            str(source),
            "--out",
            str(out),
            "--force",
            "--allow-overflow",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(1.5)
    assert process.poll() is None, "the build finished before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before
