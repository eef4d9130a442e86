package devserver

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"mime"
	"net/http"
	"path"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
)

// ServeHTTP checks the Host, then answers from the server's own endpoints
// or the current site.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hosts.allows(r.Host) {
		h := w.Header()
		h.Set("Content-Type", "text/plain; charset=utf-8")
		h.Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, s.labels.ForbiddenHost, r.Host, s.siteURL)
		return
	}
	p := cleanPath(r.URL.Path)
	switch {
	case p == eventsPath:
		s.serveEvents(w, r)
	case p == errorsPath:
		s.serveErrors(w, r)
	case p == scriptPath:
		s.serveScript(w, r)
	case strings.HasPrefix(p, reservedPath) || p+"/" == reservedPath:
		http.NotFound(w, r)
	case strings.HasPrefix(p, s.prefix):
		s.serveSite(w, r, p[len(s.prefix)-1:])
	case p == "/" || p+"/" == s.prefix:
		target := s.prefixURL
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusFound)
	default:
		s.notFound(w, r)
	}
}

// methodAllowed answers 405 unless r's method is one of allowed.
func methodAllowed(w http.ResponseWriter, r *http.Request, allowed ...string) bool {
	if slices.Contains(allowed, r.Method) {
		return true
	}
	w.Header().Set("Allow", strings.Join(allowed, ", "))
	http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
	return false
}

// cleanPath resolves "." and ".." in a request path, which cannot then go
// above "/", and keeps a final slash: "/a/../b/" is "/b/".
func cleanPath(p string) string {
	if p == "" || p[0] != '/' {
		p = "/" + p
	}
	c := path.Clean(p)
	if c != "/" && strings.HasSuffix(p, "/") {
		c += "/"
	}
	return c
}

// serveSite answers a request below the base path from the current site;
// rel starts with "/".
func (s *server) serveSite(w http.ResponseWriter, r *http.Request, rel string) {
	s.mu.Lock()
	site, build := s.site, s.build
	s.mu.Unlock()
	if site == nil {
		s.notBuilt(w, r)
		return
	}
	s.deliver(w, r, s.call(site, r, rel), 0, build)
}

// notFound answers a path outside the base path with the site's own 404
// page, as the host the site is published on would.
func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	site, build := s.site, s.build
	s.mu.Unlock()
	if site != nil {
		get := r
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			get = r.Clone(r.Context())
			get.Method = http.MethodGet
		}
		if c := s.call(site, get, "/404.html"); c.status == http.StatusOK || c.status == 0 {
			s.deliver(w, r, c, http.StatusNotFound, build)
			return
		}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	fmt.Fprintf(w, "404 page not found: the site is served under %s\n", s.prefixURL)
}

// notBuilt answers while no load has succeeded yet: a page that lists
// the problems (through the script) and reloads once the site is there.
func (s *server) notBuilt(w http.ResponseWriter, r *http.Request) {
	msg := html.EscapeString(s.labels.NotBuilt)
	page := "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + msg + "</title></head>\n<body><p>" + msg + "</p>\n</body></html>\n"
	c := &capture{header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, status: http.StatusServiceUnavailable}
	c.body.WriteString(page)
	s.deliver(w, r, c, 0, "")
}

// capture keeps a whole response of the site, to inject the script.
type capture struct {
	header http.Header
	status int // 0 until written
	body   bytes.Buffer
}

func (c *capture) Header() http.Header { return c.header }

func (c *capture) WriteHeader(code int) {
	if c.status != 0 || 100 <= code && code < 200 {
		return // only the first final status counts; 1xx hints are dropped
	}
	c.status = code
}

func (c *capture) Write(p []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	return c.body.Write(p)
}

// call runs the site's handler on a copy of r whose path is rel. A panic
// in the handler becomes a 500 answer naming it: serving goes on.
func (s *server) call(site Site, r *http.Request, rel string) (c *capture) {
	c = &capture{header: http.Header{}}
	defer func() {
		if v := recover(); v != nil {
			s.printf(s.c.Stderr, "error: internal error serving %s: %v\n%s", rel, v, debug.Stack())
			c = &capture{header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, status: http.StatusInternalServerError}
			fmt.Fprintf(&c.body, "500 internal error serving %s: %v (this is a bug in the generator; the terminal shows where)\n", rel, v)
		}
	}()
	r2 := r.Clone(r.Context())
	r2.URL.Path, r2.URL.RawPath = rel, ""
	site.ServeHTTP(c, r2)
	return c
}

