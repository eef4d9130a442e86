package devserver

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestRunLiveReload edits a file under a running server: a good edit
// reloads the tabs with the new page, a broken one keeps the last good
// site and shows the problem, the fix recovers, a mistake only the check
// finds shows too, and stopping ends the streams.
func TestRunLiveReload(t *testing.T) {
	dir := t.TempDir()
	value := filepath.Join(dir, "value.txt")
	writeFile(t, value, "one")
	d := &dirLoader{dir: dir}
	r := start(t, Config{BasePath: "/preview/pr-12/", Watch: []string{value}, Load: d.load, Debounce: 20 * time.Millisecond})
	if want := "/preview/pr-12/"; !strings.HasSuffix(r.url, want) || !strings.HasPrefix(r.url, "http://127.0.0.1:") {
		t.Errorf("ready(%q); want http://127.0.0.1:port%s", r.url, want)
	}
	if want := "generator: serving " + r.url + " (Ctrl-C to stop)\n"; !strings.Contains(r.out.String(), want) {
		t.Errorf("terminal %q; want it to contain %q", r.out.String(), want)
	}

	resp, body := get(t, "GET", r.url, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, ">one<") {
		t.Fatalf("GET %s = %d %q; want 200 and the page", r.url, resp.StatusCode, body)
	}
	events := openEvents(t, t.Context(), http.DefaultClient, r.origin+eventsPath)
	hello := waitEvent(t, events, "hello", nil)
	if want := scriptTag(hello.Build) + "</body>"; hello.Build == "" || !strings.Contains(body, want) {
		t.Errorf("page %q; want %q (the hello's build) before </body>", body, want)
	}
	waitEvent(t, events, "errors", noErrors)

	// A good edit.
	writeFile(t, value, "two")
	reload := waitEvent(t, events, "reload", nil)
	if reload.Build == hello.Build {
		t.Errorf("reload build %q; want a new one", reload.Build)
	}
	if _, body := get(t, "GET", r.url, nil); !strings.Contains(body, ">two<") || !strings.Contains(body, reload.Build) {
		t.Errorf("after the edit GET = %q; want two, build %s", body, reload.Build)
	}

	// A broken edit.
	writeFile(t, value, "bad: <b>oops</b>")
	st := waitEvent(t, events, "errors", hasErrors)
	if got, want := strings.Join(texts(st), "\n"), "value.txt:1: <b>oops</b>"; got != want || st.Kind != "load" || st.Build != reload.Build {
		t.Errorf("errors event = %s; want %q from the load, build %s", sprintState(st), want, reload.Build)
	}
	if want := "1 problem: the last good build is still served"; !strings.HasPrefix(st.Title, want) {
		t.Errorf("title %q; want %q…", st.Title, want)
	}
	if got := errorsState(t, r.origin); strings.Join(texts(got), "\n") != "value.txt:1: <b>oops</b>" {
		t.Errorf("GET %s = %s; want the problem", errorsPath, sprintState(got))
	}
	if resp, body := get(t, "GET", r.url, nil); resp.StatusCode != 200 || !strings.Contains(body, ">two<") {
		t.Errorf("after a broken edit GET = %d %q; want the last good page", resp.StatusCode, body)
	}
	for _, want := range []string{"\nvalue.txt:1: <b>oops</b>\n", "generator: error: rebuild failed in "} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("terminal %q; want %q", r.out.String(), want)
		}
	}
	late := openEvents(t, t.Context(), http.DefaultClient, r.origin+eventsPath)
	if st := waitEvent(t, late, "errors", nil); len(st.Errors) != 1 {
		t.Errorf("a new stream starts with %s; want the problem", sprintState(st))
	}

	// The fix.
	writeFile(t, value, "three")
	waitEvent(t, events, "errors", noErrors)
	fixed := waitEvent(t, events, "reload", nil)
	if _, body := get(t, "GET", r.url, nil); !strings.Contains(body, ">three<") || !strings.Contains(body, fixed.Build) {
		t.Errorf("after the fix GET = %q; want three, build %s", body, fixed.Build)
	}

	// A mistake only rendering shows: served, and listed.
	writeFile(t, value, "four\nrender: no field X")
	waitEvent(t, events, "reload", nil)
	st = waitEvent(t, events, "errors", hasErrors)
	if got, want := strings.Join(texts(st), "\n"), "value.txt:2: no field X"; got != want || st.Kind != "check" || st.Title != "1 problem found by rendering every page" {
		t.Errorf("errors event = %s; want %q found by the check", sprintState(st), want)
	}

	if err := r.stop(); err != nil {
		t.Errorf("Run = %v after cancel; want nil", err)
	}
	for range events { // ends
	}
	out := r.out.String()
	for _, want := range []string{"generator: loaded 3 pages in ", "generator: rebuilt in ", "(3 pages; changed: value.txt)", "generator: rendered every page in ", "generator: error: rendering every page took "} {
		if !strings.Contains(out, want) {
			t.Errorf("terminal lacks %q:\n%s", want, out)
		}
	}
}

