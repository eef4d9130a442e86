package tomldoc

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// burntSushi decodes src with toml.Decode alone.
func burntSushi(src string) (map[string]any, error) {
	var m map[string]any
	_, err := toml.Decode(src, &m)
	return m, err
}

// diffTOML describes the first difference between two decoded values, ""
// when there is none. It is reflect.DeepEqual made stricter where DeepEqual
// is loose (the time zone of a time.Time is compared by pointer and by
// name, a float's sign of zero by its bits) and looser where it is too
// strict (NaN equals a NaN with the same bits).
func diffTOML(path string, got, want any) string {
	if reflect.TypeOf(got) != reflect.TypeOf(want) {
		return fmt.Sprintf("%s: %T %#v; want %T %#v", path, got, got, want, want)
	}
	switch w := want.(type) {
	case map[string]any:
		g := got.(map[string]any)
		if (g == nil) != (w == nil) {
			return fmt.Sprintf("%s: nil map %v; want nil map %v", path, g == nil, w == nil)
		}
		keys := map[string]bool{}
		for k := range g {
			keys[k] = true
		}
		for k := range w {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			gv, gok := g[k]
			wv, wok := w[k]
			if gok != wok {
				return fmt.Sprintf("%s.%q: present %v; want %v", path, k, gok, wok)
			}
			if d := diffTOML(fmt.Sprintf("%s.%q", path, k), gv, wv); d != "" {
				return d
			}
		}
	case []map[string]any:
		g := got.([]map[string]any)
		if len(g) != len(w) || (g == nil) != (w == nil) {
			return fmt.Sprintf("%s: %d tables (nil %v); want %d (nil %v)", path, len(g), g == nil, len(w), w == nil)
		}
		for i := range w {
			if d := diffTOML(fmt.Sprintf("%s[%d]", path, i), g[i], w[i]); d != "" {
				return d
			}
		}
	case []any:
		g := got.([]any)
		if len(g) != len(w) || (g == nil) != (w == nil) {
			return fmt.Sprintf("%s: %d elements (nil %v); want %d (nil %v)", path, len(g), g == nil, len(w), w == nil)
		}
		for i := range w {
			if d := diffTOML(fmt.Sprintf("%s[%d]", path, i), g[i], w[i]); d != "" {
				return d
			}
		}
	case float64:
		if math.Float64bits(got.(float64)) != math.Float64bits(w) {
			return fmt.Sprintf("%s: %v (%#x); want %v (%#x)", path, got, math.Float64bits(got.(float64)), w, math.Float64bits(w))
		}
	case time.Time:
		g := got.(time.Time)
		if g.Location() != w.Location() || g.Location().String() != w.Location().String() {
			return fmt.Sprintf("%s: location %p %q; want %p %q", path, g.Location(), g.Location(), w.Location(), w.Location())
		}
		if !reflect.DeepEqual(g, w) {
			return fmt.Sprintf("%s: %#v; want %#v", path, g, w)
		}
	default:
		if !reflect.DeepEqual(got, want) {
			return fmt.Sprintf("%s: %#v; want %#v", path, got, want)
		}
	}
	return ""
}

// checkFast decodes src with fastDecode and, when it is handled, requires
// toml.Decode to accept it and give the same value. It returns whether
// fastDecode handled src.
func checkFast(t *testing.T, src string) bool {
	t.Helper()
	d, ok := runFast(src, DefaultMaxDepth)
	if !ok {
		return false
	}
	got := d.root
	want, err := burntSushi(src)
	if err != nil {
		t.Errorf("fastDecode(%q) handled a document toml.Decode refuses: %v", src, err)
		return true
	}
	if d := diffTOML("", got, want); d != "" {
		t.Errorf("fastDecode(%q) differs from toml.Decode at %s", src, d)
	} else if !sameFloatsDeepEqual(got, want) {
		t.Errorf("fastDecode(%q) = %#v; reflect.DeepEqual says it differs from toml.Decode's %#v", src, got, want)
	}
	// Parse skips its check for what the fast decoder takes: the two
	// must count the same work, and agree on the depth, here with a
	// limit small enough to matter.
	s := newScanner(src, DefaultMaxDepth, nil)
	if s.document(); s.err != nil || s.work != d.lim.work {
		t.Errorf("fastDecode(%q): work %d; check says %d, %v", src, d.lim.work, s.work, s.err)
	}
	if _, ok := fastDecode(src, 3); ok && check(src, 3) != nil {
		t.Errorf("fastDecode(%q, depth 3) handled it; check says %v", src, check(src, 3))
	}
	return true
}

