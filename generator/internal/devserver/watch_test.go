package devserver

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestIgnoredName(t *testing.T) {
	for name, want := range map[string]bool{
		".2023-09-30.toml.swp": true, ".x.toml.swo": true, "x.toml.swx": true, "x.toml~": true,
		".#x.toml": true, "#x.toml#": true, "4913": true, ".DS_Store": true, ".git": true,
		"x.html___jb_tmp___": true, "x.html___jb_old___": true, "x.md.kate-swp": true,
		"2023-09-30.toml": false, "x.md": false, "site.toml": false, "4914": false, "#": false,
		"#x.toml": false, "x#": false, "2023": false, "base.html": false, "项目.toml": false,
	} {
		if got := ignoredName(name); got != want {
			t.Errorf("ignoredName(%q) = %v; want %v", name, got, want)
		}
	}
}

// TestWatcher: changes below the roots are reported by name, relative to
// the roots' common directory: in directories created later (and below
// them), in a root that appears later, a file root replaced by renaming;
// editor droppings, hidden files, siblings of the roots and a chmod are
// not changes.
func TestWatcher(t *testing.T) {
	src := t.TempDir()
	for _, d := range []string{"content/projects", "content/.git", "public"} {
		if err := os.MkdirAll(filepath.Join(src, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(src, "site.toml"), "title = 'x'")
	w, err := newWatcher([]string{filepath.Join(src, "site.toml"), filepath.Join(src, "content"), filepath.Join(src, "layouts")})
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	if w.base != src {
		t.Errorf("changes are named relative to %s; want %s", w.base, src)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan string)
	go w.run(ctx, out, func(err error) { t.Errorf("watching: %v", err) })

	// next returns the next change, skipping repeats (a new file is a
	// Create and a Write).
	last := ""
	step := ""
	next := func() string {
		t.Helper()
		timeout := time.After(10 * time.Second)
		for {
			select {
			case name := <-out:
				if name != last {
					last = name
					return name
				}
			case <-timeout:
				t.Fatalf("%s: no change reported in time", step)
			}
		}
	}
	write := func(rel string) {
		t.Helper()
		writeFile(t, filepath.Join(src, rel), "x")
	}
	mkdir := func(rel string) {
		t.Helper()
		if err := os.Mkdir(filepath.Join(src, rel), 0o755); err != nil {
			t.Fatal(err)
		}
	}

	for _, tc := range []struct {
		name  string
		do    func()
		wants []string // the changes reported, in order
	}{
		{"not changes, then a new directory", func() {
			write("public/index.html")                       // not a source
			write("README.md")                               // a sibling of the roots
			write("site.toml.tmp")                           // a sibling, as an editor saves
			write("content/projects/.x.toml.swp")            // vim's swap file
			write("content/projects/x.toml~")                // a backup
			write("content/projects/#x.toml#")               // an emacs autosave
			write("content/projects/4913")                   // vim's write test
			write("content/.git/index")                      // hidden directory
			mkdir("content/.cache")                          // hidden directory, new
			write("content/.cache/x.toml")                   // in it
			os.Chmod(filepath.Join(src, "site.toml"), 0o600) // same bytes
			mkdir("content/new")
		}, []string{"content/new"}},
		{"below a new directory", func() {
			mkdir("content/new/deeper")
		}, []string{"content/new/deeper"}},
		{"a file in it", func() {
			write("content/new/deeper/p.toml")
		}, []string{"content/new/deeper/p.toml"}},
		{"a file root replaced by a rename", func() {
			if err := os.Rename(filepath.Join(src, "site.toml.tmp"), filepath.Join(src, "site.toml")); err != nil {
				t.Fatal(err)
			}
		}, []string{"site.toml"}},
		{"a root that appears later", func() {
			mkdir("layouts")
		}, []string{"layouts"}},
		{"below it", func() {
			mkdir("layouts/partials")
		}, []string{"layouts/partials"}},
		// Once reported, the new directory is watched. (A file written in
		// it before is read by the rebuild its directory causes.)
		{"a file below it", func() {
			write("layouts/partials/card.html")
		}, []string{"layouts/partials/card.html"}},
		{"a removed file", func() {
			if err := os.Remove(filepath.Join(src, "content/new/deeper/p.toml")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/new/deeper/p.toml"}},
	} {
		step = tc.name
		tc.do()
		for _, want := range tc.wants {
			if got := next(); got != want {
				t.Fatalf("%s: change %q; want %q", tc.name, got, want)
			}
		}
	}
}

// TestWatcherBase: changes are named relative to the directory the roots
// have in common.
func TestWatcherBase(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"a/b", "a/c/d"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		roots []string
		want  string
	}{
		{[]string{"a/b/site.toml", "a/b/content"}, "a/b"},
		{[]string{"a/b/site.toml", "a/c/d/layouts"}, "a"},
		{[]string{"a/b", "a/c"}, "a"},
		{[]string{"a/c/d/x", "a/b/y"}, "a"},
		{[]string{"a/b/content"}, "a/b"},
	} {
		var roots []string
		for _, r := range tc.roots {
			roots = append(roots, filepath.Join(dir, r))
		}
		w, err := newWatcher(roots)
		if err != nil {
			t.Fatal(err)
		}
		w.close()
		if want := filepath.Join(dir, tc.want); w.base != want {
			t.Errorf("newWatcher(%q).base = %s; want %s", tc.roots, w.base, want)
		}
	}
}
