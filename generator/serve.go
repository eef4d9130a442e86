package main

// The serve command: load the site, serve its pages from memory, reload
// on every change to site.toml, content/ or the layouts, and make open
// tabs reload (or show what is broken) through server-sent events.
//
// A rebuild loads the data, computes the figures and parses the layouts
// (what an edit can break), then swaps the site in and reloads the tabs;
// pages are rendered when requested, and all of them are rendered once in
// the background to find the mistakes only rendering shows. A rebuild of
// a 10,000-project campaign so takes well under a second instead of a
// full build, and nothing is written to disk: the user's output directory
// is never touched, and the reload script exists only in HTTP responses.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"log"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/site"
)

const (
	// reservedPath is where the server's own endpoints live; the site is
	// never served from there.
	reservedPath = "/__gongjian/"
	eventsPath   = reservedPath + "events"
	errorsPath   = reservedPath + "errors"

	debounce        = 100 * time.Millisecond
	shutdownTimeout = 5 * time.Second
	pingInterval    = 15 * time.Second
)

// runServe builds the site into a temporary directory, serves it on
// bind:port (port 0 picks a free port) under the path of opts.BaseURL, and
// rebuilds and reloads open tabs on every change until ctx is cancelled.
// opts.Out is not used: serving never touches the published output.
func runServe(ctx context.Context, opts site.Options, port int, bind string, stdout, stderr io.Writer) error {
	if port < 0 || port > 65535 {
		return usageError{fmt.Sprintf("--port %d is not a port (expected 0 to 65535; 0 picks a free one)", port)}
	}
	if bind == "" {
		bind = "127.0.0.1"
	}
	return serve(ctx, opts, net.JoinHostPort(bind, strconv.Itoa(port)), nil, stdout, stderr)
}

// serveInfo tells a test where the server is: URL is the site's address
// (with the base path).
type serveInfo struct {
	URL string
}

// serve is runServe with the listen address given whole and an optional
// ready channel that receives the address once the first build is done.
func serve(ctx context.Context, opts site.Options, addr string, ready chan<- serveInfo, stdout, stderr io.Writer) error {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Layouts == "" {
		opts.Layouts = filepath.Join(opts.Source, "layouts")
	}
	prefix, err := basePath(opts.BaseURL)
	if err != nil {
		return usageError{"--base-url: " + err.Error()}
	}

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w (is another server using the port? try --port 0)", err)
	}
	defer ln.Close()

	w, err := newSiteWatcher(opts.Source, opts.Layouts)
	if err != nil {
		return err
	}
	defer w.close()

	s := &server{
		opts:   opts,
		prefix: prefix,
		stamp:  strconv.FormatInt(time.Now().UnixNano(), 36),
		subs:   map[chan []byte]struct{}{},
		done:   make(chan struct{}),
		stdout: stdout,
		stderr: stderr,
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(stderr, "generator: http: ", 0),
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	s.rebuild(ctx, nil)
	var loopErr error
	if ctx.Err() == nil {
		siteURL := "http://" + displayAddr(ln.Addr()) + prefix
		fmt.Fprintf(stdout, "generator: serving %s (Ctrl-C to stop)\n", siteURL)
		if ready != nil {
			ready <- serveInfo{URL: siteURL}
		}
		loopErr = s.loop(ctx, w, serveErr)
	}

	s.stopCheck()
	// Stop: end the event streams first (Shutdown waits for active
	// requests, and a stream never ends by itself), then the server.
	s.closeStreams()
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	return loopErr
}