// deliver writes a captured response of the site for build, with status
// instead of its own if not 0. HTML gets the script tag; a path-absolute
// redirect goes below the base path.
func (s *server) deliver(w http.ResponseWriter, r *http.Request, c *capture, status int, build string) {
	if status == 0 {
		status = c.status
	}
	if status == 0 {
		status = http.StatusOK
	}
	if status < 200 || status > 999 {
		status = http.StatusInternalServerError // net/http refuses such codes
	}
	h := w.Header()
	for k, v := range c.header {
		h[k] = v
	}
	if loc := h.Get("Location"); strings.HasPrefix(loc, "/") && !strings.HasPrefix(loc, "//") {
		h.Set("Location", s.prefixURL+loc[1:])
	}
	body := c.body.Bytes()
	if h.Get("Content-Type") == "" && len(body) > 0 {
		h.Set("Content-Type", http.DetectContentType(body))
	}
	noBody := status == http.StatusNoContent || status == http.StatusNotModified
	tag, at := "", len(body)
	if !noBody && status != http.StatusPartialContent && h.Get("Content-Encoding") == "" && isHTML(h.Get("Content-Type")) {
		tag, at = scriptTag(build), injectAt(body)
		if r.Method == http.MethodHead {
			if n, err := strconv.Atoi(h.Get("Content-Length")); err == nil {
				h.Set("Content-Length", strconv.Itoa(n+len(tag)))
			}
		}
		// Another build may answer the same URL with other bytes.
		h.Set("Cache-Control", "no-store")
		h.Del("ETag")
		h.Del("Last-Modified")
	}
	if noBody || r.Method == http.MethodHead {
		w.WriteHeader(status)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)+len(tag)))
	w.WriteHeader(status)
	// In pieces: the page is not copied to insert the tag.
	if _, err := w.Write(body[:at]); err == nil && tag != "" {
		if _, err = io.WriteString(w, tag); err == nil {
			w.Write(body[at:])
		}
	}
}

func isHTML(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "text/html"
}

// scriptTag loads live.js; the page's build id tells the script whether
// the server has a newer one.
func scriptTag(build string) string {
	return `<script src="` + scriptPath + `" data-gongjian-serve data-build="` + html.EscapeString(build) + `"></script>` + "\n"
}

// injectAt is where the script tag goes in page: before the last </body>,
// or at the end when there is none.
func injectAt(page []byte) int {
	if i := lastBodyEnd(page); i >= 0 {
		return i
	}
	return len(page)
}

// lastBodyEnd is the index of the last </body> end tag (any case, with
// anything HTML allows before its ">"), or -1.
func lastBodyEnd(b []byte) int {
	const end = "</body"
	for i := len(b); i > 0; {
		i = bytes.LastIndexByte(b[:i], '<')
		if i < 0 {
			return -1
		}
		rest := b[i:]
		if len(rest) < len(end) || !bytes.EqualFold(rest[:len(end)], []byte(end)) {
			continue
		}
		if len(rest) == len(end) {
			return i
		}
		switch rest[len(end)] {
		case '>', '/', ' ', '\t', '\n', '\f', '\r':
			return i
		}
	}
	return -1
}

//go:embed live.js
var liveJS string

// liveScript is live.js with the labels it shows.
func liveScript(l Labels) []byte {
	words, err := json.Marshal(map[string]string{"hide": l.Hide, "disconnected": l.Disconnected})
	if err != nil {
		words = []byte("{}")
	}
	return []byte(strings.Replace(liveJS, "/*LABELS*/{}", string(words), 1))
}

// serveScript answers live.js.
func (s *server) serveScript(w http.ResponseWriter, r *http.Request) {
	if !methodAllowed(w, r, http.MethodGet, http.MethodHead) {
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Length", strconv.Itoa(len(s.script)))
	if r.Method == http.MethodGet {
		w.Write(s.script)
	}
}
