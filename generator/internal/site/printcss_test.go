package site

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPageFooterCSS(t *testing.T) {
	for _, tc := range []struct {
		format string
		want   string
	}{
		{"第 %[1]s 页 / 共 %[2]s 页", `"第 " counter(page) " 页 / 共 " counter(pages) " 页"`},
		{"Page %[1]s of %[2]s", `"Page " counter(page) " of " counter(pages)`},
		{"%[2]s/%[1]s", `counter(pages) "/" counter(page)`},
		{"%[1]s", `counter(page)`},
		{"", `""`},
		{"no numbers", `"no numbers"`},
		{`say "hi" \ now`, `"say \"hi\" \\ now"`},
		{"</style><script>", `"\3c /style\3e \3c script\3e "`},
		{"a\nb\x00c", `"a\a b\fffd c"`},
	} {
		t.Run(tc.format, func(t *testing.T) {
			formatted := strings.NewReplacer("%[1]s", cssPage, "%[2]s", cssPages).Replace(tc.format)
			if got := string(pageFooterCSS(formatted)); got != tc.want {
				t.Errorf("pageFooterCSS(%q) = %s; want %s", formatted, got, tc.want)
			}
		})
	}
}

// The footer is any UI string an office may write in [strings]: whatever
// it is, the CSS is strings and counters alone, nothing in it can close
// the <style> element, and it reads back as what was written.
func FuzzPageFooterCSS(f *testing.F) {
	for _, s := range []string{"第 %[1]s 页 / 共 %[2]s 页", "Page %[1]s of %[2]s", `"; } </style>`, "%[1]s%[2]s%[1]s", "a\\b\r\n\x01", "\x00page\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // UI strings are TOML strings: UTF-8
		}
		s = strings.ReplaceAll(s, "\x00", "") // no text has a NUL but the markers
		formatted := strings.NewReplacer("%[1]s", cssPage, "%[2]s", cssPages).Replace(s)
		css := string(pageFooterCSS(formatted))
		if strings.ContainsAny(css, "<>&\n\r\x00") {
			t.Fatalf("pageFooterCSS(%q) = %s: it could end the <style> element", formatted, css)
		}
		back, err := readContent(css)
		if err != nil {
			t.Fatalf("pageFooterCSS(%q) = %s: %v", formatted, css, err)
		}
		if want := strings.NewReplacer("%[1]s", "[page]", "%[2]s", "[pages]").Replace(s); back != want {
			t.Fatalf("pageFooterCSS(%q) = %s, which reads %q; want %q", formatted, css, back, want)
		}
	})
}

// readContent reads a CSS content value of strings and counters back into
// text, the counters as [page] and [pages].
func readContent(css string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(css); {
		switch {
		case strings.HasPrefix(css[i:], "counter(pages)"):
			b.WriteString("[pages]")
			i += len("counter(pages)")
		case strings.HasPrefix(css[i:], "counter(page)"):
			b.WriteString("[page]")
			i += len("counter(page)")
		case css[i] == '"':
			i++
			for {
				if i >= len(css) {
					return "", fmt.Errorf("an unclosed string")
				}
				c := css[i]
				if c == '"' {
					i++
					break
				}
				if c != '\\' {
					b.WriteByte(c)
					i++
					continue
				}
				i++
				j := i
				for j < len(css) && j-i < 6 && strings.IndexByte("0123456789abcdef", css[j]) >= 0 {
					j++
				}
				if j == i { // \" or \\
					b.WriteByte(css[i])
					i++
					continue
				}
				n, _ := strconv.ParseInt(css[i:j], 16, 32)
				b.WriteRune(rune(n))
				i = j
				if i < len(css) && css[i] == ' ' {
					i++
				}
			}
		default:
			return "", fmt.Errorf("%q where a string or a counter belongs", css[i:])
		}
		if i < len(css) {
			if css[i] != ' ' {
				return "", fmt.Errorf("no space between values")
			}
			i++
		}
	}
	return b.String(), nil
}
