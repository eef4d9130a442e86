// Gongjian charts: draws every chart of the page with the site's own
// ECharts (SVG renderer) from data, never code. The generator writes, once
// per page and shell, <script type="application/json" class="chart-shell"
// id="chart-shell-KEY">{"option":…,"extra":…}</script>, and per chart a box
// <div class="chart-box" data-shell="KEY" data-data="ID-data"> with its
// <script type="application/json" id="ID-data">{…}</script>. The merge
// below is the contract documented in package chart (generator/internal/
// chart/doc.go); merge_test.go mirrors it in Go.
//
// Printing: no animation (print media, beforeprint, reduced motion), and
// every chart redrawn at the printed width before the page is printed.
// When every chart has rendered (or failed, with a console error),
// document.documentElement.dataset.chartsReady is "1": the pdf command
// waits for it. A page without charts sets it at once.
(function () {
  "use strict";
  var root = document.documentElement;
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".chart-box[data-shell]"));
  var charts = [];
  var pending = boxes.length;
  var printing = false;

  function ready() {
    if (pending <= 0) root.dataset.chartsReady = "1";
  }
  function settled() {
    pending--;
    ready();
  }

  function media(q) {
    return !!(window.matchMedia && window.matchMedia(q).matches);
  }

  function isObject(v) {
    return v !== null && typeof v === "object";
  }

  // merge writes src into dst: objects key by key, arrays index by index,
  // anything else replaces. It returns the merged value.
  function merge(dst, src) {
    if (!isObject(src)) return src;
    if (Array.isArray(src)) {
      var a = Array.isArray(dst) ? dst : [];
      for (var i = 0; i < src.length; i++) a[i] = merge(a[i], src[i]);
      return a;
    }
    var o = isObject(dst) && !Array.isArray(dst) ? dst : {};
    Object.keys(src).forEach(function (k) {
      if (k === "__proto__" || k === "constructor" || k === "prototype") return;
      o[k] = merge(o[k], src[k]);
    });
    return o;
  }

  var shells = {};
  function shellOf(key) {
    if (!shells[key]) {
      var el = document.getElementById("chart-shell-" + key);
      if (!el) throw new Error("no shell " + key);
      shells[key] = el.textContent;
    }
    return JSON.parse(shells[key]); // a fresh copy per chart
  }

  // option builds a chart's option: shell.option, then shell.extra, then
  // the data's fields, then the data's patch.
  function option(box) {
    var shell = shellOf(box.getAttribute("data-shell"));
    var el = document.getElementById(box.getAttribute("data-data"));
    if (!el) throw new Error("no data");
    var data = JSON.parse(el.textContent);
    var o = merge(shell.option, shell.extra || {});
    if (data.x) o.xAxis[0].data = data.x;
    if (data.y) o.yAxis[0].data = data.y;
    (data.names || []).forEach(function (n, i) { o.series[i].name = n; });
    (data.series || []).forEach(function (d, i) { if (d !== null) o.series[i].data = d; });
    (data.marks || []).forEach(function (m, i) {
      if (m === null) return;
      o.series[i].markLine = merge(o.series[i].markLine || {}, { data: m });
    });
    merge(o, data.patch || {});
    return { option: o, height: data.height };
  }

  // The printed width: the page may set --chart-print-width (a CSS length)
  // on the root; A4 with 20 mm margins otherwise.
  function printWidth() {
    var probe = document.createElement("div");
    probe.style.cssText = "position:absolute;visibility:hidden;height:0;width:var(--chart-print-width,170mm)";
    document.body.appendChild(probe);
    var w = probe.getBoundingClientRect().width;
    document.body.removeChild(probe);
    return Math.round(w) || 642;
  }

  function forPrint() {
    if (printing) return;
    printing = true;
    var w = printWidth();
    charts.forEach(function (c) {
      c.setOption({ animation: false });
      c.resize({ width: w, height: c.getHeight(), animation: { duration: 0 } });
      // Paint now: the page may be printed before the next frame.
      if (c.getZr && c.getZr().refreshImmediately) c.getZr().refreshImmediately();
      var svg = c.getDom().querySelector("svg");
      if (svg) {
        svg.setAttribute("viewBox", "0 0 " + c.getWidth() + " " + c.getHeight());
        svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
      }
    });
  }
  function forScreen() {
    if (!printing) return;
    printing = false;
    charts.forEach(function (c) {
      var svg = c.getDom().querySelector("svg");
      if (svg) svg.removeAttribute("viewBox");
      c.resize({ width: "auto", height: "auto" });
    });
  }

  if (!boxes.length) {
    ready();
    return;
  }
  if (!window.echarts) {
    console.error("charts: ECharts did not load");
    boxes.forEach(function (box) { box.classList.add("chart-failed"); });
    pending = 0;
    ready();
    return;
  }

  var still = media("print") || media("(prefers-reduced-motion: reduce)");
  boxes.forEach(function (box) {
    try {
      var built = option(box);
      if (still) built.option.animation = false;
      box.style.height = built.height + "px";
      var chart = window.echarts.init(box, null, { renderer: "svg" });
      var done = false;
      chart.on("finished", function () {
        if (done) return;
        done = true;
        box.setAttribute("data-rendered", "true");
        settled();
      });
      chart.setOption(built.option);
      charts.push(chart);
    } catch (e) {
      box.classList.add("chart-failed");
      console.error("chart " + box.id + ": " + (e && e.message));
      settled();
    }
  });

  if (window.ResizeObserver) {
    var ro = new ResizeObserver(function (entries) {
      if (printing) return;
      entries.forEach(function (e) {
        var c = window.echarts.getInstanceByDom(e.target);
        if (c) c.resize();
      });
    });
    charts.forEach(function (c) { ro.observe(c.getDom()); });
  } else {
    window.addEventListener("resize", function () {
      if (!printing) charts.forEach(function (c) { c.resize(); });
    });
  }
  window.addEventListener("beforeprint", forPrint);
  window.addEventListener("afterprint", forScreen);
  if (window.matchMedia) {
    var mq = window.matchMedia("print");
    var onChange = function (e) { if (e.matches) forPrint(); else forScreen(); };
    if (mq.addEventListener) mq.addEventListener("change", onChange);
    else if (mq.addListener) mq.addListener(onChange);
  }
  if (media("print")) forPrint();

  // "Show the data" toggles: a table is visible without JavaScript and
  // always printed; with JavaScript it folds away behind a button.
  document.querySelectorAll(".chart-data[data-toggle]").forEach(function (panel) {
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "chart-toggle";
    btn.setAttribute("aria-controls", panel.id);
    btn.setAttribute("aria-expanded", "false");
    btn.textContent = panel.getAttribute("data-toggle");
    panel.classList.add("folded");
    panel.parentNode.insertBefore(btn, panel);
    btn.addEventListener("click", function () {
      var open = panel.classList.toggle("folded") === false;
      btn.setAttribute("aria-expanded", open ? "true" : "false");
    });
  });
})();
