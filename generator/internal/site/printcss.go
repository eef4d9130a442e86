package site

import (
	"html/template"
	"strconv"
	"strings"
)

// The printed page footer ("第 3 页 / 共 12 页", "Page 3 of 12") is a UI
// string like any other (print.footer), but the browser fills in the
// numbers: CSS writes it as strings around counter(page) and
// counter(pages). The string is formatted with two markers for the
// numbers, and the text around them becomes CSS strings, escaped so that
// no UI string — an office's [strings] override included — can end the
// string, the rule or the <style> element it sits in.

// The markers the footer's %[1]s and %[2]s are formatted with. A NUL
// cannot reach the page: pageFooterCSS escapes every control character.
const (
	cssPage  = "\x00page\x00"
	cssPages = "\x00pages\x00"
)

// pageFooterCSS turns a formatted footer into a CSS content value:
// "第 " counter(page) " 页 / 共 " counter(pages) " 页".
func pageFooterCSS(formatted string) template.CSS {
	var parts []string
	for formatted != "" {
		i, marker, counter := nextMarker(formatted)
		if i < 0 {
			parts = append(parts, cssString(formatted))
			break
		}
		if i > 0 {
			parts = append(parts, cssString(formatted[:i]))
		}
		parts = append(parts, counter)
		formatted = formatted[i+len(marker):]
	}
	if len(parts) == 0 {
		return `""`
	}
	return template.CSS(strings.Join(parts, " "))
}

// nextMarker finds the first marker in s: its index (-1: none), the
// marker and the counter it stands for.
func nextMarker(s string) (int, string, string) {
	i, j := strings.Index(s, cssPage), strings.Index(s, cssPages)
	switch {
	case j >= 0 && (i < 0 || j < i): // neither marker is a prefix of the other
		return j, cssPages, "counter(pages)"
	case i >= 0:
		return i, cssPage, "counter(page)"
	}
	return -1, "", ""
}

// cssString quotes s as a CSS string: quotes and backslashes escaped,
// control characters and the characters that could end a <style>
// element (< > &) written as hexadecimal escapes.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == 0:
			b.WriteString(`\fffd `) // CSS has no NUL: its replacement
		case r < 0x20 || r == 0x7f || r == '<' || r == '>' || r == '&':
			b.WriteByte('\\')
			b.WriteString(strconv.FormatInt(int64(r), 16))
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
