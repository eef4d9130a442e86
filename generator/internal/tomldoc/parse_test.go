package tomldoc

import (
	"errors"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	deepHeader := "[" + strings.Repeat("a.", 64) + "a]\n"
	tests := []struct {
		name      string
		src       string
		opt       Options
		line, col int
		kind      ErrKind
	}{
		{"arrays", "a = 1\nx = " + strings.Repeat("[", 70) + strings.Repeat("]", 70), Options{}, 2, 68, TooDeep},
		{"arrays over lines", "x = [\n[\n[\n[\n1]]]]\n", Options{MaxDepth: 3}, 3, 1, TooDeep},
		{"inline tables", "x = " + strings.Repeat("{a=", 70) + "1" + strings.Repeat("}", 70), Options{}, 1, 195, TooDeep},
		{"dotted key", strings.Repeat("a.", 70) + "a = 1", Options{}, 1, 129, TooDeep},
		{"table header", "b = 1\n" + deepHeader, Options{}, 2, 130, TooDeep},
		{"array of tables header", "[[" + strings.Repeat("a.", 63) + "a]]\n", Options{}, 1, 130, TooDeep},
		{"header, dotted key and arrays add up", "[a.b]\nc.d = [[1]]\n", Options{MaxDepth: 5}, 2, 8, TooDeep},
		{"in an inline array of tables", "x = [{a = [{b = 1}]}]\n", Options{MaxDepth: 4}, 1, 13, TooDeep},
		{"the limit itself is allowed; an error further on is toml.Decode's", "x = [[[1]]]\ny = ?\n", Options{MaxDepth: 4}, 2, 5, Syntax},
		{"not UTF-8", "a = 1\nb = \"\xff\"\n", Options{}, 2, 6, NotUTF8},
		{"not UTF-8 after Chinese", "a = '南曹\xc3'\n", Options{}, 1, 8, NotUTF8},
		{"UTF-16", "\xff\xfea\x00 \x00=\x00", Options{}, 1, 1, NotUTF8},
		{"syntax, column in characters", "n = \"南曹\" x\n", Options{}, 1, 9, Syntax},
		{"syntax after a byte-order mark", "\ufeffa = 1\nb = ?\n", Options{}, 2, 5, Syntax},
		{"syntax with CRLF", "a = 1\r\nb = [\r\n1 2]\r\n", Options{}, 3, 3, Syntax},
		{"duplicate key", "a = 1\na = 2\n", Options{}, 2, 1, DuplicateKey},
		{"duplicate table", "[a]\nx = 1\n[a]\n", Options{}, 3, 2, DuplicateKey},
		{"key then array of tables", "a = [1]\n[[a]]\n", Options{}, 2, 3, DuplicateKey},
		{"unterminated string", "a = \"x\nb = 1\n", Options{}, 1, 7, Syntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.src, tt.opt)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) = %v, %v; want a *SyntaxError", tt.src, doc, err)
			}
			if doc != nil {
				t.Errorf("Parse(%q) returned a Doc with its error", tt.src)
			}
			if se.Line != tt.line || se.Col != tt.col || se.Kind != tt.kind {
				t.Errorf("Parse(%q) = %d:%d %v (%s); want %d:%d %v", tt.src, se.Line, se.Col, se.Kind, se.Msg, tt.line, tt.col, tt.kind)
			}
			if se.Msg == "" || !strings.Contains(se.Error(), se.Msg) {
				t.Errorf("Parse(%q): Msg %q, Error() %q; want a message, in Error()", tt.src, se.Msg, se.Error())
			}
		})
	}
}

// TestTooComplex: toml.Decode's work grows with the length times the
// number of keys under a long table name; past the budget, Parse refuses
// before toml.Decode starts. Short keys under the same number of tables
// pass.
func TestTooComplex(t *testing.T) {
	var long, short strings.Builder
	long.WriteString("[" + strings.Repeat("k", 100_000) + "]\n")
	short.WriteString("[k]\n")
	for i := range 5000 {
		line := "a" + strings.Repeat("0", 4-len(itoa(i))) + itoa(i) + " = 1\n"
		long.WriteString(line)
		short.WriteString(line)
	}
	_, err := Parse(long.String(), Options{})
	var se *SyntaxError
	if !errors.As(err, &se) || se.Kind != TooComplex || se.Line < 10 {
		t.Errorf("Parse(100 KB table name, 5000 keys) = %v; want TooComplex some lines in", err)
	}
	if _, err := Parse(short.String(), Options{}); err != nil {
		t.Errorf("Parse(short table name, 5000 keys) = %v; want no error", err)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func TestParseNormalises(t *testing.T) {
	doc, err := Parse("\ufeffa = 1\r\nb = '''x\r\ny'''\r\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := doc.Src(), "a = 1\nb = '''x\ny'''\n"; got != want {
		t.Errorf("Src() = %q; want %q", got, want)
	}
	if got := doc.Root["b"]; got != "x\ny" {
		t.Errorf("b = %q; want \"x\\ny\"", got)
	}
}