// loop waits for changes, debounces them and rebuilds, until ctx is done
// or the HTTP server fails.
func (s *server) loop(ctx context.Context, w *siteWatcher, serveErr <-chan error) error {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var changed []string
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-serveErr:
			if errors.Is(err, http.ErrServerClosed) {
				return nil
			}
			return fmt.Errorf("serve: %w", err)
		case ev, ok := <-w.w.Events:
			if !ok {
				return nil
			}
			rel, ok, err := w.handle(ev)
			if err != nil {
				fmt.Fprintf(s.stderr, "generator: watching: %v\n", err)
			}
			if ok {
				changed = appendOnce(changed, rel)
				timer.Reset(debounce)
			}
		case err, ok := <-w.w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(s.stderr, "generator: watching: %v\n", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				changed = appendOnce(changed, "(many files)")
				timer.Reset(debounce)
			}
		case <-timer.C:
			s.rebuild(ctx, changed)
			changed = nil
		}
	}
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// server serves the current build and the live-reload endpoints.
type server struct {
	opts   site.Options
	prefix string // base path; starts and ends with "/"
	stamp  string // distinguishes this server's build ids from a previous run's
	n      int    // builds attempted (loop goroutine only)
	stdout io.Writer
	stderr io.Writer

	checkStop context.CancelFunc // stops the running background check (loop goroutine only)
	checkDone chan struct{}

	mu     sync.Mutex
	live   *site.Live // current good build; nil before the first
	build  string     // its id
	errs   []errorLine
	subs   map[chan []byte]struct{}
	closed bool
	done   chan struct{} // closed when the event streams must end
}

