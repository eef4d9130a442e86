package chart

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"gongjian/generator/internal/browser"
)

// pageCSS is the CSS the package comment asks of a site's stylesheet.
const pageCSS = `
body { font-family: "Noto Sans CJK SC", sans-serif; margin: 16px; max-width: 960px; }
.chart { margin: 16px 0; }
html.no-js .chart-box, html.no-js .chart-key { display: none; }
html.js .chart-box { height: var(--chart-height); }
.chart-key { list-style: none; padding: 0; margin: 4px 0; font-size: 13px; display: flex; flex-wrap: wrap; gap: 4px 14px; }
.chart-swatch { display: inline-block; width: 14px; height: 10px; margin-right: 4px; vertical-align: middle; box-sizing: border-box; }
.chart-swatch-marker { width: 3px; height: 14px; }
.chart-swatch-line, .chart-swatch-dashed-line { width: 20px; height: 0; }
.chart-data.folded { display: none; }
.num { text-align: right; }
@page { size: A4; margin: 20mm; }
@media print {
  .chart-box { break-inside: avoid; }
  .chart-box, .chart-box > div { width: 100% !important; height: auto !important; }
  .chart-box svg { position: static !important; width: 100% !important; height: auto !important; }
  .chart-data.folded { display: block; }
  .chart-toggle { display: none; }
}
`

// testPage is a page with the given charts, written as the package
// comment tells a site to: the no-js class swapped by a one-line script,
// each shell once, the figures, ECharts and charts.js deferred.
func testPage(cs []*Chart) []byte {
	var b []byte
	b = append(b, `<!DOCTYPE html><html class="no-js" lang="zh-Hans"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<script>document.documentElement.className = document.documentElement.className.replace("no-js", "js")</script>
<title>charts</title><style>`+pageCSS+`</style></head><body>
`...)
	seen := map[string]bool{}
	for _, c := range cs {
		if !seen[c.Shell.Key] {
			seen[c.Shell.Key] = true
			b = AppendShell(b, c.Shell)
		}
	}
	for _, c := range cs {
		b = AppendFigure(b, c, "显示数据")
	}
	b = append(b, `<script src="/assets/echarts.min.js" defer></script>
<script src="/assets/charts.js" defer></script>
</body></html>`...)
	return b
}

func serve(t *testing.T, pages map[string][]byte) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc(EChartsPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(EChartsJS)
	})
	mux.HandleFunc(ChartsPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(ChartsJS)
	})
	for p, body := range pages {
		mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(body)
		})
	}
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// consoleErrors collects console errors and uncaught exceptions of a tab.
type consoleErrors struct {
	mu   sync.Mutex
	msgs []string
}

func (c *consoleErrors) listen(ctx context.Context) {
	chromedp.ListenTarget(ctx, func(ev any) {
		c.mu.Lock()
		defer c.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeAssert {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				c.msgs = append(c.msgs, "console.error: "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			c.msgs = append(c.msgs, "exception: "+ev.ExceptionDetails.Error())
		}
	})
}

func (c *consoleErrors) get() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.msgs...)
}

