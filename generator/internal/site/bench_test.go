package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/metrics"
	"gongjian/generator/internal/synth"
)

// Benchmarks of a synthetic campaign (generator synth): the whole build
// and its phases. Sites are written once per size and shared; every build
// writes into a never-used directory (performance-notes.md: deleting many
// files slows the next creations), removed only after the timing.

var synthSites sync.Map // size → dir

func synthSite(b *testing.B, projects, regions, depts int) string {
	b.Helper()
	key := fmt.Sprint(projects, regions, depts)
	if d, ok := synthSites.Load(key); ok {
		return d.(string)
	}
	dir := filepath.Join(os.TempDir(), "gongjian-bench-"+key)
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err != nil {
		if err := synth.Write(dir, synth.Options{Projects: projects, Regions: regions, Departments: depts, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	synthSites.Store(key, dir)
	return dir
}

func benchBuild(b *testing.B, projects, regions, depts int) {
	src := synthSite(b, projects, regions, depts)
	outs := b.TempDir()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := Build(context.Background(), Options{Source: src, Layouts: layouts, Out: filepath.Join(outs, fmt.Sprint(i))}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuild1k(b *testing.B)  { benchBuild(b, 1000, 20, 12) }
func BenchmarkBuild10k(b *testing.B) { benchBuild(b, 10000, 100, 40) }

// BenchmarkLoad10k: reading and validating site.toml and content/.
func BenchmarkLoad10k(b *testing.B) {
	src := synthSite(b, 10000, 100, 40)
	for b.Loop() {
		if _, err := dataset.Load(os.DirFS(src)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMetrics10k: every snapshot a build needs (each report date and
// the main rankings).
func BenchmarkMetrics10k(b *testing.B) {
	data, err := dataset.Load(os.DirFS(synthSite(b, 10000, 100, 40)))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		e := metrics.NewEngine(data)
		for _, d := range e.ReportDates() {
			s := e.At(d)
			if _, err := s.MainRanking("regions"); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkRender10k: pages, charts and files with the data and figures
// ready, into a sink that keeps nothing.
func BenchmarkRender10k(b *testing.B) {
	src := synthSite(b, 10000, 100, 40)
	opts := Options{Source: src, Layouts: layouts}
	opts.defaults()
	bl, err := prepare(opts)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if err := bl.render(context.Background(), discard{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProjectPage: one project page through the layouts, its charts
// and markdown already prepared (per op: one page).
func BenchmarkProjectPage(b *testing.B) {
	src := synthSite(b, 1000, 20, 12)
	opts := Options{Source: src, Layouts: layouts}
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
