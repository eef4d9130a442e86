package devserver

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeSite serves fixed files from memory, as a site built from the test's
// files would: "/x/" is "/x/index.html", a missing file gets "/404.html".
type fakeSite struct {
	files    map[string]string // by path, "/index.html"
	checkErr error             // what Check returns
	checked  chan struct{}     // closed when Check returns, if not nil
	panics   bool              // ServeHTTP panics

	mu   sync.Mutex
	seen []string // request paths, in order
}

func (f *fakeSite) Pages() int {
	n := 0
	for p := range f.files {
		if strings.HasSuffix(p, ".html") {
			n++
		}
	}
	return n
}

func (f *fakeSite) Check(ctx context.Context) error {
	if f.checked != nil {
		defer close(f.checked)
	}
	return f.checkErr
}

func (f *fakeSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.seen = append(f.seen, r.URL.Path)
	f.mu.Unlock()
	if f.panics {
		panic("fake site failed")
	}
	p := r.URL.Path
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	body, ok := f.files[p]
	if !ok {
		if _, dir := f.files[p+"/index.html"]; dir {
			http.Redirect(w, r, path.Base(p)+"/", http.StatusFound) // made /x/ by net/http
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, f.files["/404.html"])
		return
	}
	if ct := mime.TypeByExtension(path.Ext(p)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	io.WriteString(w, body)
}

func (f *fakeSite) requested() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.seen...)
}

// page is an HTML page whose paragraph shows v.
func page(v string) string {
	return "<!DOCTYPE html>\n<html><head><title>t</title></head>\n<body><p id=\"v\">" + v + "</p>\n</body>\n</html>\n"
}

func newFakeSite(v string) *fakeSite {
	return &fakeSite{files: map[string]string{
		"/index.html":     page(v),
		"/dir/index.html": page("dir"),
		"/404.html":       "<html><body><h1>site 404</h1></body></html>",
		"/style.css":      "body { color: black }\n</body>\n",
	}}
}

// dirLoader loads a fake site from dir/value.txt: its text is the page's
// value; a line "bad: M" is a problem (value.txt, its line, M); a line
// "render: M" loads but the check finds M; "crash" panics.
type dirLoader struct {
	dir   string
	loads atomic.Int32
	sites chan *fakeSite // every site loaded, if not nil
}

func (d *dirLoader) load(ctx context.Context) (Site, []Problem, error) {
	d.loads.Add(1)
	b, err := os.ReadFile(filepath.Join(d.dir, "value.txt"))
	if err != nil {
		return nil, nil, err
	}
	var problems []Problem
	var checks []error
	for i, line := range strings.Split(string(b), "\n") {
		switch {
		case line == "crash":
			panic("loader crashed")
		case strings.HasPrefix(line, "bad: "):
			problems = append(problems, Problem{Path: "value.txt", Line: i + 1, Message: strings.TrimPrefix(line, "bad: ")})
		case strings.HasPrefix(line, "render: "):
			checks = append(checks, Problem{Path: "value.txt", Line: i + 1, Message: strings.TrimPrefix(line, "render: ")})
		}
	}
	if problems != nil {
		return nil, problems, nil
	}
	s := newFakeSite(strings.TrimSpace(string(b)))
	s.checkErr = errors.Join(checks...)
	if d.sites != nil {
		d.sites <- s
	}
	return s, nil, nil
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

// running is a server started by start.
type running struct {
	url    string // the site's URL, with the base path
	origin string // scheme and host
	out    *syncBuffer
	stop   func() error // cancels Run and returns its error
}

// start runs Run in the background until stop or the end of the test.
func start(t *testing.T, c Config) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	c.Stdout, c.Stderr = out, out
	if c.Addr == "" {
		c.Addr = "127.0.0.1:0"
	}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- Run(ctx, c, func(u string) { ready <- u }) }()
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(20 * time.Second):
				runErr = errors.New("Run did not return after cancel")
			}
		})
		return runErr
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	select {
	case u := <-ready:
		base := c.BasePath
		if base == "" {
			base = "/"
		}
		return &running{url: u, origin: strings.TrimSuffix(u, strings.TrimSuffix(base, "/")+"/"), out: out, stop: stop}
	case err := <-done:
		t.Fatalf("Run returned %v before serving\n%s", err, out.String())
	case <-time.After(20 * time.Second):
		t.Fatalf("the server did not start in time\n%s", out.String())
	}
	return nil
}

// get fetches a URL without following redirects.
func get(t *testing.T, method, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
		} else {
			req.Header.Set(k, v)
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

type sseEvent struct{ name, data string }

// openEvents connects to the event stream with client; events arrive on
// the channel, which is closed when the stream ends.
func openEvents(t *testing.T, ctx context.Context, client *http.Client, url string) <-chan sseEvent {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || !strings.HasPrefix(ct, "text/event-stream") {
		resp.Body.Close()
		t.Fatalf("GET %s = %s, %s; want 200 text/event-stream", url, resp.Status, ct)
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
			case strings.HasPrefix(line, ":"):
				ch <- sseEvent{name: "comment", data: strings.TrimSpace(line[1:])}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return ch
}

// waitEvent returns the first event called name (skipping others) whose
// state satisfies ok, failing if none comes by the deadline.
func waitEvent(t *testing.T, ch <-chan sseEvent, name string, ok func(state) bool) state {
	t.Helper()
	timer := time.NewTimer(10 * time.Second)
	defer timer.Stop()
	for {
		select {
		case ev, open := <-ch:
			if !open {
				t.Fatalf("the event stream ended while waiting for %q", name)
			}
			if ev.name != name {
				continue
			}
			var st state
			if name != "comment" {
				if err := json.Unmarshal([]byte(ev.data), &st); err != nil {
					t.Fatalf("event %s: data %q is not JSON: %v", name, ev.data, err)
				}
			}
			if ok == nil || ok(st) {
				return st
			}
		case <-timer.C:
			t.Fatalf("no %q event in time", name)
		}
	}
}

func hasErrors(st state) bool { return len(st.Errors) > 0 }
func noErrors(st state) bool  { return len(st.Errors) == 0 }

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// texts lists the problems' texts of a state.
func texts(st state) []string {
	var out []string
	for _, e := range st.Errors {
		out = append(out, e.Text)
	}
	return out
}

func errorsState(t *testing.T, origin string) state {
	t.Helper()
	resp, body := get(t, "GET", origin+errorsPath, nil)
	var st state
	if err := json.Unmarshal([]byte(body), &st); resp.StatusCode != 200 || err != nil || st.Errors == nil {
		t.Fatalf("GET %s = %d %q (%v); want 200 and {\"errors\": [...]}", errorsPath, resp.StatusCode, body, err)
	}
	return st
}

func sprintState(st state) string { return fmt.Sprintf("%+v", st) }
