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
