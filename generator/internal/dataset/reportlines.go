package dataset

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// cutReportLines splits a report at its first [projects.<id>] header:
// the dispatch's own tables before it, the project lines from it on.
// ok is false when there is no such header at the start of a line.
func cutReportLines(src string) (head, lines string, ok bool) {
	const h = "[projects."
	i := 0
	for {
		j := strings.Index(src[i:], h)
		if j < 0 {
			return src, "", false
		}
		i += j
		if i == 0 || src[i-1] == '\n' {
			return src[:i], src[i:], true
		}
		i += len(h)
	}
}

// plainReportLines decodes the project lines of a report written the way
// nearly every report is: a [projects.<bare id>] header per project, then
// completed, funds, note and correction as plain numbers ≥ 0, strings
// without escapes and booleans, with blank lines and comments. That is
// most of a large site's loading, and it is read here without building a
// table per project. Anything else — another table, another key or form
// of value, a key or project twice, a negative amount — returns false,
// and the report is decoded as a whole by the TOML decoder, which gives
// the same lines or the errors and their lines.
//
// Ids are substrings of src: the caller copies what it keeps.
func plainReportLines(src string) ([]Entry, bool) {
	out := make([]Entry, 0, strings.Count(src, "\n[")+1)
	var e *Entry
	var seen uint8 // keys of e given so far
	for len(src) > 0 {
		line := src
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = ""
		}
		line = strings.TrimLeft(line, " \t")
		switch {
		case line == "" || line[0] == '#':
			if !restOfLine(line) {
				return nil, false
			}
		case line[0] == '[':
			rest, ok := strings.CutPrefix(line, "[projects.")
			if !ok {
				return nil, false
			}
			end := strings.IndexByte(rest, ']')
			if end <= 0 || !bareKey(rest[:end]) || !restOfLine(rest[end+1:]) {
				return nil, false
			}
			out = append(out, Entry{ID: rest[:end]})
			e, seen = &out[len(out)-1], 0
		default:
			if e == nil {
				return nil, false
			}
			eq := strings.IndexByte(line, '=')
			if eq < 0 {
				return nil, false
			}
			key := strings.TrimRight(line[:eq], " \t")
			val := strings.TrimLeft(line[eq+1:], " \t")
			var bit uint8
			var rest string
			var ok bool
			switch key {
			case "completed", "funds":
				var f float64
				f, rest, ok = plainAmount(val)
				if key == "completed" {
					bit, e.Completed = 1, &f
				} else {
					bit, e.Funds = 2, &f
				}
			case "note":
				bit = 4
				e.Note, rest, ok = plainString(val)
			case "correction":
				bit = 8
				switch {
				case strings.HasPrefix(val, "true"):
					e.Correction, rest, ok = true, val[4:], true
				case strings.HasPrefix(val, "false"):
					e.Correction, rest, ok = false, val[5:], true
				}
			}
			if !ok || seen&bit != 0 || !restOfLine(rest) {
				return nil, false
			}
			seen |= bit
		}
	}
	// A project twice is an error the TOML decoder words.
	ids := make(map[string]struct{}, len(out))
	for _, e := range out {
		if _, dup := ids[e.ID]; dup {
			return nil, false
		}
		ids[e.ID] = struct{}{}
	}
	return out, true
}

// plainAmount reads a decimal number ≥ 0 without sign, exponent or
// underscores, short enough to be exact as an integer: 12, 0.5, 3.25.
func plainAmount(s string) (float64, string, bool) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == 0 || i > 15 || (s[0] == '0' && i > 1) {
		return 0, "", false
	}
	if i < len(s) && s[i] == '.' {
		j := i + 1
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j == i+1 {
			return 0, "", false
		}
		i = j
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E' || s[i] == '_') {
		return 0, "", false
	}
	f, err := strconv.ParseFloat(s[:i], 64)
	if err != nil {
		return 0, "", false
	}
	return f, s[i:], true
}

// plainString reads a basic string without escapes or control
// characters, and copies it: a substring would keep the file in memory.
func plainString(s string) (string, string, bool) {
	if len(s) == 0 || s[0] != '"' {
		return "", "", false
	}
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			if !utf8.ValidString(s[1:i]) {
				return "", "", false
			}
			return strings.Clone(s[1:i]), s[i+1:], true
		case c == '\\' || (c < 0x20 && c != '\t') || c == 0x7f:
			return "", "", false
		}
	}
	return "", "", false
}

// restOfLine accepts what may end a line after a value or header, or make
// a whole line: spaces, then nothing or a comment (fastDecoder.lineEnd).
func restOfLine(s string) bool {
	d := fastDecoder{s: s}
	return d.lineEnd()
}

// bareKey is a TOML bare key: A-Z a-z 0-9 _ -, at least one.
func bareKey(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isBareKeyByte(s[i]) {
			return false
		}
	}
	return s != ""
}
