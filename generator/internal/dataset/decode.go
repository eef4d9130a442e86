package dataset

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// idRule is the rule every id (file base name, category, list, sector) obeys.
var idRule = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

const idExpected = "lower-case letters, digits and '-', starting with a letter or digit, at most 64 characters"

// tomlFile is one TOML document being decoded: its source, where each key
// is, and the list its problems go to.
type tomlFile struct {
	path   string
	offset int // lines before the document (front matter opening line)
	src    string
	lines  map[string]int // from src, scanned on the first error only
	errs   *ErrorList
}

// parseTOML decodes src into a generic map; syntax errors are recorded with
// their line and yield nil.
func parseTOML(path, src string, offset int, errs *ErrorList) (*obj, *tomlFile) {
	src = normalize(src)
	f := &tomlFile{path: path, offset: offset, errs: errs}
	m, err := decodeTOML(src)
	if err != nil {
		line, msg := 1, err.Error()
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, msg = max(pe.Position.Line, 1), pe.Message
		}
		errs.Wrap(err, path, line+offset, "TOML syntax error: %s (expected valid TOML)", strings.TrimSuffix(msg, "."))
		return nil, f
	}
	f.src = src
	return &obj{f: f, m: m}, f
}

// decodeTOML decodes a document into a generic map. Most files are plain:
// fastTOML decodes them to the same map several times faster; toml.Decode
// has the rest, and every error.
func decodeTOML(src string) (map[string]any, error) {
	if m, ok := fastTOML(src); ok {
		return m, nil
	}
	var m map[string]any
	_, err := toml.Decode(src, &m)
	return m, err
}

// normalize drops a UTF-8 byte-order mark and turns CRLF line ends into LF,
// as Windows editors write them; line numbers are unchanged.
func normalize(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// line finds the line of a key path, falling back to its closest parent
// that has one, then to the first line of the file.
func (f *tomlFile) line(path []string) int {
	if f.lines == nil {
		// Positions are only needed for messages: scanning every valid
		// file would cost a fifth of loading a large site.
		f.lines = keyLines(f.src)
	}
	for n := len(path); n > 0; n-- {
		if l, ok := f.lines[keyPath(path[:n])]; ok {
			return l + f.offset
		}
	}
	return 1
}

func (f *tomlFile) errorf(path []string, format string, args ...any) {
	f.errs.Add(f.path, f.line(path), format, args...)
}

// obj is a TOML table being read field by field. Every key asked for is
// "known"; done() reports the keys that nobody asked for.
//
// An obj is used through its pointer only: known may point into knownBuf.
type obj struct {
	f      *tomlFile
	parent *obj   // the table this one is in; nil for a document
	k      string // its key in parent
	elem   int    // for a table of an array of tables, its index + 1
	m      map[string]any

	known    []string
	knownBuf [4]string // known's first keys, without an allocation of their own
}

// sub is the table m at key k of o; elem, from 1, numbers the tables of
// an array of tables.
func (o *obj) sub(k string, elem int, m map[string]any) *obj {
	return &obj{f: o.f, parent: o, k: k, elem: elem, m: m}
}

// path is the key path of the table, for messages. It is put together
// when asked for, as most tables have nothing to report.
func (o *obj) path() []string {
	if o.parent == nil {
		return nil
	}
	p := append(o.parent.path(), o.k)
	if o.elem > 0 {
		p = append(p, index(o.elem-1))
	}
	return p
}

func (o *obj) key(k string) []string {
	return append(o.path(), k)
}

// name renders a key path for a message, counting array elements from 1
// as people do: approvals[2].due is the second [[approvals]].
func name(path []string) string {
	var b strings.Builder
	for i, p := range path {
		if n, ok := isIndex(p); ok {
			fmt.Fprintf(&b, "[%d]", n+1)
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		if isBareKey(p) {
			b.WriteString(p)
		} else {
			b.WriteString(strconv.Quote(p))
		}
	}
	return b.String()
}

func (o *obj) get(k string) (any, bool) {
	o.ask(k)
	v, ok := o.m[k]
	return v, ok
}

// ask marks keys known.
func (o *obj) ask(ks ...string) {
	if o.known == nil {
		// Room for the keys usually asked for: growing from nothing
		// was a sixth of loading's allocations.
		if len(o.m) <= len(o.knownBuf) && len(ks) <= len(o.knownBuf) {
			o.known = o.knownBuf[:0]
		} else {
			o.known = make([]string, 0, max(8, 2*len(o.m), len(ks)))
		}
	}
	o.known = append(o.known, ks...)
}

func (o *obj) missing(k, expected string) {
	o.f.errorf(o.path(), "missing required key %s (expected %s)", name(o.key(k)), expected)
}

func (o *obj) wrong(k string, v any, expected string) {
	o.wrongAt(o.key(k), v, expected)
}

func (o *obj) wrongAt(path []string, v any, expected string) {
	o.f.errorf(path, "%s is %s (expected %s)", name(path), describe(v), expected)
}

// describe names a decoded TOML value for a message, numbers and dates
// spelled as TOML spells them.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("the string %q", v)
	case int64:
		return fmt.Sprintf("the number %d", v)
	case float64:
		return "the number " + formatFloat(v)
	case bool:
		return fmt.Sprintf("%t", v)
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return "the date " + v.Format("2006-01-02")
		case "time-local":
			return "the time " + v.Format("15:04:05.999999999")
		case "datetime-local":
			return "the date and time " + v.Format("2006-01-02T15:04:05.999999999")
		}
		return "the date and time " + v.Format(time.RFC3339Nano)
	case []map[string]any:
		return "an array of tables"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// formatFloat writes a float as TOML would: nan, inf, -inf, 2023.0.
func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if math.Abs(f) >= 1e21 || (f != 0 && math.Abs(f) < 1e-6) {
		s = strconv.FormatFloat(f, 'g', -1, 64)
	}
	if !strings.ContainsAny(s, ".en") {
		s += ".0"
	}
	return s
}

