package tomldoc

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// ErrKind says what kind of syntax error a SyntaxError is, so that the
// caller can word it in the user's language.
type ErrKind int

const (
	// Syntax is any error of TOML syntax the other kinds do not name.
	Syntax ErrKind = iota
	// TooDeep: values nested deeper than Options.MaxDepth.
	TooDeep
	// TooComplex: keys so long or so deeply nested, for the size of the
	// file, that decoding would take far longer than any real file does
	// (see Parse).
	TooComplex
	// NotUTF8: the text is not UTF-8 (a file saved as GBK or UTF-16).
	NotUTF8
	// DuplicateKey: a key or table defined twice, or defined as two
	// different things.
	DuplicateKey
)

func (k ErrKind) String() string {
	switch k {
	case Syntax:
		return "Syntax"
	case TooDeep:
		return "TooDeep"
	case TooComplex:
		return "TooComplex"
	case NotUTF8:
		return "NotUTF8"
	case DuplicateKey:
		return "DuplicateKey"
	}
	return fmt.Sprintf("ErrKind(%d)", int(k))
}

// SyntaxError is a document that is not TOML, or not one Parse accepts.
type SyntaxError struct {
	Line, Col int    // 1-based; Col counts characters, not bytes
	Msg       string // the parser's own message, in English: for the record and --verbose
	Kind      ErrKind
	Hint      *Hint // what the user probably meant to write; nil when nothing is recognised
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Col, e.Msg)
}

// errorAt makes a SyntaxError for byte offset off of src.
func errorAt(src string, off int, kind ErrKind, msg string) *SyntaxError {
	line, col := position(src, off)
	return &SyntaxError{Line: line, Col: col, Msg: msg, Kind: kind}
}

// position returns the line and the column, in characters, of byte
// offset off of src.
func position(src string, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	start := strings.LastIndexByte(src[:off], '\n') + 1
	return strings.Count(src[:start], "\n") + 1, utf8.RuneCountInString(src[start:off]) + 1
}

// fromDecode turns toml.Decode's error on src into a SyntaxError. The
// toml.ParseError itself is not kept: everything in it is in the
// SyntaxError, and its ErrorWithPosition panics where its Line is off.
func fromDecode(src string, err error) *SyntaxError {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		// toml.Decode reports every problem of the text as a ParseError;
		// anything else is kept as it is, on the first line.
		return &SyntaxError{Line: 1, Col: 1, Msg: err.Error(), Kind: Syntax}
	}
	// Position.Start is the offset of the offending text; Position.Line
	// is one short for an escape at the very end of the text.
	e := &SyntaxError{Line: max(pe.Position.Line, 1), Col: 1, Msg: pe.Message, Kind: Syntax}
	if pe.Position.Start >= 0 && pe.Position.Start <= len(src) {
		e.Line, e.Col = position(src, pe.Position.Start)
	}
	switch {
	case strings.Contains(pe.Message, "has already been defined"),
		strings.Contains(pe.Message, "was already created"):
		e.Kind = DuplicateKey
	case strings.HasPrefix(pe.Message, "invalid UTF-8"):
		e.Kind = NotUTF8
	}
	return e
}