// sameFloatsDeepEqual is reflect.DeepEqual, which diffTOML checks first,
// for values without NaN (NaN never DeepEquals itself).
func sameFloatsDeepEqual(a, b any) bool {
	return hasNaN(a) || reflect.DeepEqual(a, b)
}

func hasNaN(v any) bool {
	switch v := v.(type) {
	case float64:
		return math.IsNaN(v)
	case []any:
		for _, x := range v {
			if hasNaN(x) {
				return true
			}
		}
	case map[string]any:
		for _, x := range v {
			if hasNaN(x) {
				return true
			}
		}
	case []map[string]any:
		for _, x := range v {
			if hasNaN(x) {
				return true
			}
		}
	}
	return false
}

func TestFastHandled(t *testing.T) {
	for _, src := range []string{
		"",
		"\n\n  \t\n",
		"# only a comment",
		"# comment\n\n# another \t with tab\n",
		"a = 1",
		"a = 1\n",
		"a=1\nb\t=\t2 # trailing comment\n",
		"  indented = true   \n\tb = false\t# x\n",
		"Name = 1\nname = 2\nNAME = 3\n",
		"a-b_c = 1\n_ = 2\n-- = 3\n1234 = 4\n2023 = 5\ntrue = 6\ninf = 7\n",
		`"quoted key" = 1` + "\n'literal key' = 2\n\"\" = 3\n\"\\u00e9\\t\" = 4\n",
		"\"a.b\" = 1\na.b = 2\n",
		// strings
		`s = "plain"`,
		`s = ""`,
		`s = ''`,
		`s = "中文 and émoji 🎉"`,
		`s = "esc \b \t \n \f \r \e \" \\ end"`,
		`s = "\x00\x7f\xe9\xFF \u0000 \u00E9 \uFFFD \U0001F600 \U0010FFFF"`,
		"s = \"tab\there\"\nl = 'tab\there'\n",
		`s = 'C:\Users\no escapes \n'`,
		`s = "a 'single' inside" # and "double" in a comment`,
		`s = 'a "double" inside'`,
		"s = \"# not a comment\"\n",
		// integers
		"a = 0\nb = +0\nc = -0\nd = 1\ne = -1\nf = +99\ng = 1_000\nh = 5_349_221\ni = 1_2_3_4\n",
		"max = 9223372036854775807\nmin = -9223372036854775808\nplus = +9223372036854775807\n",
		"small = 255\nbig = 256\nneg = -129\n",
		// floats
		"a = 0.0\nb = -0.0\nc = +0.0\nd = 1.5\ne = -3.1415\nf = 0.1\ng = 6.626e-34\nh = 5e+22\ni = 1e06\nj = -2E-2\nk = 224_617.445_991_228\nl = 1e1_0\nm = 0e0\nn = 0.000_1\n",
		"a = 1e-400\nb = 4.9e-324\nc = 1.7976931348623157e308\n",
		"a = inf\nb = +inf\nc = -inf\nd = nan\ne = +nan\nf = -nan\n",
		"a = 2023.0\nb = 18.86\nc = 278.8\n",
		// booleans and dates
		"t = true\nf = false\n",
		"d = 2023-09-30\ne = 1979-05-27 # birthday\nf = 2024-02-29\ng = 2000-02-29\nh = 0001-01-01\ni = 9999-12-31\nj = 0000-01-01\n",
		"d = 2023-09-30   \n",
		"d = 2023-09-30 \t # c\n",
		"d = 2023-09-30\t\n",
		// arrays
		"a = []\nb = [ ]\nc = [1]\nd = [1,2,3]\ne = [ 1 , 2 , 3 , ]\n",
		`a = ["x", 'y', 1, 2.5, true, 2023-01-01, -inf]`,
		"a = [[1, 2], [], [[3]], ['x']]\n",
		"a = [\n  1,\n  2, # two\n  # a comment line\n  3\n]\nb = 1\n",
		"a = [ # open\n\n]\n",
		"a = [\n  \"batch-2\",\n  \"region-key\",\n]\n",
		"a = [2023-09-30 , 2023-10-01 ]\n",
		"a = [2023-09-30\n]\n",
		// tables
		"[t]\n",
		"[t]\na = 1\n[u]\nb = 2\n",
		"top = 1\n[a]\nx = 1\n[a.b]\ny = 2\n[a.c.d]\nz = 3\n",
		"[ a . b ]\n[ \"q\" . 'r' ]\n[a.\"b.c\"]\n",
		"[a.b]\n[a.c]\n",
		"[a]\n[a.b.c]\n[a.b.d]\n",
		"[plan]\n2023 = 6.5\n2024 = 1\n",
		"[stats]\nfai = 278.8\n[stats.sectors]\nreal-estate = 6.1\n[regions.baohu]\nfai = 2.1\n[regions.beita]\nfai = 0.4\n[projects.p000001]\ncompleted = 1.0\nnote = \"x\"\ncorrection = true\n",
		"[t] # comment\na = 1\n[u]\t\n",
		// arrays of tables
		"[[a]]\n",
		"[[a]]\nx = 1\n[[a]]\nx = 2\n[[a]]\n",
		"[[a]]\nx = 1\n[a.b]\ny = 2\n[[a]]\n[a.b]\ny = 3\n",
		"[[a]]\n[[a.b]]\nx = 1\n[[a.b]]\nx = 2\n[[a]]\n[[a.b]]\n",
		"[[ a ]]\n[[ 'b' . \"c\" ]]\n",
		"[x.y]\n[[x.z]]\nn = 1\n[[x.z]]\nn = 2\n",
		"[[categories]]\nid = \"energy\"\n[[categories.targets]]\nmetric = \"fai\"\nvalue = 1.5\nby = 2023-11-30\n",
		"[[a]]\nb = [1]\n[[a]]\nb = [2]\n",
		// dotted keys
		"a.b = 1\n",
		"a.b = 1\na.c = 2\na.d.e = 3\na.d.f = 4\n",
		"a . b = 1\n\"x y\".'z' = 2\n",
		"[t]\na.b = 1\na.c = 2\n[u]\na.b = 3\n",
		"site.name = 1\n[campaign]\nx = 1\n",
	} {
		if !checkFast(t, src) {
			want, err := burntSushi(src)
			t.Errorf("fastDecode(%q) not handled; want handled (toml.Decode gives %v, %v)", src, want, err)
		}
	}
}

