package dataset

import (
	"errors"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gongjian/generator/internal/exact"
	"gongjian/generator/internal/i18n"
	"gongjian/generator/internal/tomldoc"
)

// idRule is the rule every id (file base name, category, list, sector) obeys.
var idRule = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// file is one TOML document being read: its path, how many lines of the
// file come before it (front matter's opening +++), its parsed text and
// the list its problems go to.
type file struct {
	path   string
	offset int
	doc    *tomldoc.Doc
	errs   *ErrorList
	// bad holds the key paths whose value was already reported: checks
	// that depend on such a value are skipped, so that one slip is one
	// problem (a quoted start_actual is not also "missing").
	bad map[string]bool
	// n counts the problems reported in the file; past maxFileProblems
	// they are only counted (more), so that a hostile or badly broken
	// file costs no more to report than a few screens of messages.
	n, more int
}

// maxFileProblems is the most problems reported for one file; the rest
// are counted in one last message.
const maxFileProblems = 100

// full counts a problem and reports whether the file has had its share.
func (f *file) full() bool {
	if f.n >= maxFileProblems {
		f.more++
		return true
	}
	f.n++
	return false
}

// parse decodes a TOML document; a syntax error is reported with what
// the clerk probably meant, and yields nil.
func (l *loader) parse(path, src string, offset int, errs *ErrorList) *obj {
	o := parse(path, src, offset, l.lim, errs)
	if o != nil {
		l.filesMu.Lock()
		l.docs = append(l.docs, o.f)
		l.filesMu.Unlock()
	}
	return o
}

// parse decodes a TOML document (loader.parse also keeps its file).
func parse(path, src string, offset int, lim Limits, errs *ErrorList) *obj {
	doc, err := tomldoc.Parse(src, tomldoc.Options{MaxDepth: lim.Depth})
	if err != nil {
		var se *tomldoc.SyntaxError
		if errors.As(err, &se) {
			errs.AddMsg(path, se.Line+offset, syntaxMsg(se, lineAt(src, se.Line)), err)
		} else {
			errs.AddMsg(path, 1+offset, i18n.M("toml.syntax", i18n.Quoted(err.Error())), err)
		}
		return nil
	}
	f := &file{path: path, offset: offset, doc: doc, errs: errs, bad: map[string]bool{}}
	return &obj{f: f, m: doc.Root}
}

// syntaxMsg words a syntax error on line: what was typed and what to
// type instead when the mistake is recognised, else the parser's own
// words.
func syntaxMsg(se *tomldoc.SyntaxError, line string) i18n.Msg {
	if se.Kind == tomldoc.TooDeep {
		return i18n.M("toml.too_deep")
	}
	if se.Kind == tomldoc.NotUTF8 {
		return i18n.M("toml.not_utf8")
	}
	if h := se.Hint; h != nil {
		got, want := inLine(line, h.Got, h.Want)
		return i18n.M("toml.hint", i18n.Quoted(got), hintMsg(h), want)
	}
	return i18n.M("toml.syntax", i18n.Quoted(se.Msg))
}