// shoot captures a chart's figure within the viewport. (chromedp's
// element screenshot captures beyond the viewport, which resizes the page
// for a moment: the charts' ResizeObserver then redraws them mid-capture.)
func shoot(ctx context.Context, id string) ([]byte, error) {
	var r struct{ X, Y, W, H float64 }
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.getElementById("`+id+`").closest("figure").scrollIntoView()`, nil),
		chromedp.Sleep(100*time.Millisecond),
		chromedp.Evaluate(`(() => { const r = document.getElementById("`+id+`").closest("figure").getBoundingClientRect(); return {X: r.x + scrollX, Y: r.y + scrollY, W: r.width, H: Math.min(r.height, innerHeight)}; })()`, &r),
	); err != nil {
		return nil, err
	}
	var png []byte
	err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		png, err = page.CaptureScreenshot().WithFormat(page.CaptureScreenshotFormatPng).
			WithClip(&page.Viewport{X: r.X, Y: r.Y, Width: r.W, Height: r.H, Scale: 1}).Do(ctx)
		return err
	}))
	return png, err
}

func waitReady(ctx context.Context) error {
	return chromedp.Poll(`document.documentElement.dataset.chartsReady === "1"`, nil, chromedp.WithPollingTimeout(30*time.Second)).Do(ctx)
}

// shotDir is where the screenshots go for a person to look at.
var shotDir = filepath.Join(os.TempDir(), "gongjian-chart-shots")

// TestBrowser opens a page with one chart of every kind in headless
// Chromium: no console error, every box has its SVG, the 12-unit ranking
// names every unit, hostile names run nothing, chartsReady is set; then it
// prints the page and reads every unit's name back from the PDF.
func TestBrowser(t *testing.T) {
	if _, err := browser.Find(); err != nil {
		t.Fatal(err)
	}
	resetShells()
	var cs []*Chart
	for _, f := range fixtures() {
		cs = append(cs, mustBuild(t, f))
	}
	srv := serve(t, map[string][]byte{"/charts/": testPage(cs), "/empty/": testPage(nil)})

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	bctx, stop, err := browser.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	var errs consoleErrors
	errs.listen(bctx)
	if err := chromedp.Run(bctx,
		chromedp.EmulateViewport(1000, 900),
		// Screenshots after resizes need no animation (charts.js honours
		// the reader's wish for reduced motion).
		emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}),
		chromedp.Navigate(srv.URL+"/charts/"),
		chromedp.ActionFunc(waitReady),
	); err != nil {
		t.Fatalf("charts page: %v (console: %q)", err, errs.get())
	}

	t.Run("every box has its svg", func(t *testing.T) {
		var missing []string
		if err := chromedp.Run(bctx, chromedp.Evaluate(`Array.from(document.querySelectorAll(".chart-box")).filter(b => !b.querySelector("svg")).map(b => b.id)`, &missing)); err != nil {
			t.Fatal(err)
		}
		if len(missing) > 0 {
			t.Errorf("boxes without svg: %v", missing)
		}
	})
	t.Run("ranking names every unit", func(t *testing.T) {
		var text string
		if err := chromedp.Run(bctx, chromedp.Evaluate(`Array.from(document.querySelectorAll("#c_bulletins_2024_07_0 svg text")).map(t => t.textContent).join("")`, &text)); err != nil {
			t.Fatal(err)
		}
		for _, n := range district {
			if !strings.Contains(text, n) {
				t.Errorf("ranking svg text lacks %q: %q", n, text)
			}
		}
		for _, want := range []string{"✓", "✗", "▼末位", "沿用", "—", "各自目标"} {
			if !strings.Contains(text, want) {
				t.Errorf("ranking svg text lacks %q", want)
			}
		}
	})
	t.Run("hostile names run nothing", func(t *testing.T) {
		// Show every chart's first tooltip: ECharts writes tooltips as HTML.
		var pwned any
		if err := chromedp.Run(bctx,
			chromedp.Evaluate(`document.querySelectorAll(".chart-box").forEach(b => { const c = echarts.getInstanceByDom(b); if (c) c.dispatchAction({type: "showTip", seriesIndex: 0, dataIndex: 0}); })`, nil),
			chromedp.Sleep(300*time.Millisecond), // let an onerror fire, if any could
			chromedp.Evaluate(`window.__pwned`, &pwned),
			chromedp.Evaluate(`document.querySelectorAll(".chart-box").forEach(b => { const c = echarts.getInstanceByDom(b); if (c) c.dispatchAction({type: "hideTip"}); })`, nil),
		); err != nil {
			t.Fatal(err)
		}
		if pwned != nil {
			t.Errorf("window.__pwned = %v; want unset", pwned)
		}
		var text string
		if err := chromedp.Run(bctx, chromedp.Evaluate(`Array.from(document.querySelectorAll("#c_hostile_0 svg text")).map(t => t.textContent).join("")`, &text)); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, `window.__pwned=1</script>`) {
			t.Errorf("hostile ranking does not show its names as text: %q", text)
		}
	})
	if err := os.MkdirAll(shotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Run("screenshots", func(t *testing.T) {
		// One PNG per figure, on a desktop, a phone and in greyscale.
		for _, s := range []struct {
			name   string
			width  int64
			filter string
		}{{"greyscale", 1000, "grayscale(1)"}, {"phone", 360, ""}, {"desktop", 1000, ""}} {
			if err := chromedp.Run(bctx,
				chromedp.EmulateViewport(s.width, 900),
				chromedp.Evaluate(`document.documentElement.style.filter = `+fmt.Sprintf("%q", s.filter), nil),
				chromedp.Sleep(500*time.Millisecond),
			); err != nil {
				t.Fatal(err)
			}
			for _, c := range cs {
				png, err := shoot(bctx, c.ID)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(shotDir, s.name+"-"+c.ID+".png"), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
	t.Run("print", func(t *testing.T) {
		// Print the ranking alone, without its table: every name the PDF
		// has comes from the chart. Then the whole page, to look at. The
		// pdf command prints as here: print media, beforeprint, print.
		for _, p := range []struct {
			name string
			keep string // JavaScript run before printing
		}{
			{"ranking", `document.querySelectorAll("figure").forEach(f => { if (!f.querySelector("#c_bulletins_2024_07_0")) f.remove(); }); document.querySelectorAll(".chart-data").forEach(d => d.remove());`},
			{"charts", ``},
		} {
			tctx, cancel := chromedp.NewContext(bctx)
			var pdf []byte
			err := chromedp.Run(tctx,
				chromedp.EmulateViewport(1000, 900),
				chromedp.Navigate(srv.URL+"/charts/"),
				chromedp.ActionFunc(waitReady),
				chromedp.Evaluate(p.keep+"0", nil),
				emulation.SetEmulatedMedia().WithMedia("print"),
				chromedp.Evaluate(`window.dispatchEvent(new Event("beforeprint")); 0`, nil),
				chromedp.ActionFunc(func(ctx context.Context) error {
					var err error
					pdf, _, err = page.PrintToPDF().WithPrintBackground(true).WithPreferCSSPageSize(true).Do(ctx)
					return err
				}))
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(shotDir, p.name+".pdf")
			if err := os.WriteFile(path, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := exec.Command("pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "4", path, filepath.Join(shotDir, p.name)).Run(); err != nil {
				t.Errorf("pdftoppm: %v", err)
			}
			if p.name != "ranking" {
				continue
			}
			out, err := exec.Command("pdftotext", path, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			text := strings.Join(strings.Fields(string(out)), "")
			for _, n := range append(district, "✓", "✗", "▼末位", "各自目标", "投资增速（%）") {
				if !strings.Contains(text, n) {
					t.Errorf("printed ranking lacks %q; its text: %q", n, text)
				}
			}
		}
	})
	t.Run("no console errors", func(t *testing.T) {
		if e := errs.get(); len(e) > 0 {
			t.Errorf("console errors: %q", e)
		}
	})
	t.Run("page without charts is ready", func(t *testing.T) {
		if err := chromedp.Run(bctx, chromedp.Navigate(srv.URL+"/empty/"), chromedp.ActionFunc(waitReady)); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("without javascript", func(t *testing.T) {
		tctx, cancel := chromedp.NewContext(bctx)
		defer cancel()
		var heights []float64
		var tables int
		if err := chromedp.Run(tctx,
			emulation.SetScriptExecutionDisabled(true),
			chromedp.Navigate(srv.URL+"/charts/"),
			chromedp.Evaluate(`0`, nil),
		); err != nil {
			t.Fatal(err)
		}
		// With scripts off, Evaluate still runs (devtools), the page's own do not.
		if err := chromedp.Run(tctx,
			chromedp.Evaluate(`Array.from(document.querySelectorAll(".chart-box")).map(b => b.getBoundingClientRect().height)`, &heights),
			chromedp.Evaluate(`Array.from(document.querySelectorAll(".chart-data table")).filter(t => t.getBoundingClientRect().height > 0).length`, &tables),
		); err != nil {
			t.Fatal(err)
		}
		for i, h := range heights {
			if h != 0 {
				t.Errorf("box %d is %v px high without JavaScript; want 0", i, h)
			}
		}
		if tables != len(cs) {
			t.Errorf("%d tables visible without JavaScript; want %d", tables, len(cs))
		}
	})
}
