// The web deck's behaviour: one slide at a time, scaled to the window; keyboard, click
// and touch navigation; #n in the URL; the speaker view (S key or ?speaker) kept in step
// with the audience window over a BroadcastChannel. No network, no dependencies.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("course-data").textContent);
  var labels = JSON.parse(document.getElementById("course-labels").textContent);
  var slides = Array.prototype.slice.call(document.querySelectorAll("#deck > .slide"));
  var total = slides.length;
  var speaker = new URLSearchParams(location.search).has("speaker");
  var current = 0;
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("course-web:" + location.pathname) : null;
  var started = Date.now();

  function slideWidthPx() { return data.width_pt * 4 / 3; }
  function slideHeightPx() { return data.height_pt * 4 / 3; }

  function fit() {
    var k = Math.min(window.innerWidth / slideWidthPx(), window.innerHeight / slideHeightPx());
    document.getElementById("deck").style.setProperty("--k", String(k));
    if (speaker) fitFrames();
  }

  function fromHash() {
    var n = parseInt(location.hash.replace("#", ""), 10);
    return n >= 1 && n <= total ? n : 1;
  }

  function go(n, remote) {
    n = Math.max(1, Math.min(total, n));
    current = n;
    slides.forEach(function (slide, index) {
      if (index === n - 1) slide.removeAttribute("hidden");
      else slide.setAttribute("hidden", "until-found");
    });
    if (location.hash !== "#" + n) history.replaceState(null, "", location.pathname + location.search + "#" + n);
    document.title = data.title + " · " + n + " / " + total;
    if (speaker) showSpeaker(n);
    if (channel && !remote) channel.postMessage({ slide: n });
  }

  function step(by) { go(current + by); }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target && /^(INPUT|TEXTAREA|BUTTON|SELECT)$/.test(event.target.tagName)) return;
    var key = event.key;
    if (["ArrowRight", "ArrowDown", "PageDown", " ", "Enter", "n"].indexOf(key) >= 0) step(1);
    else if (["ArrowLeft", "ArrowUp", "PageUp", "Backspace", "p"].indexOf(key) >= 0) step(-1);
    else if (key === "Home") go(1);
    else if (key === "End") go(total);
    else if (key === "s" || key === "S") openSpeaker();
    else if (key === "f" || key === "F") toggleFullscreen();
    else if (key === "?") document.getElementById("help").hidden = !document.getElementById("help").hidden;
    else return;
    event.preventDefault();
  });

  document.getElementById("deck").addEventListener("click", function (event) {
    if (event.target.closest("a")) return;
    var selection = window.getSelection();
    if (selection && String(selection).length > 0) return;  // selecting text, not turning
    step(event.shiftKey || event.clientX < window.innerWidth / 4 ? -1 : 1);
  });

  var touch = null;
  document.addEventListener("touchstart", function (event) {
    if (event.touches.length === 1) touch = { x: event.touches[0].clientX, y: event.touches[0].clientY };
  }, { passive: true });
  document.addEventListener("touchend", function (event) {
    if (!touch || event.changedTouches.length !== 1) return;
    var dx = event.changedTouches[0].clientX - touch.x;
    var dy = event.changedTouches[0].clientY - touch.y;
    touch = null;
    if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) step(dx < 0 ? 1 : -1);
  }, { passive: true });

  // Find in page reveals a hidden="until-found" slide: make it the current one.
  document.addEventListener("beforematch", function (event) {
    var slide = event.target.closest(".slide");
    if (slide && slide.parentNode.id === "deck") go(parseInt(slide.dataset.number, 10));
  });
  window.addEventListener("hashchange", function () { go(fromHash()); });
  window.addEventListener("resize", fit);
  window.addEventListener("beforeprint", function () { slides.forEach(function (s) { s.removeAttribute("hidden"); }); });
  window.addEventListener("afterprint", function () { go(current, true); });
  if (channel) channel.onmessage = function (message) {
    if (message.data && message.data.slide && message.data.slide !== current) go(message.data.slide, true);
  };

  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
  }

  function openSpeaker() {
    if (speaker) return;
    var url = location.pathname + "?speaker#" + current;
    window.open(url, "course-speaker", "popup,width=1280,height=800");
  }

  // --- the speaker view -----------------------------------------------------------
  function clone(n) {
    var copy = slides[n - 1].cloneNode(true);
    copy.removeAttribute("id");
    copy.removeAttribute("hidden");
    copy.setAttribute("aria-hidden", "true");
    return copy;
  }

  function fitFrames() {
    ["sp-current", "sp-next"].forEach(function (id) {
      var frame = document.getElementById(id);
      var k = frame.clientWidth / slideWidthPx();
      var slide = frame.querySelector(".slide");
      if (slide) slide.style.setProperty("--k", String(k));
    });
  }

  function minutes(value) {
    var seconds = Math.round(Math.abs(value) * 60);
    var text = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
    return value < 0 ? "−" + text : text;
  }

  // Text with inline markup (spans from the build): elements and text nodes only,
  // so nothing an author wrote is read as HTML.
  function appendSpans(parent, spans) {
    spans.forEach(function (span) {
      var node = document.createTextNode(span.text);
      [["code", "code"], ["italic", "em"], ["bold", "strong"]].forEach(function (pair) {
        if (span[pair[0]]) {
          var wrapper = document.createElement(pair[1]);
          wrapper.appendChild(node);
          node = wrapper;
        }
      });
      if (span.href) {
        var link = document.createElement("a");
        link.href = span.href;
        link.target = "_blank";
        link.rel = "noopener";
        link.appendChild(node);
        node = link;
      }
      parent.appendChild(node);
    });
  }

  function showSpeaker(n) {
    var info = data.slides[n - 1];
    var now = document.getElementById("sp-current");
    var next = document.getElementById("sp-next");
    now.replaceChildren(clone(n));
    next.replaceChildren(n < total ? clone(n + 1) : "");
    document.getElementById("sp-end").hidden = n < total;
    document.getElementById("sp-position").textContent = n + " / " + total + " · " + info.title;
    var notes = document.getElementById("sp-notes");
    notes.replaceChildren();
    appendSpans(notes, info.notes);
    var list = document.getElementById("sp-trainer");
    list.replaceChildren();
    info.trainer.forEach(function (note) {
      var item = document.createElement("li");
      var label = document.createElement("span");
      label.className = "label";
      label.textContent = labels[note.label] || note.label;
      item.appendChild(label);
      appendSpans(item, note.text);
      list.appendChild(item);
    });
    document.getElementById("sp-planned").textContent = minutes(info.from) + "–" + minutes(info.to);
    fitFrames();
    tick();
  }

  function tick() {
    var info = data.slides[current - 1];
    var elapsed = (Date.now() - started) / 60000;
    document.getElementById("sp-elapsed").textContent = minutes(elapsed);
    var delta = document.getElementById("sp-delta");
    if (elapsed > info.to) { delta.className = "behind"; delta.textContent = "+" + minutes(elapsed - info.to); }
    else if (elapsed < info.from) { delta.className = "ahead"; delta.textContent = minutes(elapsed - info.from); }
    else { delta.className = ""; delta.textContent = ""; }
  }

  if (speaker) {
    document.body.classList.add("speaker");
    document.getElementById("speaker").hidden = false;
    document.getElementById("sp-reset").addEventListener("click", function () { started = Date.now(); tick(); });
    setInterval(tick, 1000);
  }
  fit();
  go(fromHash(), true);
})();
