package dataset

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongjian/generator/internal/i18n"
)

var update = flag.Bool("update", false, "rewrite the want.*.txt files of testdata/invalid")

// The invalid cases.
//
// testdata/valid is a small site that loads. Each directory of
// testdata/invalid is one mistake: the files in it (site.toml, content/…)
// replace or add to those of the valid site, a file named "remove" lists
// paths of the valid site to delete, and want.en.txt and want.zh-Hans.txt
// are exactly what Load reports, one path:line: message a line. What a
// file cannot hold — symbolic links, a file of 2 MB — is made by a setup
// function below.

// wantLangs are the languages whose wording is kept beside each case.
var wantLangs = []i18n.Lang{i18n.En, i18n.ZhHans}

// caseFiles are the names in a case directory that are not site files.
var caseFiles = map[string]bool{".keep": true, "remove": true, "want.en.txt": true, "want.zh-Hans.txt": true}

// setups make what a case directory cannot hold, in the site's temporary
// copy.
var setups = map[string]func(t *testing.T, root string){
	// A page that is a link to the build machine's environment.
	"symlink-page": func(t *testing.T, root string) {
		symlink(t, "/proc/self/environ", filepath.Join(root, "content/env.md"))
	},
	// A project file that is a link to a file outside the site; the
	// report lines naming the project are not reported again.
	"symlink-project": func(t *testing.T, root string) {
		outside := filepath.Join(filepath.Dir(root), "road.toml")
		writeFile(t, outside, readFile(t, filepath.Join(root, "content/projects/road.toml")))
		if err := os.Remove(filepath.Join(root, "content/projects/road.toml")); err != nil {
			t.Fatal(err)
		}
		symlink(t, outside, filepath.Join(root, "content/projects/road.toml"))
	},
	// A 2 MB project file under a 1 MB limit (the case's site.toml).
	"too-large": func(t *testing.T, root string) {
		p := filepath.Join(root, "content/projects/road.toml")
		src := readFile(t, p)
		pad := "# " + strings.Repeat("填", 1<<20/3) + "\n"
		writeFile(t, p, src+pad+pad)
	},
}

// siteCopy copies the valid site into a temporary directory, with the
// files of case dir (if any) laid over it, and returns its root.
func siteCopy(t *testing.T, dir string) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, "testdata/valid", root, nil, nil)
	if dir == "" {
		return root
	}
	copyTree(t, dir, root, caseFiles, nil)
	if b, err := os.ReadFile(filepath.Join(dir, "remove")); err == nil {
		for _, p := range strings.Fields(string(b)) {
			if err := os.Remove(filepath.Join(root, filepath.FromSlash(p))); err != nil {
				t.Fatalf("remove %s: %v", p, err)
			}
		}
	}
	return root
}

// copyTree copies the regular files under src to dst, but for the
// top-level names in skip, through alter when it is not nil.
func copyTree(t *testing.T, src, dst string, skip map[string]bool, alter func(string) string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if skip[rel] {
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if alter != nil {
			b = []byte(alter(string(b)))
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// loadErrors loads the site at root and returns its problems; it fails
// the test when the site loads.
func loadErrors(t *testing.T, root string) ErrorList {
	t.Helper()
	s, err := Load(os.DirFS(root))
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Load = %v, %v; want an ErrorList", s, err)
	}
	if s != nil {
		t.Errorf("Load returned a site with its errors")
	}
	return list
}

func TestInvalid(t *testing.T) {
	dirs, err := filepath.Glob("testdata/invalid/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no cases in testdata/invalid")
	}
	seen := map[string]bool{}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			root := siteCopy(t, dir)
			if setup := setups[name]; setup != nil {
				setup(t, root)
			}
			list := loadErrors(t, root)
			for _, l := range wantLangs {
				got := list.Text(l) + "\n"
				wantPath := filepath.Join(dir, "want."+string(l)+".txt")
				if *update {
					writeFile(t, wantPath, got)
					continue
				}
				want := readFile(t, wantPath)
				if got != want {
					t.Errorf("Load(%s).Text(%s) =\n%s\nwant\n%s", name, l, got, want)
				}
			}
			checkWording(t, list)
		})
	}
	for name := range setups {
		if !seen[name] {
			t.Errorf("setup for %s, which has no directory in testdata/invalid", name)
		}
	}
}

// checkWording holds every problem to what a message must be in every
// language: a path, a line when the problem is in a file's text, a
// message in the catalog, and no fmt complaint about its arguments.
func checkWording(t *testing.T, list ErrorList) {
	t.Helper()
	for _, e := range list {
		if e.Path == "" {
			t.Errorf("problem without a path: %s", e)
		}
		for _, l := range i18n.Langs {
			text := e.Text(l)
			if strings.Contains(text, "%!") {
				t.Errorf("Text(%s) = %s; want no fmt error", l, text)
			}
			for _, k := range msgKeys(e.Msg) {
				if !i18n.Has(l, k) {
					t.Errorf("Text(%s) = %s; message %s is not in the %s catalog", l, text, k, l)
				}
			}
		}
	}
}

// msgKeys are the catalog keys m is worded with: its own and those of
// its arguments.
func msgKeys(m i18n.Msg) []string {
	keys := []string{m.Key}
	for _, a := range m.Args {
		switch v := a.(type) {
		case i18n.Msg:
			keys = append(keys, msgKeys(v)...)
		case i18n.Code:
			if v.Gloss.Key != "" {
				keys = append(keys, msgKeys(v.Gloss)...)
			}
		case i18n.Codes:
			for _, c := range v {
				if c.Gloss.Key != "" {
					keys = append(keys, msgKeys(c.Gloss)...)
				}
			}
		case []i18n.Msg:
			for _, x := range v {
				keys = append(keys, msgKeys(x)...)
			}
		}
	}
	return keys
}

// TestInvalidWantFiles keeps the golden files honest: one problem a
// line, each starting with the path of a site file.
func TestInvalidWantFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*/want.*.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasSuffix(b, []byte("\n")) || bytes.Count(b, []byte("\n\n")) > 0 {
			t.Errorf("%s: want one problem a line, ending in a newline", f)
		}
		for _, ln := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			if !strings.HasPrefix(ln, "site.toml") && !strings.HasPrefix(ln, "content/") {
				t.Errorf("%s: %q does not start with a site path", f, ln)
			}
		}
	}
}
