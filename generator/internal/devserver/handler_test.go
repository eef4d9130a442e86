package devserver

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testServer is a server serving site as build "b1" under base, without
// listening: requests go straight to ServeHTTP.
func testServer(t *testing.T, addr, base string, site Site) (*server, *syncBuffer) {
	t.Helper()
	var out syncBuffer
	s, err := newServer(Config{Addr: addr, BasePath: base, Stdout: &out, Stderr: &out, Load: func(context.Context) (Site, []Problem, error) { return site, nil, nil }})
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(addr)
	p, _ := strconv.Atoi(port)
	s.listening(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: p})
	if site != nil {
		s.site, s.build = site, "b1"
	}
	return s, &out
}

func serve(s *server, method, target, host string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	req.Host = host
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

// TestHostCheck: only names of this machine get answers (DNS rebinding).
func TestHostCheck(t *testing.T) {
	lan := func() ([]net.Addr, error) {
		return []net.Addr{
			&net.IPNet{IP: net.IPv4(127, 0, 0, 1), Mask: net.CIDRMask(8, 32)},
			&net.IPNet{IP: net.IPv4(192, 168, 1, 20), Mask: net.CIDRMask(24, 32)},
			&net.IPNet{IP: net.ParseIP("fd00::20"), Mask: net.CIDRMask(64, 128)},
		}, nil
	}
	for _, tc := range []struct {
		bind, host string
		want       int
	}{
		{"127.0.0.1:1313", "evil.example", 403},
		{"127.0.0.1:1313", "evil.example:1313", 403},
		{"127.0.0.1:1313", "localhost:1313", 200},
		{"127.0.0.1:1313", "localhost", 200},
		{"127.0.0.1:1313", "LOCALHOST:8080", 200},
		{"127.0.0.1:1313", "127.0.0.1:1313", 200},
		{"127.0.0.1:1313", "127.0.0.1", 200},
		{"127.0.0.1:1313", "[::1]:1313", 200},
		{"127.0.0.1:1313", "[::1]", 200},
		{"127.0.0.1:1313", "[::ffff:127.0.0.1]:1313", 200},
		{"127.0.0.1:1313", "127.0.0.2:1313", 403},
		{"127.0.0.1:1313", "192.168.1.20:1313", 403},
		{"127.0.0.1:1313", "", 403},
		{"127.0.0.1:1313", "localhost.evil.example", 403},
		{"127.0.0.1:1313", "evil.localhost", 403},
		{"127.0.0.1:1313", "localhost:13x3", 403},
		{"127.0.0.1:1313", "::1", 403},
		{"127.0.0.1:1313", "[127.0.0.1]:1313", 403},
		{"127.0.0.1:1313", "[::1", 403},
		{"127.0.0.1:1313", "[::1]x", 403},
		{"127.0.0.1:1313", "0.0.0.0:1313", 403},
		// Every interface: the exact bind and this machine's addresses.
		{"0.0.0.0:1313", "0.0.0.0:1313", 200},
		{"0.0.0.0:1313", "192.168.1.20:1313", 200},
		{"0.0.0.0:1313", "192.168.1.21:1313", 403},
		{"0.0.0.0:1313", "[fd00::20]:1313", 200},
		{"0.0.0.0:1313", "mybox:1313", 403},
		{"0.0.0.0:1313", "evil.example", 403},
		{"0.0.0.0:1313", "localhost:1313", 200},
		{":1313", "192.168.1.20:1313", 200},
		{"[::]:1313", "192.168.1.20", 200},
		// One LAN address: that one only.
		{"192.168.1.20:1313", "192.168.1.20:1313", 200},
		{"192.168.1.20:1313", "192.168.1.20", 200},
		{"192.168.1.20:1313", "[fd00::20]:1313", 403},
		{"192.168.1.20:1313", "localhost:1313", 200},
		// A name given to --bind is the user's choice: that name only.
		{"mybox.lan:1313", "MyBox.lan:1313", 200},
		{"mybox.lan:1313", "other.lan:1313", 403},
		{"mybox.lan:1313", "192.168.1.20:1313", 403},
	} {
		s, _ := testServer(t, tc.bind, "/", newFakeSite("x"))
		s.hosts.ifaceAddrs = lan
		rec := serve(s, "GET", "/", tc.host)
		if rec.Code != tc.want {
			t.Errorf("bind %s, Host %q: status %d; want %d", tc.bind, tc.host, rec.Code, tc.want)
			continue
		}
		if tc.want == 403 {
			body := rec.Body.String()
			if ct := rec.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" || !strings.Contains(body, "DNS rebinding") || !strings.Contains(body, strconv.Quote(tc.host)) {
				t.Errorf("bind %s, Host %q: 403 as %s %q; want plain text naming the host and why", tc.bind, tc.host, ct, body)
			}
		}
	}
}

