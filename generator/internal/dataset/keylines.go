package dataset

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// keyLines maps every key of a TOML document to the 1-based line where it is
// written. BurntSushi/toml knows these positions but does not export them, and
// unknown keys and cross-reference errors must still name a line, so this is
// a small scanner of our own.
//
// Keys are paths rendered by keyPath, with array elements numbered from 0:
// "approvals[1].due", "rules.rank_by.regions", "lists[0].targets[2].by",
// `projects."a.b".completed`. The elements of arrays written inline are
// numbered the same way, so a key inside `approvals = [{...}, {...}]` spread
// over several lines gets its own line too. Tables map to the line of their
// first header, implicit parent tables to the first line that mentions them.
//
// The scanner follows the structure, not the grammar: it is meant to run
// on documents toml.Decode accepted, and on anything else it must merely
// terminate without panicking.
func keyLines(src string) map[string]int {
	s := &keyScanner{src: src, line: 1, lines: map[string]int{}, arrays: map[string]int{}}
	s.document()
	return s.lines
}

// indexMark starts a path element that is an array index, not a key. No
// TOML key can contain it: TOML documents are valid UTF-8.
const indexMark = "\xff"

// index returns the path element of the i-th element (from 0) of an array.
func index(i int) string { return indexMark + strconv.Itoa(i) }

// isIndex reports whether a path element is an array index, and which.
func isIndex(p string) (int, bool) {
	if !strings.HasPrefix(p, indexMark) {
		return 0, false
	}
	i, err := strconv.Atoi(p[len(indexMark):])
	return i, err == nil
}

