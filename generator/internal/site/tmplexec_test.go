package site

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gongjian/generator/internal/synth"
)

// TestCompiledTemplatesMatchHTMLTemplate builds sites with the compiled
// templates and with html/template alone: every file must be the same,
// byte for byte. The sites cover every page kind and partial of the
// default layouts: the demo, the small test site and a synthetic
// campaign (names with markup, missing reports, every flag).
func TestCompiledTemplatesMatchHTMLTemplate(t *testing.T) {
	synthDir := filepath.Join(t.TempDir(), "synth")
	if err := synth.Write(synthDir, synth.Options{Projects: 300, Regions: 12, Departments: 9, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{repoRoot, "testdata/sites/small", synthDir} {
		t.Run(filepath.Base(src), func(t *testing.T) {
			fast := filepath.Join(t.TempDir(), "fast")
			build(t, src, fast, nil)
			compiledTemplates = false
			slow := filepath.Join(t.TempDir(), "slow")
			build(t, src, slow, nil)
			compiledTemplates = true
			compareTrees(t, slow, fast)
			if src != "testdata/sites/small" {
				// The pages a large site has many of must not fall back.
				tpl := renderedTemplates(t, src)
				for _, k := range []string{"project/base", "projects/base", "region/base", "department/base", "group/base", "home/base", "rankings/base", "projects/partials/project-row"} {
					kind, name, _ := strings.Cut(k, "/")
					v, ok := tpl.progs.Load(kind + "\x00" + name)
					if !ok {
						t.Errorf("%s: never executed", k)
					} else if c := v.(*compiled); c.prog == nil {
						t.Errorf("%s: not compiled: %v", k, c.err)
					}
				}
				tpl.progs.Range(func(k, v any) bool {
					if n := v.(*compiled).fallbacks.Load(); n > 0 {
						t.Errorf("%q: %d executions fell back to html/template", k, n)
					}
					return true
				})
			}
		})
	}
}

func compareTrees(t *testing.T, want, got string) {
	t.Helper()
	files := map[string]bool{}
	for _, root := range []string{want, got} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				files[rel] = true
			}
			return nil
		})
	}
	var names []string
	for f := range files {
		names = append(names, f)
	}
	sort.Strings(names)
	bad := 0
	for _, f := range names {
		a, errA := os.ReadFile(filepath.Join(want, f))
		b, errB := os.ReadFile(filepath.Join(got, f))
		if errA != nil || errB != nil {
			t.Errorf("%s: only in one build (%v, %v)", f, errA, errB)
			continue
		}
		if !bytes.Equal(a, b) {
			bad++
			if bad <= 5 {
				i := 0
				for i < len(a) && i < len(b) && a[i] == b[i] {
					i++
				}
				lo := max(i-80, 0)
				t.Errorf("%s differs at byte %d:\nhtml/template: %q\ncompiled:      %q", f, i, a[lo:min(i+80, len(a))], b[lo:min(i+80, len(b))])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d files differ", bad, len(names))
	}
}

// renderedTemplates renders a site into nothing and returns its layouts.
func renderedTemplates(t *testing.T, src string, mods ...func(*Options)) *templates {
	opts := Options{Source: src, Layouts: layouts}
	for _, m := range mods {
		m(&opts)
	}
	opts.defaults()
	b, err := prepare(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.render(context.Background(), discard{}); err != nil {
		t.Fatal(err)
	}
	return b.tpl
}

// TestFallbackRestartsThePage: a layout the compiled program declines at
// run time (HTML in an attribute, which html/template strips of its tags)
// is written by html/template from the start of the file: the build is
// the same as with html/template alone.
func TestFallbackRestartsThePage(t *testing.T) {
	lay := filepath.Join(t.TempDir(), "layouts")
	if err := os.CopyFS(lay, os.DirFS(layouts)); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(lay, "project.html")
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte("<h1>{{$d.Name}}</h1>"), []byte(`<h1 title="{{.Body}}">{{$d.Name}}</h1>`), 1)
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	mod := func(o *Options) { o.Layouts = lay }
	fast := filepath.Join(t.TempDir(), "fast")
	build(t, "testdata/sites/small", fast, mod)
	compiledTemplates = false
	slow := filepath.Join(t.TempDir(), "slow")
	build(t, "testdata/sites/small", slow, mod)
	compiledTemplates = true
	compareTrees(t, slow, fast)
	if c, ok := renderedTemplates(t, "testdata/sites/small", mod).progs.Load("project\x00base"); !ok || c.(*compiled).fallbacks.Load() == 0 {
		t.Error("the edited project layout never fell back: the test tests nothing")
	}
	page, err := os.ReadFile(filepath.Join(fast, "projects", "a", "index.html"))
	if err != nil || !bytes.Contains(page, []byte(`<h1 title="`)) {
		t.Errorf("the project page lacks the edited heading (%v)", err)
	}
}

// TestProjectsTableRowsRebased: the table of every project, built from
// the rows pages two levels down share, is the table rendered directly,
// on the demo, the small site and a synthetic campaign.
func TestProjectsTableRowsRebased(t *testing.T) {
	synthDir := filepath.Join(t.TempDir(), "synth")
	if err := synth.Write(synthDir, synth.Options{Projects: 300, Regions: 12, Departments: 9, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{repoRoot, "testdata/sites/small", synthDir} {
		rebased := filepath.Join(t.TempDir(), "rebased")
		build(t, src, rebased, nil)
		rebaseRows = false
		direct := filepath.Join(t.TempDir(), "direct")
		build(t, src, direct, nil)
		rebaseRows = true
		a, errA := os.ReadFile(filepath.Join(direct, "projects", "index.html"))
		b, errB := os.ReadFile(filepath.Join(rebased, "projects", "index.html"))
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("%s: /projects/ from shared rows differs from direct rows (%v, %v)", src, errA, errB)
		}
	}
	// The default layouts take the shared rows; a row linking otherwise
	// (an image by a relative path) is rendered directly, and right.
	opts := Options{Source: synthDir, Layouts: layouts}
	opts.defaults()
	bl, err := prepare(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := bl.render(context.Background(), discard{}); err != nil || !bl.meta.rebaseOK {
		t.Errorf("default layouts: rows shared = %v (%v); want true", bl.meta.rebaseOK, err)
	}
	lay := filepath.Join(t.TempDir(), "layouts")
	if err := os.CopyFS(lay, os.DirFS(layouts)); err != nil {
		t.Fatal(err)
	}
	row := filepath.Join(lay, "partials", "project-row.html")
	src, err := os.ReadFile(row)
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte(`<th scope="row">`), []byte(`<th scope="row"><img alt="" src="{{$p.Rel "/assets/favicon.svg"}}">`), 1)
	if err := os.WriteFile(row, src, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "img")
	build(t, synthDir, out, func(o *Options) { o.Layouts = lay })
	page, err := os.ReadFile(filepath.Join(out, "projects", "index.html"))
	if err != nil || !bytes.Contains(page, []byte(`src="../assets/favicon.svg"`)) || bytes.Contains(page, []byte(`src="../../assets/`)) {
		t.Errorf("/projects/ with an image in each row: want src=\"../assets/favicon.svg\" (%v)", err)
	}
}
