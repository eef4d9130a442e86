package devserver

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"gongjian/generator/internal/browser"
)

// tab is what the page shows; marker survives until the tab reloads.
type tab struct {
	Marker  bool    `json:"marker"`
	Value   string  `json:"value"`
	Overlay *string `json:"overlay"`
	Shown   bool    `json:"shown"`
	XSS     bool    `json:"xss"`
	Lost    bool    `json:"lost"`
	Body    string  `json:"body"`
}

const inspectTab = `(() => {
	const v = document.getElementById('v');
	const box = document.getElementById('__gongjian_errors');
	return {marker: window.__marker === 1, value: v ? v.textContent : '',
		overlay: box ? box.textContent : null, shown: !!box && box.style.display !== 'none',
		xss: window.__xss !== undefined, lost: !!document.getElementById('__gongjian_disconnected'),
		body: document.body ? document.body.innerText : ''};
})()`

// TestBrowserReloadAndOverlay runs live.js in Chromium: a first failed
// load shows the problems over the placeholder page, the fix reloads; an
// edit reloads; a broken edit shows the problems over the page as text (a
// problem quoting markup does not run it) and the fix removes them and
// reloads; the check's problems show too; a stopped server is said.
func TestBrowserReloadAndOverlay(t *testing.T) {
	dir := t.TempDir()
	value := filepath.Join(dir, "value.txt")
	writeFile(t, value, "bad: site.toml 缺少 title")
	d := &dirLoader{dir: dir}
	r := start(t, Config{BasePath: "/preview/pr-12/", Watch: []string{dir}, Load: d.load, Labels: LabelsFor("zh-Hans"), Debounce: 20 * time.Millisecond})

	bctx, cancel, err := browser.Start(context.Background())
	if err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	defer cancel()
	bctx, cancelT := context.WithTimeout(bctx, 60*time.Second)
	defer cancelT()
	var mu sync.Mutex
	var jsErrors []string
	chromedp.ListenTarget(bctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			jsErrors = append(jsErrors, ev.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError {
				jsErrors = append(jsErrors, "console.error")
			}
		}
	})

	waitFor := func(what string, ok func(tab) bool) tab {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		var st tab
		var err error
		for time.Now().Before(deadline) {
			if err = chromedp.Run(bctx, chromedp.Evaluate(inspectTab, &st)); err == nil && ok(st) {
				return st
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("the tab never showed %s: last %+v, %v\n%s", what, st, err, r.out.String())
		return st
	}
	mark := func() {
		t.Helper()
		if err := chromedp.Run(bctx, chromedp.Evaluate(`window.__marker = 1`, nil)); err != nil {
			t.Fatal(err)
		}
	}
	overlay := func(st tab) string {
		if st.Overlay == nil {
			return ""
		}
		return *st.Overlay
	}

	// Before any good load: the placeholder and the problems over it.
	if err := chromedp.Run(bctx, chromedp.Navigate(r.url+"projects/x/")); err != nil {
		t.Fatal(err)
	}
	st := waitFor("the first problems", func(st tab) bool { return st.Overlay != nil })
	if want := "value.txt:1: site.toml 缺少 title"; !strings.Contains(overlay(st), "1 个问题：仍在显示上一次成功构建的站点") || !strings.Contains(overlay(st), want) || !strings.Contains(st.Body, "站点尚未构建成功") {
		t.Errorf("before a good load the tab shows %q over %q; want the Chinese title, %q and the explanation", overlay(st), st.Body, want)
	}
	if err := chromedp.Run(bctx, chromedp.Navigate(r.url)); err != nil {
		t.Fatal(err)
	}
	mark()
	writeFile(t, value, "one")
	waitFor("the site after the fix", func(st tab) bool { return !st.Marker && st.Value == "one" && st.Overlay == nil })
	mark()

	// An edit.
	writeFile(t, value, "two")
	waitFor("a reload with the new page", func(st tab) bool { return !st.Marker && st.Value == "two" })
	mark()

	// A broken edit: the same page, the problem as text.
	const evil = `<img src=x onerror=window.__xss=1>`
	writeFile(t, value, "bad: "+evil)
	st = waitFor("the overlay", func(st tab) bool { return st.Overlay != nil && st.Shown })
	if !st.Marker || st.Value != "two" || st.XSS || !strings.Contains(overlay(st), "value.txt:1: "+evil) {
		t.Errorf("after a broken edit the tab shows %+v, overlay %q; want the same page, the problem as text, no script run", st, overlay(st))
	}
	if err := chromedp.Run(bctx, chromedp.Click(`#__gongjian_errors button`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	waitFor("the overlay hidden", func(st tab) bool { return st.Overlay != nil && !st.Shown })

	// The fix.
	writeFile(t, value, "three")
	waitFor("a reload without the overlay", func(st tab) bool { return !st.Marker && st.Overlay == nil && st.Value == "three" })
	mark()

	// A mistake the check finds: a reload, then the list.
	writeFile(t, value, "four\nrender: 模板引用了不存在的字段 Foo")
	st = waitFor("the check's problems", func(st tab) bool { return !st.Marker && st.Value != "" && st.Overlay != nil })
	if want := "生成全部页面时发现 1 个问题"; !strings.Contains(overlay(st), want) || !strings.Contains(overlay(st), "value.txt:2: 模板引用了不存在的字段 Foo") {
		t.Errorf("the check's overlay %q; want %q and the problem", overlay(st), want)
	}

	// The server stops: the tab says so.
	if err := r.stop(); err != nil {
		t.Errorf("Run = %v", err)
	}
	st = waitFor("the server gone", func(st tab) bool { return st.Lost })
	if !strings.Contains(st.Body, "预览服务器没有响应") {
		t.Errorf("with the server stopped the tab shows %q; want the Chinese note", st.Body)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(jsErrors) > 0 {
		t.Errorf("JavaScript errors: %q", jsErrors)
	}
}
