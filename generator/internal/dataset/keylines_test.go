package dataset

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

func TestKeyLines(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want map[string]int
	}{
		{"empty", "", map[string]int{}},
		{"keys", "a = 1\nb = 'x'\n", map[string]int{"a": 1, "b": 2}},
		{"comments and blank lines", "# a = 0\n\n  a = 1 # b = 2\n\t\nc=3", map[string]int{"a": 3, "c": 5}},
		{"tables", "[campaign]\nname = 'x'\n\n[rules] # r\nslow_below = 1",
			map[string]int{"campaign": 1, "campaign.name": 2, "rules": 4, "rules.slow_below": 5}},
		{"array of tables", "[[approvals]]\nkind = 'a'\n\n[[approvals]]\nkind = 'b'\ndue = 2023-09-30\n",
			map[string]int{"approvals": 1, "approvals[0]": 1, "approvals[0].kind": 2,
				"approvals[1]": 4, "approvals[1].kind": 5, "approvals[1].due": 6}},
		{"nested arrays of tables", "[[lists]]\nid = 'a'\n[[lists.targets]]\nmetric = 'x'\n[[lists.targets]]\nmetric = 'y'\n" +
			"[[lists]]\nid = 'b'\n[[lists.targets]]\nmetric = 'z'\n",
			map[string]int{"lists": 1, "lists[0]": 1, "lists[0].id": 2, "lists[0].targets": 3,
				"lists[0].targets[0]": 3, "lists[0].targets[0].metric": 4,
				"lists[0].targets[1]": 5, "lists[0].targets[1].metric": 6,
				"lists[1]": 7, "lists[1].id": 8, "lists[1].targets": 9,
				"lists[1].targets[0]": 9, "lists[1].targets[0].metric": 10}},
		{"table inside an array element", "[[a]]\n[[a]]\n[a.b]\nk = 1\n[[a.c]]\n",
			map[string]int{"a": 1, "a[0]": 1, "a[1]": 2, "a[1].b": 3, "a[1].b.k": 4, "a[1].c": 5, "a[1].c[0]": 5}},
		{"dotted keys", "a.b.c = 1\n[t]\nx . y = 2\n",
			map[string]int{"a": 1, "a.b": 1, "a.b.c": 1, "t": 2, "t.x": 3, "t.x.y": 3}},
		{"dotted headers", "[projects.coal]\ncompleted = 1\n\n[ projects . road ]\nfunds = 2\n",
			map[string]int{"projects": 1, "projects.coal": 1, "projects.coal.completed": 2,
				"projects.road": 4, "projects.road.funds": 5}},
		{"quoted keys", "\"a.b\" = 1\n'c d' = 2\n[projects.\"x y\"]\n\"\\u00e9\" = 3\n\"q\\\"k\" = 4\n'' = 5\n",
			map[string]int{`"a.b"`: 1, `"c d"`: 2, "projects": 3, `projects."x y"`: 3, `projects."x y"."é"`: 4,
				`projects."x y"."q\"k"`: 5, `projects."x y".""`: 6}},
		{"quoted key with TOML 1.1 escapes", "\"\\xe9\\e\" = 1\n", map[string]int{`"é\x1b"`: 1}},
		{"quoted bracket in header", "[\"a]b\"] # c\nk = 1\n", map[string]int{`"a]b"`: 1, `"a]b".k`: 2}},
		{"inline table", "rank_by = { regions = \"a\", departments = \"b\" }\nnext = 1\n",
			map[string]int{"rank_by": 1, "rank_by.regions": 1, "rank_by.departments": 1, "next": 2}},
		{"nested inline tables", "a = { b = { c = 1 }, d.e = 2 }\n",
			map[string]int{"a": 1, "a.b": 1, "a.b.c": 1, "a.d": 1, "a.d.e": 1}},
		{"multi-line inline table (TOML 1.1)", "rank_by = {\n  regions = \"a\", # c\n  departments = \"b\",\n}\nnext = 1\n",
			map[string]int{"rank_by": 1, "rank_by.regions": 2, "rank_by.departments": 3, "next": 5}},
		{"multi-line array", "lists = [\n  'x', # ]\n  'y',\n]\nnext = 1\n",
			map[string]int{"lists": 1, "lists[0]": 2, "lists[1]": 3, "next": 5}},
		{"nested arrays", "a = [[1, 2], [\n3]]\n",
			map[string]int{"a": 1, "a[0]": 1, "a[0][0]": 1, "a[0][1]": 1, "a[1]": 1, "a[1][0]": 2}},
		{"array of inline tables", "approvals = [\n  { kind = 'land' },\n  { kind = 'eia',\n    due = 2023-09-30 },\n]\n",
			map[string]int{"approvals": 1, "approvals[0]": 2, "approvals[0].kind": 2,
				"approvals[1]": 3, "approvals[1].kind": 3, "approvals[1].due": 4}},
		{"multi-line basic string", "a = \"\"\"\nx = 1\n[not]\\\"\"\"\n\"\"\"\nb = 1\n", map[string]int{"a": 1, "b": 5}},
		{"multi-line literal string", "a = '''\nx = 1\n[not] \\'''\nb = 1\n", map[string]int{"a": 1, "b": 4}},
		{"multi-line string ending in quotes", "a = \"\"\"x\"\"\"\"\"\nb = '''y'''''\nc = 1\n",
			map[string]int{"a": 1, "b": 2, "c": 3}},
		{"line continuation", "a = \"\"\"x \\\n  y\"\"\"\nb = 1\n", map[string]int{"a": 1, "b": 3}},
		{"brackets and hashes in strings", "a = \"x # [y {\"\nb = [\"]\", '[', '}']\nc = 1\n",
			map[string]int{"a": 1, "b": 2, "b[0]": 2, "b[1]": 2, "b[2]": 2, "c": 3}},
		{"date-times", "d = 1979-05-27 07:32:00\nt = 07:32\ne = 1\n", map[string]int{"d": 1, "t": 2, "e": 3}},
		{"CRLF", "a = 1\r\n[t]\r\nb = [\r\n 2]\r\n", map[string]int{"a": 1, "t": 2, "t.b": 3, "t.b[0]": 4}},
		{"first mention wins", "[a.b]\n[a]\nx = 1\n", map[string]int{"a": 1, "a.b": 1, "a.x": 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keyLines(tt.src); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("keyLines(%q) =\n%v\nwant\n%v", tt.src, got, tt.want)
			}
		})
	}
}

