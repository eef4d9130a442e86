package tomldoc

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// readDocs returns the TOML documents below the roots, by path: .toml
// files, and the front matter of markdown files.
func readDocs(tb testing.TB, roots ...string) map[string]string {
	tb.Helper()
	docs := map[string]string{}
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			switch s := string(b); filepath.Ext(p) {
			case ".toml":
				docs[p] = s
			case ".md":
				if rest, ok := strings.CutPrefix(s, "+++\n"); ok {
					if i := strings.Index(rest, "\n+++"); i >= 0 {
						docs[p] = rest[:i+1]
					}
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	return docs
}

// seeds are documents to start fuzzing from: the repository's own
// content and forms it does not use.
func seeds(tb testing.TB) []string {
	tb.Helper()
	found := readDocs(tb, "../../../content", "../../../site.toml")
	if len(found) < 20 {
		tb.Fatalf("only %d seed documents in the repository's content", len(found))
	}
	var docs []string
	for _, p := range slices.Sorted(maps.Keys(found)) {
		docs = append(docs, found[p])
	}
	return append(docs,
		"a = { b = [1, {c = 2}],\n d = '''x\n''' }\n",
		"[[a.b]]\n[a.b.c]\n[[a.b]]\nd.e = 1\n",
		"\"\\u00e9\" = 1\n'x.y' = [\n # c\n]\n",
		"s = \"\"\"\\\n\"\"\"\"\"\n[t]\nk = 1979-05-27 07:32:00Z\n",
		"approvals = [\n  { kind = 'land' },\n  { kind = 'eia', due = 2023-09-30 },\n]\n",
		"\ufeffa = 1\r\n[t]\r\nb = [\r\n 2]\r\n",
		"x = [[[[[[[[[[1]]]]]]]]]]\n",
		"plan ＝ 1.5\nname = “南曹”\nd = 2023年4月10日\n",
	)
}

// FuzzParse: Parse never panics; it accepts exactly what toml.Decode
// accepts, within the limits, with the same map; every key and element of
// that map has a line where it is written; errors name a line of the
// text; a line nested too deep appended to an accepted document is a
// TooDeep error on that line.
func FuzzParse(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := Parse(src, Options{})
		norm := normalize(src)
		lines := strings.Count(norm, "\n") + 1
		want, werr := burntSushi(norm)
		if err != nil {
			checkError(t, norm, err, werr)
			return
		}
		if werr != nil {
			t.Fatalf("Parse(%q) accepted what toml.Decode refuses: %v", src, werr)
		}
		if d := diffTOML("", doc.Root, want); d != "" {
			t.Fatalf("Parse(%q).Root differs from toml.Decode's at %s", src, d)
		}
		checkLines(t, doc, lines)

		deep := norm + "\nzz = " + strings.Repeat("[", DefaultMaxDepth+1) + strings.Repeat("]", DefaultMaxDepth+1) + "\n"
		_, err = Parse(deep, Options{})
		var se *SyntaxError
		if !errors.As(err, &se) || se.Kind != TooDeep || se.Line != lines+1 {
			t.Errorf("Parse(%q + a line too deep) = %v; want TooDeep on line %d", src, err, lines+1)
		}
	})
}

// checkError checks Parse's error on norm against toml.Decode's, werr.
func checkError(t *testing.T, norm string, err, werr error) {
	t.Helper()
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("Parse(%q) = %T %v; want a *SyntaxError", norm, err, err)
	}
	if n := strings.Count(norm, "\n") + 1; se.Line < 1 || se.Line > n || se.Col < 1 {
		t.Errorf("Parse(%q): error at %d:%d; want a line in 1..%d", norm, se.Line, se.Col, n)
	}
	var pe toml.ParseError
	switch {
	case se.Kind == TooDeep || se.Kind == TooComplex:
	case se.Kind == NotUTF8 && !utf8.ValidString(norm):
	case werr == nil:
		t.Errorf("Parse(%q) = %v; toml.Decode accepts it", norm, err)
	case errors.As(werr, &pe) && pe.Position.Line != se.Line:
		if line, _ := position(norm, pe.Position.Start); line != se.Line {
			t.Errorf("Parse(%q) = error on line %d; toml.Decode's is on line %d, offset %d", norm, se.Line, pe.Position.Line, pe.Position.Start)
		}
	}
	if h := se.Hint; h != nil {
		if h.Want == "" || h.Got == "" || !strings.Contains(lineText(norm, se.Line), h.Got) {
			t.Errorf("Parse(%q): hint %v; want Got taken from line %d", norm, h, se.Line)
		}
	}
}

// checkLines checks that every key and element of doc has a line of the
// document: one that mentions the key; the [[header]] for a table of an
// array of tables; for an element of an inline array, not before the
// array's key. (A table's own header may come after its children's:
// [a.b] then [a].)
func checkLines(t *testing.T, doc *Doc, lines int) {
	t.Helper()
	var walk func(p Path, v any)
	walk = func(p Path, v any) {
		line := doc.Line(p)
		if line < 1 || line > lines {
			t.Errorf("Line(%s) = %d; want a line in 1..%d\n%s", p, line, lines, doc.Src())
		}
		if k, isKey := p[len(p)-1].Key(); isKey {
			if text := lineText(doc.Src(), line); !strings.Contains(text, k) && !strings.ContainsAny(text, `"'`) {
				t.Errorf("Line(%s) = %d, %q; want a line with the key on it\n%s", p, line, text, doc.Src())
			}
		}
		switch v := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				walk(p.Key(k), v[k])
			}
		case []map[string]any:
			for i, x := range v {
				if l := doc.Line(p.Index(i)); !strings.Contains(lineText(doc.Src(), l), "[[") {
					t.Errorf("Line(%s) = %d; want its [[header]]\n%s", p.Index(i), l, doc.Src())
				}
				walk(p.Index(i), x)
			}
		case []any:
			for i, x := range v {
				if l := doc.Line(p.Index(i)); l < line {
					t.Errorf("Line(%s) = %d; want a line from its array's, %d, on\n%s", p.Index(i), l, line, doc.Src())
				}
				walk(p.Index(i), x)
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(doc.Root)) {
		walk(Path{}.Key(k), doc.Root[k])
	}
}