// TestRunFailedFirstLoad: the server starts anyway, lists the problems
// and serves the site once they are fixed.
func TestRunFailedFirstLoad(t *testing.T) {
	for _, tc := range []struct {
		name  string
		value string // "" for no file
		want  string // the problem's text
	}{
		{"problem", "ok\nbad: plan must be ≥ 0", "value.txt:2: plan must be ≥ 0"},
		{"error", "", "open "},
		{"panic", "crash", "internal error: loader crashed (this is a bug in the generator; the terminal shows where)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			value := filepath.Join(dir, "value.txt")
			if tc.value != "" {
				writeFile(t, value, tc.value)
			}
			d := &dirLoader{dir: dir}
			r := start(t, Config{Watch: []string{dir}, Load: d.load, Debounce: 20 * time.Millisecond})
			resp, body := get(t, "GET", r.url+"any/page/", nil)
			if resp.StatusCode != 503 || !strings.Contains(body, "not been built yet") || !strings.Contains(body, scriptTag("")) {
				t.Errorf("GET before a good load = %d %q; want 503, the explanation and the script", resp.StatusCode, body)
			}
			st := errorsState(t, r.origin)
			if got := strings.Join(texts(st), "\n"); !strings.HasPrefix(got, tc.want) || st.Build != "" {
				t.Errorf("errors = %s; want %q…", sprintState(st), tc.want)
			}
			if want := "generator: error: build failed in "; !strings.Contains(r.out.String(), want) {
				t.Errorf("terminal %q; want %q", r.out.String(), want)
			}
			events := openEvents(t, t.Context(), http.DefaultClient, r.origin+eventsPath)
			waitEvent(t, events, "hello", func(st state) bool { return st.Build == "" })
			writeFile(t, value, "good")
			waitEvent(t, events, "reload", nil)
			if resp, body := get(t, "GET", r.url, nil); resp.StatusCode != 200 || !strings.Contains(body, ">good<") {
				t.Errorf("after the fix GET = %d %q; want the page", resp.StatusCode, body)
			}
		})
	}
}

// TestRunFailingLoadKeepsSite: whatever way a rebuild fails, the last good
// site stays and the problem is listed; the fix clears it.
func TestRunFailingLoadKeepsSite(t *testing.T) {
	for _, tc := range []struct {
		name    string
		breakIt func(value string)
		want    string
	}{
		{"problem", func(v string) { os.WriteFile(v, []byte("x\ny\nbad: unknown key"), 0o644) }, "value.txt:3: unknown key"},
		{"error", func(v string) { os.Remove(v) }, "open "},
		{"panic", func(v string) { os.WriteFile(v, []byte("crash"), 0o644) }, "internal error: loader crashed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			value := filepath.Join(dir, "value.txt")
			writeFile(t, value, "good")
			d := &dirLoader{dir: dir}
			r := start(t, Config{Watch: []string{dir}, Load: d.load, Debounce: 20 * time.Millisecond})
			events := openEvents(t, t.Context(), http.DefaultClient, r.origin+eventsPath)
			hello := waitEvent(t, events, "hello", nil)
			tc.breakIt(value)
			st := waitEvent(t, events, "errors", hasErrors)
			if got := strings.Join(texts(st), "\n"); !strings.HasPrefix(got, tc.want) || st.Build != hello.Build {
				t.Errorf("errors = %s; want %q… for build %s", sprintState(st), tc.want, hello.Build)
			}
			if resp, body := get(t, "GET", r.url, nil); resp.StatusCode != 200 || !strings.Contains(body, ">good<") || !strings.Contains(body, hello.Build) {
				t.Errorf("GET = %d %q; want the last good page", resp.StatusCode, body)
			}
			writeFile(t, value, "fixed")
			waitEvent(t, events, "errors", noErrors)
			waitEvent(t, events, "reload", nil)
			if _, body := get(t, "GET", r.url, nil); !strings.Contains(body, ">fixed<") {
				t.Errorf("after the fix GET = %q; want the new page", body)
			}
		})
	}
}

