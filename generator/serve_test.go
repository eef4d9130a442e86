package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gongjian/generator/internal/browser"
	"gongjian/generator/internal/site"
	"gongjian/generator/internal/synth"
)

// copyDemo copies the repository's demo site (site.toml, content/ and the
// layouts) into a fresh directory, so that tests can edit it.
func copyDemo(tb testing.TB) string {
	tb.Helper()
	src := tb.TempDir()
	b, err := os.ReadFile("../site.toml")
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "site.toml"), b, 0o644); err != nil {
		tb.Fatal(err)
	}
	for _, d := range []string{"content", "layouts"} {
		if err := os.CopyFS(filepath.Join(src, d), os.DirFS(filepath.Join("..", d))); err != nil {
			tb.Fatal(err)
		}
	}
	return src
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type sseEvent struct{ name, data string }

// openEvents connects to the event stream; events arrive on the channel,
// which is closed when the stream ends.
func openEvents(t *testing.T, ctx context.Context, url string) <-chan sseEvent {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("GET %s: %s, %s; want 200 text/event-stream", url, resp.Status, ct)
	}
	ch := make(chan sseEvent, 64)
	go func() {
		defer close(ch)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" || ev.data != "" {
					ch <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return ch
}

// waitEvent returns the first event called name (skipping others) that
// satisfies ok, failing at the deadline.
func waitEvent(t *testing.T, ch <-chan sseEvent, name string, deadline time.Time, ok func(buildState) bool) buildState {
	t.Helper()
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	for {
		select {
		case ev, open := <-ch:
			if !open {
				t.Fatalf("event stream ended while waiting for %q", name)
			}
			if ev.name != name {
				continue
			}
			var st buildState
			if err := json.Unmarshal([]byte(ev.data), &st); err != nil {
				t.Fatalf("event %s: data %q is not JSON: %v", name, ev.data, err)
			}
			if ok == nil || ok(st) {
				return st
			}
		case <-timer.C:
			t.Fatalf("no %q event in time", name)
		}
	}
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

var completedCard = regexp.MustCompile(`累计完成投资</p>\s*<p class="card-value">([0-9.]+)<`)

// completed reads the project page's 累计完成投资 card.
func completed(t *testing.T, url string) (int, string) {
	t.Helper()
	code, body := httpGet(t, url)
	m := completedCard.FindStringSubmatch(body)
	if m == nil {
		return code, ""
	}
	return code, m[1]
}

// pollFigure waits until the page shows want.
func pollFigure(t *testing.T, url, want string, deadline time.Time) {
	t.Helper()
	var code int
	var got string
	for time.Now().Before(deadline) {
		if code, got = completed(t, url); code == 200 && got == want {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s: status %d, 累计完成投资 %q; want 200 and %q in time", url, code, got, want)
}

func getErrors(t *testing.T, url string) buildState {
	t.Helper()
	code, body := httpGet(t, url)
	var st buildState
	if err := json.Unmarshal([]byte(body), &st); code != 200 || err != nil || st.Errors == nil {
		t.Fatalf("GET %s: %d %q (%v); want 200 and {\"errors\": [...]}", url, code, body, err)
	}
	return st
}

// TestServeLiveReload edits the demo under a running server: a good edit
// reloads the tabs with the new figure, a broken one keeps the last good
// site and shows the problem, the fix recovers; stopping cleans up.
func TestServeLiveReload(t *testing.T) {
	src := copyDemo(t)
	report := filepath.Join(src, "content", "reports", "2023-09-30.toml")
	orig, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	const line = "completed = 5.59\n" // [projects.hongdunzi-coal], line 46
	if !bytes.Contains(orig, []byte("[projects.hongdunzi-coal]\n"+line)) {
		t.Fatalf("the demo report changed; this test expects [projects.hongdunzi-coal] with %q", line)
	}
	edit := func(repl string) {
		t.Helper()
		b := bytes.Replace(orig, []byte(line), []byte(repl), 1)
		if err := os.WriteFile(report, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	ready := make(chan serveInfo, 1)
	done := make(chan error, 1)
	opts := site.Options{Source: src, Layouts: filepath.Join(src, "layouts"), Out: filepath.Join(src, "public"), BaseURL: "/preview/pr-12/"}
	go func() { done <- serve(ctx, opts, "127.0.0.1:0", ready, &stdout, &stderr) }()
	var info serveInfo
	select {
	case info = <-ready:
	case err := <-done:
		t.Fatalf("serve returned %v before serving\n%s%s", err, stdout.String(), stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not start in time")
	}
	if !strings.HasSuffix(info.URL, "/preview/pr-12/") || !strings.Contains(stdout.String(), "generator: serving "+info.URL+" (Ctrl-C to stop)") {
		t.Fatalf("serving %q, said %q; want the base path and the address on the terminal", info.URL, stdout.String())
	}
	origin := strings.TrimSuffix(info.URL, "/preview/pr-12/")
	page := info.URL + "projects/hongdunzi-coal/"

	// The site is served under the base path; / leads there.
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(origin + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || loc != "/preview/pr-12/" {
		t.Errorf("GET /: %s to %q; want 302 to /preview/pr-12/", resp.Status, loc)
	}
	if code, _ := httpGet(t, origin+"/projects/hongdunzi-coal/"); code != 404 {
		t.Errorf("GET outside the base path: %d; want 404", code)
	}
	if code, body := httpGet(t, info.URL+"no/such/page/"); code != 404 || !strings.Contains(body, "data-gongjian-serve") {
		t.Errorf("GET a missing page: %d; want 404 with the site's 404 page and the reload script", code)
	}
	if code, body := httpGet(t, info.URL+"assets/site.css"); code != 200 || strings.Contains(body, "gongjian serve") {
		t.Errorf("GET a stylesheet: %d, script injected %v; want 200 and the file as built", code, strings.Contains(body, "gongjian serve"))
	}

	code, body := httpGet(t, page)
	if code != 200 || !strings.Contains(body, "5.59") || !strings.Contains(body, "data-gongjian-serve") {
		t.Fatalf("GET %s: %d; want 200 with 5.59 and the reload script", page, code)
	}
	if i, j := strings.Index(body, "data-gongjian-serve"), strings.LastIndex(body, "</body>"); i < 0 || j < i {
		t.Errorf("the reload script is not before </body>")
	}

	events := openEvents(t, ctx, origin+eventsPath)
	hello := waitEvent(t, events, "hello", time.Now().Add(2*time.Second), nil)
	if hello.Build == "" || !strings.Contains(body, fmt.Sprintf("var built = %q", hello.Build)) {
		t.Errorf("hello says build %q; the page should carry the same id", hello.Build)
	}
	waitEvent(t, events, "errors", time.Now().Add(2*time.Second), func(st buildState) bool { return len(st.Errors) == 0 })

	// A good edit: the tabs reload and the new figure is served.
	start := time.Now()
	edit("completed = 5.77\n")
	deadline := start.Add(2 * time.Second)
	reload := waitEvent(t, events, "reload", deadline, nil)
	if reload.Build == hello.Build {
		t.Errorf("reload names build %q, the same as before", reload.Build)
	}
	pollFigure(t, page, "5.77", deadline)
	t.Logf("edit to new page: %v", time.Since(start).Round(time.Millisecond))

	// A broken edit: the problem is printed, sent and listed; the last good
	// site is still served.
	edit("completed = 5.99 <oops>\n")
	wantErr := "content/reports/2023-09-30.toml:46: "
	st := waitEvent(t, events, "errors", time.Now().Add(2*time.Second), func(st buildState) bool { return len(st.Errors) > 0 })
	if len(st.Errors) != 1 || !strings.HasPrefix(st.Errors[0].Text, wantErr) || st.Errors[0].Line != 46 || !strings.Contains(st.Errors[0].Text, "'<'") {
		t.Errorf("errors event = %+v; want one error %q… (with the '<' as sent)", st.Errors, wantErr)
	}
	if st := getErrors(t, origin+errorsPath); len(st.Errors) != 1 || !strings.HasPrefix(st.Errors[0].Text, wantErr) {
		t.Errorf("%s = %+v; want the error %q…", errorsPath, st.Errors, wantErr)
	}
	if code, got := completed(t, page); code != 200 || got != "5.77" {
		t.Errorf("after a broken edit: %d, %q; want the last good page (200, 5.77)", code, got)
	}
	if !strings.Contains(stderr.String(), wantErr) {
		t.Errorf("the terminal lacks %q:\n%s", wantErr, stderr.String())
	}
	// A tab opened now learns about the problem at once.
	late, stopLate := context.WithCancel(ctx)
	lateEvents := openEvents(t, late, origin+eventsPath)
	if st := waitEvent(t, lateEvents, "errors", time.Now().Add(2*time.Second), nil); len(st.Errors) != 1 {
		t.Errorf("a new tab got errors %+v; want the current problem", st.Errors)
	}
	stopLate()

	// The fix: the overlay goes, the tabs reload with the new figure.
	edit("completed = 6.01\n")
	deadline = time.Now().Add(2 * time.Second)
	waitEvent(t, events, "errors", deadline, func(st buildState) bool { return len(st.Errors) == 0 })
	waitEvent(t, events, "reload", deadline, nil)
	pollFigure(t, page, "6.01", deadline)
	if st := getErrors(t, origin+errorsPath); len(st.Errors) != 0 {
		t.Errorf("after the fix %s = %+v; want none", errorsPath, st.Errors)
	}

	// Serving writes nothing: not the output directory, nor anywhere in
	// the source.
	if _, err := os.Stat(opts.Out); !os.IsNotExist(err) {
		t.Errorf("serve touched the output directory %s (%v)", opts.Out, err)
	}

	// Ctrl-C: runServe returns nil, the event stream ends.
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after cancel; want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop in time")
	}
	for range events { // drains, then ends
	}
	if !strings.Contains(stdout.String(), "generator: rebuilt in ") {
		t.Errorf("no rebuild time on the terminal:\n%s", stdout.String())
	}
	t.Logf("terminal:\n%s%s", stdout.String(), stderr.String())
}

// TestServeFailedFirstBuild: with a broken site the server still starts,
// shows the problems, and serves the site once it is fixed.
func TestServeFailedFirstBuild(t *testing.T) {
	src := copyDemo(t)
	siteToml := filepath.Join(src, "site.toml")
	good, err := os.ReadFile(siteToml)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(siteToml, append([]byte("title = \n"), good...), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	ready := make(chan serveInfo, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, site.Options{Source: src, Layouts: filepath.Join(src, "layouts")}, "127.0.0.1:0", ready, &stdout, &stderr)
	}()
	info := <-ready
	if code, body := httpGet(t, info.URL); code != 503 || !strings.Contains(body, "data-gongjian-serve") {
		t.Errorf("GET before any good build: %d; want 503 with the reload script", code)
	}
	if st := getErrors(t, info.URL+strings.TrimPrefix(errorsPath, "/")); len(st.Errors) == 0 || !strings.HasPrefix(st.Errors[0].Text, "site.toml:1: ") {
		t.Errorf("errors = %+v; want site.toml:1: …", st.Errors)
	}
	events := openEvents(t, ctx, info.URL+strings.TrimPrefix(eventsPath, "/"))
	if err := os.WriteFile(siteToml, good, 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Second)
	waitEvent(t, events, "reload", deadline, nil)
	pollFigure(t, info.URL+"projects/hongdunzi-coal/", "5.59", deadline)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve returned %v; want nil", err)
	}
}

// TestServeLayoutExecutionError: a layout mistake that only rendering
// shows (the pages load, a field does not exist) is found by the check
// that renders every page after a rebuild: printed, sent to the tabs, and
// the page answers with the problem; the fix clears it.
func TestServeLayoutExecutionError(t *testing.T) {
	src := copyDemo(t)
	layout := filepath.Join(src, "layouts", "project.html")
	good, err := os.ReadFile(layout)
	if err != nil {
		t.Fatal(err)
	}
	info, out := startServe(t, site.Options{Source: src, Layouts: filepath.Join(src, "layouts")})
	origin := strings.TrimSuffix(info.URL, "/")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := openEvents(t, ctx, origin+eventsPath)
	waitEvent(t, events, "hello", time.Now().Add(2*time.Second), nil)

	bad := bytes.Replace(good, []byte("<h1>{{$d.Name}}</h1>"), []byte("<h1>{{$d.Name}}{{.NoSuchField}}</h1>"), 1)
	if bytes.Equal(bad, good) {
		t.Fatal("layouts/project.html changed; this test edits its <h1>")
	}
	if err := os.WriteFile(layout, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	want := "layouts/project.html:5: "
	st := waitEvent(t, events, "errors", deadline, func(st buildState) bool { return len(st.Errors) > 0 })
	if len(st.Errors) != 1 || !strings.HasPrefix(st.Errors[0].Text, want) || !strings.Contains(st.Errors[0].Text, "NoSuchField") {
		t.Errorf("errors = %+v; want one %q… naming NoSuchField", st.Errors, want)
	}
	if code, body := httpGet(t, info.URL+"projects/hongdunzi-coal/"); code != 500 || !strings.Contains(body, want) || !strings.Contains(body, "data-gongjian-serve") {
		t.Errorf("GET the broken page: %d; want 500 naming %q, with the reload script:\n%s", code, want, body)
	}
	if code, _ := httpGet(t, info.URL+"regions/"); code != 200 {
		t.Errorf("GET another page: %d; want 200", code)
	}

	if err := os.WriteFile(layout, good, 0o644); err != nil {
		t.Fatal(err)
	}
	deadline = time.Now().Add(5 * time.Second)
	waitEvent(t, events, "errors", deadline, func(st buildState) bool { return len(st.Errors) == 0 })
	if code, _ := httpGet(t, info.URL+"projects/hongdunzi-coal/"); code != 200 {
		t.Errorf("after the fix: %d; want 200", code)
	}
	time.Sleep(200 * time.Millisecond) // the check of the fixed build
	if !strings.Contains(out.String(), "found 1 problem") || !strings.Contains(out.String(), "rendered every page in") {
		t.Errorf("the terminal does not tell the check's results:\n%s", out.String())
	}
}

func TestServeInjectReload(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<html><body><p>x</p></body></html>", "<html><body><p>x</p>SCRIPT</body></html>"},
		{"<p>\"</body>\"</p>\n</BODY>\n</html>", "<p>\"</body>\"</p>\nSCRIPT</BODY>\n</html>"},
		{"<p>no body end</p>", "<p>no body end</p>SCRIPT"},
		{"", "SCRIPT"},
	} {
		script := fmt.Sprintf(reloadScript, `"b1"`)
		got := strings.Replace(string(injectReload([]byte(tc.in), "b1")), script, "SCRIPT", 1)
		if got != tc.want {
			t.Errorf("injectReload(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
	if s := string(injectReload(nil, `</script><script>alert(1)</script>`)); strings.Count(s, "</script>") != 1 {
		t.Errorf("a build id can break out of the script: %s", s)
	}
}

func TestServeIgnoredFiles(t *testing.T) {
	for name, want := range map[string]bool{
		".2023-09-30.toml.swp": true, "x.toml~": true, ".#x.toml": true, "#x.toml#": true, "4913": true,
		"2023-09-30.toml": false, "x.md": false, "site.toml": false, "4914": false,
	} {
		if got := ignoredFile(name); got != want {
			t.Errorf("ignoredFile(%q) = %v; want %v", name, got, want)
		}
	}
	for base, want := range map[string]string{"": "/", "/": "/", "/preview/pr-12/": "/preview/pr-12/", "https://h/preview/pr-12": "/preview/pr-12/", "https://h": "/", "docs": "/docs/"} {
		if got, err := basePath(base); err != nil || got != want {
			t.Errorf("basePath(%q) = %q, %v; want %q", base, got, err, want)
		}
	}
}

// TestServeWatchesNewDirectories: a directory created under content/ is
// watched, and so are the files then created in it; editor droppings and
// files outside the site are not changes.
func TestServeWatchesNewDirectories(t *testing.T) {
	src := t.TempDir()
	for _, d := range []string{"content/projects", "layouts", "public"} {
		if err := os.MkdirAll(filepath.Join(src, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	sw, err := newSiteWatcher(src, filepath.Join(src, "layouts"))
	if err != nil {
		t.Fatal(err)
	}
	defer sw.close()
	// next returns the next change the watcher reports, skipping repeats
	// (a new file is a Create and a Write).
	last := ""
	next := func() string {
		t.Helper()
		timeout := time.After(2 * time.Second)
		for {
			select {
			case ev := <-sw.w.Events:
				rel, ok, err := sw.handle(ev)
				if err != nil {
					t.Fatal(err)
				}
				if ok && rel != last {
					last = rel
					return rel
				}
			case err := <-sw.w.Errors:
				t.Fatal(err)
			case <-timeout:
				t.Fatal("no change reported in time")
			}
		}
	}
	write := func(rel string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(src, rel), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("public/index.html")            // not a source
	write("content/projects/.x.toml.swp") // editor swap file
	write("content/projects/x.toml~")     // editor backup
	if err := os.Mkdir(filepath.Join(src, "content/new"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := next(); got != "content/new" {
		t.Fatalf("first change %q; want content/new (the others are not changes)", got)
	}
	if err := os.Mkdir(filepath.Join(src, "content/new/deeper"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := next(); got != "content/new/deeper" {
		t.Fatalf("change %q; want content/new/deeper", got)
	}
	write("content/new/deeper/p.toml")
	if got := next(); got != "content/new/deeper/p.toml" {
		t.Fatalf("change %q; want content/new/deeper/p.toml", got)
	}
	write("site.toml")
	if got := next(); got != "site.toml" {
		t.Fatalf("change %q; want site.toml", got)
	}
	// Chmod alone is no change.
	if err := os.Chmod(filepath.Join(src, "site.toml"), 0o600); err != nil {
		t.Fatal(err)
	}
	write("layouts/base.html")
	if got := next(); got != "layouts/base.html" {
		t.Fatalf("change %q; want layouts/base.html", got)
	}
}

// BenchmarkRebuildOneProjectEdit measures what a save costs under serve
// on the demo: one project file changes, the site is loaded again
// (site.Prepare, as serve's rebuild does) and the edited project's page,
// the one the reloaded tab asks for, is rendered.
func BenchmarkRebuildOneProjectEdit(b *testing.B) {
	benchRebuild(b, copyDemo(b), "hongdunzi-coal")
}

// BenchmarkRebuild10k is the same on a synthetic campaign of 10,000
// projects, 100 regions and 40 departments (written once into $TMPDIR).
func BenchmarkRebuild10k(b *testing.B) {
	dir := filepath.Join(os.TempDir(), "gongjian-bench-serve-10000")
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err != nil {
		if err := synth.Write(dir, synth.Options{Projects: 10000, Regions: 100, Departments: 40, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	benchRebuild(b, dir, "p005000")
}

func benchRebuild(b *testing.B, src, project string) {
	proj := filepath.Join(src, "content", "projects", project+".toml")
	orig, err := os.ReadFile(proj)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(proj, orig, 0o644)
	opts := site.Options{Source: src, Layouts: filepath.Join("..", "layouts")}
	i := 0
	var pages int
	for b.Loop() {
		i++
		if err := os.WriteFile(proj, fmt.Appendf(bytes.Clone(orig), "# edit %d\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		live, err := site.Prepare(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		if _, ok, err := live.File("projects/" + project + "/index.html"); !ok || err != nil {
			b.Fatalf("the edited page: %v, %v", ok, err)
		}
		pages = live.Pages()
	}
	b.ReportMetric(float64(pages), "pages")
}

// startServe runs serve on a free port until the test ends.
func startServe(t *testing.T, opts site.Options) (serveInfo, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	ready := make(chan serveInfo, 1)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, opts, "127.0.0.1:0", ready, &out, &out) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	select {
	case info := <-ready:
		return info, &out
	case err := <-done:
		t.Fatalf("serve returned %v before serving\n%s", err, out.String())
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not start in time")
	}
	return serveInfo{}, nil
}

// TestServeBrowserReloadAndOverlay runs the injected script in Chromium:
// an edit reloads the tab; a broken edit shows the problems in the overlay
// as text (a problem quoting markup does not run it); the fix removes the
// overlay and reloads.
func TestServeBrowserReloadAndOverlay(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	if _, err := browser.Find(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	src := copyDemo(t)
	info, out := startServe(t, site.Options{Source: src, Layouts: filepath.Join(src, "layouts")})
	bctx, cancel, err := browser.Start(context.Background())
	if err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	defer cancel()
	bctx, cancelT := context.WithTimeout(bctx, 30*time.Second)
	defer cancelT()

	// state is what the tab shows; marker survives until the tab reloads.
	type state struct {
		Marker  bool    `json:"marker"`
		Figure  string  `json:"figure"`
		Overlay *string `json:"overlay"`
		XSS     bool    `json:"xss"`
	}
	const inspect = `(() => {
		const card = [...document.querySelectorAll('.card-label')].find(e => e.textContent === '累计完成投资');
		const box = document.getElementById('__gongjian_errors');
		return {marker: window.__marker === 1, figure: card ? card.nextElementSibling.firstChild.textContent : '',
			overlay: box ? box.textContent : null, xss: window.__xss !== undefined};
	})()`
	// waitFor polls the tab (which may be reloading) until ok.
	waitFor := func(what string, ok func(state) bool) state {
		t.Helper()
		start := time.Now()
		defer func() { t.Logf("%s: %v", what, time.Since(start).Round(time.Millisecond)) }()
		deadline := time.Now().Add(10 * time.Second)
		var st state
		var err error
		for time.Now().Before(deadline) {
			if err = chromedp.Run(bctx, chromedp.Evaluate(inspect, &st)); err == nil && ok(st) {
				return st
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("the tab never showed %s: last %+v, %v\n%s", what, st, err, out.String())
		return st
	}
	page := info.URL + "projects/hongdunzi-coal/"
	if err := chromedp.Run(bctx, chromedp.Navigate(page), chromedp.Evaluate(`window.__marker = 1`, nil)); err != nil {
		t.Fatal(err)
	}
	waitFor("the first figure", func(st state) bool { return st.Marker && st.Figure == "5.59" && st.Overlay == nil })

	report := filepath.Join(src, "content", "reports", "2023-09-30.toml")
	rep, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	writeFile := func(name string, b []byte) {
		t.Helper()
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(report, bytes.Replace(rep, []byte("completed = 5.59\n"), []byte("completed = 5.77\n"), 1))
	waitFor("a reload with the new figure", func(st state) bool { return !st.Marker && st.Figure == "5.77" })
	if err := chromedp.Run(bctx, chromedp.Evaluate(`window.__marker = 1`, nil)); err != nil {
		t.Fatal(err)
	}

	proj := filepath.Join(src, "content", "projects", "hongdunzi-coal.toml")
	pb, err := os.ReadFile(proj)
	if err != nil {
		t.Fatal(err)
	}
	const evil = `<img src=x onerror=window.__xss=1>`
	writeFile(proj, bytes.Replace(pb, []byte(`region = "yueyahu"`), fmt.Appendf(nil, "region = %q", evil), 1))
	st := waitFor("the overlay", func(st state) bool { return st.Overlay != nil })
	if !st.Marker || st.Figure != "5.77" || st.XSS || !strings.Contains(*st.Overlay, "content/projects/hongdunzi-coal.toml:2: ") || !strings.Contains(*st.Overlay, evil) {
		t.Errorf("with a broken edit the tab shows %+v, overlay %q; want the same page, the problem as text, no script run", st, *st.Overlay)
	}

	writeFile(proj, pb)
	waitFor("a reload without the overlay", func(st state) bool { return !st.Marker && st.Overlay == nil && st.Figure == "5.77" })
}
