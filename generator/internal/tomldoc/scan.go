package tomldoc

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// scanner walks the structure of TOML text: statements, keys, tables,
// arrays, inline tables, strings and comments, counting lines. It follows
// the structure, not the grammar: on any text it terminates, in time
// linear in the text's length, without panicking, and on text toml.Decode
// accepts it sees exactly the keys and values toml.Decode sees.
//
// It serves twice. Before toml.Decode sees a text, check runs it to
// enforce the limits (depth, work). After, on the first Doc.Line call,
// it runs again with a lineIndex to record where each key is. Nothing on
// the way copies a key path: what a nested value needs of its parents is
// carried in a ctx of three numbers.
type scanner struct {
	src  string
	pos  int
	line int

	limits            // the scan stops at the first limit crossed
	ix     *lineIndex // where lines go; nil in the pre-pass

	// steps counts loop iterations and index updates; tests hold it to a
	// multiple of the text's length.
	steps int
}

// ctx is what a value needs to know of where it is.
type ctx struct {
	depth int   // nesting: header and key parts, arrays
	bytes int   // length of the key parts leading here, as written
	node  int32 // its node in the line index
}

// limits enforces the nesting limit and the work budget. The scanner and
// the fast decoder both count with it, at the same points of the text:
// each key part of a header or a key, one more for [[…]], each array,
// each inline table. So a text the fast decoder takes is one check
// passes, and Parse checks only the texts the fast decoder leaves.
type limits struct {
	src      string
	maxDepth int
	budget   int // the work toml.Decode may do; see the work model
	work     int // the work it would do so far
	err      *SyntaxError
}

func newLimits(src string, maxDepth int) limits {
	return limits{src: src, maxDepth: maxDepth, budget: workPerByte*len(src) + workBase}
}

// enter goes one level deeper, into a key part of n bytes as written
// (0 for an array) at byte offset at, and charges the work of it. It
// reports whether the limits hold.
func (l *limits) enter(c *ctx, n, at int) bool {
	c.depth++
	c.bytes += n
	if c.depth > l.maxDepth {
		l.fail(at, TooDeep, fmt.Sprintf("nested more than %d deep", l.maxDepth))
		return false
	}
	return l.charge(*c, 1, at)
}

// charge adds the work of weight names of the path at c.
func (l *limits) charge(c ctx, weight, at int) bool {
	l.work += weight * (c.bytes + workPerPart*c.depth)
	if l.work > l.budget {
		l.fail(at, TooComplex, fmt.Sprintf("keys too long or too deeply nested for a text of %d bytes", len(l.src)))
		return false
	}
	return true
}

func (l *limits) fail(at int, kind ErrKind, msg string) {
	if l.err == nil {
		l.err = errorAt(l.src, at, kind, msg)
	}
}

// The work model. toml.Decode builds the full dotted name of a key
// (Key.String, 25 bytes reserved per part) several times for every key
// part, array and inline table it meets, so its work grows with the
// length and the depth of key paths. A 180 KB file with one 100 KB table
// name and ten thousand keys under it takes 1.5 s; 2 MB of 63-deep dotted
// keys take 5 s. check charges each such step with the size of its name
// and refuses a text whose total exceeds workPerByte per byte of text
// (plus workBase for small files): real files, with short keys a few
// levels deep, use a tenth of that.
const (
	workPerPart = 32 // per key part of the path, for the string built
	workPerByte = 64
	workBase    = 1 << 20
	// An inline table costs toml.Decode several names and a table of its
	// own: 4 MB of {a = 1}, {a = 1}, … in one array took it 0.9 s. At this
	// weight a text made mostly of small inline tables is refused; the
	// few that site.toml writes (rank_by = { … }) cost nothing.
	inlineWeight = 12
)

// DefaultMaxDepth is the nesting limit when Options.MaxDepth is 0.
const DefaultMaxDepth = 64