// TestLoopDebounce: a burst of changes is one rebuild, after the quiet
// time that follows the last change. The quiet time is the test's to end,
// so nothing depends on how fast the machine is.
func TestLoopDebounce(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "value.txt"), "one")
	d := &dirLoader{dir: dir, sites: make(chan *fakeSite, 4)}
	var out syncBuffer
	s, err := newServer(Config{Load: d.load, Stdout: &out, Stderr: &out, Debounce: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	afters := make(chan chan time.Time)
	s.after = func(d time.Duration) <-chan time.Time {
		if d != time.Hour {
			t.Errorf("quiet time %v; want Config.Debounce", d)
		}
		c := make(chan time.Time, 1)
		afters <- c
		return c
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.rebuild(ctx, nil)
	<-d.sites
	changes := make(chan string)
	looped := make(chan error)
	go func() { looped <- s.loop(ctx, changes, nil) }()

	names := []string{"content/a.toml", "content/b.toml", "content/a.toml", "layouts/x.html", "site.toml", "content/c.toml"}
	var quiet chan time.Time
	for _, n := range names {
		changes <- n
		quiet = <-afters // each change starts the quiet time again
	}
	if got := d.loads.Load(); got != 1 {
		t.Errorf("%d loads before the quiet time ended; want 1 (the first)", got)
	}
	quiet <- time.Now()
	<-d.sites
	if got := d.loads.Load(); got != 2 {
		t.Errorf("%d loads after a burst of %d changes; want 2 (the first and one rebuild)", got, len(names))
	}
	// The loop takes the next change once the rebuild is done.
	changes <- "content/d.toml"
	<-afters
	want := "(3 pages; changed: content/a.toml, content/b.toml, layouts/x.html and 2 more)"
	cancel()
	if err := <-looped; err != nil {
		t.Errorf("loop = %v; want nil", err)
	}
	s.stopCheck()
	if !strings.Contains(out.String(), want) {
		t.Errorf("terminal %q; want %q", out.String(), want)
	}
}

// TestRunShutdown: cancelling ends every event stream and leaves no
// goroutine behind, however many tabs were open.
func TestRunShutdown(t *testing.T) {
	const clients = 50
	transport := &http.Transport{MaxConnsPerHost: 0}
	client := &http.Client{Transport: transport}
	before := runtime.NumGoroutine()

	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "value.txt"), "one")
	d := &dirLoader{dir: dir}
	r := start(t, Config{Watch: []string{dir}, Load: d.load})
	var streams []<-chan sseEvent
	for range clients {
		ev := openEvents(t, context.Background(), client, r.origin+eventsPath)
		waitEvent(t, ev, "hello", nil)
		streams = append(streams, ev)
	}
	if resp, _ := get(t, "GET", r.url, nil); resp.StatusCode != 200 {
		t.Fatalf("GET = %d; want 200", resp.StatusCode)
	}
	if err := r.stop(); err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}
	for i, ev := range streams {
		for e := range ev {
			if e.name != "errors" && e.name != "comment" {
				t.Errorf("stream %d: event %q after shutdown", i, e.name)
			}
		}
	}
	transport.CloseIdleConnections()
	http.DefaultClient.CloseIdleConnections()

	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		t.Errorf("%d goroutines after Run returned; want at most %d as before:\n%s", n, before, buf)
	}
}

