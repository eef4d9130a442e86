package site

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"gongjian/generator/internal/browser"
	"gongjian/generator/internal/synth"
)

// Browser tests: the built demo and a synthetic 300-project, 12-unit site
// in Debian's Chromium, at a phone's width (390 px) and a laptop's (1366
// px), and on paper. They need `make` (or `npm ci` in generator/) for
// axe-core, and chromium and poppler-utils (pdftotext, pdfinfo).

var pdfOut = flag.String("pdf-out", "", "save the printed demo bulletin to this file (to look at it)")

const (
	phone  = 390
	laptop = 1366
)

// served is a built site behind a local HTTP server.
type served struct {
	url, dir string
}

// buildServed builds a site into a temporary directory and serves it.
func buildServed(t *testing.T, src string) *served {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	// Built for where it is served: 404.html links from the site's root.
	if _, err := Build(context.Background(), Options{Source: src, Out: out, BaseURL: srv.URL + "/"}); err != nil {
		t.Fatalf("Build(%s): %v", src, err)
	}
	return &served{url: srv.URL, dir: out}
}

// firstChild is the first page under a section ("/regions/" → "/regions/x/").
func (s *served) firstChild(t *testing.T, section string) string {
	t.Helper()
	ents, err := os.ReadDir(filepath.Join(s.dir, filepath.FromSlash(section)))
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range ents {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) == 0 {
		t.Fatalf("%s has no pages", section)
	}
	sort.Strings(dirs)
	return section + dirs[0] + "/"
}

// kinds is a page of every kind of a site.
func (s *served) kinds(t *testing.T) []string {
	out := []string{"/", "/projects/", s.firstChild(t, "/projects/"), "/regions/", s.firstChild(t, "/regions/"),
		"/departments/", s.firstChild(t, "/departments/"), "/rankings/", "/lists/", s.firstChild(t, "/lists/"),
		"/categories/", s.firstChild(t, "/categories/"), "/bulletins/", s.firstChild(t, "/bulletins/"),
		"/changes/", "/data/", "/about/", "/404.html"}
	return out
}

// tab is one browser tab that records the page's errors.
type tab struct {
	ctx  context.Context
	mu   sync.Mutex
	errs []string
}

func newTab(t *testing.T, bctx context.Context) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(bctx)
	t.Cleanup(cancel)
	tb := &tab{ctx: ctx}
	chromedp.ListenTarget(ctx, func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg = ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				msg += " " + ev.ExceptionDetails.Exception.Description
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError {
				msg = "console.error"
				for _, a := range ev.Args {
					msg += " " + string(a.Value)
				}
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.LevelError {
				msg = ev.Entry.Text + " " + ev.Entry.URL
			}
		}
		if msg != "" {
			tb.mu.Lock()
			tb.errs = append(tb.errs, msg)
			tb.mu.Unlock()
		}
	})
	if err := chromedp.Run(ctx, log.Enable()); err != nil {
		t.Fatal(err)
	}
	return tb
}

// open loads a page at a width, failing on any error the page reports.
func (tb *tab) open(t *testing.T, url string, width int) {
	t.Helper()
	tb.mu.Lock()
	tb.errs = nil
	tb.mu.Unlock()
	h := int64(900)
	if width <= phone {
		h = 844
	}
	if err := chromedp.Run(tb.ctx,
		emulation.SetDeviceMetricsOverride(int64(width), h, 1, width <= phone),
		chromedp.Navigate(url),
	); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, e := range tb.errs {
		if strings.Contains(url, "/404.html") || !strings.Contains(e, "404") {
			t.Errorf("%s at %d px: page error: %s", url, width, e)
		}
	}
}

// eval runs a script in the page and decodes its (JSON-able) result.
func (tb *tab) eval(t *testing.T, js string, out any) {
	t.Helper()
	err := chromedp.Run(tb.ctx, chromedp.Evaluate(js, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
	if err != nil {
		t.Fatalf("evaluate %.80q: %v", js, err)
	}
}

// startBrowser starts one Chromium for a test.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel, err := browser.Start(context.Background())
	if err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	t.Cleanup(cancel)
	return ctx
}

// axeSource is axe-core from npm (generator/package.json pins it).
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../node_modules/axe-core/axe.min.js")
	if err != nil {
		t.Fatalf("axe-core is missing (%v): run `make` or `cd generator && npm ci`", err)
	}
	return string(b)
}

