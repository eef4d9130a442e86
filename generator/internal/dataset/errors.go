package dataset

import (
	"sort"
	"strconv"
	"strings"

	"gongjian/generator/internal/i18n"
)

// Error is one problem in a user's file, reported as
// path:line: what is wrong (what was expected), in the language asked for.
type Error struct {
	Path string // relative to the site root, slash-separated
	Line int    // 1-based; 0 when the problem concerns a directory or a missing file
	Msg  i18n.Msg
	Err  error // the underlying cause (a parse error, an fs error), if any
}

// Text is the problem worded in l: path:line: message.
func (e *Error) Text(l i18n.Lang) string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	b.WriteString(e.Msg.Text(l))
	return b.String()
}

// Error words the problem in English (logs, tests); users see Text in
// their language.
func (e *Error) Error() string { return e.Text(i18n.En) }

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// ErrorList is every problem found in one run, sorted by path and line.
type ErrorList []*Error

// Unwrap gives errors.Is and errors.As every problem of the list.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

func (l ErrorList) Error() string { return l.Text(i18n.En) }

// Text words every problem in l, one per line.
func (l ErrorList) Text(lang i18n.Lang) string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Text(lang))
	}
	return b.String()
}

// Sort orders the list by path, line and message key and drops exact
// duplicates.
func (l *ErrorList) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Path != s[j].Path {
			return s[i].Path < s[j].Path
		}
		return s[i].Line < s[j].Line
	})
	out := s[:0]
	for _, e := range s {
		if n := len(out); n > 0 && out[n-1].Error() == e.Error() {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// Add records a problem.
func (l *ErrorList) Add(path string, line int, key string, args ...any) {
	*l = append(*l, &Error{Path: path, Line: line, Msg: i18n.M(key, args...)})
}

// AddMsg records a problem with a ready message.
func (l *ErrorList) AddMsg(path string, line int, m i18n.Msg, cause error) {
	*l = append(*l, &Error{Path: path, Line: line, Msg: m, Err: cause})
}

// Err returns the sorted list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}
