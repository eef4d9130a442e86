// Package i18ntest holds what tests need to hold the three languages to
// their promises: the Simplified-only characters that no Traditional text
// of ours may contain (simplified-only.txt), what counts as a CJK
// character that no English text of ours may contain, and the arguments a
// Go format string takes, which every translation of a string must take
// too.
//
// It is a package of its own, not a _test.go file, because the tests of
// i18n (the message catalogs) and of site (the UI tables and the built
// pages) use it alike; like net/http/httptest, only tests import it. The
// list is made from a hand-written table and the pairs of our own
// catalogs by this package's TestList (-update writes it again), so that
// a character seen in a catalog pair is never missing from the list.
package i18ntest

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed simplified-only.txt
var listFile string

// Char is a Simplified-only character.
type Char struct {
	Rune        rune
	Traditional string // its Traditional form or forms: 發髮
	// AlsoTraditional: the character is also a Traditional one in a few
	// words (后 in 皇后), but never in text we write.
	AlsoTraditional bool
}

var (
	listOnce sync.Once
	list     map[rune]Char
	listErr  error
)

// SimplifiedOnly is the list, by character.
func SimplifiedOnly() (map[rune]Char, error) {
	listOnce.Do(func() { list, listErr = parseList(listFile) })
	return list, listErr
}

// parseList reads simplified-only.txt: "后 後 ~" per line, # comments.
func parseList(s string) (map[rune]Char, error) {
	out := map[rune]Char{}
	for i, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		r := []rune(f[0])
		if len(f) < 2 || len(f) > 3 || len(r) != 1 || (len(f) == 3 && f[2] != "~") {
			return nil, fmt.Errorf("simplified-only.txt:%d: %q is not \"简 繁 [~]\"", i+1, line)
		}
		out[r[0]] = Char{Rune: r[0], Traditional: f[1], AlsoTraditional: len(f) == 3}
	}
	return out, nil
}

// Found is a character found in a text, at a byte offset.
type Found struct {
	Char
	Offset int
}

// Simplified lists the Simplified-only characters of s.
func Simplified(s string) ([]Found, error) {
	l, err := SimplifiedOnly()
	if err != nil {
		return nil, err
	}
	var out []Found
	for i, r := range s {
		if c, ok := l[r]; ok {
			out = append(out, Found{c, i})
		}
	}
	return out, nil
}

// IsCJK reports whether r is a character of Chinese, Japanese or Korean
// writing, CJK punctuation and full-width forms included (（、。),
// which an English page has no use for.
func IsCJK(r rune) bool {
	switch {
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo):
		return true
	case r >= 0x2E80 && r <= 0x2FDF, // radicals
		r >= 0x3000 && r <= 0x303F, // CJK symbols and punctuation: 、。「」
		r >= 0x31C0 && r <= 0x33FF, // strokes, enclosed and compatibility forms
		r >= 0xFE30 && r <= 0xFE4F, // compatibility forms
		r >= 0xFF00 && r <= 0xFFEF: // full-width forms: （），：
		return true
	}
	return false
}

// CJK lists the byte offsets of the CJK characters of s.
func CJK(s string) []int {
	var out []int
	for i, r := range s {
		if IsCJK(r) {
			out = append(out, i)
		}
	}
	return out
}

// Context is the text around a byte offset (width characters either
// side), on one line, for a failure message.
func Context(s string, at, width int) string {
	from, to := at, at
	for n := 0; n < width && from > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:from])
		from -= size
	}
	for n := 0; n <= width && to < len(s); n++ {
		_, size := utf8.DecodeRuneInString(s[to:])
		to += size
	}
	return strings.Join(strings.Fields(s[from:to]), " ")
}

// The verbs of Go's fmt, by the kind of argument they print.
const (
	anyVerbs   = "vT"
	intVerbs   = "bcdoOUxX"
	floatVerbs = "eEfFgGxX"
	textVerbs  = "sqxX"
	boolVerbs  = "t"
)

