package devserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"path"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Site is one loaded version of the site: an http.Handler serving its
// pages from memory (request paths are relative to the base path: "/",
// "/projects/x/"), plus a background check.
//
// ServeHTTP is called concurrently. A redirect to a path-absolute Location
// ("/projects/x/") is taken as relative to the base path too.
type Site interface {
	http.Handler
	// Pages is the number of HTML pages, for the terminal.
	Pages() int
	// Check renders every page once, for the mistakes only rendering
	// shows. Its error may join Problems (errors.Join) to give each its
	// position; any other error is shown by its text. It must return
	// soon after ctx is done.
	Check(ctx context.Context) error
}

// Loader loads the site again; problems (nil on success) are the build's
// errors. An error is a failure that is no problem of the user's files
// (it is shown too, and the last good site stays).
type Loader func(ctx context.Context) (Site, []Problem, error)

// Config says what to serve and watch.
type Config struct {
	Addr     string   // host:port to listen on (port 0 picks one); default 127.0.0.1:0
	BasePath string   // "/" or "/preview/pr-12/": the site is served under it
	Watch    []string // directories or files to watch, directories recursively (new subdirectories too)
	Load     Loader
	Labels   Labels // terminal and browser words in the site's language; empty fields are English
	Name     string // the program's name, which starts terminal lines; default "generator"

	Stdout, Stderr io.Writer     // progress and problems; nil discards
	Debounce       time.Duration // quiet time after a change before rebuilding; default 100 ms
}

const (
	// reservedPath is where the server's own endpoints live, whatever the
	// base path; the site is never served from there.
	reservedPath = "/__gongjian/"
	eventsPath   = reservedPath + "events"
	errorsPath   = reservedPath + "errors"
	scriptPath   = reservedPath + "live.js"

	defaultDebounce = 100 * time.Millisecond
	shutdownTimeout = 5 * time.Second
	pingInterval    = 15 * time.Second
)

// Run serves the site until ctx is done, then stops the event streams and
// the server and returns nil. ready, if not nil, is called with the site's
// URL once the first load finished (good or not). Errors are for what
// prevents serving at all: a bad configuration, a busy port, a path that
// cannot be watched.
func Run(ctx context.Context, c Config, ready func(url string)) error {
	s, err := newServer(c)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", s.c.Addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w (is another server using the port?)", s.c.Addr, err)
	}
	defer ln.Close()
	s.listening(ln.Addr())

	// Watch before the first load, so that an edit made meanwhile is seen.
	w, err := newWatcher(s.c.Watch)
	if err != nil {
		return err
	}
	wctx, stopWatch := context.WithCancel(ctx)
	changes := make(chan string)
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		w.run(wctx, changes, func(err error) { s.printf(s.c.Stderr, "watching: %v", err) })
	}()
	defer func() {
		stopWatch()
		<-watching
		w.close()
	}()

	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(s.c.Stderr, s.c.Name+": http: ", 0),
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	s.rebuild(ctx, nil)
	var loopErr error
	if ctx.Err() == nil {
		s.printf(s.c.Stdout, s.labels.Serving, s.siteURL)
		if ready != nil {
			ready(s.siteURL)
		}
		loopErr = s.loop(ctx, changes, serveErr)
	}

	s.stopCheck()
	// End the event streams first: Shutdown waits for active requests,
	// and a stream never ends by itself.
	s.closeStreams()
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	return loopErr
}

// server is one run: the current site, its problems, the event streams.
type server struct {
	c      Config // with defaults
	labels Labels // with defaults
	prefix string // base path, starting and ending with "/"
	// prefixURL is the base path escaped, for Location headers.
	prefixURL string
	hosts     hostPolicy
	siteURL   string // the site's address, with the base path
	stamp     string // tells this run's build ids from a previous run's
	script    []byte // live.js, with the labels
	ping      time.Duration
	// after starts the quiet time of the debounce; tests fire it by hand.
	after func(time.Duration) <-chan time.Time

	n         int                // loads attempted (loop goroutine only)
	checkStop context.CancelFunc // stops the running check (loop goroutine only)
	checkDone chan struct{}

	mu       sync.Mutex
	site     Site      // current good site; nil before the first
	build    string    // its id
	problems []Problem // the current problems; nil when none
	kind     string    // "load" or "check": what found them
	subs     map[chan []byte]struct{}
	closed   bool
	done     chan struct{} // closed when the event streams must end
}