// check refuses text that is not UTF-8, nested deeper than maxDepth, or
// too much work for toml.Decode for its size; src is normalised.
func check(src string, maxDepth int) *SyntaxError {
	if !utf8.ValidString(src) {
		off := 0
		for off < len(src) {
			r, n := utf8.DecodeRuneInString(src[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return errorAt(src, off, NotUTF8, fmt.Sprintf("invalid UTF-8 byte: 0x%02x", src[min(off, len(src)-1)]))
	}
	s := newScanner(src, maxDepth, nil)
	s.document()
	return s.err
}

func newScanner(src string, maxDepth int, ix *lineIndex) *scanner {
	return &scanner{src: src, line: 1, limits: newLimits(src, maxDepth), ix: ix}
}

func (s *scanner) eof() bool { return s.pos >= len(s.src) || s.err != nil }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.pos]
}

func (s *scanner) at(prefix string) bool { return strings.HasPrefix(s.src[s.pos:], prefix) }

// advance moves past n bytes, counting the newlines among them.
func (s *scanner) advance(n int) {
	end := min(s.pos+n, len(s.src))
	s.steps += end - s.pos
	s.line += strings.Count(s.src[s.pos:end], "\n")
	s.pos = end
}

// skipSpace skips blanks on the current line.
func (s *scanner) skipSpace() {
	for !s.eof() && (s.peek() == ' ' || s.peek() == '\t' || s.peek() == '\r') {
		s.steps++
		s.pos++
	}
}

// skipBlank skips blanks, newlines and comments.
func (s *scanner) skipBlank() {
	for !s.eof() {
		s.steps++
		switch s.peek() {
		case ' ', '\t', '\r':
			s.pos++
		case '\n':
			s.pos++
			s.line++
		case '#':
			s.skipLine()
		default:
			return
		}
	}
}

// skipLine moves to the start of the next line.
func (s *scanner) skipLine() {
	end := len(s.src)
	if i := strings.IndexByte(s.src[s.pos:], '\n'); i >= 0 {
		end = s.pos + i + 1
		s.line++
	}
	s.steps += end - s.pos
	s.pos = end
}

func (s *scanner) document() {
	table := ctx{} // the table key/value pairs go to: the root at first
	for {
		s.skipBlank()
		if s.eof() {
			return
		}
		s.steps++
		start := s.line
		if s.peek() == '[' {
			if t, ok := s.header(); ok {
				table = t
			}
		} else {
			s.keyValue(table)
		}
		// Whatever is left of a statement's last line is a comment (or,
		// in a broken text, something to step over).
		if s.line == start {
			s.skipLine()
		}
	}
}

// header reads [table] or [[array.of.tables]] and returns the table's ctx.
func (s *scanner) header() (ctx, bool) {
	array := s.at("[[")
	if array {
		s.advance(2)
	} else {
		s.advance(1)
	}
	var c ctx
	var pending int32 = -1 // the node of the last part read, not yet resolved
	for first := true; ; first = false {
		s.steps++
		s.skipSpace()
		if !first {
			if s.peek() != '.' {
				break
			}
			s.advance(1)
			s.skipSpace()
		}
		at := s.pos
		k, n, ok := s.simpleKey()
		if !ok {
			return ctx{}, false
		}
		if !s.enter(&c, n, at) {
			return ctx{}, false
		}
		if s.ix != nil {
			s.steps++
			if pending >= 0 {
				c.node = s.ix.through(pending)
			}
			pending = s.ix.key(c.node, k, s.line)
		}
	}
	closing := "]"
	if array {
		closing = "]]"
	}
	if !s.at(closing) {
		return ctx{}, false
	}
	s.advance(len(closing))
	if array {
		if !s.enter(&c, 0, s.pos-2) {
			return ctx{}, false
		}
	}
	if s.ix != nil {
		if array {
			c.node = s.ix.appendTable(pending, s.line)
		} else {
			c.node = s.ix.define(pending, s.line)
		}
	}
	return c, true
}

// keyValue reads `dotted.key = value` in the table c.
func (s *scanner) keyValue(c ctx) bool {
	if !s.key(&c) {
		return false
	}
	s.skipSpace()
	if s.peek() != '=' {
		return false
	}
	s.advance(1)
	s.skipSpace()
	s.value(c)
	return true
}

// key reads a possibly dotted key, entering each of its parts.
func (s *scanner) key(c *ctx) bool {
	for {
		s.steps++
		at := s.pos
		k, n, ok := s.simpleKey()
		if !ok {
			return false
		}
		if !s.enter(c, n, at) {
			return false
		}
		if s.ix != nil {
			s.steps++
			c.node = s.ix.key(c.node, k, s.line)
		}
		s.skipSpace()
		if s.peek() != '.' {
			return true
		}
		s.advance(1)
		s.skipSpace()
	}
}

// simpleKey reads a bare or quoted key and returns it (unescaped only when
// the index needs it) and its length as written.
func (s *scanner) simpleKey() (string, int, bool) {
	start := s.pos
	switch s.peek() {
	case '"':
		raw, ok := s.quoted('"')
		if ok && s.ix != nil {
			raw = unescapeKey(raw)
		}
		return raw, s.pos - start, ok
	case '\'':
		raw, ok := s.quoted('\'')
		return raw, s.pos - start, ok
	}
	end := s.pos
	for end < len(s.src) && isBareKeyByte(s.src[end]) {
		s.steps++
		end++
	}
	if end == s.pos {
		return "", 0, false
	}
	s.pos = end
	return s.src[start:end], end - start, true
}

// quoted reads a one-line string delimited by q and returns its raw text.
func (s *scanner) quoted(q byte) (string, bool) {
	start := s.pos + 1
	for i := start; i < len(s.src); i++ {
		s.steps++
		switch c := s.src[i]; {
		case c == q:
			s.pos = i + 1
			return s.src[start:i], true
		case c == '\n':
			s.pos = i
			return "", false
		case c == '\\' && q == '"' && i+1 < len(s.src) && s.src[i+1] != '\n':
			i++
		}
	}
	s.pos = len(s.src)
	return "", false
}

// multiline skips a """ or ”' string; up to two quotes before the
// closing delimiter belong to the string.
func (s *scanner) multiline(q byte) {
	delim := strings.Repeat(string(q), 3)
	s.advance(3)
	for !s.eof() {
		s.steps++
		if s.at(delim) {
			n := 3
			for n < 5 && s.pos+n < len(s.src) && s.src[s.pos+n] == q {
				n++
			}
			s.advance(n)
			return
		}
		if q == '"' && s.peek() == '\\' {
			s.advance(2)
			continue
		}
		s.advance(1)
	}
}

// value reads a value at c, recording the keys of inline tables and the
// elements of arrays.
func (s *scanner) value(c ctx) {
	switch q := s.peek(); {
	case s.at(`"""`), s.at(`'''`):
		s.multiline(q)
	case q == '"' || q == '\'':
		s.quoted(q)
	case q == '[':
		s.array(c)
	case q == '{':
		s.inlineTable(c)
	default:
		// A number, boolean or date-time (which may hold a space).
		for !s.eof() && strings.IndexByte(",]}#\n", s.peek()) < 0 {
			s.steps++
			s.pos++
		}
	}
}

func (s *scanner) array(c ctx) {
	if !s.enter(&c, 0, s.pos) {
		return
	}
	s.advance(1)
	for i := 0; ; i++ {
		s.steps++
		s.skipBlank()
		if s.eof() {
			return
		}
		if s.peek() == ']' {
			s.advance(1)
			return
		}
		e := c
		if s.ix != nil {
			s.steps++
			e.node = s.ix.elem(c.node, i, s.line)
		}
		s.value(e)
		s.skipBlank()
		switch s.peek() {
		case ',':
			s.advance(1)
		case ']':
		default:
			return // not TOML; the statement loop steps over the rest
		}
	}
}

// inlineTable reads { k = v, ... }, which TOML 1.1 lets span lines. Its
// keys nest under c; the braces add no level of their own.
func (s *scanner) inlineTable(c ctx) {
	if !s.charge(c, inlineWeight, s.pos) {
		return
	}
	s.advance(1)
	for {
		s.steps++
		s.skipBlank()
		if s.eof() {
			return
		}
		if s.peek() == '}' {
			s.advance(1)
			return
		}
		if !s.keyValue(c) {
			return
		}
		s.skipBlank()
		switch s.peek() {
		case ',':
			s.advance(1)
		case '}':
		default:
			return
		}
	}
}
