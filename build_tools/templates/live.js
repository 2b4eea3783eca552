// Injected by `course serve` into every HTML page it serves (never written to build/).
// It listens to the build's event stream: a new version of this page reloads it (the
// URL's #slide is kept), bad input covers the page with the located error lines so no
// stale slide is mistaken for the edit.
(function () {
  "use strict";
  var live = window.COURSE_LIVE;
  var overlay = null;

  function show(lines) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "course-live-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;background:#fff;color:#1a1a1a;" +
        "padding:2rem;overflow:auto;font:14px/1.5 ui-monospace,monospace;" +
        "white-space:pre-wrap;border-top:6px solid #c8102e";
      document.body.appendChild(overlay);
    }
    overlay.textContent = lines.join("\n");
  }

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  var events = new EventSource(live.events);
  events.onmessage = function (message) {
    var state = JSON.parse(message.data);
    if (state.state === "error") {
      show(state.errors);
      return;
    }
    if (state.state !== "ok") return;
    var version = state.versions[live.name];
    if (version !== undefined && version !== live.version) {
      events.close();
      location.reload();
    } else {
      hide();
    }
  };
})();
