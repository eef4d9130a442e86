package tomldoc

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// fastDecode decodes src into exactly the map that toml.Decode(src, &m) gives
// (BurntSushi/toml v1.6), for the plain subset of TOML that content files
// are written in. It is a shortcut, not a parser of its own standing: on
// anything outside that subset, and on anything invalid, it returns false,
// and the caller decodes with toml.Decode, which gives the real value or
// the real error and its line. Decoding a large site with toml.Decode alone
// spends most of Load in its lexer.
//
// The subset:
//   - blank lines, comments, space and tab as whitespace; lines end in \n
//     (a \r anywhere, or any other control character, falls back);
//   - keys bare or quoted ("…" with escapes, '…'), dotted (a.b = 1) in
//     documents without [[…]] headers, only into tables that dotted keys
//     of the same table created, and not ending in the empty key "";
//   - [table] and [[array.of.tables]] headers, dotted and quoted, each
//     table defined once, going through tables, the last table of arrays
//     of tables, and tables other headers implied;
//   - values: basic strings with every escape toml.Decode knows (\b \t \n
//     \f \r \e \" \\ \xHH \uHHHH \UHHHHHHHH), literal strings, decimal
//     integers that fit an int64, floats (fraction, exponent, inf, nan),
//     booleans, local dates (YYYY-MM-DD), and arrays of those, nested (up
//     to 32 deep), over several lines, with comments and a trailing comma.
//
// Everything else falls back: multi-line strings, inline tables, times and
// date-times, hexadecimal, octal and binary integers, duplicate keys, a
// table defined twice or after a header implied it, dotted keys reaching
// into tables defined another way, headers through tables dotted keys
// made, and every syntax error.
//
// The tests hold it to the toml.Decode of go.mod's version (table tests,
// documents built at random, FuzzFastTOML): a new version of
// BurntSushi/toml needs them run again.
//
// The values have toml.Decode's types: string, int64, float64, bool,
// time.Time (dates in BurntSushi's "date-local" zone, the very same
// *time.Location), []any for arrays, map[string]any for tables and
// []map[string]any for arrays of tables.
func fastDecode(src string, maxDepth int) (map[string]any, bool) {
	d, ok := runFast(src, maxDepth)
	if !ok {
		return nil, false
	}
	return d.root, true
}

// runFast is fastDecode, returning the decoder for the tests to look at.
func runFast(src string, maxDepth int) (*fastDecoder, bool) {
	// The root table's size, roughly: a map made big enough once is
	// cheaper than one that grows.
	head := src
	if strings.HasPrefix(src, "[") {
		head = ""
	} else if i := strings.Index(src, "\n["); i >= 0 {
		head = src[:i]
	}
	// (At most a thousand: a hostile text would have it allocate
	// hundreds of megabytes up front.)
	d := &fastDecoder{s: src, root: make(map[string]any, min(strings.Count(head, "="), 1024)), lim: newLimits(src, maxDepth)}
	d.cur = d.root
	return d, d.document()
}

// maxArrayDepth bounds the nesting of arrays, and so the recursion.
const maxArrayDepth = 32

type fastDecoder struct {
	s     string
	i     int
	root  map[string]any
	cur   map[string]any // the table key/value lines go to
	table ctx            // where cur is, for the limits
	lim   limits         // those of Parse: a text past them falls back

	keyBuf  [4]string // the parts of the key being read
	key     []string
	lensBuf [4]int // their lengths as written
	keyLens []int

	arrayTables bool             // a [[…]] header was seen
	dottedKeys  bool             // a dotted key was seen
	dotted      map[uintptr]bool // the tables dotted keys created
}

func (d *fastDecoder) document() bool {
	for {
		d.skipSpace()
		if d.i >= len(d.s) {
			return true
		}
		switch d.s[d.i] {
		case '\n':
			d.i++
			continue
		case '#':
			if !d.comment() {
				return false
			}
			continue
		case '[':
			if !d.header() {
				return false
			}
		default:
			if !d.keyValue() {
				return false
			}
		}
		if !d.lineEnd() {
			return false
		}
	}
}

func (d *fastDecoder) skipSpace() {
	for d.i < len(d.s) && (d.s[d.i] == ' ' || d.s[d.i] == '\t') {
		d.i++
	}
}

// lineEnd reads what may follow a key/value pair or a header: whitespace,
// a comment, then a newline or the end.
func (d *fastDecoder) lineEnd() bool {
	d.skipSpace()
	if d.i < len(d.s) && d.s[d.i] == '#' && !d.comment() {
		return false
	}
	if d.i >= len(d.s) {
		return true
	}
	if d.s[d.i] != '\n' {
		return false
	}
	d.i++
	return true
}