// done reports unknown keys.
func (o *obj) done() {
	if o == nil {
		return
	}
	var unknown []string
	for k := range o.m {
		if !contains(o.known, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return
	}
	sort.Strings(unknown)
	known := append([]string(nil), o.known...)
	sort.Strings(known)
	expected := "one of: " + strings.Join(slices.Compact(known), ", ")
	if len(known) == 0 {
		expected = "no keys here"
	}
	for _, k := range unknown {
		hint := ""
		if s := closest(k, known); s != "" {
			hint = " — did you mean " + s + "?"
		}
		o.f.errorf(o.key(k), "unknown key %s%s (expected %s)", name(o.key(k)), hint, expected)
	}
}

// closest returns the candidate a mistyped key most likely meant: one at
// most two edits away (one for short keys), ignoring case; "" if none.
func closest(key string, candidates []string) string {
	best, bestD := "", 3
	if len([]rune(key)) <= 4 {
		bestD = 2
	}
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(key), c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (o *obj) str(k string, required bool) string {
	return o.text(k, required, "a string in quotes")
}

// text reads a string; expected says what it should be, for messages.
func (o *obj) text(k string, required bool, expected string) string {
	v, ok := o.get(k)
	if !ok {
		if required {
			o.missing(k, expected)
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		o.wrong(k, v, expected)
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		o.wrong(k, v, "a non-empty string")
		return ""
	}
	return s
}

// oneOf reads a string that must be one of choices; def when absent.
func (o *obj) oneOf(k, def string, choices ...string) string {
	v, ok := o.get(k)
	if !ok {
		if def == "" {
			o.missing(k, "one of: "+strings.Join(choices, ", "))
		}
		return def
	}
	s, ok := v.(string)
	if !ok || !contains(choices, s) {
		o.wrong(k, v, "one of: "+strings.Join(choices, ", "))
		return def
	}
	return s
}

// num reads a finite number (integer or float).
func (o *obj) num(k string, required bool, expected string) (float64, bool) {
	v, ok := o.get(k)
	if !ok {
		if required {
			o.missing(k, expected)
		}
		return 0, false
	}
	return o.toNum(k, v, expected)
}

func (o *obj) toNum(k string, v any, expected string) (float64, bool) {
	var f float64
	switch v := v.(type) {
	case int64:
		f = float64(v)
	case float64:
		f = v
	default:
		o.wrong(k, v, expected)
		return 0, false
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		o.wrong(k, v, "a finite "+strings.TrimPrefix(expected, "a "))
		return 0, false
	}
	return f, true
}

// amount reads a finite number ≥ 0.
func (o *obj) amount(k string, required bool) (float64, bool) {
	const expected = "a number ≥ 0"
	v, ok := o.get(k)
	if !ok {
		if required {
			o.missing(k, expected)
		}
		return 0, false
	}
	return o.toAmount(k, v)
}

func (o *obj) toAmount(k string, v any) (float64, bool) {
	const expected = "a number ≥ 0"
	f, ok := o.toNum(k, v, expected)
	if ok && f < 0 {
		o.wrong(k, v, expected)
		return 0, false
	}
	return f, ok
}

func (o *obj) optAmount(k string) *float64 {
	if f, ok := o.amount(k, false); ok {
		return &f
	}
	return nil
}

func (o *obj) optNum(k, expected string) *float64 {
	if f, ok := o.num(k, false, expected); ok {
		return &f
	}
	return nil
}

func (o *obj) integer(k string) (int64, bool) {
	v, ok := o.get(k)
	if !ok {
		return 0, false
	}
	i, ok := v.(int64)
	if !ok {
		o.wrong(k, v, "an integer")
	}
	return i, ok
}

func (o *obj) boolean(k string) bool {
	v, ok := o.get(k)
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		o.wrong(k, v, "true or false")
	}
	return b
}

const dateExpected = "a date like 2023-09-30, without quotes"

func (o *obj) date(k string, required bool) Date {
	v, ok := o.get(k)
	if !ok {
		if required {
			o.missing(k, dateExpected)
		}
		return 0
	}
	t, ok := v.(time.Time)
	if !ok || t.Location().String() != "date-local" {
		expected := dateExpected
		switch v := v.(type) {
		case string:
			if _, err := ParseDate(strings.TrimSpace(v)); err == nil {
				expected = fmt.Sprintf("the date without quotes: %s = %s", k, strings.TrimSpace(v))
			}
		case time.Time:
			expected = fmt.Sprintf("a date without a time: %s = %s", k, v.Format("2006-01-02"))
		}
		o.wrong(k, v, expected)
		return 0
	}
	if t.Year() < 1900 || t.Year() > 2200 {
		o.wrong(k, v, "a date between 1900 and 2200")
		return 0
	}
	return FromTime(t)
}

// strs reads an array of non-empty strings.
func (o *obj) strs(k string) []string {
	v, ok := o.get(k)
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		o.wrong(k, v, `an array of strings like ["a", "b"]`)
		return nil
	}
	// Elements that are wrong become "" so that indexes still match the
	// file and later checks can name the element's line.
	out := make([]string, len(arr))
	for i, x := range arr {
		s, ok := x.(string)
		switch {
		case !ok:
			o.wrongAt(append(o.key(k), index(i)), x, "a string in quotes")
		case strings.TrimSpace(s) == "":
			o.wrongAt(append(o.key(k), index(i)), x, "a non-empty string")
		default:
			out[i] = s
		}
	}
	return out
}

func (o *obj) table(k string) *obj {
	v, ok := o.get(k)
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		o.wrong(k, v, "a table written ["+name(o.key(k))+"]")
		return nil
	}
	return o.sub(k, 0, m)
}