// inLine puts a value's hint back in its line, so that the message names
// the key: start = 2023年4月10日 → start = 2023-04-10, not a bare date.
// A hint about the whole line, or one not found after the line's =, is
// kept as it is.
func inLine(line, got, want string) (string, string) {
	line = strings.TrimFunc(line, func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' })
	eq := strings.IndexByte(line, '=')
	if eq < 0 || got == line {
		return got, want
	}
	i := strings.Index(line[eq+1:], got)
	if i < 0 {
		return got, want
	}
	i += eq + 1
	return line, line[:i] + want + line[i+len(got):]
}

// lineAt returns line n (1-based) of src, without its line end or a
// byte-order mark.
func lineAt(src string, n int) string {
	rest := strings.TrimPrefix(src, "\ufeff")
	for i := 1; i < n; i++ {
		_, rest, _ = strings.Cut(rest, "\n")
	}
	line, _, _ := strings.Cut(rest, "\n")
	return line
}

// hintMsg names an input-method mistake.
func hintMsg(h *tomldoc.Hint) i18n.Msg {
	if h.Kind == tomldoc.MoneyUnit {
		return i18n.M("hint.money_unit", h.Unit)
	}
	return i18n.M("hint." + snake(h.Kind.String()))
}

// snake turns a Go name into a message key part: QuotedDate → quoted_date.
func snake(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			if i > 0 {
				b = append(b, '_')
			}
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

func (f *file) line(p tomldoc.Path) int { return f.doc.Line(p) + f.offset }

func (f *file) add(p tomldoc.Path, key string, args ...any) {
	if !f.full() {
		f.errs.Add(f.path, f.line(p), key, args...)
	}
}

func (f *file) addMsg(p tomldoc.Path, m i18n.Msg) {
	if !f.full() {
		f.errs.AddMsg(f.path, f.line(p), m, nil)
	}
}

// obj is a TOML table being read key by key. Every key asked for is
// known; done reports the keys nobody asked for.
type obj struct {
	f     *file
	path  tomldoc.Path
	m     map[string]any
	known []string
}

func (o *obj) key(k string) tomldoc.Path { return o.path.Key(k) }

// name is a key's path as people read it: approvals[2].due.
func (o *obj) name(k string) string { return o.key(k).String() }

func (o *obj) get(k string) (any, bool) {
	o.known = append(o.known, k)
	v, ok := o.m[k]
	return v, ok
}

// wrong reports a value of the wrong type or form, and marks the key bad.
func (o *obj) wrong(k string, v any, want i18n.Msg) {
	o.f.bad[o.key(k).String()] = true
	o.f.addMsg(o.key(k), i18n.M("key.type", o.name(k), got(v), want))
}

// isBad reports whether key k was reported.
func (o *obj) isBad(k string) bool { return o.f.bad[o.key(k).String()] }

func (o *obj) missing(k string, want i18n.Msg) {
	o.f.bad[o.key(k).String()] = true
	o.f.addMsg(o.path, i18n.M("key.missing", o.name(k), want))
}

// got describes a value for a message: the string "3.5", the date 2023-09-30.
func got(v any) i18n.Msg {
	switch x := v.(type) {
	case string:
		return i18n.M("got.string", i18n.Quoted(x))
	case int64:
		return i18n.M("got.number", strconv.FormatInt(x, 10))
	case float64:
		return i18n.M("got.number", strconv.FormatFloat(x, 'g', -1, 64))
	case bool:
		return i18n.M("got.bool", strconv.FormatBool(x))
	case []any:
		return i18n.M("got.array")
	case map[string]any:
		return i18n.M("got.table")
	}
	if y, m, d, ok := tomldoc.AsDate(v); ok {
		return i18n.M("got.date", NewDate(y, m, d).String())
	}
	return i18n.M("got.other", tomldoc.TypeName(v))
}

// str reads a string.
func (o *obj) str(k string, required bool) string {
	v, ok := o.get(k)
	if !ok {
		if required {
			o.missing(k, i18n.M("want.text"))
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		o.wrong(k, v, i18n.M("want.text"))
		return ""
	}
	if required && s == "" {
		o.f.bad[o.key(k).String()] = true
		o.f.add(o.key(k), "key.empty", o.name(k))
	}
	return s
}

// id reads an id (of a category, list or sector).
func (o *obj) id(k string) string {
	s := o.str(k, true)
	if s != "" && !idRule.MatchString(s) {
		o.f.bad[o.key(k).String()] = true
		o.f.add(o.key(k), "id.invalid", o.name(k), i18n.Quoted(s), suggestID(s))
		return ""
	}
	return s
}

// ref reads an id that names an entity elsewhere (checked later).
func (o *obj) ref(k string, required bool, want i18n.Msg) string {
	v, ok := o.get(k)
	if !ok {
		if required {
			o.missing(k, want)
		}
		return ""
	}
	s, ok := v.(string)
	if !ok || (required && s == "") {
		o.wrong(k, v, want)
		return ""
	}
	return s
}

// boolean reads true or false (absent: false).
func (o *obj) boolean(k string) bool {
	v, ok := o.get(k)
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		if s, isStr := v.(string); isStr {
			if h := tomldoc.Diagnose(s, tomldoc.Bool); h != nil {
				o.hinted(k, v, h)
				return false
			}
		}
		o.wrong(k, v, i18n.M("want.bool"))
	}
	return b
}

// hinted reports a value typed as a string (or otherwise wrong) whose
// intent is recognised: what to type instead.
func (o *obj) hinted(k string, v any, h *tomldoc.Hint) {
	o.f.bad[o.key(k).String()] = true
	o.f.addMsg(o.key(k), i18n.M("key.hint", o.name(k), got(v), hintMsg(h), o.name(k)+" = "+h.Want))
}

// Kinds of decimal a key holds.
const (
	decAmount  = iota // an amount in money_unit, ≥ 0
	decPercent        // a percentage, ≥ 0 (slow_below, target values of rates)
	decSigned         // a growth percentage or a target value, any sign
)

// decimal reads a number with at most 4 digits after the point. ok is
// false when the key is absent or wrong (wrong is reported).
func (o *obj) decimal(k string, kind int) (exact.Dec, bool) {
	v, present := o.get(k)
	if !present {
		return 0, false
	}
	want := wantDec(kind)
	var d exact.Dec
	var err error
	switch x := v.(type) {
	case int64:
		d, err = exact.FromInt(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			o.wrong(k, v, want)
			return 0, false
		}
		d, err = exact.ParseFloat(x)
	case string:
		if h := tomldoc.Diagnose(x, tomldoc.Number); h != nil {
			o.hinted(k, v, h)
			return 0, false
		}
		o.wrong(k, v, want)
		return 0, false
	default:
		o.wrong(k, v, want)
		return 0, false
	}
	switch {
	case errors.Is(err, exact.ErrPlaces):
		o.f.bad[o.key(k).String()] = true
		o.f.add(o.key(k), "number.places", o.name(k), strconv.FormatFloat(v.(float64), 'f', -1, 64))
		return 0, false
	case err != nil:
		o.wrong(k, v, want)
		return 0, false
	case kind != decSigned && d < 0:
		o.wrong(k, v, want)
		return 0, false
	}
	return d, true
}

func wantDec(kind int) i18n.Msg {
	switch kind {
	case decPercent:
		return i18n.M("want.percent")
	case decSigned:
		return i18n.M("want.number")
	}
	return i18n.M("want.amount")
}

// amount reads an optional amount.
func (o *obj) amount(k string) (exact.Dec, bool) { return o.decimal(k, decAmount) }

// opt reads an optional amount or percentage as an Opt.
func (o *obj) opt(k string, kind int) Opt {
	d, ok := o.decimal(k, kind)
	return Opt{V: d, OK: ok}
}

// integer reads an integer.
func (o *obj) integer(k string, want i18n.Msg) (int64, bool) {
	v, ok := o.get(k)
	if !ok {
		return 0, false
	}
	i, isInt := v.(int64)
	if !isInt {
		o.wrong(k, v, want)
		return 0, false
	}
	return i, true
}

// date reads a TOML local date.
func (o *obj) date(k string, required bool) Date {
	v, ok := o.get(k)
	if !ok {
		if required {
			o.missing(k, i18n.M("want.date"))
		}
		return 0
	}
	if y, m, d, ok := tomldoc.AsDate(v); ok {
		if y < 1900 || y > 2200 {
			o.wrong(k, v, i18n.M("want.date"))
			return 0
		}
		return NewDate(y, m, d)
	}
	if s, isStr := v.(string); isStr {
		if h := tomldoc.Diagnose(s, tomldoc.Date); h != nil {
			o.hinted(k, v, h)
			return 0
		}
	}
	o.wrong(k, v, i18n.M("want.date"))
	return 0
}

// strs reads an array of strings.
func (o *obj) strs(k string) []string {
	v, ok := o.get(k)
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		if s, isStr := v.(string); isStr {
			o.f.bad[o.key(k).String()] = true
			o.f.add(o.key(k), "key.want_array", o.name(k), i18n.Quoted(s), o.name(k)+` = ["`+s+`"]`)
			return nil
		}
		o.wrong(k, v, i18n.M("want.strings"))
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			o.f.bad[o.key(k).String()] = true
			o.f.addMsg(o.key(k).Index(i), i18n.M("key.type", o.key(k).Index(i).String(), got(e), i18n.M("want.text")))
			continue
		}
		out = append(out, s)
	}
	return out
}

