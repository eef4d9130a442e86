package tomldoc

import (
	"strings"
	"testing"
)

func TestLine(t *testing.T) {
	type want struct {
		path Path
		line int
	}
	tests := []struct {
		name  string
		src   string
		lines []want
	}{
		{"keys, comments, blank lines", "# a = 0\n\n  a = 1 # b = 2\n\t\nc=3", []want{
			{path("a"), 3}, {path("c"), 5}}},
		{"tables", "[campaign]\nname = 'x'\n\n[rules] # r\nslow_below = 1", []want{
			{path("campaign"), 1}, {path("campaign", "name"), 2}, {path("rules"), 4}, {path("rules", "slow_below"), 5}}},
		{"dotted keys and their implicit parents", "a.b.c = 1\n[t]\nx . y = 2\n", []want{
			{path("a"), 1}, {path("a", "b"), 1}, {path("a", "b", "c"), 1}, {path("t"), 2}, {path("t", "x"), 3}, {path("t", "x", "y"), 3}}},
		{"dotted headers, implicit parent", "[projects.coal]\ncompleted = 1\n\n[ projects . road ]\nfunds = 2\n", []want{
			{path("projects"), 1}, {path("projects", "coal"), 1}, {path("projects", "coal", "completed"), 2},
			{path("projects", "road"), 4}, {path("projects", "road", "funds"), 5}}},
		{"a table's own header wins over the line that implied it", "[a.b]\nx = 1\n[a]\ny = 2\n", []want{
			{path("a"), 3}, {path("a", "b"), 1}, {path("a", "y"), 4}}},
		{"quoted keys with dots", "\"a.b\" = 1\n'c d' = 2\n[projects.\"x.y\"]\n\"\\u00e9\" = 3\n\"q\\\"k\" = 4\n'' = 5\n", []want{
			{path("a.b"), 1}, {path("c d"), 2}, {path("projects", "x.y"), 3}, {path("projects", "x.y", "é"), 4},
			{path("projects", "x.y", `q"k`), 5}, {path("projects", "x.y", ""), 6}, {path("a", "b"), 1}}},
		{"quoted bracket in a header", "[\"a]b\"] # c\nk = 1\n", []want{{path("a]b"), 1}, {path("a]b", "k"), 2}}},
		{"arrays of tables", "[[approvals]]\nkind = 'a'\n\n[[approvals]]\nkind = 'b'\ndue = 2023-09-30\n", []want{
			{path("approvals"), 1}, {path("approvals", 0), 1}, {path("approvals", 0, "kind"), 2},
			{path("approvals", 1), 4}, {path("approvals", 1, "kind"), 5}, {path("approvals", 1, "due"), 6}}},
		{"nested arrays of tables", "[[lists]]\nid = 'a'\n[[lists.targets]]\nm = 'x'\n[[lists.targets]]\nm = 'y'\n" +
			"[[lists]]\nid = 'b'\n[[lists.targets]]\nm = 'z'\n", []want{
			{path("lists", 0, "targets", 1, "m"), 6}, {path("lists", 1), 7}, {path("lists", 1, "targets"), 9},
			{path("lists", 1, "targets", 0), 9}, {path("lists", 1, "targets", 0, "m"), 10}}},
		{"a table inside the last table of an array", "[[a]]\n[[a]]\n[a.b]\nk = 1\n[[a.c]]\n", []want{
			{path("a", 1), 2}, {path("a", 1, "b"), 3}, {path("a", 1, "b", "k"), 4}, {path("a", 1, "c", 0), 5}, {path("a", 0, "b"), 1}}},
		{"inline tables", "rank_by = { regions = \"a\", departments = \"b\" }\nnext = 1\n", []want{
			{path("rank_by"), 1}, {path("rank_by", "regions"), 1}, {path("rank_by", "departments"), 1}, {path("next"), 2}}},
		{"nested inline tables", "a = { b = { c = 1 }, d.e = 2 }\n", []want{
			{path("a", "b", "c"), 1}, {path("a", "d", "e"), 1}}},
		{"inline table over lines (TOML 1.1)", "rank_by = {\n  regions = \"a\", # c\n  departments = \"b\",\n}\nnext = 1\n", []want{
			{path("rank_by"), 1}, {path("rank_by", "regions"), 2}, {path("rank_by", "departments"), 3}, {path("next"), 5}}},
		{"inline array of tables over lines", "approvals = [\n  { kind = 'land' },\n  { kind = 'eia',\n    due = 2023-09-30 },\n]\n", []want{
			{path("approvals"), 1}, {path("approvals", 0), 2}, {path("approvals", 0, "kind"), 2},
			{path("approvals", 1), 3}, {path("approvals", 1, "kind"), 3}, {path("approvals", 1, "due"), 4}}},
		{"keys after a multi-line array", "lists = [\n  'x', # ]\n  'y',\n]\nnext = 1\n", []want{
			{path("lists"), 1}, {path("lists", 0), 2}, {path("lists", 1), 3}, {path("next"), 5}}},
		{"nested arrays", "a = [[1, 2], [\n3]]\n", []want{
			{path("a", 0, 1), 1}, {path("a", 1), 1}, {path("a", 1, 0), 2}}},
		{"multi-line basic string with = and [", "a = \"\"\"\nx = 1\n[not]\\\"\"\"\n\"\"\"\nb = 1\n", []want{
			{path("a"), 1}, {path("b"), 5}, {path("x"), 1}, {path("not"), 1}}},
		{"multi-line literal string with = and [", "a = '''\nx = 1\n[not] \\'''\nb = 1\n", []want{{path("a"), 1}, {path("b"), 4}}},
		{"multi-line strings ending in quotes", "a = \"\"\"x\"\"\"\"\"\nb = '''y'''''\nc = 1\n", []want{
			{path("a"), 1}, {path("b"), 2}, {path("c"), 3}}},
		{"line continuation", "a = \"\"\"x \\\n  y\"\"\"\nb = 1\n", []want{{path("b"), 3}}},
		{"comments and strings with quotes, brackets and hashes", "a = \"x # [y {\" # it's \"odd\n" +
			"b = [\"]\", '[', '}'] # ' [\nc = 1 # \"\n", []want{
			{path("a"), 1}, {path("b", 2), 2}, {path("c"), 3}}},
		{"date-times", "d = 1979-05-27 07:32:00\nt = 07:32:00\ne = 1\n", []want{{path("d"), 1}, {path("t"), 2}, {path("e"), 3}}},
		{"CRLF and a byte-order mark", "\ufeffa = 1\r\n[t]\r\nb = [\r\n 2]\r\n", []want{
			{path("a"), 1}, {path("t"), 2}, {path("t", "b"), 3}, {path("t", "b", 0), 4}}},
		{"a path the document does not have: its closest ancestor", "[t]\n\nk = [1]\n", []want{
			{path("t", "x"), 1}, {path("t", "k", 5), 3}, {path("t", "k", -1), 3}, {path("nothing", "here"), 1}, {nil, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.src, Options{})
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.src, err)
			}
			for _, w := range tt.lines {
				if got := doc.Line(w.path); got != w.line {
					t.Errorf("Line(%s) = %d; want %d\n%s", w.path, got, w.line, tt.src)
				}
			}
		})
	}
}

// TestLineDeep: a document as deep as the limit gets its lines, and the
// scan is not slowed by the depth (no copy of the path per level).
func TestLineDeep(t *testing.T) {
	src := "a = 1\nx = " + strings.Repeat("[", 63) + "\n1" + strings.Repeat("]", 63) + "\n"
	doc, err := Parse(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := path("x")
	for range 63 {
		p = p.Index(0)
	}
	if got := doc.Line(p); got != 3 {
		t.Errorf("Line(x[1]…[1]) = %d; want 3", got)
	}
}
