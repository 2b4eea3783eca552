"""The server's path rule: a request reaches a file inside the build folder or gets 404."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.serve import inject, resolve


@pytest.fixture
def root(tmp_path: Path) -> Path:
    build = tmp_path / "build"
    (build / "course-web").mkdir(parents=True)
    (build / "course-web" / "index.html").write_text("<html><body>deck</body></html>")
    (build / "course-handout.pdf").write_bytes(b"%PDF")
    (build / ".manifest.json").write_text("{}")
    (tmp_path / "secret.txt").write_text("not served")
    (build / "escape").symlink_to(tmp_path / "secret.txt")
    return build



def test_it_finds_files_and_folder_indexes(root: Path) -> None:
    assert resolve(root, "/course-handout.pdf") == (root / "course-handout.pdf").resolve()
    index = (root / "course-web" / "index.html").resolve()
    assert resolve(root, "/course-web/") == index
    assert resolve(root, "/course-web/index.html?x=1#5") == index


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/course-web/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/etc/passwd",
        "/./course-handout.pdf",
        "/course-web//index.html",
        "/..%5Csecret.txt",
        "/course-handout.pdf%00.html",
        "/.manifest.json",
        "/escape",
        "/missing.html",
        "http://example.com/course-handout.pdf/..",
    ],
)
def test_it_refuses_what_leaves_the_folder_or_is_hidden(root: Path, path: str) -> None:
    assert resolve(root, path) is None


def test_the_live_script_goes_before_the_end_of_the_body_and_may_connect_home() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\"></head>"
        "<body><p>x</p></body></html>"
    )
    served = inject(page, "course-notes.html", 3)
    assert served.index("COURSE_LIVE") < served.index("</body>")
    assert '"version": 3' in served and '"name": "course-notes.html"' in served
    assert "default-src 'none'; connect-src 'self'; script-src 'unsafe-inline';" in served
