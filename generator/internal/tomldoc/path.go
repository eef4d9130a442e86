package tomldoc

import (
	"slices"
	"strconv"
	"strings"
)

// Path is where a value is in a document: keys of tables and indexes
// of arrays, from the root. The elements of an array of tables ([[k]])
// are indexed like those of any other array.
type Path []Elem

// Elem is one step of a Path: a key, or an index from 0.
type Elem struct {
	key     string
	index   int
	isIndex bool
}

// Key returns the key of e, and whether e is a key.
func (e Elem) Key() (string, bool) { return e.key, !e.isIndex }

// Index returns the index of e (from 0), and whether e is an index.
func (e Elem) Index() (int, bool) { return e.index, e.isIndex }

// Key returns p followed by the key k. It never writes into p's array:
// paths built from one parent stay apart.
func (p Path) Key(k string) Path {
	return append(slices.Clip(p), Elem{key: k})
}

// Index returns p followed by the array index i (from 0).
func (p Path) Index(i int) Path {
	return append(slices.Clip(p), Elem{index: i, isIndex: true})
}

// String writes p for people: keys as TOML writes them (bare where they
// can be, quoted elsewhere), array elements counted from 1 as people
// count them: approvals[2].due is the second [[approvals]] table,
// projects."a.b".completed a key with a dot in it.
func (p Path) String() string {
	var b strings.Builder
	for i, e := range p {
		if e.isIndex {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(e.index + 1))
			b.WriteByte(']')
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		if IsBareKey(e.key) {
			b.WriteString(e.key)
		} else {
			b.WriteString(strconv.Quote(e.key))
		}
	}
	return b.String()
}

// IsBareKey reports whether s can be written as a TOML key without
// quotes: A-Z a-z 0-9 _ -, at least one.
func IsBareKey(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isBareKeyByte(s[i]) {
			return false
		}
	}
	return s != ""
}

func isBareKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