func newServer(c Config) (*server, error) {
	if c.Load == nil {
		return nil, errors.New("devserver: Config.Load is nil")
	}
	if c.Addr == "" {
		c.Addr = "127.0.0.1:0"
	}
	if c.Name == "" {
		c.Name = "generator"
	}
	if c.Stdout == nil {
		c.Stdout = io.Discard
	}
	if c.Stderr == nil {
		c.Stderr = io.Discard
	}
	if c.Debounce <= 0 {
		c.Debounce = defaultDebounce
	}
	// The loop, the check, the watcher and the HTTP handlers all print:
	// one lock keeps their lines whole.
	var mu sync.Mutex
	c.Stdout, c.Stderr = &lockedWriter{mu: &mu, w: c.Stdout}, &lockedWriter{mu: &mu, w: c.Stderr}
	prefix, err := cleanBase(c.BasePath)
	if err != nil {
		return nil, err
	}
	labels := c.Labels.withDefaults()
	s := &server{
		c:         c,
		labels:    labels,
		prefix:    prefix,
		prefixURL: (&url.URL{Path: prefix}).EscapedPath(),
		stamp:     strconv.FormatInt(time.Now().UnixNano(), 36),
		script:    liveScript(labels),
		ping:      pingInterval,
		after:     time.After,
		subs:      map[chan []byte]struct{}{},
		done:      make(chan struct{}),
	}
	s.listening(nil)
	return s, nil
}

// lockedWriter serializes writes to w with other lockedWriters of mu.
type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// cleanBase checks a base path and gives it its slashes: "" and "/" are
// "/", "preview/pr-12" is "/preview/pr-12/".
func cleanBase(base string) (string, error) {
	if strings.ContainsAny(base, "?#\\") || strings.ContainsFunc(base, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return "", fmt.Errorf("base path %q: expected a plain path such as /preview/pr-12/", base)
	}
	p := path.Clean("/" + base)
	if p != "/" {
		p += "/"
	}
	if strings.HasPrefix(p, reservedPath) {
		return "", fmt.Errorf("base path %q: %s is the server's own", base, reservedPath)
	}
	return p, nil
}

// listening records the address the server got (nil: the one configured):
// the site's URL and which Host headers name it.
func (s *server) listening(a net.Addr) {
	host, port := s.c.Addr, ""
	if h, p, err := net.SplitHostPort(s.c.Addr); err == nil {
		host, port = h, p
	}
	if ta, ok := a.(*net.TCPAddr); ok {
		port = strconv.Itoa(ta.Port)
	}
	s.hosts = newHostPolicy(host)
	shown := host
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		shown = "localhost"
	}
	u := url.URL{Scheme: "http", Host: net.JoinHostPort(shown, port), Path: s.prefix}
	s.siteURL = u.String()
}

// printf writes one terminal line: the program's name, then the label.
func (s *server) printf(w io.Writer, format string, args ...any) {
	io.WriteString(w, s.c.Name+": "+fmt.Sprintf(format, args...)+"\n")
}

