package dispatch

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
	"gongjian/generator/internal/i18n"
	"gongjian/generator/internal/tomldoc"
)

// Merging edits the report's text instead of encoding the report again:
// a value that changes is replaced where it is written, a key that is new
// goes under its table's last key, a project that is new gets a
// [projects.<id>] table at the end; comments, statistics, notes, the
// order of everything and the file's line ends stay as they were. Where a
// value ends is asked of tomldoc (the shortest text after `=` that
// decodes to the value the file has), so this file knows no TOML syntax
// of its own beyond `key = value` lines and comments. The merged text is
// decoded again and compared with what was meant.

// fieldKeys are the report keys an entry fills, in the order they are
// written.
var fieldKeys = []string{fieldCompleted, fieldFunds, fieldNote, fieldCorrection}

// values are the literals an entry gives its keys ("" where it gives
// none).
func (e *entry) values() (map[string]string, error) {
	out := map[string]string{}
	if e.completed.OK {
		out[fieldCompleted] = decLiteral(e.completed.V)
	}
	if e.funds.OK {
		out[fieldFunds] = decLiteral(e.funds.V)
	}
	if e.hasNote {
		s, err := literal(e.note)
		if err != nil {
			return nil, err
		}
		out[fieldNote] = s
	}
	if e.hasCorrection {
		out[fieldCorrection] = fmt.Sprint(e.correction)
	}
	return out, nil
}

// decLiteral writes an amount as a float, as hand-written reports do
// (5.0, not 5).
func decLiteral(d exact.Dec) string {
	s := d.String()
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// literal writes a value as TOML does, through the TOML library.
func literal(v any) (string, error) {
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(map[string]any{"v": v}); err != nil {
		return "", err
	}
	s := strings.TrimSpace(b.String())
	if !strings.HasPrefix(s, "v = ") {
		return "", fmt.Errorf("unexpected encoding %q", s)
	}
	return s[len("v = "):], nil
}

// edit replaces src[from:to] with text.
type edit struct {
	from, to int
	text     string
}

// merge writes the entries into the report file old (nil: a new file)
// and counts the projects whose entry changes.
func merge(path string, old []byte, date dataset.Date, entries []*entry) ([]byte, int, error) {
	sorted := append([]*entry(nil), entries...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].id < sorted[j].id })
	fail := func(line int, key string, args ...any) ([]byte, int, error) {
		return nil, 0, dataset.ErrorList{&dataset.Error{Path: path, Line: line, Msg: i18n.M(key, args...)}}
	}

	src, bom, crlf := "", false, false
	var root map[string]any
	var doc *tomldoc.Doc
	if old == nil {
		src = "date = " + date.String() + "\n"
	} else {
		bom = bytes.HasPrefix(old, []byte("\ufeff"))
		crlf = bytes.Contains(old, []byte("\r\n"))
		d, err := tomldoc.Parse(string(old), tomldoc.Options{})
		if err != nil {
			return fail(1, "dispatch.merge_failed", err.Error())
		}
		doc, src, root = d, d.Src(), d.Root
	}
	projects, _ := root["projects"].(map[string]any)

	var edits []edit
	var tail strings.Builder
	changed := 0
	want := map[string]map[string]string{} // id → key → literal written
	for _, e := range sorted {
		vals, err := e.values()
		if err != nil {
			return fail(1, "dispatch.merge_failed", err.Error())
		}
		t, exists := projects[e.id].(map[string]any)
		if !exists {
			if _, other := projects[e.id]; other {
				return fail(doc.Line(tomldoc.Path{}.Key("projects").Key(e.id)), "dispatch.merge_form", "projects."+e.id)
			}
			fmt.Fprintf(&tail, "\n[projects.%s]\n", e.id)
			for _, k := range fieldKeys {
				if v, ok := vals[k]; ok {
					fmt.Fprintf(&tail, "%s = %s\n", k, v)
				}
			}
			want[e.id] = vals
			changed++
			continue
		}
		tpath := tomldoc.Path{}.Key("projects").Key(e.id)
		hline := doc.Line(tpath)
		if !isHeader(lineAt(src, hline), e.id) {
			return fail(hline, "dispatch.merge_form", "projects."+e.id)
		}
		// Where new keys go: after the value of the table's last key, or
		// under its header.
		insertAt := lineEnd(src, lineOffset(src, hline))
		spans := map[string][2]int{}
		for k, v := range t {
			line := doc.Line(tpath.Key(k))
			from, to, ok := valueSpan(src, line, k, v)
			if !ok || line <= hline {
				return fail(line, "dispatch.merge_form", "projects."+e.id)
			}
			spans[k] = [2]int{from, to}
			insertAt = max(insertAt, lineEnd(src, to))
		}
		differs := false
		var adds strings.Builder
		for _, k := range fieldKeys {
			v, ok := vals[k]
			if !ok {
				continue
			}
			if sp, has := spans[k]; has {
				if same(t[k], v) {
					continue
				}
				edits = append(edits, edit{sp[0], sp[1], v})
			} else {
				fmt.Fprintf(&adds, "%s = %s\n", k, v)
			}
			differs = true
		}
		if adds.Len() > 0 {
			edits = append(edits, edit{insertAt, insertAt, adds.String()})
		}
		if differs {
			changed++
		}
		want[e.id] = vals
	}

	sort.SliceStable(edits, func(i, j int) bool { return edits[i].from > edits[j].from })
	out := src
	for _, ed := range edits {
		out = out[:ed.from] + ed.text + out[ed.to:]
	}
	if tail.Len() > 0 {
		if out != "" && !strings.HasSuffix(out, "\n") {
			out += "\n"
		}
		out += tail.String()
	}
	if err := verify(root, out, date, want); err != nil {
		return fail(1, "dispatch.merge_failed", err.Error())
	}
	if changed == 0 && old != nil {
		return old, 0, nil
	}
	if crlf {
		out = strings.ReplaceAll(out, "\n", "\r\n")
	}
	if bom {
		out = "\ufeff" + out
	}
	return []byte(out), changed, nil
}

