package chart

import (
	"unicode/utf8"
)

// A chart's data JSON is written by hand with these appenders, not by
// encoding/json: it is small, its shape is fixed per kind, and the project
// chart on every project page must cost a few µs (BenchmarkProjectChart).
// Strings are escaped exactly as encoding/json escapes them by default, so
// data and shells obey one rule: no byte sequence in them can end a
// <script> element or open a comment (<, > and & are \u003c, \u003e,
// \u0026), and U+2028/U+2029 are escaped too.

// appendString appends s as a JSON string, HTML-safe (see above); invalid
// UTF-8 becomes U+FFFD.
func appendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendArray appends a JSON array of xs, each written by f.
func appendArray[T any](dst []byte, xs []T, f func([]byte, T) []byte) []byte {
	dst = append(dst, '[')
	for i, x := range xs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = f(dst, x)
	}
	return append(dst, ']')
}

// appendStrings appends a JSON array of strings.
func appendStrings(dst []byte, ss []string) []byte { return appendArray(dst, ss, appendString) }

// appendNumber appends a finite v in its shortest decimal form, never in
// exponent notation and never -0: the caller rounded v to what is shown,
// and the page publishes that number (24.56, not 24.560000000000002).
func appendNumber(dst []byte, v float64) []byte {
	if v == 0 {
		return append(dst, '0')
	}
	return appendFloatF(dst, v)
}

// key appends "name": after a comma unless first.
func key(dst []byte, name string, first bool) []byte {
	if !first {
		dst = append(dst, ',')
	}
	dst = append(dst, '"')
	dst = append(dst, name...)
	return append(dst, '"', ':')
}