// keyPath renders a key path as a TOML dotted key, indexes in brackets:
// bare keys as they are, any other key quoted, so that `a."b.c"`, `a.b.c`
// and a[0] stay apart.
func keyPath(path []string) string {
	var b strings.Builder
	for i, p := range path {
		if n, ok := isIndex(p); ok {
			fmt.Fprintf(&b, "[%d]", n)
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

func isBareKey(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isBareKeyChar(s[i]) {
			return false
		}
	}
	return true
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// keyScanner walks a TOML document byte by byte, counting lines.
type keyScanner struct {
	src    string
	pos    int
	line   int
	lines  map[string]int
	arrays map[string]int // array-of-tables path → index of its last element
}

func (s *keyScanner) eof() bool { return s.pos >= len(s.src) }

func (s *keyScanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.pos]
}

// advance moves past n bytes, counting the newlines among them.
func (s *keyScanner) advance(n int) {
	end := min(s.pos+n, len(s.src))
	s.line += strings.Count(s.src[s.pos:end], "\n")
	s.pos = end
}

func (s *keyScanner) set(path []string) {
	k := keyPath(path)
	if _, ok := s.lines[k]; !ok {
		s.lines[k] = s.line
	}
}

// setAll records every prefix of path longer than from elements.
func (s *keyScanner) setAll(path []string, from int) {
	for n := from + 1; n <= len(path); n++ {
		s.set(path[:n])
	}
}

// skipSpace skips blanks on the current line.
func (s *keyScanner) skipSpace() {
	for !s.eof() && (s.peek() == ' ' || s.peek() == '\t' || s.peek() == '\r') {
		s.pos++
	}
}

// skipBlank skips blanks, newlines and comments.
func (s *keyScanner) skipBlank() {
	for !s.eof() {
		switch s.peek() {
		case ' ', '\t', '\r', '\n':
			s.advance(1)
		case '#':
			s.skipLine()
		default:
			return
		}
	}
}

// skipLine moves to the start of the next line.
func (s *keyScanner) skipLine() {
	if i := strings.IndexByte(s.src[s.pos:], '\n'); i >= 0 {
		s.advance(i + 1)
	} else {
		s.pos = len(s.src)
	}
}

func (s *keyScanner) document() {
	var table []string // resolved path of the current table
	for {
		s.skipBlank()
		if s.eof() {
			return
		}
		start := s.line
		if s.peek() == '[' {
			if t, ok := s.header(); ok {
				table = t
			}
		} else {
			s.keyValue(table)
		}
		// Whatever is left of a statement's last line is a comment (or,
		// in a broken document, something to step over).
		if s.line == start {
			s.skipLine()
		}
	}
}

// header reads [table] or [[array.of.tables]] and returns its resolved path.
func (s *keyScanner) header() ([]string, bool) {
	isArray := strings.HasPrefix(s.src[s.pos:], "[[")
	if isArray {
		s.advance(2)
	} else {
		s.advance(1)
	}
	s.skipSpace()
	keys, ok := s.key()
	if !ok {
		return nil, false
	}
	s.skipSpace()
	closing := "]"
	if isArray {
		closing = "]]"
	}
	if !strings.HasPrefix(s.src[s.pos:], closing) {
		return nil, false
	}
	s.advance(len(closing))
	path := s.resolve(keys, isArray)
	s.setAll(path, 0)
	return path, true
}

// resolve turns a header's keys into a path, numbering arrays of tables:
// the last [[k]] seen is the element every deeper header refers to.
func (s *keyScanner) resolve(keys []string, isArray bool) []string {
	var path []string
	for i, k := range keys {
		path = append(path, k)
		last := i == len(keys)-1
		if n, ok := s.arrays[keyPath(path)]; ok && !(last && isArray) {
			path = append(path, index(n))
		}
	}
	if isArray {
		p := keyPath(path)
		n, ok := s.arrays[p]
		if ok {
			n++
		}
		s.arrays[p] = n
		path = append(path, index(n))
	}
	return path
}

// keyValue reads `dotted.key = value` under the table at prefix.
func (s *keyScanner) keyValue(prefix []string) {
	keys, ok := s.key()
	if !ok {
		return
	}
	s.skipSpace()
	if s.peek() != '=' {
		return
	}
	full := append(append([]string(nil), prefix...), keys...)
	s.setAll(full, len(prefix))
	s.advance(1)
	s.skipSpace()
	s.value(full)
}

// key reads a possibly dotted, possibly quoted key.
func (s *keyScanner) key() ([]string, bool) {
	var keys []string
	for {
		k, ok := s.simpleKey()
		if !ok {
			return nil, false
		}
		keys = append(keys, k)
		s.skipSpace()
		if s.peek() != '.' {
			return keys, true
		}
		s.advance(1)
		s.skipSpace()
	}
}

func (s *keyScanner) simpleKey() (string, bool) {
	switch s.peek() {
	case '"':
		raw, ok := s.quoted('"')
		return unescapeBasic(raw), ok
	case '\'':
		return s.quoted('\'')
	}
	end := s.pos
	for end < len(s.src) && isBareKeyChar(s.src[end]) {
		end++
	}
	if end == s.pos {
		return "", false
	}
	k := s.src[s.pos:end]
	s.pos = end
	return k, true
}

// quoted reads a one-line string delimited by q and returns its raw text.
func (s *keyScanner) quoted(q byte) (string, bool) {
	start := s.pos + 1
	for i := start; i < len(s.src); i++ {
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

// multiline skips a """ or ”' string; a closing delimiter may be preceded
// by up to two quotes that belong to the string.
func (s *keyScanner) multiline(q byte) {
	delim := strings.Repeat(string(q), 3)
	s.advance(3)
	for !s.eof() {
		if strings.HasPrefix(s.src[s.pos:], delim) {
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

// value skips a value, recording the keys of inline tables and the
// elements of arrays under path.
func (s *keyScanner) value(path []string) {
	switch c := s.peek(); {
	case strings.HasPrefix(s.src[s.pos:], `"""`), strings.HasPrefix(s.src[s.pos:], `'''`):
		s.multiline(c)
	case c == '"' || c == '\'':
		s.quoted(c)
	case c == '[':
		s.array(path)
	case c == '{':
		s.inlineTable(path)
	default:
		// A number, boolean or date-time (which may contain a space).
		for !s.eof() && !strings.ContainsRune(",]}#\n", rune(s.peek())) {
			s.pos++
		}
	}
}

func (s *keyScanner) array(path []string) {
	s.advance(1)
	for i := 0; ; i++ {
		s.skipBlank()
		if s.eof() {
			return
		}
		if s.peek() == ']' {
			s.advance(1)
			return
		}
		elem := append(append([]string(nil), path...), index(i))
		s.set(elem)
		s.value(elem)
		s.skipBlank()
		switch s.peek() {
		case ',':
			s.advance(1)
		case ']':
		default:
			return // not TOML; leave the rest to the statement loop
		}
	}
}

// inlineTable reads { k = v, ... }, which TOML 1.1 lets span lines.
func (s *keyScanner) inlineTable(path []string) {
	s.advance(1)
	for {
		s.skipBlank()
		if s.eof() {
			return
		}
		if s.peek() == '}' {
			s.advance(1)
			return
		}
		keys, ok := s.key()
		if !ok {
			return
		}
		s.skipSpace()
		if s.peek() != '=' {
			return
		}
		full := append(append([]string(nil), path...), keys...)
		s.setAll(full, len(path))
		s.advance(1)
		s.skipSpace()
		s.value(full)
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

// unescapeBasic decodes the escapes of a TOML basic string (TOML 1.1:
// \b \t \n \f \r \e \" \\ \xHH \uHHHH \UHHHHHHHH). An invalid escape is
// kept as written; toml.Decode has rejected such a document already.
func unescapeBasic(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte('\x1b')
		case '"', '\\':
			b.WriteByte(e)
		case 'x', 'u', 'U':
			n := 2 // \xHH
			switch e {
			case 'u':
				n = 4
			case 'U':
				n = 8
			}
			if i+n < len(s) {
				r, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
				if err == nil && utf8.ValidRune(rune(r)) {
					b.WriteRune(rune(r))
					i += n
					continue
				}
			}
			b.WriteByte('\\')
			b.WriteByte(e)
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return b.String()
}
