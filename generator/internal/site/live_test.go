package site

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestLiveMatchesBuild: every file a served site renders on request is
// the file the build writes, also when pages are asked for concurrently
// and more than once; a path the site lacks is not found.
func TestLiveMatchesBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res := build(t, repoRoot, out, nil)
	live, err := Prepare(context.Background(), Options{Source: repoRoot, Layouts: layouts})
	if err != nil {
		t.Fatal(err)
	}
	if live.Pages() != res.Pages || live.AsOf() != res.AsOf {
		t.Errorf("Live has %d pages as of %s; the build %d as of %s", live.Pages(), live.AsOf(), res.Pages, res.AsOf)
	}
	var files []string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	var wg sync.WaitGroup
	for round := 0; round < 2; round++ {
		for _, f := range files {
			wg.Add(1)
			go func() {
				defer wg.Done()
				want, _ := os.ReadFile(filepath.Join(out, f))
				got, ok, err := live.File(f)
				if !ok || err != nil || !bytes.Equal(got, want) {
					t.Errorf("File(%q) = %d bytes, %v, %v; want the built file (%d bytes)", f, len(got), ok, err, len(want))
				}
			}()
		}
	}
	wg.Wait()
	if _, ok, _ := live.File("projects/no-such/index.html"); ok {
		t.Error("File of a missing page: ok")
	}
}