// comment reads from '#' to the end of the line (not the newline): valid
// UTF-8 without control characters other than tab, as toml.Decode wants.
func (d *fastDecoder) comment() bool {
	start := d.i
	ascii := true
	for d.i++; d.i < len(d.s); d.i++ {
		c := d.s[d.i]
		if c == '\n' {
			break
		}
		if (c < 0x20 && c != '\t') || c == 0x7f {
			return false
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	return ascii || utf8.ValidString(d.s[start:d.i])
}

// readKey reads a key, dotted or not, into d.key, leaving whitespace
// after it.
func (d *fastDecoder) readKey() bool {
	d.key, d.keyLens = d.keyBuf[:0], d.lensBuf[:0]
	for {
		d.skipSpace()
		start := d.i
		k, ok := d.keyPart()
		if !ok {
			return false
		}
		d.key = append(d.key, k)
		d.keyLens = append(d.keyLens, d.i-start)
		if len(d.key) > d.lim.maxDepth {
			return false // too deep: check says where, before reading it all
		}
		d.skipSpace()
		if d.i >= len(d.s) || d.s[d.i] != '.' {
			return true
		}
		d.i++
	}
}

func (d *fastDecoder) keyPart() (string, bool) {
	if d.i >= len(d.s) {
		return "", false
	}
	switch d.s[d.i] {
	case '"':
		return d.basicString()
	case '\'':
		return d.literalString()
	}
	start := d.i
	for d.i < len(d.s) && isBareKeyByte(d.s[d.i]) {
		d.i++
	}
	return d.s[start:d.i], d.i > start
}

// header reads [a.b] or [[a.b]] and makes its table the current one.
func (d *fastDecoder) header() bool {
	array := strings.HasPrefix(d.s[d.i:], "[[")
	if array {
		d.i += 2
	} else {
		d.i++
	}
	if !d.readKey() || d.i >= len(d.s) || d.s[d.i] != ']' {
		return false
	}
	d.i++
	d.table = ctx{}
	if !d.enterKey(&d.table) {
		return false
	}
	if array {
		if d.i >= len(d.s) || d.s[d.i] != ']' || !d.lim.enter(&d.table, 0, d.i) {
			return false
		}
		d.i++
	}

	t := d.root
	last := len(d.key) - 1
	for _, k := range d.key[:last] {
		v, ok := t[k]
		if !ok {
			nt := make(map[string]any)
			t[k] = nt
			t = nt
			continue
		}
		switch v := v.(type) {
		case map[string]any:
			if d.isDotted(v) {
				return false
			}
			t = v
		case []map[string]any:
			t = v[len(v)-1]
		default:
			return false
		}
	}
	k := d.key[last]
	v, exists := t[k]
	nt := make(map[string]any)
	if array {
		// Dotted keys and arrays of tables together: toml.Decode
		// tracks tables by their key path, the same for every element
		// of an array, and may differ from the TOML rules.
		if d.dottedKeys {
			return false
		}
		d.arrayTables = true
		arr, ok := v.([]map[string]any)
		if exists && !ok {
			return false
		}
		if arr == nil {
			arr = make([]map[string]any, 0, 4)
		}
		t[k] = append(arr, nt)
	} else {
		// A table that exists, even only implied by an earlier
		// header, falls back: defining one implied in another element
		// of an array of tables is where toml.Decode and TOML differ.
		if exists {
			return false
		}
		t[k] = nt
	}
	d.cur = nt
	return true
}

// enterKey enters the parts of the key just read, from c.
func (d *fastDecoder) enterKey(c *ctx) bool {
	for _, n := range d.keyLens {
		if !d.lim.enter(c, n, d.i) {
			return false
		}
	}
	return true
}

// keyValue reads key = value into the current table.
func (d *fastDecoder) keyValue() bool {
	c := d.table
	if !d.readKey() || d.i >= len(d.s) || d.s[d.i] != '=' || !d.enterKey(&c) {
		return false
	}
	d.i++
	d.skipSpace()
	v, ok := d.value(c, 0)
	if !ok {
		return false
	}
	t := d.cur
	last := len(d.key) - 1
	if last > 0 {
		// toml.Decode records a value's type under its key path, and
		// for the empty key under the table's own: after a."" = [],
		// it takes table a for an array and the next a.b = 1 replaces
		// it.
		if d.arrayTables || d.key[last] == "" {
			return false
		}
		d.dottedKeys = true
		for _, k := range d.key[:last] {
			x, exists := t[k]
			if !exists {
				nt := make(map[string]any)
				t[k] = nt
				if d.dotted == nil {
					d.dotted = map[uintptr]bool{}
				}
				d.dotted[reflect.ValueOf(nt).Pointer()] = true
				t = nt
				continue
			}
			m, ok := x.(map[string]any)
			if !ok || !d.isDotted(m) {
				return false
			}
			t = m
		}
	}
	k := d.key[last]
	if _, exists := t[k]; exists {
		return false
	}
	t[k] = v
	return true
}

func (d *fastDecoder) isDotted(m map[string]any) bool {
	return d.dotted != nil && d.dotted[reflect.ValueOf(m).Pointer()]
}

// value reads a value at c, nested in depth arrays; what follows it is
// for the caller to check.
func (d *fastDecoder) value(at ctx, depth int) (any, bool) {
	if d.i >= len(d.s) {
		return nil, false
	}
	switch c := d.s[d.i]; c {
	case '"':
		if strings.HasPrefix(d.s[d.i:], `"""`) {
			return nil, false
		}
		return boxString(d.basicString())
	case '\'':
		if strings.HasPrefix(d.s[d.i:], `'''`) {
			return nil, false
		}
		return boxString(d.literalString())
	case '[':
		return d.array(at, depth+1)
	case 't':
		return d.word("true", true)
	case 'f':
		return d.word("false", false)
	case 'i', 'n', '+', '-':
		return d.number()
	default:
		if isDigit(c) {
			if s := d.s[d.i:]; len(s) > 4 && s[4] == '-' && isDigit(s[1]) && isDigit(s[2]) && isDigit(s[3]) {
				return d.date()
			}
			return d.number()
		}
	}
	return nil, false
}

func boxString(s string, ok bool) (any, bool) {
	if !ok {
		return nil, false
	}
	return s, true
}

func (d *fastDecoder) word(w string, v bool) (any, bool) {
	if !strings.HasPrefix(d.s[d.i:], w) {
		return nil, false
	}
	d.i += len(w)
	return v, true
}

// array reads [v, …] after which the next byte is the caller's.
func (d *fastDecoder) array(c ctx, depth int) (any, bool) {
	if depth > maxArrayDepth || !d.lim.enter(&c, 0, d.i) {
		return nil, false
	}
	d.i++ // [
	arr := make([]any, 0, 2)
	for {
		if !d.skipArraySpace() {
			return nil, false
		}
		if d.i < len(d.s) && d.s[d.i] == ']' {
			d.i++
			return arr, true
		}
		v, ok := d.value(c, depth)
		if !ok {
			return nil, false
		}
		arr = append(arr, v)
		if !d.skipArraySpace() || d.i >= len(d.s) {
			return nil, false
		}
		switch d.s[d.i] {
		case ',':
			d.i++
		case ']':
			d.i++
			return arr, true
		default:
			return nil, false
		}
	}
}

// skipArraySpace skips whitespace, newlines and comments between the
// elements of an array.
func (d *fastDecoder) skipArraySpace() bool {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n':
			d.i++
		case '#':
			if !d.comment() {
				return false
			}
		default:
			return true
		}
	}
	return true
}