// TestKeyLinesCoverDecoded checks the scanner against the decoder on the
// valid site: every key and array element toml.Decode finds has a line,
// and the line is one that mentions it.
func TestKeyLinesCoverDecoded(t *testing.T) {
	for p, f := range readTree(t, "testdata/valid") {
		if !strings.HasSuffix(p, ".toml") {
			continue
		}
		t.Run(p, func(t *testing.T) {
			src := string(f.Data)
			if err := checkKeyLines(src); err != "" {
				t.Error(err)
			}
		})
	}
}

// checkKeyLines returns a description of a decoded key keyLines has no
// line for, or "" when every key has one.
func checkKeyLines(src string) string {
	var m map[string]any
	if _, err := toml.Decode(src, &m); err != nil {
		return ""
	}
	lines := keyLines(src)
	var missing []string
	var walk func(path []string, v any)
	walk = func(path []string, v any) {
		if len(path) > 0 {
			if _, ok := lines[keyPath(path)]; !ok {
				missing = append(missing, keyPath(path))
			}
		}
		switch v := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				walk(append(slices.Clip(path), k), v[k])
			}
		case []map[string]any:
			for i, x := range v {
				walk(append(slices.Clip(path), index(i)), x)
			}
		case []any:
			for i, x := range v {
				walk(append(slices.Clip(path), index(i)), x)
			}
		}
	}
	walk(nil, m)
	if len(missing) > 0 {
		return fmt.Sprintf("keyLines(%q) has no line for %s", src, strings.Join(missing, ", "))
	}
	return ""
}

