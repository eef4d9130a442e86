// Package tomldoc is Gongjian's one TOML front end: it decodes a document
// with github.com/BurntSushi/toml, knows on which line every key is, and
// says what a user typing with a Chinese input method probably meant when
// a line is not TOML. It is the only code besides BurntSushi/toml that
// knows TOML syntax.
//
// Users edit TOML by hand and every problem is reported as
// path:line: what is wrong (what was expected). BurntSushi/toml gives
// values but not where their keys are, so the package has a scanner of its
// own (scan.go) that follows the structure of the text — statements,
// keys, tables, arrays, strings, comments — without being a parser: it
// never fails, and on a text toml.Decode accepts it sees the keys
// toml.Decode sees.
//
// Parse runs in four steps:
//
//  1. normalise: drop a UTF-8 byte-order mark, turn CRLF into LF (line
//     numbers are unchanged);
//  2. decode fast: the plain files nearly all content is written in go
//     through a decoder of our own (fast.go) that gives exactly
//     toml.Decode's map, eight times faster; anything outside its subset
//     falls back, every error included;
//  3. check: one linear pass of the scanner refuses text that is not
//     UTF-8, is nested deeper than Options.MaxDepth, or would cost
//     toml.Decode far more than its size justifies (TooComplex: its work
//     grows with the length times the depth of key paths, and a 180 KB
//     file can take seconds). Only then does toml.Decode see the text.
//     The fast decoder counts depth and work with the same limits type
//     at the same points, so what it takes needs no check;
//  4. decode with toml.Decode; on a syntax error, diagnose the offending
//     line (hint.go): 2023年4月10日, ＝, “…”, 1,234, 1.54亿元 and their like
//     each get a structured Hint that says what to type instead. Hints
//     carry no wording: the caller words them in the user's language.
//
// Line numbers are needed for messages only, so the scanner runs a
// second time, with a line index, on the first Doc.Line call: most files
// never pay for it. Both passes are linear in the size of the text; a
// fuzz target holds the scanner to that by counting its steps.
package tomldoc

import (
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// Options tune Parse.
type Options struct {
	// MaxDepth bounds nesting: a value is as deep as the key parts of its
	// table header (plus one for [[…]]), the parts of its dotted key and
	// the arrays around it; keys in inline tables count like dotted ones.
	// 0 means DefaultMaxDepth.
	MaxDepth int
}

func (o Options) maxDepth() int {
	if o.MaxDepth <= 0 {
		return DefaultMaxDepth
	}
	return o.MaxDepth
}

// Doc is a decoded TOML document.
type Doc struct {
	// Root is the document as toml.Decode gives it into a map[string]any:
	// string, int64, float64, bool, time.Time (local dates, times and
	// date-times in BurntSushi's "date-local", "time-local" and
	// "datetime-local" zones), []any, map[string]any, and
	// []map[string]any for arrays of tables.
	Root map[string]any

	src      string
	maxDepth int
	once     sync.Once
	ix       *lineIndex
}

// Parse decodes a whole TOML document. Errors are *SyntaxError: TOML
// syntax, text that is not UTF-8, nesting deeper than opt.MaxDepth, keys
// too long and deep for toml.Decode to get through in reasonable time.
func Parse(src string, opt Options) (*Doc, error) {
	src = normalize(src)
	d := &Doc{src: src, maxDepth: opt.maxDepth()}
	if m, ok := fastDecode(src, d.maxDepth); ok {
		d.Root = m // within the limits: the fast decoder counts as check does
		return d, nil
	}
	if err := check(src, d.maxDepth); err != nil {
		return nil, err
	}
	if _, err := toml.Decode(src, &d.Root); err != nil {
		e := fromDecode(src, err)
		e.Hint = diagnoseLine(lineText(src, e.Line))
		return nil, e
	}
	return d, nil
}

// Src returns the text of the document as Parse read it: without a
// byte-order mark, lines ending in LF.
func (d *Doc) Src() string { return d.src }

// Line returns the 1-based line where p is written: a key's own line; a
// table's [header] line, or the first line that implies the table; the
// [[header]] line of a table of an array of tables; for an element of an
// array written inline, the line where the element starts. A path with no
// line of its own (one the document does not have) gets the line of its
// closest ancestor that has one, and the root line 1.
//
// The first call scans the document, in time linear in its size; every
// call after that costs a map lookup per element of p.
func (d *Doc) Line(p Path) int {
	d.once.Do(func() { d.ix = buildIndex(d.src, d.maxDepth) })
	return d.ix.line(p)
}

// normalize drops a UTF-8 byte-order mark and turns CRLF line ends into
// LF, as Windows editors write them; line numbers are unchanged.
func normalize(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	if strings.Contains(s, "\r\n") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	return s
}

// lineText returns line n (1-based) of src, without its newline.
func lineText(src string, n int) string {
	for ; n > 1; n-- {
		i := strings.IndexByte(src, '\n')
		if i < 0 {
			return ""
		}
		src = src[i+1:]
	}
	if i := strings.IndexByte(src, '\n'); i >= 0 {
		src = src[:i]
	}
	return src
}

// unescapeKey decodes a quoted key's escapes; toml.Decode has refused a
// text with invalid ones, so those are merely kept as written.
func unescapeKey(raw string) string {
	if strings.IndexByte(raw, '\\') < 0 {
		return raw
	}
	if s, ok := unescape(raw); ok {
		return s
	}
	return raw
}