// loop waits for changes, debounces them and rebuilds, until ctx is done
// or the HTTP server fails.
func (s *server) loop(ctx context.Context, changes <-chan string, serveErr <-chan error) error {
	var quiet <-chan time.Time // nil: no change pending
	var changed []string
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-serveErr:
			if errors.Is(err, http.ErrServerClosed) {
				return nil
			}
			return fmt.Errorf("serving: %w", err)
		case name := <-changes:
			changed = appendOnce(changed, name)
			quiet = s.after(s.c.Debounce)
		case <-quiet:
			quiet = nil
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

// summarize shortens a list of changed files for the terminal.
func (s *server) summarize(changed []string) string {
	if len(changed) <= 3 {
		return strings.Join(changed, ", ")
	}
	return strings.Join(changed[:3], ", ") + " " + fmt.Sprintf(s.labels.MoreFiles, len(changed)-3)
}

// rebuild loads the site again. A good load replaces the site, clears the
// problems, reloads the tabs and starts the check; a failed one keeps the
// last good site and shows its problems. changed is nil for the first load.
func (s *server) rebuild(ctx context.Context, changed []string) {
	s.stopCheck()
	s.n++
	start := time.Now()
	site, problems := s.load(ctx)
	took := time.Since(start).Milliseconds()
	if ctx.Err() != nil {
		return
	}
	if problems != nil {
		s.report(problems, "load")
		s.mu.Lock()
		failedFirst := s.site == nil
		s.mu.Unlock()
		msg := s.labels.StillServing
		if failedFirst {
			msg = s.labels.LoadFailed
		}
		s.printf(s.c.Stderr, "error: "+msg, took, s.labels.count(len(problems)))
		return
	}

	id := s.stamp + "." + strconv.Itoa(s.n)
	s.mu.Lock()
	s.site, s.build = site, id
	if s.problems != nil {
		s.problems, s.kind = nil, ""
		s.broadcast("errors", s.stateLocked())
	}
	s.broadcast("reload", s.stateLocked())
	s.mu.Unlock()

	if changed == nil {
		s.printf(s.c.Stdout, s.labels.Loaded, site.Pages(), took)
	} else {
		s.printf(s.c.Stdout, s.labels.Rebuilt, took, site.Pages(), s.summarize(changed))
	}
	s.startCheck(ctx, site)
}

// load calls the loader and turns every way it can fail into problems
// (nil when the site loaded).
func (s *server) load(ctx context.Context) (site Site, problems []Problem) {
	defer func() {
		if v := recover(); v != nil {
			site, problems = nil, []Problem{s.crashed(v)}
		}
	}()
	site, problems, err := s.c.Load(ctx)
	switch {
	case len(problems) > 0:
		return nil, problems
	case err != nil:
		return nil, problemsIn(err)
	case site == nil:
		return nil, []Problem{{Message: "the loader returned no site and no problem"}}
	}
	return site, nil
}

// crashed turns a panic of the loader or the check into a problem, and
// prints where it happened for a bug report: serving goes on.
func (s *server) crashed(v any) Problem {
	s.printf(s.c.Stderr, "error: internal error: %v\n%s", v, debug.Stack())
	return Problem{Message: fmt.Sprintf("internal error: %v (this is a bug in the generator; the terminal shows where)", v)}
}

// startCheck renders every page of a new site in the background; the next
// rebuild stops it.
func (s *server) startCheck(ctx context.Context, site Site) {
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	s.checkStop, s.checkDone = cancel, done
	go func() {
		defer close(done)
		start := time.Now()
		problems := s.check(cctx, site)
		took := time.Since(start).Milliseconds()
		if cctx.Err() != nil {
			return
		}
		if problems != nil {
			s.report(problems, "check")
			s.printf(s.c.Stderr, "error: "+s.labels.CheckFailed, took, s.labels.count(len(problems)))
			return
		}
		s.printf(s.c.Stdout, s.labels.Checked, took)
	}()
}

func (s *server) check(ctx context.Context, site Site) (problems []Problem) {
	defer func() {
		if v := recover(); v != nil {
			problems = []Problem{s.crashed(v)}
		}
	}()
	if err := site.Check(ctx); err != nil {
		return problemsIn(err)
	}
	return nil
}

// stopCheck stops the check of the previous site and waits for it, so
// that its problems never arrive after the next load's.
func (s *server) stopCheck() {
	if s.checkStop != nil {
		s.checkStop()
		<-s.checkDone
		s.checkStop, s.checkDone = nil, nil
	}
}

// report prints problems and shows them in the tabs.
func (s *server) report(problems []Problem, kind string) {
	for _, p := range problems {
		if p.Path == "" {
			s.printf(s.c.Stderr, "error: %s", p.Message)
		} else {
			io.WriteString(s.c.Stderr, p.Error()+"\n")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.problems, s.kind = problems, kind
	s.broadcast("errors", s.stateLocked())
}
