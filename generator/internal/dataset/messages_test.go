package dataset

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gongjian/generator/internal/i18n"
	"gongjian/generator/internal/tomldoc"
)

// Every message the package can produce is in the three catalogs, with
// the same arguments in each.
//
// The package's Go files are scanned for the message keys they name:
// i18n.M("key", …), errs.Add(path, line, "key", …) and f.add(at, "key",
// …). A key built at run time ("metric." + name) must be listed in
// dynamicKeys with the keys it can be, so that a new way of building keys
// fails this test until its keys are listed too.

// dynamicKeys maps the Go expression that builds a key to every key it
// can build.
func dynamicKeys() map[string][]string {
	var hints []string
	for k := tomldoc.HintKind(1); k.String() != fmt.Sprintf("HintKind(%d)", int(k)); k++ {
		if k != tomldoc.MoneyUnit { // worded with its unit, under its own literal key
			hints = append(hints, "hint."+snake(k.String()))
		}
	}
	var glosses []string
	for _, cs := range []i18n.Codes{ApprovalKinds, ProblemLevels, RegionKinds, Jurisdictions, Languages, MoneyUnits, RankingPeriods, codes("import_field.", ImportFields...)} {
		for _, c := range cs {
			glosses = append(glosses, c.Gloss.Key)
		}
	}
	entities := []string{"region", "department", "project", "category", "list", "sector"}
	prefixed := func(prefix string, xs []string) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = prefix + x
		}
		return out
	}
	scopes := []string{ScopeCampaign, ScopeRegion, ScopeDepartment, ScopeList, ScopeCategory, ScopeSector}
	// Written without spaces, as the scan compares them.
	return map[string][]string{
		`"hint."+snake(h.Kind.String())`: hints,
		`prefix+v`:                       glosses,
		`"entity."+n.what`:               prefixed("entity.", entities),
		`"where."+n.what`:                prefixed("where.", entities),
		`"scope."+ref.scope`:             prefixed("scope.", scopes),
		`"metric."+n`:                    prefixed("metric.", Names()),
		`msg+"name_for_id"`:              {"ref.name_for_id", "ref.key_name_for_id"},
		`msg+"unknown_near"`:             {"ref.unknown_near", "ref.key_unknown_near"},
		`msg+"unknown"`:                  {"ref.unknown", "ref.key_unknown"},
	}
}

// use is a message key the package names, with the number of arguments
// it is given (-1 when they are passed on as a slice).
type use struct {
	key  string
	args int
	at   string
}

// scanKeys returns the message keys the package's Go files name, and the
// key expressions that are neither literals nor in dynamic.
func scanKeys(t *testing.T, dynamic map[string][]string) (uses []use, unknown []string) {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		src := readFile(t, name)
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			keyArg := -1
			switch {
			case sel.Sel.Name == "M" && isIdent(sel.X, "i18n"):
				keyArg = 0
			case sel.Sel.Name == "Add" && len(call.Args) >= 3:
				keyArg = 2
			case sel.Sel.Name == "add" && len(call.Args) >= 2:
				keyArg = 1
			}
			if keyArg < 0 || keyArg >= len(call.Args) {
				return true
			}
			at := fset.Position(call.Pos()).String()
			nargs := len(call.Args) - keyArg - 1
			if call.Ellipsis.IsValid() {
				nargs = -1
			}
			switch k := call.Args[keyArg].(type) {
			case *ast.BasicLit:
				if k.Kind == token.STRING {
					uses = append(uses, use{strings.Trim(k.Value, "\"`"), nargs, at})
					return true
				}
			case *ast.Ident:
				if call.Ellipsis.IsValid() {
					return true // a function that passes its caller's key on
				}
			}
			expr := src[fset.Position(call.Args[keyArg].Pos()).Offset:fset.Position(call.Args[keyArg].End()).Offset]
			keys, ok := dynamic[strings.ReplaceAll(expr, " ", "")]
			if !ok {
				unknown = append(unknown, at+": "+expr)
				return true
			}
			for _, k := range keys {
				uses = append(uses, use{k, nargs, at})
			}
			return true
		})
	}
	return uses, unknown
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// verbs parses the fmt verbs of a message: argument number (from 1) →
// the kind of value it takes ("s" for %s %q %v, "d" for %d). literal is
// set when a % stands for itself (before a space, a Chinese character or
// the end), which only a message given no arguments may do: it is then
// printed as it is. bad is set for what fmt would complain of.
func verbs(format string) (args map[int]string, literal bool, bad string) {
	args = map[int]string{}
	next := 1
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		if i == len(format) || format[i] == ' ' || format[i] >= 0x80 {
			literal = true
			i--
			continue
		}
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		if i < len(format) && format[i] == '[' {
			j := strings.IndexByte(format[i:], ']')
			var n int
			if j < 0 {
				return args, literal, "unclosed [ in " + format
			}
			if _, err := fmt.Sscanf(format[i+1:i+j], "%d", &n); err != nil || n < 1 {
				return args, literal, "bad argument index in " + format
			}
			next = n
			i += j + 1
		}
		for i < len(format) && (format[i] >= '0' && format[i] <= '9' || format[i] == '.') {
			i++
		}
		if i >= len(format) {
			return args, literal, "verb missing at the end of " + format
		}
		kind := ""
		switch format[i] {
		case 's', 'q', 'v':
			kind = "s"
		case 'd':
			kind = "d"
		default:
			return args, literal, fmt.Sprintf("verb %%%c in %s", format[i], format)
		}
		if prev, ok := args[next]; ok && prev != kind {
			return args, literal, fmt.Sprintf("argument %d as both %%%s and %%%s in %s", next, prev, kind, format)
		}
		args[next] = kind
		next++
	}
	return args, literal, ""
}