// TestHostCheckEveryPath: the server's own endpoints are checked too, and
// a live server answers a foreign Host with 403.
func TestHostCheckEveryPath(t *testing.T) {
	load := func(context.Context) (Site, []Problem, error) { return newFakeSite("x"), nil, nil }
	r := start(t, Config{Load: load, BasePath: "/p/"})
	for _, p := range []string{"/", "/p/", "/p/style.css", "/nope", errorsPath, eventsPath, scriptPath, "/__gongjian/x"} {
		for host, want := range map[string]int{"evil.example": 403, "localhost:1313": 0} {
			req, err := http.NewRequest("GET", r.origin+p, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Host = host
			resp, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close() // the events stream never ends by itself
			if want == 403 && resp.StatusCode != 403 || want == 0 && resp.StatusCode == 403 {
				t.Errorf("GET %s with Host %q = %d; want 403 only for the foreign host", p, host, resp.StatusCode)
			}
		}
	}
}

// TestServePaths: the site under its base path, redirects to it, the
// site's 404 page outside it, and no way up with "..".
func TestServePaths(t *testing.T) {
	for _, tc := range []struct {
		target   string
		code     int
		location string // for redirects
		body     string // a part of the body
		sitePath string // the path the site is asked for ("" none)
	}{
		{"/p/r/", 200, "", ">x<", "/"},
		{"/p/r/?q=1", 200, "", ">x<", "/"},
		{"/p/r/dir/", 200, "", ">dir<", "/dir/"},
		{"/p/r/dir", 302, "/p/r/dir/", "", "/dir"},
		{"/p/r/style.css", 200, "", "body { color: black }\n</body>\n", "/style.css"},
		{"/p/r/no/such/", 404, "", "site 404", "/no/such/"},
		{"/p/r", 302, "/p/r/", "", ""},
		{"/", 302, "/p/r/", "", ""},
		{"/?q=1", 302, "/p/r/?q=1", "", ""},
		{"/p/", 404, "", "site 404", "/404.html"},
		{"/dir/", 404, "", "site 404", "/404.html"},
		{"/p/r/../../etc/passwd", 404, "", "site 404", "/404.html"},
		{"/p/r/../r-secret", 404, "", "site 404", "/404.html"},
		{"/p/r/%2e%2e/%2e%2e/etc/passwd", 404, "", "site 404", "/404.html"},
		{"/p/r/..%2f..%2fetc%2fpasswd", 404, "", "site 404", "/404.html"},
		{"/p/r/a/../../r/style.css", 200, "", "color: black", "/style.css"},
		{"/p/r/./dir/./", 200, "", ">dir<", "/dir/"},
		{"/p/r/a/b/../../../../..", 302, "/p/r/", "", ""},
		{"/p/r/../../../../x", 404, "", "site 404", "/404.html"},
		{"/p/r//dir/", 200, "", ">dir<", "/dir/"},
		{"/__gongjian/", 404, "", "404 page not found", ""},
		{"/__gongjian/../p/r/", 200, "", ">x<", "/"},
	} {
		t.Run(tc.target, func(t *testing.T) {
			site := newFakeSite("x")
			s, _ := testServer(t, "127.0.0.1:1313", "/p/r/", site)
			rec := serve(s, "GET", tc.target, "localhost:1313")
			if rec.Code != tc.code || rec.Header().Get("Location") != tc.location || !strings.Contains(rec.Body.String(), tc.body) {
				t.Errorf("GET %s = %d, Location %q, %q; want %d, %q, with %q", tc.target, rec.Code, rec.Header().Get("Location"), rec.Body.String(), tc.code, tc.location, tc.body)
			}
			seen := site.requested()
			if tc.sitePath == "" && len(seen) != 0 || tc.sitePath != "" && (len(seen) != 1 || seen[0] != tc.sitePath) {
				t.Errorf("GET %s asked the site for %q; want %q", tc.target, seen, tc.sitePath)
			}
		})
	}
}

// TestServeInjects: HTML answers get the script once, before </body>,
// whatever their status; nothing else is touched.
func TestServeInjects(t *testing.T) {
	tag := scriptTag("b1")
	s, _ := testServer(t, "127.0.0.1:1313", "/", newFakeSite("x"))
	for _, tc := range []struct {
		target string
		code   int
		want   string
	}{
		{"/", 200, "<p id=\"v\">x</p>\n" + tag + "</body>\n</html>\n"},
		{"/no/", 404, "<h1>site 404</h1>" + tag + "</body></html>"},
		{"/style.css", 200, "body { color: black }\n</body>\n"},
	} {
		rec := serve(s, "GET", tc.target, "localhost")
		body := rec.Body.String()
		if rec.Code != tc.code || !strings.HasSuffix(body, tc.want) || strings.Count(body, "live.js") > 1 {
			t.Errorf("GET %s = %d %q; want %d ending %q", tc.target, rec.Code, body, tc.code, tc.want)
		}
		if cl := rec.Header().Get("Content-Length"); cl != strconv.Itoa(len(body)) {
			t.Errorf("GET %s: Content-Length %s for %d bytes", tc.target, cl, len(body))
		}
	}
	if cc := serve(s, "GET", "/", "localhost").Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("an HTML page has Cache-Control %q; want no-store (the next build answers otherwise)", cc)
	}
}

