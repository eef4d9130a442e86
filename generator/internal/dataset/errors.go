package dataset

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in a user's file, reported as
// path:line: what is wrong (what was expected).
type Error struct {
	Path string // relative to the site root, slash-separated
	Line int    // 1-based; 0 when the problem concerns a directory or a missing file
	Msg  string
	Err  error // the underlying cause (a toml.ParseError, an fs error), if any
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

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

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Sort orders the list by path, line and message and drops exact duplicates.
func (l *ErrorList) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Path != s[j].Path {
			return s[i].Path < s[j].Path
		}
		if s[i].Line != s[j].Line {
			return s[i].Line < s[j].Line
		}
		return s[i].Msg < s[j].Msg
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
func (l *ErrorList) Add(path string, line int, format string, args ...any) {
	l.Wrap(nil, path, line, format, args...)
}

// Wrap records a problem caused by err.
func (l *ErrorList) Wrap(err error, path string, line int, format string, args ...any) {
	*l = append(*l, &Error{Path: path, Line: line, Msg: fmt.Sprintf(format, args...), Err: err})
}

// Err returns the sorted list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}
