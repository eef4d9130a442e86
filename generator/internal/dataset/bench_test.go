package dataset_test

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/synth"
)

// BenchmarkLoad loads a synthetic campaign of 10,000 projects, as
// `generator synth --projects 10000 --regions 100 --departments 40`
// writes it: from disk, and from memory (the loader's own work).
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Options{Projects: 10000, Regions: 100, Departments: 40, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	disk := os.DirFS(dir)
	mem := fstest.MapFS{}
	size := int64(0)
	if err := fs.WalkDir(disk, ".", func(p string, d fs.DirEntry, err error) error {
		if d != nil && d.Type().IsRegular() {
			data, _ := fs.ReadFile(disk, p)
			mem[p] = &fstest.MapFile{Data: data}
			size += int64(len(data))
		}
		return err
	}); err != nil {
		b.Fatal(err)
	}
	for _, bb := range []struct {
		name string
		fsys fs.FS
	}{{"disk", disk}, {"memory", mem}} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(size)
			for b.Loop() {
				s, err := dataset.Load(bb.fsys)
				if err != nil {
					b.Fatal(err)
				}
				if len(s.Projects) != 10000 {
					b.Fatalf("Load: %d projects; want 10000", len(s.Projects))
				}
			}
		})
	}
}
