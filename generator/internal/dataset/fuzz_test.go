package dataset

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// fuzzSlots are the files of the valid site that FuzzLoad replaces with
// its input: one of each kind a clerk edits.
var fuzzSlots = []string{
	"site.toml",
	"content/projects/coal.toml",
	"content/reports/2023-09-30.toml",
	"content/bulletins/2023-09.md",
	"content/regions/litong.toml",
}

// slotOf is the slot a file of an invalid case goes in, by its kind; -1
// for kinds no slot takes.
func slotOf(p string) int {
	switch {
	case p == "site.toml":
		return 0
	case strings.HasPrefix(p, "content/projects/") && strings.HasSuffix(p, ".toml"):
		return 1
	case strings.HasPrefix(p, "content/reports/"):
		return 2
	case strings.HasPrefix(p, "content/bulletins/"):
		return 3
	case strings.HasPrefix(p, "content/regions/") || strings.HasPrefix(p, "content/departments/"):
		return 4
	}
	return -1
}

// mapFS reads the tree under dir into a MapFS.
func mapFS(t testing.TB, dir string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = &fstest.MapFile{Data: b, Mode: 0o644}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// wholeFile are the messages about a file as a whole, which have no line.
var wholeFile = map[string]bool{
	"source.symlink": true, "source.special": true, "source.too_large": true, "source.cannot_read": true,
	"site.missing": true, "content.unexpected_dir": true,
}

// FuzzLoad puts its input in one file of the valid site: Load must not
// panic, and every problem must have a path, a line within the file when
// it is about the file's text, and wording with every message and
// argument in place in every language.
func FuzzLoad(f *testing.F) {
	base := mapFS(f, "testdata/valid")
	for i, p := range fuzzSlots {
		f.Add(uint8(i), base[p].Data)
	}
	cases, err := filepath.Glob("testdata/invalid/*")
	if err != nil {
		f.Fatal(err)
	}
	for _, dir := range cases {
		for p, file := range mapFS(f, dir) {
			if slot := slotOf(p); slot >= 0 {
				f.Add(uint8(slot), file.Data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, slot uint8, data []byte) {
		fsys := make(fstest.MapFS, len(base))
		for p, file := range base {
			fsys[p] = file
		}
		p := fuzzSlots[int(slot)%len(fuzzSlots)]
		fsys[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		s, err := Load(fsys)
		if err == nil {
			if s == nil {
				t.Fatal("Load = nil, nil")
			}
			return
		}
		var list ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("Load = %v; want an ErrorList", err)
		}
		if len(list) == 0 {
			t.Fatal("Load returned an empty ErrorList")
		}
		for _, e := range list {
			file, exists := fsys[e.Path]
			switch {
			case !exists || wholeFile[e.Msg.Key]:
			case e.Line < 1:
				t.Errorf("%s: no line for a problem in the file's text", e)
			case e.Line > bytes.Count(file.Data, []byte("\n"))+1:
				t.Errorf("%s: line %d is past the end of the file (%d lines)", e, e.Line, bytes.Count(file.Data, []byte("\n"))+1)
			}
		}
		checkWording(t, list)
	})
}
