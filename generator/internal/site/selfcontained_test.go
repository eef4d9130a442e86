package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Resource-loading constructs with an absolute (or protocol-relative) URL.
// Links for the reader (<a href>), canonical links, the feed and the
// sitemap may be absolute; nothing a page loads may be.
var (
	htmlLoad = regexp.MustCompile(`(?is)<(script|img|iframe|frame|source|video|audio|embed|track|input)\b[^>]*?\s(?:src|srcset|poster)\s*=\s*["']?\s*((?:[a-z][a-z0-9+.-]*:)?//[^"'\s>]+)`)
	linkLoad = regexp.MustCompile(`(?is)<link\b[^>]*>`)
	objLoad  = regexp.MustCompile(`(?is)<object\b[^>]*?\sdata\s*=\s*["']?\s*((?:[a-z][a-z0-9+.-]*:)?//[^"'\s>]+)`)
	cssLoad  = regexp.MustCompile(`(?i)(?:url\(\s*["']?|@import\s+["'])\s*((?:[a-z][a-z0-9+.-]*:)?//[^"')\s]+)`)
	absURL   = regexp.MustCompile(`(?i)href\s*=\s*["']?\s*((?:[a-z][a-z0-9+.-]*:)?//[^"'\s>]+)`)
	relAttr  = regexp.MustCompile(`(?i)\srel\s*=\s*["']?([^"'>]+)`)
)

// offsiteLoads lists what a file loads from another host.
func offsiteLoads(name string, b []byte) []string {
	s := string(b)
	var out []string
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xml":
		// Feeds and sitemaps name absolute URLs by design; only an
		// embedded resource would be loaded.
		for _, m := range htmlLoad.FindAllStringSubmatch(s, -1) {
			out = append(out, m[2])
		}
	case ".html", ".htm", ".svg":
		for _, m := range htmlLoad.FindAllStringSubmatch(s, -1) {
			out = append(out, m[2])
		}
		for _, m := range objLoad.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		for _, tag := range linkLoad.FindAllString(s, -1) {
			href := absURL.FindStringSubmatch(tag)
			if href == nil {
				continue
			}
			rel := ""
			if r := relAttr.FindStringSubmatch(tag); r != nil {
				rel = strings.ToLower(r[1])
			}
			// canonical and alternate only name a URL; everything else loads it.
			if rel != "canonical" && rel != "alternate" {
				out = append(out, href[1])
			}
		}
		for _, m := range cssLoad.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
	case ".css":
		for _, m := range cssLoad.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// TestNothingLoadsFromAnotherHost scans every file of the built demo.
func TestNothingLoadsFromAnotherHost(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, repoRoot, Options{Out: out})
	n := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		for _, u := range offsiteLoads(p, b) {
			rel, _ := filepath.Rel(out, p)
			t.Errorf("%s loads %s from another host", rel, u)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("scanned only %d files", n)
	}
}

// TestOffsiteScanner proves the scanner catches what it must and lets
// reader links through.
func TestOffsiteScanner(t *testing.T) {
	bad := map[string]string{
		"a.html": `<script src="https://cdn.example.com/echarts.js"></script>`,
		"b.html": `<link rel="stylesheet" href="//fonts.example.com/css">`,
		"c.html": `<img alt="" src='http://x.example/i.png'>`,
		"d.css":  `@import "https://x.example/a.css"; body { background: url(https://x.example/b.png) }`,
		"e.html": `<iframe src="https://x.example/"></iframe>`,
		"f.html": `<div style="background:url('//x.example/a.png')"></div>`,
	}
	for name, s := range bad {
		if got := offsiteLoads(name, []byte(s)); len(got) == 0 {
			t.Errorf("offsiteLoads(%s) found nothing in %s", name, s)
		}
	}
	good := `<a href="https://example.gov.cn/">x</a><link rel="canonical" href="https://example.org/x/"><script src="../assets/echarts.min.js"></script>`
	if got := offsiteLoads("g.html", []byte(good)); len(got) != 0 {
		t.Errorf("offsiteLoads(reader links) = %v; want none", got)
	}
}
