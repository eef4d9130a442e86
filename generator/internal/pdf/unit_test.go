package pdf

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestCountPages(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"chromium", "30 0 obj\n<</Type /Pages\n/Count 3\n/Kids [2 0 R 22 0 R 24 0 R]>>\nendobj\n", 3},
		{"count first", "<</Count 7 /Kids [1 0 R] /Type /Pages>>", 7},
		{"tree: the root is the largest", "<</Type /Pages /Count 2 /Parent 9 0 R>> <</Type /Pages /Count 12>> <</Type /Pages /Count 10 /Parent 9 0 R>>", 12},
		{"outline counts are not pages", "<</Type /Outlines /Count 40>> <</Type /Pages /Count 1>>", 1},
		{"a page is not a page tree", "<</Type /Page /Count 5>>", 0},
		{"absurd count ignored", "<</Type /Pages /Count 99999999999999999999>>", 0},
		{"leading zeros", "<</Type /Pages /Count 0004>>", 4},
		{"nothing", "%PDF-1.4\n", 0},
		{"empty", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := countPages([]byte(tt.in)); got != tt.want {
				t.Errorf("countPages(%q) = %d; want %d", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzCountPages(f *testing.F) {
	f.Add([]byte("<</Type /Pages\n/Count 3\n/Kids [2 0 R]>>"))
	f.Add([]byte("<</Count 1 /Type /Pages>>"))
	f.Fuzz(func(t *testing.T, pdf []byte) {
		if n := countPages(pdf); n < 0 || n > 999999999 {
			t.Errorf("countPages(%q) = %d; want 0 ≤ n < 10⁹", pdf, n)
		}
	})
}

const testAddr = "127.0.0.1:8123"

func TestOwnURL(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"http://127.0.0.1:8123/bulletins/2023-09/", true},
		{"http://127.0.0.1:8123", true},
		{"HTTP://127.0.0.1:8123/x.css?v=1#top", true},
		{"data:image/png;base64,AAAA", true},
		{"blob:http://127.0.0.1:8123/0b6e", true},
		{"about:blank", true},
		{"http://127.0.0.1:8124/", false},
		{"http://127.0.0.1/", false},
		{"http://localhost:8123/", false},
		{"https://127.0.0.1:8123/", false},
		{"ws://127.0.0.1:8123/", false},
		{"http://127.0.0.1:8123@evil.example/", false},
		{"http://user@127.0.0.1:8123/", false},
		{"http://evil.example/?http://127.0.0.1:8123/", false},
		{"file:///etc/passwd", false},
		{"ftp://127.0.0.1:8123/", false},
		{"//127.0.0.1:8123/", false},
		{"/relative", false},
		{"http://[::1]:8123/", false},
		{"%zz", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			if got := ownURL(testAddr, tt.url); got != tt.want {
				t.Errorf("ownURL(%q, %q) = %v; want %v", testAddr, tt.url, got, tt.want)
			}
		})
	}
}

// FuzzOwnURL checks ownURL against a plain reading of the URL's text: an
// http URL let through starts with the server's origin, and nothing
// follows it but a path, a query or a fragment.
func FuzzOwnURL(f *testing.F) {
	f.Add("http://127.0.0.1:8123/x")
	f.Add("http://127.0.0.1:8123@evil/")
	f.Add("http://127.0.0.1:81234/")
	f.Add("data:,x")
	f.Fuzz(func(t *testing.T, raw string) {
		if !ownURL(testAddr, raw) {
			return
		}
		scheme, rest, _ := strings.Cut(raw, ":")
		switch strings.ToLower(scheme) {
		case "data", "blob", "about":
			return
		case "http":
			after, ok := strings.CutPrefix(rest, "//"+testAddr)
			if ok && (after == "" || strings.ContainsAny(after[:1], "/?#")) {
				return
			}
		}
		t.Errorf("ownURL(%q, %q) = true; want false", testAddr, raw)
	})
}

