package tmplexec

// The escapers below are html/template's own (Go's src/html/template,
// BSD-style licence, Copyright The Go Authors), copied because the
// originals are unexported. Only what the fast path needs is here; a
// value they cannot handle exactly (HTML content inside an attribute,
// CSS escapes) makes Execute return ErrFallback, and the caller runs
// html/template itself.

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"unicode/utf8"
)

type contentType uint8

const (
	contentTypePlain contentType = iota
	contentTypeCSS
	contentTypeHTML
	contentTypeHTMLAttr
	contentTypeJS
	contentTypeJSStr
	contentTypeURL
	contentTypeSrcset
)

// escaper is one of html/template's _html_template_* functions.
type escaper func(s string, t contentType) (string, bool)

var escapers = map[string]escaper{
	"_html_template_htmlescaper":    htmlEscaper,
	"_html_template_attrescaper":    attrEscaper,
	"_html_template_rcdataescaper":  rcdataEscaper,
	"_html_template_urlfilter":      urlFilter,
	"_html_template_urlnormalizer":  func(s string, t contentType) (string, bool) { return urlProcessor(true, s, t), true },
	"_html_template_urlescaper":     func(s string, t contentType) (string, bool) { return urlProcessor(false, s, t), true },
	"_html_template_cssvaluefilter": cssValueFilter,
	"_html_template_cssescaper":     cssEscaper,
}

// directTables are the escapers that, for plain text, replace
// characters by a table (htmlReplacer with badRunes).
var directTables = map[string][]string{
	"_html_template_htmlescaper":   htmlReplacementTable,
	"_html_template_attrescaper":   htmlReplacementTable,
	"_html_template_rcdataescaper": htmlReplacementTable,
}

// htmlReplaceTo writes htmlReplacer(s, table, true) to w.
func htmlReplaceTo(w Writer, s string, table []string) {
	written := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			// Every replaced rune is ASCII; a multi-byte rune (or an
			// invalid byte, decoded as width 1) is copied as it is.
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		if int(c) < len(table) && table[c] != "" {
			w.WriteString(s[written:i])
			w.WriteString(table[c])
			written = i + 1
		}
		i++
	}
	w.WriteString(s[written:])
}

