package site

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var linkAttr = regexp.MustCompile(`(?i)\s(?:href|src)="([^"]+)"`)

// TestLinksUnderSubPath builds the demo for a base URL, serves it under
// that URL's path, crawls every page from the home page and requests every
// internal link and asset: none may be broken. The 404 page, which a
// server returns for any missing path, is checked from a deep missing path.
func TestLinksUnderSubPath(t *testing.T) {
	for _, base := range []string{"/", "/preview/pr-12/", "https://example.org/sub/"} {
		t.Run(base, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			build(t, repoRoot, Options{Out: out, BaseURL: base})
			u, _ := url.Parse(base)
			prefix := u.Path
			mux := http.NewServeMux()
			mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(out))))
			srv := httptest.NewServer(mux)
			defer srv.Close()

			seen := map[string]bool{}
			queue := []string{srv.URL + prefix}
			pages := 0
			get := func(link string) (string, int) {
				resp, err := http.Get(link)
				if err != nil {
					t.Fatalf("GET %s: %v", link, err)
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				return string(b), resp.StatusCode
			}
			check := func(from, page, body string) {
				for _, m := range linkAttr.FindAllStringSubmatch(body, -1) {
					ref := strings.ReplaceAll(m[1], "&amp;", "&")
					target, err := url.Parse(ref)
					if err != nil {
						t.Errorf("%s: bad link %q", from, ref)
						continue
					}
					if strings.HasPrefix(ref, "#") && len(ref) > 1 && !strings.Contains(body, `id="`+ref[1:]+`"`) {
						t.Errorf("%s links %q, which is on no element of the page", from, ref)
					}
					abs, _ := url.Parse(page)
					abs = abs.ResolveReference(target)
					abs.Fragment = ""
					if abs.Host != strings.TrimPrefix(srv.URL, "http://") {
						continue // a link for the reader to follow, or canonical
					}
					if !strings.HasPrefix(abs.Path, prefix) {
						t.Errorf("%s links %q, outside the site's path %s", from, ref, prefix)
						continue
					}
					key := abs.String()
					if seen[key] {
						continue
					}
					seen[key] = true
					if strings.HasSuffix(abs.Path, "/") || strings.HasSuffix(abs.Path, ".html") {
						queue = append(queue, key)
					} else if _, code := get(key); code != 200 {
						t.Errorf("%s: %s is broken (%d)", from, ref, code)
					}
				}
			}
			seen[queue[0]] = true
			for len(queue) > 0 {
				page := queue[0]
				queue = queue[1:]
				body, code := get(page)
				if code != 200 {
					t.Errorf("%s is broken (%d)", page, code)
					continue
				}
				pages++
				check(page, page, body)
			}
			if pages < 80 {
				t.Errorf("crawled %d pages from the home page; want every page", pages)
			}
			// The 404 page as a server returns it for a deep missing path.
			nf, err := os.ReadFile(filepath.Join(out, "404.html"))
			if err != nil {
				t.Fatal(err)
			}
			check("404.html", srv.URL+prefix+"no/such/page/", string(nf))
		})
	}
}