func maxArg(args map[int]string) int {
	m := 0
	for n := range args {
		m = max(m, n)
	}
	return m
}

// catalogs returns the three catalogs as key → text.
func catalogs(t *testing.T) map[i18n.Lang]map[string]string {
	t.Helper()
	out := map[i18n.Lang]map[string]string{}
	for _, l := range i18n.Langs {
		keys, err := i18n.Keys(l)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, k := range keys {
			m[k], _ = i18n.Raw(l, k)
		}
		out[l] = m
	}
	return out
}

func TestMessagesInEveryCatalog(t *testing.T) {
	uses, unknown := scanKeys(t, dynamicKeys())
	for _, u := range unknown {
		t.Errorf("%s: a message key built at run time; list the keys it can be in dynamicKeys", u)
	}
	if len(uses) < 50 {
		t.Fatalf("scanKeys found %d message keys; want the package's (at least 50)", len(uses))
	}
	cats := catalogs(t)
	for _, u := range uses {
		t.Run(u.key, func(t *testing.T) {
			var first map[int]string
			for _, l := range i18n.Langs {
				text, ok := cats[l][u.key]
				if !ok {
					t.Errorf("%s: message %s is not in the %s catalog", u.at, u.key, l)
					continue
				}
				args, literal, bad := verbs(text)
				if bad != "" {
					t.Errorf("%s catalog, %s: %s", l, u.key, bad)
				}
				if literal && u.args != 0 {
					t.Errorf("%s: %s may be given arguments; the %s catalog's %q has a %% that is no verb (write %%%%)", u.at, u.key, l, text)
				}
				if u.args >= 0 && maxArg(args) > u.args {
					t.Errorf("%s: %s is given %d arguments; the %s catalog's %q uses %d", u.at, u.key, u.args, l, text, maxArg(args))
				}
				if first == nil {
					first = args
				}
			}
			if u.args > 0 && first != nil && len(first) == 0 {
				t.Errorf("%s: %s is given %d arguments; its message uses none", u.at, u.key, u.args)
			}
		})
	}
}

// TestCatalogsAgree: the three catalogs have the same keys, and each
// message takes the same arguments, as the same kind of value, in each.
func TestCatalogsAgree(t *testing.T) {
	cats := catalogs(t)
	all := map[string]bool{}
	for _, c := range cats {
		for k := range c {
			all[k] = true
		}
	}
	keys := make([]string, 0, len(all))
	for k := range all {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var ref map[int]string
		var refLang i18n.Lang
		for _, l := range i18n.Langs {
			text, ok := cats[l][k]
			if !ok {
				t.Errorf("%s is not in the %s catalog", k, l)
				continue
			}
			args, _, bad := verbs(text)
			if bad != "" {
				t.Errorf("%s catalog, %s: %s", l, k, bad)
				continue
			}
			if ref == nil {
				ref, refLang = args, l
				continue
			}
			if maxArg(args) != maxArg(ref) {
				t.Errorf("%s: the %s message takes %d arguments, the %s one %d", k, l, maxArg(args), refLang, maxArg(ref))
			}
			for n, kind := range args {
				if r, ok := ref[n]; ok && r != kind {
					t.Errorf("%s: argument %d is %%%s in %s, %%%s in %s", k, n, kind, l, r, refLang)
				}
			}
		}
	}
}

func TestVerbs(t *testing.T) {
	tests := []struct {
		in      string
		want    map[int]string
		literal bool
		bad     bool
	}{
		{"plain", map[int]string{}, false, false},
		{"100%% sure", map[int]string{}, false, false},
		{"%s and %d", map[int]string{1: "s", 2: "d"}, false, false},
		{"%[2]s before %[1]q", map[int]string{1: "s", 2: "s"}, false, false},
		{"%[2]s then %s", map[int]string{2: "s", 3: "s"}, false, false},
		{"%5.2d", map[int]string{1: "d"}, false, false},
		{"a % sign", map[int]string{}, true, false},
		{"带了 %号", map[int]string{}, true, false},
		{"trailing %", map[int]string{}, true, false},
		{"%[1]s as %[1]d", nil, false, true},
		{"%x", nil, false, true},
		{"%[0]s", nil, false, true},
		{"%[1s", nil, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, literal, bad := verbs(tt.in)
			if (bad != "") != tt.bad || !tt.bad && (!maps(got, tt.want) || literal != tt.literal) {
				t.Errorf("verbs(%q) = %v, %v, %q; want %v, %v, bad %v", tt.in, got, literal, bad, tt.want, tt.literal, tt.bad)
			}
		})
	}
}

func maps(a, b map[int]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