// synthSite writes a synthetic 300-project, 12-unit site with a page
// holding a wide markdown table, aligned with ---:.
func synthSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "synth")
	if err := synth.Write(dir, synth.Options{Projects: 300, Regions: 12, Departments: 12, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	var md strings.Builder
	md.WriteString("+++\ntitle = \"宽表格\"\n+++\n\n| 地区 | 一月 | 二月 | 三月 | 四月 | 五月 | 六月 | 七月 | 八月 | 九月 | 十月 | 十一月 | 十二月 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range []string{"玉皇阁北街街道", "凤凰北街街道", "苏银产业园"} {
		md.WriteString("| " + r + " |")
		for m := 1; m <= 12; m++ {
			fmt.Fprintf(&md, " %d,234.56 |", m)
		}
		md.WriteString("\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "wide.md"), []byte(md.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// lonelyJS counts, for each element matched, the characters on each
// rendered line, and reports the lines that hold a single character.
const lonelyJS = `(function (sel) {
  var bad = [];
  document.querySelectorAll(sel).forEach(function (el) {
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), n, lines = {};
    while ((n = walker.nextNode())) {
      for (var i = 0; i < n.length; i++) {
        if (!n.data[i].trim()) continue;
        var r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
        var rect = r.getBoundingClientRect();
        if (!rect.height) continue;
        var y = Math.round(rect.top);
        lines[y] = (lines[y] || "") + n.data[i];
      }
    }
    Object.keys(lines).forEach(function (y) { if (lines[y].length === 1) bad.push(el.textContent.trim() + ": 「" + lines[y] + "」"); });
  });
  return bad;
})(%q)`

// cardSpillJS lists the cells of phone cards (table.stack rows) whose
// content is wider than the cell or that reach past their card.
const cardSpillJS = `(function () {
  var out = [];
  document.querySelectorAll("table.stack > tbody > tr").forEach(function (r) {
    if (!r.offsetHeight) return;
    var right = r.getBoundingClientRect().right;
    Array.prototype.forEach.call(r.cells, function (c) {
      if (c.offsetHeight && (c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right > right + 1)) out.push((c.getAttribute("data-label") || "") + " " + c.textContent.trim().slice(0, 30));
    });
  });
  return out.slice(0, 10);
})()`

// TestBrowser opens every page kind of the demo and of a synthetic site at
// 390 and 1366 px: no page error, no horizontal overflow on a phone and
// no card cell spilling out of its card, no axe-core violation, no lone
// character on a line of a masthead.
func TestBrowser(t *testing.T) {
	axe := axeSource(t)
	bctx := startBrowser(t)
	tb := newTab(t, bctx)
	sites := []struct {
		name string
		site *served
	}{
		{"demo", buildServed(t, "../../..")},
		{"synth", buildServed(t, synthSite(t))},
	}
	for _, s := range sites {
		paths := s.site.kinds(t)
		if s.name == "synth" {
			paths = append(paths, "/wide/")
		}
		for _, width := range []int{phone, laptop} {
			for _, p := range paths {
				t.Run(fmt.Sprintf("%s/%d%s", s.name, width, p), func(t *testing.T) {
					tb.open(t, s.site.url+p, width)
					var sw struct{ Scroll, Inner int }
					tb.eval(t, `({Scroll: document.documentElement.scrollWidth, Inner: window.innerWidth})`, &sw)
					if sw.Scroll > sw.Inner {
						t.Errorf("%s at %d px: page scrollWidth = %d; want ≤ innerWidth %d", p, width, sw.Scroll, sw.Inner)
					}
					if width == phone {
						var spill []string
						tb.eval(t, cardSpillJS, &spill)
						for _, c := range spill {
							t.Errorf("%s at %d px: a card's cell spills out of its card: %s", p, width, c)
						}
					}
					var lonely []string
					tb.eval(t, fmt.Sprintf(lonelyJS, ".brand, .campaign h1, .masthead .series, main h1"), &lonely)
					for _, l := range lonely {
						t.Errorf("%s at %d px: a character alone on a line: %s", p, width, l)
					}
					var violations []string
					tb.eval(t, axe+`;
axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
  return r.violations.map(function (v) {
    return v.id + " (" + v.impact + "): " + v.help + " — " + v.nodes.slice(0, 3).map(function (n) { return n.target.join(" "); }).join(" | ");
  });
})`, &violations)
					for _, v := range violations {
						t.Errorf("%s at %d px: axe: %s", p, width, v)
					}
				})
			}
		}
	}
}

// TestBrowserPhoneTables: below 640 px a table's rows are cards with their
// key fields, names on a line of their own, 问责措施 in view; a long
// project table shows 30 rows and a button for more; markdown tables
// scroll in their own box and keep their alignment.
func TestBrowserPhoneTables(t *testing.T) {
	bctx := startBrowser(t)
	tb := newTab(t, bctx)
	demo := buildServed(t, "../../..")
	syn := buildServed(t, synthSite(t))

	t.Run("project cards", func(t *testing.T) {
		tb.open(t, syn.url+"/projects/", phone)
		var got struct {
			Display         string
			NameWidth, Page float64
			Shown, Total    int
			More            bool
			Overflow        []string
		}
		tb.eval(t, `(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.projects tbody tr"));
  var shown = rows.filter(function (r) { return r.offsetHeight > 0; });
  var name = rows[0].querySelector(".c-name a");
  var more = document.querySelector(".more");
  return {Display: getComputedStyle(rows[0]).display, NameWidth: rows[0].querySelector(".c-name").getBoundingClientRect().width,
    Page: window.innerWidth, Shown: shown.length, Total: rows.length, More: !!more && more.offsetHeight > 0,
    Overflow: shown.reduce(function (out, r) {
      Array.prototype.forEach.call(r.cells, function (c) {
        if (c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right > r.getBoundingClientRect().right) out.push(c.getAttribute("data-label") + " " + c.textContent.trim());
      });
      return out;
    }, [])};
})()`, &got)
		if got.Display != "grid" {
			t.Errorf("a project row's display = %q; want grid (a card)", got.Display)
		}
		if got.NameWidth < 0.75*got.Page {
			t.Errorf("a project name's width = %.0f px; want the card's width (≥ %.0f px)", got.NameWidth, 0.75*got.Page)
		}
		for _, c := range got.Overflow {
			t.Errorf("a project card's cell overflows its card: %s", c)
		}
		if got.Total != 300 || got.Shown != 30 || !got.More {
			t.Errorf("rows shown = %d of %d, more button %v; want 30 of 300 and a button", got.Shown, got.Total, got.More)
		}
		var after int
		tb.eval(t, `document.querySelector(".more").click(); Array.prototype.filter.call(document.querySelectorAll("table.projects tbody tr"), function (r) { return r.offsetHeight > 0; }).length`, &after)
		if after != 60 {
			t.Errorf("rows shown after one click on more = %d; want 60", after)
		}
	})

	t.Run("ranking cards keep 问责措施", func(t *testing.T) {
		tb.open(t, demo.url+"/rankings/", phone)
		var got struct {
			N   int
			Off []string
		}
		tb.eval(t, `(function () {
  var off = [], els = document.querySelectorAll("table.ranking .escalation");
  els.forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (!r.width || r.left < 0 || r.right > window.innerWidth) off.push(e.textContent + " at " + Math.round(r.left) + "–" + Math.round(r.right));
  });
  return {N: els.length, Off: off};
})()`, &got)
		if got.N == 0 {
			t.Fatalf("the demo's rankings show no 问责措施; want the last unit's measure")
		}
		if len(got.Off) > 0 {
			t.Errorf("问责措施 not fully in view at %d px: %v", phone, got.Off)
		}
	})

	t.Run("markdown table", func(t *testing.T) {
		tb.open(t, syn.url+"/wide/", phone)
		var got struct {
			Wrapped           bool
			Scrolls           bool
			Align, FirstAlign string
		}
		tb.eval(t, `(function () {
  var tbl = document.querySelector("main table"), wrap = tbl.parentElement;
  return {Wrapped: wrap.classList.contains("table-wrap"), Scrolls: wrap.scrollWidth > wrap.clientWidth,
    Align: getComputedStyle(tbl.querySelector("tbody td:nth-child(2)")).textAlign,
    FirstAlign: getComputedStyle(tbl.querySelector("tbody td:first-child")).textAlign};
})()`, &got)
		if !got.Wrapped || !got.Scrolls {
			t.Errorf("markdown table: in .table-wrap = %v, scrolls in its box = %v; want both", got.Wrapped, got.Scrolls)
		}
		if got.Align != "right" || got.FirstAlign == "right" {
			t.Errorf("markdown table alignment: ---: column %q, --- column %q; want right and not right", got.Align, got.FirstAlign)
		}
	})
}

// TestBrowserWideTables: on a laptop, a long table keeps its header row and
// first column in view while it scrolls.
func TestBrowserWideTables(t *testing.T) {
	bctx := startBrowser(t)
	tb := newTab(t, bctx)
	syn := buildServed(t, synthSite(t))
	tb.open(t, syn.url+"/projects/", laptop)
	var got struct {
		Scrolled         float64
		HeadTop, WrapTop float64
		FirstPosition    string
	}
	tb.eval(t, `(function () {
  var wrap = document.querySelector(".table-wrap.sticky");
  wrap.scrollIntoView();
  wrap.scrollTop = 3000;
  return {Scrolled: wrap.scrollTop, HeadTop: wrap.querySelector("thead th").getBoundingClientRect().top,
    WrapTop: wrap.getBoundingClientRect().top,
    FirstPosition: getComputedStyle(wrap.querySelector("tbody th")).position};
})()`, &got)
	if got.Scrolled < 1000 {
		t.Fatalf("the 300-project table scrolled %.0f px in its box; want a box shorter than the table", got.Scrolled)
	}
	if d := got.HeadTop - got.WrapTop; d < -1 || d > 2 {
		t.Errorf("header row top = %.0f, box top = %.0f after scrolling; want the header at the top of the box", got.HeadTop, got.WrapTop)
	}
	if got.FirstPosition != "sticky" {
		t.Errorf("first column position = %q; want sticky", got.FirstPosition)
	}
}

// TestBrowserFilters: /projects/ filters without a reload, keeps them in
// the URL and opens a shared URL filtered; sorting puts empty values last
// in both directions.
func TestBrowserFilters(t *testing.T) {
	bctx := startBrowser(t)
	tb := newTab(t, bctx)
	demo := buildServed(t, "../../..")

	// A region with slow projects, from the table itself.
	tb.open(t, demo.url+"/projects/", laptop)
	var region string
	tb.eval(t, `(function () {
  var r = document.querySelector("table.projects tr[data-flag~=slow]");
  return r ? r.getAttribute("data-region") : "";
})()`, &region)
	if region == "" {
		t.Fatal("the demo has no slow project")
	}

	const state = `(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.projects tbody tr"));
  var want = rows.filter(function (r) {
    var ok = true;
    document.querySelectorAll("#filters select").forEach(function (s) {
      if (s.value && (r.getAttribute("data-" + s.name) || "").split(" ").indexOf(s.value) < 0) ok = false;
    });
    return ok;
  }).length;
  return {Shown: rows.filter(function (r) { return r.offsetHeight > 0; }).length, Want: want, All: rows.length,
    Search: location.search, Output: document.querySelector("#filters output").textContent,
    Region: document.querySelector("select[name=region]").value, Flag: document.querySelector("select[name=flag]").value};
})()`
	type filterState struct {
		Shown, Want, All             int
		Search, Output, Region, Flag string
	}

	t.Run("shared URL opens filtered", func(t *testing.T) {
		tb.open(t, demo.url+"/projects/?region="+region+"&flag=slow", laptop)
		var got filterState
		tb.eval(t, state, &got)
		if got.Region != region || got.Flag != "slow" {
			t.Errorf("selects = %q, %q; want %q, slow", got.Region, got.Flag, region)
		}
		if got.Shown != got.Want || got.Shown == 0 || got.Shown == got.All {
			t.Errorf("rows shown = %d; want the %d of %d rows of %s that are slow", got.Shown, got.Want, got.All, region)
		}
		if !strings.Contains(got.Output, fmt.Sprint(got.Shown)) {
			t.Errorf("count = %q; want it to say %d", got.Output, got.Shown)
		}
	})

	t.Run("a change goes to the URL", func(t *testing.T) {
		tb.open(t, demo.url+"/projects/", laptop)
		var got filterState
		tb.eval(t, `(function () {
  var s = document.querySelector("select[name=stage]");
  s.value = s.options[1].value;
  s.dispatchEvent(new Event("change", {bubbles: true}));
  return 0;
})()`, nil)
		tb.eval(t, state, &got)
		if !strings.HasPrefix(got.Search, "?stage=") || got.Shown != got.Want || got.Shown == got.All {
			t.Errorf("after choosing a stage: URL %q, %d rows shown; want ?stage=… and the %d of %d rows of that stage", got.Search, got.Shown, got.Want, got.All)
		}
		tb.eval(t, `document.querySelector("#filters").reset(); new Promise(function (ok) { setTimeout(ok, 50); })`, nil)
		tb.eval(t, state, &got)
		if got.Search != "" || got.Shown != got.All {
			t.Errorf("after reset: URL %q, %d rows shown; want no query and all %d rows", got.Search, got.Shown, got.All)
		}
	})

	t.Run("empty values sort last", func(t *testing.T) {
		tb.open(t, demo.url+"/projects/", laptop)
		// The column of each numeric header, and whether its values end
		// with every empty one, after one click (ascending) and two.
		var got []struct {
			Head         string
			Empty        int
			Order        [2]string
			Sorted, Last [2]bool
		}
		tb.eval(t, `(function () {
  var out = [];
  var heads = document.querySelectorAll("table.projects thead th");
  heads.forEach(function (th, i) {
    if (th.getAttribute("data-sort-type") !== "number") return;
    var res = {Head: th.textContent.trim(), Empty: 0, Order: ["", ""], Sorted: [false, false], Last: [false, false]};
    for (var k = 0; k < 2; k++) {
      th.querySelector("button").click();
      var vals = Array.prototype.map.call(document.querySelectorAll("table.projects tbody tr"), function (r) { return r.cells[i].getAttribute("data-sort"); });
      var nums = vals.filter(function (v) { return v !== ""; }).map(parseFloat);
      res.Empty = vals.length - nums.length;
      res.Order[k] = th.getAttribute("aria-sort");
      res.Last[k] = vals.slice(nums.length).every(function (v) { return v === ""; });
      res.Sorted[k] = nums.every(function (v, j) { return j === 0 || (k === 0 ? nums[j - 1] <= v : nums[j - 1] >= v); });
    }
    out.push(res);
  });
  return out;
})()`, &got)
		empties := 0
		for _, c := range got {
			empties += c.Empty
			if c.Order != [2]string{"ascending", "descending"} || c.Sorted != [2]bool{true, true} || c.Last != [2]bool{true, true} {
				t.Errorf("sort by %s: aria-sort %v, in order %v, empty last %v; want ascending then descending, both in order, empty last both times", c.Head, c.Order, c.Sorted, c.Last)
			}
		}
		if len(got) < 4 || empties == 0 {
			t.Errorf("numeric columns = %d with %d empty values; want ≥ 4 columns and some empty value to sort", len(got), empties)
		}
	})
}

// TestBrowserNoJS: without JavaScript chart boxes and the filters take no
// space, and every project row is there.
func TestBrowserNoJS(t *testing.T) {
	bctx := startBrowser(t)
	tb := newTab(t, bctx)
	demo := buildServed(t, "../../..")
	// The chart box CSS, with a box of the chart package's markup.
	tb.open(t, demo.url+"/", laptop)
	var h [2]float64
	tb.eval(t, `(function () {
  var f = document.createElement("figure");
  f.className = "chart";
  f.innerHTML = '<figcaption>x</figcaption><div class="chart-box" style="--chart-height: 300px"></div>';
  document.querySelector("main").appendChild(f);
  var box = f.querySelector(".chart-box"), root = document.documentElement;
  root.className = "no-js";
  var a = box.offsetHeight;
  root.className = "js";
  return [a, box.offsetHeight];
})()`, &h)
	if h != [2]float64{0, 300} {
		t.Errorf("chart box height without and with JavaScript = %v; want [0 300]", h)
	}

	if err := chromedp.Run(tb.ctx, emulation.SetScriptExecutionDisabled(true)); err != nil {
		t.Fatal(err)
	}
	defer chromedp.Run(tb.ctx, emulation.SetScriptExecutionDisabled(false))
	tb.open(t, demo.url+"/projects/?region=x", phone)
	var got struct {
		Class          string
		Filters, Rows  int
		Cards, Visible int
	}
	tb.eval(t, `(function () {
  var rows = document.querySelectorAll("table.projects tbody tr");
  return {Class: document.documentElement.className, Filters: document.querySelector("#filters").offsetHeight, Rows: rows.length,
    Visible: Array.prototype.filter.call(rows, function (r) { return r.offsetHeight > 0; }).length};
})()`, &got)
	if got.Class != "no-js" || got.Filters != 0 || got.Visible != got.Rows || got.Rows == 0 {
		t.Errorf("without JavaScript: html class %q, filters %d px high, %d of %d rows shown; want no-js, 0 px, every row", got.Class, got.Filters, got.Visible, got.Rows)
	}
}

// TestBrowserPrintBulletin prints the demo's September bulletin to A4 as
// the pdf command does and reads it back: the masthead, the issue number,
// every annex table header and the page numbers are on paper, within a
// page budget; every table fits the 版心's width.
func TestBrowserPrintBulletin(t *testing.T) {
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: apt-get install poppler-utils", tool)
		}
	}
	bctx := startBrowser(t)
	tb := newTab(t, bctx)
	demo := buildServed(t, "../../..")
	url := demo.url + "/bulletins/2023-09/"

	// On the 版心's width (156 mm) in print media, no table is wider
	// than the text.
	tb.open(t, url, 590)
	if err := chromedp.Run(tb.ctx, emulation.SetEmulatedMedia().WithMedia("print")); err != nil {
		t.Fatal(err)
	}
	var wide []string
	tb.eval(t, `(function () {
  var right = document.querySelector(".bulletin").getBoundingClientRect().right, out = [];
  document.querySelectorAll(".bulletin table").forEach(function (t) {
    var r = t.getBoundingClientRect();
    if (r.width && r.right > right + 1) out.push((t.querySelector("th") || t).textContent.trim().slice(0, 20) + ": " + Math.round(r.right - right) + " px too wide");
  });
  return out;
})()`, &wide)
	for _, w := range wide {
		t.Errorf("printed table wider than the page: %s", w)
	}
	var want struct {
		Series, Number string
		Heads          []string
	}
	tb.eval(t, `({Series: document.querySelector(".masthead .series").textContent, Number: document.querySelector(".masthead .number").textContent,
  Heads: Array.prototype.map.call(document.querySelectorAll(".annex thead th"), function (th) { return th.textContent; })})`, &want)
	if err := chromedp.Run(tb.ctx, emulation.SetEmulatedMedia().WithMedia("")); err != nil {
		t.Fatal(err)
	}

	var pdf []byte
	err := chromedp.Run(tb.ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = page.PrintToPDF().WithPreferCSSPageSize(true).WithPrintBackground(true).Do(ctx)
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "2023-09.pdf")
	if *pdfOut != "" {
		file = *pdfOut
	}
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	info, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	squash := func(s string) string { return regexp.MustCompile(`\s+`).ReplaceAllString(s, "") }
	flat := squash(string(text))
	if len(want.Heads) < 10 {
		t.Fatalf("annex table headers = %d; want the annex's tables", len(want.Heads))
	}
	for _, s := range append([]string{want.Series, want.Number, "—1—", "—2—"}, want.Heads...) {
		if !strings.Contains(flat, squash(s)) {
			t.Errorf("printed bulletin lacks %q", s)
		}
	}
	if !bytes.Contains(info, []byte("(A4)")) {
		t.Errorf("pdfinfo = %s; want A4 pages", info)
	}
	pages := 0
	if m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info); m != nil {
		fmt.Sscan(string(m[1]), &pages)
	}
	// September's bulletin printed 15–26 pages before the print styles;
	// it prints 10 now (3 of text, 7 of annex).
	if pages < 4 || pages > 11 {
		t.Errorf("printed bulletin has %d pages; want 4–11", pages)
	}
	t.Logf("printed %d pages to %s", pages, file)
}
