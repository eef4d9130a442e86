/* gongjian serve: live reload and the problems overlay; not part of the site. */
(function () {
  "use strict";
  var words = /*LABELS*/{};
  var me = document.currentScript;
  var built = (me && me.getAttribute("data-build")) || "";
  var box = null, title = null, list = null, lost = null, lostTimer = 0;

  function el(tag, css, text) {
    var e = document.createElement(tag);
    if (css) e.style.cssText = css;
    if (text) e.textContent = text; // text, never markup: problems quote the user's files
    return e;
  }

  // show lists the problems over the page, or removes the list when
  // there are none.
  function show(st) {
    var errs = st.errors || [];
    if (!errs.length) {
      if (box) { box.remove(); box = null; }
      return;
    }
    if (!box) {
      box = el("div", "position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;z-index:2147483647;margin:0;padding:12px 16px;background:#fff4f4;color:#8a1111;border-top:3px solid #c62828;box-shadow:0 -2px 8px rgba(0,0,0,.25);font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left");
      box.id = "__gongjian_errors";
      box.setAttribute("role", "alert");
      var hide = el("button", "float:right;margin:0 0 4px 12px;font:inherit;cursor:pointer", words.hide);
      hide.type = "button";
      hide.addEventListener("click", function () { box.style.display = "none"; });
      title = el("div", "font-weight:bold;margin-bottom:6px");
      list = el("div", "white-space:pre-wrap");
      box.append(hide, title, list);
      (document.body || document.documentElement).appendChild(box);
    }
    box.style.display = "";
    title.textContent = st.title || "";
    list.replaceChildren.apply(list, errs.map(function (e) { return el("div", "", e.text); }));
  }

  function connected() {
    clearTimeout(lostTimer);
    lostTimer = 0;
    if (lost) { lost.remove(); lost = null; }
  }

  // disconnected waits before telling, as a reloading page drops its stream too.
  function disconnected() {
    if (lostTimer || lost) return;
    lostTimer = setTimeout(function () {
      lostTimer = 0;
      lost = el("div", "position:fixed;top:8px;right:8px;z-index:2147483647;padding:6px 10px;background:#fff8e1;color:#5d4037;border:1px solid #ffb300;border-radius:4px;font:13px/1.4 system-ui,sans-serif", words.disconnected);
      lost.id = "__gongjian_disconnected";
      (document.body || document.documentElement).appendChild(lost);
    }, 2000);
  }

  var es = new EventSource("/__gongjian/events");
  function newer(e) { return JSON.parse(e.data).build !== built; }
  es.addEventListener("hello", function (e) { connected(); if (newer(e)) location.reload(); });
  es.addEventListener("reload", function (e) { if (newer(e)) location.reload(); });
  es.addEventListener("errors", function (e) { show(JSON.parse(e.data)); });
  es.addEventListener("error", disconnected);
})();
