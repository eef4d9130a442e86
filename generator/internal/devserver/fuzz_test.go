package devserver

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

// FuzzInject: the tag goes in once, before the last </body> if there is
// one, and the page is otherwise unchanged.
func FuzzInject(f *testing.F) {
	for _, s := range []string{"", "<html><body>x</body></html>", "</BODY", "</body-x></body\t>", "<<</body>>", "</bod", "</body></body>"} {
		f.Add([]byte(s))
	}
	const tag = "<script data-gongjian-serve></script>"
	f.Fuzz(func(t *testing.T, page []byte) {
		out := inject(page, tag)
		i := lastBodyEnd(page)
		at := i
		if i < 0 {
			at = len(page)
		}
		if len(out) != len(page)+len(tag) || string(out[at:at+len(tag)]) != tag {
			t.Fatalf("inject(%q) = %q; want the tag at %d", page, out, at)
		}
		if rest := append(bytes.Clone(out[:at]), out[at+len(tag):]...); !bytes.Equal(rest, page) {
			t.Fatalf("inject(%q) changed the page: %q", page, out)
		}
		if i >= 0 && !bytes.EqualFold(page[i:i+6], []byte("</body")) {
			t.Fatalf("lastBodyEnd(%q) = %d, not at a </body", page, i)
		}
		if i < 0 && bytes.Contains(bytes.ToLower(page), []byte("</body>")) {
			t.Fatalf("lastBodyEnd(%q) = -1 with a </body> in it", page)
		}
	})
}

// FuzzHost: a Host header is allowed only if it names a loopback address
// or localhost (bound to 127.0.0.1), and no header makes the check fail.
func FuzzHost(f *testing.F) {
	for _, s := range []string{"localhost", "localhost:1313", "127.0.0.1:1", "[::1]:80", "[::ffff:127.0.0.1]", "evil.example", "[", "[]", "[::1", ":80", "localhost:", "0x7f.1", "127.1", "[fe80::1%25lo]:1", "LOCALHOST"} {
		f.Add(s)
	}
	p := newHostPolicy("127.0.0.1")
	f.Fuzz(func(t *testing.T, host string) {
		if !p.allows(host) {
			return
		}
		h, ok := splitHost(host)
		if !ok {
			t.Fatalf("allows(%q) though it does not parse", host)
		}
		if strings.EqualFold(h, "localhost") {
			return
		}
		ip, err := netip.ParseAddr(h)
		if ip = ip.Unmap().WithZone(""); err != nil || ip != loopback4 && ip != loopback6 {
			t.Fatalf("allows(%q): %q is neither localhost nor a loopback address", host, h)
		}
	})
}

// FuzzServePath: whatever the request path, the site is asked only for a
// clean path below its root, and only for requests inside the base path
// (or for its 404 page).
func FuzzServePath(f *testing.F) {
	for _, s := range []string{"/", "/p/r/", "/p/r/../../etc/passwd", "/p/r/..", "/p/r/./x/../", "//p/r//x", "/p/r\\..\\x", "/__gongjian/../p/r/", "p/r/x", "/p/r/%2e%2e/", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if cleanPath(p) == eventsPath {
			return // a stream: it never ends by itself
		}
		site := newFakeSite("x")
		s, _ := testServer(t, "127.0.0.1:1313", "/p/r/", site)
		req := httptest.NewRequest("GET", "/", nil)
		req.URL.Path, req.Host = p, "localhost"
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		inside := strings.HasPrefix(cleanPath(p), "/p/r/")
		for _, seen := range site.requested() {
			if !strings.HasPrefix(seen, "/") || seen != cleanPath(seen) {
				t.Fatalf("GET %q asked the site for %q, not a clean path", p, seen)
			}
			if !inside && seen != "/404.html" {
				t.Fatalf("GET %q, outside the base path, asked the site for %q", p, seen)
			}
		}
		if rec.Code == http.StatusOK && !inside && !strings.HasPrefix(cleanPath(p), reservedPath) {
			t.Fatalf("GET %q = 200 outside the base path", p)
		}
	})
}