// inject is the page as deliver writes it.
func inject(page []byte, tag string) []byte {
	at := injectAt(page)
	return append(append(append([]byte(nil), page[:at]...), tag...), page[at:]...)
}

func TestInject(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<html><body><p>x</p></body></html>", "<html><body><p>x</p>TAG</body></html>"},
		{"<p>\"</body>\"</p>\n</BODY>\n</html>", "<p>\"</body>\"</p>\nTAG</BODY>\n</html>"},
		{"<p>x</p></body ></html>", "<p>x</p>TAG</body ></html>"},
		{"<p>x</p></body\n>", "<p>x</p>TAG</body\n>"},
		{"</body><body-part>x</body-part>", "TAG</body><body-part>x</body-part>"},
		{"<p>no body end</p>", "<p>no body end</p>TAG"},
		{"<p>cut </body", "<p>cut TAG</body"},
		{"</bod", "</bodTAG"},
		{"", "TAG"},
		{"<<<</body>", "<<<TAG</body>"},
	} {
		if got := string(inject([]byte(tc.in), "TAG")); got != tc.want {
			t.Errorf("inject(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
	if got := scriptTag(`"><script>alert(1)</script>`); strings.Count(got, "<script") != 1 {
		t.Errorf("scriptTag with markup in the build id = %q; want it escaped", got)
	}
}

// TestServeHEAD: a HEAD answer has the length the GET's body has.
func TestServeHEAD(t *testing.T) {
	site := newFakeSite("x")
	s, _ := testServer(t, "127.0.0.1:1313", "/", headSite{site})
	get := serve(s, "GET", "/", "localhost")
	head := serve(s, "HEAD", "/", "localhost")
	if head.Code != 200 || head.Body.Len() != 0 || head.Header().Get("Content-Length") != strconv.Itoa(get.Body.Len()) {
		t.Errorf("HEAD / = %d, %d bytes, Content-Length %q; want 200, none, %d", head.Code, head.Body.Len(), head.Header().Get("Content-Length"), get.Body.Len())
	}
}

// headSite answers HEAD as http.ServeContent does: the length, no body.
type headSite struct{ *fakeSite }

func (h headSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodHead {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(h.files["/index.html"])))
		return
	}
	h.fakeSite.ServeHTTP(w, r)
}