func TestKeyPathAndName(t *testing.T) {
	tests := []struct {
		path       []string
		key, human string
	}{
		{[]string{"total"}, "total", "total"},
		{[]string{"approvals", index(0), "due"}, "approvals[0].due", "approvals[1].due"},
		{[]string{"lists", index(1), "targets", index(0), "by"}, "lists[1].targets[0].by", "lists[2].targets[1].by"},
		{[]string{"plan", "2024"}, "plan.2024", "plan.2024"},
		{[]string{"projects", "a.b", "completed"}, `projects."a.b".completed`, `projects."a.b".completed`},
		{[]string{"stats", "sectors", "制造业"}, `stats.sectors."制造业"`, `stats.sectors."制造业"`},
	}
	for _, tt := range tests {
		if got := keyPath(tt.path); got != tt.key {
			t.Errorf("keyPath(%q) = %q; want %q", tt.path, got, tt.key)
		}
		if got := name(tt.path); got != tt.human {
			t.Errorf("name(%q) = %q; want %q", tt.path, got, tt.human)
		}
	}
}

func TestUnescapeBasic(t *testing.T) {
	tests := []struct{ in, want string }{
		{`plain`, "plain"},
		{`a\tb\n\"\\`, "a\tb\n\"\\"},
		{`\u00e9\U0001F600\xe9\e`, "é😀é\x1b"},
		{`\uD800`, `\uD800`}, // not a scalar value: kept as written
		{`\x4`, `\x4`},       // too short
		{`\q`, `\q`},
		{`end\`, `end\`},
	}
	for _, tt := range tests {
		if got := unescapeBasic(tt.in); got != tt.want {
			t.Errorf("unescapeBasic(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name, src    string
		fm, body     string
		bodyLine     int
		hasFM, valid bool
	}{
		{"none", "# T\n", "", "# T\n", 1, false, true},
		{"plain", "+++\ntitle = 'x'\n+++\nbody\n", "title = 'x'\n", "body\n", 4, true, true},
		{"trailing blanks on +++", "+++ \ntitle = 'x'\n+++\t\nbody", "title = 'x'\n", "body", 4, true, true},
		{"empty front matter", "+++\n+++\n", "", "", 3, true, true},
		{"no body, no final newline", "+++\na = 1\n+++", "a = 1\n", "", 4, true, true},
		{"unclosed", "+++\ntitle = 'x'\nbody\n", "", "", 0, false, false},
		{"only the opening line", "+++", "", "", 0, false, false},
		{"+++ later is not front matter", "body\n+++\n", "", "body\n+++\n", 1, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, body, line, ok := frontMatter([]byte(tt.src))
			if ok != tt.valid || (fm != nil) != tt.hasFM || string(fm) != tt.fm || string(body) != tt.body || line != tt.bodyLine {
				t.Errorf("frontMatter(%q) = %q, %q, %d, %t; want %q, %q, %d, %t (front matter present: %t)",
					tt.src, fm, body, line, ok, tt.fm, tt.body, tt.bodyLine, tt.valid, tt.hasFM)
			}
		})
	}
}

func TestDate(t *testing.T) {
	d := NewDate(2024, time.February, 29)
	if got := d.String(); got != "2024-02-29" {
		t.Errorf("String() = %q; want 2024-02-29", got)
	}
	if got := d.DayOfYear(); got != 60 {
		t.Errorf("DayOfYear() = %d; want 60", got)
	}
	if got := NewDate(1, time.January, 1); got != 1 {
		t.Errorf("NewDate(1, 1, 1) = %d; want 1 (Rata Die)", got)
	}
	if got := Date(0).String(); got != "" {
		t.Errorf("Date(0).String() = %q; want \"\"", got)
	}
	if got, err := ParseDate("2023-02-29"); err == nil {
		t.Errorf("ParseDate(2023-02-29) = %v; want an error", got)
	}
	if got := d.AddDays(1).String(); got != "2024-03-01" {
		t.Errorf("AddDays(1) = %q; want 2024-03-01", got)
	}
	if DaysInYear(2024) != 366 || DaysInYear(2023) != 365 {
		t.Errorf("DaysInYear(2024), DaysInYear(2023) = %d, %d; want 366, 365", DaysInYear(2024), DaysInYear(2023))
	}
}
