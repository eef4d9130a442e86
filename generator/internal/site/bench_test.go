package site

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"gongjian/generator/internal/synth"
)

var (
	benchOnce sync.Once
	benchDir  string
)

// benchSite writes a synthetic 10,000-project site once per test binary
// ($GONGJIAN_BENCH_SITE: an existing site instead).
func benchSite(b *testing.B) string {
	if dir := os.Getenv("GONGJIAN_BENCH_SITE"); dir != "" {
		return dir
	}
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gongjian-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
		if err := synth.Write(dir, synth.Options{Projects: 10000, Regions: 100, Departments: 40, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	})
	return benchDir
}

// BenchmarkPages10k renders every page of a 10,000-project site without
// writing them: the templates and view models alone.
func BenchmarkPages10k(b *testing.B) {
	src := benchSite(b)
	bl, err := prepare(Options{Source: src, Layouts: filepath.Join(src, "layouts")})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		bl.frag = fragments{}
		if err := bl.render(context.Background(), discard{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild10k builds a 10,000-project site to disk.
func BenchmarkBuild10k(b *testing.B) {
	src := benchSite(b)
	for i := 0; i < b.N; i++ {
		out := filepath.Join(b.TempDir(), "public")
		if _, err := Build(context.Background(), Options{Source: src, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKinds10k renders each page kind of a 10,000-project site alone.
func BenchmarkKinds10k(b *testing.B) {
	src := benchSite(b)
	bl, err := prepare(Options{Source: src, Layouts: filepath.Join(src, "layouts")})
	if err != nil {
		b.Fatal(err)
	}
	jobs, err := bl.jobs()
	if err != nil {
		b.Fatal(err)
	}
	byKind := map[string][]*job{}
	var kinds []string
	for _, j := range jobs {
		if byKind[j.kind] == nil {
			kinds = append(kinds, j.kind)
		}
		byKind[j.kind] = append(byKind[j.kind], j)
	}
	for _, k := range kinds {
		b.Run(k, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				bl.frag = fragments{}
				if err := bl.renderJobs(context.Background(), discard{}, byKind[k]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkProjectLayout renders the project pages with the layouts in
// $GONGJIAN_BENCH_LAYOUTS (to compare variants of project.html).
func BenchmarkProjectLayout(b *testing.B) {
	src := benchSite(b)
	lay := os.Getenv("GONGJIAN_BENCH_LAYOUTS")
	if lay == "" {
		b.Skip("GONGJIAN_BENCH_LAYOUTS not set")
	}
	bl, err := prepare(Options{Source: src, Layouts: lay})
	if err != nil {
		b.Fatal(err)
	}
	jobs, _ := bl.jobs()
	var ps []*job
	for _, j := range jobs {
		if j.kind == "project" {
			ps = append(ps, j)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		bl.frag = fragments{}
		if err := bl.renderJobs(context.Background(), discard{}, ps); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReload10k is what serve does when a project file is saved: the
// site loaded, its figures and layouts prepared, and the edited project's
// page rendered (the other pages render when asked).
func BenchmarkReload10k(b *testing.B) {
	src := benchSite(b)
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		l, err := Prepare(ctx, Options{Source: src})
		if err != nil {
			b.Fatal(err)
		}
		if _, ok, err := l.File("projects/p000001/index.html"); !ok || err != nil {
			b.Fatalf("project page: %v %v", ok, err)
		}
		l.Close()
	}
}