// Args returns the arguments a Go format string prints, by their index
// (from 1), each with the verbs that print it in order of first use
// ("d", "s"; "*" for a width or precision): what every translation of a
// UI string must take alike, whatever order its sentence puts them in.
// A format fmt would print an error for (a bad or misplaced index, an
// unknown verb, a verb cut off) is an error, and so, to be safe, are an
// index over 99 and a width or precision of over six digits. It reads a format the way
// fmt does, rule for rule (an index may not be followed by a width or a
// precision, %% takes no argument wherever it stands).
func Args(format string) (map[int]string, error) {
	args := map[int]string{}
	next := 1 // the argument the next verb prints, as fmt counts
	bad := func(i int, what string) (map[int]string, error) {
		return nil, fmt.Errorf("%s at byte %d of %q", what, i, format)
	}
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		afterIndex := false
		index := func() bool { // an explicit [n]; false when malformed
			if i >= len(format) || format[i] != '[' {
				return true
			}
			end := strings.IndexByte(format[i:], ']')
			if end < 2 || end > 3 || !digits(format[i+1:i+end]) {
				return false // also [n] beyond 99: no UI string has that many
			}
			n, _ := strconv.Atoi(format[i+1 : i+end])
			if n < 1 {
				return false
			}
			next, afterIndex = n, true
			i += end + 1
			return true
		}
		// number reads a width or precision: a star (an argument) or digits.
		number := func() bool {
			if i < len(format) && format[i] == '*' {
				use(args, next, '*')
				next++
				i++
				afterIndex = false
				return true
			}
			d := i
			for i < len(format) && format[i] >= '0' && format[i] <= '9' {
				i++
			}
			// "%[3]2d" is an error, and so is a width fmt may think
			// too large (stricter than fmt: no UI string needs one).
			return !(afterIndex && i > d) && i-d <= 6
		}
		if !index() || !number() {
			return bad(i, "bad argument index")
		}
		if i < len(format) && format[i] == '.' {
			if afterIndex { // "%[3].2d"
				return bad(i, "bad argument index")
			}
			i++
			if !index() || !number() {
				return bad(i, "bad argument index")
			}
		}
		if !afterIndex && !index() {
			return bad(i, "bad argument index")
		}
		if i >= len(format) {
			return bad(i, "a verb cut off")
		}
		switch v := format[i]; {
		case v == '%':
		case v < 0x80 && strings.IndexByte(anyVerbs+intVerbs+floatVerbs+textVerbs+boolVerbs, v) >= 0:
			use(args, next, v)
			next++
		default:
			return bad(i, "an unknown verb")
		}
	}
	return args, nil
}

func use(args map[int]string, i int, verb byte) {
	if !strings.ContainsRune(args[i], rune(verb)) {
		args[i] += string(verb)
	}
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// SameArgs compares the arguments of two formats, for a message: "" when
// they take the same ones, printed by verbs of the same kinds — %s and
// %q both print text, and English may quote where Chinese puts its own
// quotation marks around %s.
func SameArgs(a, b map[int]string) string {
	keys := map[int]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	var ks []int
	for k := range keys {
		ks = append(ks, k)
	}
	sort.Ints(ks)
	var diffs []string
	for _, k := range ks {
		if kinds(a[k]) != kinds(b[k]) {
			diffs = append(diffs, fmt.Sprintf("argument %d: %%%s vs %%%s", k, orNone(a[k]), orNone(b[k])))
		}
	}
	return strings.Join(diffs, "; ")
}

// kinds is the sorted set of the kinds of argument verbs print.
func kinds(verbs string) string {
	set := map[byte]bool{}
	for i := 0; i < len(verbs); i++ {
		switch v := verbs[i]; {
		case v == 'q':
			set['s'] = true
		case v != 'x' && v != 'X' && strings.IndexByte(intVerbs, v) >= 0:
			set['d'] = true
		case v != 'x' && v != 'X' && strings.IndexByte(floatVerbs, v) >= 0:
			set['f'] = true
		default:
			set[v] = true
		}
	}
	var out []byte
	for v := range set {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return string(out)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// Sample is an argument each verb of vs prints without an error, and
// false when no one value suits them all (%d and %s of one argument).
func Sample(vs string) (any, bool) {
	fits := func(set string) bool {
		for _, v := range vs {
			if !strings.ContainsRune(set+anyVerbs, v) {
				return false
			}
		}
		return true
	}
	switch {
	case strings.ContainsRune(vs, '*'):
		return 3, fits("*" + intVerbs)
	case fits(textVerbs):
		return "a", true
	case fits(intVerbs):
		return 7, true
	case fits(floatVerbs):
		return 1.5, true
	case fits(boolVerbs):
		return true, true
	}
	return nil, false
}