// TestServeSitePanics: a panic in the site's handler is a 500 that names
// it; the server goes on.
func TestServeSitePanics(t *testing.T) {
	site := newFakeSite("x")
	site.panics = true
	s, out := testServer(t, "127.0.0.1:1313", "/", site)
	rec := serve(s, "GET", "/", "localhost")
	if want := "500 internal error serving /: fake site failed"; rec.Code != 500 || !strings.HasPrefix(rec.Body.String(), want) {
		t.Errorf("GET / = %d %q; want 500 %q…", rec.Code, rec.Body.String(), want)
	}
	if want := "generator: error: internal error serving /: fake site failed\n"; !strings.Contains(out.String(), want) {
		t.Errorf("terminal %q; want %q and the stack", out.String(), want)
	}
}

// TestServeScript: live.js carries the labels and the events path.
func TestServeScript(t *testing.T) {
	var out syncBuffer
	s, err := newServer(Config{Labels: LabelsFor("zh-Hans"), Stdout: &out, Load: func(context.Context) (Site, []Problem, error) { return nil, nil, nil }})
	if err != nil {
		t.Fatal(err)
	}
	rec := serve(s, "GET", scriptPath, "localhost")
	body := rec.Body.String()
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "text/javascript; charset=utf-8" || !strings.Contains(body, `"hide":"隐藏"`) || !strings.Contains(body, `"`+eventsPath+`"`) || strings.Contains(body, "/*LABELS*/") {
		t.Errorf("GET %s = %d %s %q; want the script with the labels", scriptPath, rec.Code, rec.Header().Get("Content-Type"), body)
	}
}

// TestReservedMethods: the server's own endpoints only read.
func TestReservedMethods(t *testing.T) {
	s, _ := testServer(t, "127.0.0.1:1313", "/", newFakeSite("x"))
	for _, tc := range []struct{ method, path, allow string }{
		{"POST", scriptPath, "GET, HEAD"},
		{"PUT", errorsPath, "GET, HEAD"},
		{"POST", eventsPath, "GET"},
		{"HEAD", eventsPath, "GET"},
	} {
		if rec := serve(s, tc.method, tc.path, "localhost"); rec.Code != 405 || rec.Header().Get("Allow") != tc.allow {
			t.Errorf("%s %s = %d, Allow %q; want 405, %q", tc.method, tc.path, rec.Code, rec.Header().Get("Allow"), tc.allow)
		}
	}
	if rec := serve(s, "HEAD", errorsPath, "localhost"); rec.Code != 200 {
		t.Errorf("HEAD %s = %d; want 200", errorsPath, rec.Code)
	}
}

// TestEventsPingAndEnd: an idle stream gets keep-alive comments, and every
// stream ends when the server stops.
func TestEventsPingAndEnd(t *testing.T) {
	s, _ := testServer(t, "127.0.0.1:1313", "/", newFakeSite("x"))
	s.ping = 5 * time.Millisecond
	hs := httptest.NewServer(s)
	defer hs.Close()
	client := hs.Client()
	ev := openEvents(t, context.Background(), client, hs.URL+eventsPath)
	if st := waitEvent(t, ev, "hello", nil); st.Build != "b1" {
		t.Errorf("hello build %q; want b1", st.Build)
	}
	waitEvent(t, ev, "comment", nil)
	s.closeStreams()
	for range ev { // ends
	}
	resp, body := get(t, "GET", hs.URL+eventsPath, nil)
	if resp.StatusCode != 200 || body != "retry: 1000\n\n" {
		t.Errorf("GET %s after stopping = %d %q; want 200 and only a retry", eventsPath, resp.StatusCode, body)
	}
}

// TestBroadcastDropsSlowStreams: a stream that does not read is dropped
// rather than blocking the server.
func TestBroadcastDropsSlowStreams(t *testing.T) {
	s, _ := testServer(t, "127.0.0.1:1313", "/", newFakeSite("x"))
	slow := make(chan []byte) // never read
	fast := make(chan []byte, 1)
	s.subs[slow], s.subs[fast] = struct{}{}, struct{}{}
	s.mu.Lock()
	s.broadcast("reload", s.stateLocked())
	s.mu.Unlock()
	if _, ok := s.subs[slow]; ok {
		t.Errorf("a stream that cannot take an event is kept")
	}
	if msg := string(<-fast); !strings.HasPrefix(msg, "event: reload\ndata: {\"build\":\"b1\",\"errors\":[]}\n\n") {
		t.Errorf("the other stream got %q", msg)
	}
}