// tables reads an array of tables ([[k]]).
func (o *obj) tables(k string) []*obj {
	v, ok := o.get(k)
	if !ok {
		return nil
	}
	arr, ok := v.([]map[string]any)
	if a, isArr := v.([]any); isArr {
		// An inline array of inline tables: [{ kind = "land", ... }].
		ok = true
		for _, x := range a {
			m, isMap := x.(map[string]any)
			ok = ok && isMap
			arr = append(arr, m)
		}
	}
	if !ok {
		o.wrong(k, v, "an array of tables written [["+k+"]]")
		return nil
	}
	out := make([]*obj, len(arr))
	objs := make([]obj, len(arr)) // one allocation, not one per table
	for i, m := range arr {
		objs[i] = obj{f: o.f, parent: o, k: k, elem: i + 1, m: m}
		out[i] = &objs[i]
	}
	return out
}

// keys returns the table's keys sorted, marking them all known.
func (o *obj) keys() []string {
	ks := o.keysAnyOrder()
	sort.Strings(ks)
	return ks
}

// keysAnyOrder is keys in the map's order, for callers that do not depend
// on it (problems are sorted before they are reported): sorting the ten
// thousand project ids of each report was a tenth of loading a large site.
func (o *obj) keysAnyOrder() []string {
	ks := make([]string, 0, len(o.m))
	for k := range o.m {
		ks = append(ks, k)
	}
	o.ask(ks...)
	return ks
}

// id reads a string that must obey the id rule.
func (o *obj) id(k string) string {
	s := o.str(k, true)
	if s != "" && !idRule.MatchString(s) {
		o.f.errorf(o.key(k), "%s %q is not a valid id (expected %s)", name(o.key(k)), s, idExpected)
	}
	return s
}