// basicString reads "…" with its escapes, as toml.Decode does: no
// newline, no control character other than tab, valid UTF-8, and \u or
// \U only for Unicode scalar values.
func (d *fastDecoder) basicString() (string, bool) {
	d.i++ // "
	start := d.i
	ascii, escaped := true, false
	for ; d.i < len(d.s); d.i++ {
		c := d.s[d.i]
		switch {
		case c == '"':
			raw := d.s[start:d.i]
			d.i++
			if !ascii && !utf8.ValidString(raw) {
				return "", false
			}
			if escaped {
				return unescape(raw)
			}
			// A copy: a substring would keep the whole file alive for as
			// long as the value lives (a name, for the whole build).
			return strings.Clone(raw), true
		case c == '\\':
			escaped = true
			d.i++ // the escape's letter: checked by unescape, but never a quote that ends the string
			if d.i >= len(d.s) {
				return "", false
			}
			if c := d.s[d.i]; c < 0x20 || c >= utf8.RuneSelf {
				return "", false
			}
		case c < 0x20 && c != '\t', c == 0x7f:
			return "", false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return "", false
}

// unescape replaces the escapes of a basic string's contents, as
// toml.Decode does (TOML 1.1: \b \t \n \f \r \e \" \\ \xHH \uHHHH
// \UHHHHHHHH, the last three only for Unicode scalar values); ok is false
// on any other escape.
func unescape(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b = append(b, c)
			continue
		}
		if i++; i >= len(s) {
			return "", false
		}
		switch s[i] {
		case 'b':
			b = append(b, '\b')
		case 't':
			b = append(b, '\t')
		case 'n':
			b = append(b, '\n')
		case 'f':
			b = append(b, '\f')
		case 'r':
			b = append(b, '\r')
		case 'e':
			b = append(b, 0x1b)
		case '"':
			b = append(b, '"')
		case '\\':
			b = append(b, '\\')
		case 'x', 'u', 'U':
			n := 2
			switch s[i] {
			case 'u':
				n = 4
			case 'U':
				n = 8
			}
			if i+n >= len(s) {
				return "", false
			}
			var r rune
			for _, h := range []byte(s[i+1 : i+1+n]) {
				switch {
				case h >= '0' && h <= '9':
					r = r<<4 | rune(h-'0')
				case h >= 'a' && h <= 'f':
					r = r<<4 | rune(h-'a'+10)
				case h >= 'A' && h <= 'F':
					r = r<<4 | rune(h-'A'+10)
				default:
					return "", false
				}
			}
			if !utf8.ValidRune(r) {
				return "", false
			}
			b = utf8.AppendRune(b, r)
			i += n
		default:
			return "", false
		}
	}
	return string(b), true
}