func TestFastNotHandled(t *testing.T) {
	for _, src := range []string{
		// not in the subset, though valid
		"s = \"\"\"\nmulti\nline\"\"\"\n",
		"s = '''\nmulti\nline'''\n",
		"s = \"\"\"x\"\"\"",
		"t = { a = 1 }\n",
		"a = [{ a = 1 }]\n",
		"a = 0x1F\n",
		"a = 0o17\n",
		"a = 0b101\n",
		"d = 1979-05-27T07:32:00Z\n",
		"d = 1979-05-27T07:32:00\n",
		"d = 1979-05-27 07:32:00\n",
		"d = 1979-05-27t07:32:00\n",
		"d = 07:32:00\n",
		"d = 07:32\n",
		"[a.b]\n[a]\n",             // defining a table a header implied
		"[[a]]\nb.c = 1\n",         // dotted keys with arrays of tables
		"a.b = 1\n[[c]]\n",         // the same, the other way round
		"[t]\na.b = 1\n[t.a.c]\n",  // a header through a table dotted keys made
		"a.\"\" = []\na.b.c = 1\n", // toml.Decode loses a."" (found by TestFastTOMLRandom)
		"a.\"\" = 1\n",
		"a = [\n1,\n2,\n" + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "]\n", // too deep
		// invalid: toml.Decode reports them
		"a",
		"a =",
		"a = \n",
		"= 1\n",
		"a = 1 b = 2\n",
		"a = 1\na = 2\n",
		"a = 1\nA = 2\na = 3\n",
		"\"a\" = 1\na = 2\n",
		"a = 1\n[a]\n",
		"a = 1\n[a.b]\n",
		"[a]\n[a]\n",
		"[a]\nb = 1\n[a.b]\n",
		"[a.b]\nc = 1\n[a.b]\n",
		"[[a]]\n[a]\n",
		"[a]\n[[a]]\n",
		"a = []\n[[a]]\n",
		"a = 1\na.b = 2\n",
		"a.b = 1\na = 2\n",
		"a.b = 1\na.b = 2\n",
		"a.b = 1\na.b.c = 2\n",
		"[t]\n[t.a]\n[t]\n",
		"[]\n",
		"[a.]\n",
		"[.a]\n",
		"[a..b]\n",
		"[a\n]\n",
		"[[a]\n",
		"[[a] ]\n",
		"[ [a]]\n",
		"[a]]\n",
		"[a] b = 1\n",
		"a.= 1\n",
		".a = 1\n",
		"a..b = 1\n",
		"a b = 1\n",
		"a\n= 1\n",
		"a = \n1\n",
		"é = 1\n",
		"a = 01\n",
		"a = -01\n",
		"a = 00\n",
		"a = 0_0\n",
		"a = 1_\n",
		"a = 1__0\n",
		"a = _1\n",
		"a = +_1\n",
		"a = 1_000_\n",
		"a = 9223372036854775808\n",
		"a = -9223372036854775809\n",
		"a = 99999999999999999999\n",
		"a = 1.\n",
		"a = .5\n",
		"a = +.5\n",
		"a = 1.e5\n",
		"a = 1e\n",
		"a = 1e+\n",
		"a = 1e_5\n",
		"a = 1.5_\n",
		"a = 1._5\n",
		"a = 01.5\n",
		"a = 1.2.3\n",
		"a = 1e5e5\n",
		"a = 1e400\n",
		"a = -1e400\n",
		"a = 1.5-3\n",
		"a = 1x\n",
		"a = ++1\n",
		"a = +\n",
		"a = infinity\n",
		"a = Inf\n",
		"a = NaN\n",
		"a = nanx\n",
		"a = True\n",
		"a = truex\n",
		"a = yes\n",
		"a = 2023-02-29\n",
		"a = 2023-13-01\n",
		"a = 2023-00-10\n",
		"a = 2023-04-31\n",
		"a = 2023-01-00\n",
		"a = 2023-1-01\n",
		"a = 2023-01-1\n",
		"a = 20231-01-01\n",
		"a = 2023-01-01x\n",
		"a = 2023-01-01 x\n",
		"a = 2023-01-01 1\n",
		"a = 2023-01-01Z\n",
		"a = -2023-01-01\n",
		"a = \"unterminated\n",
		"a = \"new\nline\"\n",
		"a = 'new\nline'\n",
		"a = 'unterminated",
		"a = \"bad \\q escape\"\n",
		"a = \"bad \\ escape\"\n",
		"a = \"\\u12\"\n",
		"a = \"\\u123g\"\n",
		"a = \"\\xg0\"\n",
		"a = \"\\uD800\"\n",
		"a = \"\\U00110000\"\n",
		"a = \"\\",
		"a = \"x\\\"\n",
		"a = \"ctrl \x01\"\n",
		"a = 'ctrl \x7f'\n",
		"a = \"bad utf8 \xff\"\n",
		"a = 'bad utf8 \xc3'\n",
		"\"bad \xff key\" = 1\n",
		"# bad utf8 \xff\n",
		"# ctrl \x00\n",
		"# del \x7f\n",
		"a = 1 # cr\r\n",
		"a = 1\r\n",
		"a = 1\rb = 2\n",
		"\ufeffa = 1\n",
		"a = [\n",
		"a = [1\n",
		"a = [1 2]\n",
		"a = [,]\n",
		"a = [1,,2]\n",
		"a = [,1]\n",
		"a = [1]]\n",
		"a = [1] x\n",
		"a = [\"x\" # c ]\n",
		"a = {}\n",
		"a = 1 # ok\nb = \n",
	} {
		if checkFast(t, src) {
			t.Errorf("fastDecode(%q) handled; want it left to toml.Decode", src)
		}
	}
}

