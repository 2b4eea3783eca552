"""A small Chrome DevTools Protocol client: drive headless Chromium from a test.

Playwright would do, but pins its own browser builds; the protocol over one websocket
(``websockets``' synchronous client) is all the web deck's tests need: open a page, run
JavaScript, press keys, take screenshots, collect console messages and exceptions.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import subprocess
import time
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--remote-debugging-port=0", "--remote-allow-origins=*",
)
_LISTENING = re.compile(r"DevTools listening on (ws://\S+)")


class Browser:
    """One Chromium process with a fresh profile, and one page in it."""

    def __init__(self, binary: str, work: Path, width: int = 1280, height: int = 720) -> None:
        profile = work / f"chromium-profile-{time.monotonic_ns()}"
        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        assert self.process.stderr is not None
        deadline = time.monotonic() + 60
        url = None
        while time.monotonic() < deadline and url is None:
            line = self.process.stderr.readline()
            if not line and self.process.poll() is not None:
                break
            found = _LISTENING.search(line)
            url = found.group(1) if found else None
        if url is None:
            self.process.kill()
            raise RuntimeError("Chromium did not start its DevTools endpoint")
        self._connection = connect(url, max_size=None, open_timeout=30)
        self.browser = self._connection.__enter__()
        self._ids = itertools.count(1)
        self.console: list[str] = []
        self.exceptions: list[str] = []
        self.events: list[dict[str, Any]] = []
        target = self._call(self.browser, "Target.createTarget", {"url": "about:blank"})
        session = self._call(self.browser, "Target.attachToTarget",
                             {"targetId": target["targetId"], "flatten": True})
        self.session = session["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Log.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def _call(self, socket: ClientConnection, method: str, params: dict[str, Any] | None = None,
              session: str | None = None, timeout: float = 60) -> dict[str, Any]:
        ident = next(self._ids)
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        socket.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while True:
            reply = json.loads(socket.recv(timeout=max(deadline - time.monotonic(), 0.01)))
            if reply.get("id") == ident:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})  # type: ignore[no-any-return]
            self._event(reply)

    def _event(self, event: dict[str, Any]) -> None:
        method = event.get("method", "")
        params = event.get("params", {})
        if method == "Runtime.consoleAPICalled":
            texts = [str(a.get("value", a.get("description", ""))) for a in params["args"]]
            self.console.append(f"{params['type']}: {' '.join(texts)}")
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.exceptions.append(str(details.get("exception", {}).get("description",
                                                                         details["text"])))
        elif method == "Log.entryAdded":
            entry = params["entry"]
            self.console.append(f"{entry['level']}: {entry['text']}")
        else:
            self.events.append(event)

    def open_page(self, url: str) -> str:
        """Another page (tab) in the same browser; returns its session, now the current one."""
        target = self._call(self.browser, "Target.createTarget", {"url": url})
        session = self._call(self.browser, "Target.attachToTarget",
                             {"targetId": target["targetId"], "flatten": True})["sessionId"]
        self.session = session
        self.send("Runtime.enable")
        return str(session)

    def use(self, session: str) -> None:
        """Send what follows to the page of ``session``."""
        self.session = session

    def send(self, method: str, params: dict[str, Any] | None = None,
             timeout: float = 60) -> dict[str, Any]:
        return self._call(self.browser, method, params, self.session, timeout)

    def pump(self, seconds: float) -> None:
        """Read events for a while (console messages, loads)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                self._event(json.loads(self.browser.recv(timeout=deadline - time.monotonic())))
            except TimeoutError:
                return

    def goto(self, url: str) -> None:
        """Open ``url``; wait for its load unless only the #fragment changed."""
        self.events.clear()
        if not self.send("Page.navigate", {"url": url}).get("loaderId"):
            self.pump(0.1)  # same document: a hashchange, no load
            return
        self.wait_for_load()

    def wait_for_load(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(e.get("method") == "Page.loadEventFired" for e in self.events):
                self.events.clear()
                self.evaluate("document.fonts.ready.then(() => true)")
                return
            self.pump(0.1)
        raise TimeoutError("page did not load")

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression,
                                                "awaitPromise": True, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def wait_until(self, expression: str, timeout: float = 30) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                value = self.evaluate(expression)
            except RuntimeError:
                value = None
            if value:
                return value
            self.pump(0.1)
        raise TimeoutError(f"never true: {expression}")

    def press(self, key: str, code: str | None = None, key_code: int = 0) -> None:
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", {
                "type": kind, "key": key, "code": code or key,
                "windowsVirtualKeyCode": key_code, "nativeVirtualKeyCode": key_code,
            })

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self._connection.__exit__(None, None, None)
        finally:
            self.process.kill()
            self.process.wait(timeout=30)
