//go:build unix

package dataset_test

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/synth"
)

// BenchmarkLoad10k is the site package's BenchmarkLoad10k, here so that
// loading can be measured on its own: it loads the same synthetic site,
// written once into $TMPDIR and shared with that benchmark. Besides wall
// time it reports the CPU time of the process (cpu-ns/op), which other
// work on a busy machine disturbs less.
func BenchmarkLoad10k(b *testing.B) {
	const projects, regions, depts = 10000, 100, 40
	dir := filepath.Join(os.TempDir(), "gongjian-bench-"+fmt.Sprint(projects, regions, depts))
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err != nil {
		if err := synth.Write(dir, synth.Options{Projects: projects, Regions: regions, Departments: depts, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	start := cpuTime()
	for b.Loop() {
		if _, err := dataset.Load(os.DirFS(dir)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the user and system time the process has used, in ns.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