// literalString reads '…': no newline, no control character other than
// tab, valid UTF-8.
func (d *fastDecoder) literalString() (string, bool) {
	d.i++ // '
	start := d.i
	ascii := true
	for ; d.i < len(d.s); d.i++ {
		c := d.s[d.i]
		switch {
		case c == '\'':
			raw := d.s[start:d.i]
			d.i++
			return strings.Clone(raw), ascii || utf8.ValidString(raw)
		case c < 0x20 && c != '\t', c == 0x7f:
			return "", false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return "", false
}

// number reads a decimal integer or a float, as TOML writes them:
//
//	[+-] (0 | 1-9 (_? digit)*) [. digits] [(e|E) [+-] digits]
//
// with digits = digit (_? digit)*, or [+-] inf or nan. Anything the
// grammar leaves over (1_, 1., 01, 0x1) is left for the caller to reject.
func (d *fastDecoder) number() (any, bool) {
	s, start := d.s, d.i
	i := start
	neg := false
	if s[i] == '+' || s[i] == '-' {
		neg = s[i] == '-'
		i++
	}
	if rest := s[i:]; strings.HasPrefix(rest, "inf") || strings.HasPrefix(rest, "nan") {
		d.i = i + 3
		if rest[0] == 'i' {
			if neg {
				return math.Inf(-1), true
			}
			return math.Inf(1), true
		}
		// As toml.Decode: strconv's NaN, its sign set for -nan.
		f, _ := strconv.ParseFloat("nan", 64)
		if neg {
			f = math.Copysign(f, -1)
		}
		return f, true
	}
	if i >= len(s) || !isDigit(s[i]) {
		return nil, false
	}
	if s[i] == '0' {
		i++
	} else {
		i = digits(s, i)
	}
	float := false
	if i < len(s) && s[i] == '.' {
		if i+1 >= len(s) || !isDigit(s[i+1]) {
			return nil, false
		}
		i = digits(s, i+1)
		float = true
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || !isDigit(s[i]) {
			return nil, false
		}
		i = digits(s, i)
		float = true
	}
	d.i = i
	tok := s[start:i]
	if float {
		if strings.IndexByte(tok, '_') >= 0 {
			tok = strings.ReplaceAll(tok, "_", "")
		}
		f, err := strconv.ParseFloat(tok, 64)
		if err != nil {
			return nil, false
		}
		return f, true
	}
	// An integer: toml.Decode refuses those outside int64.
	var n uint64
	for j := 0; j < len(tok); j++ {
		c := tok[j]
		if !isDigit(c) {
			continue // sign, underscores
		}
		if n > (math.MaxUint64-9)/10 {
			return nil, false
		}
		n = n*10 + uint64(c-'0')
	}
	switch {
	case !neg && n <= math.MaxInt64:
		return int64(n), true
	case neg && n <= 1<<63:
		return -int64(n), true // -int64(1<<63) wraps to MinInt64
	}
	return nil, false
}

// digits returns the end of digit (_? digit)* starting at a digit.
func digits(s string, i int) int {
	for i++; i < len(s); i++ {
		if isDigit(s[i]) {
			continue
		}
		if s[i] == '_' && i+1 < len(s) && isDigit(s[i+1]) {
			i++
			continue
		}
		break
	}
	return i
}

// date reads YYYY-MM-DD, a local date, as toml.Decode gives it: the day
// must exist (time.Parse's rule).
func (d *fastDecoder) date() (any, bool) {
	s := d.s[d.i:]
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return nil, false
	}
	var n [8]int
	for j, k := range [8]int{0, 1, 2, 3, 5, 6, 8, 9} {
		if !isDigit(s[k]) {
			return nil, false
		}
		n[j] = int(s[k] - '0')
	}
	y := n[0]*1000 + n[1]*100 + n[2]*10 + n[3]
	m := n[4]*10 + n[5]
	day := n[6]*10 + n[7]
	if m < 1 || m > 12 || day < 1 || day > daysIn(m, y) {
		return nil, false
	}
	// What follows is the caller's: a date followed by a time, or
	// anything but whitespace and the end of the line or the element,
	// falls back there.
	d.i += 10
	return time.Date(y, time.Month(m), day, 0, 0, 0, 0, localDate), true
}

func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
