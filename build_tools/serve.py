"""``course serve``: the build folder over HTTP on loopback, rebuilt and reloaded on each edit.

stdlib ``http.server`` is enough for one author's browser tabs: a threading server, one
GET handler, and server-sent events for the reload (no websocket library needed). The
server serves the build folder and nothing else: a request path is decoded, refused if it
holds ``..``, ``.``, a backslash, a NUL, an empty segment or a hidden name, joined under the
folder and resolved again (symlinks), so neither ``/../`` nor ``//etc/passwd`` nor an
encoded ``%2F`` leaves the folder: every such request gets 404.

The build runs in the watcher thread (see :mod:`build_tools.live`); pages learn about it
through ``/__events``. The reload script is injected into HTML as it is served, so the built
files stay exactly what ``course build`` writes.
"""

from __future__ import annotations

import json
import sys
import threading
import urllib.parse
from collections.abc import Callable
from functools import cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path

from build_tools.live import Hub, Rebuilder
from build_tools.options import Options

EVENTS = "/__events"
KEEPALIVE_S = 15.0
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".pdf": "application/pdf",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
}
# The built pages forbid every connection (CSP ``default-src 'none'``); served live, they
# may open the event stream back to this server and nothing else, and run the inline
# live script (the notes allow no script at all when opened as a file).
CSP_FROM = "default-src 'none';"
CSP_TO = "default-src 'none'; connect-src 'self';"
CSP_SCRIPT = " script-src 'unsafe-inline';"


def resolve(root: Path, request_path: str) -> Path | None:
    """The file a request names inside ``root``, or None (then the answer is 404)."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(request_path).path, errors="strict")
    if not path.startswith("/") or path.startswith("//") or "\\" in path or "\0" in path:
        return None
    segments = path[1:].split("/")
    inner, last = segments[:-1], segments[-1]
    if any(s in ("", ".", "..") or s.startswith(".") for s in inner):
        return None
    if last in (".", "..") or last.startswith("."):
        return None
    base = root.resolve()
    candidate = base.joinpath(*segments) if last else base.joinpath(*inner)
    if candidate.is_dir():
        candidate = candidate / "index.html"
    real = candidate.resolve()
    if not real.is_relative_to(base) or not real.is_file():
        return None
    return real


@cache
def live_script() -> str:
    return (files("build_tools") / "templates" / "live.js").read_text(encoding="utf-8")


def inject(html: str, name: str, version: int) -> str:
    """The page with the live-reload script: it knows its file and the build it shows."""
    config = json.dumps({"events": EVENTS, "name": name, "version": version})
    script = f"<script>window.COURSE_LIVE={config};\n{live_script()}</script>"
    head = html[: html.find("</head>")]
    extra = CSP_SCRIPT if "script-src" not in head else ""
    html = html.replace(CSP_FROM, CSP_TO + extra, 1)
    at = html.rfind("</body>")
    return html[:at] + script + html[at:] if at >= 0 else html + script


def make_handler(root: Path, hub: Hub, home: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "course-serve"
        sys_version = ""

        def do_GET(self) -> None:
            if self.path == "/":
                self._redirect(home)
            elif self.path == EVENTS:
                self._events()
            else:
                self._file()

        def do_HEAD(self) -> None:
            self._file(body=False)

        def _file(self, body: bool = True) -> None:
            try:
                found = resolve(root, self.path)
            except (UnicodeDecodeError, ValueError):
                found = None
            if found is None:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            name = found.relative_to(root.resolve()).as_posix()
            if self.path.endswith("/") is False and found.name == "index.html" and \
                    not self.path.endswith("index.html"):
                self._redirect(self.path + "/")  # relative links resolve inside the folder
                return
            data = found.read_bytes()
            kind = TYPES.get(found.suffix, "application/octet-stream")
            if found.suffix == ".html":
                data = inject(data.decode("utf-8"), name, hub.version_of(name)).encode("utf-8")
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if body:
                self.wfile.write(data)

        def _redirect(self, target: str) -> None:
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _events(self) -> None:
            """Server-sent events: the build state now, then at every change."""
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = -1
            try:
                while not hub.closed:
                    changed, seen, state = hub.wait(seen, KEEPALIVE_S)
                    if changed:
                        message = f"data: {json.dumps(state, ensure_ascii=False)}\n\n"
                    else:
                        message = ": keep-alive\n\n"
                    self.wfile.write(message.encode("utf-8"))
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the terminal shows builds, not every request."""

    return Handler


def serve(
    source: Path,
    out: Path,
    options: Options,
    host: str = "127.0.0.1",
    port: int = 8000,
    ready: Callable[[str], None] | None = None,
) -> int:
    out.mkdir(parents=True, exist_ok=True)
    hub = Hub()
    rebuilder = Rebuilder(source, out, options, hub)
    home = f"/{source.stem}-web/"
    server = ThreadingHTTPServer((host, port), make_handler(out, hub, home))
    server.daemon_threads = True
    address, bound = server.server_address[:2]
    url = f"http://{address!s}:{bound}/"
    print(f"serving {url} from {out} (Ctrl-C to stop)", flush=True)
    if ready:
        ready(url)
    watcher = threading.Thread(target=rebuilder.run, name="watch", daemon=True)
    watcher.start()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        rebuilder.stop()
        hub.close()
        server.server_close()
        print("stopped", file=sys.stderr, flush=True)
    return 0