// TestRunErrors: what keeps the server from starting is an error.
func TestRunErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	load := func(context.Context) (Site, []Problem, error) { return newFakeSite("x"), nil, nil }
	for _, tc := range []struct {
		name string
		c    Config
		want string
	}{
		{"no loader", Config{}, "devserver: Config.Load is nil"},
		{"base path", Config{Load: load, BasePath: "/a?b"}, `base path "/a?b": expected a plain path such as /preview/pr-12/`},
		{"reserved base path", Config{Load: load, BasePath: "/__gongjian/x/"}, `base path "/__gongjian/x/": /__gongjian/ is the server's own`},
		{"busy port", Config{Load: load, Addr: busy.Addr().String()}, "listening on " + busy.Addr().String() + ": "},
		{"watch", Config{Load: load, Watch: []string{filepath.Join(t.TempDir(), "no", "such", "dir")}}, "watching "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			called := false
			err := Run(ctx, tc.c, func(string) { called = true })
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) || called {
				t.Errorf("Run(%s) = %v, ready called %v; want %q… and no ready", tc.name, err, called, tc.want)
			}
		})
	}
}

// TestRunReadyURL: the URL names the base path, escaped, and a host the
// browser can open; the server answers there.
func TestRunReadyURL(t *testing.T) {
	for _, tc := range []struct{ addr, base, want string }{
		{"127.0.0.1:0", "", "http://127.0.0.1:PORT/"},
		{"127.0.0.1:0", "preview/pr-12", "http://127.0.0.1:PORT/preview/pr-12/"},
		{"0.0.0.0:0", "/预览/", "http://localhost:PORT/%E9%A2%84%E8%A7%88/"},
	} {
		t.Run(tc.addr+tc.base, func(t *testing.T) {
			load := func(context.Context) (Site, []Problem, error) { return newFakeSite("x"), nil, nil }
			r := start(t, Config{Addr: tc.addr, BasePath: tc.base, Load: load})
			u, err := url.Parse(r.url)
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.Replace(tc.want, "PORT", u.Port(), 1); r.url != want || u.Port() == "0" {
				t.Errorf("ready(%q); want %q", r.url, want)
			}
			if resp, body := get(t, "GET", r.url, nil); resp.StatusCode != 200 || !strings.Contains(body, ">x<") {
				t.Errorf("GET %s = %d %q; want 200 and the page", r.url, resp.StatusCode, body)
			}
		})
	}
}

// TestListeningURL: the site's URL for each kind of listen address,
// without opening any (IPv6 may be missing where tests run).
func TestListeningURL(t *testing.T) {
	for _, tc := range []struct {
		addr string
		ip   net.IP
		want string
	}{
		{"127.0.0.1:0", net.IPv4(127, 0, 0, 1), "http://127.0.0.1:1313/p/"},
		{"[::1]:0", net.IPv6loopback, "http://[::1]:1313/p/"},
		{"[::]:0", net.IPv6unspecified, "http://localhost:1313/p/"},
		{":0", net.IPv6unspecified, "http://localhost:1313/p/"},
		{"192.168.1.20:1313", net.IPv4(192, 168, 1, 20), "http://192.168.1.20:1313/p/"},
		{"mybox.lan:1313", net.IPv4(192, 168, 1, 20), "http://mybox.lan:1313/p/"},
	} {
		s, err := newServer(Config{Addr: tc.addr, BasePath: "/p/", Load: func(context.Context) (Site, []Problem, error) { return nil, nil, nil }})
		if err != nil {
			t.Fatal(err)
		}
		s.listening(&net.TCPAddr{IP: tc.ip, Port: 1313})
		if s.siteURL != tc.want {
			t.Errorf("listening on %s: URL %q; want %q", tc.addr, s.siteURL, tc.want)
		}
	}
}
