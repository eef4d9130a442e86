// Renders every chart of the page with the site's own ECharts (SVG renderer),
// from the options the generator wrote into <script type="application/json">
// (data, not code: nothing in it runs). Charts follow the width of their box,
// and lose their animation before printing so paper never gets a half-drawn
// chart. The numbers of every chart are also in the table beside it.
(function () {
  "use strict";
  if (!window.echarts) return;
  var charts = [];
  var still = window.matchMedia && (window.matchMedia("print").matches ||
    window.matchMedia("(prefers-reduced-motion: reduce)").matches);

  document.querySelectorAll(".chart-box[data-options]").forEach(function (box) {
    var src = document.getElementById(box.getAttribute("data-options"));
    if (!src) return;
    var option;
    try {
      option = JSON.parse(src.textContent);
    } catch (e) {
      box.textContent = "";
      return;
    }
    if (still) option.animation = false;
    var chart = window.echarts.init(box, null, { renderer: "svg" });
    chart.setOption(option);
    box.setAttribute("data-rendered", "true");
    charts.push(chart);
  });

  function resizeAll() {
    charts.forEach(function (c) {
      var svg = c.getDom().querySelector("svg");
      if (svg) svg.removeAttribute("viewBox"); // screen: drawn at its real size
      c.resize();
    });
  }
  if (window.ResizeObserver) {
    var ro = new ResizeObserver(function (entries) {
      entries.forEach(function (e) {
        var c = window.echarts.getInstanceByDom(e.target);
        if (!c) return;
        var svg = e.target.querySelector("svg");
        if (svg && !printing) svg.removeAttribute("viewBox");
        c.resize();
      });
    });
    document.querySelectorAll(".chart-box[data-rendered]").forEach(function (b) { ro.observe(b); });
  } else {
    window.addEventListener("resize", resizeAll);
  }

  // Paper is narrower than most screens: for printing, give each SVG a
  // viewBox so that print CSS can scale it to the page width instead of
  // clipping it (on screen the chart is redrawn at its box's size instead).
  function scalable(c) {
    var svg = c.getDom().querySelector("svg");
    if (!svg) return;
    svg.setAttribute("viewBox", "0 0 " + c.getWidth() + " " + c.getHeight());
    svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
  }
  var printing = false;
  function forPrint() {
    printing = true;
    charts.forEach(function (c) {
      c.setOption({ animation: false });
      c.resize({ animation: { duration: 0 } });
      scalable(c);
    });
  }
  window.addEventListener("beforeprint", forPrint);
  window.addEventListener("afterprint", function () { printing = false; resizeAll(); });
  if (window.matchMedia) {
    var mq = window.matchMedia("print");
    if (mq.addEventListener) mq.addEventListener("change", function (e) { if (e.matches) forPrint(); else { printing = false; resizeAll(); } });
  }

  // "Show the data" toggles: the table is visible without JavaScript and
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
