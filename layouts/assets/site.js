// Gongjian's page script. Progressive enhancement only: every page is whole
// without it (tables complete, nothing folded away).
//
// - table[data-sortable]: a header with data-sort-type (text | number)
//   becomes a button that sorts the rows by each cell's data-sort (the cell's
//   text when absent). Empty values ("—": data-sort="") go last in both
//   directions; ties keep the page's order.
// - form.filters[data-for]: drop-downs that keep the rows whose data-<name>
//   holds the chosen value (space-separated lists: data-flag="slow behind").
//   The choices live in the URL (?region=x&flag=slow), so a department's view
//   can be shared, and a shared URL opens filtered.
// - table[data-page=N]: on phones (site.css), N rows at a time of those the
//   filters keep, and a button for more; wider screens and paper show all.
// - .table-wrap: a box that scrolls and holds nothing focusable
//   joins the tab order, so that a keyboard can scroll it.
(function () {
  "use strict";

  var slice = Array.prototype.slice;
  var collator = window.Intl && Intl.Collator ? new Intl.Collator(document.documentElement.lang || "zh-Hans", { numeric: true }) : null;

  function compareText(a, b) {
    if (collator) return collator.compare(a, b);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function format(template, a, b) {
    return String(template || "").replace("%d", a).replace("%d", b);
  }

  function sortKey(row, i) {
    var cell = row.cells[i];
    if (!cell) return "";
    var v = cell.getAttribute("data-sort");
    return v === null ? cell.textContent.trim() : v;
  }

  // Table is one enhanced table: its rows in their current order, the
  // filter that keeps some, and (phones) how many are shown.
  function Table(table) {
    var self = this;
    this.table = table;
    this.body = table.tBodies[0];
    this.rows = this.body ? slice.call(this.body.rows) : [];
    this.keep = function () { return true; };
    this.onUpdate = null;
    this.page = parseInt(table.getAttribute("data-page"), 10) || 0;
    this.limit = this.page;
    this.kept = this.rows.length;
    if (this.page > 0 && this.rows.length > this.page) {
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "more";
      btn.addEventListener("click", function () {
        self.limit += self.page;
        self.update();
      });
      var box = table.closest(".table-wrap") || table;
      box.parentNode.insertBefore(btn, box.nextSibling);
      this.more = btn;
    }
    if (table.hasAttribute("data-sortable")) this.sortable();
  }

  Table.prototype.update = function () {
    var kept = 0, limit = this.page > 0 ? this.limit : Infinity, keep = this.keep;
    this.rows.forEach(function (row) {
      var ok = keep(row);
      row.hidden = !ok;
      if (ok) kept++;
      row.classList.toggle("beyond", ok && kept > limit);
    });
    this.kept = kept;
    if (this.more) {
      this.more.hidden = kept <= limit;
      this.more.textContent = format(this.table.getAttribute("data-more"), Math.max(0, kept - limit));
    }
    if (this.onUpdate) this.onUpdate(kept, this.rows.length);
  };

  // restart shows the first page again (after the filters changed).
  Table.prototype.restart = function () {
    this.limit = this.page;
    this.update();
  };

  Table.prototype.sortable = function () {
    var self = this;
    var heads = this.table.tHead ? slice.call(this.table.tHead.rows[0].cells) : [];
    heads.forEach(function (th, i) {
      var type = th.getAttribute("data-sort-type");
      if (!type) return;
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "sort";
      while (th.firstChild) btn.appendChild(th.firstChild);
      th.appendChild(btn);
      btn.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        self.sortBy(i, type, asc);
      });
    });
  };

  Table.prototype.sortBy = function (i, type, asc) {
    var keyed = this.rows.map(function (row, pos) {
      var k = sortKey(row, i);
      var empty = k === "" || k === "—";
      if (type === "number" && !empty) {
        k = parseFloat(k);
        empty = isNaN(k);
      }
      return { row: row, key: k, empty: empty, pos: pos };
    });
    keyed.sort(function (a, b) {
      if (a.empty || b.empty) {
        if (a.empty && b.empty) return a.pos - b.pos;
        return a.empty ? 1 : -1; // empty values last, whichever the direction
      }
      var c = type === "number" ? a.key - b.key : compareText(a.key, b.key);
      if (!asc) c = -c;
      return c || a.pos - b.pos;
    });
    var body = this.body;
    this.rows = keyed.map(function (k) { body.appendChild(k.row); return k.row; });
    this.restart();
  };

  // A table box that scrolls must be reachable by keyboard
  // (arrow keys scroll it) when nothing inside it takes the focus.
  function focusable(box) {
    if ((box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1) && !box.querySelector("a[href], button, input, select, textarea, [tabindex]")) {
      box.tabIndex = 0;
    } else if (box.getAttribute("tabindex") === "0") {
      box.removeAttribute("tabindex");
    }
  }
  var boxes = document.querySelectorAll(".table-wrap");
  boxes.forEach(focusable);
  var resizing = 0;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () { boxes.forEach(focusable); }, 200);
  });

  var tables = [];
  document.querySelectorAll("table[data-sortable], table[data-page]").forEach(function (t) {
    var x = new Table(t);
    tables.push(x);
    x.update();
  });

  function tableIn(el) {
    for (var i = 0; i < tables.length; i++) {
      if (el.contains(tables[i].table)) return tables[i];
    }
    return null;
  }

  document.querySelectorAll("form.filters[data-for]").forEach(function (form) {
    var target = document.getElementById(form.getAttribute("data-for"));
    var table = target && tableIn(target);
    if (!table) return;
    var selects = slice.call(form.querySelectorAll("select"));
    var out = form.querySelector("output");

    function choose(sel, value) {
      for (var i = 0; i < sel.options.length; i++) {
        if (sel.options[i].value === value) {
          sel.value = value;
          return true;
        }
      }
      return false;
    }

    // A shared URL opens filtered: ?region=x&flag=slow; an old-style
    // /projects/#slow picks a flag.
    var params = new URLSearchParams(location.search);
    selects.forEach(function (sel) {
      var v = params.get(sel.name);
      if (v !== null) choose(sel, v);
    });
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash && !location.search) {
      selects.forEach(function (sel) { if (sel.name === "flag") choose(sel, hash); });
    }

    table.keep = function (row) {
      for (var i = 0; i < selects.length; i++) {
        var v = selects[i].value;
        if (v && (" " + (row.getAttribute("data-" + selects[i].name) || "") + " ").indexOf(" " + v + " ") < 0) return false;
      }
      return true;
    };
    table.onUpdate = function (kept, total) {
      if (out) out.textContent = format(out.getAttribute("data-template"), kept, total);
    };

    function remember() {
      var q = new URLSearchParams(location.search);
      selects.forEach(function (sel) {
        if (sel.value) q.set(sel.name, sel.value);
        else q.delete(sel.name);
      });
      var s = q.toString();
      if (history.replaceState) history.replaceState(null, "", location.pathname + (s ? "?" + s : "") + location.hash);
    }

    form.addEventListener("change", function () {
      table.restart();
      remember();
    });
    form.addEventListener("reset", function () {
      setTimeout(function () {
        table.restart();
        remember();
      }, 0);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    table.restart();
  });
})();
