package tomldoc

import (
	"fmt"
	"testing"
	"time"
)

// path builds a Path from keys (strings) and indexes (ints).
func path(elems ...any) Path {
	var p Path
	for _, e := range elems {
		switch e := e.(type) {
		case string:
			p = p.Key(e)
		case int:
			p = p.Index(e)
		default:
			p = p.Key(fmt.Sprint(e))
		}
	}
	return p
}

func TestPathString(t *testing.T) {
	tests := []struct {
		path Path
		want string
	}{
		{nil, ""},
		{path("total"), "total"},
		{path("approvals", 1, "due"), "approvals[2].due"},
		{path("lists", 1, "targets", 0, "by"), "lists[2].targets[1].by"},
		{path("a", 0, 2), "a[1][3]"},
		{path("plan", "2024"), "plan.2024"},
		{path("projects", "a.b", "completed"), `projects."a.b".completed`},
		{path("stats", "sectors", "制造业"), `stats.sectors."制造业"`},
		{path("q", `a"b`, ""), `q."a\"b".""`},
	}
	for _, tt := range tests {
		if got := tt.path.String(); got != tt.want {
			t.Errorf("%#v.String() = %q; want %q", tt.path, got, tt.want)
		}
	}
}

// TestPathNoAlias: paths built from one parent do not share elements,
// even when the parent has room to grow.
func TestPathNoAlias(t *testing.T) {
	parent := make(Path, 0, 8).Key("approvals")
	a, b := parent.Index(0), parent.Index(1)
	c, d := a.Key("due"), a.Key("done")
	for _, tt := range []struct {
		p    Path
		want string
	}{{parent, "approvals"}, {a, "approvals[1]"}, {b, "approvals[2]"}, {c, "approvals[1].due"}, {d, "approvals[1].done"}} {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("path = %q; want %q", got, tt.want)
		}
	}
}

func TestElem(t *testing.T) {
	p := path("a", 3)
	if k, ok := p[0].Key(); k != "a" || !ok {
		t.Errorf("Key() = %q, %t; want a, true", k, ok)
	}
	if _, ok := p[0].Index(); ok {
		t.Errorf("Index() of a key: ok = true; want false")
	}
	if i, ok := p[1].Index(); i != 3 || !ok {
		t.Errorf("Index() = %d, %t; want 3, true", i, ok)
	}
	if _, ok := p[1].Key(); ok {
		t.Errorf("Key() of an index: ok = true; want false")
	}
}

func TestIsBareKey(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"a", true}, {"A-z_0", true}, {"2024", true}, {"-", true},
		{"", false}, {"a.b", false}, {"a b", false}, {"制造业", false}, {"é", false}, {`"a"`, false},
	}
	for _, tt := range tests {
		if got := IsBareKey(tt.in); got != tt.want {
			t.Errorf("IsBareKey(%q) = %t; want %t", tt.in, got, tt.want)
		}
	}
}

func TestTypeNameAndAsDate(t *testing.T) {
	doc, err := Parse("s = 'x'\ni = 1\nf = 1.5\nb = true\nd = 2023-09-30\ndt = 2023-09-30T08:00:00\n"+
		"odt = 2023-09-30T08:00:00+08:00\ntm = 08:00:00\na = [1]\nt = {x = 1}\n[[aot]]\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key, want string
		date      bool
	}{
		{"s", "string", false}, {"i", "integer", false}, {"f", "float", false}, {"b", "boolean", false},
		{"d", "date", true}, {"dt", "date-time", false}, {"odt", "date-time", false}, {"tm", "time", false},
		{"a", "array", false}, {"aot", "array", false}, {"t", "table", false},
	}
	for _, tt := range tests {
		v := doc.Root[tt.key]
		if got := TypeName(v); got != tt.want {
			t.Errorf("TypeName(%s) = %q; want %q", tt.key, got, tt.want)
		}
		if _, _, _, ok := AsDate(v); ok != tt.date {
			t.Errorf("AsDate(%s): ok = %t; want %t", tt.key, ok, tt.date)
		}
	}
	if y, m, d, _ := AsDate(doc.Root["d"]); y != 2023 || m != time.September || d != 30 {
		t.Errorf("AsDate(d) = %d, %v, %d; want 2023, September, 30", y, m, d)
	}
	if got := TypeName(nil); got != "<nil>" {
		t.Errorf("TypeName(nil) = %q; want <nil>", got)
	}
}