// TestFastRandom builds documents out of a few keys, headers and
// values, so that tables, arrays of tables, dotted keys and duplicates
// meet far more often than in byte-level fuzzing, and checks fastDecode
// against toml.Decode on each.
func TestFastRandom(t *testing.T) {
	keys := []string{"a", "b", "c", `"a"`, "'b'", `"a.b"`, `""`, "1", `"\u0061"`, "'a.b'", " c "}
	values := []string{"1", "-0", "+7", "1_000", "1.5", "-0.0", "6e-2", "inf", "-nan", "true", "false",
		`"s"`, `"\u00e9\n"`, "'l'", `""`, "2023-09-30", "2024-02-29", "[]", "[1, 'x']", "[[1], [2.5, []]]",
		"[\n  1, # c\n  2,\n]", "{ x = 1 }", "0x1", "07:00:00", `"""m"""`, "01", "1.", "2023-02-30"}
	rng := rand.New(rand.NewPCG(1, 2))
	key := func() string {
		n := 1 + rng.IntN(3)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = keys[rng.IntN(len(keys))]
		}
		return strings.Join(parts, ".")
	}
	handled, n := 0, 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			switch rng.IntN(10) {
			case 0, 1:
				fmt.Fprintf(&b, "[%s]\n", key())
			case 2:
				fmt.Fprintf(&b, "[[%s]]\n", key())
			case 3:
				b.WriteString("# comment\n\n")
			default:
				k := key()
				if rng.IntN(3) > 0 {
					k = keys[rng.IntN(len(keys))]
				}
				fmt.Fprintf(&b, "%s = %s\n", k, values[rng.IntN(len(values))])
			}
		}
		if checkFast(t, b.String()) {
			handled++
		}
		if t.Failed() {
			return
		}
	}
	t.Logf("%d of %d documents handled", handled, n)
	if handled < n/5 {
		t.Errorf("only %d of %d documents handled", handled, n)
	}
}

// FuzzFast: whenever fastDecode handles a document, toml.Decode accepts
// it and gives the same value.
func FuzzFast(f *testing.F) {
	for _, src := range seeds(f) {
		f.Add(src)
	}
	for _, s := range []string{
		"a = [1, 'x', [2.5e-3, -inf], 2023-09-30] # c\n[t.'u v']\nk.l = \"\\u00e9\\x41\"\n",
		"[[a]]\nx = 1\n[a.b]\n[[a]]\n[[a.c]]\ny = nan\n",
		"a = 1_000\nb = -0.0\nc = +9223372036854775807\nd = 0e0\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkFast(t, src)
	})
}