// oneOf reads a code among allowed ones; def when absent. Aliases map the
// names people type (自治区, 县级…) to the code, for "did you mean".
func (o *obj) oneOf(k, def string, allowed i18n.Codes, aliases map[string]string) string {
	v, ok := o.get(k)
	if !ok {
		if def == "" {
			o.missing(k, i18n.M("want.one_of", allowed))
		}
		return def
	}
	s, isStr := v.(string)
	if !isStr {
		o.wrong(k, v, i18n.M("want.one_of", allowed))
		return def
	}
	for _, c := range allowed {
		if c.Value == s {
			return s
		}
	}
	o.f.bad[o.key(k).String()] = true
	if code, ok := aliases[s]; ok {
		for _, c := range allowed {
			if c.Value == code {
				o.f.add(o.key(k), "code.alias", o.name(k), i18n.Quoted(s), c, o.name(k)+` = "`+code+`"`)
				return def
			}
		}
	}
	if near := nearest(s, values(allowed)); near != "" && len(s) > 2 {
		for _, c := range allowed {
			if c.Value == near {
				o.f.add(o.key(k), "code.near", o.name(k), i18n.Quoted(s), c)
				return def
			}
		}
	}
	o.f.add(o.key(k), "code.unknown", o.name(k), i18n.Quoted(s), allowed)
	return def
}

