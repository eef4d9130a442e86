package markdown

import (
	"errors"
	"html/template"
	"strings"
	"testing"

	"gongjian/generator/internal/i18n"
)

func TestConvert(t *testing.T) {
	tests := []struct {
		name, src string
		unsafe    bool
		want      []string
		not       []string
	}{
		{"raw html escaped", "a <b onclick=x>bold</b>\n\n<script>alert(1)</script>\n", false,
			[]string{"&lt;b onclick=x&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"}, []string{"<script>", "<b "}},
		{"unsafe lets html through", "<em>x</em>\n", true, []string{"<em>x</em>"}, nil},
		{"gfm table", "| a | b |\n|---|---|\n| 1 | 2 |\n", false, []string{"<table>", "<td>1</td>"}, nil},
		{"plain code fence untouched", "```go\nx := 1\n```\n", false, []string{`<code class="language-go">`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := New(tt.unsafe).Convert([]byte(tt.src), 1, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(h), w) {
					t.Errorf("Convert(%q) = %s; want it to contain %q", tt.src, h, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(string(h), n) {
					t.Errorf("Convert(%q) = %s; must not contain %q", tt.src, h, n)
				}
			}
		})
	}
}

// TestBlocks: blocks reach the BlockFunc in order with their bodies, their
// HTML replaces them, and errors name the file line of the fence plus the
// line inside the block.
func TestBlocks(t *testing.T) {
	src := "+intro\n\n```chart\nkind = \"ranking\"\n```\n\ntext\n\n```table\nkind = \"x\"\nbad = 1\n```\n"
	var seen []string
	fn := func(info string, body []byte, index int) (template.HTML, error) {
		seen = append(seen, info+":"+strings.TrimSpace(string(body)))
		if info == "table" {
			return "", &BlockError{Line: 2, Msg: i18n.M("raw", "bad key")}
		}
		return template.HTML(`<div id="block` + string(rune('0'+index)) + `"></div>`), nil
	}
	h, err := New(false).Convert([]byte(src), 10, fn)
	if got := strings.Join(seen, "|"); got != `chart:kind = "ranking"|table:kind = "x"`+"\n"+`bad = 1` {
		t.Errorf("blocks seen = %q", got)
	}
	if !strings.Contains(string(h), `<div id="block0"></div>`) {
		t.Errorf("chart block HTML missing: %s", h)
	}
	var le *LineError
	// The table fence is on line 9 of src, line 18 of the file; bad is 2 below.
	if !errors.As(err, &le) || le.Line != 20 || le.Msg.String() != "bad key" {
		t.Errorf("Convert error = %v; want line 20: bad key", err)
	}
}

func FuzzConvert(f *testing.F) {
	f.Add("# t\n\n```chart\nkind = \"ranking\"\n```\n<b>x</b>\n| a |\n|---|\n| 1 |\n")
	f.Add("```table\n```\n")
	f.Add("```chart")
	f.Fuzz(func(t *testing.T, src string) {
		fn := func(info string, body []byte, index int) (template.HTML, error) {
			if len(body)%2 == 1 {
				return "", &BlockError{Line: len(body) % 5, Msg: i18n.M("raw", "odd")}
			}
			return "<p>ok</p>", nil
		}
		for _, unsafe := range []bool{false, true} {
			h, err := New(unsafe).Convert([]byte(src), 1, fn)
			if !unsafe && strings.Contains(strings.ToLower(string(h)), "<script") {
				t.Errorf("raw <script> came through: %q → %s", src, h)
			}
			var le *LineError
			if err != nil && errors.As(err, &le) && le.Line < 1 {
				t.Errorf("error line %d < 1 for %q", le.Line, src)
			}
		}
	})
}

// Inputs on which goldmark takes time growing with the square of their
// size are refused at their line, with the limit; ordinary brackets,
// parentheses and definitions, and anything in fenced code, are not.
func TestTangled(t *testing.T) {
	deep := strings.Repeat("[", 40) + "x" + strings.Repeat("]", 40)
	defs := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString("[r" + strings.Repeat("x", i%7) + "]: /u\n")
		}
		return b.String()
	}
	tests := []struct {
		name, src string
		line      int // 0: converts
		words     string
	}{
		{"nested brackets", "intro\n\ntext " + deep + "\n", 3, "nested too deeply"},
		{"links without their parenthesis", "a\n" + strings.Repeat("[a](", 40) + "\n", 2, "nested too deeply"},
		{"images in images", strings.Repeat("![", 33) + "\n", 1, "nested too deeply"},
		{"definitions in one paragraph", "x\n\n" + defs(501), 503, "at most 500"},
		{"definitions in paragraphs", defs(400) + "\n" + defs(400), 0, ""},
		{"links and notes", "见[通报](/bulletins/) (第 (3) 期) [a [b [c]]](/x) \\[\\[\\[\n", 0, ""},
		{"brackets closed between", strings.Repeat("[x](/y) ", 200) + "\n", 0, ""},
		{"fenced code", "```\n" + deep + "\n```\n", 0, ""},
		{"escaped", strings.Repeat(`\[`, 100) + "\n", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(false).Convert([]byte(tt.src), 1, nil)
			var le *LineError
			switch {
			case tt.line == 0 && err != nil:
				t.Errorf("refused: %v", err)
			case tt.line != 0 && (!errors.As(err, &le) || le.Line != tt.line || !strings.Contains(le.Msg.Text("en"), tt.words)):
				t.Errorf("error = %v; want line %d saying %q", err, tt.line, tt.words)
			}
		})
	}
}

// BenchmarkHostile converts 1 MB inputs (the default limit of a markdown
// file) that are slow for a markdown parser: each is refused at once or
// converted in time linear in its size.
func BenchmarkHostile(b *testing.B) {
	const n = 1 << 20
	fill := func(unit string) string { return strings.Repeat(unit, n/len(unit)) }
	for _, h := range []struct{ name, src string }{
		{"nested brackets", strings.Repeat("[", n/2) + strings.Repeat("]", n/2)},
		{"open links", fill("[a](")},
		{"images", fill("![")},
		{"emphasis", fill("*a ")},
		{"underscores", fill("_a")},
		{"backticks", fill("`")},
		{"angle brackets", fill("<")},
		{"html", fill("<div>")},
		{"table", "|a|b|c|\n|-|-|-|\n" + fill("|1|2|3|\n")},
		{"definitions", fill("[r]: /x\n")},
		{"definitions in paragraphs", fill("[r]: /x\n\n")},
		{"paragraphs", fill("段落，文字文字文字。\n\n")},
		{"list", fill("- item\n")},
	} {
		b.Run(h.name, func(b *testing.B) {
			src := []byte(h.src)
			b.SetBytes(int64(len(src)))
			m := New(false)
			for b.Loop() {
				m.Convert(src, 1, nil)
			}
		})
	}
}
