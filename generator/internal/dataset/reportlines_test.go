package dataset

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// decodeBothWays decodes one report with its project lines read plainly
// where they can be, then as a whole TOML document, and fails the test if
// the reports or the errors differ. It tells whether the plain reading
// was taken.
func decodeBothWays(t *testing.T, src string) bool {
	t.Helper()
	const p = "content/reports/2023-09-30.toml"
	fsys := fstest.MapFS{p: {Data: []byte(src)}}
	known := newProjectOrder(map[string]bool{"coal": true, "coal-2": true, "road": true, "p1": true})
	decode := func() (*Report, string) {
		var errs ErrorList
		r, f := decodeReport(fsys, p, known, &errs)
		if f != nil {
			// What the cross-file checks would report, on the file's lines.
			f.errs = &errs
			for _, e := range reportLinesOf(r) {
				f.errorf([]string{"projects", e.ID, "completed"}, "line of %s", e.ID)
			}
		}
		return r, errString(errs)
	}
	r1, e1 := decode()
	plainReports = false
	r2, e2 := decode()
	plainReports = true
	if !reflect.DeepEqual(r1, r2) || e1 != e2 {
		t.Errorf("report %q:\nread plainly %+v\n%s\nas TOML %+v\n%s", src, r1, e1, r2, e2)
	}
	_, body, ok := cutReportLines(normalize(src))
	if !ok {
		return false
	}
	_, ok = plainReportLines(body)
	return ok
}

func reportLinesOf(r *Report) []Entry {
	if r == nil {
		return nil
	}
	return r.Projects
}

func errString(errs ErrorList) string {
	if err := errs.Err(); err != nil {
		return err.Error()
	}
	return ""
}

func TestPlainReportLines(t *testing.T) {
	const head = "date = 2023-09-30\n[stats]\nfai = 1.5\n\n"
	tests := []struct {
		body  string
		plain bool // read without the TOML decoder
	}{
		{"[projects.road]\ncompleted = 2.0\nfunds = 0\n[projects.coal]\ncompleted = 5.25 # 井筒\nnote = \"井筒施工\"\ncorrection = true\n", true},
		{"[projects.zzz]\ncompleted = 1\n\n# unknown ids are kept, in order\n[projects.aaa]\n[projects.p1]\nfunds = 0.5\n", true},
		{"[projects.road]  # a comment\n\tcompleted\t=\t12\n  correction = false\n", true},
		{"[projects.road]\ncompleted = 2.0", true}, // no final newline
		{"[projects.road]\nnote = \"\"\n", true},
		{"[projects.road]\r\ncompleted = 2.0\r\n", true}, // CRLF, normalized first
		// Everything else goes to the TOML decoder, errors included.
		{"[projects.road]\ncompleted = -1\n", false},
		{"[projects.road]\ncompleted = 1e3\n", false},
		{"[projects.road]\ncompleted = 1_000\n", false},
		{"[projects.road]\ncompleted = 01\n", false},
		{"[projects.road]\ncompleted = .5\n", false},
		{"[projects.road]\ncompleted = 1.\n", false},
		{"[projects.road]\ncompleted = inf\n", false},
		{"[projects.road]\ncompleted = \"2\"\n", false},
		{"[projects.road]\ncompleted = 2\ncompleted = 3\n", false},
		{"[projects.road]\ncompleted = 2\n[projects.road]\nfunds = 3\n", false},
		{"[projects.road]\ncomplete = 2\n", false},
		{"[projects.road]\nnote = \"a\\\"b\"\n", false},
		{"[projects.road]\nnote = 'x'\n", false},
		{"[projects.road]\nnote = \"\"\"x\"\"\"\n", false},
		{"[projects.road]\nnote = \"x\" y\n", false},
		{"[projects.road]\ncorrection = yes\n", false},
		{"[projects.road]\ncorrection = truely\n", false},
		{"[projects.\"road\"]\ncompleted = 2\n", false},
		{"[projects.road.x]\ncompleted = 2\n", false},
		{"[ projects.road ]\ncompleted = 2\n", false},
		{"[projects.road]\ncompleted = 2\n[regions.litong]\nfai = 3\n", false},
		{"[projects.road]\ncompleted.x = 2\n", false},
		{"[projects.road]\n\"completed\" = 2\n", false},
		{"[projects.road]\ncompleted = 1234567890123456\n", false},
		{"[projects.road]\n# \x01\n", false},
		{"[projects.road]\nnote = \"\xff\"\n", false},
		{"[projects.road]\ncompleted 2\n", false},
		{"[projects.road\ncompleted = 2\n", false},
		{"[[projects.road]]\ncompleted = 2\n", false},
	}
	for _, tt := range tests {
		if plain := decodeBothWays(t, head+tt.body); plain != tt.plain {
			t.Errorf("%q read plainly: %v; want %v", tt.body, plain, tt.plain)
		}
	}
	// Heads the project lines cannot be read apart from.
	for _, src := range []string{
		"date = 2023-09-30\n[projects]\n[projects.road]\ncompleted = 2\n",
		"date = 2023-09-30\nprojects.coal.completed = 1\n[projects.road]\ncompleted = 2\n",
		"date = 2023-09-30\nnote = \"\"\"\n[projects.road]\ncompleted = 2\n\"\"\"\n",
		"date = 2023-09-30\nx = [\n[projects.road]\ncompleted = 2\n",
		"date = 2023-09-30\n[stats]\nfai = -1\nbogus = 2\n[projects.road]\ncompleted = 2\n",
		"[projects.road]\ncompleted = 2\n",
	} {
		decodeBothWays(t, src)
	}
}

// FuzzPlainReportLines: a report whose project lines are read plainly
// decodes to exactly what the TOML decoder gives, and so do its errors.
func FuzzPlainReportLines(f *testing.F) {
	f.Add("date = 2023-09-30\n[stats]\nfai = 1.5\n", "[projects.road]\ncompleted = 2.0\nfunds = 0\nnote = \"x\"\ncorrection = true\n")
	f.Add("date = 2023-09-30\n", "[projects.zzz]\ncompleted = 1 # c\n\n[projects.coal]\n")
	f.Add("date = 2023-09-30\n[regions.litong]\nfai = 3\n", "[projects.road]\ncompleted = 1e3\n")
	f.Fuzz(func(t *testing.T, head, body string) {
		if strings.Count(head+body, "\n") > 200 {
			return
		}
		decodeBothWays(t, head+"\n"+body)
	})
}