func TestCleanBase(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"", "/", ""},
		{"/", "/", ""},
		{"/preview/pr-12/", "/preview/pr-12/", ""},
		{"preview/pr-12", "/preview/pr-12/", ""},
		{"//a//b/./c/..", "/a/b/", ""},
		{"/../..", "/", ""},
		{"/预览/", "/预览/", ""},
		{"/a?b", "", `base path "/a?b": expected a plain path such as /preview/pr-12/`},
		{"/a#b", "", `base path "/a#b": expected a plain path such as /preview/pr-12/`},
		{"/a\\b", "", `base path "/a\\b": expected a plain path such as /preview/pr-12/`},
		{"/a\nb", "", `base path "/a\nb": expected a plain path such as /preview/pr-12/`},
		{"/__gongjian", "", `base path "/__gongjian": /__gongjian/ is the server's own`},
		{"/__gongjian/x", "", `base path "/__gongjian/x": /__gongjian/ is the server's own`},
	} {
		got, err := cleanBase(tc.in)
		errText := ""
		if err != nil {
			errText = err.Error()
		}
		if got != tc.want || errText != tc.err {
			t.Errorf("cleanBase(%q) = %q, %v; want %q, %q", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestCleanPath(t *testing.T) {
	for in, want := range map[string]string{
		"": "/", "/": "/", "a": "/a", "/a/": "/a/", "/a/../b/": "/b/", "/../..": "/", "/../../": "/",
		"/a/./b": "/a/b", "//a//b//": "/a/b/", "/a/..": "/", "/a/../": "/",
	} {
		if got := cleanPath(in); got != want {
			t.Errorf("cleanPath(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestServeEscapedBase: a base path outside ASCII is matched decoded and
// written escaped in redirects.
func TestServeEscapedBase(t *testing.T) {
	s, _ := testServer(t, "127.0.0.1:1313", "/预览/", newFakeSite("x"))
	for _, tc := range []struct {
		target   string
		code     int
		location string
	}{
		{"/", 302, "/%E9%A2%84%E8%A7%88/"},
		{"/%E9%A2%84%E8%A7%88", 302, "/%E9%A2%84%E8%A7%88/"},
		{"/%E9%A2%84%E8%A7%88/dir", 302, "/%E9%A2%84%E8%A7%88/dir/"},
		{"/%E9%A2%84%E8%A7%88/", 200, ""},
		{"/%E9%A2%84/", 404, ""},
	} {
		rec := serve(s, "GET", tc.target, "localhost")
		if rec.Code != tc.code || rec.Header().Get("Location") != tc.location {
			t.Errorf("GET %s = %d, Location %q; want %d, %q", tc.target, rec.Code, rec.Header().Get("Location"), tc.code, tc.location)
		}
	}
}

// BenchmarkServePage measures what the server adds to a site's answer
// for a 60 kB page: the Host check, the copy and the script injected.
func BenchmarkServePage(b *testing.B) {
	site := newFakeSite(strings.Repeat("<tr><td>红墩子煤矿</td><td>5.59</td></tr>\n", 1500))
	s, err := newServer(Config{Load: func(context.Context) (Site, []Problem, error) { return site, nil, nil }})
	if err != nil {
		b.Fatal(err)
	}
	s.site, s.build = site, "b1"
	req := httptest.NewRequest("GET", "/", nil)
	req.Host = "localhost:1313"
	b.SetBytes(int64(len(site.files["/index.html"])))
	for b.Loop() {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

// BenchmarkSiteDirect is the same page from the site's handler alone.
func BenchmarkSiteDirect(b *testing.B) {
	site := newFakeSite(strings.Repeat("<tr><td>红墩子煤矿</td><td>5.59</td></tr>\n", 1500))
	req := httptest.NewRequest("GET", "/", nil)
	b.SetBytes(int64(len(site.files["/index.html"])))
	for b.Loop() {
		site.ServeHTTP(httptest.NewRecorder(), req)
	}
}