// errorLine is one problem of a failed build, as shown in the overlay.
type errorLine struct {
	Path    string `json:"path,omitempty"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
	Text    string `json:"text"` // path:line: message, as on the terminal
}

// buildState is what /__gongjian/errors returns and the "errors" event
// carries.
type buildState struct {
	Build  string      `json:"build"`
	Errors []errorLine `json:"errors"`
}

// rebuild loads the site again and, on success, switches serving to it,
// reloads the tabs and checks every page in the background; on failure it
// keeps the last good build, prints the problems and shows them in the
// tabs. changed is nil for the first build.
func (s *server) rebuild(ctx context.Context, changed []string) {
	s.stopCheck()
	s.n++
	start := time.Now()
	live, err := site.Prepare(ctx, s.opts)
	took := time.Since(start).Milliseconds()
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		n := problems(len(s.report(err)))
		what := fmt.Sprintf("rebuild failed in %d ms; still serving the last good build", took)
		if s.live == nil {
			what = fmt.Sprintf("build failed in %d ms; the site appears once the problems are fixed", took)
		}
		fmt.Fprintf(s.stderr, "generator: error: %s: %s\n", what, n)
		return
	}

	id := fmt.Sprintf("%s.%d", s.stamp, s.n)
	s.mu.Lock()
	s.live, s.build = live, id
	if s.errs != nil {
		s.errs = nil
		s.broadcast("errors", buildState{Build: id, Errors: []errorLine{}})
	}
	s.broadcast("reload", buildState{Build: id, Errors: []errorLine{}})
	s.mu.Unlock()

	if changed == nil {
		fmt.Fprintf(s.stdout, "generator: loaded %d pages as of %s in %d ms (pages render when requested)\n", live.Pages(), live.AsOf(), took)
	} else {
		fmt.Fprintf(s.stdout, "generator: rebuilt in %d ms (%d pages; changed: %s)\n", took, live.Pages(), summarize(changed))
	}

	// Render every page once, keeping nothing, for the mistakes only
	// rendering shows (a layout calling what a page lacks); the next
	// change stops it.
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	s.checkStop, s.checkDone = cancel, done
	go func() {
		defer close(done)
		start := time.Now()
		err := live.Check(cctx)
		if cctx.Err() != nil {
			return
		}
		if err != nil {
			n := problems(len(s.report(err)))
			fmt.Fprintf(s.stderr, "generator: error: rendering every page took %d ms and found %s\n", time.Since(start).Milliseconds(), n)
			return
		}
		fmt.Fprintf(s.stdout, "generator: rendered every page in %d ms: no problems\n", time.Since(start).Milliseconds())
	}()
}

func problems(n int) string {
	if n == 1 {
		return "1 problem"
	}
	return fmt.Sprintf("%d problems", n)
}

// stopCheck stops the background check of the previous build and waits
// for it.
func (s *server) stopCheck() {
	if s.checkStop != nil {
		s.checkStop()
		<-s.checkDone
		s.checkStop, s.checkDone = nil, nil
	}
}

// report prints a build's problems and shows them in the tabs.
func (s *server) report(err error) []errorLine {
	lines := errorLines(err)
	for _, l := range lines {
		fmt.Fprintln(s.stderr, l.Text)
	}
	s.mu.Lock()
	s.errs = lines
	s.broadcast("errors", buildState{Build: s.build, Errors: lines})
	s.mu.Unlock()
	return lines
}

func summarize(changed []string) string {
	if len(changed) <= 3 {
		return strings.Join(changed, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(changed[:3], ", "), len(changed)-3)
}

// errorLines turns a build error into overlay lines: one per positioned
// problem, or the error's text.
func errorLines(err error) []errorLine {
	var el dataset.ErrorList
	if !errors.As(err, &el) {
		return []errorLine{{Message: err.Error(), Text: "generator: error: " + err.Error()}}
	}
	lines := make([]errorLine, 0, len(el))
	for _, e := range el {
		lines = append(lines, errorLine{Path: e.Path, Line: e.Line, Message: e.Msg, Text: e.Error()})
	}
	return lines
}

// broadcast sends an event to every stream; s.mu must be held. A stream
// too slow to take it is dropped: its tab reconnects and catches up from
// the hello event.
func (s *server) broadcast(event string, v any) {
	msg := sseMessage(event, v)
	for c := range s.subs {
		select {
		case c <- msg:
		default:
			delete(s.subs, c)
			close(c)
		}
	}
}

func sseMessage(event string, v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain structs
	}
	// JSON never contains a raw newline, so the data is one line.
	return []byte("event: " + event + "\ndata: " + string(data) + "\n\n")
}

func (s *server) closeStreams() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.done)
	}
}

func (s *server) current() (live *site.Live, build string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.live, s.build
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case p == eventsPath:
		s.serveEvents(w, r)
	case p == errorsPath:
		s.serveErrors(w, r)
	case strings.HasPrefix(p, reservedPath):
		http.NotFound(w, r)
	case strings.HasPrefix(p, s.prefix):
		s.serveSite(w, r, strings.TrimPrefix(p, s.prefix))
	case p == "/" || p+"/" == s.prefix:
		http.Redirect(w, r, s.prefix, http.StatusFound)
	default:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, "404 not found: the site is served under %s\n", s.prefix)
	}
}

// serveEvents streams server-sent events: "hello" (the current build id)
// and "errors" (the current problems, possibly none) at once, then
// "errors" whenever they change and "reload" after every good rebuild.
func (s *server) serveEvents(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	rc := http.NewResponseController(w)

	c := make(chan []byte, 16)
	s.mu.Lock()
	if s.closed {
		// Stopping. An error status would make the tab give up; an
		// ended stream makes it retry, and find the next server.
		s.mu.Unlock()
		io.WriteString(w, "retry: 1000\n\n")
		return
	}
	errs := s.errs
	if errs == nil {
		errs = []errorLine{}
	}
	c <- sseMessage("hello", buildState{Build: s.build, Errors: errs})
	c <- sseMessage("errors", buildState{Build: s.build, Errors: errs})
	s.subs[c] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if _, ok := s.subs[c]; ok {
			delete(s.subs, c)
			close(c)
		}
		s.mu.Unlock()
	}()

	if _, err := io.WriteString(w, "retry: 1000\n\n"); err != nil {
		return
	}
	ping := time.NewTicker(pingInterval)
	defer ping.Stop()
	for {
		var msg []byte
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-ping.C:
			msg = []byte(": ping\n\n")
		case m, ok := <-c:
			if !ok {
				return
			}
			msg = m
		}
		if _, err := w.Write(msg); err != nil {
			return
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

func (s *server) serveErrors(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	st := buildState{Build: s.build, Errors: s.errs}
	s.mu.Unlock()
	if st.Errors == nil {
		st.Errors = []errorLine{}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(st)
}

// serveSite serves a file of the current build, rendered now; HTML gets
// the reload script. rel is the request path below the base path.
func (s *server) serveSite(w http.ResponseWriter, r *http.Request, rel string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	live, build := s.current()
	if live == nil {
		page := []byte("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Gongjian: not built yet</title></head>\n" +
			"<body><p>The site has not been built yet: the build failed. Fix the problems shown below (and on the terminal); this page reloads by itself.</p>\n</body></html>\n")
		s.writeHTML(w, r, http.StatusServiceUnavailable, page, build)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+rel), "/")
	if strings.HasSuffix(rel, "/") || name == "" {
		name = path.Join(name, "index.html")
	}
	data, ok, err := live.File(name)
	if !ok && !strings.HasSuffix(rel, "/") && rel != "" {
		// A directory asked for without its slash.
		if _, ok, _ := live.File(path.Join(name, "index.html")); ok {
			target := path.Base(r.URL.Path) + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusFound)
			return
		}
	}
	switch {
	case err != nil:
		s.renderFailed(w, r, err, build)
	case !ok:
		s.notFound(w, r, live, build)
	case path.Ext(name) == ".html":
		s.writeHTML(w, r, http.StatusOK, data, build)
	default:
		if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, path.Base(name), time.Time{}, bytes.NewReader(data))
	}
}

// notFound serves the site's own 404 page, as a host would.
func (s *server) notFound(w http.ResponseWriter, r *http.Request, live *site.Live, build string) {
	page, ok, err := live.File("404.html")
	if !ok || err != nil {
		http.NotFound(w, r)
		return
	}
	s.writeHTML(w, r, http.StatusNotFound, page, build)
}

// renderFailed answers for a page whose layout failed: the problems, as
// text, and the reload script (which shows them in the overlay too).
func (s *server) renderFailed(w http.ResponseWriter, r *http.Request, err error, build string) {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Gongjian: this page failed</title></head>\n<body><p>This page failed to render:</p>\n<pre>")
	for _, l := range errorLines(err) {
		b.WriteString(html.EscapeString(l.Text))
		b.WriteByte('\n')
	}
	b.WriteString("</pre>\n</body></html>\n")
	s.writeHTML(w, r, http.StatusInternalServerError, []byte(b.String()), build)
}

func (s *server) writeHTML(w http.ResponseWriter, r *http.Request, status int, page []byte, build string) {
	page = injectReload(page, build)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(page)
	}
}

// reloadScript opens the event stream, reloads on "reload" (or when the
// server already has a newer build than the page), and shows the problems
// of a broken build in a fixed panel. The problems are set as textContent,
// never as HTML. %s is the page's build id as a JSON string.
const reloadScript = `<script data-gongjian-serve>/* gongjian serve: live reload; not part of the build */
(function () {
  var built = %s, box = null;
  function show(list) {
    if (!list.length) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "__gongjian_errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;z-index:2147483647;margin:0;padding:12px 16px;background:#fff4f4;color:#8a1111;border-top:3px solid #c62828;box-shadow:0 -2px 8px rgba(0,0,0,.25);font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;text-align:left";
      document.body.appendChild(box);
    }
    box.textContent = "Gongjian found problems (a failed rebuild leaves the last good site in place):\n\n" + list.join("\n");
  }
  var es = new EventSource("` + eventsPath + `");
  es.addEventListener("hello", function (e) { if (JSON.parse(e.data).build !== built) location.reload(); });
  es.addEventListener("reload", function () { location.reload(); });
  es.addEventListener("errors", function (e) { show(JSON.parse(e.data).errors.map(function (x) { return x.text; })); });
})();
</script>
`

// injectReload puts the reload script before the last </body> (or at the
// end when there is none).
func injectReload(page []byte, build string) []byte {
	id, _ := json.Marshal(build)
	script := fmt.Sprintf(reloadScript, id)
	i := lastIndexFold(page, "</body")
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:i]...)
	out = append(out, script...)
	return append(out, page[i:]...)
}

// lastIndexFold is the index of the last ASCII-case-insensitive match of
// tag (lower case) in b, or -1.
func lastIndexFold(b []byte, tag string) int {
	for i := len(b) - len(tag); i >= 0; i-- {
		if b[i] != tag[0] {
			continue
		}
		j := 1
		for ; j < len(tag); j++ {
			c := b[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != tag[j] {
				break
			}
		}
		if j == len(tag) {
			return i
		}
	}
	return -1
}

// basePath is the path of a base URL ("" → "/"), starting and ending with "/".
func basePath(base string) (string, error) {
	if base == "" {
		return "/", nil
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("%q is not a URL (expected https://host/path/ or a path such as /preview/pr-12/)", base)
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p, nil
}

// displayAddr is the listener's address as one can type it in a browser.
func displayAddr(a net.Addr) string {
	ta, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	host := ta.IP.String()
	if ta.IP.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, strconv.Itoa(ta.Port))
}

// siteWatcher watches site.toml, content/ and the layouts (recursively,
// adding directories as they appear).
type siteWatcher struct {
	w        *fsnotify.Watcher
	source   string // absolute
	siteToml string
	content  string
	layouts  string
}

func newSiteWatcher(source, layouts string) (*siteWatcher, error) {
	src, err := filepath.Abs(source)
	if err != nil {
		return nil, err
	}
	lay, err := filepath.Abs(layouts)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching files: %w", err)
	}
	sw := &siteWatcher{w: fw, source: src, siteToml: filepath.Join(src, "site.toml"), content: filepath.Join(src, "content"), layouts: lay}
	// The parents catch site.toml (editors often save by renaming a new
	// file over the old) and content/ or layouts/ appearing later.
	for _, d := range []string{src, filepath.Dir(lay)} {
		if err := fw.Add(d); err != nil {
			fw.Close()
			return nil, fmt.Errorf("watching %s: %w", d, err)
		}
	}
	for _, d := range []string{sw.content, sw.layouts} {
		if err := sw.addTree(d); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return sw, nil
}

func (sw *siteWatcher) close() { sw.w.Close() }

// addTree watches dir and every directory below it; a missing dir is fine.
func (sw *siteWatcher) addTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir
			}
			return nil // vanished meanwhile, or unreadable: nothing to watch
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir // .git and the like
		}
		if err := sw.w.Add(p); err != nil {
			return fmt.Errorf("watching %s: %w", p, err)
		}
		return nil
	})
	return err
}

// handle looks at one event: it watches new directories and tells whether
// the event may change the site (and the file's name for the log).
func (sw *siteWatcher) handle(ev fsnotify.Event) (rel string, changed bool, err error) {
	if ev.Op == fsnotify.Chmod {
		return "", false, nil
	}
	name := filepath.Clean(ev.Name)
	if ignoredFile(filepath.Base(name)) {
		return "", false, nil
	}
	inTree := within(name, sw.content) || within(name, sw.layouts)
	if !inTree && name != sw.siteToml {
		return "", false, nil
	}
	if ev.Has(fsnotify.Create) && inTree {
		if fi, e := os.Lstat(name); e == nil && fi.IsDir() {
			// Files may have appeared before the watch did; the
			// rebuild below reads them anyway.
			err = sw.addTree(name)
		}
	}
	rel, e := filepath.Rel(sw.source, name)
	if e != nil || strings.HasPrefix(rel, "..") {
		rel = name
	}
	return filepath.ToSlash(rel), true, err
}

// within tells whether p is dir or below it.
func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, dir+string(filepath.Separator))
}

// ignoredFile tells editor droppings: vim swap and backup files (and its
// "4913" write test), emacs locks and autosaves.
func ignoredFile(base string) bool {
	switch {
	case base == "4913",
		strings.HasSuffix(base, "~"),
		strings.HasPrefix(base, ".#"),
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"),
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swo"), strings.HasSuffix(base, ".swx"),
		base == ".DS_Store":
		return true
	}
	return false
}