// indirectAny is html/template's indirect.
func indirectAny(a any) any {
	if a == nil {
		return nil
	}
	if t := reflect.TypeOf(a); t.Kind() != reflect.Pointer {
		return a
	}
	v := reflect.ValueOf(a)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

var (
	errorType       = reflect.TypeFor[error]()
	fmtStringerType = reflect.TypeFor[fmt.Stringer]()
)

func indirectToStringerOrError(a any) any {
	if a == nil {
		return nil
	}
	v := reflect.ValueOf(a)
	for !v.Type().Implements(fmtStringerType) && !v.Type().Implements(errorType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

// stringify is html/template's stringify for the one argument an
// escaper receives in a pipeline.
func stringify(a any) (string, contentType) {
	switch s := indirectAny(a).(type) {
	case string:
		return s, contentTypePlain
	case template.CSS:
		return string(s), contentTypeCSS
	case template.HTML:
		return string(s), contentTypeHTML
	case template.HTMLAttr:
		return string(s), contentTypeHTMLAttr
	case template.JS:
		return string(s), contentTypeJS
	case template.JSStr:
		return string(s), contentTypeJSStr
	case template.URL:
		return string(s), contentTypeURL
	case template.Srcset:
		return string(s), contentTypeSrcset
	}
	if a == nil {
		return fmt.Sprint(), contentTypePlain
	}
	return fmt.Sprint(indirectToStringerOrError(a)), contentTypePlain
}

func htmlEscaper(s string, t contentType) (string, bool) {
	if t == contentTypeHTML {
		return s, true
	}
	return htmlReplacer(s, htmlReplacementTable, true), true
}

func attrEscaper(s string, t contentType) (string, bool) {
	if t == contentTypeHTML {
		return "", false // stripTags: left to html/template
	}
	return htmlReplacer(s, htmlReplacementTable, true), true
}

func rcdataEscaper(s string, t contentType) (string, bool) {
	if t == contentTypeHTML {
		return htmlReplacer(s, htmlNormReplacementTable, true), true
	}
	return htmlReplacer(s, htmlReplacementTable, true), true
}

var htmlReplacementTable = []string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

var htmlNormReplacementTable = []string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

func htmlReplacer(s string, replacementTable []string, badRunes bool) string {
	written, b := 0, new(strings.Builder)
	r, w := rune(0), 0
	for i := 0; i < len(s); i += w {
		r, w = utf8.DecodeRuneInString(s[i:])
		if int(r) < len(replacementTable) {
			if repl := replacementTable[r]; len(repl) != 0 {
				if written == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[written:i])
				b.WriteString(repl)
				written = i + w
			}
		} else if badRunes {
			// No-op.
		} else if 0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff {
			if written == 0 {
				b.Grow(len(s))
			}
			fmt.Fprintf(b, "%s&#x%x;", s[written:i], r)
			written = i + w
		}
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

const filterFailsafe = "ZgotmplZ"

func urlFilter(s string, t contentType) (string, bool) {
	if t == contentTypeURL {
		return s, true
	}
	if !isSafeURL(s) {
		return "#" + filterFailsafe, true
	}
	return s, true
}

func isSafeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return false
		}
	}
	return true
}

func urlProcessor(norm bool, s string, t contentType) string {
	if t == contentTypeURL {
		norm = true
	}
	var b strings.Builder
	if processURLOnto(s, norm, &b) {
		return b.String()
	}
	return s
}

func processURLOnto(s string, norm bool, b *strings.Builder) bool {
	written := 0
	for i, n := 0, len(s); i < n; i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(b, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		return false
	}
	b.WriteString(s[written:])
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

var (
	expressionBytes = []byte("expression")
	mozBindingBytes = []byte("mozbinding")
)

func cssValueFilter(s string, t contentType) (string, bool) {
	if t == contentTypeCSS {
		return s, true
	}
	if strings.IndexByte(s, '\\') >= 0 {
		return "", false // CSS escapes: left to html/template
	}
	b, id := []byte(s), make([]byte, 0, 64)
	for i, c := range b {
		switch c {
		case 0, '"', '\'', '(', ')', '/', ';', '@', '[', '\\', ']', '`', '{', '}', '<', '>':
			return filterFailsafe, true
		case '-':
			if i != 0 && b[i-1] == '-' {
				return filterFailsafe, true
			}
		default:
			if c < utf8.RuneSelf && isCSSNmchar(rune(c)) {
				id = append(id, c)
			}
		}
	}
	id = bytes.ToLower(id)
	if bytes.Contains(id, expressionBytes) || bytes.Contains(id, mozBindingBytes) {
		return filterFailsafe, true
	}
	return s, true
}

func isCSSNmchar(r rune) bool {
	return 'a' <= r && r <= 'z' ||
		'A' <= r && r <= 'Z' ||
		'0' <= r && r <= '9' ||
		r == '-' ||
		r == '_' ||
		0x80 <= r && r <= 0xd7ff ||
		0xe000 <= r && r <= 0xfffd ||
		0x10000 <= r && r <= 0x10ffff
}

func cssEscaper(s string, _ contentType) (string, bool) {
	var b strings.Builder
	r, w, written := rune(0), 0, 0
	for i := 0; i < len(s); i += w {
		r, w = utf8.DecodeRuneInString(s[i:])
		var repl string
		switch {
		case int(r) < len(cssReplacementTable) && cssReplacementTable[r] != "":
			repl = cssReplacementTable[r]
		default:
			continue
		}
		if written == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[written:i])
		b.WriteString(repl)
		written = i + w
		if repl != `\\` && (written == len(s) || isHex(s[written]) || isCSSSpace(s[written])) {
			b.WriteByte(' ')
		}
	}
	if written == 0 {
		return s, true
	}
	b.WriteString(s[written:])
	return b.String(), true
}

var cssReplacementTable = []string{
	0:    `\0`,
	'\t': `\9`,
	'\n': `\a`,
	'\f': `\c`,
	'\r': `\d`,
	'"':  `\22`,
	'&':  `\26`,
	'\'': `\27`,
	'(':  `\28`,
	')':  `\29`,
	'+':  `\2b`,
	'/':  `\2f`,
	':':  `\3a`,
	';':  `\3b`,
	'<':  `\3c`,
	'>':  `\3e`,
	'\\': `\\`,
	'{':  `\7b`,
	'}':  `\7d`,
}

func isCSSSpace(b byte) bool {
	switch b {
	case '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}
