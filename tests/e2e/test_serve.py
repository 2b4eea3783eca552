"""`course serve` as an author runs it: a loopback server that rebuilds and tells the page.

The server runs as a real process on a random port (``--port 0``); requests go over a
socket with ``http.client`` (which sends the path exactly as given, unlike a browser).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.corpus import copy_project


@dataclass
class Server:
    process: subprocess.Popen[str]
    host: str
    port: int
    source: Path
    out: Path
    lines: queue.Queue[str]

    def get(self, path: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def events(self) -> Iterator[dict[str, object]]:
        """The server-sent events, parsed, as they come."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        connection.request("GET", "/__events")
        response = connection.getresponse()
        assert response.getheader("Content-Type") == "text/event-stream"
        while True:
            line = response.readline().decode("utf-8")
            if not line:
                return
            if line.startswith("data: "):
                yield json.loads(line[6:])

    def wait_for(self, needle: str, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            seen.append(line)
            if needle in line:
                return line
        raise AssertionError(f"{needle!r} not printed; got {seen}")


def _reader(stream, lines: queue.Queue[str]) -> None:  # type: ignore[no-untyped-def]
    for line in stream:
        lines.put(line.rstrip("\n"))


def start(project: Path, *extra: str) -> Server:
    source = copy_project(project)
    out = project / "build"
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "build_tools", "serve", "--source", str(source),
         "--out", str(out), "--port", "0", *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_reader, args=(process.stdout, lines), daemon=True).start()
    server = Server(process, "", 0, source, out, lines)
    found = re.search(r"http://([\d.]+):(\d+)/", server.wait_for("serving http://"))
    assert found
    server.host, server.port = found.group(1), int(found.group(2))
    return server


@contextlib.contextmanager
def serving(project: Path) -> Iterator[Server]:
    """``course serve`` on a copy of the project, once its first build is done; stopped
    afterwards."""
    running = start(project)
    try:
        running.wait_for("rebuilt course.pptx")
        yield running
    finally:
        running.process.terminate()
        running.process.wait(timeout=30)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with serving(tmp_path / "project") as running:
        yield running


def test_it_serves_the_outputs_and_nothing_else(server: Server) -> None:
    status, body = server.get("/course-notes.html")
    assert status == 200 and b"COURSE_LIVE" in body
    assert server.get("/course-handout.pdf")[1].startswith(b"%PDF")
    (server.out.parent / "outside.txt").write_text("secret", encoding="utf-8")
    for path in ("/../outside.txt", "/%2e%2e/outside.txt", "/..%2Foutside.txt",
                 "//etc/passwd", "/%2Fetc%2Fpasswd", "/etc/passwd",
                 "/../source/course.yaml", "/.manifest.json"):
        status, body = server.get(path)
        assert status == 404, path
        assert b"secret" not in body


def test_it_listens_on_loopback_only(server: Server) -> None:
    assert server.host == "127.0.0.1"
    table = Path("/proc/net/tcp")
    if not table.exists():
        pytest.skip("no /proc/net/tcp to read listening sockets from")
    listening = []
    for row in table.read_text().splitlines()[1:]:
        local, state = row.split()[1], row.split()[3]
        address, port = local.split(":")
        if int(port, 16) == server.port and state == "0A":  # 0A: LISTEN
            listening.append(address)
    assert listening == ["0100007F"]  # 127.0.0.1, little-endian hex


def test_an_edit_is_announced_and_bad_input_is_announced_located(server: Server) -> None:
    events = server.events()
    first = next(events)
    assert first["state"] == "ok"
    before: dict[str, int] = first["versions"]  # type: ignore[assignment]
    text = server.source.read_text(encoding="utf-8")
    server.source.write_text(text.replace("最小课程", "最小课程（修订）"), encoding="utf-8")
    web = next(events)  # the web deck comes first, alone
    assert web["state"] == "ok"
    changed = {k for k, v in web["versions"].items() if before.get(k) != v}  # type: ignore[attr-defined]
    assert changed == {"course-web/index.html"}
    assert "最小课程（修订）" in server.get("/course-web/")[1].decode("utf-8")
    rest = next(events)  # then the notes, the deck and the handout
    changed = {k for k, v in rest["versions"].items() if web["versions"].get(k) != v}  # type: ignore[attr-defined, index]
    assert changed == {"course-notes.html", "course-notes.md", "course.pptx",
                       "course-handout.pdf"}
    assert "最小课程（修订）" in server.get("/course-notes.html")[1].decode("utf-8")
    server.source.write_text(text.replace("minutes: 15", "minutes: 15m"), encoding="utf-8")
    error = next(e for e in events if e["state"] == "error")
    assert f"{server.source}:27:18: chapters[1].slides[1].minutes (slide 4" in error["errors"][0]  # type: ignore[index]
    assert server.process.poll() is None
