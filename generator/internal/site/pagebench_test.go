package site

import (
	"os"
	"testing"
)

// BenchmarkProjectPage: one project page through the layouts, its charts
// and markdown already prepared (per op: one page).
func BenchmarkProjectPage(b *testing.B) {
	src := synthSite(b, 1000, 20, 12)
	lay := layouts
	if d := os.Getenv("BENCH_LAYOUTS"); d != "" {
		lay = d
	}
	opts := Options{Source: src, Layouts: lay}
	opts.defaults()
	bl, err := prepare(opts)
	if err != nil {
		b.Fatal(err)
	}
	jobs, err := bl.jobs()
	if err != nil {
		b.Fatal(err)
	}
	var pages []*Page
	for _, j := range jobs {
		if j.page != nil && j.page.Kind == "project" {
			if j.setup != nil {
				if err := j.setup(j.page); err != nil {
					b.Fatal(err)
				}
			}
			pages = append(pages, j.page)
		}
	}
	b.ResetTimer()
	i := 0
	var w bufWriter
	for b.Loop() {
		w.Reset()
		if err := bl.tpl.execute(&w, pages[i%len(pages)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
