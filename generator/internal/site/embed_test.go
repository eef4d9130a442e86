package site

import (
	"archive/zip"
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "write layouts.zip (and golden files) again")

// layoutsDir is the repository's layouts/, the source of layouts.zip.
const layoutsDir = "../../../layouts"

// zipLayouts archives layouts/ deterministically: files in name order,
// a fixed time, no extra fields.
func zipLayouts(t *testing.T) []byte {
	t.Helper()
	var names []string
	err := filepath.WalkDir(layoutsDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			t.Fatalf("%s is a symbolic link; layouts/ holds regular files only", p)
		}
		if !d.IsDir() && d.Name()[0] != '.' {
			rel, _ := filepath.Rel(layoutsDir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(layoutsDir, filepath.FromSlash(n)))
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The binary's default layouts are exactly the repository's layouts/.
func TestEmbeddedLayoutsCurrent(t *testing.T) {
	want := zipLayouts(t)
	if *update {
		if err := os.WriteFile("layouts.zip", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(defaultLayouts, want) {
		t.Fatalf("layouts.zip differs from layouts/: run `make layouts` (go test ./generator/internal/site -run TestEmbeddedLayoutsCurrent -update) and commit it")
	}
}