// table reads a sub-table; nil when absent (a non-table is reported).
func (o *obj) table(k string) *obj {
	v, ok := o.get(k)
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		o.wrong(k, v, i18n.M("want.table", o.name(k)))
		return nil
	}
	return &obj{f: o.f, path: o.key(k), m: m}
}

// tables reads an array of tables ([[k]], or k = [{…}, {…}]).
func (o *obj) tables(k string) []*obj {
	v, ok := o.get(k)
	if !ok {
		return nil
	}
	var ms []map[string]any
	switch x := v.(type) {
	case []map[string]any:
		ms = x
	case []any:
		for _, e := range x {
			m, ok := e.(map[string]any)
			if !ok {
				o.wrong(k, v, i18n.M("want.tables", o.name(k)))
				return nil
			}
			ms = append(ms, m)
		}
	default:
		o.wrong(k, v, i18n.M("want.tables", o.name(k)))
		return nil
	}
	out := make([]*obj, len(ms))
	for i, m := range ms {
		out[i] = &obj{f: o.f, path: o.key(k).Index(i), m: m}
	}
	return out
}

// keys returns the table's keys, sorted.
func (o *obj) keys() []string {
	ks := make([]string, 0, len(o.m))
	for k := range o.m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// done reports every key nobody asked for, with the keys that are
// expected and the nearest one when it is a likely typo.
func (o *obj) done() {
	var unknown []string
	for k := range o.m {
		if !slices.Contains(o.known, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return
	}
	sort.Strings(unknown)
	known := slices.Clone(o.known)
	sort.Strings(known)
	known = slices.Compact(known)
	for i, k := range unknown {
		if o.f.n >= maxFileProblems {
			o.f.more += len(unknown) - i
			return
		}
		if near := nearest(k, known); near != "" {
			o.f.add(o.key(k), "key.unknown_near", o.name(k), near)
			continue
		}
		o.f.add(o.key(k), "key.unknown", o.name(k), i18n.Plain(known))
	}
}

// nearest returns the candidate within edit distance 2 of s (the closest;
// on ties the one that begins like s, then the first), or "". Candidates
// whose length differs by more than 2 are not measured, so that a long
// value costs no more than reading it.
func nearest(s string, candidates []string) string {
	best, bestD, bestP := "", 3, 0
	n := utf8.RuneCountInString(s)
	for _, c := range candidates {
		if m := utf8.RuneCountInString(c); m > n+2 || n > m+2 {
			continue
		}
		d, p := distance(s, c), commonPrefix(s, c)
		if d < bestD || d == bestD && best != "" && p > bestP {
			best, bestD, bestP = c, d, p
		}
	}
	return best
}

// commonPrefix is the length in bytes of the prefix a and b share.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
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

// suggestID proposes an id for a name that breaks the rule: lower case,
// other characters to '-'. Empty when nothing sensible remains (a
// Chinese name: the message then says to use pinyin).
func suggestID(s string) string {
	var b []byte
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			b = append(b, byte(r-'A'+'a'))
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b = append(b, byte(r))
		case r == '-' || r == '_' || r == ' ' || r == '.':
			if len(b) > 0 && b[len(b)-1] != '-' {
				b = append(b, '-')
			}
		}
	}
	for len(b) > 0 && b[len(b)-1] == '-' {
		b = b[:len(b)-1]
	}
	if len(b) > 64 {
		b = b[:64]
	}
	if len(b) == 0 || !idRule.Match(b) {
		return ""
	}
	return string(b)
}
