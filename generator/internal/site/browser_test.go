package site

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"gongjian/generator/internal/browser"
)

// xssName is a project name that tries to break out of every context it
// lands in: HTML text, attributes, and chart JSON inside <script>.
const xssName = `</script><script>window.__xss=1</script><img src=x onerror="window.__xss=2">"'&`

// startBrowser starts Chromium for a test. Without Chromium the test is
// skipped locally but fails in CI (CI=true), where .ci/run installs it.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := browser.Find(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%v", err)
		}
		t.Skipf("%v", err)
	}
	ctx, cancel, err := browser.Start(context.Background())
	if err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	t.Cleanup(cancel)
	return ctx
}

// demoWithXSS builds the demo plus one project whose name is xssName, and
// serves it on localhost.
func demoWithXSS(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	copyTree(t, repoRoot, src)
	xss := fmt.Sprintf("name = %q\nregion = \"tonggui\"\nowner = \"fagai\"\ncategory = \"energy\"\ntotal = 1.0\nplan = 1.0\nstart_planned = 2023-03-01\nstart_actual = 2023-03-01\n", xssName)
	if err := os.WriteFile(filepath.Join(src, "content", "projects", "xss.toml"), []byte(xss), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := filepath.Join(src, "content", "reports", "2023-09-30.toml")
	b, err := os.ReadFile(rep)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, []byte("\n[projects.xss]\ncompleted = 0.2\nnote = \"</script><script>window.__xss=3</script>\"\n")...)
	if err := os.WriteFile(rep, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	build(t, src, out, nil)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// pageReport is what the page says about its charts after rendering.
type chartReport struct {
	ID          string `json:"id"`
	Rendered    bool   `json:"rendered"`
	SVG         bool   `json:"svg"`
	SVGWidth    int    `json:"svgWidth"`
	WantSeries  int    `json:"wantSeries"`
	GotSeries   int    `json:"gotSeries"`
	WantPoints  int    `json:"wantPoints"`
	GotPoints   int    `json:"gotPoints"`
	TableRows   int    `json:"tableRows"`
	AriaLabel   string `json:"aria"`
	DrawnShapes int    `json:"shapes"`
}

// inspect counts, for every chart box, the series and points of its JSON
// options and of the live ECharts instance, its SVG and its data table.
const inspect = `(() => {
  const out = [];
  document.querySelectorAll('.chart-box').forEach(box => {
    const opts = JSON.parse(document.getElementById(box.dataset.options).textContent);
    const inst = window.echarts && echarts.getInstanceByDom(box);
    const live = inst ? inst.getOption() : {series: []};
    const count = s => (s || []).reduce((n, x) => n + ((x.data || []).length), 0);
    const svg = box.querySelector('svg');
    const table = document.getElementById(box.id + '_data');
    out.push({
      id: box.id,
      rendered: box.dataset.rendered === 'true',
      svg: !!svg,
      svgWidth: svg ? Math.round(svg.getBoundingClientRect().width) : 0,
      wantSeries: (opts.series || []).length,
      gotSeries: (live.series || []).length,
      wantPoints: count(opts.series),
      gotPoints: count(live.series),
      tableRows: table ? table.querySelectorAll('tbody tr').length : 0,
      aria: box.getAttribute('aria-label') || '',
      shapes: svg ? svg.querySelectorAll('path, rect, circle, text').length : 0,
    });
  });
  return out;
})()`

// TestBrowserPages opens one page of every kind: no console error, every
// chart has its SVG with the series and points of its options, and its
// data table; the XSS project name shows as text and none of it runs.
func TestBrowserPages(t *testing.T) {
	ctx := startBrowser(t)
	base := demoWithXSS(t)

	var mu sync.Mutex
	var problems []string
	chromedp.ListenTarget(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeWarning {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value))
				}
				problems = append(problems, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
			}
		case *network.EventRequestWillBeSent:
			if u := ev.Request.URL; !strings.HasPrefix(u, base) && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
				problems = append(problems, "request to another host: "+u)
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.LevelError {
				problems = append(problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		}
	})

	pages := []struct {
		path      string
		minCharts int
	}{
		{"/", 5},
		{"/projects/", 0},
		{"/projects/baofeng-pv/", 1},
		{"/projects/xss/", 1},
		{"/regions/", 3},
		{"/regions/tonggui/", 3},
		{"/departments/", 2},
		{"/departments/fagai/", 2},
		{"/rankings/", 4},
		{"/lists/batch-1/", 2},
		{"/categories/energy/", 2},
		{"/methodology/", 0},
		{"/data/", 0},
	}
	for _, pg := range pages {
		t.Run(strings.Trim(pg.path, "/"), func(t *testing.T) {
			mu.Lock()
			problems = nil
			mu.Unlock()
			var charts []chartReport
			var xss any
			var bodyText string
			tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			err := chromedp.Run(tctx,
				log.Enable(),
				network.Enable(),
				chromedp.Navigate(base+pg.path),
				chromedp.WaitReady("body"),
				chromedp.Poll(`document.querySelectorAll('.chart-box').length === document.querySelectorAll('.chart-box[data-rendered]').length`, nil, chromedp.WithPollingTimeout(15*time.Second)),
				chromedp.Sleep(300*time.Millisecond),
				chromedp.Evaluate(inspect, &charts),
				chromedp.Evaluate(`window.__xss`, &xss),
				chromedp.Evaluate(`document.body.innerText`, &bodyText),
			)
			if err != nil {
				t.Fatalf("loading %s: %v", pg.path, err)
			}
			if xss != nil {
				t.Errorf("%s: injected script ran (window.__xss = %v)", pg.path, xss)
			}
			if len(charts) < pg.minCharts {
				t.Errorf("%s has %d charts; want at least %d", pg.path, len(charts), pg.minCharts)
			}
			for _, c := range charts {
				if !c.Rendered || !c.SVG || c.SVGWidth < 100 {
					t.Errorf("%s chart %s: rendered=%v svg=%v width=%d; want an SVG chart", pg.path, c.ID, c.Rendered, c.SVG, c.SVGWidth)
				}
				if c.WantSeries == 0 || c.GotSeries != c.WantSeries || c.GotPoints != c.WantPoints {
					t.Errorf("%s chart %s: series %d/%d, points %d/%d (live/options); want equal and non-zero", pg.path, c.ID, c.GotSeries, c.WantSeries, c.GotPoints, c.WantPoints)
				}
				if c.DrawnShapes < 3 {
					t.Errorf("%s chart %s: only %d SVG shapes drawn", pg.path, c.ID, c.DrawnShapes)
				}
				if c.TableRows == 0 {
					t.Errorf("%s chart %s has no data table rows", pg.path, c.ID)
				}
				if c.AriaLabel == "" {
					t.Errorf("%s chart %s has no aria description", pg.path, c.ID)
				}
			}
			if pg.path == "/projects/xss/" && !strings.Contains(bodyText, "</script><script>window.__xss=1</script>") {
				t.Errorf("the XSS project's name is not shown as text on its page")
			}
			mu.Lock()
			defer mu.Unlock()
			for _, p := range problems {
				t.Errorf("%s: %s", pg.path, p)
			}
		})
	}
}
