package devserver

import (
	"errors"
	"strconv"
	"strings"
)

// Problem is one positioned problem, already worded in the user's
// language. Path is slash-separated and relative to the site's source (or
// empty when the problem has no file); Line is 1-based, 0 when unknown.
//
// A Problem is an error, so that Site.Check can return several joined
// with errors.Join and each keeps its position.
type Problem struct {
	Path    string `json:"path,omitempty"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// Error is the problem as the terminal and the overlay show it:
// "path:line: message", "path: message" or the message alone.
func (p Problem) Error() string {
	var b strings.Builder
	if p.Path != "" {
		b.WriteString(p.Path)
		if p.Line > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(p.Line))
		}
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// problemsIn lists the problems of an error tree: every Problem in it,
// through errors.Join and %w wrapping; a branch without any counts as one
// problem worded by its own text.
func problemsIn(err error) []Problem {
	var out []Problem
	var walk func(error)
	walk = func(e error) {
		switch x := e.(type) {
		case nil:
			return
		case Problem:
			out = append(out, x)
			return
		case *Problem:
			if x != nil {
				out = append(out, *x)
			}
			return
		case interface{ Unwrap() []error }:
			for _, c := range x.Unwrap() {
				walk(c)
			}
			return
		}
		if inner := errors.Unwrap(e); inner != nil && hasProblem(inner) {
			walk(inner)
			return
		}
		out = append(out, Problem{Message: e.Error()})
	}
	walk(err)
	return out
}

// hasProblem tells whether an error tree holds a Problem.
func hasProblem(err error) bool {
	var p Problem
	var pp *Problem
	return errors.As(err, &p) || errors.As(err, &pp)
}
