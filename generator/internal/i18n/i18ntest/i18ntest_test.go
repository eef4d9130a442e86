package i18ntest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/BurntSushi/toml"
)

var update = flag.Bool("update", false, "write simplified-only.txt again")

// The catalogs whose zh-Hans and zh-Hant texts pair characters.
var catalogPairs = [][2]string{
	{"../messages/zh-Hans.toml", "../messages/zh-Hant.toml"},
	{"../../../../layouts/i18n/zh-Hans.toml", "../../../../layouts/i18n/zh-Hant.toml"},
}

const listHeader = `# Simplified-only characters: a Simplified character, its Traditional
# form or forms, and ~ when it is also a Traditional character in a few
# words (后 in 皇后) — never in text we write. No Traditional text of ours
# (layouts/i18n/zh-Hant.toml, messages/zh-Hant.toml, a zh-Hant site's
# pages outside the office's own words) may contain one.
#
# Made by TestList (go test ./generator/internal/i18n/i18ntest -run
# TestList -update) from testdata/pairs.txt, written by hand, and the
# character pairs of our own zh-Hans and zh-Hant catalogs (messages/ and
# layouts/i18n/): the characters at the same place in the two texts of a
# key, where they differ. Edit pairs.txt, not this file.
`

type pair struct {
	trad string
	also bool
}