// TestServerRefuses asks the local server as a proxy for its own pages and
// for others: it serves its own, in the form an origin server gets them,
// and refuses the rest.
func TestServerRefuses(t *testing.T) {
	tests := []struct {
		method, target string
		want           int
		wantURI        string // what the site sees
	}{
		{"GET", "http://" + testAddr + "/bulletins/2023-09/?print=1", http.StatusOK, "/bulletins/2023-09/?print=1"},
		{"GET", "/chart.svg", http.StatusOK, "/chart.svg"},
		{"GET", "http://127.0.0.1:9999/img.png", http.StatusForbidden, ""},
		{"GET", "http://localhost:8123/", http.StatusForbidden, ""},
		{"POST", "http://evil.example/beacon", http.StatusForbidden, ""},
		{"CONNECT", testAddr, http.StatusForbidden, ""},
		{"CONNECT", "evil.example:443", http.StatusForbidden, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			var seen string
			s := &server{addr: testAddr, origin: "http://" + testAddr, site: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				seen = r.RequestURI
				if r.URL.Host != "" || r.URL.Scheme != "" {
					t.Errorf("the site sees URL %q; want a path", r.URL)
				}
			})}
			r := httptest.NewRequest(tt.method, tt.target, nil)
			if !strings.HasPrefix(tt.target, "http") && tt.method != "CONNECT" {
				r.Host = testAddr
			}
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			if w.Code != tt.want || seen != tt.wantURI {
				t.Errorf("%s %s = %d, site saw %q; want %d, %q", tt.method, tt.target, w.Code, seen, tt.want, tt.wantURI)
			}
		})
	}
}

func TestSheets(t *testing.T) {
	tests := []struct {
		height float64
		want   int
	}{
		{0, 1}, {-5, 1}, {1, 1}, {sheetHeight, 1}, {sheetHeight + 1, 2}, {10 * sheetHeight, 10}, {1e12, maxSheets},
	}
	for _, tt := range tests {
		if got := sheets(tt.height); got != tt.want {
			t.Errorf("sheets(%v) = %d; want %d", tt.height, got, tt.want)
		}
	}
}

// TestDeadline checks the limits a job gets, not how time passes.
func TestDeadline(t *testing.T) {
	tests := []struct {
		name   string
		fixed  time.Duration
		sheets int
		want   time.Duration
	}{
		{"default, one sheet", 0, 1, DefaultBase + DefaultPerSheet},
		{"default, five sheets", 0, 5, DefaultBase + 5*DefaultPerSheet},
		{"fixed stays fixed", 2 * time.Second, 5, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDeadline(tt.fixed, func() {})
			defer d.stop()
			d.extend(tt.sheets)
			if got := d.limit(); got != tt.want {
				t.Errorf("limit after extend(%d) = %v; want %v", tt.sheets, got, tt.want)
			}
		})
	}
}

func TestProgressEnd(t *testing.T) {
	tests := []struct {
		r    Result
		took time.Duration
		want string
	}{
		{Result{Pages: 1}, 3100 * time.Millisecond, "3.1 s, 1 page"},
		{Result{Pages: 4, Blocked: []string{"a"}}, 250 * time.Millisecond, "0.2 s, 4 pages, 1 request blocked"},
		{Result{Pages: 2, Blocked: []string{"a", "b"}}, time.Second, "1.0 s, 2 pages, 2 requests blocked"},
		{Result{Err: errors.New("x")}, 2 * time.Second, "failed after 2.0 s"},
	}
	for _, tt := range tests {
		if got := progressEnd(&tt.r, tt.took); got != tt.want {
			t.Errorf("progressEnd(%+v, %v) = %q; want %q", tt.r, tt.took, got, tt.want)
		}
	}
}

// TestPrintBeforeBrowser covers what fails before any browser runs.
func TestPrintBeforeBrowser(t *testing.T) {
	tests := []struct {
		name    string
		jobs    []Job
		browser string
		want    string // "" = no error
	}{
		{"no jobs", nil, "/nonexistent/chromium", ""},
		{"no such browser", []Job{{Path: "/"}}, "/nonexistent/chromium", "browser /nonexistent/chromium: stat"},
		{"a directory", []Job{{Path: "/"}}, t.TempDir(), "is a directory, not an executable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Print(context.Background(), http.NotFoundHandler(), tt.jobs, Options{Browser: tt.browser})
			if tt.want == "" {
				if err != nil || res != nil {
					t.Errorf("Print(%v) = %v, %v; want nothing", tt.jobs, res, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || res != nil {
				t.Errorf("Print(%v) = %v, %v; want no results and an error containing %q", tt.jobs, res, err, tt.want)
			}
		})
	}
}
