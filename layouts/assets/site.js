// Progressive enhancement only: every page is complete without this file.
// Sortable tables (click a header) and the project filters on /projects/.
(function () {
  "use strict";

  function cellValue(row, i, kind) {
    var cell = row.cells[i];
    if (!cell) return kind === "num" ? -Infinity : "";
    var v = cell.getAttribute("data-value");
    if (v === null) v = cell.textContent.trim();
    if (kind === "num") {
      var n = parseFloat(v);
      return isNaN(n) ? -Infinity : n;
    }
    return v;
  }

  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, i) {
      var kind = th.getAttribute("data-sort");
      if (!kind) return;
      th.tabIndex = 0;
      function sort() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, i, kind), y = cellValue(b, i, kind);
          var c = kind === "num" ? x - y : String(x).localeCompare(String(y), "zh-Hans-CN");
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });

  document.querySelectorAll("form[data-filter-for]").forEach(function (form) {
    var target = document.getElementById(form.getAttribute("data-filter-for"));
    if (!target) return;
    var rows = target.querySelectorAll("tbody tr");
    var out = form.querySelector("output");
    form.hidden = false;
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = true;
        form.querySelectorAll("select").forEach(function (sel) {
          if (!sel.value) return;
          var have = (row.getAttribute("data-" + sel.name) || "").split(" ");
          if (have.indexOf(sel.value) < 0) ok = false;
        });
        row.hidden = !ok;
        if (ok) shown++;
      });
      if (out) out.textContent = out.getAttribute("data-template").replace("%d", shown).replace("%d", rows.length);
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    // /projects/#slow, #not-started … preselect a status;
    // /projects/#region=x (or owner, category, lists, stage) a filter.
    var hash = decodeURIComponent(location.hash.replace("#", ""));
    var flags = form.querySelector("select[name=flags]");
    var kv = hash.split("=");
    if (kv.length === 2) {
      var sel = form.querySelector("select[name='" + kv[0].replace(/[^a-z]/g, "") + "']");
      if (sel) {
        Array.prototype.forEach.call(sel.options, function (o) { if (o.value === kv[1]) sel.value = kv[1]; });
      }
    } else if (hash && flags) {
      Array.prototype.forEach.call(flags.options, function (o) { if (o.value === hash) flags.value = hash; });
    }
    apply();
  });
})();