// makeList merges the hand-written pairs and the catalogs' pairs.
func makeList(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile("testdata/pairs.txt")
	if err != nil {
		t.Fatal(err)
	}
	pairs := map[rune]*pair{}
	not := map[rune]bool{}
	add := func(s rune, trad string, also bool) {
		p := pairs[s]
		if p == nil {
			p = &pair{}
			pairs[s] = p
		}
		for _, r := range trad {
			if !strings.ContainsRune(p.trad, r) {
				p.trad += string(r)
			}
		}
		p.also = p.also || also
	}
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || line[0] == '#':
		case line[0] == '!':
			for _, r := range line[1:] {
				if unicode.Is(unicode.Han, r) {
					not[r] = true
				}
			}
		default:
			for _, tok := range strings.Fields(line) {
				also := strings.HasSuffix(tok, "~")
				r := []rune(strings.TrimSuffix(tok, "~"))
				if len(r) < 2 {
					t.Fatalf("pairs.txt: %q is not a pair", tok)
				}
				add(r[0], string(r[1:]), also)
			}
		}
	}
	for _, cp := range catalogPairs {
		hans, hant := readCatalog(t, cp[0]), readCatalog(t, cp[1])
		for k, s := range hans {
			a, b := []rune(s), []rune(hant[k])
			if len(a) != len(b) {
				continue
			}
			for i := range a {
				// Characters both scripts write alike stand for a choice
				// of words, not a pair (工作表 / 活頁簿, 列 / 欄).
				if not[a[i]] || not[b[i]] {
					continue
				}
				if a[i] != b[i] && unicode.Is(unicode.Han, a[i]) && unicode.Is(unicode.Han, b[i]) {
					add(a[i], string(b[i]), false)
				}
			}
		}
	}
	// A character that is some pair's Traditional form is no
	// Simplified-only one: the pairs contradict each other.
	for s := range pairs {
		for o, p := range pairs {
			if strings.ContainsRune(p.trad, s) {
				t.Errorf("%c is listed as Simplified, and as the Traditional form of %c", s, o)
			}
		}
	}
	var rs []rune
	for r := range pairs {
		if !not[r] {
			rs = append(rs, r)
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	var b strings.Builder
	b.WriteString(listHeader)
	for _, r := range rs {
		fmt.Fprintf(&b, "%c %s", r, pairs[r].trad)
		if pairs[r].also {
			b.WriteString(" ~")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func readCatalog(t *testing.T, path string) map[string]string {
	t.Helper()
	var m map[string]string
	if _, err := toml.DecodeFile(filepath.FromSlash(path), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// simplified-only.txt is what pairs.txt and the catalogs make.
func TestList(t *testing.T) {
	want := makeList(t)
	if *update {
		if err := os.WriteFile("simplified-only.txt", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if listFile != want {
		t.Fatal("simplified-only.txt differs from what testdata/pairs.txt and the catalogs make: go test ./generator/internal/i18n/i18ntest -run TestList -update")
	}
	l, err := SimplifiedOnly()
	if err != nil {
		t.Fatal(err)
	}
	// The list must hold the characters people get wrong most.
	for _, r := range "发后个这为们说时会对东经区县项资" {
		if _, ok := l[r]; !ok {
			t.Errorf("SimplifiedOnly() lacks %c", r)
		}
	}
	for _, r := range "只面系制才表台北京發後個" {
		if c, ok := l[r]; ok && !c.AlsoTraditional {
			t.Errorf("SimplifiedOnly() has %c as Simplified only; it is Traditional as it is", r)
		}
	}
}

func TestSimplified(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string // "char@offset"
	}{
		{"", nil},
		{"全區投資項目", nil},
		{"全区投資項目", []string{"区@3"}},
		{"之后的調度", []string{"后@3"}},
		{"2023年9月30日 億元", nil},
		{"数据 abc 发", []string{"数@0", "据@3", "发@11"}},
	} {
		t.Run(tc.in, func(t *testing.T) {
			found, err := Simplified(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range found {
				got = append(got, fmt.Sprintf("%c@%d", f.Rune, f.Offset))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Simplified(%q) = %v; want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestIsCJK(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want bool
	}{
		{'a', false}, {'¥', false}, {'—', false}, {'·', false}, {'×', false}, {'“', false}, {'−', false},
		{'全', true}, {'區', true}, {'、', true}, {'（', true}, {'：', true}, {'。', true}, {'「', true}, {'〔', true},
		{'ア', true}, {'한', true}, {'０', true},
	} {
		t.Run(string(tc.r), func(t *testing.T) {
			if got := IsCJK(tc.r); got != tc.want {
				t.Errorf("IsCJK(%q) = %v; want %v", tc.r, got, tc.want)
			}
		})
	}
}

func TestContext(t *testing.T) {
	for _, tc := range []struct {
		s     string
		at, w int
		want  string
	}{
		{"abcdef", 3, 1, "cde"},
		{"全區投資\n項目", 6, 1, "區投資"},
		{"abc", 0, 5, "abc"},
		{"", 0, 3, ""},
	} {
		t.Run(tc.s, func(t *testing.T) {
			if got := Context(tc.s, tc.at, tc.w); got != tc.want {
				t.Errorf("Context(%q, %d, %d) = %q; want %q", tc.s, tc.at, tc.w, got, tc.want)
			}
		})
	}
}

func TestArgs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want map[int]string // nil: an error
	}{
		{"", map[int]string{}},
		{"no verbs", map[int]string{}},
		{"100%%", map[int]string{}},
		{"%s 个", map[int]string{1: "s"}},
		{"%d年第%d季度", map[int]string{1: "d", 2: "d"}},
		{"Q%[2]d %[1]d", map[int]string{1: "d", 2: "d"}},
		{"%[2]s since %[1]s", map[int]string{1: "s", 2: "s"}},
		{"%s %[1]q", map[int]string{1: "sq"}},
		{"%[2]s then %s", map[int]string{2: "s", 3: "s"}},
		{"%-8.2f|%+d|%#x|% d|%05d", map[int]string{1: "f", 2: "d", 3: "x", 4: "d", 5: "d"}},
		{"%*d", map[int]string{1: "*", 2: "d"}},
		{"%.*f", map[int]string{1: "*", 2: "f"}},
		{"%[2]*[1]d", map[int]string{2: "*", 1: "d"}},
		{"%5%", map[int]string{}},
		{"%v %T", map[int]string{1: "v", 2: "T"}},
		{"%", nil},
		{"abc %", nil},
		{"%[0]d", nil},
		{"%[x]d", nil},
		{"%[1d", nil},
		{"%[100]d", nil},
		{"%[3]2d", nil},
		{"%[3].2d", nil},
		{"%y", nil},
		{"%w", nil},
		{"%p", nil},
		{"%é", nil},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := Args(tc.in)
			if tc.want == nil {
				if err == nil {
					t.Errorf("Args(%q) = %v; want an error", tc.in, got)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Args(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestSameArgs(t *testing.T) {
	for _, tc := range []struct {
		a, b map[int]string
		want string
	}{
		{map[int]string{1: "s", 2: "d"}, map[int]string{2: "d", 1: "s"}, ""},
		{map[int]string{1: "sq"}, map[int]string{1: "qs"}, ""},
		{map[int]string{2: "s"}, map[int]string{2: "q"}, ""},
		{map[int]string{1: "d"}, map[int]string{1: "x"}, "argument 1: %d vs %x"},
		{map[int]string{1: "s"}, map[int]string{1: "d"}, "argument 1: %s vs %d"},
		{map[int]string{1: "s"}, map[int]string{}, "argument 1: %s vs %(none)"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := SameArgs(tc.a, tc.b); got != tc.want {
				t.Errorf("SameArgs(%v, %v) = %q; want %q", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

// Args reads a format as fmt does: a format it accepts prints, with
// arguments that suit its verbs, without any of fmt's %!… errors.
func FuzzArgs(f *testing.F) {
	for _, s := range []string{"%s 个", "Q%[2]d %[1]d", "%*d", "%[2]*[1]d", "%5%", "%-8.2f|%+d", "第 %[1]s 页 / 共 %[2]s 页", "%[1]s %s %[1]q"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, format string) {
		args, err := Args(format)
		if err != nil {
			return
		}
		n := 0
		for i := range args {
			n = max(n, i)
		}
		vals := make([]any, n)
		for i := range vals {
			vals[i] = "x"
			if vs, ok := args[i+1]; ok {
				v, ok := Sample(vs)
				if !ok {
					return // one argument printed by verbs of different kinds
				}
				vals[i] = v
			}
		}
		if out := fmt.Sprintf(format, vals...); strings.Contains(out, "%!") && !strings.Contains(format, "%!") {
			t.Errorf("Args(%q) = %v, but fmt.Sprintf says %q", format, args, out)
		}
	})
}