// FuzzScan holds the scanner to linear work on any text: in the pre-pass
// and building the line index, its steps (loop turns, bytes skipped,
// index updates) stay within stepsPerByte per byte. Deep nesting, long
// keys, unterminated strings and brackets all pass through here.
func FuzzScan(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	for _, s := range []string{"x = " + strings.Repeat("[", 200), strings.Repeat("a.", 200) + "b = 1", "\"" + strings.Repeat("\\", 100),
		strings.Repeat("[[", 50), "x = [" + strings.Repeat("{a=[", 30), strings.Repeat("'''", 30), strings.Repeat(",]", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkSteps(t, src)
	})
}

func checkSteps(t *testing.T, src string) {
	t.Helper()
	for _, ix := range []*lineIndex{nil, newLineIndex()} {
		s := newScanner(src, DefaultMaxDepth, ix)
		s.document()
		if limit := stepsPerByte*len(src) + stepsBase; s.steps > limit {
			t.Errorf("scan(%.40q…, index %t): %d steps for %d bytes; want at most %d", src, ix != nil, s.steps, len(src), limit)
		}
		if n := strings.Count(src, "\n") + 1; s.line > n {
			t.Errorf("scan(%.40q…): ended on line %d of %d", src, s.line, n)
		}
	}
}

// TestScanLinear: hostile texts of a few hundred kilobytes, the deep ones
// of the security finding among them, stay within the scanner's bound.
func TestScanLinear(t *testing.T) {
	const n = 100_000
	for name, src := range map[string]string{
		"deep arrays":         "x = " + strings.Repeat("[", n) + strings.Repeat("]", n),
		"deep inline tables":  "x = " + strings.Repeat("{a=", n) + "1" + strings.Repeat("}", n),
		"long dotted key":     strings.Repeat("a.", n) + "a = 1",
		"long header":         "[" + strings.Repeat("a.", n) + "a]",
		"empty elements":      "x = [" + strings.Repeat(",", n) + "]",
		"empty elements deep": "x = [{a=[" + strings.Repeat(",", n) + "]}]",
		"unterminated string": "x = \"" + strings.Repeat(`\"`, n),
		"quotes":              strings.Repeat(`'''"""`, n),
		"headers":             strings.Repeat("[[a]]\n[a.b]\n", n),
		"keys":                strings.Repeat("a.b=1\n", n),
		"brackets":            strings.Repeat("x=[[[a]]\n", n),
	} {
		t.Run(name, func(t *testing.T) { checkSteps(t, src) })
	}
}

// The scanner's bound. A byte is passed once (one step); a loop turn
// that does not pass a byte ends its loop or follows one that did; an
// index update is made for a key part or an array element, each at least
// a byte. The most a byte costs is a comma between empty array elements:
// the array's turn, a look by skipBlank before and after the element, the
// element's index node and the pass itself.
const (
	stepsPerByte = 5
	stepsBase    = 4
)

// FuzzDiagnose: Diagnose and the line diagnosis never panic; a hint's
// Want is a TOML value of the wanted kind, and its Got is the text.
func FuzzDiagnose(f *testing.F) {
	for _, s := range []string{"2023年4月10日", "２０２３/５/１", "1,234.5", "15％", "1.54 億元", "“南曹”", "是", "True", "南曹",
		"plan ＝ 1.5", "【a．b】", "lists = [“a”，“b”、 1,234]", "  \"a\"、", "＃ x", "制造业：25.1", "\"\\", "‘", "[[【"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for want := Any; want <= Bool; want++ {
			h := Diagnose(text, want)
			if h == nil {
				continue
			}
			if h.Got != trimSpace(text) || h.Kind.String() == "" {
				t.Errorf("Diagnose(%q, %v) = %v; want Got the text, trimmed", text, want, h)
			}
			if !decodesAs(h.Want, want) {
				t.Errorf("Diagnose(%q, %v) = %v; Want is not TOML of that kind", text, want, h)
			}
		}
		if !utf8.ValidString(text) || strings.Contains(text, "\n") {
			return
		}
		if h := diagnoseLine(text); h != nil && !strings.Contains(text, h.Got) {
			t.Errorf("diagnoseLine(%q) = %v; want Got taken from the line", text, h)
		}
	})
}

// TestSeeds: Parse accepts the seeds toml.Decode accepts (the
// repository's own documents among them), with toml.Decode's map, and
// every key in them has its line.
func TestSeeds(t *testing.T) {
	for i, src := range seeds(t) {
		want, werr := burntSushi(normalize(src))
		doc, err := Parse(src, Options{})
		if err != nil || werr != nil {
			if (err == nil) != (werr == nil) {
				t.Errorf("seed %d: Parse = %v, toml.Decode = %v; want the same verdict", i, err, werr)
			}
			continue
		}
		if d := diffTOML("", doc.Root, want); d != "" {
			t.Errorf("seed %d: Parse differs from toml.Decode at %s", i, d)
		}
		checkLines(t, doc, strings.Count(doc.Src(), "\n")+1)
	}
}
