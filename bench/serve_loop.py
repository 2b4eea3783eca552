"""Warm rebuilds through ``course serve``: one-slide edits timed until the page is told.

The server runs as an author runs it; each edit rewrites one slide's title in the outline
and the clock stops when the server-sent event announces the new web deck (what the open
page reloads on) and, later, the new PowerPoint deck and handout (every output rebuilt).
"""

from __future__ import annotations

import http.client
import json
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

EDITED = re.compile(r"(title: 定义与发展历程)[^\n]*")


def _events(host: str, port: int) -> Iterator[dict[str, Any]]:
    connection = http.client.HTTPConnection(host, port, timeout=300)
    connection.request("GET", "/__events")
    response = connection.getresponse()
    while True:
        line = response.readline().decode("utf-8")
        if not line:
            return
        if line.startswith("data: "):
            yield json.loads(line[6:])


def warm_edits(source: Path, out: Path, cwd: Path, env: dict[str, str],
               edits: int = 20) -> tuple[float, float]:
    """Median seconds from an edit to (web deck announced, every output announced)."""
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "build_tools", "serve", "--source", str(source),
         "--out", str(out), "--port", "0", "--allow-overflow"],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        assert process.stdout is not None
        host, port, built = "", 0, 0
        while built < 2:  # the address, then the first build's two steps
            line = process.stdout.readline()
            if not line:
                raise SystemExit("course serve stopped")
            found = re.search(r"http://([\d.]+):(\d+)/", line)
            if found:
                host, port = found.group(1), int(found.group(2))
            built += line.startswith("rebuilt")
        events = _events(host, port)
        state = next(events)
        web_name = f"{source.stem}-web/index.html"
        web, everything = [], []
        original = source.read_text(encoding="utf-8")
        for edit in range(edits):
            versions = dict(state["versions"])
            text = EDITED.sub(rf"\1（修订 {edit}）", original, count=1)
            started = time.perf_counter()
            source.write_text(text, encoding="utf-8")
            seen_web = None
            while True:
                state = next(events)
                now = time.perf_counter() - started
                if state["state"] != "ok":
                    raise SystemExit(f"the edit failed: {state}")
                current = state["versions"]
                if seen_web is None and current.get(web_name) != versions.get(web_name):
                    seen_web = now
                if all(current[k] != versions.get(k) for k in current if k.endswith(
                        (".pptx", ".pdf"))):
                    break
            web.append(seen_web if seen_web is not None else now)
            everything.append(now)
            time.sleep(0.3)  # let the watcher settle between edits
        source.write_text(original, encoding="utf-8")
        return statistics.median(web), statistics.median(everything)
    finally:
        process.terminate()
        process.wait(timeout=30)
