package dataset

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// The files of the valid site FuzzLoad replaces with the fuzzer's bytes:
// the richest project and a report that other files refer to.
const (
	fuzzProject = "content/projects/coal.toml"
	fuzzReport  = "content/reports/2023-09-30.toml"
)

// FuzzLoad loads the valid site with one project file and one report file
// replaced by arbitrary bytes. Load must not panic, must be deterministic,
// and must fail only with an ErrorList whose every entry names a file and
// a line that exists in it.
func FuzzLoad(f *testing.F) {
	base := readTree(f, "testdata/valid")
	var projects, reports [][]byte
	for p, file := range base {
		switch {
		case strings.HasPrefix(p, "content/projects/") && strings.HasSuffix(p, ".toml"):
			projects = append(projects, file.Data)
		case strings.HasPrefix(p, "content/reports/"):
			reports = append(reports, file.Data)
		}
	}
	// The invalid cases' projects and reports are seeds too.
	cases, _ := filepath.Glob("testdata/invalid/*/content/*/*.toml")
	for _, p := range cases {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if strings.Contains(filepath.ToSlash(p), "/content/projects/") {
			projects = append(projects, b)
		} else if strings.Contains(filepath.ToSlash(p), "/content/reports/") {
			reports = append(reports, b)
		}
	}
	// Forms the files above do not use: inline tables, dotted and quoted keys.
	projects = append(projects, []byte("name = '煤矿'\nregion = \"hongdunzi\"\nowner.x = 1\ncategory = \"energy\"\n"+
		"plan = { 2023 = 1.5, \"2024\" = 2 }\napprovals = [\n  { kind = \"land\", due = 2023-09-15 },\n]\n"))
	reports = append(reports, []byte("date = 2023-09-30\nprojects.coal.completed = 5.2\n"+
		"regions = { litong = { fai = 1e3 } }\n[stats]\nsectors.\"real-estate\" = -0.0\n"))
	for i, p := range projects {
		f.Add(p, reports[i%len(reports)])
	}

	f.Fuzz(func(t *testing.T, project, report []byte) {
		fsys := maps.Clone(base)
		fsys[fuzzProject] = &fstest.MapFile{Data: project}
		fsys[fuzzReport] = &fstest.MapFile{Data: report}
		site, err := Load(fsys)
		if err == nil {
			if site == nil {
				t.Fatal("Load returned neither a site nor an error")
			}
			for _, r := range site.Reports {
				if !slices.IsSortedFunc(r.Projects, func(a, b Entry) int { return strings.Compare(a.ID, b.ID) }) {
					t.Errorf("report %s: lines not in id order", r.Date)
				}
				for i := range r.Projects {
					if e := r.Entry(r.Projects[i].ID); e != &r.Projects[i] {
						t.Errorf("report %s: Entry(%q) is not its line", r.Date, r.Projects[i].ID)
					}
				}
			}
			return
		}
		if site != nil {
			t.Fatal("Load returned both a site and an error")
		}
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("Load error is %T %q; want a non-empty ErrorList", err, err)
		}
		if !slices.IsSortedFunc(list, func(a, b *Error) int {
			return strings.Compare(a.Path, b.Path)*2 + cmpInt(a.Line, b.Line)
		}) {
			t.Errorf("ErrorList is not sorted:\n%v", err)
		}
		for _, e := range list {
			if e.Path == "" {
				t.Errorf("error without a path: %q", e)
			}
			if e.Line < 0 {
				t.Errorf("error with line %d: %q", e.Line, e)
			}
			if file, ok := fsys[e.Path]; ok && e.Line > bytes.Count(file.Data, []byte("\n"))+1 {
				t.Errorf("error beyond the end of its file: %q", e)
			}
		}
		if _, again := Load(fsys); again == nil || again.Error() != err.Error() {
			t.Errorf("Load is not deterministic:\n%v\nthen\n%v", err, again)
		}
	})
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// FuzzKeyLines runs the line scanner on arbitrary text: it must not panic,
// must name only lines that exist, and on a document toml.Decode accepts it
// must have a line for every key and array element.
func FuzzKeyLines(f *testing.F) {
	for _, file := range readTree(f, "testdata/valid") {
		f.Add(string(file.Data))
	}
	for _, s := range []string{
		"a = { b = [1, {c = 2}],\n d = '''x\n''' }\n",
		"[[a.b]]\n[a.b.c]\n[[a.b]]\nd.e = 1\n",
		"\"\\u00e9\" = 1\n'x.y' = [\n # c\n]\n",
		"s = \"\"\"\\\n\"\"\"\"\"\n[t]\nk = 1979-05-27 07:32:00Z\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		n := strings.Count(src, "\n") + 1
		for k, line := range keyLines(src) {
			if line < 1 || line > n {
				t.Errorf("keyLines(%q)[%q] = %d; want a line in 1..%d", src, k, line, n)
			}
		}
		if msg := checkKeyLines(src); msg != "" {
			t.Error(msg)
		}
	})
}