// same reports whether a value the file has is the one a literal writes.
func same(have any, lit string) bool {
	d, err := tomldoc.Parse("v = "+lit, tomldoc.Options{})
	if err != nil {
		return false
	}
	return equalValue(have, d.Root["v"])
}

// equalValue compares TOML values, numbers by their exact decimal (5 and
// 5.0 are the same amount).
func equalValue(a, b any) bool {
	da, okA := decOf(a)
	db, okB := decOf(b)
	if okA && okB {
		return da == db
	}
	return reflect.DeepEqual(a, b)
}

func decOf(v any) (exact.Dec, bool) {
	switch x := v.(type) {
	case int64:
		d, err := exact.FromInt(x)
		return d, err == nil
	case float64:
		d, err := exact.ParseFloat(x)
		return d, err == nil
	}
	return 0, false
}

// isHeader reports whether line is the header [projects.<id>].
func isHeader(line, id string) bool {
	if !strings.HasPrefix(strings.TrimSpace(line), "[") {
		return false
	}
	d, err := tomldoc.Parse(line, tomldoc.Options{})
	if err != nil {
		return false
	}
	ps, _ := d.Root["projects"].(map[string]any)
	t, ok := ps[id].(map[string]any)
	return ok && len(t) == 0
}

// lineOffset is the offset where 1-based line n starts.
func lineOffset(src string, n int) int {
	off := 0
	for ; n > 1; n-- {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return off
}

// lineAt is the text of 1-based line n.
func lineAt(src string, n int) string {
	off := lineOffset(src, n)
	return src[off:lineEnd(src, off)]
}

// lineEnd is the offset just after the newline that ends the line at off
// (or the end of src).
func lineEnd(src string, off int) int {
	i := strings.IndexByte(src[off:], '\n')
	if i < 0 {
		return len(src)
	}
	return off + i + 1
}

// maxValueLines bounds how far a value may run over lines (a multi-line
// note).
const maxValueLines = 200

// valueSpan finds the value of key k, written on 1-based line n, whose
// decoded value is v: the offsets of its text, without the blanks and the
// comment after it. It is the shortest text after `=` that decodes to v
// and is followed by a comment or the end of a line.
func valueSpan(src string, n int, k string, v any) (int, int, bool) {
	start := lineOffset(src, n)
	eol := lineEnd(src, start)
	line := src[start:eol]
	eq := -1
	for i := 0; i < len(line); i++ {
		if line[i] != '=' {
			continue
		}
		key := strings.TrimSpace(line[:i])
		if key == k || key == `"`+k+`"` || key == `'`+k+`'` {
			eq = i
			break
		}
	}
	if eq < 0 {
		return 0, 0, false
	}
	from := start + eq + 1
	for from < len(src) && (src[from] == ' ' || src[from] == '\t') {
		from++
	}
	limit, lines := len(src), 0
	for i := from; i < len(src); i++ {
		if src[i] != '\n' {
			continue
		}
		if lines++; lines > maxValueLines {
			limit = i
			break
		}
	}
	for to := from + 1; to <= limit; to++ {
		if to < limit && src[to] != '#' && src[to] != '\n' {
			continue
		}
		text := strings.TrimRight(src[from:to], " \t")
		d, err := tomldoc.Parse("v = "+text, tomldoc.Options{})
		if err != nil || !reflect.DeepEqual(d.Root["v"], v) {
			continue
		}
		return from, from + len(text), true
	}
	return 0, 0, false
}

// verify decodes the merged text and compares it with the old document
// and the values meant for it: nothing else may differ.
func verify(old map[string]any, text string, date dataset.Date, want map[string]map[string]string) error {
	d, err := tomldoc.Parse(text, tomldoc.Options{})
	if err != nil {
		return err
	}
	expect := map[string]any{}
	for k, v := range old {
		expect[k] = v
	}
	if old == nil {
		dd, err := tomldoc.Parse("date = "+date.String(), tomldoc.Options{})
		if err != nil {
			return err
		}
		expect["date"] = dd.Root["date"]
	}
	projects := map[string]any{}
	if ps, ok := expect["projects"].(map[string]any); ok {
		for id, t := range ps {
			projects[id] = t
		}
	}
	for id, vals := range want {
		t := map[string]any{}
		if have, ok := projects[id].(map[string]any); ok {
			for k, v := range have {
				t[k] = v
			}
		}
		for k, lit := range vals {
			ld, err := tomldoc.Parse("v = "+lit, tomldoc.Options{})
			if err != nil {
				return err
			}
			if !equalValue(t[k], ld.Root["v"]) {
				t[k] = ld.Root["v"]
			}
		}
		projects[id] = t
	}
	if len(projects) > 0 {
		expect["projects"] = projects
	}
	if !reflect.DeepEqual(expect, d.Root) {
		return fmt.Errorf("the merged file decodes to something else than meant")
	}
	return nil
}
